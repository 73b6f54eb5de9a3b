"""Rules added after review: guardian links close when they lose their purpose, allows()
is per cohort, disputes can be closed."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from council.accounts.models import Role, User
from council.applications import services as applications
from council.applications.models import ApplicationStatus as S
from council.consent import services as consent
from council.consent.models import ConsentRequest, RequestStatus
from council.mail import OutboxMessage
from tests.applications.builders import (emailed_token, make_application, make_cohort,
                                         make_staff)
from tests.conftest import NOW


pytestmark = pytest.mark.usefixtures("mail_context")  # the services queue mail


def test_withdrawing_closes_the_guardians_link(db_session):
    cohort = make_cohort(db_session)
    application = make_application(db_session, cohort, S.AWAITING_CONSENT)
    token = emailed_token(db_session, application.guardian_email, "consent_request")
    applications.withdraw_application(db_session, application, NOW)
    with pytest.raises(consent.ConsentLinkInvalid):
        consent.request_from_token(db_session, token, NOW)
    assert consent.sweep(db_session, NOW + timedelta(days=3)).reminded == 0
    reminders = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == "consent_reminder")).all()
    assert reminders == []


def test_consent_is_per_cohort(db_session):
    first, second = make_cohort(db_session, name="A"), make_cohort(db_session, name="B")
    staff = make_staff(db_session)
    old = make_application(db_session, first, S.ACCEPTED, by=staff, email="kid@example.com")
    page = emailed_token(db_session, old.guardian_email, "consent_receipt")
    consent.change_consent(db_session, page, [], NOW)  # nothing in cohort A any more
    make_application(db_session, second, S.ACCEPTED, by=staff, email="kid@example.com")
    member = db_session.get(User, old.member_id)
    assert consent.allows(db_session, member, "discussions", cohort=second)
    assert not consent.allows(db_session, member, "discussions", cohort=first)


def test_staff_close_a_dispute_and_the_address_is_erased(db_session):
    cohort = make_cohort(db_session)
    application = make_application(db_session, cohort, S.AWAITING_CONSENT)
    address = application.guardian_email
    consent.dispute(db_session, emailed_token(db_session, address, "consent_request"), NOW)
    assert consent.open_disputes(db_session) == 1
    request = db_session.scalars(select(ConsentRequest)).one()
    consent.close_dispute(db_session, request, make_staff(db_session, Role.STAFF), NOW)
    assert request.status is RequestStatus.DISPUTED and request.guardian_email is None
    assert application.status is S.WITHDRAWN and application.guardian_email is None
    assert db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == address)).all() == []
    assert consent.open_disputes(db_session) == 0
