"""E-mails over SMTP (when ``SOPRANO_SMTP_HOST`` is set), sent after the commit, in a thread."""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from .. import app_clock
from ..settings import settings
from .notices import NoticeKey, record_mail_accepted

logger = logging.getLogger(__name__)

# Python 3.11 drops the space between two folded encoded words (« complémentsdemandés »): subjects are
# short, so headers are not folded (RFC 5322 allows lines up to 998 characters).
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    notice: NoticeKey | None = None  # the decision it announces to the applicant: its acceptance notifies it


def send_later(mails: list[Mail]) -> None:
    """E-mails go out in a thread, after the commit; a mail server failure never blocks a step."""
    if not settings.smtp_host or not mails:
        return
    threading.Thread(target=send_now, args=(mails,), daemon=True).start()


def send_now(mails: list[Mail]) -> None:
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            for mail in mails:
                message = EmailMessage(policy=MAIL_POLICY)
                message["From"] = settings.smtp_sender
                message["To"] = mail.to
                message["Subject"] = f"[SOPRANO libre] {mail.subject}"
                message["Date"] = format_datetime(app_clock.now_utc())  # the demo's simulated date too
                message.set_content(mail.body)
                smtp.send_message(message)
                if mail.notice is not None:
                    record_mail_accepted(mail.notice, mail.to)
    except (OSError, smtplib.SMTPException):
        logger.exception("notification e-mail not sent")


__all__ = ["Mail", "send_later", "send_now"]
