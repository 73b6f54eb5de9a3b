"""Accounts: people who log in. Visitors and guardians have no account."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from council.db import Base, utcnow
from council.domain import InvalidTransition


class Role(enum.Enum):
    """One role per account; adult roles handle children's data and need a second factor."""

    MEMBER = "member"
    MODERATOR = "moderator"
    STAFF = "staff"
    ADMIN = "admin"

    @property
    def needs_totp(self) -> bool:
        """Moderators, staff and admins must use TOTP."""
        return self is not Role.MEMBER

    @property
    def label(self) -> str:
        """The role's name as people read it."""
        return self.value.capitalize()


class User(Base):
    """An account: a member of a cohort or an adult who runs the programme."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-cased, so look-ups and uniqueness ignore case
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[Role]
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    email_confirmed_at: Mapped[datetime | None]
    deactivated_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    #: changes whenever a password, email confirmation or second factor changes; emailed links
    #: and login sessions carry it, so changing it kills every earlier link and session
    security_stamp: Mapped[str] = mapped_column(String(32))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enrolled_at: Mapped[datetime | None]
    #: the last TOTP time step accepted, so a code cannot be replayed
    totp_last_step: Mapped[int | None]
    failed_logins: Mapped[int] = mapped_column(default=0)
    #: the IANA time zone in which this person reads and types times; None: the site's
    time_zone: Mapped[str | None] = mapped_column(String(64))
    locked_until: Mapped[datetime | None]

    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login's interface.
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """The session holds the id and the stamp; a new stamp logs every session out."""
        return f"{self.id}:{self.security_stamp}"

    @property
    def has_totp(self) -> bool:
        """Whether a second factor is enrolled."""
        return self.totp_enrolled_at is not None

    def is_locked(self, now: datetime) -> bool:
        """Whether repeated failures have locked the account for now."""
        return self.locked_until is not None and self.locked_until > now

    def deactivate(self, now: datetime) -> None:
        """Stop the account from logging in; it must be active."""
        if not self.is_active:
            raise InvalidTransition("This account is already deactivated.")
        self.is_active = False
        self.deactivated_at = now

    def reactivate(self) -> None:
        """Let a deactivated account log in again."""
        if self.is_active:
            raise InvalidTransition("This account is already active.")
        self.is_active = True
        self.deactivated_at = None


class RecoveryCode(Base):
    """A single-use code that stands in for TOTP; only its SHA-256 is stored."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="recovery_codes")
