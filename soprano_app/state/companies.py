"""« Entreprises et mandats » (administrator): companies, and the representatives' mandates."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx
from sqlmodel import col, select

from ..db import session_scope
from ..domain.forms.values import parse_date
from ..domain.roles import Role
from ..middleware import upload_session_of
from ..models import User
from ..services import companies
from .attachments import read_upload
from .session import admin_context

UPLOAD_ID = "mandate-document"
_COMPANY_FIELDS = ("raison_sociale", "siren", "siret", "eori", "rue", "code_postal", "ville")
_MANDATE_FIELDS = ("user_id", "company_id", "valid_from", "valid_to")


def _representatives() -> list[dict[str, str]]:
    with session_scope() as db:
        rows = db.exec(
            select(User).where(User.role == Role.REPRESENTANT.value).order_by(col(User.last_name))
        ).all()
    return [{"id": str(u.id), "label": f"{u.full_name} ({u.email})"} for u in rows]


class CompaniesState(rx.State):
    companies: list[dict[str, str]] = []
    mandates: list[dict[str, str]] = []
    representatives: list[dict[str, str]] = []
    company_open: bool = False
    company: dict[str, str] = {}
    mandate: dict[str, str] = {}
    error: str = ""
    mandate_error: str = ""
    notice: str = ""

    async def _ctx(self):
        return await admin_context(self)

    @rx.event
    async def load(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        self.companies = [
            {k: str(v) for k, v in asdict(r).items()}
            for r in await asyncio.to_thread(companies.companies, ctx)
        ]
        self.mandates = [
            {k: str(v) for k, v in asdict(r).items()}
            for r in await asyncio.to_thread(companies.mandates, ctx)
        ]
        self.representatives = await asyncio.to_thread(_representatives)

    @rx.event
    def open_company(self) -> None:
        self.company_open, self.company, self.error = True, dict.fromkeys(_COMPANY_FIELDS, ""), ""

    @rx.event
    def close_company(self) -> None:
        self.company_open, self.error = False, ""

    @rx.event
    def set_company_field(self, name: str, value: str) -> None:
        if name in _COMPANY_FIELDS:
            self.company = {**self.company, name: str(value)[:80]}
            self.error = ""

    @rx.event
    async def save_company(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        data = companies.CompanyInput(**{k: self.company.get(k, "") for k in _COMPANY_FIELDS})
        try:
            await asyncio.to_thread(companies.create_company, ctx, data)
        except companies.CompanyError as exc:
            self.error = str(exc)
            return
        self.company_open, self.notice = False, f"Entreprise « {data.raison_sociale.strip()} » créée."
        await self.load()

    @rx.event
    def set_mandate_field(self, name: str, value: str) -> None:
        if name in _MANDATE_FIELDS:
            self.mandate = {**self.mandate, name: str(value)[:20]}
            self.mandate_error = ""

    @rx.event
    async def save_mandate(self):
        return await self._save_mandate(None)

    @rx.event
    async def save_mandate_with_document(self, files: list[rx.UploadFile]):
        ctx = await self._ctx()
        if ctx is None or upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.mandate_error = "Envoi refusé : reconnectez-vous, puis joignez à nouveau le document."
            return rx.clear_selected_files(UPLOAD_ID)
        document = await read_upload(files[0], companies.MANDATE_LIMITS.max_file_bytes) if files else None
        return await self._save_mandate(document)

    async def _save_mandate(self, document):  # type: ignore[no-untyped-def]
        ctx = await self._ctx()
        if ctx is None:
            return None
        raw_from, raw_to = (
            self.mandate.get("valid_from", "").strip(),
            self.mandate.get("valid_to", "").strip(),
        )
        valid_from, valid_to = parse_date(raw_from), parse_date(raw_to) if raw_to else None
        if raw_to and valid_to is None:
            self.mandate_error = "La fin du mandat s'écrit JJ/MM/AAAA."
            return None
        user_id, company_id = self.mandate.get("user_id", ""), self.mandate.get("company_id", "")
        try:
            await asyncio.to_thread(
                companies.record_mandate,
                ctx,
                int(user_id) if user_id.isdigit() else 0,
                int(company_id) if company_id.isdigit() else 0,
                valid_from,
                valid_to,
                document,
            )
        except companies.CompanyError as exc:
            self.mandate_error = str(exc)
            return None
        self.mandate, self.notice = {}, "Mandat enregistré."
        await self.load()
        return rx.clear_selected_files(UPLOAD_ID)

    @rx.event
    async def end_mandate(self, mandate_id: str) -> None:
        ctx = await self._ctx()
        if ctx is None or not str(mandate_id).isdigit():
            return
        try:
            await asyncio.to_thread(companies.end_mandate, ctx, int(mandate_id))
        except companies.CompanyError as exc:
            self.notice = str(exc)
            return
        self.notice = "Mandat terminé : l'entreprise n'est plus proposée au représentant."
        await self.load()
