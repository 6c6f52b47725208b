"""The avenant/renewal card's data, as plain dicts for the pages."""

from __future__ import annotations

from ..services.follow_ups import Origin


def origin_view(origin: Origin | None) -> tuple[dict[str, str], list[dict[str, str]]]:
    if origin is None:
        return {}, []
    head = {
        "kind": origin.kind_label,
        "numero": origin.authorisation_numero,
        "id": str(origin.authorisation_id),
    }
    rows = [
        {"rubrique": c.rubrique, "label": c.label, "before": c.before or "—", "after": c.after or "—"}
        for c in origin.changes
    ]
    return head, rows
