"""Application rules, called without HTTP: cohorts, applying, links, review, decisions,
the diversity overview and retention."""
from __future__ import annotations

from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, or_, select, text

from council.accounts.models import Role, User
from council.applications import services
from council.applications.models import (Application, ApplicationStatus, CohortStatus,
                                         DiversityAnswer, EssayAnswer, Membership, Review,
                                         ReviewScore)
from council.applications.services import ApplicationLinkInvalid
from council.audit import AuditEvent
from council.db import utcnow
from council.domain import DomainError, InvalidTransition, NotAllowed
from council.mail import OutboxMessage
from council.settings import update_settings
from tests.applications.builders import (mails as _mails, link_in as _link, answers_for, applicant_data, born, cohort_data,
                                         make_application, make_cohort, make_staff,
                                         own_consent_country, send, start, token_in)
from tests.conftest import NOW
from tests.factories import make_user

S = ApplicationStatus
DAY = timedelta(days=1)


pytestmark = pytest.mark.usefixtures("mail_context")


@pytest.fixture
def cohort(db_session, staff):
    """An open cohort (ages 13-17, 10 places) with two questions, two criteria, two reviewers."""
    return make_cohort(db_session, by=staff)


def _count(db_session, model, *where):
    return db_session.scalar(select(func.count()).select_from(model).where(*where))


def _actions(db_session, obj):
    return list(db_session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == type(obj).__name__.lower(), AuditEvent.object_id == obj.id)
        .order_by(AuditEvent.id)))


def _submitted_review(db_session, review, insight, clarity, now=NOW):
    first, second = review.application.cohort.criteria
    services.submit_review(db_session, review, {first.id: insight, second.id: clarity}, "", now)


# Cohorts ----------------------------------------------------------------------------------

def test_new_cohort_is_a_draft_with_its_questions_and_rubric_in_order(db_session, staff):
    cohort = services.create_cohort(db_session, cohort_data(name=" <b>Council</b> 2027 "),
                                    staff, NOW)
    assert cohort.status is CohortStatus.DRAFT and cohort.name == "Council 2027"
    assert [(q.position, q.prompt, q.word_limit) for q in cohort.questions] == [
        (1, "Why do you want to join?", 50), (2, "What should apps do better?", 20)]
    assert [(c.name, c.weight) for c in cohort.criteria] == [("Insight", 3), ("Clarity", 1)]
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.object_type == "cohort",
                                                        AuditEvent.object_id == cohort.id)).one()
    assert (event.action, event.actor_id) == ("cohort.created", staff.id)


@pytest.mark.parametrize("overrides, field", [
    ({"closes_at": NOW - 7 * DAY}, "closes_at"),                 # closes when it opens
    ({"closes_at": NOW - 8 * DAY}, "closes_at"),                 # closes before it opens
    ({"min_age": 12}, "max_age"),
    ({"max_age": 19}, "max_age"),
    ({"min_age": 16, "max_age": 15}, "max_age"),
])
def test_cohort_dates_and_ages_are_checked(db_session, staff, overrides, field):
    with pytest.raises(DomainError) as caught:
        services.create_cohort(db_session, cohort_data(**overrides), staff, NOW)
    assert caught.value.field == field
    assert _count(db_session, AuditEvent, AuditEvent.action == "cohort.created") == 0


def test_a_cohort_takes_teens_only(db_session, staff):
    cohort = services.create_cohort(db_session, cohort_data(min_age=13, max_age=17), staff, NOW)
    assert (cohort.min_age, cohort.max_age) == (13, 17)
    with pytest.raises(DomainError) as caught:  # an 18-year-old is an adult
        services.create_cohort(db_session, cohort_data(max_age=18), staff, NOW)
    assert caught.value.field == "max_age"


@pytest.mark.parametrize("overrides, field", [
    ({"places": 0}, "places"),
    ({"reviewers_per_application": 0}, "reviewers_per_application"),
    ({"reviewers_per_application": 6}, "reviewers_per_application"),
    ({"questions": [("Why?", 9)]}, "questions"),
    ({"questions": [("Why?", 1001)]}, "questions"),
    ({"criteria": [("Insight", 0)]}, "criteria"),
    ({"criteria": [("Insight", 11)]}, "criteria"),
], ids=["no places", "no reviewers", "6 reviewers", "9 words", "1001 words", "weight 0",
        "weight 11"])
def test_impossible_numbers_are_refused_with_a_message(db_session, staff, overrides, field):
    with pytest.raises(DomainError) as caught:
        services.create_cohort(db_session, cohort_data(**overrides), staff, NOW)
    assert caught.value.field == field


@pytest.mark.parametrize("change", [
    {"questions": [("Why do you want to join?", 60), ("What should apps do better?", 20)]},
    {"questions": [("Why join?", 50), ("What should apps do better?", 20)]},
    {"questions": [("Why do you want to join?", 50)]},
    {"criteria": [("Insight", 1), ("Clarity", 1)]},
], ids=["word limit", "prompt", "question removed", "weight"])
def test_questions_and_rubric_are_fixed_once_open(db_session, staff, cohort, change):
    with pytest.raises(DomainError) as caught:
        services.update_cohort(db_session, cohort, cohort_data(**change), staff, NOW)
    assert caught.value.field == "questions"
    assert [q.word_limit for q in cohort.questions] == [50, 20]
    assert [c.weight for c in cohort.criteria] == [3, 1]


def test_other_fields_of_an_open_cohort_can_still_change(db_session, staff, cohort):
    data = cohort_data(name="Council 2027 (spring)", closes_at=NOW + 30 * DAY, places=12)
    services.update_cohort(db_session, cohort, data, staff, NOW)
    assert (cohort.name, cohort.closes_at, cohort.places) == (
        "Council 2027 (spring)", NOW + 30 * DAY, 12)
    assert _actions(db_session, cohort)[-1] == "cohort.updated"


def test_saving_an_open_cohort_with_its_own_questions_works(db_session, staff):
    questions = [("Why do you <em>really</em> want to join?", 50)]
    cohort = make_cohort(db_session, questions=questions, by=staff)
    services.update_cohort(db_session, cohort, cohort_data(questions=questions, places=12),
                           staff, NOW)
    assert cohort.places == 12


def test_a_draft_cohort_can_change_its_questions(db_session, staff):
    cohort = make_cohort(db_session, status="draft", reviewers=0, by=staff)
    services.update_cohort(db_session, cohort, cohort_data(questions=[("Tell us more", 80)]),
                           staff, NOW)
    assert [(q.prompt, q.word_limit) for q in cohort.questions] == [("Tell us more", 80)]


def test_an_archived_cohort_cannot_be_changed(db_session, staff, cohort):
    for action in ("close", "archive"):
        services.change_cohort_state(db_session, cohort, action, staff, NOW)
    with pytest.raises(NotAllowed):
        services.update_cohort(db_session, cohort, cohort_data(name="Renamed"), staff, NOW)
    assert cohort.name == "Council 2027"


def test_a_cohort_goes_draft_open_closed_archived_and_each_step_is_audited(db_session, staff):
    cohort = make_cohort(db_session, status="draft", reviewers=0, by=staff)
    seen = []
    for action in ("open", "close", "archive"):
        services.change_cohort_state(db_session, cohort, action, staff, NOW)
        seen.append(cohort.status)
    assert seen == [CohortStatus.OPEN, CohortStatus.CLOSED, CohortStatus.ARCHIVED]
    assert _actions(db_session, cohort) == ["cohort.created", "cohort.opened", "cohort.closed",
                                            "cohort.archived"]


_REACH = {CohortStatus.DRAFT: [], CohortStatus.OPEN: ["open"],
          CohortStatus.CLOSED: ["open", "close"], CohortStatus.ARCHIVED: ["open", "close",
                                                                          "archive"]}
_LEGAL = {(CohortStatus.DRAFT, "open"), (CohortStatus.OPEN, "close"),
          (CohortStatus.CLOSED, "archive")}


@pytest.mark.parametrize("state, action", [
    (state, action) for state in CohortStatus for action in ("open", "close", "archive")
    if (state, action) not in _LEGAL])
def test_illegal_cohort_moves_are_refused(db_session, staff, state, action):
    cohort = make_cohort(db_session, status="draft", reviewers=0, by=staff)
    for step in _REACH[state]:
        services.change_cohort_state(db_session, cohort, step, staff, NOW)
    before = _actions(db_session, cohort)
    with pytest.raises(InvalidTransition):
        services.change_cohort_state(db_session, cohort, action, staff, NOW)
    assert cohort.status is state and _actions(db_session, cohort) == before


@pytest.mark.parametrize("missing", ["questions", "criteria"])
def test_opening_needs_a_question_and_a_criterion(db_session, staff, missing):
    cohort = make_cohort(db_session, status="draft", reviewers=0, by=staff, **{missing: []})
    with pytest.raises(InvalidTransition, match="at least one"):
        services.change_cohort_state(db_session, cohort, "open", staff, NOW)
    assert cohort.status is CohortStatus.DRAFT


def test_open_cohorts_are_those_taking_applications_now(db_session, staff, cohort):
    make_cohort(db_session, name="Draft", status="draft", reviewers=0, by=staff)
    make_cohort(db_session, name="Later", opens_at=NOW + DAY, closes_at=NOW + 9 * DAY,
                reviewers=0, by=staff)
    closed = make_cohort(db_session, name="Closed", reviewers=0, by=staff)
    services.change_cohort_state(db_session, closed, "close", staff, NOW)
    assert services.list_open_cohorts(db_session, NOW) == [cohort]


# Starting an application ------------------------------------------------------------------

@pytest.mark.parametrize("when, state", [
    (NOW - 8 * DAY, "open"), (NOW + 7 * DAY, "open"), (NOW + 8 * DAY, "open"),
    (NOW, "draft"), (NOW, "closed")],
    ids=["before it opens", "at closing time", "after it closed", "draft", "closed early"])
def test_applications_are_refused_outside_the_window(db_session, staff, when, state):
    cohort = make_cohort(db_session, status="draft" if state == "draft" else "open", by=staff)
    if state == "closed":
        services.change_cohort_state(db_session, cohort, "close", staff, NOW)
    with pytest.raises(DomainError, match="not taking applications"):
        services.start_application(db_session, cohort, applicant_data(), when)
    assert _count(db_session, Application) == 0


@pytest.mark.parametrize("age", [12, 18])
def test_applicants_outside_the_age_range_are_refused_kindly_and_nothing_is_kept(
        db_session, cohort, age):
    with pytest.raises(DomainError, match="Thank you") as caught:
        services.start_application(db_session, cohort,
                                   applicant_data(date_of_birth=born(age)), NOW)
    assert caught.value.field == "date_of_birth" and "13 to 17" in caught.value.message
    assert _count(db_session, Application) == 0 and _count(db_session, OutboxMessage) == 0


@pytest.mark.parametrize("age, own_country, needs_consent", [
    (13, False, True), (17, False, True), (15, True, False), (13, True, False)],
    ids=["13", "17", "15 where 13 is the age", "13 where 13 is the age"])
def test_who_needs_consent_follows_the_country_age(db_session, staff, age, own_country,
                                                   needs_consent):
    cohort = make_cohort(db_session, by=staff)
    country = own_consent_country(db_session) if own_country else "GB"
    application = start(db_session, cohort, date_of_birth=born(age), country=country)
    assert application.needs_consent is needs_consent


def test_starting_stores_the_draft_and_emails_a_link_to_carry_on(db_session, cohort):
    application = start(db_session, cohort, email="  Ada.Lovelace@Example.COM ",
                        first_name="<i>Ada</i>", country="gb")
    assert (application.status, application.email, application.first_name,
            application.country) == (S.DRAFT, "ada.lovelace@example.com", "Ada", "GB")
    [message] = _mails(db_session)
    assert (message.to_address, message.template) == ("ada.lovelace@example.com",
                                                      "application_continue")
    endpoint, token = token_in(_link(message))
    assert endpoint == "applications.continue_application"
    assert services.application_from_token(db_session, token, "application") is application
    assert _actions(db_session, application) == ["application.started"]


def test_the_same_email_twice_creates_nothing_and_mails_a_link_to_the_first(db_session,
                                                                          cohort):
    existing = start(db_session, cohort, email="sam@example.com")
    again = services.start_application(db_session, cohort,
                                       applicant_data(email=" SAM@example.com"), NOW)
    assert again is None
    assert _count(db_session, Application) == 1
    [message] = _mails(db_session, template="application_exists")
    assert message.to_address == "sam@example.com"
    endpoint, token = token_in(_link(message))
    assert endpoint == "applications.continue_application"
    assert services.application_from_token(db_session, token, "application") is existing


def test_a_double_click_that_races_the_first_start_creates_nothing_new(db_session, cohort,
                                                                        monkeypatch):
    existing = start(db_session, cohort, email="sam@example.com")
    real, calls = services._existing, []

    def misses_the_first_time(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(services, "_existing", misses_the_first_time)
    assert services.start_application(db_session, cohort,
                                      applicant_data(email="sam@example.com"), NOW) is None
    assert _count(db_session, Application) == 1
    [message] = _mails(db_session, template="application_exists")
    assert services.application_from_token(db_session, token_in(_link(message))[1],
                                           "application") is existing


def test_the_same_email_may_apply_to_another_cohort(db_session, staff, cohort):
    other = make_cohort(db_session, name="Council 2028", year=2028, by=staff)
    first = start(db_session, cohort, email="sam@example.com")
    second = start(db_session, other, email="sam@example.com")
    assert first.id != second.id and second.cohort is other
    assert _mails(db_session, template="application_exists") == []


# Answers and sending ----------------------------------------------------------------------

def test_answers_longer_than_the_word_limit_are_refused(db_session, cohort):
    application = start(db_session, cohort)
    short_q = cohort.questions[1]  # 20 words
    essays = {cohort.questions[0].id: "ok", short_q.id: "word " * 21}
    with pytest.raises(DomainError, match="20 words") as caught:
        services.save_answers(db_session, application,
                              answers_for(cohort, essays=essays), NOW)
    assert caught.value.field == f"essay_{short_q.id}"


def test_answers_at_the_word_limit_are_kept_and_may_be_incomplete(db_session, cohort):
    application = start(db_session, cohort)
    essays = {cohort.questions[1].id: " ".join(["word"] * 20)}
    services.save_answers(db_session, application, answers_for(cohort, essays=essays),
                          NOW + DAY)
    texts = {a.question_id: a.text for a in application.answers}
    assert texts == {cohort.questions[0].id: "", cohort.questions[1].id: "word " * 19 + "word"}
    assert application.updated_at == NOW + DAY and application.status is S.DRAFT


@pytest.mark.parametrize("blank", ["", "   ", "<b></b>"])
def test_sending_needs_every_answer(db_session, cohort, blank):
    application = start(db_session, cohort)
    second = cohort.questions[1]
    essays = {cohort.questions[0].id: "Because", second.id: blank}
    with pytest.raises(DomainError) as caught:
        services.send_application(db_session, application, answers_for(cohort, essays=essays),
                                  NOW)
    assert caught.value.field == f"essay_{second.id}"
    assert application.sent_at is None
    assert _mails(db_session, template="application_confirm") == []


@pytest.mark.parametrize("guardian_email, message", [
    (None, "Please give your parent's or carer's email."),
    ("", "Please give your parent's or carer's email."),
    ("ADA@example.com ", "not your own"),
])
def test_under_18s_must_give_a_guardian_email_that_is_not_their_own(db_session, cohort,
                                                                    guardian_email, message):
    application = start(db_session, cohort, email="ada@example.com")
    with pytest.raises(DomainError, match=message) as caught:
        services.send_application(db_session, application,
                                  answers_for(cohort, guardian_email=guardian_email), NOW)
    assert caught.value.field == "guardian_email" and application.sent_at is None


def test_a_teen_old_enough_gives_no_guardian_email(db_session, staff):
    cohort = make_cohort(db_session, by=staff)
    application = start(db_session, cohort, date_of_birth=born(15),
                        country=own_consent_country(db_session))
    services.send_application(db_session, application,
                              answers_for(cohort, guardian_email="mum@example.com"), NOW)
    assert application.sent_at == NOW and application.guardian_email is None


def test_guardian_email_is_stored_normalised(db_session, cohort):
    application = start(db_session, cohort)
    services.save_answers(db_session, application,
                          answers_for(cohort, guardian_email=" Mum@Example.com "), NOW)
    assert application.guardian_email == "mum@example.com"


def test_only_allowed_diversity_answers_are_kept(db_session, cohort):
    application = start(db_session, cohort)
    diversity = {"gender": "Non-binary", "disability": "Prefer not to say",
                 "area": "On the moon", "religion": "Prefer not to say"}
    services.save_answers(db_session, application, answers_for(cohort, diversity=diversity),
                          NOW)
    stored = db_session.execute(select(DiversityAnswer.question, DiversityAnswer.answer).where(
        DiversityAnswer.application_id == application.id)).all()
    assert sorted(stored) == [("disability", "Prefer not to say"), ("gender", "Non-binary")]


def test_diversity_answers_can_be_removed(db_session, cohort):
    application = start(db_session, cohort)
    services.save_answers(db_session, application,
                          answers_for(cohort, diversity={"area": "A town"}), NOW)
    services.save_answers(db_session, application,
                          answers_for(cohort, diversity={"gender": "Boy"}), NOW)
    stored = db_session.execute(select(DiversityAnswer.question, DiversityAnswer.answer).where(
        DiversityAnswer.application_id == application.id)).all()
    assert stored == [("gender", "Boy")]


@pytest.mark.parametrize("first, then", [("Girl", "Girl"), ("Girl", "Boy")],
                         ids=["saved then sent", "changed"])
def test_a_diversity_answer_can_be_saved_again(db_session, cohort, first, then):
    application = start(db_session, cohort)
    services.save_answers(db_session, application,
                          answers_for(cohort, diversity={"gender": first}), NOW)
    services.send_application(db_session, application,
                              answers_for(cohort, diversity={"gender": then}), NOW)
    assert application.sent_at == NOW
    assert [(d.question, d.answer) for d in application.diversity] == [("gender", then)]


@pytest.mark.parametrize("service", [services.save_answers, services.send_application])
def test_changes_are_refused_after_the_window_closes(db_session, cohort, service):
    application = start(db_session, cohort)
    services.save_answers(db_session, application, answers_for(cohort), NOW)
    with pytest.raises(DomainError, match="closed"):
        service(db_session, application,
                answers_for(cohort, essays={q.id: "New" for q in cohort.questions}),
                cohort.closes_at)
    assert {a.text for a in application.answers} == {"I care about being safe online."}
    assert application.sent_at is None


@pytest.mark.parametrize("service", [services.save_answers, services.send_application])
def test_changes_are_refused_once_the_application_is_submitted(db_session, cohort, service):
    application = make_application(db_session, cohort, S.AWAITING_CONSENT)
    sent_at = application.sent_at
    with pytest.raises(NotAllowed):
        service(db_session, application, answers_for(cohort), NOW + DAY)
    assert application.sent_at == sent_at


def test_sending_emails_a_confirmation_link_that_confirms(db_session, cohort):
    application = start(db_session, cohort)
    services.send_application(db_session, application, answers_for(cohort), NOW)
    assert application.sent_at == NOW and application.status is S.DRAFT
    [message] = _mails(db_session, template="application_confirm")
    assert message.to_address == application.email
    endpoint, token = token_in(_link(message))
    assert endpoint == "applications.confirm_application"
    assert services.confirm_application(db_session, token, NOW) is application
    assert _actions(db_session, application)[:2] == ["application.started", "application.sent"]


# Links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("made_for, used_for", [("application", "confirm_application"),
                                                ("confirm_application", "application")])
def test_link_purposes_are_not_interchangeable(db_session, cohort, made_for, used_for):
    application = start(db_session, cohort)
    send(db_session, application)
    token = services.make_token(application, made_for)
    assert services.application_from_token(db_session, token, made_for) is application
    with pytest.raises(ApplicationLinkInvalid):
        services.application_from_token(db_session, token, used_for)


@pytest.mark.parametrize("tamper", [
    lambda t: t[:-10] + ("A" if t[-10] != "A" else "B") + t[-9:],
    lambda t: t[: len(t) // 2],
    lambda t: "not-a-token",
], ids=["signature changed", "cut short", "garbage"])
def test_tampered_links_are_refused(db_session, cohort, tamper):
    application = start(db_session, cohort)
    token = services.make_token(application, "application")
    with pytest.raises(ApplicationLinkInvalid):
        services.application_from_token(db_session, tamper(token), "application")


def test_the_confirm_link_works_once(db_session, cohort):
    application = start(db_session, cohort)
    token = send(db_session, application)
    services.confirm_application(db_session, token, NOW)
    with pytest.raises(ApplicationLinkInvalid):
        services.confirm_application(db_session, token, NOW + DAY)
    assert application.submitted_at == NOW
    assert _actions(db_session, application).count("application.submitted") == 1


def test_sending_again_kills_the_earlier_confirm_link(db_session, cohort):
    application = start(db_session, cohort)
    old = send(db_session, application, NOW)
    new = send(db_session, application, NOW + timedelta(hours=1))
    with pytest.raises(ApplicationLinkInvalid):
        services.confirm_application(db_session, old, NOW + timedelta(hours=2))
    assert application.status is S.DRAFT
    services.confirm_application(db_session, new, NOW + timedelta(hours=2))
    assert application.status is S.AWAITING_CONSENT


def test_the_confirm_link_still_works_in_a_later_request(db_session, cohort):
    application = start(db_session, cohort)
    token = send(db_session, application)
    db_session.commit()
    if db_session.get_bind().dialect.name == "postgresql":
        # PostgreSQL hands times back in the connection's time zone, not always UTC.
        db_session.execute(text("SET LOCAL TIME ZONE 'Europe/Berlin'"))
    db_session.expire_all()  # a new request loads sent_at from the database
    assert services.confirm_application(db_session, token, NOW).id == application.id


def test_changing_answers_after_sending_needs_sending_again(db_session, cohort):
    application = start(db_session, cohort)
    token = send(db_session, application)
    services.save_answers(db_session, application,
                          answers_for(cohort, essays={}, guardian_email=None), NOW)
    with pytest.raises(ApplicationLinkInvalid):
        services.confirm_application(db_session, token, NOW)
    assert application.status is S.DRAFT


def test_confirm_links_expire_after_seven_days(db_session, cohort, monkeypatch):
    application = start(db_session, cohort)
    services.send_application(db_session, application, answers_for(cohort), NOW)
    made_at = int((utcnow() - 8 * DAY).timestamp())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: made_at)
    token = services.make_token(application, "confirm_application")
    monkeypatch.undo()
    with pytest.raises(ApplicationLinkInvalid, match="too old"):
        services.confirm_application(db_session, token, NOW)


# Confirming -------------------------------------------------------------------------------

def test_confirming_under_18_waits_for_consent_without_reviewers(db_session, cohort):
    application = start(db_session, cohort)
    services.confirm_application(db_session, send(db_session, application), NOW)
    assert application.status is S.AWAITING_CONSENT and application.submitted_at == NOW
    assert application.reviews == []
    assert _actions(db_session, application) == [
        "application.started", "application.sent", "application.submitted",
        "application.awaiting_consent"]


def test_confirming_without_consent_needed_goes_to_review_with_reviewers_from_the_pool(
        db_session, staff):
    cohort = make_cohort(db_session, reviewers=3, by=staff)
    application = start(db_session, cohort, date_of_birth=born(15),
                        country=own_consent_country(db_session))
    services.confirm_application(db_session, send(db_session, application), NOW)
    assert application.status is S.IN_REVIEW
    reviewers = [r.reviewer_id for r in application.reviews]
    assert len(reviewers) == 2 == len(set(reviewers))
    assert set(reviewers) <= {r.user_id for r in cohort.reviewers}
    assert _actions(db_session, application)[2:] == ["application.submitted",
                                                     "application.in_review"]


# Application state machine ----------------------------------------------------------------

def _application_in(status, needs_consent=True):
    return Application(status=status, needs_consent=needs_consent)


@pytest.mark.parametrize("status", list(S))
def test_submit_only_from_draft(status):
    application = _application_in(status)
    if status is S.DRAFT:
        application.submit(NOW)
        assert (application.status, application.submitted_at) == (S.SUBMITTED, NOW)
    else:
        with pytest.raises(InvalidTransition):
            application.submit(NOW)
        assert application.status is status


@pytest.mark.parametrize("status", list(S))
def test_await_consent_only_once_submitted(status):
    application = _application_in(status)
    if status is S.SUBMITTED:
        application.await_consent()
        assert application.status is S.AWAITING_CONSENT
    else:
        with pytest.raises(InvalidTransition):
            application.await_consent()
        assert application.status is status


@pytest.mark.parametrize("status, needs_consent", [
    *((s, False) for s in S), (S.SUBMITTED, True)])
def test_start_review_only_with_consent_or_without_its_need(status, needs_consent):
    application = _application_in(status, needs_consent)
    if status is S.AWAITING_CONSENT or (status is S.SUBMITTED and not needs_consent):
        application.start_review()
        assert application.status is S.IN_REVIEW
    else:
        with pytest.raises(InvalidTransition):
            application.start_review()
        assert application.status is status


@pytest.mark.parametrize("status, decision", [
    *((s, S.ACCEPTED) for s in S), *((S.WAITLISTED, d) for d in S)])
def test_decide_only_from_review_or_waitlist_and_only_to_a_decision(status, decision):
    application = _application_in(status)
    if status in (S.IN_REVIEW, S.WAITLISTED) and decision in (S.ACCEPTED, S.WAITLISTED,
                                                               S.DECLINED):
        application.decide(decision, NOW, by_id=7)
        assert (application.status, application.decided_at, application.decided_by_id) == (
            decision, NOW, 7)
    else:
        with pytest.raises(InvalidTransition):
            application.decide(decision, NOW, by_id=7)
        assert application.status is status and application.decided_at is None


@pytest.mark.parametrize("status", list(S))
def test_withdraw_any_time_before_a_final_decision(status):
    application = _application_in(status)
    if status in (S.DRAFT, S.SUBMITTED, S.AWAITING_CONSENT, S.IN_REVIEW, S.WAITLISTED):
        application.withdraw(NOW)
        assert (application.status, application.withdrawn_at) == (S.WITHDRAWN, NOW)
    else:
        with pytest.raises(InvalidTransition):
            application.withdraw(NOW)
        assert application.status is status and application.withdrawn_at is None


def test_withdrawing_is_audited_and_hides_it_from_reviewers(db_session, cohort):
    application = make_application(db_session, cohort, S.IN_REVIEW)
    reviewer = db_session.get(User, application.reviews[0].reviewer_id)
    assert services.list_reviews_for(db_session, reviewer) == [application.reviews[0]]
    services.withdraw_application(db_session, application, NOW)
    assert services.list_reviews_for(db_session, reviewer) == []
    assert _actions(db_session, application)[-1] == "application.withdrawn"


# Reviewer assignment ----------------------------------------------------------------------

def test_reviewers_share_the_work_and_never_review_one_application_twice(db_session, staff):
    cohort = make_cohort(db_session, reviewers=3, by=staff)
    applications = [make_application(db_session, cohort) for _ in range(5)]
    for application in applications:
        reviewers = [r.reviewer_id for r in application.reviews]
        assert len(reviewers) == 2 == len(set(reviewers))
    load = db_session.execute(select(Review.reviewer_id, func.count()).group_by(
        Review.reviewer_id)).all()
    counts = sorted(n for _id, n in load)
    assert len(counts) == 3 and sum(counts) == 10 and counts[-1] - counts[0] <= 1


def test_setting_reviewers_later_fills_applications_that_were_short(db_session, staff):
    cohort = make_cohort(db_session, reviewers=1, by=staff)
    application = make_application(db_session, cohort)
    [first] = [r.reviewer_id for r in application.reviews]
    more = [make_staff(db_session).id, make_staff(db_session, Role.MODERATOR).id]
    services.set_reviewers(db_session, cohort, [first, *more], staff, NOW)
    reviewers = [r.reviewer_id for r in application.reviews]
    assert len(reviewers) == 2 == len(set(reviewers)) and first in reviewers
    assert _count(db_session, Review, Review.application_id == application.id) == 2


def test_an_application_with_no_pool_waits_for_reviewers(db_session, staff):
    cohort = make_cohort(db_session, reviewers=0, by=staff)
    application = make_application(db_session, cohort)
    assert application.status is S.IN_REVIEW and application.reviews == []
    pool = [u.id for u in make_staff(db_session, count=3)]
    services.set_reviewers(db_session, cohort, pool, staff, NOW)
    assert len(application.reviews) == 2


@pytest.mark.parametrize("who", ["member", "admin", "inactive staff", "unknown"])
def test_only_active_staff_and_moderators_may_review(db_session, staff, cohort, who):
    if who == "unknown":
        user_id = 10 ** 9
    else:
        role = {"member": Role.MEMBER, "admin": Role.ADMIN}.get(who, Role.STAFF)
        user = make_staff(db_session, role, is_active=who != "inactive staff")
        user_id = user.id
    before = [r.user_id for r in cohort.reviewers]
    with pytest.raises(DomainError) as caught:
        services.set_reviewers(db_session, cohort, [before[0], user_id], staff, NOW)
    assert caught.value.field == "reviewers"
    assert [r.user_id for r in cohort.reviewers] == before


def test_staff_who_review_a_cohort_do_not_see_who_applied(db_session, staff, cohort):
    reviewer = db_session.get(User, cohort.reviewers[0].user_id)
    admin, moderator = make_staff(db_session, Role.ADMIN), make_staff(db_session, Role.MODERATOR)
    assert services.can_see_applicants(db_session, staff, cohort)
    assert services.can_see_applicants(db_session, admin, cohort)
    assert not services.can_see_applicants(db_session, reviewer, cohort)
    assert not services.can_see_applicants(db_session, moderator, cohort)


# Reviewing --------------------------------------------------------------------------------

@pytest.fixture
def in_review(db_session, cohort):
    """An application with its two reviewers assigned."""
    return make_application(db_session, cohort)


@pytest.mark.parametrize("insight, clarity", [(None, 3), (0, 3), (6, 3), (3, "3"), (3, 2.5)])
def test_every_criterion_needs_a_score_from_1_to_5(db_session, in_review, insight, clarity):
    review = in_review.reviews[0]
    first, second = in_review.cohort.criteria
    scores = {c.id: s for c, s in ((first, insight), (second, clarity)) if s is not None}
    with pytest.raises(DomainError, match="1 to 5") as caught:
        services.submit_review(db_session, review, scores, "", NOW)
    bad = first if insight not in range(1, 6) else second
    assert caught.value.field == f"score_{bad.id}"
    assert review.submitted_at is None and _count(db_session, ReviewScore) == 0


def test_a_review_is_stored_once(db_session, in_review):
    review = in_review.reviews[0]
    first, second = in_review.cohort.criteria
    services.submit_review(db_session, review, {first.id: 4, second.id: 2},
                           "<script>x</script>Clear and kind", NOW)
    assert review.submitted_at == NOW and review.comment.endswith("Clear and kind")
    assert "<" not in review.comment
    assert sorted((s.criterion_id, s.score) for s in review.scores) == [(first.id, 4),
                                                                      (second.id, 2)]
    event = db_session.scalars(select(AuditEvent).where(
        AuditEvent.action == "review.submitted")).one()
    assert (event.actor_id, event.object_id) == (review.reviewer_id, review.id)
    with pytest.raises(DomainError, match="already"):
        services.submit_review(db_session, review, {first.id: 1, second.id: 1}, "", NOW)
    assert sorted(s.score for s in review.scores) == [2, 4]


def test_other_reviews_show_only_after_sending_ones_own(db_session, in_review):
    mine, theirs = in_review.reviews
    _submitted_review(db_session, theirs, 5, 5)
    assert services.other_reviews(mine) == []
    _submitted_review(db_session, mine, 3, 3)
    assert services.other_reviews(mine) == [theirs]


def test_other_reviews_leave_out_unsent_ones(db_session, in_review):
    mine, theirs = in_review.reviews
    _submitted_review(db_session, mine, 3, 3)
    assert services.other_reviews(mine) == []


def test_only_the_assigned_reviewer_may_review_while_in_review(db_session, cohort, in_review):
    review = in_review.reviews[0]
    assigned = db_session.get(User, review.reviewer_id)
    other = db_session.get(User, in_review.reviews[1].reviewer_id)
    assert services.can_review(assigned, review) and not services.can_review(other, review)
    services.decide(db_session, cohort, [in_review.id], S.WAITLISTED, make_staff(db_session),
                    NOW)
    assert not services.can_review(assigned, review)


def test_reviewers_cannot_review_a_withdrawn_application(db_session, in_review):
    review = in_review.reviews[0]
    services.withdraw_application(db_session, in_review, NOW)
    assert not services.can_review(db_session.get(User, review.reviewer_id), review)


def test_a_reviewers_list_puts_waiting_reviews_first(db_session, staff):
    cohort = make_cohort(db_session, reviewers=2, by=staff)
    early = make_application(db_session, cohort, now=NOW - DAY)
    late = make_application(db_session, cohort)
    reviewer = db_session.get(User, early.reviews[0].reviewer_id)
    mine = {r.application_id: r for r in [*early.reviews, *late.reviews]
            if r.reviewer_id == reviewer.id}
    _submitted_review(db_session, mine[early.id], 3, 3)
    assert services.list_reviews_for(db_session, reviewer) == [mine[late.id], mine[early.id]]


# Scores and summaries ---------------------------------------------------------------------

def test_the_mean_weighs_each_criterion(db_session, in_review):
    a, b = in_review.reviews
    _submitted_review(db_session, a, 5, 1)  # (5*3 + 1*1) / 4 = 4.0
    _submitted_review(db_session, b, 3, 2)  # (3*3 + 2*1) / 4 = 2.75
    summary = services.summarise(in_review)
    assert summary.mean == pytest.approx(3.375)  # a plain mean of all scores would be 2.75
    assert (summary.reviews_done, summary.reviews_assigned) == (2, 2)
    assert summary.disputed == ["Insight"]  # 5 vs 3 differs by 2; 1 vs 2 by only 1


def test_a_summary_counts_only_sent_reviews(db_session, in_review):
    assert services.summarise(in_review).mean is None
    _submitted_review(db_session, in_review.reviews[0], 2, 5)
    summary = services.summarise(in_review)
    assert summary.mean == pytest.approx((2 * 3 + 5) / 4)
    assert (summary.reviews_done, summary.reviews_assigned, summary.disputed) == (1, 2, [])


@pytest.fixture
def scored(db_session, cohort):
    """Four applications: high (4.75, no spread), low (1.75, disputed), one unscored, one
    draft; and one waitlisted application scored 3.0."""
    high, low, unscored, waitlisted = (make_application(db_session, cohort) for _ in range(4))
    make_application(db_session, cohort, S.DRAFT)
    for review in high.reviews:
        _submitted_review(db_session, review, 5, 4)
    _submitted_review(db_session, low.reviews[0], 1, 1)
    _submitted_review(db_session, low.reviews[1], 3, 1)
    _submitted_review(db_session, waitlisted.reviews[0], 3, 3)
    services.decide(db_session, cohort, [waitlisted.id], S.WAITLISTED, make_staff(db_session),
                    NOW)
    return {"high": high, "low": low, "unscored": unscored, "waitlisted": waitlisted}


def _order(summaries, scored):
    names = {a.id: name for name, a in scored.items()}
    return [names[s.application.id] for s in summaries]


def test_summaries_sort_and_leave_out_drafts(db_session, cohort, scored):
    orders = {sort: _order(services.list_summaries(db_session, cohort, None, sort), scored)
              for sort in ("score", "spread", "reviews", "number", "nonsense")}
    assert orders == {
        "score": ["high", "waitlisted", "low", "unscored"],     # best mean first, none last
        "spread": ["low", "high", "unscored", "waitlisted"],    # disputed first
        "reviews": ["unscored", "waitlisted", "high", "low"],   # fewest reviews done first
        "number": ["high", "low", "unscored", "waitlisted"],
        "nonsense": ["high", "waitlisted", "low", "unscored"],  # unknown sorts by score
    }


def test_summaries_filter_by_status(db_session, cohort, scored):
    summaries = services.list_summaries(db_session, cohort, S.WAITLISTED, "score")
    assert _order(summaries, scored) == ["waitlisted"]
    assert summaries[0].mean == pytest.approx(3.0)


# Decisions --------------------------------------------------------------------------------

def test_accepting_makes_a_member_and_emails_a_welcome_link(db_session, staff, cohort,
                                                            in_review):
    assert services.decide(db_session, cohort, [in_review.id], S.ACCEPTED, staff, NOW) == 1
    assert (in_review.status, in_review.decided_at, in_review.decided_by_id) == (
        S.ACCEPTED, NOW, staff.id)
    member = db_session.scalars(select(User).where(User.email == in_review.email)).one()
    assert member.role is Role.MEMBER and in_review.member_id == member.id
    assert db_session.get(Membership, (cohort.id, member.id)) is not None
    [message] = _mails(db_session, to=in_review.email, template="application_accepted")
    assert "/welcome/" in message.body_text
    assert _actions(db_session, in_review)[-1] == "application.accepted"
    assert _actions(db_session, member) == ["membership.created"]


def test_accepting_beyond_the_places_refuses_the_whole_batch(db_session, staff):
    cohort = make_cohort(db_session, places=2, by=staff)
    first, second, third = (make_application(db_session, cohort) for _ in range(3))
    services.decide(db_session, cohort, [first.id], S.ACCEPTED, staff, NOW)
    mails, users = _count(db_session, OutboxMessage), _count(db_session, User)
    with pytest.raises(DomainError, match="Only 1 of 2 places"):
        services.decide(db_session, cohort, [second.id, third.id], S.ACCEPTED, staff, NOW)
    assert (second.status, third.status) == (S.IN_REVIEW, S.IN_REVIEW)
    assert (_count(db_session, OutboxMessage), _count(db_session, User)) == (mails, users)
    assert services.count_accepted(db_session, cohort) == 1


def test_a_waitlisted_applicant_can_be_accepted_later(db_session, staff, cohort, in_review):
    services.decide(db_session, cohort, [in_review.id], S.WAITLISTED, staff, NOW)
    assert _mails(db_session, to=in_review.email, template="application_waitlisted")
    services.decide(db_session, cohort, [in_review.id], S.ACCEPTED, staff, NOW + DAY)
    assert (in_review.status, in_review.decided_at) == (S.ACCEPTED, NOW + DAY)
    assert in_review.member_id is not None


def test_declining_emails_the_applicant_and_makes_no_account(db_session, staff, cohort,
                                                             in_review):
    services.decide(db_session, cohort, [in_review.id], S.DECLINED, staff, NOW)
    assert in_review.status is S.DECLINED and in_review.member_id is None
    assert _mails(db_session, to=in_review.email, template="application_declined")
    assert _count(db_session, User, User.email == in_review.email) == 0


def test_applications_of_another_cohort_are_ignored(db_session, staff, cohort, in_review):
    other_cohort = make_cohort(db_session, name="Other", by=staff)
    other = make_application(db_session, other_cohort)
    assert services.decide(db_session, cohort, [in_review.id, other.id], S.DECLINED, staff,
                           NOW) == 1
    assert other.status is S.IN_REVIEW
    with pytest.raises(DomainError, match="Choose at least one"):
        services.decide(db_session, cohort, [other.id], S.DECLINED, staff, NOW)


def test_applications_not_in_review_cannot_be_decided(db_session, staff, cohort):
    waiting = make_application(db_session, cohort, S.AWAITING_CONSENT)
    with pytest.raises(DomainError, match="Nothing was changed"):
        services.decide(db_session, cohort, [waiting.id], S.ACCEPTED, staff, NOW)
    assert waiting.status is S.AWAITING_CONSENT and waiting.member_id is None


def test_a_batch_with_one_undecidable_application_changes_nothing(db_session, staff, cohort,
                                                                  in_review):
    waiting = make_application(db_session, cohort, S.AWAITING_CONSENT)
    users = _count(db_session, User)
    with pytest.raises(DomainError, match=f"not number {waiting.id}"):
        services.decide(db_session, cohort, [in_review.id, waiting.id], S.ACCEPTED, staff, NOW)
    assert in_review.status is S.IN_REVIEW and in_review.member_id is None
    assert _mails(db_session, template="application_accepted") == []
    assert _count(db_session, User) == users


def test_an_applicant_with_an_adult_account_cannot_be_accepted(db_session, staff, cohort):
    application = make_application(db_session, cohort, email="sam@example.com")
    other = make_application(db_session, cohort)
    make_staff(db_session, email="sam@example.com")
    with pytest.raises(DomainError, match="adult account"):
        services.decide(db_session, cohort, [other.id, application.id], S.ACCEPTED, staff,
                        NOW)
    assert (other.status, application.status) == (S.IN_REVIEW, S.IN_REVIEW)
    assert _count(db_session, Membership) == 0


def test_a_member_accepted_again_next_year_keeps_one_account_in_both_cohorts(db_session,
                                                                             staff, cohort):
    first = make_application(db_session, cohort, email="sam@example.com")
    services.decide(db_session, cohort, [first.id], S.ACCEPTED, staff, NOW)
    later = make_cohort(db_session, name="Council 2028", year=2028, by=staff)
    second = make_application(db_session, later, email="sam@example.com")
    services.decide(db_session, later, [second.id], S.ACCEPTED, staff, NOW)
    assert second.member_id == first.member_id
    assert _count(db_session, Membership, Membership.user_id == first.member_id) == 2


# Diversity overview -----------------------------------------------------------------------

def test_diversity_overview_hides_small_counts_and_ignores_drafts(db_session, cohort):
    for gender in ["Girl"] * 5 + ["Boy"] * 4 + ["Prefer not to say"]:
        application = make_application(db_session, cohort, S.AWAITING_CONSENT)
        application.diversity = [DiversityAnswer(question="gender", answer=gender)]
    draft = start(db_session, cohort)
    services.save_answers(db_session, draft,
                          answers_for(cohort, diversity={"gender": "Boy", "area": "A town"}),
                          NOW)
    db_session.flush()
    overview = services.diversity_overview(db_session, cohort)
    assert overview["gender"] == [("Girl", "5"), ("Boy", "<5"), ("Non-binary", "0"),
                                  ("I describe myself another way", "0"),
                                  ("Prefer not to say", "<5")]
    assert dict(overview["area"])["A town"] == "0"
    assert set(overview) == {"gender", "disability", "area"}


# Retention --------------------------------------------------------------------------------

@pytest.fixture
def past_cohort(db_session, staff):
    """A cohort open for the past 300 days, so applications can be old."""
    return make_cohort(db_session, name="Past", opens_at=NOW - 300 * DAY, by=staff)


def test_expired_applications_are_found(db_session, staff, cohort, past_cohort):
    def decided(status, days):
        return make_application(db_session, past_cohort, status, now=NOW - days * DAY,
                                by=staff)
    old_declined, new_declined = decided(S.DECLINED, 181), decided(S.DECLINED, 179)
    old_withdrawn, new_withdrawn = decided(S.WITHDRAWN, 181), decided(S.WITHDRAWN, 10)
    old_accepted, old_waitlisted = decided(S.ACCEPTED, 250), decided(S.WAITLISTED, 250)
    old_draft = make_application(db_session, past_cohort, S.DRAFT, now=NOW - 200 * DAY)
    new_draft = make_application(db_session, past_cohort, S.DRAFT, now=NOW - DAY)
    open_draft = make_application(db_session, cohort, S.DRAFT, now=NOW - 6 * DAY)
    open_draft.updated_at = NOW - 200 * DAY  # an old draft of a cohort still open stays
    assert services.expired_application_ids(db_session, NOW) == sorted(
        [old_declined.id, old_withdrawn.id])
    services.change_cohort_state(db_session, past_cohort, "close", staff, NOW)
    expired = services.expired_application_ids(db_session, NOW)
    assert expired == sorted([old_declined.id, old_withdrawn.id, old_draft.id])
    kept = {new_declined, new_withdrawn, old_accepted, old_waitlisted, new_draft, open_draft}
    assert not {a.id for a in kept} & set(expired)


def test_the_retention_period_is_a_setting(db_session, staff, past_cohort):
    declined = make_application(db_session, past_cohort, S.DECLINED, now=NOW - 31 * DAY,
                                by=staff)
    assert services.expired_application_ids(db_session, NOW) == []
    update_settings(db_session, {"application_retention_days": "30"},
                    make_user(db_session, Role.ADMIN, password=None))
    assert services.expired_application_ids(db_session, NOW) == [declined.id]


def test_erasing_leaves_nothing_of_the_application(db_session, staff, cohort, in_review):
    keep = make_application(db_session, cohort)
    for review in in_review.reviews:
        _submitted_review(db_session, review, 4, 4)
    in_review.diversity = [DiversityAnswer(question="gender", answer="Girl")]
    services.decide(db_session, cohort, [in_review.id], S.DECLINED, staff, NOW)
    gone, emails = in_review.id, [in_review.email, in_review.guardian_email]
    review_ids = [r.id for r in in_review.reviews]
    assert [_count(db_session, model, model.application_id == gone)
            for model in (EssayAnswer, DiversityAnswer, Review)] == [2, 1, 2]
    assert _count(db_session, ReviewScore, ReviewScore.review_id.in_(review_ids)) == 4
    db_session.commit()
    db_session.expire_all()

    services.erase_application(db_session, gone)
    db_session.expire_all()
    assert db_session.get(Application, gone) is None
    for model in (EssayAnswer, DiversityAnswer, Review):
        assert _count(db_session, model, model.application_id == gone) == 0
    assert _count(db_session, ReviewScore, ReviewScore.review_id.in_(review_ids)) == 0
    assert _count(db_session, Application, or_(Application.email.in_(emails),
                                               Application.guardian_email.in_(emails))) == 0
    assert _count(db_session, EssayAnswer,
                  or_(*(EssayAnswer.text.contains(e) for e in emails))) == 0
    assert db_session.get(Application, keep.id) is not None
    assert _count(db_session, Review, Review.application_id == keep.id) == 2


def test_erasing_a_missing_application_does_nothing(db_session):
    services.erase_application(db_session, 10 ** 9)


def test_a_purge_is_audited_with_its_count(db_session):
    services.record_purge(db_session, 3, NOW)
    event = db_session.scalars(select(AuditEvent).where(
        AuditEvent.action == "applications.purged")).one()
    assert (event.details, event.at) == ({"erased": 3}, NOW)
