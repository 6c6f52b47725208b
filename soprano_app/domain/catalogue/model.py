"""The building blocks of the field catalogue: fields, blocks, repeatable groups, sections.

A ``Field`` holds one answer. A ``Block`` is a fieldset of fields (an address, a contact, a place).
A ``Group`` is a repeatable list of rows (goods lines, offices…) whose columns are fields and
blocks. Rubriques are lists of sections, sections lists of items. Everything else — the form
pages, the live checks, « Contrôler », the recap, the PDF, the avenant diff — reads these objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..regimes import Regime
from .conditions import Condition


class Kind(StrEnum):
    TEXT = "texte"
    LONG_TEXT = "texte_long"
    DATE = "date"
    BOOLEAN = "booleen"
    ENUM = "enum"
    MULTI_ENUM = "multi_enum"
    NUMBER = "nombre"
    INTEGER = "entier"
    CN_CODE = "code_nc"
    EORI = "eori"
    SIRET = "siret"
    COUNTRY = "pays"
    CURRENCY = "devise"
    OFFICE = "bureau"
    UNIT = "unite"
    EMAIL = "courriel"
    PHONE = "telephone"
    POSTCODE = "code_postal"
    CHECKBOX = "case"  # one box to tick (attestation)
    REF = "reference"  # one row of another group (e.g. the goods line an equivalent replaces)
    MULTI_REF = "references"  # several rows of another group
    COMPUTED = "calcule"  # shown read-only, set by the system
    ATTACHMENT = "piece_jointe"  # files joined to the dossier (their own table); ``source`` = type code


class Rubrique(StrEnum):
    DEMANDEUR = "demandeur"
    COMPTABILITE = "comptabilite"
    MARCHANDISES = "marchandises"
    DIVERS = "divers"
    SPECIFIQUES = "specifiques"
    VALIDATION = "validation"


RUBRIQUE_LABELS: dict[Rubrique, str] = {
    Rubrique.DEMANDEUR: "Demandeur",
    Rubrique.COMPTABILITE: "Comptabilités / écritures",
    Rubrique.MARCHANDISES: "Marchandises et produits",
    Rubrique.DIVERS: "Divers",
    Rubrique.SPECIFIQUES: "Données spécifiques",
    Rubrique.VALIDATION: "Validation",
}

# Obligation letters of the spec (§0.2): O obligatoire, C conditionnel, F facultatif.
OBLIGATOIRE, CONDITIONNEL, FACULTATIF = "O", "C", "F"
Obligation = str | dict[Regime, str]  # one letter for every régime, or a letter per régime


def per_regime(**letters: str) -> dict[Regime, str]:
    """The obligation of a field per régime: ``per_regime(AT="O", DP="C")``; a régime left out
    does not show the field."""
    result = {Regime(code): letter for code, letter in letters.items()}
    if bad := {letter for letter in result.values()} - {OBLIGATOIRE, CONDITIONNEL, FACULTATIF}:
        raise ValueError(f"bad obligation letters {sorted(bad)}")
    return result


def obligation(spec: Obligation) -> dict[Regime, str]:
    """A letter per régime: ``"O"`` (the same for every régime) or ``per_regime(...)``."""
    if isinstance(spec, dict):
        return dict(spec)
    if spec not in (OBLIGATOIRE, CONDITIONNEL, FACULTATIF):
        raise ValueError(f"bad obligation {spec!r}: one letter, or per_regime(...)")
    return dict.fromkeys(Regime, spec)


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    infobulle: str
    kind: Kind
    obligation: dict[Regime, str]
    de: str = ""  # data element number of Annex A (D.E.), when known
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    # For REF / MULTI_REF: the group whose rows can be chosen. For COUNTRY: "ue" or "hors_ue".
    source: str = ""
    required_if: Condition | None = None  # when a « C » field becomes mandatory
    required_when: str = ""  # that condition in French, e.g. « si vous avez répondu Oui »
    shown_if: Condition | None = None  # hidden (neither checked nor submitted) otherwise
    sans_objet: bool = False  # offers an explicit « Sans objet » choice
    readonly: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False  # « > 0 » rather than « ≥ 0 »
    decimals: int | None = None
    cn_lengths: tuple[int, ...] = (4, 6, 8)  # digits accepted for a CN code
    legal: str = ""  # legal reference, named in the messages
    placeholder: str = ""
    inner_required: bool = True  # inside a block: mandatory when the block is (see Block)

    def applies_to(self, regime: Regime) -> bool:
        return regime in self.obligation

    def letter(self, regime: Regime) -> str:
        return self.obligation.get(regime, "")


@dataclass(frozen=True)
class Block:
    """A fieldset. Its fields are mandatory when the block is (and ``inner_required``); an optional
    block becomes mandatory as soon as one of its fields is filled."""

    id: str
    label: str
    infobulle: str
    obligation: dict[Regime, str]
    items: tuple[Field | Block, ...]
    de: str = ""
    required_if: Condition | None = None
    required_when: str = ""
    shown_if: Condition | None = None

    def applies_to(self, regime: Regime) -> bool:
        return regime in self.obligation

    def fields(self) -> Iterator[Field]:
        for item in self.items:
            if isinstance(item, Field):
                yield item
            else:
                yield from item.fields()


@dataclass(frozen=True)
class Group:
    """A repeatable list of rows, shown as a table with « Ajouter » / « Modifier » / « Supprimer »."""

    id: str
    label: str
    infobulle: str
    obligation: dict[Regime, str]
    items: tuple[Field | Block, ...]
    add_label: str
    summary: tuple[str, ...]  # field ids shown as table columns
    row_label: str = "Ligne"  # « Marchandise 2 », « Bureau 1 »…
    min_rows: int = 1  # when the group is mandatory
    max_rows: int = 200
    de: str = ""
    required_if: Condition | None = None
    required_when: str = ""
    shown_if: Condition | None = None
    legal: str = ""

    def applies_to(self, regime: Regime) -> bool:
        return regime in self.obligation

    def fields(self) -> Iterator[Field]:
        for item in self.items:
            if isinstance(item, Field):
                yield item
            else:
                yield from item.fields()


Item = Field | Block | Group


@dataclass(frozen=True)
class Section:
    """A titled part of a rubrique. ``regimes`` limits it (Données spécifiques of one regime)."""

    title: str
    items: tuple[Item, ...]
    regimes: tuple[Regime, ...] = ()
    intro: str = ""


@dataclass(frozen=True)
class RubriqueDef:
    rubrique: Rubrique
    sections: tuple[Section, ...]
    intro: str = ""

    @property
    def label(self) -> str:
        return RUBRIQUE_LABELS[self.rubrique]


@dataclass
class Catalogue:
    rubriques: tuple[RubriqueDef, ...]
    _fields: dict[str, Field] = field(default_factory=dict, init=False)
    _items: dict[str, Item] = field(default_factory=dict, init=False)
    _rubrique_of: dict[str, Rubrique] = field(default_factory=dict, init=False)
    _group_of: dict[str, Group] = field(default_factory=dict, init=False)
    _block_of: dict[str, Block] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for rubrique in self.rubriques:
            for section in rubrique.sections:
                for item in section.items:
                    self._register(item, rubrique.rubrique, None, None)

    def _register(self, item: Item, rubrique: Rubrique, group: Group | None, block: Block | None) -> None:
        if item.id in self._items:
            raise ValueError(f"duplicate id {item.id}")
        self._items[item.id] = item
        self._rubrique_of[item.id] = rubrique
        if group is not None:
            self._group_of[item.id] = group
        if block is not None:
            self._block_of[item.id] = block
        if isinstance(item, Field):
            self._fields[item.id] = item
        elif isinstance(item, Block):
            for child in item.items:
                self._register(child, rubrique, group, item)
        else:
            for child in item.items:
                self._register(child, rubrique, item, None)

    # --- lookups -------------------------------------------------------------------------------

    def field(self, field_id: str) -> Field:
        return self._fields[field_id]

    def all_items(self) -> Iterator[Item]:
        """Every field, block and group, at any depth."""
        return iter(self._items.values())

    def item(self, item_id: str) -> Item:
        return self._items[item_id]

    def has(self, item_id: str) -> bool:
        return item_id in self._items

    def rubrique_of(self, item_id: str) -> Rubrique:
        return self._rubrique_of[item_id]

    def group_of(self, item_id: str) -> Group | None:
        return self._group_of.get(item_id)

    def block_of(self, item_id: str) -> Block | None:
        return self._block_of.get(item_id)

    def rubrique(self, rubrique: Rubrique) -> RubriqueDef:
        return next(r for r in self.rubriques if r.rubrique is rubrique)

    def top_items(self, rubrique: Rubrique | None = None) -> Iterator[tuple[Rubrique, Section, Item]]:
        """Items of the first level (fields, blocks and groups), in form order."""
        for rubrique_def in self.rubriques:
            if rubrique is not None and rubrique_def.rubrique is not rubrique:
                continue
            for section in rubrique_def.sections:
                for item in section.items:
                    yield rubrique_def.rubrique, section, item

    def scalar_fields(self, rubrique: Rubrique | None = None) -> Iterator[Field]:
        """Fields outside groups (one answer each), blocks flattened, in form order."""
        for _rubrique, _section, item in self.top_items(rubrique):
            if isinstance(item, Field):
                yield item
            elif isinstance(item, Block):
                yield from item.fields()

    def groups(self, rubrique: Rubrique | None = None) -> Iterator[Group]:
        for _rubrique, _section, item in self.top_items(rubrique):
            if isinstance(item, Group):
                yield item

    def all_fields(self) -> Iterator[Field]:
        return iter(self._fields.values())
