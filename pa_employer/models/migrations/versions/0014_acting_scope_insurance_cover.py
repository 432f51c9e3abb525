"""the person acting for the employer: what they may do and until when; the supported
person's date of birth; the insurer's helpline and the insurance cover lines

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 01:30:00.000000

Files saved before this have none of these recorded: the scope and end date are empty,
whether the powers cover money or employing PAs is "not recorded" (the Overview then goes
by the capacity: a welfare attorney's powers do not cover money), and there are no cover
lines (the insurer, policy and expiry stay as they were).

Self-contained (one file, no other revision needed) so that it can be renumbered when
merged after another revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acting_scope', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('acting_covers_finances', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('acting_covers_employment', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('acting_ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('supported_person_born_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('insurer_helpline', sa.String(length=60), server_default='', nullable=False)
        )
    op.create_table(
        'insurance_cover',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('limit_pence', sa.Integer(), nullable=True),
        sa.Column('excess_pence', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), server_default='', nullable=False),
        sa.CheckConstraint(
            'excess_pence IS NULL OR excess_pence >= 0',
            name=op.f('ck_insurance_cover_excess_not_negative'),
        ),
        sa.CheckConstraint(
            'limit_pence IS NULL OR limit_pence >= 0',
            name=op.f('ck_insurance_cover_limit_not_negative'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_insurance_cover')),
    )


def downgrade() -> None:
    op.drop_table('insurance_cover')
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_column('insurer_helpline')
        batch_op.drop_column('supported_person_born_on')
        batch_op.drop_column('acting_ends_on')
        batch_op.drop_column('acting_covers_employment')
        batch_op.drop_column('acting_covers_finances')
        batch_op.drop_column('acting_scope')
