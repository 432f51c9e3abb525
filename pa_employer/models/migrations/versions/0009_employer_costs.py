"""employer costs: the Employment Allowance setting and each PA's pension auto-enrolment
postponement, opt-in and opt-out dates

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 20:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employer') as batch:
        batch.add_column(sa.Column('employment_allowance', sa.Boolean(), nullable=True))
    with op.batch_alter_table('pa') as batch:
        batch.add_column(sa.Column('pension_postponed_until', sa.Date(), nullable=True))
        batch.add_column(sa.Column('pension_opted_in_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('pension_opted_out_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pa') as batch:
        batch.drop_column('pension_opted_out_on')
        batch.drop_column('pension_opted_in_on')
        batch.drop_column('pension_postponed_until')
    with op.batch_alter_table('employer') as batch:
        batch.drop_column('employment_allowance')
