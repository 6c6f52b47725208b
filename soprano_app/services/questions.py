"""Questions to a customs service (« Assistance réglementaire » → « Poser une question »).

The asker's side (the operator or representative, and the users acting for the same company) and the
service's agents see the thread; nobody else, not even another service. Each message notifies the
other side, in the app and by e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, or_, select

from .. import routes
from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain.formatting import format_datetime
from ..domain.questions import (
    STATUS_LABELS,
    QuestionStatus,
    body_refused,
    status_after_message,
    subject_refused,
)
from ..domain.roles import Role
from ..models import Company, CustomsService, Dossier, ServiceMessage, ServiceQuestion, User
from . import mail, notifications
from .access import AccessDenied, scoped_dossiers
from .auth import SessionContext


class QuestionError(ValueError):
    """Refused, with the French reason."""


_NOT_FOUND = "Cette question est introuvable ou vous n'êtes pas habilité à la consulter."


def _may_ask(ctx: SessionContext) -> bool:
    return ctx.acts_for_companies and ctx.company is not None


def _visible(ctx: SessionContext) -> ColumnElement[bool]:
    """The WHERE clause of the questions ``ctx`` may see."""
    if ctx.is_customs:
        if ctx.service_id is None:
            raise AccessDenied("Aucun service des douanes n'est rattaché à ce compte.")
        return col(ServiceQuestion.service_id) == ctx.service_id
    if _may_ask(ctx):
        assert ctx.company is not None
        return or_(
            col(ServiceQuestion.asked_by_id) == ctx.user_id, col(ServiceQuestion.company_id) == ctx.company.id
        )
    raise AccessDenied(_NOT_FOUND)


def _locked(db: Session, ctx: SessionContext, question_id: int) -> ServiceQuestion:
    try:
        clause = _visible(ctx)
    except AccessDenied as exc:
        raise QuestionError(_NOT_FOUND) from exc
    lock_row(db, ServiceQuestion, question_id)
    found = db.exec(select(ServiceQuestion).where(ServiceQuestion.id == question_id).where(clause)).first()
    if found is None:
        raise QuestionError(_NOT_FOUND)
    return found


def ask(
    ctx: SessionContext,
    service_id: int,
    subject: str,
    body: str,
    dossier_id: int | None = None,
    now: datetime | None = None,
    send_mails: bool = True,  # the demo data notifies in the app only
) -> int:
    """A new question to ``service_id`` (or, about a dossier, to the dossier's service)."""
    if not _may_ask(ctx):
        raise QuestionError(
            "Seul un opérateur ou un représentant, pour l'entreprise qu'il représente, pose une question."
        )
    refused = subject_refused(subject) or body_refused(body)
    if refused:
        raise QuestionError(refused)
    now = now or now_utc()
    assert ctx.company is not None
    with session_scope() as db:
        if dossier_id:
            found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
            if found is None or found[0].service_id is None:
                raise QuestionError(
                    "Ce dossier est introuvable, ou il n'a pas encore de service des douanes."
                )
            service_id = found[0].service_id
        service = db.get(CustomsService, service_id)
        if service is None:
            raise QuestionError("Choisissez le service des douanes à qui poser la question.")
        question = ServiceQuestion(
            service_id=service_id,
            asked_by_id=ctx.user_id,
            company_id=ctx.company.id,
            dossier_id=dossier_id or None,
            subject=subject.strip(),
            status=QuestionStatus.OUVERTE.value,
            created_at=now,
            updated_at=now,
        )
        db.add(question)
        db.flush()
        assert question.id is not None
        _add_message(db, question, ctx, body, by_customs=False, now=now)
        mails = _notify(db, question, by_customs=False, actor_id=ctx.user_id)
        question_id = question.id
    if send_mails:
        mail.send_later(mails)
    return question_id


def reply(
    ctx: SessionContext, question_id: int, body: str, now: datetime | None = None, send_mails: bool = True
) -> None:
    refused = body_refused(body)
    if refused:
        raise QuestionError(refused)
    now = now or now_utc()
    with session_scope() as db:
        question = _locked(db, ctx, question_id)
        if question.status == QuestionStatus.CLOSE.value:
            raise QuestionError("Cette question est close : posez-en une nouvelle.")
        by_customs = ctx.is_customs
        _add_message(db, question, ctx, body, by_customs=by_customs, now=now)
        question.status = status_after_message(by_customs).value
        question.updated_at = now
        db.add(question)
        mails = _notify(db, question, by_customs=by_customs, actor_id=ctx.user_id)
    if send_mails:
        mail.send_later(mails)


def close(ctx: SessionContext, question_id: int, now: datetime | None = None) -> None:
    with session_scope() as db:
        question = _locked(db, ctx, question_id)
        question.status = QuestionStatus.CLOSE.value
        question.updated_at = now or now_utc()
        db.add(question)


def _add_message(
    db: Session, question: ServiceQuestion, ctx: SessionContext, body: str, *, by_customs: bool, now: datetime
) -> None:
    assert question.id is not None
    label = ctx.service_name if by_customs and ctx.service_name else ctx.full_name
    if not by_customs and ctx.company is not None:
        label = f"{ctx.full_name} ({ctx.company.raison_sociale})"
    db.add(
        ServiceMessage(
            question_id=question.id,
            author_id=ctx.user_id,
            author_label=label[:140],
            by_customs=by_customs,
            body=body.strip(),
            created_at=now,
        )
    )


def _notify(db: Session, question: ServiceQuestion, *, by_customs: bool, actor_id: int) -> list[mail.Mail]:
    """The other side hears of the message: the service's agents, or the asker."""
    assert question.id is not None
    if by_customs:
        recipients = [u for u in [db.get(User, question.asked_by_id)] if u is not None and u.active]
        title = f"Réponse du service à votre question « {question.subject} »"
    else:
        recipients = list(
            db.exec(
                select(User)
                .where(User.service_id == question.service_id)
                .where(User.role == Role.AGENT.value)
                .where(col(User.active).is_(True))
            ).all()
        )
        title = f"Question d'un opérateur : « {question.subject} »"
    path = routes.question_path(question.id)
    return notifications.notify_link(db, recipients, "question", title, path, actor_id)


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRow:
    id: int
    subject: str
    status: str
    status_label: str
    service: str
    company: str
    updated_at: str
    dossier_numero: str


@dataclass(frozen=True)
class MessageRow:
    author: str
    by_customs: bool
    body: str
    at: str


@dataclass(frozen=True)
class Thread:
    question: QuestionRow
    dossier_id: int
    messages: list[MessageRow]
    may_reply: bool
    may_close: bool


def _row(question: ServiceQuestion, service: str, company: str, numero: str | None) -> QuestionRow:
    status = QuestionStatus(question.status)
    return QuestionRow(
        id=question.id or 0,
        subject=question.subject,
        status=status.value,
        status_label=STATUS_LABELS[status],
        service=service,
        company=company,
        updated_at=format_datetime(question.updated_at),
        dossier_numero=numero or "",
    )


def list_questions(ctx: SessionContext, status: str = "", limit: int = 50) -> list[QuestionRow]:
    """The questions ``ctx`` may see, the most recent first (customs: their service's)."""
    try:
        clause = _visible(ctx)
    except AccessDenied:
        return []
    query = (
        select(ServiceQuestion, CustomsService.name, Company.raison_sociale, Dossier.numero)
        .join(CustomsService, col(CustomsService.id) == ServiceQuestion.service_id)
        .outerjoin(Company, col(Company.id) == ServiceQuestion.company_id)
        .outerjoin(Dossier, col(Dossier.id) == ServiceQuestion.dossier_id)
        .where(clause)
    )
    if status in {s.value for s in QuestionStatus}:
        query = query.where(ServiceQuestion.status == status)
    query = query.order_by(col(ServiceQuestion.updated_at).desc(), col(ServiceQuestion.id).desc()).limit(
        limit
    )
    with session_scope() as db:
        return [
            _row(q, service, company or "", numero) for q, service, company, numero in db.exec(query).all()
        ]


def waiting_count(ctx: SessionContext) -> int:
    """Customs: the service's questions that wait for an answer (the back office's counter)."""
    if not ctx.is_customs or ctx.service_id is None:
        return 0
    with session_scope() as db:
        return int(
            db.exec(
                select(func.count())
                .select_from(ServiceQuestion)
                .where(ServiceQuestion.service_id == ctx.service_id)
                .where(ServiceQuestion.status == QuestionStatus.OUVERTE.value)
            ).one()
        )


def thread(ctx: SessionContext, question_id: int) -> Thread | None:
    try:
        clause = _visible(ctx)
    except AccessDenied:
        return None
    with session_scope() as db:
        found = db.exec(
            select(ServiceQuestion, CustomsService.name, Company.raison_sociale, Dossier.numero)
            .join(CustomsService, col(CustomsService.id) == ServiceQuestion.service_id)
            .outerjoin(Company, col(Company.id) == ServiceQuestion.company_id)
            .outerjoin(Dossier, col(Dossier.id) == ServiceQuestion.dossier_id)
            .where(ServiceQuestion.id == question_id)
            .where(clause)
        ).first()
        if found is None:
            return None
        question, service, company, numero = found
        messages = db.exec(
            select(ServiceMessage)
            .where(ServiceMessage.question_id == question_id)
            .order_by(col(ServiceMessage.created_at), col(ServiceMessage.id))
        ).all()
    open_ = question.status != QuestionStatus.CLOSE.value
    return Thread(
        question=_row(question, service, company or "", numero),
        dossier_id=question.dossier_id or 0,
        messages=[
            MessageRow(m.author_label, m.by_customs, m.body, format_datetime(m.created_at)) for m in messages
        ],
        may_reply=open_,
        may_close=open_,
    )
