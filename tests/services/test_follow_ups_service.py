"""Avenants and renewals against a real database: start, one at a time, submit, grant, versions."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from soprano_app.app_clock import now_utc
from soprano_app.db import session_scope
from soprano_app.domain.formatting import paris_today
from soprano_app.domain.regimes import TypeDemande
from soprano_app.domain.workflow import Action, WorkflowError
from soprano_app.models import Authorisation, AuthorisationVersion, CustomsService, Dossier
from soprano_app.services import authorisations, deadlines, drafts, follow_ups, notifications, time_machine
from soprano_app.services.access import AccessDenied
from soprano_app.services.workflow import ActionInput, perform
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")
AV, RE = TypeDemande.AVENANT, TypeDemande.RENOUVELLEMENT


def granted() -> Authorisation:
    with session_scope() as db:
        return db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()


def stored(dossier_id: int) -> Dossier:
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
        assert found is not None
        return found


def submit_with(dossier_id: int, **changes: object) -> str:
    operator = ctx_of("operateur@demo.fr")
    wished = (paris_today(now_utc()) + timedelta(days=7)).isoformat()
    answers = json.loads(stored(dossier_id).answers)
    answers = {"date_effet": wished} | answers | {"val_attestation": "oui"} | changes
    saved = drafts.save_draft(operator, dossier_id, answers, stored(dossier_id).version)
    assert saved.ok, saved.message
    result = drafts.submit(operator, dossier_id, stored(dossier_id).version)
    assert result.ok, [f.message for f in result.findings]
    return result.numero


def test_an_avenant_from_draft_to_version_1() -> None:
    operator, agent = ctx_of("operateur@demo.fr"), ctx_of("agent@demo.fr")
    authorisation = granted()
    assert authorisation.id is not None
    assert [(o.kind, o.refused) for o in follow_ups.options(operator, authorisation.id)] == [
        ("2", ""),
        ("3", ""),
    ]
    assert follow_ups.options(agent, authorisation.id) == []  # customs does not file

    dossier_id = follow_ups.start(operator, authorisation.id, AV)
    draft = stored(dossier_id)
    answers = json.loads(draft.answers)
    assert (draft.type_demande, draft.authorisation_id, draft.regime) == ("2", authorisation.id, "PA")
    assert answers["ref_autorisation"] == authorisation.numero and answers["type_demande"] == "2"
    with pytest.raises(drafts.DraftError, match="déjà en cours"):
        follow_ups.start(operator, authorisation.id, AV)  # one open avenant at a time
    refused = {o.kind: o for o in follow_ups.options(operator, authorisation.id)}
    assert "déjà en cours" in refused["2"].refused and refused["2"].open_dossier_id == dossier_id

    # The draft keeps its kind and reference whatever the client sends; the object is required.
    assert not drafts.submit(operator, dossier_id, draft.version).ok
    numero = submit_with(
        dossier_id,
        type_demande="1",
        ref_autorisation="FRIPO2099999999",
        avenant_objet="Ajout d'un atelier.",
        remarque_generale="Deuxième atelier.",
    )
    filed = stored(dossier_id)
    assert json.loads(filed.answers)["type_demande"] == "2" and numero.startswith("RP-")
    with session_scope() as db:
        service = db.get(CustomsService, filed.service_id)
    assert service is not None and service.id == authorisation.service_id  # the issuing service

    seen = follow_ups.origin(agent, dossier_id)
    assert (
        seen is not None
        and seen.authorisation_numero == authorisation.numero
        and seen.kind_label == "Avenant"
    )
    assert [(c.label, c.after) for c in seen.changes] == [("Remarque générale", "Deuxième atelier.")]
    assert follow_ups.origin(ctx_of("representant@demo.fr", "90023456800013"), dossier_id) is None

    perform(agent, dossier_id, Action.ACCEPTER)
    today = paris_today(now_utc())
    with pytest.raises(WorkflowError, match="60 mois"):
        perform(
            agent,
            dossier_id,
            Action.ACCORDER,
            ActionInput(valid_from=today, valid_to=authorisation.valid_from + timedelta(days=366 * 5)),
        )
    outcome = perform(
        agent,
        dossier_id,
        Action.ACCORDER,
        ActionInput(valid_from=today, valid_to=authorisation.valid_to, guarantee_kind="aucune"),
    )
    assert outcome.message.startswith(f"Avenant n° 1 à l'autorisation n° {authorisation.numero} accordé")
    after = granted()
    assert (after.numero, after.version, after.valid_from) == (
        authorisation.numero,
        1,
        authorisation.valid_from,
    )
    assert json.loads(after.snapshot)["remarque_generale"] == "Deuxième atelier."
    history = authorisations.lineage(operator, authorisation.id)
    assert history is not None
    assert [(v.label, v.objet) for v in history.versions] == [
        ("Avenant n° 1", "Ajout d'un atelier."),
        ("Décision initiale", ""),
    ]
    with session_scope() as db:
        versions = select(AuthorisationVersion).where(
            AuthorisationVersion.authorisation_id == authorisation.id
        )
        assert len(db.exec(versions).all()) == 2
    after_grant = follow_ups.origin(operator, dossier_id)  # still against the version it amended
    assert after_grant is not None and [c.label for c in after_grant.changes] == ["Remarque générale"]
    # Closed: a new avenant may be asked.
    assert {o.kind: o.refused for o in follow_ups.options(operator, authorisation.id)}["2"] == ""


def test_a_renewal_is_a_new_authorisation_linked_to_the_old_one() -> None:
    operator, agent = ctx_of("operateur@demo.fr"), ctx_of("agent@demo.fr")
    old = granted()
    assert old.id is not None and old.valid_to is not None
    dossier_id = follow_ups.start(operator, old.id, RE)
    submit_with(dossier_id)
    perform(agent, dossier_id, Action.ACCEPTER)
    start = old.valid_to + timedelta(days=1)
    outcome = perform(
        agent,
        dossier_id,
        Action.ACCORDER,
        ActionInput(valid_from=start, valid_to=start + timedelta(days=365 * 3), guarantee_kind="aucune"),
    )
    assert outcome.authorisation != old.numero and outcome.authorisation.startswith("FRIPO")
    assert f"renouvelle l'autorisation n° {old.numero}" in outcome.message
    with session_scope() as db:
        new = db.exec(select(Authorisation).where(Authorisation.numero == outcome.authorisation)).one()
    assert new.replaces_id == old.id and new.version == 0
    old_lineage = authorisations.lineage(operator, old.id)
    new_lineage = authorisations.lineage(operator, new.id or 0)
    assert old_lineage and old_lineage.replaced_by["numero"] == new.numero
    assert new_lineage and new_lineage.replaces["numero"] == old.numero

    # Until the renewal takes effect the old one is in force; from that day on, « Remplacée ».
    def status(authorisation_id: int) -> str:
        found = authorisations.get_authorisation(operator, authorisation_id)
        assert found is not None
        return found[0].status

    assert (status(old.id), status(new.id or 0)) == ("EN_VIGUEUR", "A_VENIR")
    time_machine.move_to(None, start)
    deadlines.run_all()
    assert (status(old.id), status(new.id or 0)) == ("REMPLACEE", "EN_VIGUEUR")
    assert all("remplacée" in o.refused for o in follow_ups.options(operator, old.id))
    titles = [n.title for n in notifications.latest(operator)]
    assert f"Autorisation n° {new.numero} en vigueur" in titles
    assert not any("expirée" in t for t in titles)  # replaced, not expired
    time_machine.back_to_real_time()


def test_nobody_else_starts_a_follow_up() -> None:
    authorisation = granted()
    assert authorisation.id is not None
    other = ctx_of("representant@demo.fr", "90023456800013")
    with pytest.raises(drafts.DraftError, match="introuvable"):
        follow_ups.start(other, authorisation.id, AV)
    with pytest.raises(AccessDenied):  # customs does not file
        follow_ups.start(ctx_of("agent@demo.fr"), authorisation.id, AV)
    with pytest.raises(drafts.DraftError, match="première demande"):
        follow_ups.start(ctx_of("operateur@demo.fr"), authorisation.id, TypeDemande.PREMIERE)
