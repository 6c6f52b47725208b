"""The life of an authorisation through the service: both sides, foreign users, the statuses it leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.authorisation_workflow import LifeAction as L
from soprano_app.models import (
    Authorisation,
    AuthorisationEvent,
    AuthorisationRequest,
    AuthorisationVersion,
    Notification,
    User,
)
from soprano_app.services import authorisations, follow_ups, time_machine
from soprano_app.services.authorisation_workflow import LifeError, StepData, life_view, perform, tasks_for
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")

CONDITIONS = ("information", "connaissance", "difference")


def durand_authorisation() -> Authorisation:
    with session_scope() as db:
        return db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()


def status_now(authorisation_id: int, email: str = "operateur@demo.fr") -> str:
    found = authorisations.get_authorisation(ctx_of(email), authorisation_id)
    assert found is not None
    return found[0].status


def unread_titles(email: str) -> list[str]:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        return [
            n.title
            for n in db.exec(select(Notification).where(Notification.user_id == user.id)).all()
            if n.read_at is None
        ]


def test_customs_reassess_hear_the_holder_suspend_then_lift() -> None:
    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    today = app_clock.today()
    perform(
        agent, a.id, L.REEXAMINER, StepData("Contrôle a posteriori : écarts de stock.", ground="surveillance")
    )
    view = life_view(agent, a.id)
    assert view is not None and view.reassessment_open
    assert [s["action"] for s in view.steps][:1] == ["clore_reexamen"]
    perform(agent, a.id, L.CLORE_REEXAMEN, StepData("Comptabilité matières incomplète.", ground="suspension"))
    holder_view = life_view(holder, a.id)
    assert holder_view is not None and holder_view.waiting_for_holder
    assert (
        holder_view.hearing["measure"] == "suspension"
        and "observations attendues" in holder_view.hearing["state"]
    )
    assert [s["action"] for s in holder_view.steps] == [
        "presenter_observations",
        "demander_suspension",
        "demander_revocation",
    ]
    assert any("réexamen clos" in t for t in unread_titles("operateur@demo.fr"))
    [task] = tasks_for(holder)  # in his « À traiter »
    assert task.numero == a.numero and "présentez vos observations avant le" in task.text
    assert tasks_for(agent) == [] and tasks_for(ctx_of("representant@demo.fr", "90023456800013")) == []
    with pytest.raises(LifeError, match="encore du délai"):  # the holder's 30 days run
        perform(agent, a.id, L.SUSPENDRE, StepData("x", case="b", until=today + timedelta(days=60)))
    perform(holder, a.id, L.PRESENTER_OBSERVATIONS, StepData("Nous régularisons l'inventaire sous 60 jours."))
    assert tasks_for(holder) == [] and "observations reçues" in tasks_for(agent)[0].text
    assert any("observations du titulaire" in t for t in unread_titles("agent@demo.fr"))
    perform(
        agent,
        a.id,
        L.SUSPENDRE,
        StepData("Tenir l'inventaire permanent.", case="b", until=today + timedelta(days=60)),
    )
    assert status_now(a.id) == "SUSPENDUE"
    assert authorisations.list_authorisations(agent, status="SUSPENDUE").total == 1
    assert authorisations.list_authorisations(agent, status="EN_VIGUEUR").total == 0
    perform(
        agent,
        a.id,
        L.PROLONGER_SUSPENSION,
        StepData("Délai supplémentaire.", until=today + timedelta(days=90)),
    )
    assert durand_authorisation().suspended_until == today + timedelta(days=90)
    # An avenant may still be asked while suspended; the same holder's revocation request too.
    assert {o.kind: o.refused for o in follow_ups.options(holder, a.id)}["2"] == ""
    perform(agent, a.id, L.LEVER_SUSPENSION, StepData("Inventaire tenu, contrôle satisfaisant."))
    assert status_now(a.id) == "EN_VIGUEUR"
    after = durand_authorisation()
    assert (after.suspended, after.suspended_until) == (False, None)
    with session_scope() as db:
        actions = [
            e.action
            for e in db.exec(
                select(AuthorisationEvent)
                .where(AuthorisationEvent.authorisation_id == a.id)
                .order_by(AuthorisationEvent.id)
            ).all()
        ]
    assert actions == [
        "reexaminer",
        "clore_reexamen",
        "presenter_observations",
        "suspendre",
        "prolonger_suspension",
        "lever_suspension",
    ]


def test_the_holder_asks_for_revocation_and_customs_revoke_without_hearing() -> None:
    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    today = app_clock.today()
    perform(holder, a.id, L.DEMANDER_REVOCATION, StepData("Cessation de l'activité de transformation."))
    with pytest.raises(LifeError, match="déjà en cours"):
        perform(holder, a.id, L.DEMANDER_SUSPENSION, StepData("x", until=today + timedelta(days=5)))
    view = life_view(agent, a.id)
    assert view is not None and view.holder_request["kind"] == "révocation"
    with pytest.raises(LifeError, match="au plus tôt"):
        perform(
            agent,
            a.id,
            L.REVOQUER,
            StepData("x", ground="demande_du_titulaire", effect=today - timedelta(days=1)),
        )
    done = perform(
        agent,
        a.id,
        L.REVOQUER,
        StepData("À la demande du titulaire.", ground="demande_du_titulaire", effect=today),
    )
    assert done.status.value == "REVOQUEE" and status_now(a.id) == "REVOQUEE"
    assert "révoquée" in {o.kind: o.refused for o in follow_ups.options(holder, a.id)}["3"]
    with pytest.raises(LifeError, match="plus aucune mesure"):
        perform(agent, a.id, L.REEXAMINER, StepData("x", ground="surveillance"))
    assert authorisations.list_authorisations(holder, status="REVOQUEE").total == 1


def test_a_deferred_revocation_takes_effect_on_its_date() -> None:
    agent = ctx_of("agent@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    today = app_clock.today()
    perform(agent, a.id, L.NOTIFIER_PROJET, StepData("Conditions plus remplies.", measure="revocation"))
    with session_scope() as db:
        [request] = db.exec(
            select(AuthorisationRequest).where(AuthorisationRequest.authorisation_id == a.id)
        ).all()
        request.due_date = today - timedelta(days=1)  # the holder's period is over
        db.add(request)
    from soprano_app.services import deadlines

    assert deadlines.run_all().counts["auditions_expirees"] == 1
    effect = today + timedelta(days=30)
    perform(
        agent, a.id, L.REVOQUER, StepData("Conditions plus remplies.", ground="conditions", effect=effect)
    )
    assert status_now(a.id) == "EN_VIGUEUR"  # not yet
    time_machine.move_to(None, effect)
    assert status_now(a.id) == "REVOQUEE"
    time_machine.back_to_real_time()


def test_annulment_and_modification_d_office() -> None:
    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    today = app_clock.today()
    # A favourable modification d'office: no hearing, a new version with the diff.
    with pytest.raises(LifeError, match="au moins une donnée"):
        perform(
            agent,
            a.id,
            L.MODIFIER_OFFICE,
            StepData("x", adverse=False, effect=today, answers={"inconnu": "1"}),
        )
    done = perform(
        agent,
        a.id,
        L.MODIFIER_OFFICE,
        StepData(
            "Mise à jour du référentiel.",
            adverse=False,
            effect=today,
            answers={"remarque_generale": "Contrôles trimestriels."},
        ),
    )
    assert "Avenant n° 1" in done.message
    with session_scope() as db:
        version = db.exec(
            select(AuthorisationVersion).where(
                AuthorisationVersion.authorisation_id == a.id, AuthorisationVersion.version == 1
            )
        ).one()
    assert version.objet.startswith("Modification d'office") and version.verify_token
    [event] = [e for e in life_view(agent, a.id).events if e.label == "Modification d'office"]  # type: ignore[union-attr]
    assert "Remarque générale" in event.message
    # An adverse measure: annulment needs the hearing and the three conditions.
    with pytest.raises(LifeError, match="Notifiez d'abord"):
        perform(agent, a.id, L.ANNULER, StepData("x", confirmations=CONDITIONS))
    perform(
        agent,
        a.id,
        L.NOTIFIER_PROJET,
        StepData("Origine des marchandises déclarée à tort.", measure="annulation"),
    )
    perform(holder, a.id, L.PRESENTER_OBSERVATIONS, StepData("Erreur de bonne foi."))
    with pytest.raises(LifeError, match="trois conditions"):
        perform(agent, a.id, L.ANNULER, StepData("x", confirmations=CONDITIONS[:2]))
    perform(
        agent,
        a.id,
        L.ANNULER,
        StepData("Informations inexactes connues du titulaire.", confirmations=CONDITIONS),
    )
    assert status_now(a.id) == "ANNULEE"


def test_nobody_else_takes_a_step() -> None:
    a = durand_authorisation()
    assert a.id is not None
    other_company = ctx_of("representant@demo.fr", "90023456800013")
    other_service = ctx_of("agent.lille@demo.fr")
    for ctx in (other_company, other_service):
        with pytest.raises(LifeError, match="introuvable"):
            perform(
                ctx,
                a.id,
                L.DEMANDER_REVOCATION if ctx is other_company else L.REEXAMINER,
                StepData("x", ground="surveillance"),
            )
        assert life_view(ctx, a.id) is None
    with pytest.raises(LifeError, match="profil"):  # the holder crafts a customs step
        perform(ctx_of("operateur@demo.fr"), a.id, L.REEXAMINER, StepData("x", ground="surveillance"))
    with pytest.raises(LifeError):  # the administrator has no side
        perform(ctx_of("admin@demo.fr"), a.id, L.REEXAMINER, StepData("x", ground="surveillance"))
    # The representative acting for Durand is the holder's side.
    representative = ctx_of("representant@demo.fr", "90012345600015")
    perform(
        representative,
        a.id,
        L.DEMANDER_SUSPENSION,
        StepData("Travaux dans l'atelier.", until=app_clock.today() + timedelta(days=20)),
    )


def test_the_status_in_sql_is_the_status_of_the_rule() -> None:
    """status_sql (lists) and status_at (pages, PDF) give the same status whatever the steps and date."""
    agent = ctx_of("agent@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    today = app_clock.today()
    perform(agent, a.id, L.NOTIFIER_PROJET, StepData("x", measure="suspension"))
    perform(ctx_of("operateur@demo.fr"), a.id, L.PRESENTER_OBSERVATIONS, StepData("y"))
    perform(agent, a.id, L.SUSPENDRE, StepData("z", case="a", until=today + timedelta(days=10)))
    for days in (0, 400, 2000):
        if days:
            time_machine.advance(None, days)
        for email in ("agent@demo.fr", "agent.nantes@demo.fr"):
            ctx = ctx_of(email)
            rows = authorisations.list_authorisations(ctx).rows
            for row in rows:
                assert authorisations.list_authorisations(ctx, status=row.status).total >= 1
                assert row.id in {
                    r.id for r in authorisations.list_authorisations(ctx, status=row.status).rows
                }
    time_machine.back_to_real_time()


def test_a_new_application_within_a_year_of_an_annulment_is_flagged_for_customs() -> None:
    import json

    from soprano_app.domain.authorisations import APPLICATION_ONLY
    from soprano_app.models import Dossier
    from soprano_app.services import decision, drafts

    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    perform(agent, a.id, L.NOTIFIER_PROJET, StepData("Déclaration inexacte.", measure="annulation"))
    perform(holder, a.id, L.PRESENTER_OBSERVATIONS, StepData("Erreur."))
    perform(agent, a.id, L.ANNULER, StepData("Informations inexactes.", confirmations=CONDITIONS))

    dossier_id = drafts.create_draft(holder, "PA", variante_pa="IM_EX")
    with session_scope() as db:
        draft = db.get(Dossier, dossier_id)
        assert draft is not None
        version = draft.version
    answers = {k: v for k, v in json.loads(a.snapshot).items() if k not in APPLICATION_ONLY}
    answers |= {
        "type_demande": "1",
        "val_attestation": "oui",
        "date_effet": (app_clock.today() + timedelta(days=7)).isoformat(),
    }
    saved = drafts.save_draft(holder, dossier_id, answers, version)
    assert saved.ok, saved.message
    with session_scope() as db:
        version = db.get(Dossier, dossier_id).version  # type: ignore[union-attr]
    result = drafts.submit(holder, dossier_id, version)
    assert result.ok, [f.message for f in result.findings]
    view = decision.decision_view(agent, dossier_id)
    assert view is not None and "art. 11 RDC" in view.rdc11_ground and a.numero in view.rdc11_ground
    assert decision.decision_view(holder, dossier_id).rdc11_ground == ""  # type: ignore[union-attr]
    # Flagged at submission: pinned at the top of the service's queue until customs take a step.
    from soprano_app.domain.workflow import ALERT_RDC11

    with session_scope() as db:
        assert db.get(Dossier, dossier_id).alerte == ALERT_RDC11  # type: ignore[union-attr]
    from soprano_app.domain.statuses import Bucket
    from soprano_app.services import dashboard

    first = dashboard.list_dossiers(agent, [Bucket.A_TRAITER]).rows[0]
    assert (first.id, first.alerte) == (dossier_id, ALERT_RDC11)
    # Another régime is not concerned.
    with session_scope() as db:
        other = db.exec(
            select(Dossier).where(
                Dossier.statut == "DEPOSEE", Dossier.regime == "ED", Dossier.company_id == a.company_id
            )
        ).one()
    assert decision.decision_view(agent, other.id or 0).rdc11_ground == ""  # type: ignore[union-attr]


def test_the_holder_joins_documents_to_his_observations() -> None:
    from soprano_app.models import Attachment, DossierEvent
    from soprano_app.services import attachments as attachment_service
    from soprano_app.services.attachments import IncomingFile
    from soprano_app.settings import settings
    from tests import files

    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    perform(agent, a.id, L.NOTIFIER_PROJET, StepData("Écarts d'inventaire.", measure="suspension"))
    stored_before = sum(1 for _ in settings.storage_dir.rglob("*") if _.is_file())

    # One bad file refuses the step: nothing is stored, the projet still awaits the observations.
    with pytest.raises(LifeError, match=r"Rien n'a été enregistré.*facture.pdf : Format non autorisé"):
        perform(
            holder,
            a.id,
            L.PRESENTER_OBSERVATIONS,
            StepData(
                "Voir l'inventaire joint.",
                files=(
                    IncomingFile("inventaire.pdf", files.PDF, False),
                    IncomingFile("facture.pdf", files.EXE, False),
                ),
            ),
        )
    view = life_view(holder, a.id)
    assert view is not None and view.waiting_for_holder
    assert sum(1 for _ in settings.storage_dir.rglob("*") if _.is_file()) == stored_before
    # Customs' steps carry no files.
    with pytest.raises(LifeError, match="observations et aux demandes du titulaire"):
        perform(
            agent,
            a.id,
            L.RENONCER_MESURE,
            StepData("x", files=(IncomingFile("note.pdf", files.PDF, False),)),
        )

    perform(
        holder,
        a.id,
        L.PRESENTER_OBSERVATIONS,
        StepData("Voir l'inventaire joint.", files=(IncomingFile("inventaire.pdf", files.PDF, False),)),
    )
    for ctx in (holder, agent):  # both sides see the document under the step, and may download it
        view = life_view(ctx, a.id)
        assert view is not None
        [observations] = [e for e in view.events if e.label == "Observations du titulaire"]
        [shown] = observations.files
        assert shown["name"] == "inventaire.pdf"
        attachment_id = int(shown["url"].rsplit("/", 1)[1])
        download = attachment_service.for_download(ctx, attachment_id)
        assert download is not None and download.data == files.PDF
    with session_scope() as db:
        item = db.get(Attachment, attachment_id)
        assert item is not None and item.dossier_id == a.dossier_id and item.authorisation_event_id
        history = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == a.dossier_id)).all()
    assert any("inventaire.pdf" in e.message for e in history)  # also in the dossier's history
    other = ctx_of("representant@demo.fr", "90023456800013")
    assert attachment_service.for_download(other, attachment_id) is None


def test_a_revocation_has_its_letter_with_the_means_of_appeal() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from soprano_app.services import letters

    agent, holder = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    a = durand_authorisation()
    assert a.id is not None
    perform(holder, a.id, L.DEMANDER_REVOCATION, StepData("Cessation d'activité."))
    perform(
        agent,
        a.id,
        L.REVOQUER,
        StepData("À la demande du titulaire.", ground="demande_du_titulaire", effect=app_clock.today()),
    )
    view = life_view(holder, a.id)
    assert view is not None
    [revocation] = [e for e in view.events if e.label == "Révocation"]
    [request] = [e for e in view.events if e.label == "Demande de révocation du titulaire"]
    assert revocation.letter_url and not request.letter_url  # the holder's own request has no letter
    found = letters.authorisation_letter(holder, a.id, int(revocation.letter_url.rsplit("/", 1)[1]))
    assert found is not None
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(found[1])).pages).split())
    assert "Décision de révocation de l'autorisation" in text and "FRIPO2026000001" in text
    assert "Article 28 du code des douanes de l'Union" in text and "Voies de recours et délais" in text
    assert letters.authorisation_letter(ctx_of("representant@demo.fr", "90023456800013"), a.id, 1) is None
