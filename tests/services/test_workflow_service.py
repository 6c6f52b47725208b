"""The decision phase against a real database: steps, history, requests, clock, authorisation,
notifications — and who may not act."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import col, select

from soprano_app.app_clock import now_utc
from soprano_app.db import session_scope
from soprano_app.domain.formatting import paris_today
from soprano_app.domain.workflow import Action, WorkflowError
from soprano_app.models import (
    Authorisation,
    AuthorisationVersion,
    Company,
    CustomsService,
    Dossier,
    DossierEvent,
    DossierRequest,
    Notification,
    User,
)
from soprano_app.services import notifications
from soprano_app.services.workflow import ActionInput, perform
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")


def durand_dossier(status: str) -> Dossier:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        return db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut == status)
        ).one()


def reload(dossier_id: int) -> Dossier:
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
        assert found is not None
        return found


def test_a_whole_decision_phase() -> None:
    agent, operator = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    dossier = reload(filed_application())  # its acceptance period runs
    today = paris_today(now_utc())

    perform(
        agent,
        dossier.id,
        Action.DEMANDER_COMPLEMENTS,
        ActionInput("Précisez le téléphone.", 15, reopened=["contact_demande"]),
    )
    assert reload(dossier.id).statut == "INCOMPLETE"
    with session_scope() as db:
        request = db.exec(select(DossierRequest).where(DossierRequest.dossier_id == dossier.id)).one()
    assert request.status == "nouvelle" and request.due_date >= today + timedelta(days=15)
    assert reload(dossier.id).echeance == request.due_date  # the operator's deadline

    with pytest.raises(WorkflowError, match="Corrigez les champs rouverts"):
        perform(
            operator,
            dossier.id,
            Action.REPONDRE,
            ActionInput("Voici", answers={"contact_demande_telephone": "abc"}),
        )
    perform(
        operator,
        dossier.id,
        Action.REPONDRE,
        ActionInput(
            "Numéro corrigé.",
            answers={"contact_demande_telephone": "04 78 00 00 00", "dem_raison_sociale": "Pirate"},
        ),
    )
    saved = reload(dossier.id)
    answers = json.loads(saved.answers)
    assert saved.statut == "DEPOSEE" and answers["contact_demande_telephone"] == "04 78 00 00 00"
    assert answers["dem_raison_sociale"] == "Ateliers Durand SAS"  # not reopened: unchanged

    perform(agent, dossier.id, Action.ACCEPTER)
    perform(agent, dossier.id, Action.DEMANDER_INFORMATIONS, ActionInput("Taux de perte ?", 20))
    perform(operator, dossier.id, Action.REPONDRE, ActionInput("0,5 %"))
    perform(agent, dossier.id, Action.PROLONGER_DELAI, ActionInput("Visite des locaux.", days=20))
    with pytest.raises(WorkflowError, match="entre 1 et 10 jours"):  # 30 days in all (art. 22(3) CDU)
        perform(agent, dossier.id, Action.PROLONGER_DELAI, ActionInput("Encore.", days=11))
    perform(
        agent,
        dossier.id,
        Action.NOTIFIER_PROJET_DEFAVORABLE,
        ActionInput("Locaux non sécurisés.", grounds=["surveillance"]),
    )
    assert reload(dossier.id).statut == "DROIT_ETRE_ENTENDU"
    perform(operator, dossier.id, Action.REPONDRE, ActionInput("Une clôture a été posée."))
    outcome = perform(
        agent,
        dossier.id,
        Action.ACCORDER,
        ActionInput(valid_from=today + timedelta(days=1), valid_to=None, guarantee_kind="dispense"),
    )
    assert outcome.authorisation.startswith("FRCWP") and reload(dossier.id).statut == "ACCORDEE"
    assert reload(dossier.id).echeance is None
    with session_scope() as db:
        authorisation = db.exec(select(Authorisation).where(Authorisation.dossier_id == dossier.id)).one()
        events = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).all()
        requests = db.exec(select(DossierRequest).where(DossierRequest.dossier_id == dossier.id)).all()
    assert authorisation.valid_to is None and authorisation.company_id == dossier.company_id  # ED: no end
    actions = [e.action for e in sorted(events, key=lambda e: e.id or 0) if e.action]
    assert actions[-9:] == [
        "demander_complements",
        "repondre",
        "accepter",
        "demander_informations",
        "repondre",
        "prolonger_delai",
        "notifier_projet_defavorable",
        "repondre",
        "accorder",
    ]
    assert {r.status for r in requests} == {"repondue"}
    assert any("Autorisation n°" in e.message for e in events)
    assert notifications.unread_count(operator) >= 5 and notifications.unread_count(agent) >= 3


def test_refusal_needs_the_hearing_and_carries_the_means_of_appeal() -> None:
    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="droit d'être entendu"):
        perform(agent, dossier.id, Action.REFUSER, ActionInput("Non."))
    with pytest.raises(WorkflowError, match="Cochez au moins un motif"):
        perform(agent, dossier.id, Action.NOTIFIER_PROJET_DEFAVORABLE, ActionInput("Non."))
    perform(
        agent,
        dossier.id,
        Action.NOTIFIER_PROJET_DEFAVORABLE,
        ActionInput("Valeur des écarts non justifiée.", grounds=["ecritures"]),
    )
    with pytest.raises(WorkflowError, match="attendez sa réponse ou la fin de ce délai"):
        perform(agent, dossier.id, Action.REFUSER, ActionInput("Non.", grounds=["ecritures"]))
    with session_scope() as db:  # the 30 days of the right to be heard are over
        hearing = db.exec(select(DossierRequest).where(DossierRequest.dossier_id == dossier.id)).one()
        hearing.due_date = paris_today(now_utc()) - timedelta(days=1)
        db.add(hearing)
    with pytest.raises(WorkflowError, match="message"):
        perform(agent, dossier.id, Action.REFUSER, ActionInput("", grounds=["ecritures"]))
    # One hearing per ground: a refusal on a ground never notified needs a new hearing.
    with pytest.raises(WorkflowError, match="n'a pas été entendu sur le motif « Garantie non fournie"):
        perform(
            agent,
            dossier.id,
            Action.REFUSER,
            ActionInput("Et la garantie.", grounds=["ecritures", "garantie"]),
        )
    from soprano_app.services import decision

    view = decision.decision_view(agent, dossier.id)
    assert view is not None
    [refuse] = [a for a in view.actions if a.action == "refuser"]
    assert [g["value"] for g in refuse.grounds] == ["ecritures"]  # only what was heard is offered
    perform(agent, dossier.id, Action.REFUSER, ActionInput("Écarts non justifiés.", grounds=["ecritures"]))
    with session_scope() as db:
        last = db.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == dossier.id).order_by(DossierEvent.id.desc())
        ).first()  # type: ignore[union-attr]
    assert last is not None and "Voies de recours" in last.message and last.to_status == "REFUSEE"
    assert last.grounds == "ecritures" and last.message.startswith("Motifs : Écritures ne permettant pas")


def test_withdrawal_and_comments() -> None:
    operator, agent = ctx_of("operateur@demo.fr"), ctx_of("agent@demo.fr")
    dossier = durand_dossier("DEPOSEE")
    assert dossier.id is not None
    perform(operator, dossier.id, Action.COMMENTER, ActionInput("Nous restons à votre disposition."))
    perform(agent, dossier.id, Action.COMMENTER, ActionInput("Bien reçu."))
    perform(operator, dossier.id, Action.RETIRER)
    assert reload(dossier.id).statut == "RETIREE"
    with pytest.raises(WorkflowError, match="n'est pas possible"):
        perform(operator, dossier.id, Action.RETIRER)
    perform(operator, dossier.id, Action.COMMENTER, ActionInput("Merci."))  # comments stay open


def test_granting_checks_the_validity_dates_and_records_the_guarantee() -> None:
    import dataclasses

    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")  # DP: 5 years at most
    assert dossier.id is not None
    today = paris_today(now_utc())
    with pytest.raises(WorkflowError, match="date de prise d'effet"):
        perform(agent, dossier.id, Action.ACCORDER, ActionInput())
    with pytest.raises(WorkflowError, match="60 mois au plus"):
        perform(
            agent,
            dossier.id,
            Action.ACCORDER,
            ActionInput(valid_from=today, valid_to=today + timedelta(days=6 * 366)),
        )
    dates = ActionInput(valid_from=today, valid_to=today + timedelta(days=365))
    with pytest.raises(WorkflowError, match="Indiquez la garantie exigée"):
        perform(agent, dossier.id, Action.ACCORDER, dates)
    with pytest.raises(WorkflowError, match="montant de la garantie"):
        perform(
            agent,
            dossier.id,
            Action.ACCORDER,
            dataclasses.replace(dates, guarantee_kind="isolee", guarantee_amount="-3"),
        )
    with pytest.raises(WorkflowError, match="autorisation de garantie globale"):
        perform(
            agent,
            dossier.id,
            Action.ACCORDER,
            dataclasses.replace(dates, guarantee_kind="globale", guarantee_amount="5000"),
        )
    outcome = perform(
        agent,
        dossier.id,
        Action.ACCORDER,
        dataclasses.replace(
            dates, guarantee_kind="isolee", guarantee_amount="120 000,5", guarantee_reference="26FR0001"
        ),
    )
    assert outcome.authorisation.startswith("FREUS")
    with session_scope() as db:
        version = db.exec(select(AuthorisationVersion).order_by(col(AuthorisationVersion.id).desc())).first()
        assert version is not None
        assert (version.guarantee_kind, version.guarantee_amount, version.guarantee_reference) == (
            "isolee",
            "120000.50",
            "26FR0001",
        )
    from soprano_app.services import authorisations

    lineage = authorisations.lineage(agent, version.authorisation_id)
    assert lineage is not None
    assert lineage.versions[0].guarantee == "Garantie isolée de 120\u202f000,50\xa0€ (référence 26FR0001)"


def test_nobody_takes_a_step_that_is_not_theirs() -> None:
    operator = ctx_of("operateur@demo.fr")
    dossier = durand_dossier("DEPOSEE")
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="réservé au service des douanes"):
        perform(operator, dossier.id, Action.ACCEPTER)
    # An officer of another service.
    with session_scope() as db:
        lille = db.exec(select(CustomsService).where(CustomsService.office_code == "FR986001")).one()
        agent_row = db.exec(select(User).where(User.email == "agent@demo.fr")).one()
        agent_row.service_id = lille.id
        db.add(agent_row)
    other_agent = ctx_of("agent@demo.fr")
    with pytest.raises(WorkflowError, match="introuvable"):
        perform(other_agent, dossier.id, Action.ACCEPTER)
    # Another company's representative.
    representative = ctx_of("representant@demo.fr", "90023456800013")
    with pytest.raises(WorkflowError, match="introuvable"):
        perform(representative, dossier.id, Action.COMMENTER, ActionInput("Bonjour"))
    admin = ctx_of("admin@demo.fr")
    with pytest.raises(WorkflowError):
        perform(admin, dossier.id, Action.ACCEPTER)
    assert reload(dossier.id).statut == "DEPOSEE"
    with session_scope() as db:  # nobody was told of a step that did not happen
        assert db.exec(select(Notification).where(col(Notification.read_at).is_(None))).all() == []


def test_the_history_is_append_only() -> None:
    from soprano_app.models import AppendOnlyError

    dossier = durand_dossier("DEPOSEE")
    with pytest.raises(AppendOnlyError), session_scope() as db:
        first = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).first()
        assert first is not None
        first.message = "réécrit"
        db.add(first)
    with pytest.raises(AppendOnlyError), session_scope() as db:
        first = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).first()
        db.delete(first)
    with session_scope() as db:
        messages = [e.message for e in db.exec(select(DossierEvent)).all()]
    assert "réécrit" not in messages


def verrerie(status: str) -> Dossier:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
        return db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut == status)
        ).one()


def test_a_pa_without_economic_code_waits_for_the_commission_s_conclusion() -> None:
    from soprano_app.services import decision, integrity

    agent = ctx_of("agent.lille@demo.fr")
    dossier = verrerie("EXAMEN_CE")  # the demo's PA with no code of RDC art. 167
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="Choisissez : conclusion"):
        perform(agent, dossier.id, Action.RETOUR_COMMISSION, ActionInput("Avis reçu."))
    perform(
        agent, dossier.id, Action.RETOUR_COMMISSION, ActionInput("Avis C(2026) 123.", choice="non_remplies")
    )
    view = decision.decision_view(agent, dossier.id)
    assert view is not None and "ne sont pas remplies" in view.grant_blocked
    assert "accorder" not in {a.action for a in view.actions}
    with pytest.raises(WorkflowError, match="ne sont pas remplies"):
        perform(agent, dossier.id, Action.ACCORDER, ActionInput(valid_from=paris_today(now_utc())))
    with session_scope() as db:
        last = db.exec(
            select(DossierEvent)
            .where(DossierEvent.dossier_id == dossier.id)
            .order_by(col(DossierEvent.id).desc())
        ).first()
        assert last is not None and last.choice == "non_remplies"
        assert last.message.startswith("Conclusion de l'examen des conditions économiques : Les conditions")
        assert integrity.verify_dossier(db, dossier.id).intact  # the choice is chained with the entry
        last_id = last.id
    from sqlalchemy import text

    with session_scope() as db:  # behind the application's back: the chain tells
        db.execute(text("UPDATE dossierevent SET choice = 'remplies' WHERE id = :i"), {"i": last_id})
    with session_scope() as db:
        assert not integrity.verify_dossier(db, dossier.id).intact
    # The operator does not see customs' reasons for not granting.
    operator = ctx_of("representant@demo.fr", "90023456800013")
    assert decision.decision_view(operator, dossier.id).grant_blocked == ""  # type: ignore[union-attr]


def test_a_multi_state_application_is_granted_after_its_consultation() -> None:
    from soprano_app.services import decision

    agent = ctx_of("agent.lille@demo.fr")
    dossier = verrerie("CONSULTATION_EM")  # consulted 10 days ago for 30 days
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="pour répondre : les conditions ne sont réputées remplies"):
        perform(agent, dossier.id, Action.FIN_CONSULTATION, ActionInput("Rien reçu.", choice="sans_reponse"))
    perform(agent, dossier.id, Action.FIN_CONSULTATION, ActionInput("Accord de BE et DE.", choice="accord"))
    view = decision.decision_view(agent, dossier.id)
    assert view is not None and view.grant_blocked == "" and "accorder" in {a.action for a in view.actions}


def test_adjustments_refused_resume_the_examination_without_extension() -> None:
    agent = ctx_of("agent.lille@demo.fr")
    dossier = verrerie("AJUSTEMENTS")
    assert dossier.id is not None
    from soprano_app.services.workflow import clock_of

    with session_scope() as db:
        due_before = clock_of(db, reload(dossier.id)).due
    perform(
        agent, dossier.id, Action.REFUSER_AJUSTEMENTS, ActionInput("Le plan de contrôle reste nécessaire.")
    )
    assert reload(dossier.id).statut == "EN_INSTRUCTION"
    with session_scope() as db:
        assert clock_of(db, reload(dossier.id)).due == due_before


def test_closing_without_decision_needs_its_ground() -> None:
    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="le demandeur n'existe plus"):
        perform(agent, dossier.id, Action.CLASSER_SANS_SUITE, ActionInput("Trop ancien."))
    perform(
        agent,
        dossier.id,
        Action.CLASSER_SANS_SUITE,
        ActionInput("Société radiée le 12/11/2026 (Bodacc).", choice="demandeur_disparu"),
    )
    assert reload(dossier.id).statut == "SANS_SUITE"


def test_no_compléments_after_the_acceptance_period() -> None:
    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("DEPOSEE")  # filed 34 days ago
    assert dossier.id is not None
    with pytest.raises(WorkflowError, match="Le délai d'acceptation a pris fin"):
        perform(agent, dossier.id, Action.DEMANDER_COMPLEMENTS, ActionInput("x", 15))
    with pytest.raises(WorkflowError, match="30 jours"):
        perform(agent, dossier.id, Action.ACCEPTER)
        perform(agent, dossier.id, Action.DEMANDER_INFORMATIONS, ActionInput("Taux ?", 45))


def test_a_retroactive_effect_when_asked_and_its_conditions_hold() -> None:
    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")  # DP
    assert dossier.id is not None
    today = paris_today(now_utc())
    past = today - timedelta(days=20)
    grant = ActionInput(valid_from=past, valid_to=today + timedelta(days=300), guarantee_kind="aucune")
    with pytest.raises(WorkflowError, match="ne sollicite pas d'effet rétroactif"):
        perform(agent, dossier.id, Action.ACCORDER, grant)
    with session_scope() as db:  # the application asked for it
        stored = db.get(Dossier, dossier.id)
        assert stored is not None
        stored.answers = json.dumps(json.loads(stored.answers) | {"retroactif": "oui"})
        db.add(stored)
    from soprano_app.services import decision

    view = decision.decision_view(agent, dossier.id)
    assert view is not None and view.retro_earliest  # the dialog shows the earliest date
    with pytest.raises(WorkflowError, match="Confirmez les conditions de l'effet rétroactif"):
        perform(agent, dossier.id, Action.ACCORDER, grant)
    too_early = ActionInput(
        valid_from=today - timedelta(days=800),
        valid_to=today,
        guarantee_kind="aucune",
        retro_conditions=["a"],
    )
    with pytest.raises(WorkflowError, match="au plus tôt le"):
        perform(agent, dossier.id, Action.ACCORDER, too_early)
    grant.retro_conditions = ["a", "b", "c", "d"]
    outcome = perform(agent, dossier.id, Action.ACCORDER, grant)
    with session_scope() as db:
        granted = db.exec(select(Authorisation).where(Authorisation.numero == outcome.authorisation)).one()
    assert granted.valid_from == past


def test_an_investigation_extends_the_decision_limit_and_the_applicant_is_told() -> None:
    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")
    assert dossier.id is not None
    from soprano_app.services.workflow import clock_of

    with session_scope() as db:
        due = clock_of(db, reload(dossier.id)).due
    assert due is not None
    with pytest.raises(WorkflowError, match="La durée est comprise entre 1 et 2"):
        perform(agent, dossier.id, Action.PROLONGER_ENQUETE, ActionInput("Contrôle en cours.", days=400))
    perform(
        agent, dossier.id, Action.PROLONGER_ENQUETE, ActionInput("Contrôle a posteriori en cours.", days=60)
    )
    with session_scope() as db:
        after = clock_of(db, reload(dossier.id))
    assert after.extensions[-1].days == 60 and "art. 13, paragraphe 3, RDC" in after.extensions[-1].reason
    assert after.due is not None and (after.due - due).days >= 58  # a day off at either end moves it
    assert any("prolongé pour enquête" in t for t in unread("operateur@demo.fr"))


def unread(email: str) -> list[str]:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        return [n.title for n in db.exec(select(Notification).where(Notification.user_id == user.id)).all()]


def test_every_decision_has_its_letter_readable_by_its_parties_only() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from soprano_app.services import dossiers, letters

    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("EN_INSTRUCTION")
    assert dossier.id is not None
    perform(
        agent,
        dossier.id,
        Action.NOTIFIER_PROJET_DEFAVORABLE,
        ActionInput("Les écritures ne séparent pas les stocks.", grounds=["ecritures"]),
    )
    operator = ctx_of("operateur@demo.fr")
    perform(operator, dossier.id, Action.REPONDRE, ActionInput("Rien à ajouter."))
    perform(agent, dossier.id, Action.REFUSER, ActionInput("Stocks non séparés.", grounds=["ecritures"]))
    view = dossiers.get_dossier(operator, dossier.id)
    assert view is not None
    with_letters = [e for e in view.history if e.letter_url]
    assert [e.kind_label for e in with_letters][:2]  # the refusal and the projet, newest first
    refusal_url = with_letters[0].letter_url
    event_id = int(refusal_url.rsplit("/", 1)[1])
    found = letters.dossier_letter(operator, dossier.id, event_id)
    assert found is not None
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(found[1])).pages)
    for expected in (
        "Décision de refus de l'autorisation",
        "Ateliers Durand SAS",
        "Écritures ne permettant pas la surveillance",
        "Stocks non séparés.",
        "Voies de recours et délais",
        "deux mois",
        "Pôle d'action économique de Lyon",
    ):
        assert expected in " ".join(text.split()), expected
    assert text.count("Voies de recours") == 1  # printed once, not also from the history entry
    # Somebody else's company, or a step that is not a decision: « introuvable ».
    assert (
        letters.dossier_letter(ctx_of("representant@demo.fr", "90023456800013"), dossier.id, event_id) is None
    )
    comment = [e for e in view.history if e.kind == "commentaire" or not e.letter_url]
    assert comment and all(not e.letter_url for e in comment)


def test_the_letter_route_is_private() -> None:
    from fastapi.testclient import TestClient

    from soprano_app import api as api_module
    from tests.fixtures import login_token

    agent = ctx_of("agent@demo.fr")
    dossier = durand_dossier("DEPOSEE")
    assert dossier.id is not None
    perform(agent, dossier.id, Action.ACCEPTER)
    with session_scope() as db:
        accepted = db.exec(
            select(DossierEvent).where(
                DossierEvent.dossier_id == dossier.id, DossierEvent.action == "accepter"
            )
        ).one()
    url = f"/api/dossiers/{dossier.id}/lettres/{accepted.id}"
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    assert client.get(url).status_code == 401
    client.cookies.set("rp_sid", login_token("operateur@demo.fr"))
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"] and response.content.startswith(b"%PDF")
    assert client.get(f"/api/dossiers/{dossier.id}/lettres/x").status_code == 404
    client.cookies.set("rp_sid", login_token("agent.lille@demo.fr"))  # another service
    assert client.get(url).status_code == 404
