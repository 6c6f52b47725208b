"""Accounts as the administrator manages them: what an account must hold, the single-use password
links (activation, « Mot de passe oublié ») and the actions the administrative journal records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from .company_roles import CompanyRole
from .roles import Role

MAX_FIRST_NAME, MAX_LAST_NAME = 35, 70
_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
_NAME = re.compile(r"^[^\x00-\x1f<>{}\[\]=]+$")


class TokenPurpose(StrEnum):
    ACTIVATION = "activation"  # a new account chooses its password
    REINITIALISATION = "reinitialisation"  # « Mot de passe oublié »


TOKEN_LIFETIME = {
    TokenPurpose.ACTIVATION: timedelta(days=3),
    TokenPurpose.REINITIALISATION: timedelta(minutes=30),
}

TOKEN_INVALID = (
    "Ce lien n'est plus valable (déjà utilisé, expiré ou incomplet). Demandez-en un nouveau depuis "
    "« Mot de passe oublié »."
)
# The same answer whether the address exists or not (no account enumeration).
RESET_REQUESTED = (
    "Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien "
    "valable 30 minutes."
)


class AdminAction(StrEnum):
    COMPTE_CREE = "compte_cree"
    COMPTE_MODIFIE = "compte_modifie"
    COMPTE_DESACTIVE = "compte_desactive"
    COMPTE_REACTIVE = "compte_reactive"
    ACTIVATION_RENVOYEE = "activation_renvoyee"
    COMPTE_DEVERROUILLE = "compte_deverrouille"
    ENTREPRISE_CREEE = "entreprise_creee"
    MANDAT_ENREGISTRE = "mandat_enregistre"
    MANDAT_TERMINE = "mandat_termine"
    SERVICE_MODIFIE = "service_modifie"
    CGU_PUBLIEES = "cgu_publiees"


ACTION_LABELS = {
    AdminAction.COMPTE_CREE: "Compte créé",
    AdminAction.COMPTE_MODIFIE: "Compte modifié",
    AdminAction.COMPTE_DESACTIVE: "Compte désactivé",
    AdminAction.COMPTE_REACTIVE: "Compte réactivé",
    AdminAction.ACTIVATION_RENVOYEE: "Lien d'activation renvoyé",
    AdminAction.COMPTE_DEVERROUILLE: "Compte déverrouillé",
    AdminAction.ENTREPRISE_CREEE: "Entreprise créée",
    AdminAction.MANDAT_ENREGISTRE: "Mandat enregistré",
    AdminAction.MANDAT_TERMINE: "Mandat terminé",
    AdminAction.SERVICE_MODIFIE: "Service des douanes modifié",
    AdminAction.CGU_PUBLIEES: "Conditions d'utilisation publiées",
}


@dataclass(frozen=True)
class AccountInput:
    email: str
    first_name: str
    last_name: str
    role: str
    company_id: int | None = None  # an operator's company
    service_id: int | None = None  # an agent's service
    company_role: str = CompanyRole.DEPOT.value  # an operator's role in his company
    service_lead: bool = False  # an agent who leads his service (assigns its dossiers)


# Roles the administrator gives (the system's own role is never an account).
ASSIGNABLE_ROLES = (Role.OPERATEUR, Role.REPRESENTANT, Role.AGENT, Role.ADMIN)


def email_refused(email: str) -> str:
    if not _EMAIL.match(email.strip()) or len(email.strip()) > 254:
        return "Saisissez une adresse électronique valide (par exemple prenom.nom@entreprise.fr)."
    return ""


def account_refused(data: AccountInput) -> str:
    """What is wrong with an account's form, in French, or ""."""
    problem = email_refused(data.email)
    if problem:
        return problem
    for value, label, limit in (
        (data.first_name, "prénom", MAX_FIRST_NAME),
        (data.last_name, "nom", MAX_LAST_NAME),
    ):
        text = value.strip()
        if not text:
            return f"Saisissez le {label}."
        if len(text) > limit or not _NAME.match(text):
            return f"Le {label} contient des caractères non admis ou dépasse {limit} caractères."
    if data.role not in {r.value for r in ASSIGNABLE_ROLES}:
        return "Choisissez le rôle du compte."
    if data.role == Role.OPERATEUR.value and not data.company_id:
        return "Un opérateur est rattaché à son entreprise : choisissez-la."
    if data.role == Role.REPRESENTANT.value and not data.company_id:
        return "Un représentant est rattaché à sa propre entreprise (le déclarant en douane) : choisissez-la."
    if data.role == Role.OPERATEUR.value and data.company_role not in {r.value for r in CompanyRole}:
        return "Choisissez le rôle dans l'entreprise : Consultation, Préparation ou Dépôt."
    if data.role == Role.AGENT.value and not data.service_id:
        return "Un agent des douanes est rattaché à son service : choisissez-le."
    return ""
