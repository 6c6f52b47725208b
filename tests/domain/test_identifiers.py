import pytest

from soprano_app.domain.identifiers import (
    IdentifierError,
    check_company_identifiers,
    format_siret,
    normalise_eori,
    normalise_siren,
    normalise_siret,
)


def test_siren_and_siret_are_normalised() -> None:
    assert normalise_siren("900 123 456") == "900123456"
    assert normalise_siret("900 123 456 00015") == "90012345600015"
    assert format_siret("90012345600015") == "900 123 456 00015"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Le SIREN est obligatoire."),
        ("12345", "Le SIREN comporte 9 chiffres."),
        ("90012345A", "Le SIREN comporte 9 chiffres."),
        ("900123457", "SIREN invalide : la clé de contrôle ne correspond pas."),
    ],
)
def test_bad_siren_messages(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        normalise_siren(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Le SIRET est obligatoire."),
        ("9001234560001", "14 chiffres"),
        ("90012345600016", "SIRET invalide"),
    ],
)
def test_bad_siret_messages(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        normalise_siret(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FR90012345600015", "FR90012345600015"),
        ("fr 900 123 456 00015", "FR90012345600015"),
        ("FR900123456", "FR900123456"),  # SIREN-based EORI (since April 2023)
        ("DE1234567890123", "DE1234567890123"),
    ],
)
def test_valid_eori(value: str, expected: str) -> None:
    assert normalise_eori(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "obligatoire"),
        ("F1234", "Format EORI invalide"),
        ("FR", "Format EORI invalide"),
        ("FR9001234560", "FR suivi du SIRET"),
        ("FR90012345600016", "EORI français invalide"),
        ("FR900123457", "EORI français invalide"),
        ("FRABC", "FR suivi du SIRET"),
    ],
)
def test_invalid_eori(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        normalise_eori(value)


def test_company_identifiers_must_agree() -> None:
    assert check_company_identifiers("900123456", "90012345600015", "FR90012345600015") == []
    problems = check_company_identifiers("900234568", "90012345600015", "FR90012345600015")
    assert "Le SIRET ne commence pas par le SIREN de l'entreprise." in problems
    assert "L'EORI français ne correspond pas au SIREN de l'entreprise." in problems
