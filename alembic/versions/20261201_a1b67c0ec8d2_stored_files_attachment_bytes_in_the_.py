"""Stored files: the bytes of attachments in the database (SOPRANO_STORAGE=database)

The table is created whatever the setting, so that switching store needs no migration; it stays empty
while files live on disk. ``data`` is ``bytea`` on PostgreSQL, a BLOB on SQLite.

Revision ID: a1b67c0ec8d2
Revises: cb705f70f50b
Create Date: 2026-12-01 22:07:59.382664
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "a1b67c0ec8d2"
down_revision: str | None = "cb705f70f50b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "storedfile",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("storedfile")
