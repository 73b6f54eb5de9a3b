"""Accounts: each person may choose the time zone times are shown in.

Revision ID: a1f7d75865d5
Revises: c2536dc9d8e6
Create Date: 2026-11-23 14:50:05.568806
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

import council.db


revision = 'a1f7d75865d5'
down_revision = 'c2536dc9d8e6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('time_zone')

