"""Outgoing mail: queued in the outbox within the transaction, sent by SMTP after commit."""
from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from flask import Flask, current_app, render_template
from sqlalchemy import String, Text, event, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from council.db import Base, db, utcnow

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
#: how long a sender may hold a message before another process may try it
CLAIM_FOR = timedelta(minutes=5)


class OutboxMessage(Base):
    """An email waiting to be sent, or sent; failed sends stay here and are retried."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    #: the template's name, for support and tests
    template: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: set while one process is sending, so two workers never send the same message
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    #: the error's class only: SMTP replies can quote addresses
    last_error: Mapped[str | None] = mapped_column(String(120))


def queue(session: Session, to: str, template: str, subject: str,
          **context: Any) -> OutboxMessage:
    """Render `email/<template>.txt` and `.html` and add the message to the outbox."""
    message = OutboxMessage(
        to_address=to, subject=subject, template=template,
        body_text=render_template(f"email/{template}.txt", **context),
        body_html=render_template(f"email/{template}.html", subject=subject, **context),
    )
    session.add(message)
    session.flush()
    session.info.setdefault("mail.pending", []).append(message.id)
    return message


@event.listens_for(Session, "after_commit")
def _mark_committed(session: Session) -> None:
    pending = session.info.pop("mail.pending", [])
    session.info.setdefault("mail.committed", []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    # The rows are gone, so nothing may be sent for them.
    session.info.pop("mail.pending", None)


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = sender, message.to_address, message.subject
    email["Message-ID"] = f"<outbox-{message.id}@council>"
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


def _connect(config: Any) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["MAIL_HOST"], config["MAIL_PORT"],
                        timeout=config["MAIL_TIMEOUT_SECONDS"])
    if config["MAIL_STARTTLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def _claim(session: Session, message_id: int, now: datetime) -> bool:
    claimed = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
               or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
        .values(claimed_until=now + CLAIM_FOR)
    )
    session.commit()
    return claimed.rowcount == 1


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** attempts), MAX_BACKOFF)


def deliver(session: Session, now: datetime, only_ids: list[int] | None = None,
            limit: int = 200) -> tuple[int, int]:
    """Send due messages (or just `only_ids`); returns (sent, failed). Commits per message."""
    query = select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))
    if only_ids is not None:
        query = query.where(OutboxMessage.id.in_(only_ids))
    else:
        query = query.where(OutboxMessage.next_attempt_at <= now)
    ids = list(session.scalars(query.order_by(OutboxMessage.id).limit(limit)))
    session.commit()
    config, smtp, sent, failed = current_app.config, None, 0, 0
    try:
        for message_id in ids:
            # Claim with the clock, not the batch's start: a long batch must not hand out
            # claims that have already run out.
            if not _claim(session, message_id, max(now, utcnow())):
                continue
            message = session.get(OutboxMessage, message_id)
            try:
                smtp = smtp or _connect(config)
                smtp.send_message(_build(message, config["MAIL_FROM"]))
            except (OSError, smtplib.SMTPException) as err:
                smtp, failed = None, failed + 1
                message.attempts += 1
                message.next_attempt_at = now + _backoff(message.attempts)
                message.last_error, message.claimed_until = type(err).__name__, None
                log.warning("mail %s not sent (attempt %s): %s", message.id, message.attempts,
                            type(err).__name__)
            else:
                sent += 1
                message.attempts += 1
                message.sent_at, message.claimed_until = now, None
                # Sent bodies hold one-time links and children's names: keep only the facts.
                message.body_text = message.body_html = ""
                log.info("mail %s sent", message.id)
            session.commit()
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
    return sent, failed


def init_app(app: Flask) -> None:
    """After a response, send the mail that its request committed."""

    @app.after_request
    def _send_after_response(response: Any) -> Any:
        ids = db.session.info.pop("mail.committed", []) if db.session.registry.has() else []
        if ids and app.config["MAIL_SEND_AFTER_RESPONSE"]:
            response.call_on_close(lambda: _deliver_in_context(app, ids))
        return response


def _deliver_in_context(app: Flask, ids: list[int]) -> None:
    with app.app_context():
        try:
            deliver(db.session, utcnow(), only_ids=ids)
        except Exception:  # the outbox keeps the messages; `deliver-mail` retries them
            log.exception("sending after response failed")
