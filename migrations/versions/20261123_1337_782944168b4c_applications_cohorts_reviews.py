"""Applications: cohorts, essay questions, rubric, reviewers, applications, reviews, membership.

Revision ID: 782944168b4c
Revises: 43e7d158f9aa
Create Date: 2026-11-23 13:37:11.342708
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

import council.db


revision = '782944168b4c'
down_revision = '43e7d158f9aa'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cohort',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', 'archived', name='cohortstatus', native_enum=False, length=32), nullable=False),
    sa.Column('opens_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closes_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('max_age', sa.Integer(), nullable=False),
    sa.Column('reviewers_per_application', sa.Integer(), nullable=False),
    sa.Column('created_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('min_age <= max_age', name=op.f('ck_cohort_age_range')),
    sa.CheckConstraint('places > 0', name=op.f('ck_cohort_places_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cohort'))
    )
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'awaiting_consent', 'in_review', 'accepted', 'waitlisted', 'declined', 'withdrawn', name='applicationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region', sa.String(length=80), nullable=False),
    sa.Column('guardian_email', sa.String(length=254), nullable=True),
    sa.Column('needs_consent', sa.Boolean(), nullable=False),
    sa.Column('created_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('link_stamp', sa.String(length=32), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_application_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_application_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['member_id'], ['user_account.id'], name=op.f('fk_application_member_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application')),
    sa.UniqueConstraint('cohort_id', 'email', name='uq_application_cohort_email')
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)

    op.create_table('cohort_reviewer',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_cohort_reviewer_cohort_id_cohort'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_cohort_reviewer_user_id_user_account')),
    sa.PrimaryKeyConstraint('cohort_id', 'user_id', name=op.f('pk_cohort_reviewer'))
    )
    op.create_table('essay_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt', sa.String(length=500), nullable=False),
    sa.Column('word_limit', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_essay_question_cohort_id_cohort'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_essay_question'))
    )
    with op.batch_alter_table('essay_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_essay_question_cohort_id'), ['cohort_id'], unique=False)

    op.create_table('membership',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_membership_cohort_id_cohort')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_membership_user_id_user_account')),
    sa.PrimaryKeyConstraint('cohort_id', 'user_id', name=op.f('pk_membership'))
    )
    op.create_table('rubric_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_rubric_criterion_cohort_id_cohort'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric_criterion'))
    )
    with op.batch_alter_table('rubric_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rubric_criterion_cohort_id'), ['cohort_id'], unique=False)

    op.create_table('diversity_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=32), nullable=False),
    sa.Column('answer', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_diversity_answer_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diversity_answer')),
    sa.UniqueConstraint('application_id', 'question', name='uq_diversity_answer_application_question')
    )
    with op.batch_alter_table('diversity_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diversity_answer_application_id'), ['application_id'], unique=False)

    op.create_table('essay_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_essay_answer_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['essay_question.id'], name=op.f('fk_essay_answer_question_id_essay_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_essay_answer')),
    sa.UniqueConstraint('application_id', 'question_id', name='uq_essay_answer_application_question')
    )
    with op.batch_alter_table('essay_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_essay_answer_application_id'), ['application_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('assigned_at', council.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', council.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_review_application_id_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_review_reviewer_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('application_id', 'reviewer_id', name='uq_review_application_reviewer')
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('review_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_review_score_score_range')),
    sa.ForeignKeyConstraint(['criterion_id'], ['rubric_criterion.id'], name=op.f('fk_review_score_criterion_id_rubric_criterion')),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_score_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_score')),
    sa.UniqueConstraint('review_id', 'criterion_id', name='uq_review_score_review_criterion')
    )
    with op.batch_alter_table('review_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_score_review_id'), ['review_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_score_review_id'))

    op.drop_table('review_score')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_review_application_id'))

    op.drop_table('review')
    with op.batch_alter_table('essay_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_essay_answer_application_id'))

    op.drop_table('essay_answer')
    with op.batch_alter_table('diversity_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diversity_answer_application_id'))

    op.drop_table('diversity_answer')
    with op.batch_alter_table('rubric_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rubric_criterion_cohort_id'))

    op.drop_table('rubric_criterion')
    op.drop_table('membership')
    with op.batch_alter_table('essay_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_essay_question_cohort_id'))

    op.drop_table('essay_question')
    op.drop_table('cohort_reviewer')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index(batch_op.f('ix_application_cohort_id'))

    op.drop_table('application')
    op.drop_table('cohort')
