"""The steps of an authorisation's life on its page (``services/authorisation_workflow``): what is
offered to this side, the projet and requests in progress, the history, and the step dialog."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, replace
from typing import Any

import reflex as rx

from ..domain import authorisation_workflow as life
from ..domain.authorisation_workflow import LifeAction
from ..domain.forms.values import parse_date
from ..domain.grounds import standard_texts, with_standard_text
from ..middleware import upload_session_of
from ..services import authorisation_workflow as life_service
from ..settings import settings
from .arguments import RowId
from .attachments import browser_refusals, read_upload
from .session import SessionState

UPLOAD_ID = "life-upload"
FILE_STEPS = frozenset(a.value for a in life_service.FILE_STEPS)

MAX_MESSAGE = life_service.MAX_MESSAGE

# The one list a step asks to choose from, with its label: (label, [(value, text)]).
CHOICES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    LifeAction.REEXAMINER.value: (
        "Motif du réexamen",
        [(g.value, text) for g, text in life.REASSESSMENT_GROUND_LABELS.items()],
    ),
    LifeAction.CLORE_REEXAMEN.value: (
        "Issue du réexamen",
        [(o.value, text) for o, text in life.REASSESSMENT_OUTCOME_LABELS.items()],
    ),
    LifeAction.NOTIFIER_PROJET.value: (
        "Mesure envisagée",
        [(m.value, text.capitalize()) for m, text in life.MEASURE_LABELS.items()],
    ),
    LifeAction.SUSPENDRE.value: (
        "Cas de suspension (art. 16 RDC)",
        [(c.value, text) for c, text in life.SUSPENSION_CASE_LABELS.items()],
    ),
    LifeAction.REVOQUER.value: (
        "Motif de la révocation",
        [(g.value, text) for g, text in life.REVOCATION_GROUND_LABELS.items()],
    ),
}
UNTIL_LABELS = {
    LifeAction.SUSPENDRE.value: "Suspendue jusqu'au (JJ/MM/AAAA)",
    LifeAction.PROLONGER_SUSPENSION.value: "Nouvelle fin de la suspension (JJ/MM/AAAA)",
    LifeAction.DEMANDER_SUSPENSION.value: "Suspension nécessaire jusqu'au (JJ/MM/AAAA)",
}
EFFECT_LABELS = {
    LifeAction.REVOQUER.value: "Prise d'effet de la révocation (JJ/MM/AAAA)",
    LifeAction.MODIFIER_OFFICE.value: "Prise d'effet de la modification (JJ/MM/AAAA)",
    LifeAction.DEMANDER_REVOCATION.value: "Révocation souhaitée à compter du (JJ/MM/AAAA, facultatif)",
}
MESSAGE_LABELS = {
    LifeAction.REEXAMINER.value: "Ce qui justifie le réexamen",
    LifeAction.CLORE_REEXAMEN.value: "Résultat communiqué au titulaire",
    LifeAction.NOTIFIER_PROJET.value: "Motifs de la mesure envisagée",
    LifeAction.PRESENTER_OBSERVATIONS.value: "Vos observations",
    LifeAction.RENONCER_MESURE.value: "Pourquoi la mesure n'est pas prise",
    LifeAction.SUSPENDRE.value: "Mesures attendues du titulaire",
    LifeAction.PROLONGER_SUSPENSION.value: "Motif de la prolongation",
    LifeAction.LEVER_SUSPENSION.value: "Mesures prises par le titulaire",
    LifeAction.REVOQUER.value: "Motifs de la révocation",
    LifeAction.ANNULER.value: "Motifs de l'annulation",
    LifeAction.MODIFIER_OFFICE.value: "Motifs de la modification",
    LifeAction.DEMANDER_SUSPENSION.value: "Mesures que vous allez prendre",
    LifeAction.DEMANDER_REVOCATION.value: "Motif de votre demande (facultatif)",
    LifeAction.REJETER_DEMANDE.value: "Motifs du rejet",
}
CONFIRMATIONS = [{"key": k, "label": text} for k, text in life.ANNULMENT_CONDITIONS.items()]


class AuthorisationStepsState(rx.State):
    authorisation_id: int = 0
    steps: list[dict[str, str]] = []
    hearing: dict[str, str] = {}
    holder_request: dict[str, str] = {}
    suspended_until: str = ""
    reassessment_open: bool = False
    events: list[dict[str, Any]] = []  # EventRow, with its files

    action: str = ""
    action_label: str = ""
    message: str = ""
    standards: list[dict[str, str]] = []  # domain/grounds.STANDARD_TEXTS of the step
    choice: str = ""
    until: str = ""
    effect: str = ""
    confirmations: list[str] = []
    adverse: bool = True
    fields: list[dict[str, str]] = []  # what a modification d'office may change (customs)
    change_field: str = ""
    change_value: str = ""
    changes: list[dict[str, str]] = []  # {"id", "label", "value"}
    error: str = ""
    busy: bool = False

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._context()

    @rx.event
    async def load_for(self, authorisation_id: RowId) -> None:
        self.authorisation_id, self.action, self.error = int(authorisation_id), "", ""
        await self._refresh()

    async def _refresh(self) -> None:
        ctx = await self._ctx()
        view = (
            await asyncio.to_thread(life_service.life_view, ctx, self.authorisation_id)
            if ctx is not None and self.authorisation_id
            else None
        )
        if view is None:
            self.steps, self.hearing, self.holder_request, self.events = [], {}, {}, []
            self.suspended_until, self.reassessment_open = "", False
            return
        self.steps, self.hearing, self.holder_request = view.steps, view.hearing, view.holder_request
        self.suspended_until, self.reassessment_open = view.suspended_until, view.reassessment_open
        self.events = [asdict(e) for e in view.events]

    # --- the step dialog ---------------------------------------------------------------------------

    @rx.event
    def open_step(self, action: str) -> None:
        chosen = next((s for s in self.steps if s["action"] == action), None)
        if chosen is None:
            return
        self.action, self.action_label = chosen["action"], chosen["label"]
        self.message, self.choice, self.until, self.effect, self.error = "", "", "", "", ""
        self.confirmations, self.changes, self.change_field, self.change_value = [], [], "", ""
        self.standards = standard_texts(action)
        self.adverse = bool(self.hearing.get("measure") == life.MEASURE_LABELS[life.Measure.MODIFICATION])
        if action == LifeAction.MODIFIER_OFFICE.value and not self.fields:
            self.fields = [{"id": f.id, "label": f.label} for f in life_service.modifiable_fields()]

    @rx.event
    def close_step(self) -> None:
        self.action, self.error = "", ""

    @rx.event
    def set_message(self, value: str) -> None:
        self.message = str(value)[: MAX_MESSAGE + 100]

    @rx.event
    def pick_standard(self, index: str) -> None:
        self.message = with_standard_text(self.message, self.action, str(index))[: MAX_MESSAGE + 100]

    @rx.event
    def set_choice(self, value: str) -> None:
        options = CHOICES.get(self.action, ("", []))[1]
        self.choice = value if any(v == value for v, _t in options) else ""

    @rx.event
    def set_until(self, value: str) -> None:
        self.until = str(value)[:10]

    @rx.event
    def set_effect(self, value: str) -> None:
        self.effect = str(value)[:10]

    @rx.event
    def toggle_confirmation(self, key: str, checked: bool) -> None:
        if key in life.ANNULMENT_CONDITIONS:
            self.confirmations = [k for k in self.confirmations if k != key] + ([key] if checked else [])
            self.error = ""

    @rx.event
    def set_adverse(self, checked: bool) -> None:
        self.adverse = bool(checked)

    @rx.event
    def pick_field(self, field_id: str) -> None:
        self.change_field = field_id if any(f["id"] == field_id for f in self.fields) else ""

    @rx.event
    def set_change_value(self, value: str) -> None:
        self.change_value = str(value)[:2000]

    @rx.event
    def add_change(self) -> None:
        found = next((f for f in self.fields if f["id"] == self.change_field), None)
        if found is None:
            self.error = "Choisissez la donnée à modifier."
            return
        others = [c for c in self.changes if c["id"] != found["id"]]
        self.changes = [*others, {"id": found["id"], "label": found["label"], "value": self.change_value}]
        self.change_field, self.change_value, self.error = "", "", ""

    @rx.event
    def remove_change(self, field_id: str) -> None:
        self.changes = [c for c in self.changes if c["id"] != field_id]

    def _data(self) -> life_service.StepData:
        until = parse_date(self.until.strip()) if self.until.strip() else None
        effect = parse_date(self.effect.strip()) if self.effect.strip() else None
        return life_service.StepData(
            message=self.message,
            measure=self.choice if self.action == LifeAction.NOTIFIER_PROJET.value else "",
            case=self.choice if self.action == LifeAction.SUSPENDRE.value else "",
            ground=self.choice,
            until=until,
            effect=effect,
            confirmations=tuple(self.confirmations),
            adverse=self.adverse,
            answers={c["id"]: c["value"] for c in self.changes},
        )

    @rx.event
    async def submit_step(self):
        return await self._submit(())

    @rx.event
    async def submit_with_files(self, files: list[rx.UploadFile]):
        """The holder's observations or request with documents: one step, files included."""
        if self.action not in FILE_STEPS:
            return None
        ctx = await self._ctx()
        # The upload request carried a session cookie (checked by the guard): it must be this tab's.
        if ctx is None or upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.error = "Envoi refusé : reconnectez-vous, puis joignez à nouveau vos fichiers."
            return rx.clear_selected_files(UPLOAD_ID)
        incoming = [
            await read_upload(file, settings.max_file_bytes) for file in files[: life_service.MAX_FILES + 1]
        ]
        return await self._submit(tuple(incoming))

    async def _submit(self, files: tuple[Any, ...]):
        if self.busy or not self.action:
            return None
        try:
            action = LifeAction(self.action)
        except ValueError:
            return None
        for text, label in ((self.until, "date de fin"), (self.effect, "date de prise d'effet")):
            if text.strip() and parse_date(text.strip()) is None:
                self.error = f"La {label} doit être au format JJ/MM/AAAA."
                return None
        ctx = await self._ctx()
        if ctx is None:
            self.error = "Votre session a expiré : reconnectez-vous."
            return None
        self.busy, self.error = True, ""
        data = replace(self._data(), files=files)
        try:
            done = await asyncio.to_thread(life_service.perform, ctx, self.authorisation_id, action, data)
        except life_service.LifeError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        self.action = ""
        from .authorisations import AuthorisationsState

        return [
            AuthorisationsState.load_one,
            rx.clear_selected_files(UPLOAD_ID),
            rx.toast.success(done.message),
        ]

    @rx.event
    def rejected(self, files: list[str]) -> None:
        """Files the browser refused at once (too big, unexpected type)."""
        self.error = "Fichier(s) non retenu(s) : " + " ; ".join(browser_refusals(files))

    @rx.var
    def takes_files(self) -> bool:
        return self.action in FILE_STEPS

    @rx.var
    def choice_label(self) -> str:
        return CHOICES.get(self.action, ("", []))[0]

    @rx.var
    def choice_options(self) -> list[dict[str, str]]:
        return [{"value": v, "label": t} for v, t in CHOICES.get(self.action, ("", []))[1]]

    @rx.var
    def until_label(self) -> str:
        return UNTIL_LABELS.get(self.action, "")

    @rx.var
    def effect_label(self) -> str:
        return EFFECT_LABELS.get(self.action, "")

    @rx.var
    def message_label(self) -> str:
        return MESSAGE_LABELS.get(self.action, "Message")

    @rx.var
    def asks_confirmations(self) -> bool:
        return self.action == LifeAction.ANNULER.value

    @rx.var
    def asks_changes(self) -> bool:
        return self.action == LifeAction.MODIFIER_OFFICE.value

    @rx.var
    def is_customs_step(self) -> bool:
        return self.action in {a.value for a in life.CUSTOMS_ACTIONS}


def confirmations_list() -> list[dict[str, Any]]:
    return CONFIRMATIONS
