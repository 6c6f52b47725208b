"""« Dossier complet »: one ZIP with the application as PDF, its history and comments as PDF, and
every present attachment, as the session may see them (the applicant never gets what customs kept
from him, nor the service's private notes: those are only read by ``services/dossier_notes.py``)."""

from __future__ import annotations

import io
import zipfile

from ..domain.forms.display import recap
from ..pdf import dossier as pdf
from . import attachments, dossiers, drafts
from .auth import SessionContext
from .demo import demo_loaded


def _unique(name: str, taken: set[str]) -> str:
    """« pieces/facture.pdf », then « pieces/facture-2.pdf »…: every file keeps its own entry."""
    base, dot, extension = name.rpartition(".")
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}.{extension}" if dot else f"{name}-{n}"
    taken.add(candidate)
    return candidate


def dossier_zip(ctx: SessionContext, dossier_id: int) -> tuple[str, bytes] | None:
    """(file name, ZIP bytes), or None if the session may not see the dossier."""
    view = dossiers.get_dossier(ctx, dossier_id)
    form = drafts.load_form(ctx, dossier_id)
    if view is None or form is None:
        return None
    facts = [
        ("Opérateur", view.entreprise),
        ("Régime", view.regime_label),
        ("Type de demande", view.type_demande_label),
        ("Statut", view.statut_label),
        ("Service des douanes", view.service or "—"),
        ("Créé le", view.created_at),
        ("Déposé le", view.submitted_at or "—"),
        ("Échéance", view.echeance or "—"),
    ]
    history = [
        pdf.HistoryLine(e.date, e.author, e.kind_label, e.change, e.message) for e in reversed(view.history)
    ]
    doc = pdf.DossierDocument(
        numero=view.numero,
        title=f"Demande d'autorisation — {view.regime_label}",
        facts=facts,
        rubriques=recap(form.answers, form.context()),
        history=history,
        demo=demo_loaded(),
    )
    buffer = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_unique("demande.pdf", taken), pdf.render_application(doc))
        archive.writestr(_unique("historique.pdf", taken), pdf.render_history(doc))
        for found in attachments.present_files(ctx, dossier_id):
            archive.writestr(_unique(f"pieces/{found.file_name}", taken), found.data)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in view.numero)
    return f"dossier-{safe}.zip", buffer.getvalue()
