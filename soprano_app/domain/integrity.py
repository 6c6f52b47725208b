"""Tamper-evident history: each dossier's records form a hash chain.

Every history entry, attachment record and authorisation version of a dossier gets a link: the
SHA-256 of its content (``content_hash``) and the hash of the previous link of the same dossier
(``prev_hash``); the link's own hash covers both. Changing, removing or inserting a record, or
reordering links, breaks the chain at that point, and ``verify`` says where.

What it proves: that the records are as they were written, in that order, unless the whole chain
from the altered record onwards was recomputed. What it does not prove: someone with write access
to the database can rewrite a chain from start to end. Publishing the chain heads elsewhere every
day (``digest_text``) closes that gap for everything older than the last published digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

GENESIS = ""  # the previous hash of a dossier's first link


class RecordKind(StrEnum):
    EVENT = "event"  # an entry of the history (steps, comments, decisions)
    ATTACHMENT = "attachment"  # a file joined to the dossier (name, type, size, SHA-256 of the bytes)
    VERSION = "version"  # a granted state of the authorisation (first decision, avenants)


# The fields of each record that never change once written (a removed attachment keeps its row:
# its removal is a history entry of its own).
CHAINED_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.EVENT: (
        "id",
        "dossier_id",
        "occurred_at",
        "actor_user_id",
        "actor_label",
        "kind",
        "from_status",
        "to_status",
        "message",
        "action",
        "step",
        "step_day",
        "days",
        "by_customs",
    ),
    RecordKind.ATTACHMENT: (
        "id",
        "dossier_id",
        "type_code",
        "label",
        "file_name",
        "media_type",
        "size",
        "sha256",
        "storage_key",
        "added_at",
        "added_by_id",
        "added_by_label",
    ),
    RecordKind.VERSION: (
        "id",
        "authorisation_id",
        "version",
        "dossier_id",
        "effective_from",
        "valid_to",
        "granted_at",
        "granted_by_label",
        "objet",
        "snapshot",
    ),
}

# Fields added after records were first chained: hashed only when set, so that older links verify.
LATER_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.EVENT: ("choice", "grounds", "confidential"),
    RecordKind.VERSION: ("guarantee_kind", "guarantee_amount", "guarantee_reference"),
}

KIND_LABELS = {
    RecordKind.EVENT: "entrée de l'historique",
    RecordKind.ATTACHMENT: "pièce jointe",
    RecordKind.VERSION: "version de l'autorisation",
}


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def content_hash(kind: RecordKind, fields: Mapping[str, Any]) -> str:
    """SHA-256 of a record's chained fields, in a canonical JSON form."""
    content = {name: _canonical(fields.get(name)) for name in CHAINED_FIELDS[kind]}
    content |= {
        name: _canonical(fields[name]) for name in LATER_FIELDS.get(kind, ()) if fields.get(name) is not None
    }
    text = json.dumps([kind.value, content], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_hash(
    dossier_id: int, seq: int, prev_hash: str, kind: RecordKind, record_id: int, content: str
) -> str:
    text = f"{dossier_id}|{seq}|{prev_hash}|{kind.value}|{record_id}|{content}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Link:
    dossier_id: int
    seq: int
    kind: RecordKind
    record_id: int
    content_hash: str
    prev_hash: str
    link_hash: str


def next_link(dossier_id: int, previous: Link | None, kind: RecordKind, record_id: int, content: str) -> Link:
    seq = previous.seq + 1 if previous else 1
    prev = previous.link_hash if previous else GENESIS
    return Link(
        dossier_id,
        seq,
        kind,
        record_id,
        content,
        prev,
        link_hash(dossier_id, seq, prev, kind, record_id, content),
    )


@dataclass(frozen=True)
class Report:
    """The outcome of a chain's verification, in words a customs officer can read."""

    dossier_id: int
    links: int
    broken_at: int | None = None  # the first link that does not hold (its position, from 1)
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    @property
    def label(self) -> str:
        if self.intact:
            return f"Historique intègre ({self.links} éléments chaînés)"
        return f"Historique altéré : maillon n° {self.broken_at} — {self.reason}"


def verify(
    dossier_id: int,
    links: Sequence[Link],
    records: Mapping[tuple[RecordKind, int], Mapping[str, Any]],
) -> Report:
    """Check a dossier's chain against its records; report the first link that does not hold.

    ``records`` holds every chained record of the dossier found in the database, keyed by kind
    and id: a record without a link (inserted behind the application's back) is a break too.
    """
    previous: Link | None = None
    chained: set[tuple[RecordKind, int]] = set()
    for position, link in enumerate(sorted(links, key=lambda item: item.seq), start=1):

        def broken(reason: str, at: int = position) -> Report:
            return Report(dossier_id, len(links), at, reason)

        if link.seq != position:
            return broken("un maillon manque ou a été déplacé")
        expected_prev = previous.link_hash if previous else GENESIS
        if link.prev_hash != expected_prev:
            return broken("il ne suit pas le maillon précédent")
        if link.link_hash != link_hash(
            dossier_id, link.seq, link.prev_hash, link.kind, link.record_id, link.content_hash
        ):
            return broken("le maillon lui-même a été modifié")
        record = records.get((link.kind, link.record_id))
        label = KIND_LABELS[link.kind]
        if record is None:
            return broken(f"{label} supprimée de la base")
        if content_hash(link.kind, record) != link.content_hash:
            return broken(f"{label} modifiée après son enregistrement")
        chained.add((link.kind, link.record_id))
        previous = link
    outside = sorted(set(records) - chained, key=lambda key: (key[0].value, key[1]))
    if outside:
        kind, record_id = outside[0]
        return Report(
            dossier_id,
            len(links),
            len(links) + 1,
            f"{KIND_LABELS[kind]} n° {record_id} ajoutée hors de la chaîne",
        )
    return Report(dossier_id, len(links))


def digest_text(day: date, heads: Sequence[tuple[int, int, str]]) -> str:
    """The daily digest: one line per dossier (id, links, head hash), then the SHA-256 of those lines.
    Published or timestamped elsewhere, it fixes every chain as it stood that day."""
    lines = [f"{dossier_id} {count} {head}" for dossier_id, count, head in sorted(heads)]
    body = "\n".join(lines)
    overall = hashlib.sha256(body.encode("ascii")).hexdigest()
    return f"# SOPRANO libre — empreinte des historiques du {day.isoformat()}\n{body}\nTOTAL {overall}\n"
