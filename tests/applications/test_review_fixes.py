"""Rules added after review: blindness survives pool changes, consent gates acceptance,
decisions are not repeated, purges keep what others still need."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from council.accounts.models import User
from council.applications import services
from council.applications.models import ApplicationStatus
from council.consent import services as consent
from council.domain import DomainError, InvalidTransition, NotAllowed
from council.mail import OutboxMessage
from tests.applications.builders import (emailed_token, make_application, make_cohort,
                                         make_staff)
from tests.conftest import NOW


pytestmark = pytest.mark.usefixtures("mail_context")  # the services queue mail


def test_reviewers_cannot_take_themselves_off_to_unblind(db_session):
    cohort = make_cohort(db_session, reviewers=2)
    reviewer_id = cohort.reviewers[0].user_id
    reviewer = db_session.get(User, reviewer_id)
    with pytest.raises(NotAllowed):
        services.set_reviewers(db_session, cohort, [cohort.reviewers[1].user_id], reviewer, NOW)


def test_someone_who_reviewed_a_cohort_never_sees_who_applied(db_session):
    cohort = make_cohort(db_session, reviewers=3)
    application = make_application(db_session, cohort)
    review = application.reviews[0]
    services.submit_review(db_session, review, {c.id: 3 for c in cohort.criteria}, "", NOW)
    keep = [r.user_id for r in cohort.reviewers if r.user_id != review.reviewer_id]
    services.set_reviewers(db_session, cohort, keep, make_staff(db_session), NOW)
    former = db_session.get(User, review.reviewer_id)
    assert not services.can_see_applicants(db_session, former, cohort)
    assert not services.can_review(former, review)


def test_unsent_reviews_of_a_removed_reviewer_go_to_someone_else(db_session):
    cohort = make_cohort(db_session, reviewers=3)
    application = make_application(db_session, cohort)
    leaving = application.reviews[0].reviewer_id
    keep = [r.user_id for r in cohort.reviewers if r.user_id != leaving]
    services.set_reviewers(db_session, cohort, keep, make_staff(db_session), NOW)
    reviewers = {r.reviewer_id for r in application.reviews}
    assert leaving not in reviewers and len(reviewers) == 2 and reviewers <= set(keep)


def test_no_acceptance_after_the_guardian_withdrew_consent(db_session):
    cohort = make_cohort(db_session)
    application = make_application(db_session, cohort)
    page = emailed_token(db_session, application.guardian_email, "consent_receipt")
    consent.change_consent(db_session, page, [], NOW)
    with pytest.raises(DomainError, match="has not agreed"):
        services.decide(db_session, cohort, [application.id], ApplicationStatus.ACCEPTED,
                        make_staff(db_session), NOW)
    assert application.status is ApplicationStatus.IN_REVIEW and application.member_id is None


def test_the_same_decision_twice_is_refused_and_sends_nothing(db_session):
    cohort = make_cohort(db_session)
    application = make_application(db_session, cohort, ApplicationStatus.WAITLISTED)
    mails = len(db_session.scalars(select(OutboxMessage)).all())
    with pytest.raises(InvalidTransition):
        services.decide(db_session, cohort, [application.id], ApplicationStatus.WAITLISTED,
                        make_staff(db_session), NOW)
    assert len(db_session.scalars(select(OutboxMessage)).all()) == mails


def test_purge_keeps_mail_of_an_address_another_application_still_uses(db_session):
    first, second = make_cohort(db_session), make_cohort(db_session)
    old = make_application(db_session, first, ApplicationStatus.DECLINED,
                           email="same@example.com")
    make_application(db_session, second, email="same@example.com")
    services.erase_application(db_session, old.id)
    kept = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == "same@example.com")).all()
    assert kept


def test_a_double_click_on_send_emails_one_working_link(db_session):
    from tests.applications.builders import answers_for, start

    cohort = make_cohort(db_session)
    application = start(db_session, cohort)
    answers = answers_for(cohort)
    services.send_application(db_session, application, answers, NOW)
    token = services.make_token(application, "confirm_application")
    services.send_application(db_session, application, answers, NOW + timedelta(seconds=2))
    confirms = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == "application_confirm")).all()
    assert len(confirms) == 1
    services.confirm_application(db_session, token, NOW + timedelta(seconds=5))
    assert application.status is ApplicationStatus.AWAITING_CONSENT


def test_a_repeated_start_does_the_same_kind_of_work(db_session):
    from council.audit import AuditEvent
    from tests.applications.builders import applicant_data

    cohort = make_cohort(db_session)
    data = applicant_data()
    services.start_application(db_session, cohort, data, NOW)
    assert services.start_application(db_session, cohort, data, NOW) is None
    actions = db_session.scalars(select(AuditEvent.action).where(
        AuditEvent.action.like("application.start%")).order_by(AuditEvent.id)).all()
    assert actions == ["application.started", "application.start_repeated"]
