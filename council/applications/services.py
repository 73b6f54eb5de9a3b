"""Application rules: cohorts, applying, blind review, decisions and retention."""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from council import audit, mail, security
from council.accounts import services as accounts
from council.accounts.models import Role, User
from council.consent import services as consent
from council.applications.models import (DECIDABLE, Application, ApplicationStatus, Cohort,
                                         CohortReviewer, CohortStatus, DiversityAnswer,
                                         EssayAnswer, EssayQuestion, Membership, Review,
                                         ReviewScore, RubricCriterion)
from council.domain import DomainError, InvalidTransition, NotAllowed
from council.mail import OutboxMessage
from council.settings import get_setting

#: councils are for teens; adults never join a cohort
AGE_LIMITS = (13, 17)
#: staff dashboards show counts under this as "<5"
STAFF_DASHBOARD_K = 5
#: a second "send" with unchanged answers within this time is a double click: no new email
RESEND_AFTER = timedelta(minutes=1)
LINK_LIFETIMES = {"application": timedelta(days=400), "confirm_application": timedelta(days=7)}

DIVERSITY_QUESTIONS = {
    "gender": ("How do you describe your gender?",
               ["Girl", "Boy", "Non-binary", "I describe myself another way"]),
    "disability": ("Do you have a disability or long-term health condition?", ["Yes", "No"]),
    "area": ("Where do you live?", ["A city", "A town", "A village or the countryside"]),
}
PREFER_NOT_TO_SAY = "Prefer not to say"


class ApplicationLinkInvalid(DomainError):
    """An emailed application link that is wrong, used already or too old."""


# Cohorts ----------------------------------------------------------------------------------

@dataclass
class CohortData:
    """What staff enter for a cohort."""

    name: str
    year: int
    opens_at: datetime
    closes_at: datetime
    places: int
    min_age: int = 13
    max_age: int = 17
    reviewers_per_application: int = 2
    #: (prompt, word limit) in order
    questions: list[tuple[str, int]] = field(default_factory=list)
    #: (name, weight) in order
    criteria: list[tuple[str, int]] = field(default_factory=list)


def _check_cohort(data: CohortData) -> None:
    if data.places < 1:
        raise DomainError("A cohort needs at least one place.", field="places")
    if not 1 <= data.reviewers_per_application <= 5:
        raise DomainError("Choose from 1 to 5 reviewers per application.",
                          field="reviewers_per_application")
    if any(not 10 <= limit <= 1000 for _prompt, limit in data.questions):
        raise DomainError("Word limits must be from 10 to 1000.", field="questions")
    if any(not 1 <= weight <= 10 for _name, weight in data.criteria):
        raise DomainError("Weights must be from 1 to 10.", field="criteria")
    if data.closes_at <= data.opens_at:
        raise DomainError("The closing time must be after the opening time.", field="closes_at")
    if not (AGE_LIMITS[0] <= data.min_age <= data.max_age <= AGE_LIMITS[1]):
        raise DomainError(f"Ages must be from {AGE_LIMITS[0]} to {AGE_LIMITS[1]}, youngest "
                          "first.", field="max_age")


def _set_questions(cohort: Cohort, data: CohortData) -> None:
    cohort.questions = [EssayQuestion(position=n, prompt=security.clean_text(prompt),
                                      word_limit=limit)
                        for n, (prompt, limit) in enumerate(data.questions, 1)]
    cohort.criteria = [RubricCriterion(position=n, name=security.clean_text(name), weight=weight)
                       for n, (name, weight) in enumerate(data.criteria, 1)]


def _same_questions(cohort: Cohort, data: CohortData) -> bool:
    clean = security.clean_text
    return ([(q.prompt, q.word_limit) for q in cohort.questions]
            == [(clean(prompt), limit) for prompt, limit in data.questions]
            and [(c.name, c.weight) for c in cohort.criteria]
            == [(clean(name), weight) for name, weight in data.criteria])


def create_cohort(session: Session, data: CohortData, by: User, now: datetime) -> Cohort:
    """A new cohort in draft."""
    _check_cohort(data)
    cohort = Cohort(name=security.clean_text(data.name), year=data.year, opens_at=data.opens_at,
                    closes_at=data.closes_at, places=data.places, min_age=data.min_age,
                    max_age=data.max_age,
                    reviewers_per_application=data.reviewers_per_application)
    _set_questions(cohort, data)
    session.add(cohort)
    session.flush()
    audit.record(session, by, "cohort.created", cohort, now=now)
    return cohort


def update_cohort(session: Session, cohort: Cohort, data: CohortData, by: User,
                  now: datetime) -> None:
    """Change a cohort; its questions and rubric only while it is a draft."""
    _check_cohort(data)
    if cohort.status is CohortStatus.ARCHIVED:
        raise NotAllowed("An archived cohort cannot be changed.")
    if not _same_questions(cohort, data):
        if not cohort.questions_editable:
            raise DomainError("Questions and rubric are fixed once a cohort has opened.",
                              field="questions")
        _set_questions(cohort, data)
    cohort.name, cohort.year = security.clean_text(data.name), data.year
    cohort.opens_at, cohort.closes_at, cohort.places = data.opens_at, data.closes_at, data.places
    cohort.min_age, cohort.max_age = data.min_age, data.max_age
    cohort.reviewers_per_application = data.reviewers_per_application
    session.flush()
    audit.record(session, by, "cohort.updated", cohort, now=now)


def change_cohort_state(session: Session, cohort: Cohort, action: str, by: User,
                        now: datetime) -> None:
    """Open, close or archive a cohort."""
    transitions = {"open": (cohort.open, "cohort.opened"),
                   "close": (cohort.close, "cohort.closed"),
                   "archive": (cohort.archive, "cohort.archived")}
    change, event = transitions[action]
    change()
    session.flush()
    audit.record(session, by, event, cohort, now=now)


def list_cohorts(session: Session) -> list[Cohort]:
    """Every cohort, newest first."""
    return list(session.scalars(select(Cohort).order_by(Cohort.year.desc(), Cohort.id.desc())))


def list_open_cohorts(session: Session, now: datetime) -> list[Cohort]:
    """Cohorts taking applications now."""
    return list(session.scalars(select(Cohort).where(
        Cohort.status == CohortStatus.OPEN, Cohort.opens_at <= now, Cohort.closes_at > now
    ).order_by(Cohort.closes_at)))


def possible_reviewers(session: Session) -> list[User]:
    """Active staff and moderators, who may review."""
    return list(session.scalars(select(User).where(
        User.role.in_([Role.STAFF, Role.MODERATOR]), User.is_active.is_(True)
    ).order_by(User.display_name)))


def set_reviewers(session: Session, cohort: Cohort, user_ids: list[int], by: User,
                  now: datetime) -> None:
    """Choose who reviews this cohort, then give waiting applications their reviewers."""
    allowed = {u.id for u in possible_reviewers(session)}
    if not set(user_ids) <= allowed:
        raise DomainError("Reviewers must be active staff or moderators.", field="reviewers")
    if by.id in {r.user_id for r in cohort.reviewers} and by.id not in user_ids:
        raise NotAllowed("You review this cohort, so another staff member must take you off.")
    cohort.reviewers = [CohortReviewer(user_id=uid) for uid in sorted(set(user_ids))]
    session.flush()
    # Reviews not yet sent by people taken off go to someone else.
    for review in session.scalars(select(Review).join(Application).where(
            Application.cohort_id == cohort.id, Review.submitted_at.is_(None),
            Review.reviewer_id.not_in(user_ids or [0]))):
        review.application.reviews.remove(review)
    session.flush()
    audit.record(session, by, "cohort.reviewers_set", cohort, {"reviewers": len(user_ids)},
                 now=now)
    for application in session.scalars(select(Application).where(
            Application.cohort_id == cohort.id,
            Application.status == ApplicationStatus.IN_REVIEW)):
        assign_reviewers(session, application, now)


# Applying ---------------------------------------------------------------------------------

@dataclass
class ApplicantData:
    """What a teen enters on the first page."""

    first_name: str
    email: str
    date_of_birth: date
    country: str
    region: str


def _binding(application: Application, purpose: str) -> str:
    # The confirm link is also bound to the moment the answers were sent: changing them
    # afterwards (a new sent_at) kills it, and so does using it (the status moves on).
    sent = repr(application.sent_at.timestamp()) if application.sent_at else ""
    state = application.link_stamp + (sent if purpose == "confirm_application" else "")
    return security.link_binding(purpose, state)


def make_token(application: Application, purpose: str) -> str:
    """A signed token for an emailed link to this application."""
    return security.sign_link(purpose, application.id, _binding(application, purpose))


def application_from_token(session: Session, token: str, purpose: str) -> Application:
    """The application a link points to, or ApplicationLinkInvalid. Changes nothing."""
    try:
        app_id, bound = security.read_link(token, purpose, LINK_LIFETIMES[purpose])
    except security.LinkExpired:
        raise ApplicationLinkInvalid("This link is too old.") from None
    except security.LinkBroken:
        raise ApplicationLinkInvalid("This link is not valid. Check you copied all of it.") \
            from None
    application = session.get(Application, app_id)
    if application is None or _binding(application, purpose) != bound:
        raise ApplicationLinkInvalid("This link has been used already or is no longer valid.")
    return application


def _link(endpoint: str, token: str) -> str:
    return accounts.absolute_url(endpoint, token=token)


def start_application(session: Session, cohort: Cohort, data: ApplicantData,
                      now: datetime) -> Application | None:
    """Begin an application and email the link to go on; the page says the same whether or not
    this email has applied already, and the email tells the truth."""
    if not cohort.is_accepting(now):
        raise DomainError("This cohort is not taking applications now.")
    age = consent.age_on(data.date_of_birth, now.date())
    if not cohort.min_age <= age <= cohort.max_age:
        raise DomainError(f"Thank you for your interest! This council is for people aged "
                          f"{cohort.min_age} to {cohort.max_age}, so we cannot take your "
                          "application this time.", field="date_of_birth")
    email = accounts.normalise_email(data.email)
    needs_consent = consent.required_for(session, data.country, data.date_of_birth, now)
    existing = _existing(session, cohort, email)
    if existing is not None:
        # The same page as for a new application, and much the same work (a lookup, a row
        # written, an email queued), so neither text nor timing tells who has applied.
        audit.record(session, None, "application.start_repeated", existing, now=now)
        session.flush()
        _tell_already_applied(session, cohort, existing)
        return None
    application = Application(
        cohort=cohort, first_name=security.clean_text(data.first_name), email=email,
        date_of_birth=data.date_of_birth, country=data.country.upper(),
        region=security.clean_text(data.region), link_stamp=secrets.token_hex(16),
        needs_consent=needs_consent,
        created_at=now, updated_at=now)
    try:
        with session.begin_nested():  # a double click racing this one hits the unique key
            session.add(application)
    except IntegrityError:
        _tell_already_applied(session, cohort, _existing(session, cohort, email))
        return None
    audit.record(session, None, "application.started", application, now=now)
    mail.queue(session, email, "application_continue", "Carry on with your application",
               cohort=cohort, application=application,
               link=_link("applications.continue_application",
                          make_token(application, "application")))
    return application


def _existing(session: Session, cohort: Cohort, email: str) -> Application | None:
    return session.scalar(select(Application).where(Application.cohort_id == cohort.id,
                                                    Application.email == email))


def _tell_already_applied(session: Session, cohort: Cohort, existing: Application) -> None:
    mail.queue(session, existing.email, "application_exists", "You already applied",
               cohort=cohort, link=_link("applications.continue_application",
                                         make_token(existing, "application")))


@dataclass
class ApplicationAnswers:
    """What a teen enters on the second page."""

    guardian_email: str | None
    #: question id -> text
    essays: dict[int, str]
    #: question key -> answer (missing: not answered)
    diversity: dict[str, str]


def _word_count(text: str) -> int:
    return len(text.split())


def save_answers(session: Session, application: Application, answers: ApplicationAnswers,
                 now: datetime) -> None:
    """Store the second page (a draft may be incomplete); refused once the window closes."""
    if application.status is not ApplicationStatus.DRAFT:
        raise NotAllowed("This application has been sent, so it cannot be changed.")
    if not application.cohort.is_accepting(now):
        raise DomainError("Applications for this cohort have closed, so we could not save "
                          "this. What you typed is still below.")
    for question in application.cohort.questions:
        text = security.clean_text(answers.essays.get(question.id, ""))
        if _word_count(text) > question.word_limit:
            raise DomainError(f"Please keep this to {question.word_limit} words.",
                              field=f"essay_{question.id}")
        _answer_for(application, question).text = text
    if application.needs_consent:
        application.guardian_email = (accounts.normalise_email(answers.guardian_email)
                                      if answers.guardian_email else None)
        if application.guardian_email == application.email:
            raise DomainError("Please give your parent's or carer's email, not your own.",
                              field="guardian_email")
    _set_diversity(application, answers.diversity)
    application.updated_at = now
    application.sent_at = None  # changed answers must be sent (and checked) again
    session.flush()


def _answer_for(application: Application, question: EssayQuestion) -> EssayAnswer:
    for answer in application.answers:
        if answer.question_id == question.id:
            return answer
    answer = EssayAnswer(question_id=question.id, text="")
    application.answers.append(answer)
    return answer


def _set_diversity(application: Application, given: dict[str, str]) -> None:
    valid = {key: answer for key, answer in given.items()
             if key in DIVERSITY_QUESTIONS
             and answer in [*DIVERSITY_QUESTIONS[key][1], PREFER_NOT_TO_SAY]}
    # Change rows in place: replacing them would insert before deleting and break the unique key.
    for row in list(application.diversity):
        if row.question in valid:
            row.answer = valid.pop(row.question)
        else:
            application.diversity.remove(row)
    application.diversity.extend(DiversityAnswer(question=key, answer=answer)
                                 for key, answer in sorted(valid.items()))


def send_application(session: Session, application: Application, answers: ApplicationAnswers,
                     now: datetime) -> None:
    """Save the answers, check nothing required is missing, and email the confirmation link.
    A second click within a minute, with the same answers, sends no second email."""
    before, sent_before = _answers_digest(application), application.sent_at
    save_answers(session, application, answers, now)
    if sent_before and now - sent_before < RESEND_AFTER and _answers_digest(application) == before:
        application.sent_at = sent_before  # the link already emailed stays the one that works
        session.flush()
        return
    for question in application.cohort.questions:
        if not _answer_for(application, question).text:
            raise DomainError("Please answer this question.", field=f"essay_{question.id}")
    if application.needs_consent and not application.guardian_email:
        raise DomainError("Please give your parent's or carer's email.", field="guardian_email")
    application.sent_at = now
    session.flush()
    audit.record(session, None, "application.sent", application, now=now)
    mail.queue(session, application.email, "application_confirm", "Confirm your application",
               cohort=application.cohort, application=application,
               link=_link("applications.confirm_application",
                          make_token(application, "confirm_application")))


def _answers_digest(application: Application) -> tuple:
    return (application.guardian_email,
            tuple(sorted((a.question_id, a.text) for a in application.answers)),
            tuple(sorted((d.question, d.answer) for d in application.diversity)))


def confirm_application(session: Session, token: str, now: datetime) -> Application:
    """The emailed confirmation: the application is submitted, then waits for consent or
    goes to its reviewers. The link works once."""
    application = application_from_token(session, token, "confirm_application")
    session.refresh(application, with_for_update=True)  # a double click confirms once
    if application.status is not ApplicationStatus.DRAFT or application.sent_at is None:
        raise ApplicationLinkInvalid("This application is already confirmed.")
    application.submit(now)
    audit.record(session, None, "application.submitted", application, now=now)
    if application.needs_consent:
        application.await_consent()
        audit.record(session, None, "application.awaiting_consent", application, now=now)
        consent.request_consent(session, application, now)
    else:
        begin_review(session, application, now)
    session.flush()
    return application


def withdraw_application(session: Session, application: Application, now: datetime) -> None:
    """The applicant withdraws; every reviewer stops seeing it, and no guardian is asked."""
    application.withdraw(now)
    consent.close_waiting_requests(session, application)
    session.flush()
    audit.record(session, None, "application.withdrawn", application, now=now)


# Review -----------------------------------------------------------------------------------

def begin_review(session: Session, application: Application, now: datetime) -> None:
    """Move to review and assign reviewers (the consent issue calls this when consent comes)."""
    application.start_review()
    audit.record(session, None, "application.in_review", application, now=now)
    assign_reviewers(session, application, now)


def assign_reviewers(session: Session, application: Application, now: datetime) -> None:
    """Give the application its reviewers: the least loaded first, never one twice."""
    missing = application.cohort.reviewers_per_application - len(application.reviews)
    if missing <= 0:
        return
    taken = {review.reviewer_id for review in application.reviews}
    pool = [r.user_id for r in application.cohort.reviewers if r.user_id not in taken]
    load = dict(session.execute(
        select(Review.reviewer_id, func.count(Review.id))
        .join(Application).where(Application.cohort_id == application.cohort_id)
        .group_by(Review.reviewer_id)).all())
    for reviewer_id in sorted(pool, key=lambda uid: (load.get(uid, 0), uid))[:missing]:
        application.reviews.append(Review(reviewer_id=reviewer_id, assigned_at=now))
    session.flush()


def can_see_applicants(session: Session, user: User, cohort: Cohort) -> bool:
    """Staff see who applied, except staff who review this cohort or ever did: leaving the
    pool must not unblind the reviews they wrote."""
    if user.role not in (Role.STAFF, Role.ADMIN):
        return False
    if user.id in {r.user_id for r in cohort.reviewers}:
        return False
    reviewed = session.scalar(select(Review.id).join(Application).where(
        Application.cohort_id == cohort.id, Review.reviewer_id == user.id).limit(1))
    return reviewed is None


def list_reviews_for(session: Session, reviewer: User) -> list[Review]:
    """The reviewer's assignments on applications still in review, waiting ones first."""
    return list(session.scalars(
        select(Review).join(Application)
        .where(Review.reviewer_id == reviewer.id,
               Application.status == ApplicationStatus.IN_REVIEW)
        .order_by(Review.submitted_at.is_not(None), Review.assigned_at, Review.id)))


def can_review(user: User, review: Review) -> bool:
    """Only the assigned reviewer, still in the cohort's pool, while the application is in
    review."""
    pool = {r.user_id for r in review.application.cohort.reviewers}
    return (review.reviewer_id == user.id and user.id in pool
            and review.application.status is ApplicationStatus.IN_REVIEW)


def submit_review(session: Session, review: Review, scores: dict[int, int], comment: str,
                  now: datetime) -> None:
    """Score every criterion from 1 to 5, once."""
    if review.submitted_at is not None:
        raise DomainError("You have already sent this review.")
    criteria = review.application.cohort.criteria
    for criterion in criteria:
        if scores.get(criterion.id) not in range(1, 6):
            raise DomainError("Give a score from 1 to 5.", field=f"score_{criterion.id}")
    review.scores = [ReviewScore(criterion_id=c.id, score=scores[c.id]) for c in criteria]
    review.comment = security.clean_text(comment)
    review.submitted_at = now
    session.flush()
    audit.record(session, review.reviewer_id, "review.submitted", review, now=now)


def other_reviews(review: Review) -> list[Review]:
    """The other reviewers' sent reviews, only once this one is sent."""
    if review.submitted_at is None:
        return []
    return [r for r in review.application.reviews
            if r.id != review.id and r.submitted_at is not None]


# Decisions --------------------------------------------------------------------------------

@dataclass
class ApplicationSummary:
    """A row of the decisions table."""

    application: Application
    mean: float | None
    reviews_done: int
    reviews_assigned: int
    #: criteria where reviewers differ by 2 points or more
    disputed: list[str]


def weighted_mean(review: Review, weights: dict[int, int]) -> float:
    """The review's scores averaged with the criteria's weights."""
    total = sum(weights[s.criterion_id] for s in review.scores)
    return sum(s.score * weights[s.criterion_id] for s in review.scores) / total


def summarise(application: Application) -> ApplicationSummary:
    """Mean score, spread and review counts of one application."""
    criteria = application.cohort.criteria
    weights = {c.id: c.weight for c in criteria}
    done = [r for r in application.reviews if r.submitted_at is not None]
    means = [weighted_mean(r, weights) for r in done]
    disputed = []
    for criterion in criteria:
        given = [s.score for r in done for s in r.scores if s.criterion_id == criterion.id]
        if len(given) >= 2 and max(given) - min(given) >= 2:
            disputed.append(criterion.name)
    return ApplicationSummary(application, sum(means) / len(means) if means else None,
                              len(done), len(application.reviews), disputed)


SORTS = {
    "score": lambda s: (s.mean is None, -(s.mean or 0), s.application.id),
    "spread": lambda s: (not s.disputed, s.application.id),
    "reviews": lambda s: (s.reviews_done, s.application.id),
    "number": lambda s: s.application.id,
}


def list_summaries(session: Session, cohort: Cohort, status: ApplicationStatus | None,
                   sort: str) -> list[ApplicationSummary]:
    """Sent applications of the cohort with their scores, filtered and sorted."""
    query = select(Application).where(Application.cohort_id == cohort.id,
                                      Application.status != ApplicationStatus.DRAFT)
    if status is not None:
        query = query.where(Application.status == status)
    summaries = [summarise(a) for a in session.scalars(query)]
    return sorted(summaries, key=SORTS.get(sort, SORTS["score"]))


def count_accepted(session: Session, cohort: Cohort) -> int:
    """How many places are taken."""
    return session.scalar(select(func.count(Application.id)).where(
        Application.cohort_id == cohort.id,
        Application.status == ApplicationStatus.ACCEPTED)) or 0


DECISION_MAIL = {
    ApplicationStatus.ACCEPTED: ("application_accepted", "You have a place on the council"),
    ApplicationStatus.WAITLISTED: ("application_waitlisted", "You are on our waiting list"),
    ApplicationStatus.DECLINED: ("application_declined", "About your application"),
}


def decide(session: Session, cohort: Cohort, application_ids: list[int],
           decision: ApplicationStatus, by: User, now: datetime) -> int:
    """Decide for one or several applications at once; all or none. Returns how many."""
    applications = list(session.scalars(select(Application).where(
        Application.id.in_(application_ids), Application.cohort_id == cohort.id)))
    if not applications:
        raise DomainError("Choose at least one application.")
    session.refresh(cohort, with_for_update=True)  # two staff accepting at once share places
    undecidable = [a.id for a in applications
                   if a.status not in DECIDABLE or a.status is decision]
    if undecidable:
        raise InvalidTransition("Only applications in review or on the waiting list can be decided "
                          f"(not number {', '.join(map(str, undecidable))}). Nothing was changed.")
    if decision is ApplicationStatus.ACCEPTED:
        without = [a.id for a in applications if not consent.is_in_place(session, a)]
        if without:
            raise DomainError("A parent or carer has not agreed (or has withdrawn consent) "
                              f"for number {', '.join(map(str, without))}, so they cannot be "
                              "accepted. Nothing was changed.")
        _check_can_be_members(session, applications)
        free = cohort.places - count_accepted(session, cohort)
        if len(applications) > free:
            raise DomainError(f"Only {free} of {cohort.places} places are left, so you cannot "
                              f"accept {len(applications)}.")
    for application in applications:
        application.decide(decision, now, by.id)
        audit.record(session, by, f"application.{decision.value}", application, now=now)
        _tell_decision(session, application, decision, now)
    session.flush()
    return len(applications)


def _check_can_be_members(session: Session, applications: list[Application]) -> None:
    adults = session.scalars(select(User.email).where(
        User.email.in_([a.email for a in applications]), User.role != Role.MEMBER)).all()
    if adults:
        raise DomainError("An applicant's email belongs to an adult account, so they cannot "
                          "become a member. Nothing was changed.")


def _tell_decision(session: Session, application: Application, decision: ApplicationStatus,
                   now: datetime) -> None:
    template, subject = DECISION_MAIL[decision]
    link = None
    if decision is ApplicationStatus.ACCEPTED:
        member = _make_member(session, application, now)
        link = accounts.password_setup_link(member)
    mail.queue(session, application.email, template, subject, cohort=application.cohort,
               application=application, link=link,
               status_link=_link("applications.continue_application",
                                 make_token(application, "application")))


def _make_member(session: Session, application: Application, now: datetime) -> User:
    """A member account in the cohort; reached here only with consent in place or not needed."""
    if application.status is not ApplicationStatus.ACCEPTED:
        raise NotAllowed("Only accepted applicants become members.")
    member = accounts.get_user_by_email(session, application.email)
    if member is None:
        member = accounts.create_user(session, application.email, application.first_name,
                                      Role.MEMBER)
    if session.get(Membership, (application.cohort_id, member.id)) is None:
        session.add(Membership(cohort_id=application.cohort_id, user_id=member.id, joined_at=now))
    application.member_id = member.id
    audit.record(session, None, "membership.created", member,
                 {"cohort_id": application.cohort_id}, now=now)
    return member


def diversity_overview(session: Session, cohort: Cohort) -> dict[str, list[tuple[str, str]]]:
    """Counts of diversity answers among sent applications; small counts shown as "<5"."""
    rows = session.execute(
        select(DiversityAnswer.question, DiversityAnswer.answer, func.count())
        .join(Application).where(Application.cohort_id == cohort.id,
                                 Application.status != ApplicationStatus.DRAFT)
        .group_by(DiversityAnswer.question, DiversityAnswer.answer)).all()
    counts = Counter({(q, a): n for q, a, n in rows})
    overview = {}
    for key, (_text, options) in DIVERSITY_QUESTIONS.items():
        overview[key] = [(option, _suppressed(counts[(key, option)]))
                         for option in [*options, PREFER_NOT_TO_SAY]]
    return overview


def _suppressed(count: int) -> str:
    return f"<{STAFF_DASHBOARD_K}" if 0 < count < STAFF_DASHBOARD_K else str(count)


# Retention --------------------------------------------------------------------------------

def expired_application_ids(session: Session, now: datetime) -> list[int]:
    """Declined, withdrawn and never-sent applications past the retention period."""
    cutoff = now - timedelta(days=get_setting(session, "application_retention_days"))
    return list(session.scalars(select(Application.id).join(Cohort).where(or_(
        and_(Application.status == ApplicationStatus.DECLINED, Application.decided_at < cutoff),
        and_(Application.status == ApplicationStatus.WITHDRAWN,
             Application.withdrawn_at < cutoff),
        and_(Application.status == ApplicationStatus.DRAFT, Application.updated_at < cutoff,
             Cohort.status.in_([CohortStatus.CLOSED, CohortStatus.ARCHIVED])),
    )).order_by(Application.id)))


def erase_application(session: Session, application_id: int) -> None:
    """Delete the application with its answers, diversity answers and reviews, and the sent
    emails that quote the applicant's or guardian's address and name."""
    application = session.get(Application, application_id)
    if application is None:
        return
    addresses = [a for a in (application.email, application.guardian_email) if a
                 and not address_still_used(session, a, application.id)]
    session.execute(delete(OutboxMessage).where(OutboxMessage.to_address.in_(addresses)))
    session.delete(application)
    session.flush()


def address_still_used(session: Session, address: str, application_id: int) -> bool:
    """Whether another application or an account still writes to this address."""
    other = session.scalar(select(Application.id).where(
        Application.id != application_id,
        or_(Application.email == address, Application.guardian_email == address)).limit(1))
    return other is not None or accounts.get_user_by_email(session, address) is not None


def record_purge(session: Session, erased: int, now: datetime) -> None:
    """One audit entry that counts what the purge erased."""
    audit.record(session, None, "applications.purged", None, {"erased": erased}, now=now)
