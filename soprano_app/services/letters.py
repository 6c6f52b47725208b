"""Decision letters of a dossier's or an authorisation's steps, as PDF, for whoever may see them
(the applicant's side and the service in charge); anybody else gets « introuvable »."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ..db import session_scope
from ..domain import letters as texts
from ..domain.formatting import format_date, paris_today
from ..domain.notification import describe as describe_notice
from ..domain.statuses import Side
from ..models import Authorisation, AuthorisationEvent, Company, CustomsService, Dossier, DossierEvent
from ..pdf import letter as pdf
from . import notices
from .access import AccessDenied, acting_side, scoped_dossiers
from .auth import SessionContext
from .demo import demo_loaded


def _address(company: Company | None) -> list[str]:
    if company is None:
        return []
    return [company.rue, getattr(company, "complement", "") or "", f"{company.code_postal} {company.ville}"]


def _without_appeal(message: str) -> str:
    """The history entry carries the means of appeal already: the letter prints them once."""
    return message.replace(texts.APPEAL_TEXT, "").strip()


def _applicant_side(ctx: SessionContext) -> bool:
    try:
        return acting_side(ctx) is Side.OPERATOR
    except AccessDenied:
        return False


def _notice_text(action: str, notice: notices.Notice | None, adverse: bool, set_date: date | None) -> str:
    facts = describe_notice(
        action,
        notice.notified_at if notice else None,
        notice.means if notice else "",
        adverse=adverse,
        set_date=set_date,
    )
    return " ".join(part for part in (facts.notified, facts.effect, facts.appeal) if part)


def _visible_dossier(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier | None:
    try:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
    except AccessDenied:
        return None
    return found[0] if found is not None else None


def dossier_letter(ctx: SessionContext, dossier_id: int, event_id: int) -> tuple[str, bytes] | None:
    """The letter of one decision on an application, if the session may see the dossier."""
    with session_scope() as db:
        dossier = _visible_dossier(db, ctx, dossier_id)
        event = db.get(DossierEvent, event_id)
        if dossier is None or event is None or event.dossier_id != dossier_id:
            return None
        template = texts.DOSSIER_LETTERS.get(event.action or "")
        if template is None or event.confidential:
            return None
        if _applicant_side(ctx):
            notices.record_opening(db, "dossier", dossier_id, ctx.user_id or None)
        notice = notices.notices_of(db, "dossier", [event_id]).get(event_id)
        start = None
        if event.action == "accorder":
            granted = db.exec(select(Authorisation).where(Authorisation.dossier_id == dossier_id)).first()
            start = granted.valid_from if granted else None
        company = db.get(Company, dossier.company_id)
        service = db.get(CustomsService, dossier.service_id) if dossier.service_id else None
        numero = dossier.numero or f"brouillon {dossier.id}"
        facts = texts.LetterFacts(
            subject=f"demande n° {numero}",
            service=service.name if service else event.actor_label,
            addressee=company.raison_sociale if company else "",
            address=_address(company),
            decided_on=format_date(paris_today(event.occurred_at)),
            text=_without_appeal(event.message),
            reference=numero,
            demo=demo_loaded(),
            notice=_notice_text(event.action or "", notice, template.adverse, start),
        )
    return f"lettre-{numero}-{event_id}.pdf", pdf.render(texts.compose(template, facts))


def authorisation_letter(
    ctx: SessionContext, authorisation_id: int, event_id: int
) -> tuple[str, bytes] | None:
    """The letter of one decision on an authorisation, if the session may see the authorisation."""
    with session_scope() as db:
        authorisation = db.get(Authorisation, authorisation_id)
        event = db.get(AuthorisationEvent, event_id)
        if authorisation is None or event is None or event.authorisation_id != authorisation_id:
            return None
        if _visible_dossier(db, ctx, authorisation.dossier_id) is None:
            return None
        template = texts.AUTHORISATION_LETTERS.get(event.action)
        if template is None:
            return None
        if _applicant_side(ctx):
            notices.record_opening(db, "authorisation", authorisation_id, ctx.user_id or None)
        notice = notices.notices_of(db, "authorisation", [event_id]).get(event_id)
        company = db.get(Company, authorisation.company_id)
        service = db.get(CustomsService, authorisation.service_id) if authorisation.service_id else None
        facts = texts.LetterFacts(
            subject=f"autorisation n° {authorisation.numero}",
            service=service.name if service else event.actor_label,
            addressee=company.raison_sociale if company else "",
            address=_address(company),
            decided_on=format_date(event.decided_on),
            text=_without_appeal(event.message),
            reference=authorisation.numero,
            demo=demo_loaded(),
            notice=_notice_text(event.action, notice, template.adverse, event.effect_date),
        )
    return f"lettre-{authorisation.numero}-{event_id}.pdf", pdf.render(texts.compose(template, facts))
