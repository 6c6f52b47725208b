"""Roles inside a company: « Consultation » reads, « Préparation » prepares drafts, « Dépôt » files,
answers and acts on authorisations — enforced by the services whatever the page shows."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.authorisation_workflow import LifeAction
from soprano_app.domain.company_roles import CompanyRole, Right, allows, refused
from soprano_app.domain.regimes import TypeDemande
from soprano_app.domain.workflow import Action, WorkflowError
from soprano_app.models import Authorisation, Company, Dossier, User
from soprano_app.services import attachments, auth, authorisation_workflow, decision, drafts, follow_ups
from soprano_app.services.attachments import AttachmentError, IncomingFile
from soprano_app.services.workflow import ActionInput, perform
from tests.fixtures import ctx_of, filed_application, login_token

pytestmark = pytest.mark.usefixtures("demo")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_rights_of_each_role() -> None:
    assert not allows("consultation", Right.PREPARER) and not allows("consultation", Right.DEPOSER)
    assert allows("preparation", Right.PREPARER) and not allows("preparation", Right.DEPOSER)
    assert allows("depot", Right.DEPOSER) and allows("depot", Right.PREPARER)
    assert not allows("n'importe quoi", Right.PREPARER)  # unknown: the most restricted
    assert (
        "« Préparation »" in refused("preparation", Right.DEPOSER) and refused("depot", Right.DEPOSER) == ""
    )


def test_a_preparer_prepares_but_never_files_nor_answers() -> None:
    preparer = ctx_of("preparateur@demo.fr")
    assert preparer.company_role == CompanyRole.PREPARATION.value
    draft_id = drafts.create_draft(preparer, "AT")
    saved = drafts.save_draft(preparer, draft_id, {"dem_nom": "Ateliers Durand SAS"}, 1)
    assert saved.ok
    attachments.add_files(preparer, draft_id, "autre", "", [IncomingFile("plan.pdf", PDF, False)])
    refused_submit = drafts.submit(preparer, draft_id, saved.version)
    assert not refused_submit.ok and "« Préparation »" in refused_submit.message

    filed = filed_application("AT")  # filed by a colleague with « Dépôt »
    with pytest.raises(WorkflowError, match="Préparation"):
        perform(preparer, filed, Action.COMMENTER, ActionInput("Une question."))
    with pytest.raises(WorkflowError, match="Préparation"):
        perform(preparer, filed, Action.RETIRER)
    with pytest.raises(AttachmentError, match="Préparation"):  # files of a filed dossier go with a reply
        attachments.add_files(preparer, filed, "autre", "", [IncomingFile("b.pdf", PDF, False)])
    view = decision.decision_view(preparer, filed)
    assert (
        view is not None
        and view.actions == []
        and not view.can_comment
        and "Préparation" in view.rights_notice
    )
    colleague = decision.decision_view(ctx_of("operateur@demo.fr"), filed)
    assert colleague is not None and colleague.actions and colleague.rights_notice == ""

    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        granted = db.exec(select(Authorisation).where(Authorisation.company_id == company.id)).first()
    assert granted is not None and granted.id is not None
    with pytest.raises(drafts.DraftError, match="Préparation"):
        follow_ups.start(preparer, granted.id, TypeDemande.AVENANT)
    with pytest.raises(authorisation_workflow.LifeError, match="Préparation"):
        authorisation_workflow.perform(
            preparer,
            granted.id,
            LifeAction.DEMANDER_SUSPENSION,
            authorisation_workflow.StepData(message="Arrêt."),
        )


def test_consultation_only_reads() -> None:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == "preparateur@demo.fr")).one()
        user.company_role = CompanyRole.CONSULTATION.value
        db.add(user)
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        draft = db.exec(
            select(Dossier).where(Dossier.company_id == durand.id).where(Dossier.statut == "BROUILLON")
        ).first()
    assert draft is not None and draft.id is not None and durand.id is not None
    token = login_token("preparateur@demo.fr")
    reader = auth.resolve_session(token)
    assert reader is not None and reader.company_role == "consultation"
    with pytest.raises(drafts.DraftError, match="consulter"):
        drafts.create_draft(reader, "AT")
    with pytest.raises(drafts.DraftError, match="consulter"):
        drafts.save_draft(reader, draft.id, {"dem_nom": "X"}, draft.version)
    with pytest.raises(drafts.DraftError, match="consulter"):
        drafts.delete_draft(reader, draft.id)
    assert drafts.load_form(reader, draft.id) is not None  # reading stays open
    assert auth.acts_for(token, durand.id) is None  # the form is read-only at every keystroke


def test_an_unknown_stored_role_is_the_most_restricted() -> None:
    ctx = dataclasses.replace(ctx_of("operateur@demo.fr"), company_role="superviseur")
    with pytest.raises(drafts.DraftError):
        drafts.create_draft(ctx, "AT")
