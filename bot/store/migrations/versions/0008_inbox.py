"""The durable inbox (inbound events stored before the platform is told they arrived) and the console's feed

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'inbox_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=32), nullable=False),
        sa.Column('event_id', sa.String(length=200), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('platform', 'event_id', name='uq_inbox_event'),
    )
    op.create_index('ix_inbox_claim', 'inbox_event', ['status', 'claimed_at'], unique=False)
    op.create_table(
        'feed_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('audience', sa.String(length=2000), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_feed_message_created_at', 'feed_message', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_feed_message_created_at', table_name='feed_message')
    op.drop_table('feed_message')
    op.drop_index('ix_inbox_claim', table_name='inbox_event')
    op.drop_table('inbox_event')
