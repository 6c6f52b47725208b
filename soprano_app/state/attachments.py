"""« Ajouter des pièces jointes » and « Historique des pièces jointes » (guide §3.2).

Uploads arrive through Reflex's upload endpoint (size-capped and session-checked by
``middleware.guard_uploads``);
every rule is applied by ``services.attachments``; files go to the private storage, never to
Reflex's public upload folder.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from ..domain import attachments as rules
from ..domain.vault import Validity
from ..middleware import upload_session_of
from ..services import attachments, vault
from ..settings import settings
from .arguments import RowId
from .session import SessionState

UPLOAD_ID = "pieces-upload"


async def read_upload(file: rx.UploadFile, limit: int) -> attachments.IncomingFile:
    """At most ``limit`` + 1 bytes: an oversized file is refused without reading it whole."""
    data = await asyncio.to_thread(file.file.read, limit + 1)
    path = file.path
    # Reflex already dropped the directories of a crafted name; a name that had any is refused.
    name = str(path) if path is not None and len(path.parts) > 1 else (file.name or "")
    return attachments.IncomingFile(name=name, data=data[:limit], truncated=len(data) > limit)


def browser_refusals(files: list[str]) -> list[str]:
    """« name : reason » for each « name|error codes » the dropzone reports (built in the browser,
    see components/attachments.py)."""
    messages = []
    for entry in files[:20]:
        name, _, codes = str(entry).rpartition("|")
        shown = "".join(ch for ch in name if ch.isprintable())[:80] or "(sans nom)"
        if "file-too-large" in codes:
            reason = rules.too_big_message(settings.max_file_bytes)
        elif "file-invalid-type" in codes:
            reason = rules.FORMAT_REFUSED
        else:
            reason = "Fichier refusé."
        messages.append(f"{shown} : {reason}")
    return messages


def _listed(ctx: Any, dossier_id: int) -> tuple[Any, Any]:
    """The files and their history, in one trip to a worker thread."""
    return attachments.list_attachments(ctx, dossier_id), attachments.history(ctx, dossier_id)


class AttachmentsState(rx.State):
    dossier_id: int = 0
    rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    can_add: bool = False
    can_remove: bool = False
    dialog_open: bool = False
    type_code: str = ""
    label: str = ""
    uploading: bool = False
    refused: list[str] = []
    stored: str = ""
    error: str = ""
    history_open: bool = False
    remove_id: int = 0
    remove_name: str = ""
    vault_docs: list[dict[str, str]] = []  # « Documents de l'entreprise » that may be joined (not expired)
    _browser_refused: list[str] = []  # refused by the browser's own checks, before any sending

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._context()

    async def _refresh(self, ctx: Any = None) -> None:
        """``ctx``: the session just resolved by the caller (the form's load), else resolved here."""
        ctx = ctx or await self._ctx()
        if ctx is None or not self.dossier_id:
            self.rows, self.history, self.can_add, self.can_remove = [], [], False, False
            return
        try:
            (rows, can_add, can_remove), lines = await asyncio.to_thread(_listed, ctx, self.dossier_id)
        except attachments.AttachmentError as exc:
            self.rows, self.history, self.error = [], [], str(exc)
            return
        self.rows = [{k: str(v) for k, v in asdict(row).items()} for row in rows]
        self.history = [asdict(line) for line in lines]
        self.can_add, self.can_remove = can_add, can_remove
        await self._tell_the_form()

    async def _tell_the_form(self) -> None:
        """The form's checks read the types of the files present (mandate, contracts…)."""
        from .form import FormState

        form = await self.get_state(FormState)
        if form.dossier_id == self.dossier_id:
            form._set_attachment_types(sorted({row["type_code"] for row in self.rows}))

    @rx.event
    async def load_for(self, dossier_id: RowId) -> None:
        await self._show(int(dossier_id))

    async def _show(self, dossier_id: int, ctx: Any = None) -> None:
        self.dossier_id = dossier_id
        self.error, self.stored, self.refused = "", "", []
        self.dialog_open = self.history_open = False
        await self._refresh(ctx)

    # --- adding -------------------------------------------------------------------------------------

    @rx.event
    async def open_upload(self, type_code: str = ""):
        if not self.can_add:
            return
        self.type_code = type_code if type_code in rules.TYPE_LABELS else ""
        self.label, self.refused, self.stored, self.error = "", [], "", ""
        self._browser_refused = []
        self.dialog_open = True
        ctx = await self._ctx()
        docs = await asyncio.to_thread(vault.list_documents, ctx) if ctx is not None and ctx.company else []
        self.vault_docs = [
            {"id": str(d.id), "label": f"{d.type_label} — {d.label or d.file_name} ({d.valid_until})"}
            for d in docs
            if d.validity != Validity.EXPIRED.value
        ]

    @rx.event
    async def attach_from_vault(self, document_id: RowId):
        """Join a copy of a company document, through the same checks as an upload."""
        ctx = await self._ctx()
        if ctx is None or not self.can_add or not any(d["id"] == str(document_id) for d in self.vault_docs):
            return None
        try:
            outcome = await asyncio.to_thread(vault.attach, ctx, int(document_id), self.dossier_id)
        except vault.VaultError as exc:
            self.error = str(exc)
            return None
        self.refused = [f"{name} : {reason}" for name, reason in outcome.refused]
        await self._refresh()
        if outcome.stored:
            self.dialog_open = False
            return rx.toast.success("Document de l'entreprise joint au dossier.")
        return None

    @rx.event
    def close_upload(self):
        self.dialog_open = False
        return rx.clear_selected_files(UPLOAD_ID)

    @rx.event
    def set_type(self, value: str) -> None:
        self.type_code = value if value in rules.TYPE_LABELS else ""

    @rx.event
    def set_label(self, value: str) -> None:
        self.label = str(value)[:140]

    @rx.event
    def rejected(self, files: list[str]) -> None:
        """Files the browser refused at once (too big, unexpected type): say so, in French.

        Each entry is « name|error codes », built in the browser (see components/attachments.py).
        """
        messages = browser_refusals(files)
        self._browser_refused = messages
        self.refused = messages

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        ctx = await self._ctx()
        if ctx is None:
            self.error = "Votre session a expiré : reconnectez-vous."
            return None
        # The upload request itself carried a session cookie (checked by the guard): it must be the
        # session of this tab, not one replayed with another tab's token.
        if upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.error = "Envoi refusé : reconnectez-vous, puis joignez à nouveau vos fichiers."
            return rx.clear_selected_files(UPLOAD_ID)
        if not self.type_code:
            self.error = "Choisissez le type de la pièce jointe avant d'envoyer les fichiers."
            return None
        if not files:
            self.error = "Choisissez ou déposez au moins un fichier."
            return None
        self.uploading, self.error = True, ""
        incoming = [await read_upload(file, settings.max_file_bytes) for file in files[:20]]
        try:
            outcome = await asyncio.to_thread(
                attachments.add_files, ctx, self.dossier_id, self.type_code, self.label, incoming
            )
        except attachments.AttachmentError as exc:
            self.uploading, self.error = False, str(exc)
            return rx.clear_selected_files(UPLOAD_ID)
        self.uploading = False
        self.refused = self._browser_refused + [f"{name} : {reason}" for name, reason in outcome.refused]
        self._browser_refused = []
        self.stored = f"{len(outcome.stored)} fichier(s) ajouté(s)." if outcome.stored else ""
        await self._refresh()
        if outcome.stored and not self.refused:
            self.dialog_open = False
            return [rx.clear_selected_files(UPLOAD_ID), rx.toast.success(self.stored)]
        return rx.clear_selected_files(UPLOAD_ID)

    # --- removing ------------------------------------------------------------------------------------

    @rx.event
    def ask_remove(self, attachment_id: str) -> None:
        row = next((r for r in self.rows if r["id"] == str(attachment_id)), None)
        if row is None or not self.can_remove:
            return
        self.remove_id, self.remove_name = int(row["id"]), row["file_name"]

    @rx.event
    def cancel_remove(self) -> None:
        self.remove_id = 0

    @rx.event
    async def confirm_remove(self):
        ctx = await self._ctx()
        attachment_id, self.remove_id = self.remove_id, 0
        if ctx is None or not attachment_id:
            return None
        try:
            name = await asyncio.to_thread(attachments.remove, ctx, self.dossier_id, attachment_id)
        except attachments.AttachmentError as exc:
            self.error = str(exc)
            return None
        await self._refresh()
        return rx.toast.info(f"Pièce jointe supprimée : {name}.")

    @rx.event
    def toggle_history(self) -> None:
        self.history_open = not self.history_open

    @rx.var
    def types_present(self) -> list[str]:
        return sorted({row["type_code"] for row in self.rows})

    @rx.var
    def limits_text(self) -> str:
        return (
            f"PDF, JPEG, PNG, ODT, ODS, DOC, DOCX, XLS, XLSX ou CSV ; {rules.format_size(settings.max_file_bytes)} "
            f"au maximum par fichier, {rules.format_size(settings.max_dossier_bytes)} par dossier."
        )
