"""Consent pages through HTTP: guardians, members, staff and admins."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from council.accounts.models import Role, User
from council.applications import services as applications
from council.applications.models import ApplicationStatus
from council.consent import services as consent
from council.consent.models import ConsentAge, ConsentRecord, ConsentRequest, RequestStatus
from council.db import utcnow
from council.mail import OutboxMessage
from tests.applications.builders import emailed_token, make_application, make_cohort
from tests.conftest import post_form


@pytest.fixture
def waiting(app, db_session):
    """An application by a 15-year-old, waiting for its guardian; and the emailed token."""
    with app.test_request_context():
        cohort = make_cohort(db_session, reviewers=2)
        application = make_application(db_session, cohort, ApplicationStatus.AWAITING_CONSENT,
                                       now=utcnow())
    db_session.commit()
    return application, emailed_token(db_session, application.guardian_email,
                                      "consent_request")


def _guardian_post(client, token, **data):
    path = f"/guardian/consent/{token}"
    return post_form(client, path, data, token_page=path)


def test_the_guardian_reads_the_notice_in_plain_words(client, waiting):
    application, token = waiting
    html = client.get(f"/guardian/consent/{token}").get_data(as_text=True)
    for words in ["gave us your email address", "What we collect", "Who sees it",
                  "How long we keep it", "Your rights", "version 1",
                  "Take part in moderated discussions", "This is not my child"]:
        assert words in html, words
    assert application.first_name in html


def test_granting_two_purposes_records_them_and_starts_review(client, db_session, waiting):
    application, token = waiting
    response = _guardian_post(client, token, scopes=["discussions", "emails"],
                              name="Sam Parent", relationship="mother", grant="yes")
    assert "Your choices are saved" in response.get_data(as_text=True)
    record = db_session.scalars(select(ConsentRecord)).one()
    assert record.scopes == ["discussions", "emails"] and record.guardian_relationship == "mother"
    db_session.refresh(application)
    assert application.status is ApplicationStatus.IN_REVIEW
    receipt = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == "consent_receipt")).one()
    assert "/guardian/" in receipt.body_text and "Take part in moderated discussions" in \
        receipt.body_text
    again = client.get(f"/guardian/consent/{token}")
    assert again.status_code == 400 and "used already" in again.get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"name": "Sam", "relationship": "dad"}, "Choose at least one"),
    ({"scopes": ["surveys"], "relationship": "dad"}, "Type your name."),
    ({"scopes": ["surveys"], "name": "Sam"}, "Say how you are related"),
    ({"scopes": ["selling-data"], "name": "Sam", "relationship": "dad"},
     "is not a valid choice"),
])
def test_bad_guardian_answers_get_a_message_and_change_nothing(client, db_session, waiting,
                                                               data, message):
    application, token = waiting
    html = _guardian_post(client, token, grant="yes", **data).get_data(as_text=True)
    assert message in html
    assert db_session.scalar(select(func.count(ConsentRecord.id))) == 0
    db_session.refresh(application)
    assert application.status is ApplicationStatus.AWAITING_CONSENT


def test_declining_withdraws_the_application_and_tells_the_teen(client, db_session, waiting):
    application, token = waiting
    html = _guardian_post(client, token, decline="yes").get_data(as_text=True)
    assert "We will not go ahead" in html
    db_session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN
    mail = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == "consent_declined_teen")).one()
    assert mail.to_address == application.email


def test_not_my_child_freezes_the_request_and_alerts_staff(client, db_session, waiting):
    application, token = waiting
    _guardian_post(client, token, dispute="yes")
    request = db_session.scalars(select(ConsentRequest)).one()
    db_session.refresh(request)
    assert request.status is RequestStatus.DISPUTED
    alerts = db_session.scalars(select(OutboxMessage.to_address).where(
        OutboxMessage.template == "consent_disputed_staff")).all()
    staff = db_session.scalars(select(User.email).where(User.role == Role.STAFF)).all()
    assert set(alerts) == set(staff)


def _accept(app, db_session, application):
    db_session.expire_all()  # the guardian's request changed the application
    staff = db_session.scalars(select(User).where(User.role == Role.STAFF)).first()
    with app.test_request_context():
        applications.decide(db_session, application.cohort, [application.id],
                            ApplicationStatus.ACCEPTED, staff, utcnow())
    db_session.commit()
    return db_session.get(User, application.member_id)


def _log_in(client, user):
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["logged_in_at"] = session["last_seen"] = int(utcnow().timestamp())


def test_revocation_bites_at_once_and_the_member_is_told(app, client, db_session, waiting):
    application, token = waiting
    _guardian_post(client, token, scopes=["discussions", "emails"], name="Sam",
                   relationship="mother", grant="yes")
    member = _accept(app, db_session, application)
    guardian_token = emailed_token(db_session, application.guardian_email, "consent_receipt")
    member_client = app.test_client()
    _log_in(member_client, member)
    page = member_client.get("/account/consent").get_data(as_text=True)
    assert "Take part in moderated discussions" in page and "Answer surveys" not in page
    path = f"/guardian/{guardian_token}"
    done = post_form(client, path, {"scopes": ["discussions"]}, token_page=path,
                     follow_redirects=True)
    assert "Your choices are saved and work now" in done.get_data(as_text=True)
    assert consent.allows(db_session, member, "emails") is False
    assert consent.allows(db_session, member, "discussions") is True
    told = member_client.get("/dashboard").get_data(as_text=True)
    assert "Your parent or carer changed what you agreed to" in told
    assert client.get(path).status_code == 400  # the old page link died with the change
    later = app.test_client()  # a fresh login still tells them: it is kept on the server
    _log_in(later, member)
    assert "changed what you agreed to" in later.get("/dashboard").get_data(as_text=True)
    record_id = consent.change_to_tell(db_session, member).id
    post_form(later, "/account/consent/seen", {"record": record_id}, token_page="/dashboard")
    assert "changed what you agreed to" not in later.get("/dashboard").get_data(as_text=True)


def test_admin_cannot_lower_an_age_below_the_legal_floor(client, db_session, login_as):
    login_as(Role.ADMIN)
    low = post_form(client, "/admin/consent-ages", {"country": "DE", "age": "13"})
    assert "must be from 16" in low.get_data(as_text=True)
    assert db_session.get(ConsentAge, "DE") is None
    ok = post_form(client, "/admin/consent-ages", {"country": "DE", "age": "16"},
                   follow_redirects=True)
    assert "The consent age is saved" in ok.get_data(as_text=True)
    assert consent.consent_age(db_session, "DE") == 16


def test_admin_publishes_a_material_policy(client, db_session, login_as, waiting):
    login_as(Role.ADMIN)
    html = client.get("/admin/policies").get_data(as_text=True)
    assert "Council privacy notice" in html  # the form starts from the current text
    unticked = post_form(client, "/admin/policies", {"version": "2", "text": "New words.",
                                                     "material": "y"})
    assert "Tick the purposes the change affects" in unticked.get_data(as_text=True)
    response = post_form(client, "/admin/policies", {"version": "2", "text": "New words.",
                                                     "material": "y", "changed": ["surveys"]},
                         follow_redirects=True)
    assert "The new notice is published" in response.get_data(as_text=True)
    assert consent.current_policy(db_session).version == "2"
    taken = post_form(client, "/admin/policies", {"version": "2", "text": "Other words."})
    assert "That version number is taken" in taken.get_data(as_text=True)


def test_staff_overview_and_resend(client, db_session, login_as, waiting):
    application, token = waiting
    login_as(Role.STAFF)
    html = client.get(f"/manage/cohorts/{application.cohort_id}/consent").get_data(as_text=True)
    assert "Waiting for an answer" in html and application.guardian_email not in html
    post_form(client, f"/manage/applications/{application.id}/resend-consent", {})
    assert client.get(f"/guardian/consent/{token}").status_code == 400  # old link is dead
    new = emailed_token(db_session, application.guardian_email, "consent_request")
    assert new != token and client.get(f"/guardian/consent/{new}").status_code == 200
