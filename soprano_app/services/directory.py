"""The customs services' directory (« Assistance réglementaire »): public, read-only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from ..db import session_scope
from ..domain.directory import Place, competent_index, covered, departement_names, understand
from ..models import CustomsService


@dataclass(frozen=True)
class ServiceCard:
    id: int
    name: str
    address: str
    telephone: str
    email: str
    horaires: str
    departements: str  # « Ain (01), Ardèche (07)… »


def _card(service: CustomsService) -> ServiceCard:
    names = departement_names()
    codes = sorted(covered(service.departements))
    return ServiceCard(
        id=service.id or 0,
        name=service.name,
        address=", ".join(p for p in (service.rue, f"{service.code_postal} {service.ville}".strip()) if p),
        telephone=service.telephone,
        email=service.email,
        horaires=service.horaires,
        departements=", ".join(f"{names.get(c, c)} ({c})" for c in codes),
    )


def all_services() -> list[ServiceCard]:
    with session_scope() as db:
        return [_card(s) for s in db.exec(select(CustomsService).order_by(col(CustomsService.name))).all()]


@dataclass(frozen=True)
class Found:
    understood: str  # what the query was taken for, or why it was not understood
    service: ServiceCard | None


def find_service(query: str) -> Found:
    """« Trouver mon service »: the competent service for a postcode or a département, by the rule the
    form uses for a dossier (domain/directory.py)."""
    place = understand(query)
    if not isinstance(place, Place):
        return Found(place, None)
    with session_scope() as db:
        services = db.exec(select(CustomsService).order_by(col(CustomsService.id))).all()
        index = competent_index(place.departement, [s.departements for s in services])
        if index is None:
            return Found(
                f"Pour le {place.label}, aucun service de cette instance n'est compétent : adressez-vous au "
                "pôle d'action économique de votre direction régionale.",
                None,
            )
        return Found(f"Service compétent pour le {place.label} :", _card(services[index]))
