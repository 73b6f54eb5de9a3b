"""Append-only audit log, written in the same transaction as the change it records."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from council.db import Base, utcnow


class AuditEvent(Base):
    """One thing that happened: who did what to which object, and when. Never changed."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: the account that acted; None for visitors, guardians and the system
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str | None] = mapped_column(String(64))
    object_id: Mapped[int | None]
    #: ids, counts, states and setting values only: never names, emails or dates of birth
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


_PERSONAL_KEYS = re.compile(r"email|name|birth|phone|address|password|secret|token", re.I)


def _check_details(details: dict[str, Any]) -> None:
    for key, value in details.items():
        if _PERSONAL_KEYS.search(key) or (isinstance(value, str) and "@" in value):
            raise ValueError(f"audit details must not hold personal data (key {key!r})")
        if not isinstance(value, (int, float, bool, str, type(None), list)):
            raise ValueError(f"audit detail {key!r} must be a plain value")


def record(session: Session, actor: Any, action: str, obj: Any = None,
           details: dict[str, Any] | None = None, *, now: datetime | None = None) -> AuditEvent:
    """Add an audit event to the session's transaction; it commits or rolls back with the change."""
    details = details or {}
    _check_details(details)
    event_ = AuditEvent(
        at=now or utcnow(),
        actor_id=getattr(actor, "id", actor),
        action=action,
        object_type=None if obj is None else type(obj).__name__.lower(),
        object_id=None if obj is None else obj.id,
        details=details,
    )
    session.add(event_)
    return event_


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context: Any, _instances: Any) -> None:
    """The ORM half of append-only; the database's triggers are the other half."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer searches by; every field optional."""

    actor_id: int | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def _filtered(query: Any, criteria: AuditFilter) -> Any:
    if criteria.actor_id is not None:
        query = query.where(AuditEvent.actor_id == criteria.actor_id)
    if criteria.action:
        query = query.where(AuditEvent.action.startswith(criteria.action, autoescape=True))
    if criteria.object_type:
        query = query.where(AuditEvent.object_type == criteria.object_type)
    if criteria.object_id is not None:
        query = query.where(AuditEvent.object_id == criteria.object_id)
    if criteria.since:
        query = query.where(AuditEvent.at >= criteria.since)
    if criteria.until:
        query = query.where(AuditEvent.at < criteria.until)
    return query


def list_events(session: Session, criteria: AuditFilter, page: int,
                per_page: int = 50) -> tuple[list[AuditEvent], int]:
    """One page of matching events, newest first, and the number of matches."""
    total = session.scalar(_filtered(select(func.count(AuditEvent.id)), criteria)) or 0
    query = _filtered(select(AuditEvent), criteria).order_by(AuditEvent.id.desc())
    events = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return list(events), total


def list_actions(session: Session) -> list[str]:
    """Every action name recorded so far, for the viewer's filter."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
