"""Lists at volume: indexes per scope for counts and due-date pages, trigram search on PostgreSQL

Revision ID: cb705f70f50b
Revises: f6eefd8db054
Create Date: 2026-12-01 17:57:15.124964
"""

from collections.abc import Sequence

from alembic import op

revision: str = "cb705f70f50b"
down_revision: str | None = "f6eefd8db054"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("authorisation", schema=None) as batch_op:
        batch_op.create_index("ix_authorisation_company_granted", ["company_id", "granted_at", "id"], unique=False)
        batch_op.create_index("ix_authorisation_service_granted", ["service_id", "granted_at", "id"], unique=False)
        batch_op.create_index("ix_authorisation_service_valid_to", ["service_id", "valid_to"], unique=False)
        batch_op.create_index("ix_authorisation_company_valid_to", ["company_id", "valid_to"], unique=False)

    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index("ix_dossier_company_statut", ["company_id", "statut"], unique=False)
        batch_op.create_index("ix_dossier_service_statut", ["service_id", "statut"], unique=False)
        batch_op.create_index(
            "ix_dossier_company_echeance_demandeur", ["company_id", "echeance_demandeur", "id"], unique=False
        )
        batch_op.create_index(
            "ix_dossier_service_alerte_echeance", ["service_id", "alerte", "echeance", "id"], unique=False
        )

    if op.get_bind().dialect.name == "postgresql":
        # Any part of a dossier number (models.DATABASE_ONLY_INDEXES). pg_trgm is a trusted extension:
        # the database's owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX IF NOT EXISTS ix_dossier_numero_trgm ON dossier USING gin (numero gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_dossier_numero_trgm")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index("ix_dossier_service_alerte_echeance")
        batch_op.drop_index("ix_dossier_company_echeance_demandeur")
        batch_op.drop_index("ix_dossier_service_statut")
        batch_op.drop_index("ix_dossier_company_statut")

    with op.batch_alter_table("authorisation", schema=None) as batch_op:
        batch_op.drop_index("ix_authorisation_company_valid_to")
        batch_op.drop_index("ix_authorisation_service_valid_to")
        batch_op.drop_index("ix_authorisation_service_granted")
        batch_op.drop_index("ix_authorisation_company_granted")
