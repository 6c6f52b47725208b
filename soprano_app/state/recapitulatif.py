"""« Valider »: the recap of every answer, the attestation, then the submission (spec §1.5)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from .. import routes
from ..domain.catalogue.conditions import OUI
from ..domain.forms import form_findings
from ..domain.forms.display import RecapTable, recap
from ..domain.roles import OPERATOR_ROLES
from ..services import drafts, follow_ups
from .form import findings_summary
from .origin import origin_view
from .session import SessionState


def recap_view(answers: dict[str, Any], context: Any) -> list[dict[str, Any]]:
    """The recap as plain data for the page (entries and tables in one list per section)."""
    result = []
    for rubrique in recap(answers, context):
        sections = []
        for section in rubrique.sections:
            entries = []
            for entry in section.entries:
                if isinstance(entry, RecapTable):
                    entries.append(
                        {"table": True, "label": entry.label, "columns": entry.columns, "rows": entry.rows}
                    )
                else:
                    entries.append(
                        {
                            "table": False,
                            **asdict(entry),
                            "value": entry.value or ("" if not entry.depth and not entry.value else "—"),
                        }
                    )
            sections.append({"title": section.title, "entries": entries})
        result.append({"rubrique": rubrique.rubrique, "label": rubrique.label, "sections": sections})
    return result


class RecapitulatifState(rx.State):
    dossier_id: int = 0
    numero: str = ""
    regime_label: str = ""
    rubriques: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    error_count: int = 0
    warning_count: int = 0
    attested: bool = False
    submitting: bool = False
    message: str = ""
    loaded: bool = False
    not_found: str = ""
    origin: dict[str, str] = {}
    changes: list[dict[str, str]] = []
    _version: int = 0

    async def _load(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return None, redirect
        data = await asyncio.to_thread(drafts.load_form, ctx, routes.id_in_path(self.router.url.path))
        return (ctx, data), None

    @rx.event
    async def load(self):
        from ..domain.regimes import REGIME_LABELS

        self.loaded, self.not_found, self.message, self.submitting = False, "", "", False
        loaded, redirect = await self._load()
        if redirect is not None:
            return redirect
        ctx, data = loaded
        if data is None:
            self.not_found = "Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter."
            self.loaded = True
            return None
        if not data.editable:
            return rx.redirect(routes.dossier_path(data.dossier_id))
        context = data.context()
        findings = form_findings(data.answers, context)  # the attestation is ticked on this page
        self.dossier_id, self.numero, self._version = data.dossier_id, data.numero, data.version
        self.regime_label = REGIME_LABELS[data.regime]
        self.rubriques = recap_view(data.answers, context)
        self.problems = findings_summary(findings)
        self.error_count = sum(1 for f in findings if f.blocking)
        self.warning_count = len(findings) - self.error_count
        self.attested = data.answers.get("val_attestation") == OUI
        self.origin, self.changes = origin_view(
            await asyncio.to_thread(follow_ups.origin, ctx, data.dossier_id)
        )
        self.loaded = True
        return None

    @rx.event
    def set_attested(self, checked: bool) -> None:
        self.attested = bool(checked)
        self.message = ""

    @rx.event
    async def submit(self):
        if self.submitting:
            return None
        if not self.attested:
            self.message = "Cochez l'attestation pour valider la demande."
            return None
        loaded, redirect = await self._load()
        if redirect is not None:
            return redirect
        ctx, data = loaded
        if data is None:
            self.message = "Ce dossier est introuvable."
            return None
        self.submitting = True
        if data.editable and data.answers.get("val_attestation") != OUI:
            saved = await asyncio.to_thread(
                drafts.save_draft,
                ctx,
                data.dossier_id,
                {**data.answers, "val_attestation": OUI},
                data.version,
            )
            if not saved.ok:
                self.submitting, self.message = False, saved.message
                return None
            version = saved.version
        else:
            version = data.version
        result = await asyncio.to_thread(drafts.submit, ctx, data.dossier_id, version)
        if not result.ok:
            self.submitting = False
            self.message = result.message
            if result.findings:
                self.problems = findings_summary(result.findings)
                self.error_count = sum(1 for f in result.findings if f.blocking)
            return None
        return rx.redirect(routes.confirmation_path(data.dossier_id))
