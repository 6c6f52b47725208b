"""Format and reference-data checks of one answer, per field kind (spec §0.3, §4).

``check_value`` never raises on user input: it returns what to store (the canonical form when the
value is valid, the text as typed otherwise — nothing typed is lost) and a French message.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from email_validator import EmailNotValidError, validate_email

from .. import reference
from ..catalogue.conditions import NON, OUI
from ..catalogue.model import Field, Kind, Option
from ..identifiers import IdentifierError, normalise_eori, normalise_siret

SANS_OBJET = "S.O."
_SANS_OBJET_SPELLINGS = {"so", "s.o.", "s. o.", "s.o", "s o", "sans objet", "sansobjet"}
PHONE_PATTERN = re.compile(r"^\+?[0-9 .()-]{6,20}$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class Checked:
    value: Any  # canonical when valid, as typed otherwise
    error: str = ""
    warning: str = ""
    info: str = ""  # e.g. the CN description or the office name shown beside the field

    @property
    def ok(self) -> bool:
        return not self.error


def is_sans_objet(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in _SANS_OBJET_SPELLINGS


def options_of(field: Field) -> tuple[Option, ...]:
    """The choices of an enum field, from the catalogue or from reference data (``source``)."""
    if field.options:
        return field.options
    if field.kind in (Kind.COUNTRY, Kind.MULTI_ENUM) and field.source == "ue":
        return tuple(Option(c, n) for c, n in reference.eu_countries().items())
    if field.kind is Kind.COUNTRY:
        names = reference.non_eu_countries() if field.source == "hors_ue" else reference.countries()
        return tuple(Option(c, n) for c, n in names.items())
    if field.kind is Kind.CURRENCY:
        return tuple(Option(c, n) for c, n in reference.currencies().items())
    if field.kind is Kind.UNIT:
        return tuple(Option(u.code, f"{u.label} ({u.symbol})") for u in reference.UNITS)
    return ()


_CODES: dict[tuple[Kind, str, tuple[Option, ...]], frozenset[str]] = {}


def _codes(field: Field) -> frozenset[str]:
    """The valid codes, built once per kind of list (a country list is 250 options)."""
    key = (field.kind, field.source, field.options)
    codes = _CODES.get(key)
    if codes is None:
        codes = _CODES[key] = frozenset(option.code for option in options_of(field))
    return codes


def check_value(
    field: Field,
    raw: Any,
    siblings: Mapping[str, Any] | None = None,
    row_ids: Collection[str] = (),
) -> Checked:
    """Check a non-empty answer. ``siblings`` are the other answers (for the postcode's country);
    ``row_ids`` are the rows a reference may point to."""
    kind = field.kind
    if kind in (Kind.MULTI_ENUM, Kind.MULTI_REF):
        return _check_many(field, raw, row_ids)
    if not isinstance(raw, str):
        return Checked("", error="Valeur non reconnue.")
    if field.sans_objet and is_sans_objet(raw):
        return Checked(SANS_OBJET)
    checker = _CHECKERS.get(kind)
    if checker is not None:
        return checker(field, raw, siblings or {})
    if kind is Kind.REF:
        return Checked(raw) if raw in row_ids else Checked(raw, error="Choisissez une ligne de la liste.")
    return _check_text(field, raw, siblings or {})


def _too_long(field: Field, text: str) -> str:
    if field.max_length is not None and len(text) > field.max_length:
        return f"{field.max_length} caractères au maximum (actuellement {len(text)})."
    return ""


def _check_text(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip() if field.kind is not Kind.LONG_TEXT else raw.rstrip()
    return Checked(text, error=_too_long(field, text))


def _check_date(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip()
    parsed = parse_date(text)
    if parsed is None:
        return Checked(text, error="Date invalide : saisissez une date au format JJ/MM/AAAA.")
    return Checked(parsed.isoformat())


def parse_date(text: str) -> date | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text) or None
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    if not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_boolean(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    value = raw.strip().lower()
    return Checked(value) if value in (OUI, NON) else Checked(raw, error="Répondez « Oui » ou « Non ».")


def _check_checkbox(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    return Checked(OUI) if raw.strip().lower() == OUI else Checked("")


def _check_enum(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    value = raw.strip()
    if value in _codes(field):
        return Checked(value)
    if field.kind is Kind.COUNTRY and field.source == "hors_ue" and value in reference.EU_MEMBER_STATES:
        return Checked(value, error="Le pays doit être situé hors de l'Union européenne.")
    return Checked(value, error="Choisissez une valeur de la liste.")


def _check_many(field: Field, raw: Any, row_ids: Collection[str]) -> Checked:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        return Checked([], error="Valeur non reconnue.")
    allowed = set(row_ids) if field.kind is Kind.MULTI_REF else _codes(field)
    chosen = list(dict.fromkeys(raw))
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        return Checked(chosen, error="Choisissez des valeurs de la liste.")
    return Checked(chosen)


def parse_number(text: str) -> Decimal | None:
    """French input: « 1 234,5 » or « 1234.5 »; a single decimal separator."""
    compact = _SPACES.sub("", text)
    if compact.count(",") + compact.count(".") > 1:
        return None
    compact = compact.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", compact):
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None


def _canonical(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _check_number(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip()
    integer = field.kind is Kind.INTEGER
    number = parse_number(text)
    if number is None or (integer and number != number.to_integral_value()):
        example = "12" if integer else "1 234,5"
        what = "un nombre entier" if integer else "un nombre"
        return Checked(text, error=f"Saisissez {what} (par exemple {example}).")
    if field.exclusive_minimum and field.minimum is not None and number <= field.minimum:
        return Checked(text, error=f"La valeur doit être supérieure à {_french(field.minimum)}.")
    if field.minimum is not None and number < field.minimum:
        return Checked(text, error=f"La valeur doit être au moins égale à {_french(field.minimum)}.")
    if field.maximum is not None and number > field.maximum:
        return Checked(text, error=f"La valeur ne peut pas dépasser {_french(field.maximum)}.")
    if not integer and field.decimals is not None:
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > field.decimals:
            return Checked(text, error=f"{field.decimals} décimales au maximum.")
    return Checked(_canonical(number))


def _french(number: Decimal) -> str:
    return _canonical(number).replace(".", ",")


def format_number(value: str) -> str:
    """Canonical « 1234.5 » → « 1 234,5 » (narrow no-break space), as shown to French readers."""
    number = parse_number(value)
    if number is None:
        return value
    sign, digits = ("-", _canonical(-number)) if number < 0 else ("", _canonical(number))
    whole, _, decimals = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + "\u202f".join(groups) + ("," + decimals if decimals else "")


def _check_cn(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    code = re.sub(r"[\s.]", "", raw)
    if not code.isdigit():
        return Checked(raw.strip(), error="Le code NC ne comporte que des chiffres (sans lettre).")
    if len(code) not in field.cn_lengths:
        lengths = " ou ".join(str(n) for n in field.cn_lengths)
        return Checked(code, error=f"Le code NC comporte {lengths} chiffres (saisi : {len(code)}).")
    if not reference.cn_exists(code):
        return Checked(code, warning="Code absent de la nomenclature combinée 2025 : vérifiez-le.")
    return Checked(code, info=reference.cn_label(code))


def _check_identifier(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    normalise = normalise_eori if field.kind is Kind.EORI else normalise_siret
    try:
        return Checked(normalise(raw))
    except IdentifierError as exc:
        return Checked(raw.strip(), error=str(exc))


def _check_office(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    code = raw.strip().upper()
    if not reference.OFFICE_PATTERN.match(code):
        return Checked(
            code,
            error="Code de bureau invalide : 2 lettres du pays puis 6 lettres ou chiffres (ex. FR000690).",
        )
    office = reference.offices().get(code)
    if office is None:
        return Checked(
            code, warning="Bureau absent de la liste des bureaux de douane (avril 2023) : vérifiez le code."
        )
    return Checked(code, info=office.name)


def _check_email(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip()
    try:
        normalised = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return Checked(text, error="Adresse électronique invalide (ex. prenom.nom@entreprise.fr).")
    return Checked(normalised, error=_too_long(field, normalised))


def _check_phone(field: Field, raw: str, _siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip()
    if not PHONE_PATTERN.match(text):
        return Checked(
            text,
            error="Numéro invalide : chiffres, espaces, points, tirets, parenthèses et « + » (6 à 20 caractères).",
        )
    return Checked(text)


def _check_postcode(field: Field, raw: str, siblings: Mapping[str, Any]) -> Checked:
    text = raw.strip()
    country = siblings.get(field.source, "FR") if field.source else "FR"
    if country in ("", "FR") and not re.fullmatch(r"\d{5}", text):
        return Checked(text, error="Le code postal français comporte 5 chiffres.")
    return Checked(text, error=_too_long(field, text))


_CHECKERS = {
    Kind.TEXT: _check_text,
    Kind.LONG_TEXT: _check_text,
    Kind.DATE: _check_date,
    Kind.BOOLEAN: _check_boolean,
    Kind.CHECKBOX: _check_checkbox,
    Kind.ENUM: _check_enum,
    Kind.COUNTRY: _check_enum,
    Kind.CURRENCY: _check_enum,
    Kind.UNIT: _check_enum,
    Kind.NUMBER: _check_number,
    Kind.INTEGER: _check_number,
    Kind.CN_CODE: _check_cn,
    Kind.EORI: _check_identifier,
    Kind.SIRET: _check_identifier,
    Kind.OFFICE: _check_office,
    Kind.EMAIL: _check_email,
    Kind.PHONE: _check_phone,
    Kind.POSTCODE: _check_postcode,
    Kind.COMPUTED: _check_text,
}
