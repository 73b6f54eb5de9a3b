"""Small builders for application tests: each takes the session and overrides.

Services that queue mail or build links need a request context; the callers provide it.
"""
from __future__ import annotations

import itertools
import re
import secrets
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask import current_app
from sqlalchemy.orm import Session

from council.accounts.models import Role, User
from council.applications import services
from council.applications.models import Application, ApplicationStatus, Cohort
from tests.conftest import NOW

_numbers = itertools.count(1)

QUESTIONS = [("Why do you want to join?", 50), ("What should apps do better?", 20)]
#: weights 3 and 1, so a weighted mean differs from a plain one
CRITERIA = [("Insight", 3), ("Clarity", 1)]


def born(age: int, on: datetime = NOW) -> date:
    """A date of birth that makes someone exactly `age` (birthday already passed) on `on`."""
    return date(on.year - age, 1, 15)


def make_staff(session: Session, role: Role = Role.STAFF, *, count: int | None = None,
               **overrides: Any) -> Any:
    """An active adult account (or a list of `count`), stored with one flush: no password or
    TOTP, which services do not need (tests.factories.make_user is the full version)."""
    users = []
    for _ in range(count or 1):
        n = next(_numbers)
        values = {"email": f"{role.value}-{n}@example.com", "display_name": f"{role.label} {n}",
                  "role": role, "security_stamp": secrets.token_hex(16)}
        users.append(User(**(values | overrides)))
    session.add_all(users)
    session.flush()
    return users if count is not None else users[0]


def cohort_data(**overrides: Any) -> services.CohortData:
    """Valid cohort data whose window contains NOW."""
    values: dict[str, Any] = {
        "name": "Council 2027", "year": 2027, "opens_at": NOW - timedelta(days=7),
        "closes_at": NOW + timedelta(days=7), "places": 10, "min_age": 13, "max_age": 17,
        "reviewers_per_application": 2, "questions": list(QUESTIONS),
        "criteria": list(CRITERIA)}
    return services.CohortData(**(values | overrides))


def make_cohort(session: Session, *, reviewers: int = 2, status: str = "open",
                by: User | None = None, **overrides: Any) -> Cohort:
    """A cohort (open unless status="draft") with two questions, two weighted criteria and
    `reviewers` staff reviewers in its pool."""
    by = by or make_staff(session)
    cohort = services.create_cohort(session, cohort_data(**overrides), by, NOW)
    if status != "draft":
        services.change_cohort_state(session, cohort, "open", by, NOW)
    if reviewers:
        pool = make_staff(session, count=reviewers)
        services.set_reviewers(session, cohort, [u.id for u in pool], by, NOW)
    return cohort


def applicant_data(**overrides: Any) -> services.ApplicantData:
    """A 15-year-old from GB with a fresh email."""
    values: dict[str, Any] = {
        "first_name": "Ada", "email": f"applicant{next(_numbers)}@example.com",
        "date_of_birth": born(15), "country": "GB", "region": "Yorkshire"}
    return services.ApplicantData(**(values | overrides))


def answers_for(cohort: Cohort, **overrides: Any) -> services.ApplicationAnswers:
    """Complete answers: every essay answered within its limit, a guardian email."""
    values: dict[str, Any] = {
        "guardian_email": f"guardian{next(_numbers)}@example.com",
        "essays": {q.id: "I care about being safe online." for q in cohort.questions},
        "diversity": {}}
    return services.ApplicationAnswers(**(values | overrides))


def start(session: Session, cohort: Cohort, now: datetime = NOW, **overrides: Any) -> Application:
    """A started draft application."""
    application = services.start_application(session, cohort, applicant_data(**overrides), now)
    assert application is not None
    return application


def send(session: Session, application: Application, now: datetime = NOW,
         **overrides: Any) -> str:
    """Send the application; returns the confirmation token that was emailed."""
    services.send_application(session, application, answers_for(application.cohort,
                                                                **overrides), now)
    return services.make_token(application, "confirm_application")


def make_application(session: Session, cohort: Cohort,
                     status: ApplicationStatus = ApplicationStatus.IN_REVIEW,
                     now: datetime = NOW, by: User | None = None,
                     **overrides: Any) -> Application:
    """An application brought to `status` through the services. An 18-year-old goes straight
    to review; the default 15-year-old waits for consent (in review once consent arrives)."""
    application = start(session, cohort, now, **overrides)
    if status is ApplicationStatus.DRAFT:
        return application
    token = send(session, application, now)
    services.confirm_application(session, token, now)
    if status is ApplicationStatus.AWAITING_CONSENT:
        return application
    if application.status is ApplicationStatus.AWAITING_CONSENT:
        grant_consent(session, application, now=now)
    if status in (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
                  ApplicationStatus.DECLINED):
        services.decide(session, cohort, [application.id], status,
                        by or make_staff(session), now)
    elif status is ApplicationStatus.WITHDRAWN:
        services.withdraw_application(session, application, now)
    assert application.status is status
    return application


def token_in(url: str) -> tuple[str, str]:
    """The endpoint a emailed link points at and the token it carries."""
    parts = urlsplit(url)
    base = urlsplit(current_app.config["BASE_URL"])
    path = parts.path[len(base.path.rstrip("/")):] if base.path else parts.path
    endpoint, args = current_app.url_map.bind(parts.netloc).match(path)
    token = args.get("token") or parse_qs(parts.query)["token"][0]
    return endpoint, token


def mails(session: Session, to: str | None = None, template: str | None = None) -> list:
    """The outbox, oldest first, for an address and/or a template."""
    from sqlalchemy import select

    from council.mail import OutboxMessage

    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if to is not None:
        query = query.where(OutboxMessage.to_address == to)
    if template is not None:
        query = query.where(OutboxMessage.template == template)
    return list(session.scalars(query))


def link_in(message: Any) -> str:
    """The first web link in an outbox message's text."""
    return re.search(r"https?://\S+", message.body_text).group(0)


def emailed_token(session: Session, to: str, template: str) -> str:
    """The token in the newest email of this kind to this address (tokens are stored hashed,
    so the email is the only place a test can find one, as for a real guardian)."""
    from sqlalchemy import select

    from council.mail import OutboxMessage

    body = session.scalars(select(OutboxMessage.body_text).where(
        OutboxMessage.to_address == to, OutboxMessage.template == template
    ).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"/guardian/(?:consent/)?([A-Za-z0-9_-]+)", body).group(1)


def grant_consent(session: Session, application: Application, scopes=None,
                  now: datetime = NOW) -> str:
    """The guardian grants (all purposes unless told) from the emailed link; returns the
    token of the guardian's own page, from the receipt."""
    from council.consent import services as consent
    from council.consent.models import PURPOSES

    token = emailed_token(session, application.guardian_email, "consent_request")
    answer = consent.GuardianAnswer(list(PURPOSES if scopes is None else scopes),
                                    "Sam Parent", "mother")
    return consent.grant(session, token, answer, now)


def own_consent_country(session: Session, country: str = "SE") -> str:
    """Lower a country's consent age to its legal floor (13 for Sweden), so that teens from
    there consent for themselves and go straight to review."""
    from council.consent import services as consent

    consent.set_consent_age(session, country, consent.legal_floor(country),
                            make_staff(session, Role.ADMIN), NOW)
    return country
