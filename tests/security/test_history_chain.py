"""Tamper-evident history: every change made behind the application's back is found, and where."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.workflow import Action
from soprano_app.models import (
    Attachment,
    Authorisation,
    AuthorisationVersion,
    ChainLink,
    Company,
    Dossier,
    DossierEvent,
)
from soprano_app.services import attachments, auth, integrity
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.workflow import ActionInput, perform
from tests import files
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")


def granted_dossier_id() -> int:
    """The dossier of Durand's authorisation (Lyon: agent@demo.fr's service)."""
    with session_scope() as db:
        return db.exec(  # type: ignore[return-value]
            select(AuthorisationVersion.dossier_id)
            .join(Authorisation, col(Authorisation.id) == AuthorisationVersion.authorisation_id)
            .where(Authorisation.numero == "FRIPO2026000001")
        ).first()


def durand_in(status: str) -> int:
    with session_scope() as db:
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        dossier = db.exec(
            select(Dossier).where(Dossier.company_id == durand.id).where(Dossier.statut == status)
        ).first()
    assert dossier is not None and dossier.id is not None
    return dossier.id


def report(dossier_id: int) -> integrity.Report:
    with session_scope() as db:
        return integrity.verify_dossier(db, dossier_id)


def sql(statement: str, **params: object) -> None:
    with session_scope() as db:
        db.execute(text(statement), params)


def test_every_chain_of_the_demo_and_of_new_steps_holds() -> None:
    assert all(r.intact for r in integrity.verify_all())
    dossier_id = durand_in("DEPOSEE")
    agent = ctx_of("agent@demo.fr")
    perform(agent, dossier_id, Action.COMMENTER, ActionInput("Un commentaire du service."))
    perform(agent, dossier_id, Action.ACCEPTER)
    result = report(dossier_id)
    assert result.intact and result.label.startswith("Historique intègre")


def test_files_and_their_removal_stay_chained() -> None:
    operator = ctx_of("operateur@demo.fr")
    draft = durand_in("BROUILLON")
    attachments.add_files(operator, draft, "autre", "", [IncomingFile("a.pdf", files.PDF, False)])
    with session_scope() as db:
        attachment_id = db.exec(select(Attachment.id).where(Attachment.dossier_id == draft)).one()
    attachments.remove(operator, draft, attachment_id)  # type: ignore[arg-type]
    assert report(draft).intact


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (
            "UPDATE dossierevent SET message = 'Rien à signaler.' WHERE id = :event",
            "entrée de l'historique modifiée",
        ),
        ("UPDATE dossierevent SET occurred_at = '2020-01-01 00:00:00' WHERE id = :event", "modifiée"),
        ("DELETE FROM dossierevent WHERE id = :event", "entrée de l'historique supprimée"),
        (
            "UPDATE chainlink SET content_hash = :zeros WHERE record_kind = 'event' AND record_id = :event",
            "maillon lui-même",
        ),
        ("DELETE FROM chainlink WHERE record_kind = 'event' AND record_id = :event", "manque"),
        (
            "UPDATE authorisationversion SET snapshot = '{}' WHERE dossier_id = :dossier",
            "version de l'autorisation modifiée",
        ),
        (
            "INSERT INTO dossierevent (dossier_id, occurred_at, actor_label, kind, message, by_customs) "
            "VALUES (:dossier, '2026-01-01 00:00:00', 'Intrus', 'commentaire', 'Ajouté à la main', false)",
            "ajoutée hors de la chaîne",
        ),
    ],
)
def test_a_change_behind_the_applications_back_is_found(tamper: str, reason: str) -> None:
    dossier_id = granted_dossier_id()
    with session_scope() as db:
        events = db.exec(
            select(DossierEvent.id).where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.id)
        ).all()
        position = db.exec(
            select(ChainLink.seq)
            .where(ChainLink.record_kind == "event")
            .where(ChainLink.record_id == events[1])
        ).one()
    assert report(dossier_id).intact
    sql(tamper, event=events[1], dossier=dossier_id, zeros="0" * 64)
    found = report(dossier_id)
    assert not found.intact
    assert reason in found.reason
    if "event" in tamper and ":event" in tamper:
        assert found.broken_at == position  # the very link that was touched
    assert found.label.startswith("Historique altéré : maillon n°")


def test_parallel_steps_on_one_dossier_keep_a_single_chain() -> None:
    dossier_id = durand_in("DEPOSEE")
    agent, operator = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def comment(ctx: auth.SessionContext, n: int) -> None:
        start.wait()
        try:
            for i in range(5):
                perform(ctx, dossier_id, Action.COMMENTER, ActionInput(f"Commentaire {n}-{i}"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=comment, args=(c, n)) for n, c in enumerate((agent, operator))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = report(dossier_id)
    assert result.intact and result.links >= 10


def test_only_customs_see_the_verdict_and_the_digest_fixes_the_heads() -> None:
    dossier_id = granted_dossier_id()
    assert integrity.report_for(ctx_of("operateur@demo.fr"), dossier_id) is None
    verdict = integrity.report_for(ctx_of("agent@demo.fr"), dossier_id)
    assert verdict is not None and verdict.intact
    path = integrity.write_digest(date(2026, 12, 1))
    content = path.read_text()
    assert content.startswith("# SOPRANO libre — empreinte des historiques du 2026-12-01")
    with session_scope() as db:
        head = db.exec(
            select(ChainLink.link_hash)
            .where(ChainLink.dossier_id == dossier_id)
            .order_by(ChainLink.seq.desc())  # type: ignore[attr-defined]
        ).first()
    assert f"{dossier_id} " in content and str(head) in content and "TOTAL " in content
