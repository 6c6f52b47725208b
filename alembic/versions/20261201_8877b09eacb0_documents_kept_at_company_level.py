"""Documents kept at company level (« Documents de l'entreprise »), joined to dossiers as copies

Revision ID: 8877b09eacb0
Revises: 48c404fa7202
Create Date: 2026-12-01 23:09:53.475502
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "8877b09eacb0"
down_revision: str | None = "48c404fa7202"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "companydocument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("type_code", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("storage_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("added_by_label", sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False),
        sa.Column("removed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("companydocument", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_companydocument_company_id"), ["company_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("companydocument", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_companydocument_company_id"))

    op.drop_table("companydocument")
