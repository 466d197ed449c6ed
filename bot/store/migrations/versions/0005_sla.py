"""SLA clocks, the policy a case started with, waiting on the customer, and unique outbox keys

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sla_clock',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('mode', sa.String(length=8), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('token', sa.String(length=40), nullable=False),
        sa.Column('window_seconds', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('deadline', sa.DateTime(timezone=True), nullable=False),
        sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sla_clock_case_kind', 'sla_clock', ['case_id', 'kind', 'status'], unique=False)
    op.create_index('ix_sla_clock_deadline', 'sla_clock', ['deadline'], unique=False)
    with op.batch_alter_table('case') as batch:
        batch.add_column(sa.Column('sla_policy', sa.Text(), nullable=True))
        batch.add_column(sa.Column('waiting_since', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('timer') as batch:
        batch.add_column(sa.Column('key', sa.String(length=120), nullable=True))
        batch.create_unique_constraint('uq_timer_key', ['key'])
    op.create_index('ix_timer_token', 'timer', ['token'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_timer_token', table_name='timer')
    with op.batch_alter_table('timer') as batch:
        batch.drop_constraint('uq_timer_key', type_='unique')
        batch.drop_column('key')
    with op.batch_alter_table('case') as batch:
        batch.drop_column('waiting_since')
        batch.drop_column('sla_policy')
    op.drop_index('ix_sla_clock_deadline', table_name='sla_clock')
    op.drop_index('ix_sla_clock_case_kind', table_name='sla_clock')
    op.drop_table('sla_clock')
