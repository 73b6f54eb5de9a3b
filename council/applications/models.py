"""Cohorts, applications and their blind reviews."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from council.db import Base, utcnow
from council.domain import InvalidTransition


class CohortStatus(enum.Enum):
    """A cohort is prepared, takes applications, stops, and is finally put away."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class Cohort(Base):
    """One year's council: its application window, places, questions and rubric."""

    __tablename__ = "cohort"
    __table_args__ = (
        CheckConstraint("min_age <= max_age", name="age_range"),
        CheckConstraint("places > 0", name="places_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    year: Mapped[int]
    status: Mapped[CohortStatus] = mapped_column(default=CohortStatus.DRAFT)
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    places: Mapped[int]
    min_age: Mapped[int] = mapped_column(default=13)
    max_age: Mapped[int] = mapped_column(default=17)
    reviewers_per_application: Mapped[int] = mapped_column(default=2)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list[EssayQuestion]] = relationship(
        back_populates="cohort", order_by="EssayQuestion.position", cascade="all, delete-orphan")
    criteria: Mapped[list[RubricCriterion]] = relationship(
        back_populates="cohort", order_by="RubricCriterion.position",
        cascade="all, delete-orphan")
    reviewers: Mapped[list[CohortReviewer]] = relationship(cascade="all, delete-orphan")

    def open(self) -> None:
        """Start taking applications; a cohort needs questions and a rubric first."""
        if self.status is not CohortStatus.DRAFT:
            raise InvalidTransition("Only a draft cohort can be opened.")
        if not self.questions or not self.criteria:
            raise InvalidTransition("Add at least one essay question and one rubric criterion "
                                    "before opening the cohort.")
        self.status = CohortStatus.OPEN

    def close(self) -> None:
        """Stop taking applications."""
        if self.status is not CohortStatus.OPEN:
            raise InvalidTransition("Only an open cohort can be closed.")
        self.status = CohortStatus.CLOSED

    def archive(self) -> None:
        """Put a finished cohort away."""
        if self.status is not CohortStatus.CLOSED:
            raise InvalidTransition("Only a closed cohort can be archived.")
        self.status = CohortStatus.ARCHIVED

    @property
    def questions_editable(self) -> bool:
        """Questions and rubric change only before anyone can apply."""
        return self.status is CohortStatus.DRAFT

    def is_accepting(self, now: datetime) -> bool:
        """Whether an application may be made or changed now."""
        return self.status is CohortStatus.OPEN and self.opens_at <= now < self.closes_at


class EssayQuestion(Base):
    """A question applicants answer in their own words, up to a word limit."""

    __tablename__ = "essay_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int]
    prompt: Mapped[str] = mapped_column(String(500))
    word_limit: Mapped[int]

    cohort: Mapped[Cohort] = relationship(back_populates="questions")


class RubricCriterion(Base):
    """One thing reviewers score from 1 to 5; its weight counts in the mean."""

    __tablename__ = "rubric_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[int] = mapped_column(default=1)

    cohort: Mapped[Cohort] = relationship(back_populates="criteria")


class CohortReviewer(Base):
    """A staff member or moderator who reviews this cohort's applications."""

    __tablename__ = "cohort_reviewer"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)


class ApplicationStatus(enum.Enum):
    """Where an application is; the last three are decisions."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWAITING_CONSENT = "awaiting_consent"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


#: states from which the applicant may still withdraw (a waitlist place is not final)
WITHDRAWABLE = {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED,
                ApplicationStatus.AWAITING_CONSENT, ApplicationStatus.IN_REVIEW,
                ApplicationStatus.WAITLISTED}
#: states from which staff may decide
DECIDABLE = {ApplicationStatus.IN_REVIEW, ApplicationStatus.WAITLISTED}
DECISIONS = {ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
             ApplicationStatus.DECLINED}


class Application(Base):
    """A teen's application to a cohort. Personal fields are erased by the retention purge."""

    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("cohort_id", "email", name="uq_application_cohort_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(default=ApplicationStatus.DRAFT,
                                                      index=True)
    first_name: Mapped[str] = mapped_column(String(60))
    #: stored lower-cased; one application per email per cohort
    email: Mapped[str] = mapped_column(String(254))
    date_of_birth: Mapped[date]
    #: ISO 3166-1 alpha-2
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(80))
    #: asked only when the applicant is under their country's consent age
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    needs_consent: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the applicant pressed "send"; the application counts once the email is confirmed
    sent_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: changes to kill every emailed link to this application
    link_stamp: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    cohort: Mapped[Cohort] = relationship()
    answers: Mapped[list[EssayAnswer]] = relationship(cascade="all, delete-orphan",
                                                      back_populates="application")
    diversity: Mapped[list[DiversityAnswer]] = relationship(cascade="all, delete-orphan")
    reviews: Mapped[list[Review]] = relationship(cascade="all, delete-orphan",
                                                 back_populates="application")

    def _move(self, allowed: set[ApplicationStatus], to: ApplicationStatus,
              message: str) -> ApplicationStatus:
        if self.status not in allowed:
            raise InvalidTransition(message)
        old, self.status = self.status, to
        return old

    def submit(self, now: datetime) -> None:
        """The applicant confirmed their email: the application counts."""
        self._move({ApplicationStatus.DRAFT}, ApplicationStatus.SUBMITTED,
                   "This application was already sent.")
        self.submitted_at = now

    def await_consent(self) -> None:
        """Wait for a parent or carer to answer."""
        self._move({ApplicationStatus.SUBMITTED}, ApplicationStatus.AWAITING_CONSENT,
                   "Only a submitted application can wait for consent.")

    def start_review(self) -> None:
        """Hand the application to its reviewers."""
        allowed = {ApplicationStatus.SUBMITTED, ApplicationStatus.AWAITING_CONSENT}
        if self.status is ApplicationStatus.SUBMITTED and self.needs_consent:
            raise InvalidTransition("This application needs consent before review.")
        self._move(allowed, ApplicationStatus.IN_REVIEW,
                   "Only a submitted application can go to review.")

    def decide(self, decision: ApplicationStatus, now: datetime, by_id: int) -> None:
        """Accept, waitlist or decline; a waitlisted application may be decided again."""
        if decision not in DECISIONS:
            raise InvalidTransition("A decision is accept, waitlist or decline.")
        self._move(DECIDABLE, decision, "Only applications in review or on the waitlist can "
                                        "be decided.")
        self.decided_at, self.decided_by_id = now, by_id

    def withdraw(self, now: datetime) -> None:
        """The applicant withdraws, any time before a final decision."""
        self._move(WITHDRAWABLE, ApplicationStatus.WITHDRAWN,
                   "This application can no longer be withdrawn.")
        self.withdrawn_at = now


class EssayAnswer(Base):
    """The applicant's answer to one essay question."""

    __tablename__ = "essay_answer"
    __table_args__ = (UniqueConstraint("application_id", "question_id",
                                       name="uq_essay_answer_application_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("essay_question.id"))
    text: Mapped[str] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="answers")
    question: Mapped[EssayQuestion] = relationship()


class DiversityAnswer(Base):
    """An optional diversity answer; shown to staff only in aggregate."""

    __tablename__ = "diversity_answer"
    __table_args__ = (UniqueConstraint("application_id", "question",
                                       name="uq_diversity_answer_application_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str] = mapped_column(String(64))


class Review(Base):
    """One reviewer's blind scoring of one application."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id",
                                       name="uq_review_application_reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    #: the reviewer's private note; staff see it, applicants never
    comment: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="reviews")
    scores: Mapped[list[ReviewScore]] = relationship(cascade="all, delete-orphan")


class ReviewScore(Base):
    """A 1-5 score for one rubric criterion."""

    __tablename__ = "review_score"
    __table_args__ = (
        UniqueConstraint("review_id", "criterion_id", name="uq_review_score_review_criterion"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"),
                                           index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criterion.id"))
    score: Mapped[int]


class Membership(Base):
    """An accepted applicant's member account in a cohort (one per year they are accepted)."""

    __tablename__ = "membership"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
