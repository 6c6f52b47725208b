"""Short constructors for the catalogue modules, and the composite types of spec §0.3 and §1.7
(adresse, contact, lieu). ``obl`` is the spec's obligation column, e.g. « O/O/C/O/O »."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..regimes import Regime
from . import codelists
from .conditions import Condition
from .model import Block, Field, Kind, Obligation, Option, obligation


def _field(
    kind: Kind, id: str, label: str, infobulle: str, obl: Obligation | dict[Regime, str], **kw: Any
) -> Field:
    letters = obligation(obl)
    return Field(id=id, label=label, infobulle=infobulle, kind=kind, obligation=letters, **kw)


def text(id: str, label: str, infobulle: str, obl: Obligation, *, max_length: int = 70, **kw: Any) -> Field:
    return _field(Kind.TEXT, id, label, infobulle, obl, max_length=max_length, **kw)


def long_text(
    id: str, label: str, infobulle: str, obl: Obligation, *, max_length: int = 2000, **kw: Any
) -> Field:
    return _field(Kind.LONG_TEXT, id, label, infobulle, obl, max_length=max_length, **kw)


def yes_no(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.BOOLEAN, id, label, infobulle, obl, **kw)


def choice(
    id: str, label: str, infobulle: str, obl: Obligation, options: tuple[Option, ...], **kw: Any
) -> Field:
    return _field(Kind.ENUM, id, label, infobulle, obl, options=options, **kw)


def choices(
    id: str, label: str, infobulle: str, obl: Obligation, options: tuple[Option, ...], **kw: Any
) -> Field:
    return _field(Kind.MULTI_ENUM, id, label, infobulle, obl, options=options, **kw)


def date(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.DATE, id, label, infobulle, obl, **kw)


def number(
    id: str,
    label: str,
    infobulle: str,
    obl: Obligation,
    *,
    decimals: int = 3,
    minimum: Decimal | None = Decimal(0),
    **kw: Any,
) -> Field:
    return _field(Kind.NUMBER, id, label, infobulle, obl, decimals=decimals, minimum=minimum, **kw)


def integer(
    id: str, label: str, infobulle: str, obl: Obligation, *, minimum: int | None = 0, **kw: Any
) -> Field:
    low = Decimal(minimum) if minimum is not None else None
    return _field(Kind.INTEGER, id, label, infobulle, obl, minimum=low, **kw)


def cn_code(
    id: str, label: str, infobulle: str, obl: Obligation, *, lengths: tuple[int, ...] = (4, 6, 8), **kw: Any
) -> Field:
    return _field(Kind.CN_CODE, id, label, infobulle, obl, cn_lengths=lengths, **kw)


def eori(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.EORI, id, label, infobulle, obl, max_length=17, **kw)


def siret(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.SIRET, id, label, infobulle, obl, max_length=17, **kw)


def country(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.COUNTRY, id, label, infobulle, obl, **kw)


def currency(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.CURRENCY, id, label, infobulle, obl, **kw)


def office(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.OFFICE, id, label, infobulle, obl, max_length=8, **kw)


def unit(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.UNIT, id, label, infobulle, obl, **kw)


def email(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.EMAIL, id, label, infobulle, obl, max_length=256, **kw)


def phone(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.PHONE, id, label, infobulle, obl, max_length=20, **kw)


def checkbox(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.CHECKBOX, id, label, infobulle, obl, **kw)


def ref(
    id: str, label: str, infobulle: str, obl: Obligation, *, source: str, many: bool = False, **kw: Any
) -> Field:
    return _field(Kind.MULTI_REF if many else Kind.REF, id, label, infobulle, obl, source=source, **kw)


def attachment(id: str, label: str, infobulle: str, obl: Obligation, *, source: str = "", **kw: Any) -> Field:
    """Files of type ``source`` (spec §2.9), or of any type when empty; stored outside the answers."""
    return _field(Kind.ATTACHMENT, id, label, infobulle, obl, source=source, **kw)


def computed(id: str, label: str, infobulle: str, obl: Obligation, **kw: Any) -> Field:
    return _field(Kind.COMPUTED, id, label, infobulle, obl, readonly=True, **kw)


def _inner(letters: dict[Regime, str], required: bool) -> dict[Regime, str]:
    """Obligation of a field inside a block: the block's regimes, O or F for « inner required »."""
    return {regime: "O" if required else "F" for regime in letters}


def address(
    id: str,
    label: str,
    infobulle: str,
    obl: Obligation,
    *,
    de: str = "",
    required_if: Condition | None = None,
    required_when: str = "",
    shown_if: Condition | None = None,
    with_country: bool = True,
    country_field: str = "",
) -> Block:
    """Spec §0.3 ``adresse``: rue O, complément F, code postal O (5 chiffres en France), ville O, pays O.

    ``with_country=False`` when the country is asked elsewhere (``country_field``).
    """
    letters = obligation(obl)
    items: list[Field | Block] = [
        _field(
            Kind.TEXT,
            f"{id}_rue",
            "Adresse (numéro et voie)",
            "Numéro et nom de la voie.",
            _inner(letters, True),
            max_length=70,
        ),
        _field(
            Kind.TEXT,
            f"{id}_complement",
            "Complément d'adresse",
            "Bâtiment, zone d'activité, boîte postale… (facultatif).",
            _inner(letters, False),
            max_length=70,
            inner_required=False,
        ),
        _field(
            Kind.POSTCODE,
            f"{id}_code_postal",
            "Code postal",
            "Code postal ; 5 chiffres pour une adresse en France.",
            _inner(letters, True),
            max_length=9,
            source=f"{id}_pays" if with_country else country_field,
        ),
        _field(
            Kind.TEXT, f"{id}_ville", "Ville", "Commune ou localité.", _inner(letters, True), max_length=35
        ),
    ]
    if with_country:
        items.append(
            _field(Kind.COUNTRY, f"{id}_pays", "Pays", "Pays de l'adresse.", _inner(letters, True)),
        )
    return Block(
        id=id,
        label=label,
        infobulle=infobulle,
        obligation=letters,
        items=tuple(items),
        de=de,
        required_if=required_if,
        required_when=required_when,
        shown_if=shown_if,
    )


def contact(
    id: str,
    label: str,
    infobulle: str,
    obl: Obligation,
    *,
    de: str = "",
    shown_if: Condition | None = None,
) -> Block:
    """Spec §0.3 ``contact``: nom O, prénom F, fonction F, téléphone O, courriel O, fax F."""
    letters = obligation(obl)
    return Block(
        id=id,
        label=label,
        infobulle=infobulle,
        obligation=letters,
        de=de,
        shown_if=shown_if,
        items=(
            _field(
                Kind.TEXT, f"{id}_nom", "Nom", "Nom de la personne.", _inner(letters, True), max_length=70
            ),
            _field(
                Kind.TEXT,
                f"{id}_prenom",
                "Prénom",
                "Prénom de la personne (facultatif).",
                _inner(letters, False),
                max_length=35,
                inner_required=False,
            ),
            _field(
                Kind.TEXT,
                f"{id}_fonction",
                "Fonction",
                "Fonction occupée dans l'entreprise (facultatif).",
                _inner(letters, False),
                max_length=70,
                inner_required=False,
            ),
            _field(
                Kind.PHONE,
                f"{id}_telephone",
                "Téléphone",
                "Numéro de téléphone auquel la personne peut être jointe.",
                _inner(letters, True),
                max_length=20,
            ),
            _field(
                Kind.EMAIL,
                f"{id}_courriel",
                "Courriel",
                "Adresse électronique de la personne.",
                _inner(letters, True),
                max_length=256,
            ),
            _field(
                Kind.PHONE,
                f"{id}_fax",
                "Fax",
                "Numéro de télécopie (facultatif).",
                _inner(letters, False),
                max_length=20,
                inner_required=False,
            ),
        ),
    )


def place(
    id: str,
    label: str,
    infobulle: str,
    obl: Obligation,
    *,
    functions: tuple[Option, ...] = codelists.FONCTIONS_LIEU,
    de: str = "",
    shown_if: Condition | None = None,
) -> Block:
    """Spec §1.7 ``lieu``: the SOPRANO place block. Sub-ids are ``{id}_fonction``, ``{id}_qualification``…"""
    letters = obligation(obl)
    inner = _inner(letters, True)
    return Block(
        id=id,
        label=label,
        infobulle=infobulle,
        obligation=letters,
        de=de,
        shown_if=shown_if,
        items=(
            _field(
                Kind.ENUM,
                f"{id}_fonction",
                "Fonction",
                "Rôle de ce lieu dans le régime.",
                inner,
                options=functions,
            ),
            _field(
                Kind.ENUM,
                f"{id}_qualification",
                "Qualification",
                "Choisissez comment le lieu est identifié (adresse, code, coordonnées GPS, texte libre…).",
                inner,
                options=codelists.QUALIFICATIONS_LIEU,
            ),
            _field(Kind.COUNTRY, f"{id}_pays", "Pays", "Pays où se trouve le lieu.", inner),
            _field(
                Kind.ENUM,
                f"{id}_type",
                "Type de lieu",
                "Nature du lieu : lieu désigné par la douane, lieu autorisé, lieu agréé ou autre (« divers »).",
                inner,
                options=codelists.TYPES_LIEU,
            ),
            _field(
                Kind.TEXT,
                f"{id}_identification",
                "Code lieu à agréer — Identification du lieu",
                "Identifiant du lieu (code, numéro) selon la qualification choisie ; sinon S.O.",
                inner,
                max_length=35,
                sans_objet=True,
            ),
            _field(
                Kind.TEXT,
                f"{id}_identification_add",
                "Code lieu à agréer — Identification additionnelle",
                "Complément d'identifiant (par exemple numéro de quai ou de bâtiment) ; sinon S.O.",
                _inner(letters, False),
                max_length=4,
                sans_objet=True,
                inner_required=False,
            ),
            Block(
                id=f"{id}_description",
                label="Description (nom, adresse, code postal, ville)",
                infobulle="Nom et adresse complète du lieu.",
                obligation=letters,
                items=(
                    _field(
                        Kind.TEXT,
                        f"{id}_nom",
                        "Nom",
                        "Nom du site ou de l'entreprise.",
                        inner,
                        max_length=70,
                        sans_objet=True,
                    ),
                    _field(
                        Kind.TEXT,
                        f"{id}_rue",
                        "Adresse (numéro et voie)",
                        "Numéro et nom de la voie.",
                        inner,
                        max_length=70,
                        sans_objet=True,
                    ),
                    _field(
                        Kind.POSTCODE,
                        f"{id}_code_postal",
                        "Code postal",
                        "Code postal ; 5 chiffres pour un lieu en France.",
                        inner,
                        max_length=9,
                        source=f"{id}_pays",
                        sans_objet=True,
                    ),
                    _field(
                        Kind.TEXT,
                        f"{id}_ville",
                        "Ville",
                        "Commune ou localité.",
                        inner,
                        max_length=35,
                        sans_objet=True,
                    ),
                ),
            ),
        ),
    )
