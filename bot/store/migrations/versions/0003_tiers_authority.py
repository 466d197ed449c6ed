"""tiers, escalations, authority (VIP rules, reserves, offers), resolutions, case grade; default ladder seeded

Revision ID: 0003
Revises: 0002
"""
import tomllib
from pathlib import Path

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

LADDER = Path(__file__).resolve().parents[3] / "tiers" / "ladder.toml"


def upgrade() -> None:
    tier = op.create_table(
        'tier',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('grade', sa.String(length=1), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=True),
        sa.Column('limit_minor', sa.BigInteger(), nullable=True),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('rr_next', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('grade'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'escalation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('from_grade', sa.String(length=1), nullable=False),
        sa.Column('to_grade', sa.String(length=1), nullable=False),
        sa.Column('tier_name', sa.String(length=40), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('ladder', sa.Text(), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('acknowledged_by', sa.String(length=200), nullable=True),
        sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.ForeignKeyConstraint(['owner_id'], ['member.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_escalation_case_id', 'escalation', ['case_id'], unique=False)
    op.create_table(
        'setting',
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('updated_by', sa.String(length=200), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_table(
        'vip_rule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('vip_level', sa.Integer(), nullable=False),
        sa.Column('multiplier_pct', sa.Integer(), nullable=True),
        sa.Column('share_bp', sa.Integer(), nullable=True),
        sa.Column('cap_minor', sa.BigInteger(), nullable=True),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('vip_level'),
    )
    reserve = op.create_table(
        'reserve',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('grade', sa.String(length=1), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('action'),
    )
    op.create_table(
        'offer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('requested_by', sa.Integer(), nullable=False),
        sa.Column('amount_minor', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('needed_grade', sa.String(length=1), nullable=True),
        sa.Column('needed_tier', sa.String(length=40), nullable=True),
        sa.Column('decided_by', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.ForeignKeyConstraint(['decided_by'], ['member.id']),
        sa.ForeignKeyConstraint(['requested_by'], ['member.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_offer_case_status', 'offer', ['case_id', 'status'], unique=False)
    op.create_table(
        'resolution',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=1000), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('amount_minor', sa.BigInteger(), nullable=True),
        sa.Column('currency', sa.String(length=3), nullable=True),
        sa.Column('evidence', sa.String(length=300), nullable=False),
        sa.Column('follow_up_on', sa.Date(), nullable=True),
        sa.Column('legal_approved', sa.Boolean(), nullable=False),
        sa.Column('resolved_by', sa.String(length=200), nullable=False),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_resolution_case_id', 'resolution', ['case_id'], unique=False)
    with op.batch_alter_table('case') as batch:
        batch.add_column(sa.Column('grade', sa.String(length=1), nullable=False, server_default='F'))
        batch.add_column(sa.Column('grade_reason', sa.String(length=300), nullable=False, server_default=''))
        batch.add_column(sa.Column('tier_grade', sa.String(length=1), nullable=False, server_default='F'))

    with LADDER.open("rb") as fh:
        ladder = tomllib.load(fh)
    currency = ladder["currency"]
    op.bulk_insert(tier, [{"grade": t["grade"], "name": t["name"], "place": None,
                           "limit_minor": int(t["limit"]) * 100 if "limit" in t else None,
                           "currency": currency, "rr_next": 0} for t in ladder["tier"]])
    grades = {t["name"]: t["grade"] for t in ladder["tier"]}
    op.bulk_insert(reserve, [{"action": action, "grade": grades[name]} for action, name in ladder["reserve"].items()])


def downgrade() -> None:
    with op.batch_alter_table('case') as batch:
        batch.drop_column('tier_grade')
        batch.drop_column('grade_reason')
        batch.drop_column('grade')
    op.drop_index('ix_resolution_case_id', table_name='resolution')
    op.drop_table('resolution')
    op.drop_index('ix_offer_case_status', table_name='offer')
    op.drop_table('offer')
    op.drop_table('reserve')
    op.drop_table('vip_rule')
    op.drop_table('setting')
    op.drop_index('ix_escalation_case_id', table_name='escalation')
    op.drop_table('escalation')
    op.drop_table('tier')
