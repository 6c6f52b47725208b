"""Dossier statuses (spec §3.2 A) and the « À traiter » / « En attente » split of the dashboards.

The split depends on who looks: a dossier waiting for the operator is « à traiter » for the
operator and « en attente » for customs, and the other way round.
"""

from __future__ import annotations

from enum import StrEnum


class DossierStatus(StrEnum):
    BROUILLON = "BROUILLON"
    DEPOSEE = "DEPOSEE"
    INCOMPLETE = "INCOMPLETE"
    IRRECEVABLE = "IRRECEVABLE"
    EN_INSTRUCTION = "EN_INSTRUCTION"
    INFO_COMPLEMENTAIRE = "INFO_COMPLEMENTAIRE"
    AJUSTEMENTS = "AJUSTEMENTS"
    EXAMEN_CE = "EXAMEN_CE"
    CONSULTATION_EM = "CONSULTATION_EM"
    DROIT_ETRE_ENTENDU = "DROIT_ETRE_ENTENDU"
    ACCORDEE = "ACCORDEE"
    REFUSEE = "REFUSEE"
    RETIREE = "RETIREE"
    SANS_SUITE = "SANS_SUITE"


STATUS_LABELS: dict[DossierStatus, str] = {
    DossierStatus.BROUILLON: "Brouillon",
    DossierStatus.DEPOSEE: "Déposée",
    DossierStatus.INCOMPLETE: "Incomplète — compléments demandés",
    DossierStatus.IRRECEVABLE: "Non acceptée (irrecevable)",
    DossierStatus.EN_INSTRUCTION: "Acceptée — en cours d'instruction",
    DossierStatus.INFO_COMPLEMENTAIRE: "Informations complémentaires demandées",
    DossierStatus.AJUSTEMENTS: "Ajustements proposés par l'opérateur",
    DossierStatus.EXAMEN_CE: "Examen des conditions économiques (UE)",
    DossierStatus.CONSULTATION_EM: "Consultation d'autres États membres",
    DossierStatus.DROIT_ETRE_ENTENDU: "Projet de décision défavorable — droit d'être entendu",
    DossierStatus.ACCORDEE: "Autorisation accordée",
    DossierStatus.REFUSEE: "Refusée",
    DossierStatus.RETIREE: "Retirée par l'opérateur",
    DossierStatus.SANS_SUITE: "Classée sans suite",
}


class Bucket(StrEnum):
    """The dashboard filter « Statut du dossier »."""

    A_TRAITER = "a_traiter"
    EN_ATTENTE = "en_attente"
    CLOTURES = "clotures"


BUCKET_LABELS: dict[Bucket, str] = {
    Bucket.A_TRAITER: "À traiter",
    Bucket.EN_ATTENTE: "En attente",
    Bucket.CLOTURES: "Clôturés",
}

# Who must act next, per status (spec §3.2 A, column « Who must act »).
_OPERATOR_ACTS = frozenset(
    {
        DossierStatus.BROUILLON,
        DossierStatus.INCOMPLETE,
        DossierStatus.INFO_COMPLEMENTAIRE,
        DossierStatus.DROIT_ETRE_ENTENDU,
    }
)
_CUSTOMS_ACTS = frozenset(
    {
        DossierStatus.DEPOSEE,
        DossierStatus.EN_INSTRUCTION,
        DossierStatus.AJUSTEMENTS,
        DossierStatus.EXAMEN_CE,
        DossierStatus.CONSULTATION_EM,
    }
)
FINAL_STATUSES = frozenset(
    {
        DossierStatus.IRRECEVABLE,
        DossierStatus.ACCORDEE,
        DossierStatus.REFUSEE,
        DossierStatus.RETIREE,
        DossierStatus.SANS_SUITE,
    }
)


class Side(StrEnum):
    OPERATOR = "operateur"
    CUSTOMS = "douane"
    SYSTEM = "systeme"  # time: the scheduler acts when a period ends (spec §3.3 rows 6 and 18)


def statuses_in_bucket(bucket: Bucket, side: Side) -> frozenset[DossierStatus]:
    """Statuses listed under ``bucket`` on the dashboard of ``side``.

    Drafts are the operator's private work: customs never sees them.
    """
    if bucket is Bucket.CLOTURES:
        return FINAL_STATUSES
    mine, theirs = (
        (_OPERATOR_ACTS, _CUSTOMS_ACTS) if side is Side.OPERATOR else (_CUSTOMS_ACTS, _OPERATOR_ACTS)
    )
    selected = mine if bucket is Bucket.A_TRAITER else theirs
    if side is Side.CUSTOMS:
        selected = selected - {DossierStatus.BROUILLON}
    return frozenset(selected)


def bucket_of(status: DossierStatus, side: Side) -> Bucket:
    for bucket in Bucket:
        if status in statuses_in_bucket(bucket, side):
            return bucket
    raise ValueError(f"{status} is not visible to {side}")
