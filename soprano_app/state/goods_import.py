"""« Importer un fichier » in « Marchandises et produits »: read a CSV/XLSX table, show every line
with its errors, then add the good ones to the goods table in one change (``domain/forms/
goods_import.py`` for the rules, ``domain/tabular.py`` for the bounded reading)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from ..domain.forms import goods_import
from ..domain.forms.engine import rows_of
from ..domain.forms.prefill import derive
from ..domain.regimes import Regime
from ..domain.tabular import TableRefused, table_rows
from ..middleware import upload_session_of
from ..settings import settings
from .attachments import read_upload
from .form import FormState
from .rubriques import refresh_group
from .session import SessionState

UPLOAD_ID = "goods-import"


def _summary(line: goods_import.Line) -> dict[str, str]:
    shown = line.shown
    return {
        "number": str(line.number),
        "code": shown.get("mp_code_nc", ""),
        "designation": shown.get("mp_designation", "")[:80],
        "quantity": " ".join(p for p in (shown.get("mp_quantite", ""), shown.get("mp_unite", "")) if p),
        "value": " ".join(p for p in (shown.get("mp_valeur", ""), shown.get("mp_devise", "")) if p),
        "ok": "true" if line.ok else "false",
        "errors": " ; ".join(line.errors),
    }


class GoodsImportState(FormState):
    import_open: bool = False
    import_busy: bool = False
    import_file: str = ""
    import_lines: list[dict[str, str]] = []
    import_problems: list[str] = []
    import_good: int = 0
    import_bad: int = 0
    import_error: str = ""
    _rows: list[dict[str, Any]] = []  # the good lines, as they will be stored

    def _clear(self) -> None:
        self.import_file, self.import_lines, self.import_problems = "", [], []
        self.import_good = self.import_bad = 0
        self.import_error, self._rows = "", []

    @rx.event
    async def open_import(self):
        form = await self.get_state(FormState)
        if not form.dossier_id or await form._may_edit() is False:
            return rx.toast.error("Ce brouillon ne peut pas être modifié.")
        self._clear()
        self.import_open = True
        return None

    @rx.event
    def close_import(self) -> None:
        self.import_open = False
        self._clear()

    @rx.event
    async def read_file(self, files: list[rx.UploadFile]):
        form = await self.get_state(FormState)
        if not self.import_open or not form.dossier_id or await form._may_edit() is False:
            return
        ctx = await (await self.get_state(SessionState))._context()
        # The upload request carried a session cookie (checked by the guard): this tab's session.
        if ctx is None or upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.import_error = "Envoi refusé : reconnectez-vous, puis choisissez à nouveau le fichier."
            return
        if len(files) != 1:
            self.import_error = "Choisissez un seul fichier CSV ou XLSX."
            return
        incoming = await read_upload(files[0], settings.max_file_bytes)
        self._clear()
        self.import_file = incoming.name[-80:]
        if incoming.truncated:
            self.import_error = "Fichier trop volumineux."
            return
        self.import_busy = True
        yield
        answers, context = dict(form._answers), form._form_context()
        try:
            table = await asyncio.to_thread(table_rows, incoming.name, incoming.data, goods_import.MAX_LINES)
            preview = await asyncio.to_thread(goods_import.read_lines, table, answers, context)
        except TableRefused as exc:
            self.import_error = str(exc)
            return
        finally:
            self.import_busy = False
        self.import_lines = [_summary(line) for line in preview.lines]
        self.import_problems = preview.problems
        self._rows = [line.row for line in preview.good]
        self.import_good, self.import_bad = len(self._rows), len(preview.lines) - len(self._rows)

    @rx.event
    async def add_lines(self):
        form = await self.get_state(FormState)
        if not self._rows or not form.dossier_id or await form._may_edit() is False:
            return None
        group = goods_import.goods_group()
        rows = [*rows_of(form._answers, group.id), *self._rows]
        if len(rows) > group.max_rows:
            self.import_error = f"Le tableau compterait {len(rows)} lignes : {group.max_rows} au plus."
            return None
        added = len(self._rows)
        answers = derive({**form._answers, group.id: rows}, Regime(form.regime))
        event = form._record_change(answers)  # one change: one autosave
        await refresh_group(form, group)
        self.import_open = False
        self._clear()
        toast = rx.toast.success(f"{added} marchandise(s) ajoutée(s) au tableau.")
        return [toast] if event is None else [event, toast]
