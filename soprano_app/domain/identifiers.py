"""French company identifiers (SIREN, SIRET) and EORI numbers (spec §4.2, §4.3).

Each check returns the normalised value or raises ``IdentifierError`` whose message is the
French text shown to the user.
"""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.util import clean

EORI_PATTERN = re.compile(r"^[A-Z]{2}[0-9A-Z]{1,15}$")


class IdentifierError(ValueError):
    """An identifier failed its format or checksum rule; ``str(error)`` is the French message."""


def normalise_siren(value: str) -> str:
    digits = clean(value or "", " .-").strip()
    if not digits:
        raise IdentifierError("Le SIREN est obligatoire.")
    if not digits.isdigit() or len(digits) != 9:
        raise IdentifierError("Le SIREN comporte 9 chiffres.")
    try:
        return str(stdnum_siren.validate(digits))
    except ValidationError as exc:
        raise IdentifierError("SIREN invalide : la clé de contrôle ne correspond pas.") from exc


def normalise_siret(value: str) -> str:
    digits = clean(value or "", " .-").strip()
    if not digits:
        raise IdentifierError("Le SIRET est obligatoire.")
    if not digits.isdigit() or len(digits) != 14:
        raise IdentifierError("Le SIRET comporte 14 chiffres (SIREN + NIC).")
    try:
        return str(stdnum_siret.validate(digits))
    except ValidationError as exc:
        raise IdentifierError("SIRET invalide : la clé de contrôle ne correspond pas.") from exc


def normalise_eori(value: str) -> str:
    """EORI: 2-letter country code + 1 to 15 alphanumerics; French EORI = FR + SIRET or SIREN."""
    eori = clean(value or "", " .-").strip().upper()
    if not eori:
        raise IdentifierError("Le numéro EORI est obligatoire.")
    if not EORI_PATTERN.match(eori):
        raise IdentifierError(
            "Format EORI invalide : 2 lettres du pays puis 1 à 15 lettres ou chiffres (ex. FR12345678901234)."
        )
    if eori.startswith("FR"):
        digits = eori[2:]
        if not digits.isdigit() or len(digits) not in (9, 14):
            raise IdentifierError("EORI français : FR suivi du SIRET (14 chiffres) ou du SIREN (9 chiffres).")
        valid = stdnum_siret.is_valid(digits) if len(digits) == 14 else stdnum_siren.is_valid(digits)
        if not valid:
            raise IdentifierError("EORI français invalide : le SIRET ou le SIREN qu'il contient est erroné.")
    return eori


def check_company_identifiers(siren: str, siret: str, eori: str) -> list[str]:
    """Consistency of a company record: each identifier valid and the three ones agreeing."""
    problems: list[str] = []
    checked: dict[str, str] = {}
    for name, fn, raw in (
        ("siren", normalise_siren, siren),
        ("siret", normalise_siret, siret),
        ("eori", normalise_eori, eori),
    ):
        try:
            checked[name] = fn(raw)
        except IdentifierError as exc:
            problems.append(str(exc))
    if "siren" in checked and "siret" in checked and checked["siret"][:9] != checked["siren"]:
        problems.append("Le SIRET ne commence pas par le SIREN de l'entreprise.")
    french_eori = "eori" in checked and checked["eori"].startswith("FR")
    if french_eori and "siren" in checked and checked["eori"][2:11] != checked["siren"]:
        problems.append("L'EORI français ne correspond pas au SIREN de l'entreprise.")
    return problems


def format_siret(siret: str) -> str:
    """« 900 123 456 00015 » for display."""
    return str(stdnum_siret.format(siret))
