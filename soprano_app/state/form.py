"""The application form: the dossier being filled, its answers, autosave, « Contrôler ».

The answers live here, on the server (``_answers``); the rubrique substates (``state/rubriques.py``)
only hold what each input shows, so that a keystroke sends back one field's value and message.
Every handler re-checks the session and the dossier's scope; every rule comes from the domain.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import reflex as rx

from .. import app_clock, routes
from ..db import DATABASE_DOWN
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import RUBRIQUE_LABELS, Rubrique
from ..domain.company_roles import Right, allows
from ..domain.forms import FormContext, form_findings, rubrique_progress
from ..domain.forms.engine import Finding, affects_visibility, required_ids, visible_ids
from ..domain.regimes import REGIME_LABELS, Regime
from ..domain.roles import OPERATOR_ROLES
from ..services import auth, drafts, revocations
from ..services.auth import SessionContext
from ..services.security import token_digest
from .attachments import AttachmentsState
from .errors import error_reference
from .session import SessionState

logger = logging.getLogger(__name__)

AUTOSAVE_QUIET = 1.2  # seconds of calm before the draft is stored…
AUTOSAVE_MAX_WAIT = 4.0  # …but never more than this after the first unsaved keystroke
RETRY_DELAYS = (2.0, 4.0, 8.0, 15.0, 30.0)  # while the database does not answer
SAVE_LATER = (
    "le serveur ne peut pas enregistrer votre brouillon pour l'instant. Vos saisies restent dans cet "
    "onglet et seront enregistrées automatiquement dès que possible."
)


def save_due_in(now: float, first_unsaved_at: float, last_change_at: float) -> float:
    """Seconds before the next autosave: a pause in the typing, or the maximum wait, whichever first."""
    if not first_unsaved_at:
        return 0.0
    return max(0.0, min(last_change_at + AUTOSAVE_QUIET, first_unsaved_at + AUTOSAVE_MAX_WAIT) - now)


def retry_delay(failures: int) -> float:
    return RETRY_DELAYS[min(max(failures, 1), len(RETRY_DELAYS)) - 1]


RUBRIQUES = [r.rubrique.value for r in CATALOGUE.rubriques]


def plain(answers: Any) -> Any:
    """The answers without Reflex's change-tracking proxy: the domain reads them many times."""
    return getattr(answers, "__wrapped__", answers)


def findings_summary(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings grouped by rubrique, as the summary at the top of the form shows them."""
    groups: dict[str, dict[str, Any]] = {}
    for finding in findings:
        group = groups.setdefault(
            finding.rubrique.value,
            {"rubrique": finding.rubrique.value, "label": finding.rubrique_label, "items": []},
        )
        group["items"].append(
            {
                "target": finding.target,
                "rubrique": finding.rubrique.value,
                "label": finding.label,
                "message": finding.message,
                "severity": finding.severity.value,
            }
        )
    return list(groups.values())


class FormState(rx.State):
    dossier_id: int = 0
    numero: str = ""
    regime: str = ""
    regime_label: str = ""
    follow_up: str = ""  # « Avenant de l'autorisation n° … » for an avenant or a renewal
    current: str = Rubrique.DEMANDEUR.value
    shown: list[str] = []
    required: list[str] = []
    progress: dict[str, str] = {}
    save_status: str = ""
    save_error: str = ""
    conflict: bool = False
    saving: bool = False
    checked: bool = False
    summary: list[dict[str, Any]] = []
    error_count: int = 0
    warning_count: int = 0
    loaded: bool = False
    not_found: str = ""
    delete_open: bool = False  # « Supprimer le brouillon » asks first
    _answers: dict[str, Any] = {}
    _version: int = 0
    _company_id: int = 0
    _user_id: int = 0
    _grant: revocations.EditGrant | None = None  # the editing right cached for the keystrokes
    _is_representative: bool = False
    _type_entrepot: str = ""
    _attachment_types: list[str] = []
    _filled: list[str] = []  # rubriques whose inputs hold the draft (filled when first opened)
    _change: int = 0
    _saved_change: int = 0
    _autosave_running: bool = False
    _first_unsaved_at: float = 0.0  # time.monotonic() of the first keystroke not yet stored
    _last_change_at: float = 0.0
    _last_saved_at: str = ""  # « 14:32 », shown while saving fails
    _save_failures: int = 0
    _failed_at: float = 0.0

    # --- context -------------------------------------------------------------------------------

    def _form_context(self) -> FormContext:
        return FormContext(
            regime=Regime(self.regime),
            today=app_clock.today(),
            type_entrepot=self._type_entrepot,
            is_representative=self._is_representative,
            attachment_types=frozenset(self._attachment_types),
        )

    async def _may_edit(self) -> bool | None:
        """The check of each keystroke: the tab's editing grant while it holds (no database), else the
        full check (session alive, acts for the company, may prepare, still a draft), which renews it.

        None when the database does not answer: the keystroke is kept in this tab (it was opened by
        an authorised user) and the autosave checks the session again before anything is stored."""
        if not self._company_id or not self.dossier_id or not self._user_id:
            return False
        if revocations.still_valid(self._grant):
            return True
        session = await self.get_state(SessionState)
        token = session._token()
        subjects = self._grant_subjects(token)
        taken = revocations.begin(subjects)  # before the check: a revocation meanwhile voids the grant
        try:
            found = await asyncio.to_thread(auth.edit_right, token, self._company_id, self.dossier_id)
        except DATABASE_DOWN:
            self._grant = None
            return None
        if found is None or found[0] != self._user_id:
            self._grant = None
            return False
        self._grant = revocations.grant(subjects, taken, found[1])
        return True

    def _grant_subjects(self, token: str) -> tuple[revocations.Subject, ...]:
        return (
            revocations.session(token_digest(token) if token else ""),
            revocations.user(self._user_id),
            revocations.company(self._company_id),
            revocations.dossier(self.dossier_id),
        )

    async def _session_context(self) -> SessionContext | None:
        """The operator behind this tab, if he still acts for the dossier's company."""
        session = await self.get_state(SessionState)
        ctx = await session._context()
        if ctx is None or ctx.role not in OPERATOR_ROLES or ctx.company is None:
            return None
        if self._company_id and ctx.company.id != self._company_id:
            return None
        return ctx

    async def _fill(self, *rubriques: str) -> None:
        """Put the draft into the inputs of the rubriques not filled yet."""
        from .rubriques import fill_rubriques

        missing = [r for r in rubriques if r in RUBRIQUES and r not in self._filled]
        if missing and self.dossier_id:
            await fill_rubriques(self, self._answers, missing)
            self._filled = [*self._filled, *missing]

    async def _empty_inputs(self) -> None:
        from .rubriques import RUBRIQUE_STATES

        for cls in RUBRIQUE_STATES.values():
            (await self.get_state(cls)).reset()

    # --- loading ------------------------------------------------------------------------------

    @rx.event
    async def load(self):
        self.loaded = False
        self.not_found = ""
        session = await self.get_state(SessionState)
        since = revocations.mark()  # the checks below also give the keystrokes their first grant
        ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return redirect
        dossier_id = routes.id_of(self.router.url.query_parameters.get(routes.DOSSIER_PARAMETER))
        data = await asyncio.to_thread(drafts.load_form, ctx, dossier_id)
        if data is None:
            self.not_found = "Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter."
            self.loaded = True
            return None
        if not data.editable:
            return rx.redirect(routes.dossier_path(dossier_id))
        assert ctx.company is not None
        previous_id = self.dossier_id
        self.dossier_id = data.dossier_id
        self.numero = data.numero
        self.regime = data.regime.value
        self.regime_label = REGIME_LABELS[data.regime]
        kind = str(data.answers.get("type_demande", "1"))
        reference = str(data.answers.get("ref_autorisation", ""))
        self.follow_up = (
            {"2": "Avenant", "3": "Renouvellement"}.get(kind, "") + f" de l'autorisation n° {reference}"
            if kind in ("2", "3")
            else ""
        )
        self._type_entrepot = data.type_entrepot
        self._is_representative = data.is_representative
        self._company_id = ctx.company.id
        self._user_id = ctx.user_id
        self._grant = None
        if allows(ctx.company_role, Right.PREPARER):  # the session, the company and the draft were
            # checked just now: the first keystroke need not check again, unless a revocation came
            self._grant = revocations.grant_since(
                since, self._grant_subjects(session._token()), revocations.epoch_of(ctx.expires_at)
            )
        self._answers = data.answers
        self._attachment_types = sorted(data.attachment_types)
        self._version = data.version
        self._change = self._saved_change = 0
        self._first_unsaved_at = self._last_change_at = 0.0
        self._save_failures, self._last_saved_at = 0, ""
        self.save_error = ""
        self.save_status = "Brouillon chargé"
        self.checked, self.summary, self.error_count, self.warning_count = False, [], 0, 0
        wanted = self.router.url.query_parameters.get("rubrique", "")
        self.current = wanted if wanted in RUBRIQUES else Rubrique.DEMANDEUR.value
        if self._filled and previous_id != data.dossier_id:  # this tab showed another draft before
            await self._empty_inputs()
        self._filled = []
        await self._fill(self.current)
        self._refresh_visibility()
        self._refresh_progress()
        # The files too, before the form shows: no event left queued behind the load that the first
        # keystroke would wait for.
        await (await self.get_state(AttachmentsState))._show(data.dossier_id, ctx)
        self.loaded = True
        return None

    @rx.event
    def follow_old_link(self):
        """« /dossiers/42/formulaire » (links of earlier releases): the form's route, same rubrique."""
        target = routes.formulaire_path(routes.id_in_path(self.router.url.path))
        wanted = self.router.url.query_parameters.get("rubrique", "")
        return rx.redirect(target + (f"&rubrique={wanted}" if wanted in RUBRIQUES else ""), replace=True)

    # --- derived display -----------------------------------------------------------------------

    def _refresh_visibility(self) -> None:
        ctx, answers = self._form_context(), plain(self._answers)
        shown = sorted(visible_ids(answers, ctx))
        required = sorted(required_ids(answers, ctx))
        if shown != self.shown:
            self.shown = shown
        if required != self.required:
            self.required = required

    def _refresh_progress(self, findings: list[Finding] | None = None) -> list[Finding]:
        ctx, answers = self._form_context(), plain(self._answers)
        findings = findings if findings is not None else form_findings(answers, ctx)
        progress = {k.value: v.value for k, v in rubrique_progress(answers, ctx, findings).items()}
        if progress != self.progress:
            self.progress = progress
        return findings

    def _set_attachment_types(self, types: list[str]) -> None:
        """Called by the attachments panel: the checks that need files are run again."""
        if types != self._attachment_types:
            self._attachment_types = types
            self._refresh_progress()

    def _record_change(self, answers: dict[str, Any]):
        """New answers from a handler: keep them, update what depends on them, schedule the autosave."""
        changed_visibility = affects_visibility(plain(self._answers), answers)
        self._answers = answers
        self._change += 1
        self._last_change_at = time.monotonic()
        if not self._first_unsaved_at:
            self._first_unsaved_at = self._last_change_at
        if changed_visibility:
            self._refresh_visibility()
        if self.save_status and not self.save_status.startswith(("Modifications", "Non enregistré")):
            self.save_status = "Modifications non enregistrées"
        return None if self._autosave_running else FormState.autosave

    # --- navigation -------------------------------------------------------------------------------

    @rx.event
    async def show_rubrique(self, rubrique: str) -> None:
        if rubrique in RUBRIQUES:
            self.current = rubrique
            await self._fill(rubrique)

    @rx.event
    async def go_to(self, rubrique: str, target: str):
        """A link of the check summary: open the rubrique and put the focus on the field."""
        if rubrique not in RUBRIQUES:
            return None
        self.current = rubrique
        await self._fill(rubrique)
        return rx.call_script(
            "setTimeout(() => { const el = document.getElementById("
            + json.dumps(target)
            + "); if (el) { el.scrollIntoView({block: 'center'}); el.focus(); } }, 60)"
        )

    # --- saving ----------------------------------------------------------------------------------

    async def _token(self) -> str:
        session = await self.get_state(SessionState)
        return session._token()

    async def _persist(self, token: str, answers: dict[str, Any], version: int) -> drafts.SaveResult:
        """Store the draft through the service (runs outside the state lock in the autosave task).

        Never raises: a database that does not answer gives a result to retry, with the answers kept
        in this tab meanwhile."""
        try:
            ctx = await asyncio.to_thread(auth.resolve_session, token)
            if ctx is None or ctx.company is None or ctx.company.id != self._company_id:
                return drafts.SaveResult(False, version, message="Votre session a expiré : reconnectez-vous.")
            return await asyncio.to_thread(drafts.save_draft, ctx, self.dossier_id, answers, version)
        except drafts.DraftError as exc:
            return drafts.SaveResult(False, version, message=str(exc))
        except DATABASE_DOWN:
            logger.warning("draft %s not saved: database unreachable, will retry", self.dossier_id)
            return drafts.SaveResult(False, version, message=SAVE_LATER, retry=True)
        except Exception:  # the message must reach the user, whatever went wrong
            reference = error_reference()
            logger.exception("draft save failed, reference %s", reference)
            return drafts.SaveResult(
                False,
                version,
                message=f"Le serveur n'a pas pu enregistrer le brouillon (référence {reference}). "
                "Vos saisies restent dans cet onglet : réessayez dans un instant.",
            )

    def _apply_save(self, result: drafts.SaveResult, change: int) -> None:
        self.saving = False
        if result.ok:
            self._version = result.version
            self._saved_change = max(self._saved_change, change)
            self._last_saved_at = result.saved_at
            self._save_failures = 0
            self.save_error = ""
            self.conflict = False
            pending = self._change != change
            self.save_status = (
                "Modifications non enregistrées" if pending else f"Enregistré à {result.saved_at}"
            )
            self._refresh_progress()
        else:
            self._save_failures += 1
            self.save_error = f"Échec de l'enregistrement : {result.message}"
            self.conflict = result.conflict
            self.save_status = (
                f"Non enregistré (dernier enregistrement à {self._last_saved_at})"
                if self._last_saved_at
                else "Non enregistré"
            )

    @rx.event(background=True)
    async def autosave(self):
        """Save after a pause in the typing, or after AUTOSAVE_MAX_WAIT of continuous typing (a crash
        loses seconds, not minutes); while the database does not answer, try again and again."""
        async with self:
            if self._autosave_running or not self.dossier_id:
                return
            self._autosave_running = True
        try:
            while True:
                async with self:
                    if self._change == self._saved_change:
                        return
                    wait = save_due_in(time.monotonic(), self._first_unsaved_at, self._last_change_at)
                    if self._save_failures:
                        wait = max(
                            wait, retry_delay(self._save_failures) - (time.monotonic() - self._failed_at)
                        )
                if wait > 0:
                    await asyncio.sleep(wait)
                    continue
                async with self:
                    answers, version, change = dict(self._answers), self._version, self._change
                    token = await self._token()
                    started = time.monotonic()
                    self.saving = True
                result = await self._persist(token, answers, version)
                async with self:
                    self._apply_save(result, change)
                    if result.ok:
                        # What was typed during the save waits at most AUTOSAVE_MAX_WAIT from now.
                        self._first_unsaved_at = started if self._change != change else 0.0
                    elif result.retry:
                        self._failed_at = time.monotonic()
                    else:
                        return  # conflict, expired session, not a draft any more: the user decides
        finally:
            async with self:
                self._autosave_running = False

    @rx.event
    async def save_now(self):
        """« Sauvegarder »: store the draft now, whatever its errors."""
        if not self.dossier_id:
            return None
        change = self._change
        self.saving = True
        result = await self._persist(await self._token(), dict(self._answers), self._version)
        self._apply_save(result, change)
        if result.ok:
            self._first_unsaved_at = 0.0 if self._change == change else self._first_unsaved_at
            return rx.toast.success(f"Brouillon enregistré à {result.saved_at}.")
        if result.retry:
            self._failed_at = time.monotonic()
            return None if self._autosave_running else FormState.autosave
        return None

    @rx.event
    async def keep_my_version(self):
        """After a conflict: store this tab's answers over the version saved elsewhere."""
        ctx = await self._session_context()
        if ctx is None:
            return rx.redirect(routes.CONNEXION)
        current = await asyncio.to_thread(drafts.load_form, ctx, self.dossier_id)
        if current is None or not current.editable:
            self.save_error = "Ce dossier n'est plus un brouillon : il ne peut plus être modifié."
            return None
        self._version = current.version
        return await self.save_now()

    # --- « Supprimer le brouillon » (transition 3) ------------------------------------------------------

    @rx.event
    def ask_delete(self) -> None:
        self.delete_open = bool(self.dossier_id)

    @rx.event
    def cancel_delete(self) -> None:
        self.delete_open = False

    @rx.event
    async def confirm_delete(self):
        self.delete_open = False
        ctx = await self._session_context()
        if ctx is None or not self.dossier_id:
            return rx.redirect(routes.CONNEXION)
        try:
            name = await asyncio.to_thread(drafts.delete_draft, ctx, self.dossier_id)
        except drafts.DraftError as exc:
            self.save_error = str(exc)
            return None
        self.dossier_id, self._change, self._saved_change = 0, 0, 0  # no autosave of what is gone
        return [rx.redirect(routes.ACCUEIL), rx.toast.info(f"{name} supprimé.")]

    @rx.event
    async def reload_latest(self):
        """After a conflict: drop this tab's unsaved changes and load the version saved elsewhere."""
        return await self.load()

    # --- « Contrôler » -------------------------------------------------------------------------------

    @rx.event
    async def run_checks(self):
        from .rubriques import show_findings

        if not self.dossier_id:
            return None
        if await self._session_context() is None:
            return rx.redirect(routes.CONNEXION)
        findings = form_findings(self._answers, self._form_context())
        self._refresh_progress(findings)
        self.summary = findings_summary(findings)
        self.error_count = sum(1 for f in findings if f.blocking)
        self.warning_count = len(findings) - self.error_count
        self.checked = True
        await self._fill(*RUBRIQUES)  # the messages go under every field, opened or not yet
        await show_findings(self, findings)
        return rx.call_script(
            "setTimeout(() => { const el = document.getElementById('check-summary'); "
            "if (el) { el.scrollIntoView({block: 'start'}); el.focus(); } }, 60)"
        )

    @rx.event
    async def validate(self):
        """« Valider »: save, then the recap page with the attestation."""
        if not self.dossier_id:
            return None
        change = self._change
        result = await self._persist(await self._token(), dict(self._answers), self._version)
        self._apply_save(result, change)
        if not result.ok:
            return None
        return rx.redirect(routes.recapitulatif_path(self.dossier_id))

    @rx.var
    def rubrique_label(self) -> str:
        try:
            return RUBRIQUE_LABELS[Rubrique(self.current)]
        except ValueError:
            return ""
