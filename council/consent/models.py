"""Guardian consent: requests, records, policy versions and per-country ages."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from council.db import Base, utcnow
from council.domain import InvalidTransition

#: the purposes a guardian consents to, one choice each, in the order they are shown
PURPOSES = ("discussions", "surveys", "exports", "emails")


class PolicyVersion(Base):
    """A published version of the privacy notice that guardians consent under."""

    __tablename__ = "policy_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[str] = mapped_column(Text)
    #: SHA-256 of the text, kept in every consent record
    sha256: Mapped[str] = mapped_column(String(64))
    #: a material change asks everyone to consent again
    material: Mapped[bool] = mapped_column(default=False)
    #: the purposes a material change affects; only those pause until consent is given again
    changed_purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ConsentAge(Base):
    """An admin's choice of consent age for a country (the default is 18)."""

    __tablename__ = "consent_age"

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    age: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class RequestStatus(enum.Enum):
    """Where a request to a guardian stands."""

    REQUESTED = "requested"
    GRANTED = "granted"
    DECLINED = "declined"
    EXPIRED = "expired"
    DISPUTED = "disputed"


class ConsentRequest(Base):
    """An email to a guardian asking for consent; its token is stored only as a hash."""

    __tablename__ = "consent_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"),
                                                index=True)
    #: erased when the request expires unanswered
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[RequestStatus] = mapped_column(default=RequestStatus.REQUESTED, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    answered_at: Mapped[datetime | None]

    links: Mapped[list[ConsentLink]] = relationship(cascade="all, delete-orphan")

    def answer(self, status: RequestStatus, now: datetime) -> None:
        """Grant, decline or dispute; only while the request waits and has not expired."""
        if self.status is not RequestStatus.REQUESTED or now >= self.expires_at:
            raise InvalidTransition("This request has already been answered or has expired.")
        if status not in (RequestStatus.GRANTED, RequestStatus.DECLINED, RequestStatus.DISPUTED):
            raise InvalidTransition("A guardian grants, declines or disputes.")
        self.status, self.answered_at = status, now

    def expire(self) -> None:
        """No answer in time: the request ends and the guardian's address is erased."""
        if self.status is not RequestStatus.REQUESTED:
            raise InvalidTransition("Only a waiting request can expire.")
        self.status, self.guardian_email = RequestStatus.EXPIRED, None

    def replace(self) -> None:
        """Staff resent it: this request (and its link) is dead; a new one takes over."""
        if self.status is not RequestStatus.REQUESTED:
            raise InvalidTransition("Only a waiting request can be resent.")
        self.status = RequestStatus.EXPIRED


class ConsentLink(Base):
    """One emailed link to a request (the first email and each reminder); all work while the
    request waits. Only the SHA-256 of the token is stored."""

    __tablename__ = "consent_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("consent_request.id", ondelete="CASCADE"),
                                            index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsentStatus(enum.Enum):
    """A consent record's state; only `granted` lets anything happen."""

    GRANTED = "granted"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    LAPSED = "lapsed"


class ConsentRecord(Base):
    """What was consented to, by whom, under which notice. A change writes a new record."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"),
                                                index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("consent_request.id"))
    status: Mapped[ConsentStatus] = mapped_column(default=ConsentStatus.GRANTED)
    #: the purposes granted, a subset of PURPOSES
    scopes: Mapped[list[str]] = mapped_column(JSON)
    policy_version_id: Mapped[int] = mapped_column(ForeignKey("policy_version.id"))
    policy_sha256: Mapped[str] = mapped_column(String(64))
    country: Mapped[str] = mapped_column(String(2))
    consent_age: Mapped[int]
    #: email_link (a guardian) or self (a teen old enough to consent for themselves)
    method: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    guardian_name: Mapped[str | None] = mapped_column(String(120))
    guardian_relationship: Mapped[str | None] = mapped_column(String(60))
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("consent_record.id"))
    #: SHA-256 of the guardian's long-lived page link (a new one with every receipt)
    guardian_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: when the member said they read the notice of this change (shown until they do)
    member_told_at: Mapped[datetime | None]

    policy: Mapped[PolicyVersion] = relationship()

    def end(self, status: ConsentStatus, now: datetime) -> None:
        """Stop this record: revoked, superseded by a newer one, or lapsed with age."""
        if self.status is not ConsentStatus.GRANTED:
            raise InvalidTransition("This consent has already ended.")
        if status is ConsentStatus.GRANTED:
            raise InvalidTransition("A record ends as revoked, superseded or lapsed.")
        self.status, self.ended_at = status, now

    def allows(self, purpose: str) -> bool:
        """Whether this record, while in force, covers the purpose."""
        return self.status is ConsentStatus.GRANTED and purpose in self.scopes
