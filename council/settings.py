"""Typed settings that admins change at run time, stored as key/value rows."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from council import audit
from council.db import Base, utcnow
from council.domain import DomainError


class SettingRow(Base):
    """A stored value that overrides a setting's default."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the value as JSON
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


@dataclass(frozen=True)
class SettingSpec:
    """A whole-number setting: its default, bounds and the words that explain it.

    Later settings of other types (lists of watched words, per-country ages) add a parse of
    their own.
    """

    key: str
    label: str
    help: str
    default: int
    minimum: int
    maximum: int

    def parse(self, raw: str) -> int:
        """Turn form text into a whole number within bounds, or raise a readable message."""
        try:
            value = int(raw.strip())
        except ValueError:
            raise DomainError("Enter a whole number.", field=self.key) from None
        if not (self.minimum <= value <= self.maximum):
            raise DomainError(f"Enter a number from {self.minimum} to {self.maximum}.",
                              field=self.key)
        return value


SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in [
    SettingSpec("lockout_threshold", "Failed logins before lockout",
                "After this many wrong passwords in a row, the account is locked for a while.",
                5, 3, 20),
    SettingSpec("lockout_minutes", "Lockout length (minutes)",
                "How long a locked account waits before it can try again.", 15, 1, 1440),
    SettingSpec("session_idle_minutes", "Idle session timeout (minutes)",
                "People who do nothing for this long are logged out.", 30, 5, 480),
    SettingSpec("application_retention_days", "Keep declined applications (days)",
                "Declined, withdrawn and unsent applications are erased after this many days "
                "by the purge-applications command.", 180, 30, 3650),
]}


def get_setting(session: Session, key: str) -> Any:
    """The setting's stored value, or its default."""
    spec = SETTINGS[key]
    row = session.get(SettingRow, key)
    return spec.default if row is None else json.loads(row.value)


def all_settings(session: Session) -> dict[str, Any]:
    """Every setting's current value, by key."""
    return {key: get_setting(session, key) for key in SETTINGS}


def update_settings(session: Session, raw_values: dict[str, str], actor: Any) -> list[str]:
    """Validate every value first, then store the changed ones; returns the changed keys."""
    parsed = {key: SETTINGS[key].parse(raw) for key, raw in raw_values.items() if key in SETTINGS}
    changed = []
    for key, value in parsed.items():
        old = get_setting(session, key)
        if value == old:
            continue
        row = session.get(SettingRow, key) or SettingRow(key=key)
        row.value, row.updated_at, row.updated_by_id = json.dumps(value), utcnow(), actor.id
        session.add(row)
        audit.record(session, actor, "setting.changed", None,
                     {"key": key, "old": old, "new": value})
        changed.append(key)
    session.flush()
    return changed
