"""file identity: a random key naming the employer a file belongs to

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 16:00:00.000000
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table('file_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_key', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_file_identity'))
    )
    op.bulk_insert(identity, [{'id': 1, 'employer_key': str(uuid.uuid4())}])


def downgrade() -> None:
    op.drop_table('file_identity')
