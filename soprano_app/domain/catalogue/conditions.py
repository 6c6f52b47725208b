"""Declarative conditions: when a field is shown, or when a « C » (conditional) field is required.

Conditions are data, not lambdas, so that they can be evaluated on the server, tested, and told
to the user in French (« Obligatoire si … »).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..regimes import Regime


class Facts(Protocol):
    """What a condition may read besides the answers (see ``forms.context.FormContext``)."""

    @property
    def regime(self) -> Regime: ...

    @property
    def type_entrepot(self) -> str: ...

    @property
    def is_representative(self) -> bool: ...


class Condition:
    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return All((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))

    def __invert__(self) -> Condition:
        return Not(self)


def _value(values: Mapping[str, Any], field_id: str) -> Any:
    return values.get(field_id, "")


@dataclass(frozen=True)
class Eq(Condition):
    """The answer to ``field`` equals ``value`` (booleans are stored as « oui » / « non »)."""

    field: str
    value: str

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return bool(_value(values, self.field) == self.value)


@dataclass(frozen=True)
class In(Condition):
    field: str
    values: tuple[str, ...]

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return _value(values, self.field) in self.values


@dataclass(frozen=True)
class Contains(Condition):
    """A multi-choice answer includes one of ``values``."""

    field: str
    values: tuple[str, ...]

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        chosen = _value(values, self.field)
        return isinstance(chosen, list) and any(v in chosen for v in self.values)


@dataclass(frozen=True)
class Filled(Condition):
    field: str

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return is_filled(_value(values, self.field))


@dataclass(frozen=True)
class StartsWith(Condition):
    field: str
    prefix: str

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        value = _value(values, self.field)
        return isinstance(value, str) and value.upper().startswith(self.prefix)


@dataclass(frozen=True)
class RegimeIs(Condition):
    regimes: tuple[Regime, ...]

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return facts.regime in self.regimes


@dataclass(frozen=True)
class Representative(Condition):
    """The user files for a represented company."""

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return facts.is_representative


@dataclass(frozen=True)
class All(Condition):
    parts: tuple[Condition, ...]

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return all(part.holds(values, facts) for part in self.parts)


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return any(part.holds(values, facts) for part in self.parts)


@dataclass(frozen=True)
class Not(Condition):
    part: Condition

    def holds(self, values: Mapping[str, Any], facts: Facts) -> bool:
        return not self.part.holds(values, facts)


def is_filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list | tuple | dict):
        return len(value) > 0
    return True


OUI = "oui"
NON = "non"


def yes(field: str) -> Condition:
    return Eq(field, OUI)


def no(field: str) -> Condition:
    return Eq(field, NON)


def fields_read(condition: Condition | None) -> frozenset[str]:
    """The answers a condition reads, through its parts (``field`` attributes)."""
    if condition is None:
        return frozenset()
    found: set[str] = set()
    for name in getattr(condition, "__dataclass_fields__", {}):
        value = getattr(condition, name)
        if name == "field" and isinstance(value, str):
            found.add(value)
        elif isinstance(value, Condition):
            found |= fields_read(value)
        elif isinstance(value, tuple):
            for part in value:
                if isinstance(part, Condition):
                    found |= fields_read(part)
    return frozenset(found)
