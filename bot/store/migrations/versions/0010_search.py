"""The workspace's search index: the words each case can be found by

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'search_word',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('word', sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.PrimaryKeyConstraint('case_id', 'word'),
    )
    op.create_index('ix_search_word_word', 'search_word', ['word', 'case_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_search_word_word', table_name='search_word')
    op.drop_table('search_word')
