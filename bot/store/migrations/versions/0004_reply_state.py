"""the suggested reply's version on a case, and when the customer was last answered

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case') as batch:
        batch.add_column(sa.Column('reply_variant', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case') as batch:
        batch.drop_column('answered_at')
        batch.drop_column('reply_variant')
