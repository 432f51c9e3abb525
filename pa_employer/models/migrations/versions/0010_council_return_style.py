"""council return style: what kind of return the council asks for (full, light touch,
or no paper return where the card account is monitored)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 20:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('council_profile') as batch:
        batch.add_column(sa.Column('return_style', sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('council_profile') as batch:
        batch.drop_column('return_style')
