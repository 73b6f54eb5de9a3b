"""Consent: policy versions (version 1 published from council/consent/notice.txt), per-country
ages, requests to guardians with hashed links, and consent records.

Revision ID: c2536dc9d8e6
Revises: 782944168b4c
Create Date: 2026-11-23 13:55:02.729548
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

import council.db


revision = 'c2536dc9d8e6'
down_revision = '782944168b4c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consent_age',
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('age', sa.Integer(), nullable=False),
    sa.Column('updated_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_consent_age_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('country', name=op.f('pk_consent_age'))
    )
    op.create_table('policy_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('material', sa.Boolean(), nullable=False),
    sa.Column('changed_purposes', sa.JSON(), nullable=False),
    sa.Column('published_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_policy_version_published_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_version')),
    sa.UniqueConstraint('version', name=op.f('uq_policy_version_version'))
    )
    op.create_table('consent_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('guardian_email', sa.String(length=254), nullable=True),
    sa.Column('status', sa.Enum('requested', 'granted', 'declined', 'expired', 'disputed', name='requeststatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reminders_sent', sa.Integer(), nullable=False),
    sa.Column('answered_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_consent_request_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_request'))
    )
    with op.batch_alter_table('consent_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_request_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_request_status'), ['status'], unique=False)

    op.create_table('consent_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['consent_request.id'], name=op.f('fk_consent_link_request_id_consent_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_link')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_consent_link_token_hash'))
    )
    with op.batch_alter_table('consent_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_link_request_id'), ['request_id'], unique=False)

    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('granted', 'revoked', 'superseded', 'lapsed', name='consentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('policy_version_id', sa.Integer(), nullable=False),
    sa.Column('policy_sha256', sa.String(length=64), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('consent_age', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('granted_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('guardian_name', sa.String(length=120), nullable=True),
    sa.Column('guardian_relationship', sa.String(length=60), nullable=True),
    sa.Column('guardian_email', sa.String(length=254), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('guardian_token_hash', sa.String(length=64), nullable=True),
    sa.Column('member_told_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_consent_record_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_version_id'], ['policy_version.id'], name=op.f('fk_consent_record_policy_version_id_policy_version')),
    sa.ForeignKeyConstraint(['replaces_id'], ['consent_record.id'], name=op.f('fk_consent_record_replaces_id_consent_record')),
    sa.ForeignKeyConstraint(['request_id'], ['consent_request.id'], name=op.f('fk_consent_record_request_id_consent_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record')),
    sa.UniqueConstraint('guardian_token_hash', name=op.f('uq_consent_record_guardian_token_hash'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_application_id'), ['application_id'], unique=False)
    _publish_first_notice()


def downgrade() -> None:
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_application_id'))

    op.drop_table('consent_record')
    with op.batch_alter_table('consent_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_link_request_id'))

    op.drop_table('consent_link')
    with op.batch_alter_table('consent_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_request_status'))
        batch_op.drop_index(batch_op.f('ix_consent_request_application_id'))

    op.drop_table('consent_request')
    op.drop_table('policy_version')
    op.drop_table('consent_age')


def _publish_first_notice() -> None:
    """Version 1 of the privacy notice, from the text shipped with this revision."""
    import hashlib
    from datetime import datetime, timezone
    from pathlib import Path

    text = (Path(council.db.__file__).parent / "consent" / "notice.txt").read_text()
    table = sa.table("policy_version", sa.column("version", sa.String),
                     sa.column("text", sa.Text), sa.column("sha256", sa.String),
                     sa.column("material", sa.Boolean), sa.column("changed_purposes", sa.JSON),
                     sa.column("published_at", council.db.UTCDateTime()))
    op.bulk_insert(table, [{"version": "1", "text": text,
                            "sha256": hashlib.sha256(text.encode()).hexdigest(),
                            "material": False, "changed_purposes": [],
                            "published_at": datetime.now(timezone.utc)}])
