"""who signs and the legal employer; the council's approval of a family-member PA; the
total printed on a receipt

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 20:00:00.000000

Files saved before this keep what their documents printed: where a person acted for the
supported person, that person stays the legal employer named on timesheets and returns
(the user can change it under Settings, Employer). A receipt attached to the lines of one
split keeps the split's total as its amount (the split was refused unless its parts added
up to the receipt's total).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('acting_reference', sa.String(length=100), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                'legal_employer',
                sa.String(length=20),
                server_default='supported_person',
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                'other_employer_name', sa.String(length=200), server_default='', nullable=False
            )
        )
    op.execute(
        "UPDATE employer SET legal_employer = 'acting_person' WHERE trim(acting_person) != ''"
    )
    with op.batch_alter_table('pa', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family_approved_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                'family_approval_reference',
                sa.String(length=100),
                server_default='',
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column('family_approval_conditions', sa.Text(), server_default='', nullable=False)
        )
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amount_pence', sa.Integer(), nullable=True))
    # A receipt whose lines are exactly the lines of one split group: the group's total.
    op.execute(
        """
        UPDATE receipt SET amount_pence = (
            SELECT sum(l.amount_pence) FROM ledger_line_receipt lr
            JOIN ledger_line l ON l.id = lr.line_id
            WHERE lr.receipt_id = receipt.id
        )
        WHERE id IN (
            SELECT lr.receipt_id FROM ledger_line_receipt lr
            JOIN ledger_line l ON l.id = lr.line_id
            GROUP BY lr.receipt_id
            HAVING count(*) > 1
               AND count(l.split_group) = count(*)
               AND min(l.split_group) = max(l.split_group)
               AND count(*) = (
                   SELECT count(*) FROM ledger_line g WHERE g.split_group = min(l.split_group)
               )
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.drop_column('amount_pence')
    with op.batch_alter_table('pa', schema=None) as batch_op:
        batch_op.drop_column('family_approval_conditions')
        batch_op.drop_column('family_approval_reference')
        batch_op.drop_column('family_approved_on')
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_column('other_employer_name')
        batch_op.drop_column('legal_employer')
        batch_op.drop_column('acting_reference')
