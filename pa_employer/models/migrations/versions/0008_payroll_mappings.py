"""payroll mappings: column mappings saved per payroll provider for results files

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payroll_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('signature', sa.String(length=400), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.Column('used_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_mapping')),
    sa.UniqueConstraint('provider', 'signature', name=op.f('uq_payroll_mapping_provider'))
    )


def downgrade() -> None:
    op.drop_table('payroll_mapping')
