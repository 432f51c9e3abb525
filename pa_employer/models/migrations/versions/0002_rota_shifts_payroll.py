"""rota shifts pay periods payroll results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:52:04.048792
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('export_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('inputs_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_snapshot'))
    )
    with op.batch_alter_table('export_snapshot', schema=None) as batch_op:
        batch_op.create_index('ix_export_snapshot_period', ['period_start', 'format'], unique=False)

    op.create_table('pay_period_lock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('pay_date', sa.Date(), nullable=False),
    sa.Column('locked_at', sa.String(length=40), nullable=False),
    sa.Column('locked_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pay_period_lock')),
    sa.UniqueConstraint('period_start', name=op.f('uq_pay_period_lock_period_start'))
    )
    op.create_table('payroll_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('gross_pence', sa.Integer(), nullable=False),
    sa.Column('tax_pence', sa.Integer(), nullable=False),
    sa.Column('employee_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employer_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employee_pension_pence', sa.Integer(), nullable=False),
    sa.Column('employer_pension_pence', sa.Integer(), nullable=False),
    sa.Column('net_pence', sa.Integer(), nullable=False),
    sa.Column('payment_date', sa.Date(), nullable=True),
    sa.Column('source_file', sa.String(length=300), nullable=False),
    sa.Column('source_line', sa.Integer(), nullable=True),
    sa.Column('imported_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_payroll_result_pa_id_pa'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_result')),
    sa.UniqueConstraint('pa_id', 'period_start', name=op.f('uq_payroll_result_pa_id'))
    )
    op.create_table('rota_pattern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('weekdays', sa.String(length=20), nullable=False),
    sa.Column('start_local', sa.String(length=5), nullable=False),
    sa.Column('end_local', sa.String(length=5), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('every_weeks', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('every_weeks >= 1', name=op.f('ck_rota_pattern_every_weeks_positive')),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_rota_pattern_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rota_pattern'))
    )
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('start_local', sa.String(length=5), nullable=True),
    sa.Column('end_local', sa.String(length=5), nullable=True),
    sa.Column('start_utc', sa.String(length=20), nullable=True),
    sa.Column('end_utc', sa.String(length=20), nullable=True),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('break_start_utc', sa.String(length=20), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('pattern_id', sa.Integer(), nullable=True),
    sa.Column('adjusts_shift_id', sa.Integer(), nullable=True),
    sa.Column('paid_in_period_start', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('break_minutes >= 0', name=op.f('ck_shift_break_not_negative')),
    sa.CheckConstraint('end_utc IS NULL OR start_utc IS NULL OR end_utc > start_utc', name=op.f('ck_shift_end_after_start')),
    sa.CheckConstraint('minutes >= 0', name=op.f('ck_shift_minutes_not_negative')),
    sa.ForeignKeyConstraint(['adjusts_shift_id'], ['shift.id'], name=op.f('fk_shift_adjusts_shift_id_shift')),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_shift_pa_id_pa'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pattern_id'], ['rota_pattern.id'], name=op.f('fk_shift_pattern_id_rota_pattern'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index('ix_shift_date', ['local_date'], unique=False)
        batch_op.create_index('ix_shift_pa_date', ['pa_id', 'local_date'], unique=False)

    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pay_lag_days', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('leave_year_start', sa.String(length=5), server_default='04-01', nullable=False))
        batch_op.add_column(sa.Column('night_start', sa.String(length=5), server_default='22:00', nullable=False))
        batch_op.add_column(sa.Column('night_end', sa.String(length=5), server_default='07:00', nullable=False))

    with op.batch_alter_table('pa', schema=None) as batch_op:
        batch_op.add_column(sa.Column('days_per_week_tenths', sa.Integer(), server_default='50', nullable=False))
        batch_op.add_column(sa.Column('bank_holidays_on_top', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('opted_out_48h_on', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('pa', schema=None) as batch_op:
        batch_op.drop_column('opted_out_48h_on')
        batch_op.drop_column('bank_holidays_on_top')
        batch_op.drop_column('days_per_week_tenths')

    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_column('night_end')
        batch_op.drop_column('night_start')
        batch_op.drop_column('leave_year_start')
        batch_op.drop_column('pay_lag_days')

    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index('ix_shift_pa_date')
        batch_op.drop_index('ix_shift_date')

    op.drop_table('shift')
    op.drop_table('rota_pattern')
    op.drop_table('payroll_result')
    op.drop_table('pay_period_lock')
    with op.batch_alter_table('export_snapshot', schema=None) as batch_op:
        batch_op.drop_index('ix_export_snapshot_period')

    op.drop_table('export_snapshot')
