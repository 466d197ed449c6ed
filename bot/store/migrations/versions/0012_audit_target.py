"""The audit log looked up by what an entry is about: a case's escalations are counted on every message it gets

Revision ID: 0012
Revises: 0011
"""
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.create_index('ix_audit_log_target', ['target', 'action'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_index('ix_audit_log_target')
