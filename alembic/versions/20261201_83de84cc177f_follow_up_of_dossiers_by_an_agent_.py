"""Follow-up of dossiers by an agent (« Suivi par »), service leads

Existing dossiers are followed by nobody and existing agents lead nothing: the administrator names
the leads, who assign the dossiers.

Revision ID: 83de84cc177f
Revises: a1b67c0ec8d2
Create Date: 2026-12-01 22:20:27.717173
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "83de84cc177f"
down_revision: str | None = "a1b67c0ec8d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_dossier_service_assigned", ["service_id", "assigned_to_id"], unique=False)

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_lead", sa.Boolean(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("service_lead")

    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index("ix_dossier_service_assigned")
        batch_op.drop_column("assigned_to_id")
