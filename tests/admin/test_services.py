"""Account administration rules, without HTTP."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from council.accounts import services as accounts
from council.accounts.models import Role
from council.admin import services
from council.audit import AuditEvent
from council.domain import DomainError, NotAllowed
from council.mail import OutboxMessage
from tests.conftest import NOW
from tests.factories import make_user


def _last_event(db_session):
    return db_session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def test_invite_creates_an_account_without_password_and_emails_a_link(app, db_session):
    admin = make_user(db_session, Role.ADMIN)
    with app.test_request_context():
        user = services.invite_account(db_session, "New@Example.com", "Nia", Role.STAFF,
                                       admin, NOW)
    assert user.email == "new@example.com" and user.password_hash is None
    message = db_session.scalars(select(OutboxMessage)).one()
    assert message.to_address == "new@example.com" and "/welcome/" in message.body_text
    event = _last_event(db_session)
    assert (event.action, event.actor_id, event.object_id) == ("account.created", admin.id,
                                                               user.id)
    assert event.details == {"role": "staff"}


def test_the_last_admin_cannot_lose_the_role(db_session):
    admin = make_user(db_session, Role.ADMIN)
    with pytest.raises(NotAllowed, match="last active admin"):
        services.change_role(db_session, admin, Role.STAFF, admin, NOW)
    assert admin.role is Role.ADMIN


def test_an_admin_can_step_down_when_another_exists(db_session):
    first, second = make_user(db_session, Role.ADMIN), make_user(db_session, Role.ADMIN)
    services.change_role(db_session, first, Role.STAFF, second, NOW)
    assert first.role is Role.STAFF
    assert _last_event(db_session).details == {"old": "admin", "new": "staff"}


def test_deactivated_admins_do_not_count(db_session):
    first, second = make_user(db_session, Role.ADMIN), make_user(db_session, Role.ADMIN)
    third = make_user(db_session, Role.ADMIN)
    services.deactivate_account(db_session, second, first, NOW)
    services.deactivate_account(db_session, third, first, NOW)
    with pytest.raises(NotAllowed):
        services.change_role(db_session, first, Role.MEMBER, first, NOW)


def test_admins_cannot_deactivate_themselves(db_session):
    admin, _ = make_user(db_session, Role.ADMIN), make_user(db_session, Role.ADMIN)
    with pytest.raises(NotAllowed, match="your own"):
        services.deactivate_account(db_session, admin, admin, NOW)


def test_role_change_logs_the_owner_out(db_session):
    admin, member = make_user(db_session, Role.ADMIN), make_user(db_session)
    session_id = member.get_id()
    services.change_role(db_session, member, Role.MODERATOR, admin, NOW)
    assert accounts.load_session_user(db_session, session_id) is None


def test_deactivate_and_reactivate(db_session):
    admin, member = make_user(db_session, Role.ADMIN), make_user(db_session)
    services.deactivate_account(db_session, member, admin, NOW)
    assert not member.is_active and member.deactivated_at == NOW
    with pytest.raises(DomainError, match="already deactivated"):
        services.deactivate_account(db_session, member, admin, NOW)
    services.reactivate_account(db_session, member, admin, NOW)
    assert member.is_active
    actions = db_session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_id == member.id)).all()
    assert actions == ["account.deactivated", "account.reactivated"]


def test_reset_totp_removes_secret_and_recovery_codes(db_session):
    import pyotp

    admin, staff = make_user(db_session, Role.ADMIN), make_user(db_session, Role.STAFF,
                                                                   totp=False)
    secret = pyotp.random_base32()
    accounts.enrol_totp(db_session, staff, secret, pyotp.TOTP(secret).at(NOW), NOW)
    services.reset_totp(db_session, staff, admin, NOW)
    assert staff.totp_secret is None and not staff.has_totp and staff.recovery_codes == []
    with pytest.raises(DomainError, match="no second factor"):
        services.reset_totp(db_session, staff, admin, NOW)


def test_list_accounts_filters_by_role_and_pages(db_session):
    for _ in range(3):
        make_user(db_session, Role.MODERATOR)
    make_user(db_session, Role.MEMBER)
    users, total = services.list_accounts(db_session, Role.MODERATOR, 1)
    assert total == 3 and {u.role for u in users} == {Role.MODERATOR}
