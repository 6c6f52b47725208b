"""Questions to a customs service (« Assistance réglementaire »): statuses and what a message must be."""

from __future__ import annotations

from enum import StrEnum

MAX_SUBJECT = 120
MAX_BODY = 4000


class QuestionStatus(StrEnum):
    OUVERTE = "ouverte"  # waits for the service
    REPONDUE = "repondue"  # the service answered; the asker may write again
    CLOSE = "close"


STATUS_LABELS = {
    QuestionStatus.OUVERTE: "En attente du service",
    QuestionStatus.REPONDUE: "Répondue",
    QuestionStatus.CLOSE: "Close",
}


def subject_refused(subject: str) -> str:
    text = subject.strip()
    if len(text) < 3:
        return "Indiquez l'objet de votre question (3 caractères au moins)."
    if len(text) > MAX_SUBJECT:
        return f"L'objet est limité à {MAX_SUBJECT} caractères."
    return ""


def body_refused(body: str) -> str:
    text = body.strip()
    if not text:
        return "Écrivez votre message."
    if len(text) > MAX_BODY:
        return f"Le message est limité à {MAX_BODY} caractères."
    return ""


def status_after_message(by_customs: bool) -> QuestionStatus:
    """A message from the service answers the question; one from the asker reopens it."""
    return QuestionStatus.REPONDUE if by_customs else QuestionStatus.OUVERTE
