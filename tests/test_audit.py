"""The audit log is append-only, in the ORM and in the database itself."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from council import audit
from council.accounts.models import Role
from tests.factories import make_user


def test_record_is_written_in_the_same_transaction(db_session):
    user = make_user(db_session, Role.ADMIN)
    savepoint = db_session.begin_nested()
    audit.record(db_session, user, "thing.done", user, {"count": 2})
    savepoint.rollback()  # the change rolled back, so must its audit entry
    assert db_session.scalar(text("SELECT count(*) FROM audit_event")) == 0


@pytest.mark.parametrize("statement", [
    "UPDATE audit_event SET action = 'rewritten'",
    "DELETE FROM audit_event",
])
def test_database_refuses_to_change_audit_events(db_session, statement):
    user = make_user(db_session, Role.ADMIN)
    audit.record(db_session, user, "thing.done", user)
    db_session.flush()
    with pytest.raises(DBAPIError, match="append-only"):
        with db_session.begin_nested():
            db_session.execute(text(statement))
    assert db_session.scalar(text("SELECT action FROM audit_event")) == "thing.done"


def test_orm_refuses_to_change_or_delete_audit_events(db_session):
    user = make_user(db_session, Role.ADMIN)
    event = audit.record(db_session, user, "thing.done", user)
    db_session.flush()
    event.action = "rewritten"
    with pytest.raises(audit.AuditLogIsAppendOnly):
        db_session.flush()
    db_session.expire(event)
    db_session.delete(event)
    with pytest.raises(audit.AuditLogIsAppendOnly):
        db_session.flush()


@pytest.mark.parametrize("details", [
    {"email": "x"}, {"display_name": "Kim"}, {"note": "kim@example.com"}, {"date_of_birth": 1},
    {"nested": {"a": 1}},
])
def test_details_refuse_personal_data(db_session, details):
    with pytest.raises(ValueError):
        audit.record(db_session, None, "thing.done", None, details)
