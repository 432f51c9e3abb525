"""an index of the shifts paid in a later period than their date

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 01:30:00.000000

Pricing a pay period reads the shifts paid in it though dated in a period already sent to
payroll (changes and late entries). Without this index that read went through every shift
in the file, so pricing slowed as the history grew. Only the shifts paid in a later period
are in it (the others have no ``paid_in_period_start``), so it stays small. Nothing the
user recorded changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_shift_paid_in',
        'shift',
        ['paid_in_period_start'],
        unique=False,
        sqlite_where=sa.text('paid_in_period_start IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_shift_paid_in', table_name='shift')
