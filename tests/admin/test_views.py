"""Admin pages through HTTP."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from council import settings
from council.accounts.models import Role, User
from council.audit import AuditEvent
from council.mail import OutboxMessage
from tests.conftest import post_form
from tests.factories import make_user


def _accounts(db_session):
    return db_session.scalar(select(func.count(User.id)))


@pytest.fixture
def admin(login_as):
    return login_as(Role.ADMIN)


def test_admin_creates_an_account_and_its_owner_is_emailed(client, db_session, admin):
    response = post_form(client, "/admin/accounts/new",
                         {"email": "kim@example.com", "display_name": "Kim", "role": "moderator"})
    user = db_session.scalars(select(User).where(User.email == "kim@example.com")).one()
    assert response.headers["Location"] == f"/admin/accounts/{user.id}"
    assert user.role is Role.MODERATOR
    outbox = db_session.scalars(select(OutboxMessage)).all()
    assert [m.to_address for m in outbox] == ["kim@example.com"]


@pytest.mark.parametrize("data, message", [
    ({"email": "", "display_name": "Kim", "role": "staff"}, "Enter an email address."),
    ({"email": "not-an-email", "display_name": "Kim", "role": "staff"}, "like name@example.com"),
    ({"email": "kim@example.com", "display_name": "", "role": "staff"}, "Enter a name."),
    ({"email": "kim@example.com", "display_name": "K" * 81, "role": "staff"}, "80"),
    ({"email": "kim@example.com", "display_name": "Kim", "role": "overlord"}, "Not a valid choice"),
])
def test_bad_account_input_gets_a_message_and_writes_nothing(client, db_session, admin, data,
                                                             message):
    before = _accounts(db_session)
    response = post_form(client, "/admin/accounts/new", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _accounts(db_session) == before
    assert db_session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_double_submit_creates_one_account(client, db_session, admin):
    data = {"email": "twice@example.com", "display_name": "Twice", "role": "staff"}
    first = post_form(client, "/admin/accounts/new", data)
    second = post_form(client, "/admin/accounts/new", data)
    assert first.status_code == 302
    assert "already exists" in second.get_data(as_text=True)
    count = db_session.scalar(select(func.count(User.id)).where(User.email == "twice@example.com"))
    assert count == 1
    assert db_session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_role_change_through_the_page(client, db_session, admin):
    member = make_user(db_session)
    db_session.commit()
    response = post_form(client, f"/admin/accounts/{member.id}/role", {"role": "staff"},
                         follow_redirects=True)
    assert "The role is changed" in response.get_data(as_text=True)
    db_session.refresh(member)
    assert member.role is Role.STAFF


def test_last_admin_is_told_why_not(client, db_session, admin):
    response = post_form(client, f"/admin/accounts/{admin.id}/role", {"role": "member"},
                         follow_redirects=True)
    assert "last active admin" in response.get_data(as_text=True)
    db_session.refresh(admin)
    assert admin.role is Role.ADMIN


def test_unknown_account_is_404(client, admin):
    assert client.get("/admin/accounts/999999").status_code == 404
    assert post_form(client, "/admin/accounts/999999/deactivate", {}).status_code == 404


def test_deactivate_reset_totp_through_the_page(client, db_session, admin):
    staff = make_user(db_session, Role.STAFF)
    db_session.commit()
    post_form(client, f"/admin/accounts/{staff.id}/deactivate", {})
    post_form(client, f"/admin/accounts/{staff.id}/reset-totp", {})
    db_session.refresh(staff)
    assert not staff.is_active and not staff.has_totp


def test_settings_are_saved_and_audited(client, db_session, admin):
    data = {"lockout_threshold": "6", "lockout_minutes": "20", "session_idle_minutes": "30",
            "application_retention_days": "180"}
    response = post_form(client, "/admin/settings", data, follow_redirects=True)
    assert "Settings saved (2 changed)" in response.get_data(as_text=True)
    assert settings.get_setting(db_session, "lockout_threshold") == 6
    changed = db_session.scalars(select(AuditEvent.details).where(
        AuditEvent.action == "setting.changed")).all()
    assert {"key": "lockout_threshold", "old": 5, "new": 6} in changed


@pytest.mark.parametrize("field, value, message", [
    ("lockout_threshold", "2", "between 3 and 20"),
    ("lockout_threshold", "lots", "Not a valid integer"),
    ("session_idle_minutes", "", "Enter a number."),
    ("session_idle_minutes", "481", "between 5 and 480"),
])
def test_bad_settings_are_refused_whole(client, db_session, admin, field, value, message):
    data = {"lockout_threshold": "5", "lockout_minutes": "99", "session_idle_minutes": "30",
            "application_retention_days": "180",
            field: value}
    response = post_form(client, "/admin/settings", data)
    assert message in response.get_data(as_text=True)
    assert settings.get_setting(db_session, "lockout_minutes") == 15  # nothing was saved


def test_audit_log_filters(client, db_session, admin):
    staff = make_user(db_session, Role.STAFF)
    db_session.commit()
    post_form(client, f"/admin/accounts/{staff.id}/deactivate", {})
    html = client.get(f"/admin/audit?action=account.&object_type=user&object_id={staff.id}"
                      ).get_data(as_text=True)
    assert "account.deactivated" in html and "1 entry" in html
    none = client.get(f"/admin/audit?actor={staff.id}").get_data(as_text=True)
    assert "0 entries" in none


def test_audit_log_bad_filter_shows_message(client, admin):
    response = client.get("/admin/audit?since=yesterday&actor=-3")
    assert response.status_code == 200
    assert "Not a valid date value" in response.get_data(as_text=True)


def test_audit_log_pages(client, db_session, admin):
    from council import audit

    for n in range(55):
        audit.record(db_session, admin, "test.event", None, {"n": n})
    db_session.commit()
    first = client.get("/admin/audit?action=test.").get_data(as_text=True)
    second = client.get("/admin/audit?action=test.&page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "<td>n=54</td>" in first and "<td>n=4</td>" not in first
    assert "<td>n=4</td>" in second and "<td>n=0</td>" in second and "Page 2 of 2" in second
