"""watch-list entries admins add and mute from chat

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'watch_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=40), nullable=False),
        sa.Column('phrase', sa.String(length=100), nullable=False),
        sa.Column('weight', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=8), nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_watch_entry_rule_phrase', 'watch_entry', ['rule', 'phrase'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_watch_entry_rule_phrase', table_name='watch_entry')
    op.drop_table('watch_entry')
