"""Application pages through HTTP: what applicants, reviewers and staff see and store."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from council.accounts.models import Role, User
from council.applications import services
from council.applications.models import Application, ApplicationStatus, Cohort
from council.audit import AuditEvent
from council.db import utcnow
from council.mail import OutboxMessage
from tests.applications.builders import (born, make_application, make_cohort,
                                         own_consent_country)
from tests.conftest import post_form


@pytest.fixture
def open_cohort(app, db_session):
    """An open cohort whose window contains the real current time."""
    with app.test_request_context():
        cohort = make_cohort(db_session, opens_at=utcnow() - timedelta(days=1),
                             closes_at=utcnow() + timedelta(days=1))
        own_consent_country(db_session, "SE")  # Swedish 15-year-olds consent themselves
    db_session.commit()
    return cohort


def _start(client, cohort, **overrides):
    data = {"first_name": "Noor", "email": "noor@example.com",
            "date_of_birth": born(15, utcnow()).isoformat(), "country": "SE",
            "region": "Kent"} | overrides
    return post_form(client, f"/cohorts/{cohort.id}/apply", data,
                     token_page=f"/cohorts/{cohort.id}/apply")


def _link_path(db_session, template, to="noor@example.com"):
    message = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == template, OutboxMessage.to_address == to
    ).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://[^/\s]+(/\S+)", message.body_text).group(1)


def _count(db_session, model):
    return db_session.scalar(select(func.count()).select_from(model))


def _answers(cohort, **overrides):
    data = {f"essay_{q.id}": "Apps should ask before sharing where I am."
            for q in cohort.questions}
    return data | {"diversity_gender": "Prefer not to say", "send": "Send"} | overrides


def test_an_applicant_applies_from_start_to_review(client, db_session, open_cohort):
    page = _start(client, open_cohort).get_data(as_text=True)
    assert "Check your email" in page
    path = _link_path(db_session, "application_continue")
    form_page = client.get(path).get_data(as_text=True)
    assert "Hello Noor" in form_page and "parent or carer" not in form_page.lower()
    sent = post_form(client, path, _answers(open_cohort), token_page=path)
    assert "One last step" in sent.get_data(as_text=True)
    confirm = _link_path(db_session, "application_confirm")
    assert client.get(confirm).status_code == 200  # GET changes nothing
    application = db_session.scalars(select(Application)).one()
    assert application.status is ApplicationStatus.DRAFT
    done = post_form(client, confirm, {}, token_page=confirm)
    assert "your application is sent" in done.get_data(as_text=True)
    db_session.refresh(application)
    assert application.status is ApplicationStatus.IN_REVIEW
    assert len(application.reviews) == 2
    assert post_form(client, confirm, {}, token_page=confirm).status_code == 400  # once only
    assert "Our reviewers are reading" in client.get(path).get_data(as_text=True)


def test_under_18_gives_a_parent_email_and_waits_for_consent(client, db_session, open_cohort):
    _start(client, open_cohort, date_of_birth=born(15, utcnow()).isoformat(), country="GB")
    path = _link_path(db_session, "application_continue")
    assert "Email of a parent or carer" in client.get(path).get_data(as_text=True)
    missing = post_form(client, path, _answers(open_cohort), token_page=path)
    assert "parent&#39;s or carer&#39;s email" in missing.get_data(as_text=True)
    post_form(client, path, _answers(open_cohort, guardian_email="mum@example.com"),
              token_page=path)
    confirm = _link_path(db_session, "application_confirm")
    post_form(client, confirm, {}, token_page=confirm)
    application = db_session.scalars(select(Application)).one()
    db_session.refresh(application)
    assert application.status is ApplicationStatus.AWAITING_CONSENT
    assert application.guardian_email == "mum@example.com" and application.reviews == []


def test_duplicate_application_looks_the_same_and_the_email_tells_the_truth(
        client, db_session, open_cohort):
    first = _start(client, open_cohort).get_data(as_text=True)
    second = _start(client, open_cohort, email="NOOR@example.com").get_data(as_text=True)
    strip = lambda html: re.sub(r'value="[^"]+"', "", html)  # CSRF tokens differ
    assert strip(first) == strip(second)
    assert _count(db_session, Application) == 1
    templates = db_session.scalars(select(OutboxMessage.template).order_by(OutboxMessage.id))
    assert list(templates) == ["application_continue", "application_exists"]


@pytest.mark.parametrize("age", [12, 18])
def test_age_outside_the_range_is_refused_kindly_and_nothing_is_stored(
        client, db_session, open_cohort, age):
    html = _start(client, open_cohort, date_of_birth=born(age, utcnow()).isoformat()
                  ).get_data(as_text=True)
    assert "Thank you for your interest" in html and "aged 13 to 17" in html
    assert _count(db_session, Application) == 0 and _count(db_session, OutboxMessage) == 0


@pytest.mark.parametrize("field, value, message", [
    ("first_name", "", "Tell us what to call you."),
    ("email", "not-an-email", "like name@example.com"),
    ("date_of_birth", "31/02/2010", "Not a valid date value"),
    ("date_of_birth", "2999-01-01", "must be in the past"),
    ("country", "XX", "Not a valid choice"),
    ("region", "", "Tell us your region."),
])
def test_bad_start_input_gets_a_message_and_stores_nothing(client, db_session, open_cohort,
                                                           field, value, message):
    html = _start(client, open_cohort, **{field: value}).get_data(as_text=True)
    assert message in html
    assert _count(db_session, Application) == 0


def test_a_closed_window_keeps_what_the_applicant_typed(client, db_session, open_cohort):
    _start(client, open_cohort)
    path = _link_path(db_session, "application_continue")
    open_cohort.closes_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    typed = "My long answer that I do not want to lose."
    html = post_form(client, path, _answers(open_cohort, **{
        f"essay_{open_cohort.questions[0].id}": typed}), token_page=path).get_data(as_text=True)
    assert "have closed" in html and typed in html
    application = db_session.scalars(select(Application)).one()
    db_session.refresh(application)
    assert application.answers == [] and application.sent_at is None


def test_save_and_finish_later_keeps_a_draft(client, db_session, open_cohort):
    _start(client, open_cohort)
    path = _link_path(db_session, "application_continue")
    first = open_cohort.questions[0].id
    post_form(client, path, {f"essay_{first}": "Half an answer", "save": "Save"},
              token_page=path)
    html = client.get(path).get_data(as_text=True)
    assert "Half an answer" in html
    assert db_session.scalars(select(Application.status)).one() is ApplicationStatus.DRAFT


def test_applicant_withdraws_from_the_status_page(client, db_session, open_cohort):
    _start(client, open_cohort)
    path = _link_path(db_session, "application_continue")
    post_form(client, path, _answers(open_cohort), token_page=path)
    confirm = _link_path(db_session, "application_confirm")
    post_form(client, confirm, {}, token_page=confirm)
    response = post_form(client, f"{path}/withdraw", {}, token_page=path,
                         follow_redirects=True)
    assert "Your application is withdrawn" in response.get_data(as_text=True)
    assert db_session.scalars(select(Application.status)).one() is ApplicationStatus.WITHDRAWN


def test_a_wrong_link_says_so(client):
    response = client.get("/applications/not-a-real-token")
    assert response.status_code == 400
    assert "This link does not work" in response.get_data(as_text=True)


# Blind review --------------------------------------------------------------------------------

@pytest.fixture
def reviewed(app, db_session):
    """An application in review whose applicant has a recognisable name, email and birth date."""
    with app.test_request_context():
        cohort = make_cohort(db_session, reviewers=2)
        application = make_application(db_session, cohort, first_name="Zephyrine",
                                        email="zephyrine.q@example.com",
                                        date_of_birth=born(16))
    db_session.commit()
    return application


def _as_reviewer(client, db_session, review):
    reviewer = db_session.get(User, review.reviewer_id)
    with client.session_transaction() as session:
        session["_user_id"] = reviewer.get_id()
        session["logged_in_at"] = session["last_seen"] = int(utcnow().timestamp())
    return reviewer


def test_reviewers_never_receive_name_email_or_birth_date(client, db_session, reviewed):
    review = reviewed.reviews[0]
    _as_reviewer(client, db_session, review)
    dob = reviewed.date_of_birth
    secrets = ["Zephyrine", "zephyrine.q", dob.isoformat(), dob.strftime("%d/%m/%Y"),
               str(dob.year), "16"]
    pages = ["/dashboard", "/reviews", f"/reviews/{review.id}"]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert client.get(page).status_code == 200
        for secret in secrets[:4]:
            assert secret not in html, (page, secret)
    review_html = client.get(f"/reviews/{review.id}").get_data(as_text=True)
    assert "Yorkshire" in review_html  # the region is shown
    assert "(age" not in review_html and str(dob.year) not in review_html
    for forbidden in [f"/manage/applications/{reviewed.id}",
                      f"/manage/cohorts/{reviewed.cohort_id}/applications"]:
        assert client.get(forbidden).status_code == 403


def test_scores_of_others_appear_only_after_sending_your_own(client, db_session, reviewed):
    first, second = reviewed.reviews
    criteria = reviewed.cohort.criteria
    services.submit_review(db_session, second, {c.id: 5 for c in criteria}, "", utcnow())
    db_session.commit()
    _as_reviewer(client, db_session, first)
    before = client.get(f"/reviews/{first.id}").get_data(as_text=True)
    assert "Other reviewers" not in before
    bad = post_form(client, f"/reviews/{first.id}", {f"score_{criteria[0].id}": "9"},
                    token_page=f"/reviews/{first.id}")
    assert "Give a score from 1 to 5" in bad.get_data(as_text=True) or \
        "Not a valid choice" in bad.get_data(as_text=True)
    data = {f"score_{c.id}": "2" for c in criteria} | {"comment": "Thoughtful."}
    after = post_form(client, f"/reviews/{first.id}", data, token_page=f"/reviews/{first.id}",
                      follow_redirects=True).get_data(as_text=True)
    assert "Other reviewers" in after and "Reviewer 1:" in after
    again = post_form(client, f"/reviews/{first.id}", data, token_page=f"/reviews/{first.id}")
    assert again.status_code in (200, 302)
    db_session.refresh(first)
    assert [s.score for s in first.scores] == [2, 2]


# Decisions -----------------------------------------------------------------------------------

def test_staff_accept_within_places_and_the_member_is_created(app, client, db_session,
                                                              login_as):
    with app.test_request_context():
        cohort = make_cohort(db_session, places=1)
        first = make_application(db_session, cohort)
        second = make_application(db_session, cohort)
    db_session.commit()
    login_as(Role.STAFF)
    url = f"/manage/cohorts/{cohort.id}/decide"
    both = post_form(client, url, {"decision": "accepted", "application": [first.id, second.id]},
                     follow_redirects=True).get_data(as_text=True)
    assert "Only 1 of 1 places are left" in both
    members = select(func.count(User.id)).where(User.role == Role.MEMBER)
    assert db_session.scalar(members) == 0  # refused whole: no account made
    one = post_form(client, url, {"decision": "accepted", "application": [first.id]},
                    follow_redirects=True).get_data(as_text=True)
    assert "Decided for 1 application" in one
    member = db_session.scalars(select(User).where(User.email == first.email)).one()
    assert member.role is Role.MEMBER
    accepted_mail = db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.template == "application_accepted")).one()
    assert "/welcome/" in accepted_mail.body_text


def test_decisions_table_shows_scores_and_flags_disagreement(app, client, db_session,
                                                             login_as):
    with app.test_request_context():
        cohort = make_cohort(db_session, reviewers=2)
        application = make_application(db_session, cohort)
    low, high = application.reviews
    criteria = cohort.criteria
    services.submit_review(db_session, low, {c.id: 1 for c in criteria}, "", utcnow())
    services.submit_review(db_session, high, {c.id: 4 for c in criteria}, "", utcnow())
    db_session.commit()
    login_as(Role.STAFF)
    html = client.get(f"/manage/cohorts/{cohort.id}/applications").get_data(as_text=True)
    assert "2.50" in html and "Flag:" in html and "2 of 2" in html


def test_staff_create_and_open_a_cohort(client, db_session, login_as):
    login_as(Role.STAFF)
    data = {"name": "Youth Council 2027", "year": "2027", "opens_at": "2027-01-01T09:00",
            "closes_at": "2027-02-01T17:00", "places": "20", "min_age": "13", "max_age": "17",
            "reviewers_per_application": "2", "questions-0-prompt": "Why join?",
            "questions-0-word_limit": "150", "criteria-0-criterion": "Insight",
            "criteria-0-weight": "2"}
    response = post_form(client, "/manage/cohorts/new", data)
    cohort = db_session.scalars(select(Cohort)).one()
    assert response.headers["Location"] == f"/manage/cohorts/{cohort.id}"
    assert [(q.prompt, q.word_limit) for q in cohort.questions] == [("Why join?", 150)]
    post_form(client, f"/manage/cohorts/{cohort.id}/open", {})
    db_session.refresh(cohort)
    assert cohort.status.value == "open"
    bad = post_form(client, "/manage/cohorts/new", data | {"closes_at": "2026-12-01T09:00"})
    assert "closing time must be after" in bad.get_data(as_text=True)
    assert _count(db_session, Cohort) == 1


def test_purge_command_erases_old_declined_applications(app, db_session):
    with app.test_request_context():
        cohort = make_cohort(db_session)
        old = make_application(db_session, cohort, status=ApplicationStatus.DECLINED)
    old.decided_at = utcnow() - timedelta(days=181)
    for message in db_session.scalars(select(OutboxMessage)):
        message.sent_at = old.decided_at
    db_session.commit()
    result = app.test_cli_runner().invoke(args=["council", "purge-applications"])
    assert result.exit_code == 0 and "Erased 1 application." in result.output
    assert db_session.get(Application, old.id) is None
    assert db_session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address.in_([old.email, old.guardian_email]))).all() == []
    event = db_session.scalars(select(AuditEvent).where(
        AuditEvent.action == "applications.purged")).one()
    assert event.details == {"erased": 1}
