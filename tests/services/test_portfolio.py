"""« Portefeuille »: a representative sees the dossiers and authorisations of every company he may act
for today, and nothing of the others; an operator sees his company's."""

from __future__ import annotations

import pytest

from soprano_app.domain.statuses import Bucket
from soprano_app.services import portfolio
from tests.fixtures import company_id, ctx_of, representative_for

pytestmark = pytest.mark.usefixtures("demo")

EVERY = [Bucket.A_TRAITER, Bucket.EN_ATTENTE, Bucket.CLOTURES]
DURAND, VERRERIE = "90012345600015", "90023456800013"


def test_the_representatives_portfolio_spans_his_companies() -> None:
    ctx = representative_for(DURAND)
    page = portfolio.portfolio(ctx, EVERY)
    names = {name for _, name in page.companies}
    assert names == {"Ateliers Durand SAS", "Verrerie du Nord SA", "Chantiers Navals de l'Ouest"}
    assert {row.entreprise for _, row in page.rows} >= {"Ateliers Durand SAS", "Verrerie du Nord SA"}
    assert page.total >= len(page.rows) and len(page.rows) <= portfolio.PAGE_SIZE
    assert page.authorisations and all(
        cid in {i for i, _ in page.companies} for cid, _ in page.authorisations
    )
    verrerie = portfolio.portfolio(ctx, EVERY, company_id(VERRERIE))
    assert verrerie.rows and {row.entreprise for _, row in verrerie.rows} == {"Verrerie du Nord SA"}
    unknown = portfolio.portfolio(ctx, EVERY, 999_999)
    assert unknown.total == page.total  # a company outside the portfolio: the whole portfolio


def test_an_operator_sees_his_company_and_an_agent_nothing() -> None:
    page = portfolio.portfolio(ctx_of("operateur@demo.fr"), EVERY)
    assert [name for _, name in page.companies] == ["Ateliers Durand SAS"]
    assert {row.entreprise for _, row in page.rows} == {"Ateliers Durand SAS"}
    empty = portfolio.portfolio(ctx_of("agent@demo.fr"), EVERY)
    assert empty.companies == [] and empty.rows == [] and empty.authorisations == []
