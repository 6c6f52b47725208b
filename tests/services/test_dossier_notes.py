"""Private annotations: the agents of the dossier's service only; the applicant never reads them,
not on his pages, not in the documents the application produces."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from soprano_app.domain.dossier_notes import MAX_NOTE, note_refused
from soprano_app.domain.workflow import Action
from soprano_app.services import dossier_notes, dossiers, letters
from soprano_app.services.workflow import ActionInput, perform
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")

SECRET = "Vérifier la garantie : soupçon de sous-évaluation (ne pas communiquer)."


def test_refused_notes() -> None:
    assert note_refused("   ") == "Écrivez la note avant de l'enregistrer."
    assert "au plus 2000" in note_refused("x" * (MAX_NOTE + 1))
    assert note_refused("Une note.") == ""


def test_agents_of_the_service_write_and_read_notes_newest_first() -> None:
    dossier_id = filed_application()
    lead, agent = ctx_of("agent@demo.fr"), ctx_of("agent.lyon@demo.fr")
    assert dossier_notes.notes_of(agent, dossier_id) == []
    dossier_notes.add_note(lead, dossier_id, "Première note.")
    dossier_notes.add_note(agent, dossier_id, f"  {SECRET}  ")
    notes = dossier_notes.notes_of(lead, dossier_id)
    assert notes is not None
    assert [(n.author, n.text) for n in notes] == [
        ("Thomas Bernard", SECRET),
        ("Sophie Martin", "Première note."),
    ]
    assert all(n.date for n in notes)
    with pytest.raises(dossier_notes.NoteError, match="Écrivez"):
        dossier_notes.add_note(agent, dossier_id, "")


@pytest.mark.parametrize("email", ["operateur@demo.fr", "agent.lille@demo.fr", "admin@demo.fr"])
def test_nobody_else_reads_or_writes_them(email: str) -> None:
    dossier_id = filed_application()
    dossier_notes.add_note(ctx_of("agent@demo.fr"), dossier_id, SECRET)
    outsider = ctx_of(email)
    assert dossier_notes.notes_of(outsider, dossier_id) is None
    with pytest.raises(dossier_notes.NoteError, match="Réservé"):
        dossier_notes.add_note(outsider, dossier_id, "Intrusion")
    assert [n.text for n in dossier_notes.notes_of(ctx_of("agent@demo.fr"), dossier_id) or []] == [SECRET]


def test_the_applicants_pages_and_documents_never_hold_them() -> None:
    dossier_id = filed_application()
    lead = ctx_of("agent@demo.fr")
    dossier_notes.add_note(lead, dossier_id, SECRET)
    perform(lead, dossier_id, Action.ACCEPTER, ActionInput(message="Demande complète."))
    operator = ctx_of("operateur@demo.fr")
    view = dossiers.get_dossier(operator, dossier_id)
    assert view is not None and SECRET not in repr(view)
    accepted = next(e for e in view.history if e.letter_url)  # the acceptance letter (PDF)
    event_id = int(accepted.letter_url.rstrip("/").split("/")[-1])
    found = letters.dossier_letter(operator, dossier_id, event_id)
    assert found is not None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(found[1])).pages)
    assert "Accusé d'acceptation" in text and "sous-évaluation" not in text


def test_only_the_notes_service_reads_the_notes_table() -> None:
    """No page, document or export can show a note by accident: one module reads the table."""
    root = Path(dossier_notes.__file__).resolve().parent.parent
    readers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "DossierNote" in path.read_text(encoding="utf-8")
    )
    assert readers == ["models.py", "services/dossier_notes.py"]
