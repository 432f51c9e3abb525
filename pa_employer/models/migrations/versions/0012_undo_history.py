"""the undo history: each user action, and each row it changed whole before and after

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 22:30:00.000000

Files saved before this have no undo history: Edit > Undo starts with the first change
saved after the upgrade. Their audit entries keep an empty ``action_id``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('what', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('open', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('do', 'undo', 'redo')", name=op.f('ck_audit_action_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_action'))
    )
    op.create_index('ix_audit_action_open', 'audit_action', ['open', 'id'], unique=False)
    op.create_table('audit_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('old_row', sa.Text(), nullable=True),
    sa.Column('new_row', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['audit_action.id'], name=op.f('fk_audit_row_action_id_audit_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_row'))
    )
    op.create_index('ix_audit_row_action', 'audit_row', ['action_id'], unique=False)
    # a plain ADD COLUMN (no table copy): the audit log may be long
    op.add_column('audit', sa.Column('action_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_column('action_id')
    op.drop_index('ix_audit_row_action', table_name='audit_row')
    op.drop_table('audit_row')
    op.drop_index('ix_audit_action_open', table_name='audit_action')
    op.drop_table('audit_action')
