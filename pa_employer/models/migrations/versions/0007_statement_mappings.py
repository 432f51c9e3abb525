"""statement mappings: column mappings saved per account; a statement's account number

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 18:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('statement_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('signature', sa.String(length=400), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.Column('used_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_mapping')),
    sa.UniqueConstraint('account', 'signature', name=op.f('uq_statement_mapping_account'))
    )
    with op.batch_alter_table('bank_statement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('account_number', sa.String(length=40), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('bank_statement', schema=None) as batch_op:
        batch_op.drop_column('account_number')
    op.drop_table('statement_mapping')
