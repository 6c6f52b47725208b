"""The administrator keeps the customs services: départements (the competent-service rule),
contact details; checked, journaled, and used at once by the directory."""

from __future__ import annotations

import pytest

from soprano_app.services import customs_services, directory, journal
from soprano_app.services.customs_services import ServiceError, ServiceInput
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")


def lyon(ctx):  # type: ignore[no-untyped-def]
    return next(r for r in customs_services.services(ctx) if r.name.endswith("Lyon"))


def test_a_service_takes_a_departement_and_the_directory_follows() -> None:
    admin = ctx_of("admin@demo.fr")
    row = lyon(admin)
    assert "Sophie Martin" in row.agents and "69" in row.departements
    assert directory.find_service("63000").service is None  # Puy-de-Dôme: nobody yet
    data = ServiceInput(
        row.rue, row.code_postal, row.ville, row.telephone, row.email, row.horaires, row.departements + ", 63"
    )
    customs_services.update_service(admin, row.id, data)
    found = directory.find_service("63000").service
    assert found is not None and found.name.endswith("Lyon")
    [entry] = journal.entries(admin, action="service_modifie")
    assert "departements" in entry.detail and "63" in entry.detail


def test_bad_service_details_are_refused_in_french() -> None:
    admin = ctx_of("admin@demo.fr")
    row = lyon(admin)

    def edit(**changes: str) -> None:
        base = dict(rue=row.rue, code_postal=row.code_postal, ville=row.ville, telephone=row.telephone,
                    email=row.email, horaires=row.horaires, departements=row.departements)  # fmt: skip
        customs_services.update_service(admin, row.id, ServiceInput(**(base | changes)))

    with pytest.raises(ServiceError, match="inconnu"):
        edit(departements="69, 99")
    with pytest.raises(ServiceError, match="déjà couvert"):
        edit(departements="69, 59")  # Lille's
    with pytest.raises(ServiceError, match="cinq chiffres"):
        edit(code_postal="6900")
    with pytest.raises(ServiceError, match="téléphone"):
        edit(telephone="appelez-nous")
    with pytest.raises(ServiceError, match="adresse électronique"):
        edit(email="pas-une-adresse")
    with pytest.raises(PermissionError):
        customs_services.services(ctx_of("agent@demo.fr"))
