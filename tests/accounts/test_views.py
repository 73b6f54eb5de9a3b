"""Account pages through HTTP: what a person sees and what is stored."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import func, select

from council import mail
from council.accounts.models import Role, User
from council.audit import AuditEvent
from council.db import utcnow
from tests.conftest import csrf_token, post_form
from tests.factories import PASSWORD, make_user


def _login(client, email, password=PASSWORD, **kwargs):
    return post_form(client, "/login", {"email": email, "password": password}, **kwargs)


def _count(db_session, action):
    return db_session.scalar(select(func.count()).where(AuditEvent.action == action))


def test_member_logs_in_with_password_and_sees_dashboard(client, db_session):
    user = make_user(db_session, display_name="Mia")
    db_session.commit()
    response = _login(client, user.email, follow_redirects=True)
    assert "Hello, Mia" in response.get_data(as_text=True)
    assert _count(db_session, "login.succeeded") == 1


def test_failed_login_shows_one_message_and_keeps_the_count(client, db_session):
    user = make_user(db_session)
    db_session.commit()
    response = _login(client, user.email, "wrong password!!")
    assert response.status_code == 200
    assert "did not work" in response.get_data(as_text=True)
    db_session.refresh(user)
    assert user.failed_logins == 1
    unknown = _login(client, "nobody@example.com", "wrong password!!")
    assert "did not work" in unknown.get_data(as_text=True)


def test_lockout_over_http_is_audited(client, db_session):
    user = make_user(db_session)
    db_session.commit()
    for _ in range(5):
        _login(client, user.email, "wrong password!!")
    response = _login(client, user.email)  # the right password, but locked
    assert response.status_code == 200 and "did not work" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302
    assert _count(db_session, "account.locked") == 1


def test_empty_login_form_gets_messages_next_to_fields(client, db_session):
    html = _login(client, "", "").get_data(as_text=True)
    assert "Enter your email address." in html and "Enter your password." in html
    assert 'aria-invalid="true"' in html


def test_login_is_rate_limited_per_address(app, client, db_session):
    user = make_user(db_session)
    db_session.commit()
    token = csrf_token(client)
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    statuses = [client.post("/login", data={"email": user.email, "password": "x",
                                            "csrf_token": token}).status_code
                for _ in range(limit + 1)]
    assert statuses[:limit] == [200] * limit and statuses[-1] == 429


def test_adult_needs_the_second_factor(client, db_session):
    user = make_user(db_session, Role.MODERATOR)
    db_session.commit()
    response = _login(client, user.email)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/dashboard").status_code == 302  # not logged in yet
    wrong = post_form(client, "/login/code", {"code": "000000"}, token_page="/login/code")
    assert "did not work" in wrong.get_data(as_text=True)
    code = pyotp.TOTP(user.totp_secret).now()
    done = post_form(client, "/login/code", {"code": code}, token_page="/login/code")
    assert done.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200


def test_adult_without_totp_must_enrol_before_logging_in(client, db_session):
    user = make_user(db_session, Role.STAFF, totp=False)
    db_session.commit()
    assert _login(client, user.email).headers["Location"] == "/login/enrol"
    page = client.get("/login/enrol").get_data(as_text=True)
    assert "<svg" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = post_form(client, "/login/enrol", {"code": pyotp.TOTP(secret).now()},
                         token_page="/login/enrol")
    codes = re.findall(r"<li><code>([0-9a-f-]{23})</code></li>", response.get_data(as_text=True))
    assert len(codes) == 10
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize("target, expected", [
    ("/admin/settings", "/admin/settings"),
    ("https://evil.example/", "/dashboard"),
    ("//evil.example/", "/dashboard"),
    ("/\\evil.example", "/dashboard"),
])
def test_next_only_goes_to_our_own_pages(client, db_session, target, expected):
    user = make_user(db_session)
    db_session.commit()
    response = post_form(client, "/login?" + f"next={target}", {"email": user.email,
                                                                 "password": PASSWORD})
    assert response.headers["Location"] == expected


def test_idle_session_expires(client, login_as):
    login_as(Role.MEMBER)
    with client.session_transaction() as session:
        session["last_seen"] = int((utcnow() - timedelta(minutes=31)).timestamp())
    response = client.get("/dashboard", follow_redirects=True)
    assert "logged out because you were away" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_active_session_stays(client, login_as):
    login_as(Role.MEMBER)
    with client.session_transaction() as session:
        session["last_seen"] = int((utcnow() - timedelta(minutes=29)).timestamp())
    assert client.get("/dashboard").status_code == 200


def test_deactivation_ends_a_live_session(client, db_session, login_as):
    user = login_as(Role.MEMBER)
    assert client.get("/dashboard").status_code == 200
    user.deactivate(utcnow())
    db_session.commit()
    assert client.get("/dashboard").status_code == 302


def test_logout_needs_post_with_csrf(client, login_as):
    login_as(Role.MEMBER)
    assert client.get("/logout").status_code == 405
    client.post("/logout", data={})  # no CSRF token: refused
    assert client.get("/dashboard").status_code == 200
    post_form(client, "/logout", {})
    assert client.get("/dashboard").status_code == 302


def test_post_without_csrf_changes_nothing(client, db_session):
    user = make_user(db_session)
    db_session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Nothing was changed" in response.get_data(as_text=True)
    assert _count(db_session, "login.succeeded") == 0


def test_password_reset_by_email_end_to_end(app, client, db_session, mailbox):
    user = make_user(db_session, email="reset@example.com")
    db_session.commit()
    response = post_form(client, "/password/forgot", {"email": "reset@example.com"},
                         follow_redirects=True)
    assert "If an account uses that address" in response.get_data(as_text=True)
    assert mail.deliver(db_session, utcnow()) == (1, 0)
    link = mailbox.last_link("reset@example.com")
    path = link.removeprefix(app.config["BASE_URL"])
    assert client.get(path).status_code == 200
    data = {"password": "my brand new password", "confirm": "my brand new password"}
    done = post_form(client, path, data, token_page=path)
    assert done.headers["Location"] == "/login"
    reused = post_form(client, path, data, token_page="/login")
    assert reused.status_code == 400
    assert "used already" in reused.get_data(as_text=True)
    assert _login(client, user.email, "my brand new password").headers["Location"] == "/dashboard"


def test_forgot_password_answers_the_same_for_unknown_email(client, db_session):
    response = post_form(client, "/password/forgot", {"email": "ghost@example.com"},
                         follow_redirects=True)
    assert "If an account uses that address" in response.get_data(as_text=True)


def test_mismatched_new_passwords_are_refused(app, client, db_session):
    from council.accounts.services import make_link_token

    user = make_user(db_session, password=None)
    db_session.commit()
    path = f"/welcome/{make_link_token(user, 'set_password')}"
    response = post_form(client, path, {"password": "first long password",
                                        "confirm": "second long password"}, token_page=path)
    assert "not the same" in response.get_data(as_text=True)
    db_session.refresh(user)
    assert user.password_hash is None


def test_confirm_email_page_changes_nothing_on_get(client, db_session, login_as):
    from council.accounts.services import make_link_token

    user = login_as(Role.MEMBER, email_confirmed_at=None)
    path = f"/email/confirm/{make_link_token(user, 'confirm_email')}"
    assert client.get(path).status_code == 200
    db_session.refresh(user)
    assert user.email_confirmed_at is None
    post_form(client, path, {}, token_page=path)
    db_session.refresh(user)
    assert user.email_confirmed_at is not None
    again = post_form(client, path, {}, token_page=path)
    assert again.status_code == 400


def test_resend_confirmation_queues_one_mail(client, db_session, login_as):
    from council.mail import OutboxMessage

    user = login_as(Role.MEMBER, email_confirmed_at=None)
    post_form(client, "/email/resend-confirmation", {})
    messages = db_session.scalars(select(OutboxMessage)).all()
    assert [m.to_address for m in messages] == [user.email]
    assert messages[0].template == "confirm_email"


def test_user_count_unchanged_by_bad_login(client, db_session):
    before = db_session.scalar(select(func.count(User.id)))
    _login(client, "new@example.com", "whatever password")
    assert db_session.scalar(select(func.count(User.id))) == before


def _password_then_code(client, user, code):
    _login(client, user.email)
    return post_form(client, "/login/code", {"code": code}, token_page="/login/code")


def test_a_totp_code_cannot_be_replayed_from_another_browser(app, db_session):
    user = make_user(db_session, Role.STAFF)
    db_session.commit()
    code = pyotp.TOTP(user.totp_secret).now()
    first, second = app.test_client(), app.test_client()
    assert _password_then_code(first, user, code).headers["Location"] == "/dashboard"
    replay = _password_then_code(second, user, code)
    assert replay.status_code == 200 and "did not work" in replay.get_data(as_text=True)


def test_recovery_code_logs_in_once_over_http(app, client, db_session):
    from council.accounts import services

    user = make_user(db_session, Role.ADMIN, totp=False)
    secret = pyotp.random_base32()
    codes = services.enrol_totp(db_session, user, secret, pyotp.TOTP(secret).now(), utcnow())
    db_session.commit()
    assert _password_then_code(client, user, codes[0]).headers["Location"] == "/dashboard"
    other = app.test_client()
    assert _password_then_code(other, user, codes[0]).status_code == 200
    assert _count(db_session, "login.recovery_code_used") == 1


def test_login_starts_a_new_session(client, db_session):
    user = make_user(db_session)
    db_session.commit()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _login(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session and session["_user_id"] == user.get_id()


def test_a_copied_cookie_stops_working_after_logout(app, client, db_session):
    user = make_user(db_session)
    db_session.commit()
    _login(client, user.email)
    cookie = client.get_cookie("session").value
    post_form(client, "/logout", {})
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/dashboard").status_code == 302


def test_sessions_end_after_the_maximum_age_however_busy(app, client, login_as):
    login_as(Role.MEMBER)
    with client.session_transaction() as session:
        session["logged_in_at"] -= app.config["SESSION_MAX_AGE"] + 1
    assert client.get("/dashboard").status_code == 302


def test_times_are_shown_and_read_in_the_viewers_time_zone(app, client, db_session, login_as):
    from datetime import datetime, timezone

    from council.applications.models import Cohort
    from tests.applications.builders import make_cohort

    staff = login_as(Role.STAFF)
    with app.test_request_context():
        cohort = make_cohort(db_session, closes_at=datetime(2026, 12, 1, 12, 0,
                                                             tzinfo=timezone.utc))
    db_session.commit()
    before = client.get(f"/manage/cohorts/{cohort.id}").get_data(as_text=True)
    assert "01 December 2026, 12:00 (UTC)" in before
    bad = post_form(client, "/account/settings", {"time_zone": "Mars/Olympus"})
    assert "Not a valid choice" in bad.get_data(as_text=True)
    post_form(client, "/account/settings", {"time_zone": "Asia/Tokyo"})
    db_session.refresh(staff)
    assert staff.time_zone == "Asia/Tokyo"
    after = client.get(f"/manage/cohorts/{cohort.id}").get_data(as_text=True)
    assert "01 December 2026, 21:00 (JST)" in after
    form = client.get(f"/manage/cohorts/{cohort.id}/edit").get_data(as_text=True)
    assert 'value="2026-12-01T21:00"' in form  # typed and read in Tokyo time too
    assert db_session.get(Cohort, cohort.id).closes_at.hour == 12  # stored in UTC
