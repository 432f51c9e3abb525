"""money

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:40:22.372584
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('opening_pence', sa.Integer(), nullable=True),
    sa.Column('closing_pence', sa.Integer(), nullable=True),
    sa.Column('source_file', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_statement')),
    sa.UniqueConstraint('sha256', name=op.f('uq_bank_statement_sha256'))
    )
    op.create_table('pot_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('training', 'contingency')", name=op.f('ck_pot_budget_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pot_budget'))
    )
    op.create_table('receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=60), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('sha256', name=op.f('uq_receipt_sha256'))
    )
    op.create_table('ledger_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('payee', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('pa_id', sa.Integer(), nullable=True),
    sa.Column('hours_minutes', sa.Integer(), nullable=True),
    sa.Column('rate_pence', sa.Integer(), nullable=True),
    sa.Column('approval_reference', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('split_group', sa.Integer(), nullable=True),
    sa.Column('source_file', sa.String(length=300), nullable=False),
    sa.Column('source_line', sa.Integer(), nullable=True),
    sa.CheckConstraint("direction IN ('in', 'out')", name=op.f('ck_ledger_line_direction_in_or_out')),
    sa.CheckConstraint('amount_pence > 0', name=op.f('ck_ledger_line_amount_positive')),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_ledger_line_pa_id_pa'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_line'))
    )
    with op.batch_alter_table('ledger_line', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_line_category', ['category', 'day'], unique=False)
        batch_op.create_index('ix_ledger_line_day', ['day'], unique=False)

    op.create_table('contingency_drawdown',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=30), nullable=False),
    sa.Column('pa_covered_id', sa.Integer(), nullable=True),
    sa.Column('cover_provider', sa.String(length=200), nullable=False),
    sa.Column('cover_minutes', sa.Integer(), nullable=False),
    sa.Column('cover_rate_pence', sa.Integer(), nullable=False),
    sa.Column('normal_cost_pence', sa.Integer(), nullable=False),
    sa.Column('approval_reference', sa.String(length=100), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['ledger_line.id'], name=op.f('fk_contingency_drawdown_line_id_ledger_line'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pa_covered_id'], ['pa.id'], name=op.f('fk_contingency_drawdown_pa_covered_id_pa'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contingency_drawdown'))
    )
    op.create_table('ledger_line_outcome',
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('outcome_id', sa.Integer(), nullable=False),
    sa.Column('how_it_helps', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['ledger_line.id'], name=op.f('fk_ledger_line_outcome_line_id_ledger_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outcome_id'], ['outcome.id'], name=op.f('fk_ledger_line_outcome_outcome_id_outcome'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('line_id', 'outcome_id', name=op.f('pk_ledger_line_outcome'))
    )
    op.create_table('ledger_line_receipt',
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['ledger_line.id'], name=op.f('fk_ledger_line_receipt_line_id_ledger_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipt.id'], name=op.f('fk_ledger_line_receipt_receipt_id_receipt'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('line_id', 'receipt_id', name=op.f('pk_ledger_line_receipt'))
    )
    op.create_table('statement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('balance_pence', sa.Integer(), nullable=True),
    sa.Column('matched_line_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['matched_line_id'], ['ledger_line.id'], name=op.f('fk_statement_line_matched_line_id_ledger_line'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['statement_id'], ['bank_statement.id'], name=op.f('fk_statement_line_statement_id_bank_statement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_line'))
    )
    with op.batch_alter_table('statement_line', schema=None) as batch_op:
        batch_op.create_index('ix_statement_line_day', ['day'], unique=False)

    op.create_table('training_course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('course_date', sa.Date(), nullable=False),
    sa.Column('fee_pence', sa.Integer(), nullable=False),
    sa.Column('training_minutes', sa.Integer(), nullable=False),
    sa.Column('training_rate_pence', sa.Integer(), nullable=False),
    sa.Column('cover_minutes', sa.Integer(), nullable=False),
    sa.Column('cover_rate_pence', sa.Integer(), nullable=False),
    sa.Column('cover_by', sa.String(length=200), nullable=False),
    sa.Column('on_costs_pence', sa.Integer(), nullable=False),
    sa.Column('fee_line_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['fee_line_id'], ['ledger_line.id'], name=op.f('fk_training_course_fee_line_id_ledger_line'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_training_course_pa_id_pa'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_course'))
    )
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('achieved_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['training_course.id'], name=op.f('fk_certificate_course_id_training_course'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_certificate_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate'))
    )


def downgrade() -> None:
    op.drop_table('certificate')
    op.drop_table('training_course')
    with op.batch_alter_table('statement_line', schema=None) as batch_op:
        batch_op.drop_index('ix_statement_line_day')

    op.drop_table('statement_line')
    op.drop_table('ledger_line_receipt')
    op.drop_table('ledger_line_outcome')
    op.drop_table('contingency_drawdown')
    with op.batch_alter_table('ledger_line', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_line_day')
        batch_op.drop_index('ix_ledger_line_category')

    op.drop_table('ledger_line')
    op.drop_table('receipt')
    op.drop_table('pot_budget')
    op.drop_table('bank_statement')
