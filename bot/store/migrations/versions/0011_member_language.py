"""Members' language: the locale their platform reports, and how far they have read their notifications

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.add_column(sa.Column('locale', sa.String(length=35), nullable=True))
        batch.add_column(sa.Column('notices_read', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.drop_column('notices_read')
        batch.drop_column('locale')
