"""Insight: word counts per ten minutes per category, surges, incidents and the cases they link

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'term_count',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('term', sa.String(length=60), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=False),
        sa.Column('slot', sa.DateTime(timezone=True), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('term', 'category', 'slot', name='uq_term_count'),
    )
    op.create_index('ix_term_count_slot', 'term_count', ['slot', 'category', 'term', 'n'], unique=False)
    # A word's recent slots, read on every complaint (the outbreak check).
    op.create_index('ix_term_count_term_slot', 'term_count', ['term', 'slot'], unique=False)
    op.create_table(
        'surge',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_hour', sa.Integer(), nullable=False),
        sa.Column('baseline_milli', sa.Integer(), nullable=False),
        sa.Column('peak', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_surge_status', 'surge', ['status'], unique=False)
    op.create_table(
        'incident',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('scripts', sa.Text(), nullable=False),
        sa.Column('opened_by', sa.String(length=200), nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['owner_id'], ['member.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'incident_case',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.ForeignKeyConstraint(['incident_id'], ['incident.id']),
        sa.PrimaryKeyConstraint('case_id'),
    )
    op.create_index('ix_incident_case_incident', 'incident_case', ['incident_id', 'joined_at'], unique=False)
    # Reports read a period's cases, clocks and contacts from these indexes alone.
    op.create_index('ix_case_report', 'case', ['created_at', 'level', 'category', 'status', 'owner_id', 'tier_grade',
                                               'resolved_at', 'customer_id'], unique=False)
    op.create_index('ix_sla_clock_report', 'sla_clock', ['started_at', 'kind', 'level', 'status', 'stopped_at',
                                                         'deadline'], unique=False)
    op.create_index('ix_case_message_received', 'case_message', ['received_at', 'customer_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_case_message_received', table_name='case_message')
    op.drop_index('ix_sla_clock_report', table_name='sla_clock')
    op.drop_index('ix_case_report', table_name='case')
    op.drop_index('ix_incident_case_incident', table_name='incident_case')
    op.drop_table('incident_case')
    op.drop_table('incident')
    op.drop_index('ix_surge_status', table_name='surge')
    op.drop_table('surge')
    op.drop_index('ix_term_count_term_slot', table_name='term_count')
    op.drop_index('ix_term_count_slot', table_name='term_count')
    op.drop_table('term_count')
