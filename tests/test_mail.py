"""Mail: queued in the transaction, sent by real SMTP after commit, retried when it fails."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from council import mail
from council.accounts.models import Role
from council.db import utcnow
from council.mail import OutboxMessage
from tests.conftest import free_port, post_form


def _soon():
    """A moment after the message was queued (queued messages are due at once)."""
    return utcnow() + timedelta(seconds=1)


def _queue(app, db_session, to="kid@example.com"):
    with app.test_request_context():
        return mail.queue(db_session, to, "confirm_email", "Confirm",
                          user=type("U", (), {"display_name": "Kid"}), link="http://x/1", hours=1)


def test_queued_mail_is_sent_by_smtp_with_text_and_html(app, db_session, mailbox):
    message = _queue(app, db_session)
    now = _soon()
    db_session.commit()
    assert mail.deliver(db_session, now) == (1, 0)
    received = mailbox.to("kid@example.com")
    assert len(received) == 1 and received[0]["Subject"] == "Confirm"
    assert received[0].get_body(("html",)) is not None
    db_session.refresh(message)
    assert message.sent_at == now and message.attempts == 1
    assert mail.deliver(db_session, now) == (0, 0)  # never sent twice


def test_failed_send_stays_queued_backs_off_and_is_sent_once_later(app, db_session, mailbox,
                                                                   monkeypatch):
    message = _queue(app, db_session)
    now = _soon()
    db_session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    assert mail.deliver(db_session, now) == (0, 1)
    db_session.refresh(message)
    assert message.sent_at is None and message.attempts == 1
    assert message.next_attempt_at == now + timedelta(minutes=2)
    assert message.last_error == "ConnectionRefusedError"
    monkeypatch.undo()
    assert mail.deliver(db_session, now) == (0, 0)  # not due yet
    assert mail.deliver(db_session, now + timedelta(minutes=3)) == (1, 0)
    assert len(mailbox.to("kid@example.com")) == 1


def test_rolled_back_mail_is_never_sent(app, db_session, mailbox):
    savepoint = db_session.begin_nested()
    _queue(app, db_session)
    assert db_session.info["mail.pending"]
    savepoint.rollback()
    assert "mail.pending" not in db_session.info  # forgotten with its rows
    db_session.commit()
    assert not db_session.info.get("mail.committed")  # so nothing is sent after the response
    now = _soon()
    assert mail.deliver(db_session, now) == (0, 0) and mailbox.messages == []


def test_committed_mail_is_handed_to_the_sender(app, db_session):
    message = _queue(app, db_session)
    db_session.commit()
    assert db_session.info["mail.committed"] == [message.id]


def test_a_claimed_message_is_not_sent_by_another_worker(app, db_session, mailbox):
    message = _queue(app, db_session)
    now = _soon()
    message.claimed_until = now + timedelta(minutes=5)
    db_session.commit()
    assert mail.deliver(db_session, now) == (0, 0)
    assert mail.deliver(db_session, now + timedelta(minutes=6)) == (1, 0)


def test_request_sends_its_mail_right_after_the_response(app, client, db_session, mailbox,
                                                         login_as, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SEND_AFTER_RESPONSE", True)
    login_as(Role.ADMIN)
    response = post_form(client, "/admin/accounts/new",
                         {"email": "fresh@example.com", "display_name": "Fresh", "role": "staff"})
    response.close()
    assert response.status_code == 302
    assert len(mailbox.to("fresh@example.com")) == 1
    sent = db_session.scalars(select(OutboxMessage.sent_at)).one()
    assert sent is not None and sent <= utcnow()
