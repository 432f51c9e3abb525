"""payroll export settings: the layout the payroll provider takes and its payment groups

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 17:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('payroll_layout', sa.String(length=40), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('payroll_payment_groups', sa.Integer(), server_default='5', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_column('payroll_payment_groups')
        batch_op.drop_column('payroll_layout')
