"""Saved views of the dossier lists (« Vues enregistrées »)

Revision ID: 48c404fa7202
Revises: 6972a3d8dbd6
Create Date: 2026-12-01 22:35:30.913412
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "48c404fa7202"
down_revision: str | None = "6972a3d8dbd6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "savedview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("savedview", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_savedview_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("savedview", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_savedview_user_id"))

    op.drop_table("savedview")
