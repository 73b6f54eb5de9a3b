"""Account rules, called without HTTP."""
from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from council import settings
from council.accounts import services
from council.accounts.models import RecoveryCode, Role
from council.audit import AuditEvent
from council.db import utcnow
from council.domain import DomainError
from council.mail import OutboxMessage
from tests.conftest import NOW
from tests.factories import PASSWORD, make_user


def _actions(db_session, user_id=None):
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if user_id is not None:
        query = query.where(AuditEvent.object_id == user_id)
    return list(db_session.scalars(query))


@pytest.mark.parametrize("password, message", [
    ("short", "at least 12"),
    ("x" * 129, "at most 128"),
    ("Member@Example.com", "cannot be your email"),
])
def test_password_rules(db_session, password, message):
    user = make_user(db_session, email="member@example.com")
    with pytest.raises(DomainError, match=message) as caught:
        services.set_password(user, password)
    assert caught.value.field == "password"


def test_emails_are_unique_whatever_their_case(db_session):
    make_user(db_session, email="sam@example.com")
    with pytest.raises(DomainError, match="already exists"):
        services.create_user(db_session, " SAM@Example.com ", "Sam", Role.STAFF)


def test_display_names_are_stripped_of_markup(db_session):
    user = services.create_user(db_session, "x@example.com", "<b>Bo</b><script>x</script>",
                                Role.MEMBER)
    assert "<" not in user.display_name and user.display_name.startswith("Bo")


def test_passwords_are_stored_as_argon2_hashes(db_session):
    user = make_user(db_session)
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_right_password_logs_in(db_session):
    user = make_user(db_session)
    assert services.authenticate(db_session, user.email.upper(), PASSWORD, NOW) is user


def test_wrong_password_and_unknown_email_fail_the_same_way(db_session):
    user = make_user(db_session)
    with pytest.raises(services.LoginFailed) as wrong:
        services.authenticate(db_session, user.email, "not the password", NOW)
    with pytest.raises(services.LoginFailed) as unknown:
        services.authenticate(db_session, "nobody@example.com", PASSWORD, NOW)
    assert wrong.value.message == unknown.value.message


def test_five_failures_lock_the_account_for_fifteen_minutes(db_session):
    user = make_user(db_session)
    for _ in range(5):
        with pytest.raises(services.LoginFailed):
            services.authenticate(db_session, user.email, "wrong password!", NOW)
    assert user.locked_until == NOW + timedelta(minutes=15)
    assert "account.locked" in _actions(db_session, user.id)
    with pytest.raises(services.LoginFailed):  # even the right password, while locked
        services.authenticate(db_session, user.email, PASSWORD, NOW + timedelta(minutes=14))
    later = NOW + timedelta(minutes=15, seconds=1)
    assert services.authenticate(db_session, user.email, PASSWORD, later) is user


def test_lockout_follows_the_settings(db_session):
    admin = make_user(db_session, Role.ADMIN)
    settings.update_settings(db_session, {"lockout_threshold": "3", "lockout_minutes": "60"},
                             admin)
    user = make_user(db_session)
    for _ in range(3):
        with pytest.raises(services.LoginFailed):
            services.authenticate(db_session, user.email, "wrong password!", NOW)
    assert user.locked_until == NOW + timedelta(minutes=60)


def test_deactivated_accounts_cannot_log_in(db_session):
    user = make_user(db_session)
    user.deactivate(NOW)
    with pytest.raises(services.LoginFailed):
        services.authenticate(db_session, user.email, PASSWORD, NOW)


def test_invited_account_without_password_cannot_log_in(db_session):
    user = make_user(db_session, password=None)
    with pytest.raises(services.LoginFailed):
        services.authenticate(db_session, user.email, "", NOW)


def test_totp_code_works_once(db_session):
    user = make_user(db_session, Role.STAFF)
    code = pyotp.TOTP(user.totp_secret).at(NOW)
    assert services.verify_second_factor(db_session, user, code, NOW) == "totp"
    with pytest.raises(services.LoginFailed):
        services.verify_second_factor(db_session, user, code, NOW)


def test_wrong_totp_codes_count_towards_lockout(db_session):
    user = make_user(db_session, Role.STAFF)
    for _ in range(5):
        with pytest.raises(services.LoginFailed):
            services.verify_second_factor(db_session, user, "000000", NOW)
    assert user.is_locked(NOW)


def test_enrolment_needs_a_matching_code_and_stores_nothing_otherwise(db_session):
    user = make_user(db_session, Role.STAFF, totp=False)
    secret = pyotp.random_base32()
    with pytest.raises(DomainError) as caught:
        services.enrol_totp(db_session, user, secret, "123456", NOW)
    assert caught.value.field == "code" and user.totp_secret is None


def test_enrolment_gives_ten_single_use_recovery_codes_stored_hashed(db_session):
    user = make_user(db_session, Role.STAFF, totp=False)
    secret = pyotp.random_base32()
    codes = services.enrol_totp(db_session, user, secret, pyotp.TOTP(secret).at(NOW), NOW)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = db_session.scalars(select(RecoveryCode.code_hash)).all()
    assert not set(codes) & set(stored)
    later = NOW + timedelta(minutes=5)
    assert services.verify_second_factor(db_session, user, codes[3].upper(), later) == \
        "recovery_code"
    with pytest.raises(services.LoginFailed):
        services.verify_second_factor(db_session, user, codes[3], later)
    assert services.unused_recovery_codes(user) == 9


def test_welcome_link_sets_the_password_once(app, db_session):
    user = make_user(db_session, Role.STAFF, password=None, email_confirmed_at=None)
    token = services.make_link_token(user, "set_password")
    services.use_password_link(db_session, token, "set_password", "a new long password", NOW)
    assert services.authenticate(db_session, user.email, "a new long password", NOW) is user
    assert user.email_confirmed_at == NOW
    with pytest.raises(services.InvalidLink, match="used already"):
        services.use_password_link(db_session, token, "set_password", "another password!", NOW)


def test_links_are_bound_to_their_purpose(db_session):
    user = make_user(db_session)
    token = services.make_link_token(user, "set_password")
    with pytest.raises(services.InvalidLink, match="not valid"):
        services.check_password_link(db_session, token, "reset_password")


def test_tampered_links_are_refused(db_session):
    user = make_user(db_session)
    token = services.make_link_token(user, "reset_password")
    with pytest.raises(services.InvalidLink, match="not valid"):
        services.check_password_link(db_session, token[:-2] + "xx", "reset_password")


def _token_made_ago(monkeypatch, user, purpose, age: timedelta) -> str:
    made_at = int((utcnow() - age).timestamp())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: made_at)
    token = services.make_link_token(user, purpose)
    monkeypatch.undo()
    return token


@pytest.mark.parametrize("purpose, lifetime", [
    ("set_password", timedelta(hours=72)),
    ("reset_password", timedelta(hours=1)),
    ("confirm_email", timedelta(hours=48)),
])
def test_links_expire_after_their_lifetime(db_session, monkeypatch, purpose, lifetime):
    user = make_user(db_session, email_confirmed_at=None)
    fresh = _token_made_ago(monkeypatch, user, purpose, lifetime - timedelta(minutes=1))
    old = _token_made_ago(monkeypatch, user, purpose, lifetime + timedelta(minutes=1))
    assert services._user_from_token(db_session, fresh, purpose) is user
    with pytest.raises(services.InvalidLink, match="too old"):
        services._user_from_token(db_session, old, purpose)


def test_links_carry_no_email_or_stamp(db_session):
    import base64

    user = make_user(db_session, email="visible@example.com")
    for purpose in ("set_password", "reset_password", "confirm_email"):
        payload = services.make_link_token(user, purpose).split(".")[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert b"visible" not in decoded and user.security_stamp.encode() not in decoded


def test_unknown_email_costs_the_same_hashing_as_a_real_account(db_session, monkeypatch):
    from argon2 import PasswordHasher

    user = make_user(db_session)
    with pytest.raises(services.LoginFailed):  # makes the dummy hash, once
        services.authenticate(db_session, "warm@example.com", "x" * 12, NOW)
    calls = []
    for name in ("hash", "verify"):
        original = getattr(PasswordHasher, name)
        monkeypatch.setattr(PasswordHasher, name,
                            lambda self, *a, _n=name, _o=original: calls.append(_n) or _o(self, *a))
    for email in ("nobody@example.com", user.email):
        calls.clear()
        with pytest.raises(services.LoginFailed):
            services.authenticate(db_session, email, "wrong password!", NOW)
        assert calls == ["verify"], email


def test_a_new_password_kills_earlier_sessions_and_links(db_session):
    user = make_user(db_session)
    session_id = user.get_id()
    reset = services.make_link_token(user, "reset_password")
    services.set_password(user, "a different password")
    assert services.load_session_user(db_session, session_id) is None
    with pytest.raises(services.InvalidLink):
        services.check_password_link(db_session, reset, "reset_password")


def test_reset_request_for_unknown_email_sends_nothing(app, db_session):
    with app.test_request_context():
        services.request_password_reset(db_session, "nobody@example.com", NOW)
    assert db_session.scalar(select(OutboxMessage.id)) is None


def test_reset_request_queues_a_link(app, db_session):
    user = make_user(db_session)
    with app.test_request_context():
        services.request_password_reset(db_session, user.email, NOW)
    message = db_session.scalars(select(OutboxMessage)).one()
    assert message.to_address == user.email and "/password/reset/" in message.body_text


def test_email_confirmation_works_once(app, db_session):
    user = make_user(db_session, email_confirmed_at=None)
    token = services.make_link_token(user, "confirm_email")
    services.confirm_email(db_session, token, NOW)
    assert user.email_confirmed_at == NOW
    with pytest.raises(services.InvalidLink, match="already confirmed"):
        services.confirm_email(db_session, token, NOW)
