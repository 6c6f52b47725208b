"""« Documents de l'entreprise » (``services/vault.py``): the list, adding a document with its
validity date, removing one."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain import attachments as rules
from ..domain.forms.values import parse_date
from ..domain.roles import OPERATOR_ROLES
from ..middleware import upload_session_of
from ..services import vault
from ..settings import settings
from .arguments import RowId
from .attachments import read_upload
from .session import SessionState

UPLOAD_ID = "vault-upload"
TYPE_OPTIONS = [{"value": code, "label": label} for code, label in rules.TYPE_LABELS.items()]


class VaultState(rx.State):
    documents: list[dict[str, str]] = []
    loaded: bool = False
    type_code: str = ""
    label: str = ""
    valid_until: str = ""  # JJ/MM/AAAA or AAAA-MM-JJ, empty: no end
    error: str = ""
    busy: bool = False

    async def _ctx(self):
        ctx, redirect = await (await self.get_state(SessionState))._authorise(OPERATOR_ROLES)
        return ctx, redirect

    async def _refresh(self, ctx) -> None:  # type: ignore[no-untyped-def]
        rows = await asyncio.to_thread(vault.list_documents, ctx)
        self.documents = [{k: str(v) for k, v in asdict(r).items()} for r in rows]

    @rx.event
    async def load(self):
        self.loaded, self.error = False, ""
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        await self._refresh(ctx)
        self.loaded = True
        return None

    @rx.event
    def set_type(self, value: str) -> None:
        self.type_code = value if value in rules.TYPE_LABELS else ""

    @rx.event
    def set_label(self, value: str) -> None:
        self.label = str(value)[:140]

    @rx.event
    def set_valid_until(self, value: str) -> None:
        self.valid_until, self.error = str(value)[:10], ""

    @rx.event
    async def add(self, files: list[rx.UploadFile]):
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        if upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.error = "Envoi refusé : reconnectez-vous, puis choisissez à nouveau le fichier."
            return rx.clear_selected_files(UPLOAD_ID)
        if len(files) != 1:
            self.error = "Choisissez un fichier."
            return None
        until = None
        if self.valid_until.strip():
            until = parse_date(self.valid_until.strip())
            if until is None:
                self.error = "Date de fin de validité invalide : saisissez-la au format JJ/MM/AAAA."
                return None
        incoming = await read_upload(files[0], settings.max_file_bytes)
        self.busy = True
        try:
            await asyncio.to_thread(vault.add_document, ctx, self.type_code, self.label, until, incoming)
        except vault.VaultError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        self.type_code, self.label, self.valid_until, self.error = "", "", "", ""
        await self._refresh(ctx)
        return [rx.clear_selected_files(UPLOAD_ID), rx.toast.success("Document enregistré.")]

    @rx.event
    async def remove(self, document_id: RowId):
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        try:
            await asyncio.to_thread(vault.remove_document, ctx, int(document_id))
        except vault.VaultError as exc:
            return rx.toast.error(str(exc))
        await self._refresh(ctx)
        return rx.toast.info("Document retiré des documents de l'entreprise.")
