"""The customs services' directory and the competent-service rule (UCC art. 22(1): the service of the
place where the applicant's main accounts are kept), one rule for the form and for « Trouver mon
service »: the département of a postcode, then the first service that covers it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pycountry

from .help import fold

_POSTCODE = re.compile(r"^\d{5}$")
_DEPARTEMENT = re.compile(r"^(\d{2}|2[ab]|97[1-6])$", re.IGNORECASE)


def departement_of(postcode: str) -> str:
    """« 69003 » → « 69 »; overseas « 97411 » → « 974 »; Corsica « 20000 » → « 2A », « 20200 » → « 2B »."""
    code = postcode.strip().replace(" ", "")
    if not _POSTCODE.match(code):
        return ""
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def covered(departements: str) -> set[str]:
    """A service's « 01,07,26 » as a set of codes."""
    return {d.strip().upper() for d in departements.split(",") if d.strip()}


def competent_index(departement: str, services_departements: Sequence[str]) -> int | None:
    """Which service (by position) covers ``departement``: the first that lists it."""
    if not departement:
        return None
    for index, departements in enumerate(services_departements):
        if departement.upper() in covered(departements):
            return index
    return None


@cache
def departement_names() -> dict[str, str]:
    """French départements (metropolitan and overseas) by code, from ISO 3166-2:FR (pycountry)."""
    names = {}
    subdivisions = pycountry.subdivisions.get(country_code="FR") or []  # type: ignore[no-untyped-call]
    for sub in subdivisions:
        code = sub.code.split("-", 1)[1]
        if _DEPARTEMENT.match(code) or code in ("971", "972", "973", "974", "976"):
            names[code.upper()] = sub.name
    return names


@dataclass(frozen=True)
class Place:
    departement: str  # the code, « 69 »
    label: str  # what was understood: « code postal 69003 (Rhône) », « département du Rhône (69) »


def understand(query: str) -> Place | str:
    """A postcode, a département number or a département name → the département; else a French
    message saying what to type."""
    text = query.strip()[:80]
    if not text:
        return "Saisissez un code postal, un numéro ou un nom de département."
    names = departement_names()
    compact = text.replace(" ", "")
    if compact.isdigit() and len(compact) == 5:
        code = departement_of(compact)
        return Place(code, f"code postal {compact} ({names.get(code, code)})")
    if _DEPARTEMENT.match(compact):
        code = compact.upper()
        if code in names:
            return Place(code, f"département {names[code]} ({code})")
    wanted = fold(text)
    matches = [(code, name) for code, name in names.items() if fold(name) == wanted]
    matches = matches or [(code, name) for code, name in names.items() if fold(name).startswith(wanted)]
    if len(matches) == 1:
        code, name = matches[0]
        return Place(code, f"département {name} ({code})")
    if len(matches) > 1:
        return (
            "Plusieurs départements correspondent : " + ", ".join(f"{n} ({c})" for c, n in matches[:6]) + "."
        )
    return (
        f"« {text} » n'est ni un code postal, ni un département connu. Saisissez par exemple 69003, 69 "
        "ou Rhône."
    )
