"""Consent rules: ages, requests to guardians, records, revocation and policy versions.

`allows(session, member, purpose)` is the only place that decides whether consent covers an
action; every other domain calls it.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from council import audit, mail, security
from council.accounts import services as accounts
from council.accounts.models import Role, User
from council.applications.models import Application, ApplicationStatus, Cohort
from council.consent.models import (PURPOSES, ConsentAge, ConsentLink, ConsentRecord,
                                    ConsentRequest, ConsentStatus, PolicyVersion, RequestStatus)
from council.domain import DomainError
from council.mail import OutboxMessage

HERE = Path(__file__).parent
#: the platform default: a parent or carer consents for everyone under 18
DEFAULT_CONSENT_AGE = 18
REQUEST_LIFETIME = timedelta(days=7)
REMINDER_DAYS = (3, 6)
#: how long a guardian's own page link works (a new one comes with every receipt)
GUARDIAN_LINK_LIFETIME = timedelta(days=400)
PURPOSE_WORDS = {
    "discussions": "Take part in moderated discussions",
    "surveys": "Answer surveys",
    "exports": "Include their anonymous answers in reports for policy teams",
    "emails": "Receive emails from the council",
}


class ConsentLinkInvalid(DomainError):
    """A guardian link that is wrong, used already or too old."""


def _age_floors() -> dict[str, int]:
    data = json.loads((HERE / "ages.json").read_text())
    return {key: value for key, value in data.items() if not key.startswith("_")}


LEGAL_FLOORS = _age_floors()


def legal_floor(country: str) -> int:
    """The lowest consent age the law allows for a country (18 where we know none)."""
    return LEGAL_FLOORS.get(country.upper(), DEFAULT_CONSENT_AGE)


def consent_age(session: Session, country: str) -> int:
    """The age from which a teen in this country consents for themselves."""
    row = session.get(ConsentAge, country.upper())
    return DEFAULT_CONSENT_AGE if row is None else row.age


def list_consent_ages(session: Session) -> list[ConsentAge]:
    """The countries whose age an admin has changed."""
    return list(session.scalars(select(ConsentAge).order_by(ConsentAge.country)))


def set_consent_age(session: Session, country: str, age: int, by: User, now: datetime) -> None:
    """Change a country's consent age, never below its legal floor nor above 18."""
    country = country.upper()
    floor = legal_floor(country)
    if not floor <= age <= DEFAULT_CONSENT_AGE:
        raise DomainError(f"The consent age for {country} must be from {floor} (its legal "
                          f"minimum) to {DEFAULT_CONSENT_AGE}.", field="age")
    old = consent_age(session, country)
    row = session.get(ConsentAge, country) or ConsentAge(country=country)
    row.age, row.updated_at, row.updated_by_id = age, now, by.id
    session.add(row)
    session.flush()
    audit.record(session, by, "consent.age_changed", None,
                 {"country": country, "old": old, "new": age}, now=now)


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years of age on a day."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def required_for(session: Session, country: str, date_of_birth: date, now: datetime) -> bool:
    """Whether a parent or carer must consent for this teen."""
    return age_on(date_of_birth, now.date()) < consent_age(session, country)


# Policy versions --------------------------------------------------------------------------

def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def current_policy(session: Session) -> PolicyVersion:
    """The newest notice (the migrations publish the shipped one as version 1)."""
    return session.scalars(select(PolicyVersion).order_by(PolicyVersion.id.desc()).limit(1)).one()


def list_policies(session: Session) -> list[PolicyVersion]:
    """Every published notice, newest first."""
    return list(session.scalars(select(PolicyVersion).order_by(PolicyVersion.id.desc())))


def publish_policy(session: Session, version: str, text: str, material: bool, by: User,
                   now: datetime, changed: list[str] | None = None) -> PolicyVersion:
    """Publish a new notice. A material change (to `changed` purposes, all if not said)
    pauses those purposes and asks everyone who consented to them to choose again."""
    changed = [p for p in PURPOSES if p in (PURPOSES if changed is None else changed)]
    if material and not changed:
        raise DomainError("Tick the purposes the change affects.", field="changed")
    previous = current_policy(session)
    text = text.strip()
    if session.scalar(select(PolicyVersion).where(PolicyVersion.version == version)):
        raise DomainError("That version number is taken.", field="version")
    if _digest(text) in (previous.sha256, _digest(previous.text.strip())):
        raise DomainError("The text is the same as the current version.", field="text")
    policy = PolicyVersion(version=version, text=text, sha256=_digest(text), material=material,
                           changed_purposes=changed if material else [],
                           published_at=now, published_by_id=by.id)
    session.add(policy)
    session.flush()
    audit.record(session, by, "consent.policy_published", policy,
                 {"material": material, "changed": policy.changed_purposes}, now=now)
    if material:
        for record in _records_in_force(session):
            if not set(record.scopes) & set(changed):
                continue  # nothing they agreed to changed
            if record.method == "email_link" and record.guardian_email:
                _ask_again(session, record, now)
            elif record.method == "self":
                _ask_member_again(session, record)
    return policy


def _paused_purposes(session: Session, record: ConsentRecord) -> set[str]:
    """Purposes changed materially by a notice newer than the one the record was given under."""
    newer = session.scalars(select(PolicyVersion.changed_purposes).where(
        PolicyVersion.material.is_(True), PolicyVersion.id > record.policy_version_id))
    return {purpose for changed in newer for purpose in changed}


# Requests -----------------------------------------------------------------------------------

def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _request_link(token: str) -> str:
    return accounts.absolute_url("consent.guardian_request", token=token)


def _new_link(request: ConsentRequest, now: datetime) -> str:
    """A fresh token (192 random bits) for the request; only its hash is stored."""
    token = secrets.token_urlsafe(24)
    request.links.append(ConsentLink(token_hash=_hash(token), created_at=now))
    return token


def _new_request(session: Session, application: Application, email: str,
                 now: datetime) -> tuple[ConsentRequest, str]:
    request = ConsentRequest(application_id=application.id, guardian_email=email,
                             created_at=now, expires_at=now + REQUEST_LIFETIME)
    token = _new_link(request, now)
    session.add(request)
    session.flush()
    return request, token


def request_consent(session: Session, application: Application, now: datetime) -> str:
    """Email the guardian a single-use link, valid for 7 days."""
    request, token = _new_request(session, application, application.guardian_email, now)
    audit.record(session, None, "consent.requested", request,
                 {"application_id": application.id}, now=now)
    mail.queue(session, request.guardian_email, "consent_request",
               "Can your child join a youth council?", application=application,
               link=_request_link(token), days=REQUEST_LIFETIME.days,
               policy=current_policy(session))
    return token


def _ask_again(session: Session, record: ConsentRecord, now: datetime) -> None:
    application = session.get(Application, record.application_id)
    request, token = _new_request(session, application, record.guardian_email, now)
    audit.record(session, None, "consent.requested_again", request, now=now)
    mail.queue(session, record.guardian_email, "consent_again",
               "Our privacy notice changed: please choose again", application=application,
               link=_request_link(token), days=REQUEST_LIFETIME.days)


def _ask_member_again(session: Session, record: ConsentRecord) -> None:
    """A teen who holds their own consent chooses again on their page."""
    application = session.get(Application, record.application_id)
    mail.queue(session, application.email, "consent_again_self",
               "Our privacy notice changed: please choose again", application=application,
               link=accounts.absolute_url("consent.member_consent"))


def close_waiting_requests(session: Session, application: Application) -> None:
    """No guardian link of this application works any more (the teen withdrew, decides for
    themselves, turned 18, or the guardian chose on their own page)."""
    for request in session.scalars(select(ConsentRequest).where(
            ConsentRequest.application_id == application.id,
            ConsentRequest.status == RequestStatus.REQUESTED)):
        request.replace()


def waiting_request(session: Session, application: Application) -> ConsentRequest | None:
    """The application's request still waiting for an answer, if any."""
    return session.scalar(select(ConsentRequest).where(
        ConsentRequest.application_id == application.id,
        ConsentRequest.status == RequestStatus.REQUESTED))


def resend_request(session: Session, application: Application, by: User, now: datetime) -> None:
    """Staff resend: a new link, and the old one stops working."""
    old = waiting_request(session, application)
    if old is None:
        raise DomainError("There is no waiting request to resend.")
    old.replace()
    audit.record(session, by, "consent.resent", old, now=now)
    request_consent(session, application, now)


def request_from_token(session: Session, token: str, now: datetime,
                       lock: bool = False) -> ConsentRequest:
    """The waiting request a guardian's link belongs to, or ConsentLinkInvalid. With `lock`,
    the row stays locked until commit, so a double click answers once."""
    request = session.scalar(select(ConsentRequest).join(ConsentLink).where(
        ConsentLink.token_hash == _hash(token)))
    if request is not None and lock:
        session.refresh(request, with_for_update=True)
    if request is None:
        raise ConsentLinkInvalid("This link is not valid. Check you copied all of it.")
    if request.status is not RequestStatus.REQUESTED:
        raise ConsentLinkInvalid("This link has been used already. Use the link in your "
                                 "receipt email to see or change your choices.")
    if now >= request.expires_at:
        raise ConsentLinkInvalid("This link is too old. The programme team can send a new one.")
    return request


@dataclass
class GuardianAnswer:
    """What a guardian chose on the consent page."""

    scopes: list[str]
    name: str
    relationship: str


def grant(session: Session, token: str, answer: GuardianAnswer, now: datetime) -> str:
    """Record the guardian's consent; the application goes to review. Returns the new
    long-lived link token for the guardian's own page."""
    request = request_from_token(session, token, now, lock=True)
    scopes = _valid_scopes(answer.scopes)
    if not answer.name.strip():
        raise DomainError("Type your name.", field="name")
    if not answer.relationship.strip():
        raise DomainError("Say how you are related to the young person.", field="relationship")
    application = session.get(Application, request.application_id)
    previous = latest_record(session, application)
    if previous is not None and previous.method == "self" or not required_for(
            session, application.country, application.date_of_birth, now):
        raise ConsentLinkInvalid("They are now old enough to decide for themselves, so this "
                                 "link no longer works.")
    request.answer(RequestStatus.GRANTED, now)
    guardian_token = _write_record(session, application, previous, scopes, now, request=request,
                                   name=answer.name, relationship=answer.relationship,
                                   email=request.guardian_email)
    if application.status is ApplicationStatus.AWAITING_CONSENT:
        from council.applications import services as applications  # avoids an import cycle

        applications.begin_review(session, application, now)
    return guardian_token


def _valid_scopes(scopes: list[str]) -> list[str]:
    if not scopes:
        raise DomainError("Choose at least one thing you agree to, or press "
                          "\"I do not agree\".", field="scopes")
    if not set(scopes) <= set(PURPOSES):
        raise DomainError("Choose from the list.", field="scopes")
    return [p for p in PURPOSES if p in scopes]


def _write_record(session: Session, application: Application,
                  previous: ConsentRecord | None, scopes: list[str], now: datetime, *,
                  request: ConsentRequest | None = None, name: str | None = None,
                  relationship: str | None = None, email: str | None = None,
                  method: str = "email_link") -> str:
    """A new record replacing the previous one, and its receipt. Records are never edited."""
    if previous is not None:
        if previous.status is ConsentStatus.GRANTED:
            previous.end(ConsentStatus.SUPERSEDED, now)
        previous.guardian_token_hash = None  # the old page link dies with it
    policy = current_policy(session)
    guardian_token = secrets.token_urlsafe(32)
    record = ConsentRecord(
        application_id=application.id, request_id=request.id if request else None,
        status=ConsentStatus.GRANTED if scopes else ConsentStatus.REVOKED, scopes=scopes,
        policy_version_id=policy.id, policy_sha256=policy.sha256, country=application.country,
        consent_age=consent_age(session, application.country), method=method, granted_at=now,
        ended_at=None if scopes else now,
        guardian_name=security.clean_text(name) if name else None,
        guardian_relationship=security.clean_text(relationship) if relationship else None,
        guardian_email=email, replaces_id=previous.id if previous else None,
        guardian_token_hash=_hash(guardian_token) if email else None)
    session.add(record)
    session.flush()
    audit.record(session, None, "consent.recorded", record,
                 {"application_id": application.id, "scopes": scopes, "method": method},
                 now=now)
    if email:
        mail.queue(session, email, "consent_receipt", "Your consent receipt",
                   application=application, record=record, words=PURPOSE_WORDS,
                   link=accounts.absolute_url("consent.guardian_page", token=guardian_token),
                   policy=policy)
    return guardian_token


def decline(session: Session, token: str, now: datetime) -> None:
    """The guardian says no: the application is withdrawn and the teen is told kindly."""
    request = request_from_token(session, token, now, lock=True)
    request.answer(RequestStatus.DECLINED, now)
    application = session.get(Application, request.application_id)
    _withdraw_with_notice(session, application, "consent_declined_teen", now)
    audit.record(session, None, "consent.declined", request, now=now)


def dispute(session: Session, token: str, now: datetime) -> None:
    """"This is not my child": the request is frozen and staff are alerted."""
    request = request_from_token(session, token, now, lock=True)
    request.answer(RequestStatus.DISPUTED, now)
    audit.record(session, None, "consent.disputed", request, now=now)
    for staff in session.scalars(select(User).where(User.role.in_([Role.STAFF, Role.ADMIN]),
                                                    User.is_active.is_(True))):
        mail.queue(session, staff.email, "consent_disputed_staff",
                   "A parent says an application is not their child's", request=request,
                   link=accounts.absolute_url("consent.overview",
                                              cohort_id=_cohort_id(session, request)))


def close_dispute(session: Session, request: ConsentRequest, by: User, now: datetime) -> None:
    """Staff looked into a "not my child" report: the application stops, the address of the
    person who answered is erased, and the teen is told kindly."""
    if request.status is not RequestStatus.DISPUTED or request.guardian_email is None and \
            session.get(Application, request.application_id).guardian_email is None:
        raise DomainError("This report is already closed.")
    application = session.get(Application, request.application_id)
    if application.status is ApplicationStatus.AWAITING_CONSENT:
        _withdraw_with_notice(session, application, "consent_disputed_teen", now)
    _erase_guardian_address(session, application)
    audit.record(session, by, "consent.dispute_closed", request, now=now)


def open_disputes(session: Session) -> int:
    """How many "not my child" reports still wait for staff."""
    return session.scalar(select(func.count(ConsentRequest.id)).where(
        ConsentRequest.status == RequestStatus.DISPUTED,
        ConsentRequest.guardian_email.is_not(None))) or 0


def _cohort_id(session: Session, request: ConsentRequest) -> int:
    return session.get(Application, request.application_id).cohort_id


def _withdraw_with_notice(session: Session, application: Application, template: str,
                          now: datetime) -> None:
    from council.applications import services as applications  # avoids an import cycle

    if application.status in (ApplicationStatus.AWAITING_CONSENT, ApplicationStatus.SUBMITTED):
        applications.withdraw_application(session, application, now)
    mail.queue(session, application.email, template, "About your application",
               application=application)


# The guardian's own page ----------------------------------------------------------------------

def latest_record(session: Session, application: Application) -> ConsentRecord | None:
    """The newest consent record of an application."""
    return session.scalar(select(ConsentRecord).where(
        ConsentRecord.application_id == application.id).order_by(ConsentRecord.id.desc())
        .limit(1))


def record_from_guardian_token(session: Session, token: str, now: datetime) -> ConsentRecord:
    """The record a guardian's page link belongs to (only the newest link works)."""
    record = session.scalar(select(ConsentRecord).where(
        ConsentRecord.guardian_token_hash == _hash(token)))
    if record is None or now - record.granted_at > GUARDIAN_LINK_LIFETIME:
        raise ConsentLinkInvalid("This link is old or not valid. Use the link in your newest "
                                 "receipt email.")
    return record


def change_consent(session: Session, token: str, scopes: list[str], now: datetime) -> str:
    """The guardian changes their choices (fewer purposes, more, or none): it works at once.
    Returns the new page link token (the receipt carries it)."""
    record = record_from_guardian_token(session, token, now)
    session.refresh(record, with_for_update=True)  # a double click changes once
    if record.guardian_token_hash != _hash(token):
        raise ConsentLinkInvalid("This link was just replaced. Use the newest receipt email.")
    chosen = [p for p in PURPOSES if p in scopes]
    if set(scopes) - set(PURPOSES):
        raise DomainError("Choose from the list.", field="scopes")
    application = session.get(Application, record.application_id)
    close_waiting_requests(session, application)
    new_token = _write_record(session, application, record, chosen, now,
                              name=record.guardian_name,
                              relationship=record.guardian_relationship,
                              email=record.guardian_email)
    audit.record(session, None, "consent.revoked" if set(record.scopes) - set(chosen)
                 else "consent.changed", record, {"scopes": chosen}, now=now)
    return new_token


# What consent allows ------------------------------------------------------------------------

def member_application(session: Session, member: User,
                       cohort: Cohort | None = None) -> Application | None:
    """The application through which the member joined that cohort (or the newest one)."""
    query = select(Application).where(Application.member_id == member.id)
    if cohort is not None:
        query = query.where(Application.cohort_id == cohort.id)
    return session.scalar(query.order_by(Application.id.desc()).limit(1))


def allows(session: Session, member: User, purpose: str, cohort: Cohort | None = None) -> bool:
    """Whether consent in force covers this purpose for this member (in that cohort, when
    given; each cohort has its own application and consent), right now."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    if member.role is not Role.MEMBER:
        return False
    application = member_application(session, member, cohort)
    record = latest_record(session, application) if application else None
    if record is None:
        return False  # nobody has chosen yet: a teen old enough chooses on their own page
    return record.allows(purpose) and purpose not in _paused_purposes(session, record)


def purposes_in_force(session: Session, member: User) -> list[str]:
    """The purposes the member may do now."""
    return [p for p in PURPOSES if allows(session, member, p)]


def needs_new_choice(session: Session, member: User) -> bool:
    """The member's consent was given under a notice that has since changed materially."""
    application = member_application(session, member)
    record = latest_record(session, application) if application else None
    return record is not None and record.status is ConsentStatus.GRANTED and \
        bool(set(record.scopes) & _paused_purposes(session, record))


def is_in_place(session: Session, application: Application) -> bool:
    """Consent is not needed, or a guardian's consent is in force now."""
    if not application.needs_consent:
        return True
    record = latest_record(session, application)
    return record is not None and record.status is ConsentStatus.GRANTED


def change_to_tell(session: Session, member: User) -> ConsentRecord | None:
    """The newest change the member has not yet acknowledged: a guardian's change, or the
    end of a guardian's consent at 18. Shown on every page until they press "OK"."""
    application = member_application(session, member)
    record = latest_record(session, application) if application else None
    if record is None or record.member_told_at is not None or record.method == "self":
        return None
    changed = record.replaces_id is not None or record.status is ConsentStatus.LAPSED
    return record if changed else None


def mark_told(session: Session, member: User, record_id: int, now: datetime) -> None:
    """The member read the notice about this change."""
    record = change_to_tell(session, member)
    if record is not None and record.id == record_id:
        record.member_told_at = now
        session.flush()


def can_confirm_own_consent(session: Session, member: User, now: datetime) -> bool:
    """A member who has reached their country's consent age may consent for themselves."""
    application = member_application(session, member)
    return application is not None and not required_for(
        session, application.country, application.date_of_birth, now)


def confirm_own_consent(session: Session, member: User, scopes: list[str],
                        now: datetime) -> None:
    """The teen takes over their own consent; the guardian's record is superseded."""
    if not can_confirm_own_consent(session, member, now):
        raise DomainError("A parent or carer still decides this for you until you reach "
                          "the consent age.")
    application = member_application(session, member)
    chosen = [p for p in PURPOSES if p in scopes]
    close_waiting_requests(session, application)
    _write_record(session, application, latest_record(session, application), chosen, now,
                  method="self")
    audit.record(session, member, "consent.self_confirmed", application, {"scopes": chosen},
                 now=now)


# The daily sweep ----------------------------------------------------------------------------

@dataclass
class SweepResult:
    """What one sweep did."""

    reminded: int = 0
    expired: int = 0
    lapsed: int = 0


def sweep(session: Session, now: datetime) -> SweepResult:
    """Remind on day 3 and 6, expire on day 7, lapse guardian consent at 18. Idempotent."""
    result = SweepResult()
    # Lapse first: a guardian is never reminded about a member who has just turned 18.
    for record in _records_in_force(session):
        application = session.get(Application, record.application_id)
        if record.method == "email_link" and age_on(application.date_of_birth,
                                                    now.date()) >= DEFAULT_CONSENT_AGE:
            record.end(ConsentStatus.LAPSED, now)
            record.guardian_token_hash = None  # a guardian no longer decides for an adult
            close_waiting_requests(session, application)
            audit.record(session, None, "consent.lapsed", record, now=now)
            result.lapsed += 1
    waiting = session.scalars(select(ConsentRequest).where(
        ConsentRequest.status == RequestStatus.REQUESTED)).all()
    for request in waiting:
        if now >= request.expires_at:
            _expire(session, request, now)
            result.expired += 1
        elif _reminder_due(request, now):
            _remind(session, request, now)
            result.reminded += 1
    session.flush()
    return result


def _records_in_force(session: Session) -> list[ConsentRecord]:
    return list(session.scalars(select(ConsentRecord).where(
        ConsentRecord.status == ConsentStatus.GRANTED)))


def _reminders_due(request: ConsentRequest, now: datetime) -> int:
    days = (now - request.created_at).days
    return sum(1 for day in REMINDER_DAYS if days >= day)


def _reminder_due(request: ConsentRequest, now: datetime) -> bool:
    return _reminders_due(request, now) > request.reminders_sent


def _remind(session: Session, request: ConsentRequest, now: datetime) -> None:
    # Tokens are not stored, so a reminder carries a new link; the first one still works.
    token = _new_link(request, now)
    # A missed day-3 run does not mean two emails on day 6: one reminder, counted as both.
    request.reminders_sent = _reminders_due(request, now)
    application = session.get(Application, request.application_id)
    mail.queue(session, request.guardian_email, "consent_reminder",
               "Reminder: can your child join a youth council?", application=application,
               link=_request_link(token), expires_at=request.expires_at)
    audit.record(session, None, "consent.reminded", request,
                 {"reminder": request.reminders_sent}, now=now)


def _expire(session: Session, request: ConsentRequest, now: datetime) -> None:
    request.expire()
    application = session.get(Application, request.application_id)
    audit.record(session, None, "consent.expired", request, now=now)
    if application.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.IN_REVIEW,
                              ApplicationStatus.WAITLISTED):
        return  # an unanswered re-consent: participation stays paused, the member stays
    if application.status is ApplicationStatus.AWAITING_CONSENT:
        _withdraw_with_notice(session, application, "consent_expired_teen", now)
    _erase_guardian_address(session, application)


def _erase_guardian_address(session: Session, application: Application) -> None:
    """No answer: we keep no address we were not asked to keep, in any request or email."""
    from council.applications import services as applications  # avoids an import cycle

    address = application.guardian_email or next(
        (r.guardian_email for r in session.scalars(select(ConsentRequest).where(
            ConsentRequest.application_id == application.id)) if r.guardian_email), None)
    application.guardian_email = None
    for request in session.scalars(select(ConsentRequest).where(
            ConsentRequest.application_id == application.id)):
        request.guardian_email = None
    if address and not applications.address_still_used(session, address, application.id):
        session.execute(delete(OutboxMessage).where(OutboxMessage.to_address == address))


# Staff overview -----------------------------------------------------------------------------

@dataclass
class Overview:
    """Consent in one cohort, for staff."""

    request_counts: dict[str, int]
    record_counts: dict[str, int]
    waiting: list[ConsentRequest]
    disputed: list[ConsentRequest]


def overview(session: Session, cohort: Cohort) -> Overview:
    """Counts per state, the requests waiting and the disputes of a cohort."""
    in_cohort = select(Application.id).where(Application.cohort_id == cohort.id)
    requests = list(session.scalars(select(ConsentRequest).where(
        ConsentRequest.application_id.in_(in_cohort)).order_by(ConsentRequest.created_at)))
    records = session.execute(select(ConsentRecord.status, func.count()).where(
        ConsentRecord.application_id.in_(in_cohort)).group_by(ConsentRecord.status)).all()
    request_counts = {s.value: 0 for s in RequestStatus}
    for request in requests:
        request_counts[request.status.value] += 1
    return Overview(request_counts, {status.value: n for status, n in records},
                    [r for r in requests if r.status is RequestStatus.REQUESTED],
                    [r for r in requests if r.status is RequestStatus.DISPUTED])
