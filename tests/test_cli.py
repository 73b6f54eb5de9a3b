"""Operations commands, run through Flask's CLI runner."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from council.accounts.models import Role, User
from council.audit import AuditEvent
from council.cli import DEMO_ACCOUNTS


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


def _count_users(db_session):
    return db_session.scalar(select(func.count(User.id)))


def test_create_admin_asks_for_the_password(runner, db_session):
    result = runner.invoke(args=["council", "create-admin", "--email", "Boss@Example.com",
                                 "--name", "Boss"],
                           input="a long admin password\na long admin password\n")
    assert result.exit_code == 0, result.output
    assert "a long admin password" not in result.output
    admin = db_session.scalars(select(User).where(User.email == "boss@example.com")).one()
    assert admin.role is Role.ADMIN and admin.password_hash.startswith("$argon2")


def test_create_admin_refuses_a_short_password_and_writes_nothing(runner, db_session):
    before = _count_users(db_session)
    result = runner.invoke(args=["council", "create-admin", "--email", "b@example.com",
                                 "--name", "B"], input="short\nshort\n")
    assert result.exit_code != 0 and "at least 12" in result.output
    assert _count_users(db_session) == before


def test_create_admin_has_no_password_option(runner):
    result = runner.invoke(args=["council", "create-admin", "--password", "x"])
    assert result.exit_code != 0 and "No such option" in result.output


def test_seed_demo_is_idempotent_and_prints_logins(runner, db_session):
    first = runner.invoke(args=["council", "seed-demo"])
    count = _count_users(db_session)
    second = runner.invoke(args=["council", "seed-demo"])
    assert first.exit_code == second.exit_code == 0
    assert _count_users(db_session) == count
    assert first.output == second.output  # same accounts, same TOTP keys
    for email, _name, _role, password in DEMO_ACCOUNTS:
        assert email in first.output and password in first.output
    assert first.output.count("TOTP key:") == 3  # moderator, staff, admin


def test_deliver_mail_sends_the_queue(app, runner, db_session, mailbox):
    from council import mail

    with app.test_request_context():
        mail.queue(db_session, "q@example.com", "confirm_email", "Confirm",
                   user=type("U", (), {"display_name": "Q"}), link="http://x", hours=1)
    db_session.commit()
    result = runner.invoke(args=["council", "deliver-mail"])
    assert result.exit_code == 0 and "Sent 1, failed 0" in result.output
    assert len(mailbox.to("q@example.com")) == 1


def test_backup_writes_a_usable_copy(app, runner, db_session, tmp_path, database_url):
    result = runner.invoke(args=["council", "backup", "--to", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [backup] = list(tmp_path.iterdir())
    assert backup.stat().st_mode & 0o777 == 0o600
    if database_url.startswith("sqlite"):
        with sqlite3.connect(backup) as copy:
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        assert {"user_account", "audit_event", "outbox_message"} <= tables
    else:
        assert backup.read_bytes().startswith(b"PGDMP")


def test_audit_entries_name_ids_not_people(runner, db_session):
    runner.invoke(args=["council", "create-admin", "--email", "who@example.com", "--name",
                        "Who"], input="a long admin password\na long admin password\n")
    details = db_session.scalars(select(AuditEvent.details)).all()
    assert details and all("who" not in str(d).lower() for d in details)


def test_seed_demo_member_can_take_part(runner, db_session):
    from council.consent import services as consent

    runner.invoke(args=["council", "seed-demo"])
    member = db_session.scalars(select(User).where(User.role == Role.MEMBER)).one()
    assert consent.purposes_in_force(db_session, member) == ["discussions", "surveys",
                                                             "exports", "emails"]
