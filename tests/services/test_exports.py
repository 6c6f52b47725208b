"""« Exporter » the dossier list: the view as shown, in the session's scope, read back from CSV and
XLSX; through the API, the cookie decides the scope and every parameter is checked."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from soprano_app import api as api_module
from soprano_app.domain.assignment import Move
from soprano_app.domain.statuses import Bucket
from soprano_app.services import assignment, dashboard, exports
from tests.fixtures import ctx_of, filed_application, login_token

pytestmark = pytest.mark.usefixtures("demo")

EVERY = (Bucket.A_TRAITER, Bucket.EN_ATTENTE, Bucket.CLOTURES)


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_customs_view_as_csv_and_xlsx_matches_the_list() -> None:
    dossier_id = filed_application()
    agent = ctx_of("agent.lyon@demo.fr")
    assignment.change(agent, dossier_id, Move.TAKE)
    chosen = dashboard.ListFilter(buckets=EVERY)
    shown = dashboard.list_dossiers(agent, EVERY, page_size=50)
    name, data, media = exports.dossier_list_file(agent, chosen, "csv")
    assert name.startswith("dossiers-") and name.endswith(".csv") and media.startswith("text/csv")
    rows = _csv(data)
    assert rows[0] == [
        "Numéro de dossier", "Opérateur", "Régime", "Type de demande", "Statut",
        "Dernière modification", "Échéance", "Suivi par", "Alerte",
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [r.numero for r in shown.rows]  # same order, every row
    taken = next(r for r in rows[1:] if r[-2] == "Thomas Bernard")
    assert taken[1] == "Ateliers Durand SAS"

    _name, data, media = exports.dossier_list_file(
        agent, dashboard.ListFilter(buckets=EVERY, follow="moi"), "xlsx"
    )
    assert media.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Numéro de dossier" and len(values) == 2 and values[1][-2] == "Thomas Bernard"


def test_the_operator_exports_his_companys_dossiers_only() -> None:
    operator = ctx_of("operateur@demo.fr")
    _name, data, _media = exports.dossier_list_file(operator, dashboard.ListFilter(buckets=EVERY), "csv")
    rows = _csv(data)
    assert "Opérateur" not in rows[0] and "Suivi par" not in rows[0]
    total = dashboard.list_dossiers(operator, EVERY, page_size=50).total
    assert len(rows) - 1 == total


def test_the_api_checks_the_cookie_and_the_parameters() -> None:
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    assert client.get("/api/dossiers/export.csv").status_code == 401
    client.cookies.set("rp_sid", login_token("admin@demo.fr"))
    assert client.get("/api/dossiers/export.csv").status_code == 404  # no dossier list for him
    client.cookies.set("rp_sid", login_token("agent.lille@demo.fr"))
    assert client.get("/api/dossiers/export.pdf").status_code == 404
    answer = client.get(
        "/api/dossiers/export.xlsx",
        params={"statuts": "a_traiter,en_attente,clotures,bidon", "tri": "answers; DROP", "suivi": "x"},
    )
    assert answer.status_code == 200 and answer.headers["cache-control"] == "private, no-store"
    assert answer.headers["content-disposition"].startswith('attachment; filename="dossiers-')
    sheet = load_workbook(io.BytesIO(answer.content)).active
    lille = [r[0].value for r in list(sheet.iter_rows())[1:]]
    lyon = {r.numero for r in dashboard.list_dossiers(ctx_of("agent@demo.fr"), EVERY, page_size=50).rows}
    assert lille and not set(lille) & lyon  # another service's dossiers never leak
