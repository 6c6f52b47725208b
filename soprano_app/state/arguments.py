"""Types of handler arguments that carry their bounds, checked at the boundary by pydantic
(``state/event_checks.py``): an id or a page number out of range never reaches a handler."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..db import MAX_ID

RowId = Annotated[int, Field(ge=0, le=MAX_ID)]  # a database id (0: none)
PageNumber = Annotated[int, Field(ge=1, le=1_000_000)]
RowIndex = Annotated[int, Field(ge=-1, le=10_000)]  # a row of a repeatable group (-1: a new row)
