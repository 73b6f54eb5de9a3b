"""Small builders for test data: each takes the session and overrides."""
from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy.orm import Session

from council import security
from council.accounts import services
from council.accounts.models import Role, User
from council.db import utcnow

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_user(session: Session, role: Role = Role.MEMBER, *, password: str | None = PASSWORD,
              totp: bool | None = None, **overrides: Any) -> User:
    """An active, confirmed account; adults get a TOTP secret unless totp=False."""
    n = next(_numbers)
    email = overrides.pop("email", f"{role.value}{n}@example.com")
    name = overrides.pop("display_name", f"{role.label} {n}")
    user = services.create_user(session, email, name, role, password=password)
    user.email_confirmed_at = utcnow()
    if totp if totp is not None else role.needs_totp:
        user.totp_secret, user.totp_enrolled_at = security.new_totp_secret(), utcnow()
    for key, value in overrides.items():
        setattr(user, key, value)
    session.flush()
    return user
