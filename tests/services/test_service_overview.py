"""« Pilotage du service »: counts and ages per open status, due dates of the next 7 days, average
days to accept and to decide per month, open dossiers per agent — the service's own only."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.assignment import Move
from soprano_app.domain.workflow import Action
from soprano_app.models import Dossier
from soprano_app.services import assignment, service_overview
from soprano_app.services.workflow import perform
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")


def _open_of(service_id: int | None) -> int:
    with session_scope() as db:
        return len(
            db.exec(
                select(Dossier.id)
                .where(Dossier.service_id == service_id)
                .where(
                    col(Dossier.statut).not_in(
                        ["BROUILLON", "ACCORDEE", "REFUSEE", "RETIREE", "IRRECEVABLE", "SANS_SUITE"]
                    )
                )
            ).all()
        )


def test_the_overview_counts_the_services_open_dossiers() -> None:
    first, second = filed_application(), filed_application()
    lead = ctx_of("agent@demo.fr")
    perform(lead, first, Action.ACCEPTER)
    assignment.change(ctx_of("agent.lyon@demo.fr"), second, Move.TAKE)
    view = service_overview.overview(lead)
    assert view is not None
    assert view.open_total == _open_of(lead.service_id) == sum(s.count for s in view.statuses)
    deposited = next(s for s in view.statuses if s.status == "DEPOSEE")
    assert deposited.count >= 1 and deposited.oldest_age >= deposited.average_age >= 0
    assert len(view.months) == service_overview.MONTHS
    this_month = view.months[-1]
    assert this_month.accepted >= 1 and this_month.accept_days is not None and this_month.accept_days >= 0
    loads = {line.name: line.count for line in view.workload}
    assert loads["Thomas Bernard"] == 1 and sum(loads.values()) == view.open_total
    assert all(0 <= d.days_left <= service_overview.SOON_DAYS for d in view.due_soon)


def test_only_customs_agents_have_an_overview_of_their_own_service() -> None:
    assert service_overview.overview(ctx_of("operateur@demo.fr")) is None
    assert service_overview.overview(ctx_of("admin@demo.fr")) is None
    lille = service_overview.overview(ctx_of("agent.lille@demo.fr"))
    lyon = service_overview.overview(ctx_of("agent@demo.fr"))
    assert lille is not None and lyon is not None and lille.service != lyon.service
    assert lille.open_total == _open_of(ctx_of("agent.lille@demo.fr").service_id)
