"""The customs services' directory and the competent-service rule (UCC art. 22(1): the service of the
place where the applicant's main accounts are kept), one rule for the form and for « Trouver mon
service »: the département of a postcode, then the first service that covers it."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
        code = "75" if code == "75C" else code  # Paris, a « collectivité à statut particulier » in ISO 3166-2
        if _DEPARTEMENT.match(code) or code in ("971", "972", "973", "974", "976"):
            names[code.upper()] = sub.name
    return names


COMMUNES_FILE = Path(__file__).resolve().parent.parent / "reference_data" / "communes" / "communes.csv.gz"


@dataclass(frozen=True)
class Commune:
    name: str
    departement: str
    postcodes: str  # « 69001 69002 … »


@cache
def communes_by_name() -> dict[str, tuple[Commune, ...]]:
    """The communes of France by folded name (homonyms together), from reference_data/communes."""
    found: dict[str, list[Commune]] = {}
    with gzip.open(COMMUNES_FILE, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter=";"):
            commune = Commune(row["nom"], row["departement"].upper(), row["codes_postaux"])
            found.setdefault(_commune_key(row["nom"]), []).append(commune)
    return {name: tuple(items) for name, items in found.items()}


def _commune_key(name: str) -> str:
    """« Saint-Étienne » and « saint etienne » alike; « St » for « Saint »."""
    words = re.split(r"[\s\-']+", fold(name).strip())
    return " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in words if w)


@dataclass(frozen=True)
class Place:
    departement: str  # the code, « 69 »
    label: str  # what was understood: « code postal 69003 (Rhône) », « département du Rhône (69) »


def understand(query: str) -> Place | str:
    """A postcode, a département number or name, or a commune's name → the département; else a
    French message saying what to type."""
    text = query.strip()[:80]
    if not text:
        return "Saisissez un code postal, un numéro ou un nom de département, ou le nom d'une commune."
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
    if not matches:  # a commune, when no département has this very name (« Loire » is the département)
        communes = communes_by_name().get(_commune_key(text), ())
        if communes and len({c.departement for c in communes}) == 1:
            commune = communes[0]
            where = names.get(commune.departement, commune.departement)
            return Place(commune.departement, f"commune {commune.name} ({where})")
        if communes:
            listed = ", ".join(f"{c.name} ({c.departement})" for c in communes[:6])
            return f"Plusieurs communes portent ce nom : {listed}. Saisissez plutôt le code postal."
    matches = matches or [(code, name) for code, name in names.items() if fold(name).startswith(wanted)]
    if len(matches) == 1:
        code, name = matches[0]
        return Place(code, f"département {name} ({code})")
    if len(matches) > 1:
        return (
            "Plusieurs départements correspondent : " + ", ".join(f"{n} ({c})" for c, n in matches[:6]) + "."
        )
    return (
        f"« {text} » n'est ni un code postal, ni un département, ni une commune connus. Saisissez par exemple "
        "69003, 69, Rhône ou Villeurbanne."
    )
