"""Private annotations of the customs service on a dossier (never shown to the applicant)

Revision ID: 6972a3d8dbd6
Revises: 83de84cc177f
Create Date: 2026-12-01 22:22:37.260756
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "6972a3d8dbd6"
down_revision: str | None = "83de84cc177f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dossiernote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("author_label", sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossiernote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiernote_dossier_id"), ["dossier_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dossiernote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiernote_dossier_id"))

    op.drop_table("dossiernote")
