"""Dashboards: scope by acting company or customs service, filters, sorting, pagination in SQL."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.statuses import Bucket
from soprano_app.models import Company, CustomsService, Dossier, User
from soprano_app.services import auth, dossiers, drafts, list_counts
from soprano_app.services.access import AccessDenied
from soprano_app.services.auth import SessionContext
from soprano_app.services.dashboard import list_dossiers
from tests.fixtures import login_token

pytestmark = pytest.mark.usefixtures("demo")
ALL = list(Bucket)


def ctx_for(email: str, siret: str | None = None) -> SessionContext:
    token = login_token(email)
    if siret:
        with session_scope() as db:
            company = db.exec(select(Company).where(Company.siret == siret)).one()
        assert company.id is not None
        auth.choose_company(token, company.id)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    return ctx


def company_dossier_ids(siret: str) -> set[int]:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == siret)).one()
        return {d.id for d in db.exec(select(Dossier).where(Dossier.company_id == company.id)).all() if d.id}


def test_operator_sees_only_his_company() -> None:
    page = list_dossiers(ctx_for("operateur@demo.fr"), ALL)
    assert {r.entreprise for r in page.rows} == {"Ateliers Durand SAS"}
    assert {r.id for r in page.rows} == company_dossier_ids("90012345600015")
    assert page.total == 5


def test_default_filter_lists_what_needs_attention() -> None:
    page = list_dossiers(ctx_for("operateur@demo.fr"), [Bucket.A_TRAITER, Bucket.EN_ATTENTE])
    assert sorted(r.statut for r in page.rows) == ["BROUILLON", "DEPOSEE", "EN_INSTRUCTION", "INCOMPLETE"]
    assert page.counts == {"a_traiter": 2, "en_attente": 2, "clotures": 1}
    only_mine = list_dossiers(ctx_for("operateur@demo.fr"), [Bucket.A_TRAITER])
    assert {r.statut for r in only_mine.rows} == {"BROUILLON", "INCOMPLETE"}
    assert {r.bucket for r in only_mine.rows} == {"a_traiter"}
    assert list_dossiers(ctx_for("operateur@demo.fr"), []).rows == []


def test_representative_sees_the_chosen_company_only() -> None:
    page = list_dossiers(ctx_for("representant@demo.fr", "90023456800013"), ALL)
    assert {r.entreprise for r in page.rows} == {"Verrerie du Nord SA"}
    assert {r.id for r in page.rows} == company_dossier_ids("90023456800013")
    assert page.total == len(company_dossier_ids("90023456800013"))


def test_representative_without_a_chosen_company_sees_nothing() -> None:
    with pytest.raises(AccessDenied):
        list_dossiers(ctx_for("representant@demo.fr"), ALL)


def test_customs_sees_submitted_dossiers_of_his_service_with_the_mirror_split() -> None:
    ctx = ctx_for("agent@demo.fr")
    page = list_dossiers(ctx, ALL)
    assert "BROUILLON" not in {r.statut for r in page.rows}
    assert {r.entreprise for r in page.rows} == {"Ateliers Durand SAS"}
    assert page.counts == {"a_traiter": 2, "en_attente": 1, "clotures": 1}
    todo = list_dossiers(ctx, [Bucket.A_TRAITER])
    assert {r.statut for r in todo.rows} == {"DEPOSEE", "EN_INSTRUCTION"}


def test_officer_of_another_service_sees_nothing_of_lyon() -> None:
    ctx = ctx_for("agent@demo.fr")
    with session_scope() as db:
        lille = db.exec(select(CustomsService).where(CustomsService.name.contains("Lille"))).one()  # type: ignore[attr-defined]
        agent = db.exec(select(User).where(User.email == "agent@demo.fr")).one()
        agent.service_id = lille.id
        db.add(agent)
    ctx = ctx_for("agent@demo.fr")
    page = list_dossiers(ctx, ALL)
    assert {r.entreprise for r in page.rows} == {"Verrerie du Nord SA"}


def test_admin_has_no_dossier_scope() -> None:
    with pytest.raises(AccessDenied):
        list_dossiers(ctx_for("admin@demo.fr"), ALL)


def test_sorting_and_pagination_happen_in_sql() -> None:
    ctx = ctx_for("operateur@demo.fr")
    by_number = list_dossiers(ctx, ALL, sort="numero", page_size=10)
    numbers = [r.numero for r in by_number.rows if not r.numero.startswith("Brouillon")]
    assert numbers == sorted(numbers)
    desc = list_dossiers(ctx, ALL, sort="numero", descending=True)
    assert [r.numero for r in desc.rows if not r.numero.startswith("Brouillon")] == numbers[::-1]
    # 25 more drafts: 30 dossiers, three pages of 10.
    with session_scope() as db:
        operator = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        base = datetime.now(UTC)
        for i in range(25):
            db.add(
                Dossier(
                    company_id=operator.company_id,
                    created_by_id=operator.id,
                    regime="AT",
                    statut="BROUILLON",
                    updated_at=base - timedelta(minutes=i),
                )
            )
    list_counts.forget_all()  # written behind the services' back (they call access.changed_in_lists)
    first = list_dossiers(ctx, ALL, sort="updated_at", descending=True, page=1)
    third = list_dossiers(ctx, ALL, sort="updated_at", descending=True, page=3)
    beyond = list_dossiers(ctx, ALL, sort="updated_at", descending=True, page=99)
    assert (first.total, first.page_count, len(first.rows), len(third.rows)) == (30, 3, 10, 10)
    assert beyond.page == 3 and beyond.rows == third.rows
    assert list_dossiers(ctx, ALL, page_size=7).page_count == 3  # unknown size falls back to 10
    assert not set(r.id for r in first.rows) & set(r.id for r in third.rows)


def test_unknown_sort_column_falls_back_to_due_date() -> None:
    page = list_dossiers(ctx_for("operateur@demo.fr"), ALL, sort="password_hash; DROP TABLE user")
    dated = [r.echeance for r in page.rows if r.echeance]
    assert dated == sorted(dated, key=lambda d: d[6:] + d[3:5] + d[:2])


def test_search_by_number() -> None:
    ctx = ctx_for("operateur@demo.fr")
    some = list_dossiers(ctx, ALL).rows[0]
    hit = list_dossiers(ctx, ALL, search=some.numero[-4:])
    assert some.id in {r.id for r in hit.rows}
    assert list_dossiers(ctx, ALL, search="ZZZ").total == 0


def test_dossier_page_respects_the_scope() -> None:
    durand = company_dossier_ids("90012345600015")
    verrerie = company_dossier_ids("90023456800013")
    operator = ctx_for("operateur@demo.fr")
    assert all(dossiers.get_dossier(operator, i) is not None for i in durand)
    assert all(dossiers.get_dossier(operator, i) is None for i in verrerie)
    agent = ctx_for("agent@demo.fr")
    with session_scope() as db:
        drafts = {d.id for d in db.exec(select(Dossier).where(Dossier.statut == "BROUILLON")).all()}
    assert all(dossiers.get_dossier(agent, i) is None for i in drafts | verrerie)
    view = dossiers.get_dossier(agent, next(iter(durand - drafts)))
    assert view is not None and view.history and view.history[-1].kind == "creation"


def test_counts_are_kept_but_a_change_in_the_scope_shows_at_once() -> None:
    ctx = ctx_for("operateur@demo.fr")
    before = list_dossiers(ctx, ALL)
    with session_scope() as db:  # a row written behind the services' back: the kept count stays
        operator = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        db.add(
            Dossier(
                company_id=operator.company_id, created_by_id=operator.id, regime="AT", statut="BROUILLON"
            )
        )
    assert list_dossiers(ctx, ALL).total == before.total
    auth.accept_cgu(ctx.user_id)
    drafts.create_draft(auth.resolve_session(login_token("operateur@demo.fr")) or ctx, "AT")
    assert list_dossiers(ctx, ALL).total == before.total + 2  # the service's change dropped the count


def test_the_due_date_order_read_in_segments_is_the_plain_order() -> None:
    """Customs' default order (alerted first, then due date, then none) page after page, against
    the same order sorted by the database in one query."""
    from soprano_app.services import dashboard

    agent = ctx_for("agent@demo.fr")
    with session_scope() as db:
        service_id = agent.service_id
        company = db.exec(select(Company)).first()
        author = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        assert company is not None and company.id is not None
        today = datetime.now(UTC).date()
        for n in range(37):
            db.add(
                Dossier(
                    numero=f"RP-2026-9{n:05d}",
                    company_id=company.id,
                    service_id=service_id,
                    created_by_id=author.id,
                    regime="AT",
                    statut=("DEPOSEE", "EN_INSTRUCTION", "REFUSEE")[n % 3],
                    echeance=None if n % 5 == 0 else today + timedelta(days=n % 4),
                    alerte="Délai de décision dépassé" if n % 7 == 0 else None,
                )
            )
    list_counts.forget_all()
    for buckets in (ALL, [Bucket.A_TRAITER]):
        segmented, plain = [], []
        for page in range(1, list_dossiers(agent, buckets).page_count + 1):
            segmented += [r.id for r in list_dossiers(agent, buckets, page=page).rows]
            with session_scope() as db:
                wanted = (
                    *dashboard.dossier_scope(agent),
                    dashboard.col(Dossier.statut).in_(dashboard.statuses_of(buckets, dashboard.Side.CUSTOMS)),
                )
                rows = dashboard._sorted(
                    db, dashboard.Side.CUSTOMS, wanted, "echeance", False, (page - 1) * 10, 10
                )
            plain += [dossier.id for dossier, _name in rows]
        assert segmented == plain and len(set(segmented)) == len(segmented) > 10


def test_a_number_is_found_by_its_beginning_or_any_part() -> None:
    agent = ctx_for("agent@demo.fr")
    every = list_dossiers(agent, ALL, page_size=50).rows
    numero = next(r.numero for r in every if r.numero.startswith("RP-"))
    assert numero in [r.numero for r in list_dossiers(agent, ALL, search=numero[:9].lower()).rows]
    assert numero in [r.numero for r in list_dossiers(agent, ALL, search=numero[-4:]).rows]
    assert list_dossiers(agent, ALL, search="%").total == 0  # a wildcard is a character like another
