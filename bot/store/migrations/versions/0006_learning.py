"""Labelled examples (corrections, imported history) and team model versions

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'labelled_example',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=True),
        sa.Column('complaint', sa.Boolean(), nullable=False),
        sa.Column('category', sa.String(length=24), nullable=True),
        sa.Column('engine_level', sa.String(length=16), nullable=True),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('ref', sa.String(length=200), nullable=True),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_labelled_example_created', 'labelled_example', ['created_at'], unique=False)
    op.create_table(
        'risk_model',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('weights', sa.Text(), nullable=False),
        sa.Column('figures', sa.Text(), nullable=False),
        sa.Column('examples', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('risk_model')
    op.drop_index('ix_labelled_example_created', table_name='labelled_example')
    op.drop_table('labelled_example')
