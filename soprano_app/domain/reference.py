"""Reference data shipped with the project (spec §4): CN 2025 codes, customs offices, units,
countries and currencies with French names. Loaded lazily, once per process.

Files and their provenance: ``soprano_app/reference_data/*/SOURCE.md``.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

DATA = Path(__file__).resolve().parent.parent / "reference_data"
CN_CREDIT = "Source : Commission européenne — Nomenclature combinée / TARIC (2025)"

EU_MEMBER_STATES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
# Codes used by EU customs systems that ISO 3166 lacks (spec §4.7).
_EXTRA_COUNTRIES = {"XI": "Irlande du Nord", "XK": "Kosovo", "XC": "Ceuta", "XL": "Melilla"}
# Babel names some territories in a way that does not fit a country list.
_COUNTRY_OVERRIDES = {"GR": "Grèce"}


def fold(text: str) -> str:
    """Lower case without accents, for searching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- Combined Nomenclature ----------------------------------------------------------------------


@dataclass(frozen=True)
class CnCode:
    code: str
    label: str
    full_label: str
    supplementary_unit: str  # symbol as in the CN file (« p/st », « m2 »…), empty if none


@cache
def cn_codes() -> dict[str, CnCode]:
    path = DATA / "nomenclature_nc_fr" / "nc8_fr_2025.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code_nc8"]: CnCode(
                row["code_nc8"], row["libelle"], row["libelle_complet"], row["unite_supplementaire"]
            )
            for row in csv.DictReader(handle)
        }


@cache
def _cn_prefixes() -> frozenset[str]:
    prefixes: set[str] = set()
    for code in cn_codes():
        prefixes.update((code[:4], code[:6]))
    return frozenset(prefixes)


@cache
def _cn_folded() -> list[tuple[str, str]]:
    return [(code, fold(item.full_label)) for code, item in cn_codes().items()]


def cn_exists(code: str) -> bool:
    """An 8-digit code of the CN 2025, or a 4/6-digit heading that has such codes (10 digits: its CN8)."""
    if len(code) == 8:
        return code in cn_codes()
    if len(code) == 10:
        return code[:8] in cn_codes()
    return code in _cn_prefixes()


def cn_label(code: str) -> str:
    """The description of a code; for a 4-digit heading or a 6-digit subheading, the part of the
    description that all its 8-digit codes share (the CN file describes 8-digit codes only)."""
    if len(code) >= 8:
        item = cn_codes().get(code[:8])
        return item.full_label if item else ""
    return _heading_labels().get(code, "")


@cache
def _heading_labels() -> dict[str, str]:
    paths: dict[str, list[str]] = {}
    for code, item in cn_codes().items():
        levels = item.full_label.split(" > ")
        for prefix in (code[:4], code[:6]):
            shared = paths.get(prefix)
            if shared is None:
                paths[prefix] = levels
                continue
            common = 0
            while common < min(len(shared), len(levels)) and shared[common] == levels[common]:
                common += 1
            paths[prefix] = shared[:common]
    return {prefix: " > ".join(levels) for prefix, levels in paths.items() if levels}


def search_cn(query: str, limit: int = 20) -> list[CnCode]:
    """By code (digits, spaces and dots ignored) or by words (all must appear, accents ignored)."""
    compact = re.sub(r"[\s.]", "", query)
    codes = cn_codes()
    if compact.isdigit():
        return [codes[c] for c in sorted(codes) if c.startswith(compact)][:limit]
    words = [w for w in fold(query).split() if len(w) > 1]
    if not words:
        return []
    hits = [code for code, text in _cn_folded() if all(w in text for w in words)]
    return [codes[c] for c in hits[:limit]]


def format_cn(code: str) -> str:
    """« 8471 30 00 » for display."""
    if len(code) >= 8:
        return " ".join((code[:4], code[4:6], code[6:8], code[8:])).strip()
    if len(code) == 6:
        return f"{code[:4]} {code[4:]}"
    return code


# Annex 71-02 RDC: goods for which the economic conditions of inward processing need particular
# codes (RDC art. 167) and that shorten the validity (RDC art. 173). What the file covers, and what
# it does not: reference_data/annex_71_02/SOURCE.md.


@cache
def annex_71_02_prefixes() -> tuple[str, ...]:
    with (DATA / "annex_71_02" / "codes.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(row["code"].strip() for row in csv.DictReader(handle) if row["code"].strip())


def in_annex_71_02(code: str) -> bool:
    """An 8-digit code of the list (or under one of its prefixes)."""
    return len(code) >= 8 and code[:8].startswith(annex_71_02_prefixes())


def annex_71_02_undecided(code: str) -> bool:
    """A code shorter than 8 digits that covers both listed and other goods: only the operator can
    say (with 8 digits, or a heading with no listed goods, the answer is computed)."""
    return len(code) < 8 and any(p.startswith(code) or code.startswith(p) for p in annex_71_02_prefixes())


# --- customs offices ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    country: str
    roles: tuple[str, ...]


@cache
def offices() -> dict[str, Office]:
    path = DATA / "customs_offices" / "customsOfficesP5_eu_2023.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {
        row["id"]: Office(
            row["id"], row["name"], row["countryId"], tuple(dict.fromkeys(row.get("roles", [])))
        )
        for row in rows
    }


OFFICE_PATTERN = re.compile(r"^[A-Z]{2}[A-Z0-9]{6}$")


def search_offices(query: str, limit: int = 20, country: str | None = None) -> list[Office]:
    needle = fold(query.strip())
    found = []
    for office in offices().values():
        if country and office.country != country:
            continue
        if not needle or needle in fold(office.code) or needle in fold(office.name):
            found.append(office)
    found.sort(key=lambda o: (o.country != "FR", o.name))
    return found[:limit]


# --- countries and currencies -------------------------------------------------------------------


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → French name, plus the customs-only codes; sorted by name."""
    import pycountry

    territories = Locale("fr", "FR").territories
    names = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names[code] = _COUNTRY_OVERRIDES.get(code) or territories.get(code) or country.name
    names.update(_EXTRA_COUNTRIES)
    return dict(sorted(names.items(), key=lambda item: fold(item[1])))


def eu_countries() -> dict[str, str]:
    names = countries()
    return {code: names[code] for code in names if code in EU_MEMBER_STATES}


def non_eu_countries() -> dict[str, str]:
    return {code: name for code, name in countries().items() if code not in EU_MEMBER_STATES}


@cache
def currencies() -> dict[str, str]:
    """ISO 4217 → « EUR — Euro », euro first then by code."""
    import pycountry

    names = Locale("fr", "FR").currencies
    result = {}
    for currency in pycountry.currencies:
        code = currency.alpha_3
        label = names.get(code, currency.name)
        result[code] = f"{code} — {label[:1].upper()}{label[1:]}"
    return dict(sorted(result.items(), key=lambda item: (item[0] != "EUR", item[0])))


# --- units of measure (spec §4.6) ---------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    code: str
    label: str
    symbol: str


UNITS: tuple[Unit, ...] = (
    Unit("KGM", "Kilogramme", "kg"),
    Unit("GRM", "Gramme", "g"),
    Unit("NAR", "Nombre de pièces", "p/st"),
    Unit("NPR", "Nombre de paires", "pa"),
    Unit("MIL", "Millier de pièces", "1 000 p/st"),
    Unit("CEN", "Centaine de pièces", "100 p/st"),
    Unit("LTR", "Litre", "l"),
    Unit("KLT", "Millier de litres", "1 000 l"),
    Unit("LPA", "Litre d'alcool pur", "l alc. 100 %"),
    Unit("MTR", "Mètre", "m"),
    Unit("MTK", "Mètre carré", "m2"),
    Unit("MTQ", "Mètre cube", "m3"),
    Unit("CTM", "Carat", "c/k"),
    Unit("TJO", "Térajoule", "TJ"),
    Unit("MWH", "Mégawattheure", "1 000 kWh"),
    Unit("GFI", "Gramme d'isotopes fissiles", "gi F/S"),
    Unit("KNI", "Kilogramme d'azote", "kg N"),
    Unit("KNS", "Kilogramme de peroxyde d'hydrogène", "kg H2O2"),
    Unit("KPH", "Kilogramme d'hydroxyde de potassium", "kg KOH"),
    Unit("KPO", "Kilogramme d'oxyde de potassium", "kg K2O"),
    Unit("KPP", "Kilogramme de pentaoxyde de diphosphore", "kg P2O5"),
    Unit("KSH", "Kilogramme d'hydroxyde de sodium", "kg NaOH"),
    Unit("KSD", "Kilogramme de matière sèche à 90 %", "kg 90 % sdt"),
    Unit("KMA", "Kilogramme de méthylamines", "kg met.am."),
    Unit("KUR", "Kilogramme d'uranium", "kg U"),
    Unit("KCC", "Kilogramme de chlorure de choline", "kg C5H14ClNO"),
    Unit("NCL", "Nombre de cellules", "ce/el"),
    Unit("CCT", "Capacité de transport en tonnes", "ct/l"),
    Unit("GRT", "Jauge brute", "gt"),
    # The two symbols of the CN 2025 file missing from the spec table (their TARIC codes are to be
    # confirmed, spec §4.6 ❓): kilogram drained net weight, thousand cubic metres.
    Unit("KGM_E", "Kilogramme de poids net égoutté", "kg/net eda"),
    Unit("MTQ_T", "Millier de mètres cubes", "1 000 m³"),
)
_UNIT_BY_SYMBOL = {unit.symbol: unit.code for unit in UNITS}


def unit_for_cn(code: str) -> str:
    """Default unit of a goods line: the CN supplementary unit if any, otherwise KGM (spec §4.6)."""
    item = cn_codes().get(code[:8]) if len(code) >= 8 else None
    if item is None or not item.supplementary_unit:
        return "KGM"
    return _UNIT_BY_SYMBOL.get(item.supplementary_unit, "KGM")
