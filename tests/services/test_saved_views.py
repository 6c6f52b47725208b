"""Filters of the dossier lists (régime, type, past due date, company search) and « Vues
enregistrées »: named by their user, his alone, counted, checked again at each use."""

from __future__ import annotations

import pytest

from soprano_app.domain.statuses import Bucket
from soprano_app.services import dashboard, saved_views
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")

EVERY = [Bucket.A_TRAITER, Bucket.EN_ATTENTE, Bucket.CLOTURES]


def test_filters_narrow_the_list_and_its_counts() -> None:
    agent = ctx_of("agent@demo.fr")
    everything = dashboard.list_dossiers(agent, EVERY, page_size=50)
    for regime in ("AT", "ED", "PA"):
        narrowed = dashboard.list_dossiers(agent, EVERY, page_size=50, regime=regime)
        assert all(row.regime == regime for row in narrowed.rows)
        assert narrowed.total == sum(1 for row in everything.rows if row.regime == regime)
    overdue = dashboard.list_dossiers(agent, EVERY, page_size=50, overdue=True)
    assert all(row.overdue for row in overdue.rows)
    assert overdue.total == sum(1 for row in everything.rows if row.overdue)
    assert dashboard.list_dossiers(agent, EVERY, regime="ZZ").total == everything.total  # unknown: ignored


def test_the_search_finds_a_company_by_name_siret_or_eori() -> None:
    filed_application()
    agent = ctx_of("agent@demo.fr")
    for needle in ("durand", "90012345600015", "fr90012345600015"):
        found = dashboard.list_dossiers(agent, EVERY, page_size=50, search=needle)
        assert found.total > 0 and all(r.entreprise == "Ateliers Durand SAS" for r in found.rows), needle
    assert dashboard.list_dossiers(agent, EVERY, search="100%_").total == 0  # wildcards are plain text


def test_a_saved_view_is_its_users_with_its_count() -> None:
    agent, lead = ctx_of("agent.lyon@demo.fr"), ctx_of("agent@demo.fr")
    chosen = dashboard.ListFilter(
        buckets=(Bucket.A_TRAITER,), regime="ED", sort="updated_at", descending=True
    )
    view_id = saved_views.save_view(agent, "  ED   à traiter ", chosen)
    views = saved_views.list_views(agent)
    assert [(v.name, v.count) for v in views] == [
        ("ED à traiter", dashboard.list_dossiers(agent, [Bucket.A_TRAITER], regime="ED").total)
    ]
    assert saved_views.get_view(agent, view_id) == chosen
    assert saved_views.get_view(lead, view_id) is None and saved_views.list_views(lead) == []
    saved_views.delete_view(lead, view_id)  # not his: nothing happens
    assert len(saved_views.list_views(agent)) == 1
    saved_views.save_view(agent, "ed À TRAITER", dashboard.ListFilter(buckets=(Bucket.CLOTURES,)))
    views = saved_views.list_views(agent)
    assert len(views) == 1 and views[0].filters["statuts"] == ["clotures"]  # the same name replaced it
    saved_views.delete_view(agent, view_id)
    assert saved_views.list_views(agent) == []


def test_refused_views() -> None:
    agent = ctx_of("agent@demo.fr")
    chosen = dashboard.ListFilter(buckets=(Bucket.A_TRAITER,))
    with pytest.raises(saved_views.ViewError, match="nom"):
        saved_views.save_view(agent, "   ", chosen)
    with pytest.raises(saved_views.ViewError, match="60"):
        saved_views.save_view(agent, "x" * 61, chosen)
    for n in range(saved_views.MAX_VIEWS):
        saved_views.save_view(agent, f"Vue {n}", chosen)
    with pytest.raises(saved_views.ViewError, match="supprimez"):
        saved_views.save_view(agent, "Une de trop", chosen)


def test_filters_read_from_a_view_are_checked_again() -> None:
    chosen = saved_views.clean_filters(
        {
            "statuts": ["a_traiter", "bidon"],
            "tri": "answers",
            "suivi": "tous",
            "regime": "ZZZ",
            "en_retard": "1",
        }
    )
    assert chosen.buckets == (Bucket.A_TRAITER,) and chosen.sort == "echeance" and chosen.follow == ""
    assert chosen.overdue is False and chosen.regime == "ZZ"  # bounded, then ignored by the list
