"""continuous employment from (carried over under TUPE) and a PA's leaving record

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 01:00:00.000000

Files saved before this keep their PAs' start dates as the start of continuous employment
(``continuous_from`` stays NULL: the same as ``start_date``). A PA who already has a
leaving date keeps it; no leaving record is made up for them (the reason and notice were
never recorded).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table copy): nullable, no default
    op.add_column('pa', sa.Column('continuous_from', sa.Date(), nullable=True))
    op.create_table('pa_leaving',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('leaving_date', sa.Date(), nullable=False),
    sa.Column('notice_by', sa.String(length=10), nullable=False),
    sa.Column('notice_given_on', sa.Date(), nullable=True),
    sa.Column('notice_statutory_weeks', sa.Integer(), nullable=False),
    sa.Column('notice_contract_weeks', sa.Integer(), nullable=True),
    sa.Column('notice_weeks', sa.Integer(), nullable=False),
    sa.Column('notice_ends_on', sa.Date(), nullable=True),
    sa.Column('notice_basis', sa.Text(), nullable=False),
    sa.Column('week_pay_pence', sa.Integer(), nullable=False),
    sa.Column('week_pay_basis', sa.Text(), nullable=False),
    sa.Column('redundancy_pence', sa.Integer(), nullable=False),
    sa.Column('redundancy_basis', sa.Text(), nullable=False),
    sa.Column('holiday_minutes', sa.String(length=40), nullable=False),
    sa.Column('holiday_rate_pence', sa.Integer(), nullable=True),
    sa.Column('holiday_pence', sa.Integer(), nullable=False),
    sa.Column('holiday_basis', sa.Text(), nullable=False),
    sa.Column('final_period_start', sa.Date(), nullable=True),
    sa.Column('final_period_end', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.CheckConstraint(
        "reason IN ('resignation', 'dismissal', 'redundancy', 'fixed_term_end', 'death')",
        name=op.f('ck_pa_leaving_known_reason'),
    ),
    sa.CheckConstraint(
        "notice_by IN ('pa', 'employer', 'none')", name=op.f('ck_pa_leaving_known_notice_by')
    ),
    sa.CheckConstraint('notice_weeks >= 0', name=op.f('ck_pa_leaving_notice_not_negative')),
    sa.CheckConstraint(
        'redundancy_pence >= 0', name=op.f('ck_pa_leaving_redundancy_not_negative')
    ),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_pa_leaving_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pa_leaving')),
    sa.UniqueConstraint('pa_id', name=op.f('uq_pa_leaving_pa_id'))
    )


def downgrade() -> None:
    op.drop_table('pa_leaving')
    with op.batch_alter_table('pa', schema=None) as batch_op:
        batch_op.drop_column('continuous_from')
