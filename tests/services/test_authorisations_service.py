"""« Mes autorisations » / « Autorisations délivrées »: who sees which, paginated in SQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import Authorisation, Company, CustomsService
from soprano_app.services import authorisations
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")


def test_each_side_sees_its_own_authorisations() -> None:
    operator = authorisations.list_authorisations(ctx_of("operateur@demo.fr"))
    assert [r.numero for r in operator.rows] == ["FRIPO2026000001"]
    assert operator.rows[0].titulaire == "Ateliers Durand SAS" and operator.rows[0].status == "EN_VIGUEUR"
    agent = authorisations.list_authorisations(ctx_of("agent@demo.fr"))  # Lyon granted it
    assert [r.numero for r in agent.rows] == ["FRIPO2026000001"]
    other = authorisations.list_authorisations(ctx_of("representant@demo.fr", "90023456800013"))
    assert other.rows == [] and other.total == 0
    only = operator.rows[0].id
    assert authorisations.get_authorisation(ctx_of("representant@demo.fr", "90023456800013"), only) is None
    found = authorisations.get_authorisation(ctx_of("operateur@demo.fr"), only)
    assert found is not None and found[1]  # with the data granted
    assert authorisations.list_authorisations(ctx_of("admin@demo.fr")).total == 0


def test_pages_are_cut_in_sql() -> None:
    with session_scope() as db:
        granted = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        lyon = db.exec(select(CustomsService).where(CustomsService.office_code == "FR864001")).one()
        for n in range(3, 25):  # 000002 is the demo's short authorisation of Chantiers Navals
            db.add(
                Authorisation(
                    numero=f"FRIPO2026{n:06d}",
                    dossier_id=_extra_dossier(db, granted.dossier_id, n),
                    company_id=company.id,
                    service_id=lyon.id,
                    regime="PA",
                    type_code="IPO",
                    valid_from=date(2026, 1, 1),
                    valid_to=date(2029, 1, 1),
                    granted_by_label="Pôle d'action économique de Lyon",
                )
            )
    ctx = ctx_of("operateur@demo.fr")
    first = authorisations.list_authorisations(ctx, 1, per_page=10)
    assert (first.total, first.page_count, len(first.rows)) == (23, 3, 10)
    last = authorisations.list_authorisations(ctx, 99, per_page=10)
    assert (last.page, len(last.rows)) == (3, 3)
    seen = {r.numero for p in (1, 2, 3) for r in authorisations.list_authorisations(ctx, p, per_page=10).rows}
    assert len(seen) == 23


def _extra_dossier(db, model_id, n):  # type: ignore[no-untyped-def]
    """A copy of the demo's granted dossier (one authorisation per dossier)."""
    from soprano_app.models import Dossier

    model = db.get(Dossier, model_id)
    dossier = Dossier(
        company_id=model.company_id,
        created_by_id=model.created_by_id,
        regime="PA",
        type_demande="1",
        statut="ACCORDEE",
        numero=f"RP-2026-9{n:05d}",
    )
    db.add(dossier)
    db.flush()
    return dossier.id


def test_customs_and_holders_see_what_ends_within_ninety_days_soonest_first() -> None:
    from datetime import timedelta

    from soprano_app import app_clock

    nantes, chantiers = ctx_of("agent.nantes@demo.fr"), ctx_of("admin@demo.fr")
    listed = authorisations.list_authorisations(nantes, expiring=True)
    assert [r.numero for r in listed.rows] == ["FRIPO2026000002"]  # the demo's one, ending in ~83 days
    assert listed.expiring_total == 1 and authorisations.expiring_count(nantes) == 1
    assert authorisations.expiring_count(ctx_of("agent@demo.fr")) == 0  # Lyon's ends in 3 years
    assert authorisations.expiring_count(chantiers) == 0  # no scope, nothing
    with session_scope() as db:
        short = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000002")).one()
        sooner = Authorisation(
            numero="FRIPO2026000099",
            dossier_id=_extra_dossier(db, short.dossier_id, 99),
            company_id=short.company_id,
            service_id=short.service_id,
            regime="PA",
            type_code="IPO",
            valid_from=app_clock.today() - timedelta(days=300),
            valid_to=app_clock.today() + timedelta(days=10),
            granted_by_label="Pôle d'action économique de Nantes",
        )
        db.add(sooner)
        db.flush()
        db.add(  # its renewal is granted: nothing to watch any more
            Authorisation(
                numero="FRIPO2026000100",
                dossier_id=_extra_dossier(db, short.dossier_id, 100),
                company_id=short.company_id,
                service_id=short.service_id,
                regime="PA",
                type_code="IPO",
                valid_from=app_clock.today() + timedelta(days=11),
                valid_to=app_clock.today() + timedelta(days=800),
                granted_by_label="Pôle d'action économique de Nantes",
                replaces_id=sooner.id,
            )
        )
        db.add(
            Authorisation(
                numero="FRIPO2026000101",
                dossier_id=_extra_dossier(db, short.dossier_id, 101),
                company_id=short.company_id,
                service_id=short.service_id,
                regime="PA",
                type_code="IPO",
                valid_from=app_clock.today() - timedelta(days=300),
                valid_to=app_clock.today() + timedelta(days=20),
                granted_by_label="Pôle d'action économique de Nantes",
            )
        )
    listed = authorisations.list_authorisations(nantes, expiring=True)
    assert [r.numero for r in listed.rows] == ["FRIPO2026000101", "FRIPO2026000002"]  # soonest first
    assert listed.total == 2 == authorisations.expiring_count(nantes)
    assert (
        authorisations.list_authorisations(nantes).total == 6
    )  # « Toutes » (with the suspended and the revoked)
