"""Passwords (« Mot de passe oublié », the link that sets one, « Changer mon mot de passe ») and the
administrator's accounts dialog and journal."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx
from sqlmodel import col, select

from .. import routes
from ..db import session_scope
from ..domain.accounts import ACTION_LABELS, ASSIGNABLE_ROLES, AccountInput, TokenPurpose, email_refused
from ..domain.company_roles import COMPANY_ROLE_LABELS
from ..domain.passwords import MAX_LENGTH
from ..domain.roles import ROLE_LABELS
from ..models import Company, CustomsService
from ..services import accounts, journal, throttle
from .client import client_address
from .session import SessionState, admin_context


class PasswordState(rx.State):
    """Public: ask for a link, then choose a password from it."""

    email: str = ""
    sent: str = ""
    # the link
    _token: str = ""
    valid: bool = False
    checked: bool = False
    purpose: str = ""
    account: str = ""
    password: str = ""
    confirm: str = ""
    error: str = ""
    done: bool = False

    @rx.event
    def set_email(self, value: str) -> None:
        self.email = str(value)[:254]

    @rx.event
    async def ask(self) -> None:
        if email_refused(self.email):  # a typo does not use up the address's share
            self.sent = email_refused(self.email)
            return
        if not throttle.public_form_allowed(client_address(self), "reset"):
            self.sent = throttle.TOO_MANY_FORMS
            return
        self.sent = await asyncio.to_thread(accounts.request_reset, self.email)

    @rx.event
    async def open_link(self) -> None:
        self._token = str(self.router.url.query_parameters.get("jeton", ""))[:100]
        state = await asyncio.to_thread(accounts.link_state, self._token)
        self.valid, self.purpose, self.account = state.valid, state.purpose, state.email
        self.password, self.confirm, self.error, self.done, self.checked = "", "", "", False, True

    @rx.event
    def set_password(self, value: str) -> None:
        self.password = str(value)[: MAX_LENGTH + 1]
        self.error = ""

    @rx.event
    def set_confirm(self, value: str) -> None:
        self.confirm = str(value)[: MAX_LENGTH + 1]
        self.error = ""

    @rx.event
    async def choose(self) -> None:
        if self.done:
            return
        if self.password != self.confirm:
            self.error = "Les deux saisies du mot de passe diffèrent."
            return
        try:
            self.account = await asyncio.to_thread(accounts.choose_password, self._token, self.password)
        except accounts.AccountError as exc:
            self.error = str(exc)
            return
        self.password, self.confirm, self.done, self._token = "", "", True, ""

    @rx.var
    def is_activation(self) -> bool:
        return self.purpose == TokenPurpose.ACTIVATION.value


class MyAccountState(rx.State):
    current: str = ""
    new: str = ""
    confirm: str = ""
    error: str = ""
    done: bool = False

    @rx.event
    def set_current(self, value: str) -> None:
        self.current, self.error, self.done = str(value)[: MAX_LENGTH + 1], "", False

    @rx.event
    def set_new(self, value: str) -> None:
        self.new, self.error, self.done = str(value)[: MAX_LENGTH + 1], "", False

    @rx.event
    def set_confirm(self, value: str) -> None:
        self.confirm, self.error, self.done = str(value)[: MAX_LENGTH + 1], "", False

    @rx.event
    async def change(self) -> None:
        session = await self.get_state(SessionState)
        ctx = await session._context()
        if ctx is None:
            return
        if self.new != self.confirm:
            self.error = "Les deux saisies du nouveau mot de passe diffèrent."
            return
        try:
            await asyncio.to_thread(accounts.change_password, ctx, self.current, self.new)
        except accounts.AccountError as exc:
            self.error = str(exc)
            return
        self.current, self.new, self.confirm, self.done = "", "", "", True


def _options() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with session_scope() as db:
        companies = db.exec(
            select(Company.id, Company.raison_sociale).order_by(col(Company.raison_sociale))
        ).all()
        services = db.exec(
            select(CustomsService.id, CustomsService.name).order_by(col(CustomsService.name))
        ).all()
    return (
        [{"id": str(i), "label": name} for i, name in companies],
        [{"id": str(i), "label": name} for i, name in services],
    )


ROLE_OPTIONS = [{"value": r.value, "label": ROLE_LABELS[r]} for r in ASSIGNABLE_ROLES]
COMPANY_ROLE_OPTIONS = [{"value": r.value, "label": label} for r, label in COMPANY_ROLE_LABELS.items()]


class AccountsAdminState(rx.State):
    """The administrator's « Créer un compte » / « Modifier » dialog, activation and deactivation."""

    editing: int = -1  # -1: closed; 0: a new account; otherwise the account's id
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    role: str = ""
    company_id: str = ""
    service_id: str = ""
    company_role: str = "depot"
    service_lead: bool = False
    companies: list[dict[str, str]] = []
    services: list[dict[str, str]] = []
    error: str = ""
    notice: str = ""

    async def _ctx(self):
        return await admin_context(self)

    @rx.event
    async def open_new(self) -> None:
        if await self._ctx() is None:
            return
        self.companies, self.services = await asyncio.to_thread(_options)
        self.editing, self.error, self.service_lead = 0, "", False
        self.email, self.first_name, self.last_name, self.role, self.company_id, self.service_id = (
            "",
            "",
            "",
            "",
            "",
            "",
        )

    @rx.event
    async def open_edit(self, row: dict[str, str]) -> None:
        if await self._ctx() is None:
            return
        self.companies, self.services = await asyncio.to_thread(_options)
        self.editing = int(row.get("id", "0")) if str(row.get("id", "")).isdigit() else -1
        self.email, self.first_name, self.last_name = (
            row.get("email", ""),
            row.get("first_name", ""),
            row.get("last_name", ""),
        )
        self.role = str(row.get("role_code", ""))[:20]
        self.company_id = "" if row.get("company_id") in ("0", None) else str(row.get("company_id"))
        self.service_id = "" if row.get("service_id") in ("0", None) else str(row.get("service_id"))
        self.company_role = str(row.get("company_role", "") or "depot")[:20]
        self.service_lead = str(row.get("service_lead", "")) == "True"
        self.error = ""

    @rx.event
    def close(self) -> None:
        self.editing, self.error = -1, ""

    @rx.event
    def set_field(self, name: str, value: str) -> None:
        if name in ("email", "first_name", "last_name", "role", "company_id", "service_id", "company_role"):
            setattr(self, name, str(value)[:254])
            self.error = ""

    @rx.event
    def set_service_lead(self, value: bool) -> None:
        self.service_lead = value is True

    @rx.event
    async def save(self):
        ctx = await self._ctx()
        if ctx is None or self.editing < 0:
            return None
        data = AccountInput(
            email=self.email,
            first_name=self.first_name,
            last_name=self.last_name,
            role=self.role,
            company_id=int(self.company_id) if self.company_id.isdigit() else None,
            service_id=int(self.service_id) if self.service_id.isdigit() else None,
            company_role=self.company_role,
            service_lead=self.service_lead,
        )
        try:
            if self.editing == 0:
                await asyncio.to_thread(accounts.create_account, ctx, data)
                self.notice = (
                    f"Compte créé : un lien d'activation a été envoyé à {data.email.strip().lower()}."
                )
            else:
                await asyncio.to_thread(accounts.update_account, ctx, self.editing, data)
                self.notice = "Compte modifié."
        except accounts.AccountError as exc:
            self.error = str(exc)
            return None
        self.editing = -1
        from .admin import AdminState

        return AdminState.load

    @rx.event
    async def set_active(self, user_id: str, active: bool):
        ctx = await self._ctx()
        if ctx is None or not str(user_id).isdigit():
            return None
        try:
            await asyncio.to_thread(accounts.set_active, ctx, int(user_id), bool(active))
        except accounts.AccountError as exc:
            self.notice = str(exc)
            return None
        self.notice = "Compte réactivé." if active else "Compte désactivé : ses sessions sont fermées."
        from .admin import AdminState

        return AdminState.load

    @rx.event
    async def resend(self, user_id: str) -> None:
        ctx = await self._ctx()
        if ctx is None or not str(user_id).isdigit():
            return
        try:
            await asyncio.to_thread(accounts.resend_activation, ctx, int(user_id))
        except accounts.AccountError as exc:
            self.notice = str(exc)
            return
        self.notice = "Lien d'activation renvoyé."


ACTION_OPTIONS = [{"value": a.value, "label": label} for a, label in ACTION_LABELS.items()]


class JournalState(rx.State):
    rows: list[dict[str, str]] = []
    action: str = ""
    search: str = ""

    @rx.event
    async def load(self) -> None:
        ctx = await admin_context(self)
        if ctx is None:
            return
        found = await asyncio.to_thread(journal.entries, ctx, self.action, self.search)
        self.rows = [{k: str(v) for k, v in asdict(r).items()} for r in found]

    @rx.event
    async def filter_action(self, value: str) -> None:
        self.action = value if any(o["value"] == value for o in ACTION_OPTIONS) else ""
        await self.load()

    @rx.event
    async def filter_text(self, value: str) -> None:
        self.search = str(value)[:80]
        await self.load()


__all__ = ["ROLE_OPTIONS", "AccountsAdminState", "JournalState", "MyAccountState", "PasswordState", "routes"]
