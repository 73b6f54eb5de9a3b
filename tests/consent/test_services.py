"""Consent rules, called without HTTP: ages, requests and their links, grants, declines and
disputes, what consent allows, policy versions, the daily sweep, the state machines and the
staff overview. Every deadline is reached with an explicit `now`, never by sleeping."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from council import mail
from council.accounts.models import Role, User
from council.applications import services as applications
from council.applications.models import ApplicationStatus
from council.audit import AuditEvent
from council.consent import services as consent
from council.consent.models import (PURPOSES, ConsentAge, ConsentRecord, ConsentRequest,
                                    ConsentStatus, PolicyVersion, RequestStatus)
from council.consent.services import ConsentLinkInvalid, GuardianAnswer, SweepResult
from council.db import Base, utcnow
from council.domain import DomainError, InvalidTransition
from council.mail import OutboxMessage
from tests.applications.builders import (mails as _mails, link_in as _link, born, emailed_token, grant_consent, make_application,
                                         make_cohort, make_staff, own_consent_country, start,
                                         token_in)
from tests.conftest import NOW

S = ApplicationStatus
R = RequestStatus
C = ConsentStatus
DAY = timedelta(days=1)


pytestmark = pytest.mark.usefixtures("mail_context")


@pytest.fixture
def admin(db_session):
    """An admin, who sets consent ages and publishes notices."""
    return make_staff(db_session, Role.ADMIN)


@pytest.fixture
def cohort(db_session, staff):
    """An open cohort (ages 13-17) with two reviewers."""
    return make_cohort(db_session, by=staff)


def _sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _count(db_session, model, *where):
    return db_session.scalar(select(func.count()).select_from(model).where(*where))


def _requests(db_session, application):
    return list(db_session.scalars(select(ConsentRequest).where(
        ConsentRequest.application_id == application.id).order_by(ConsentRequest.id)))


def _records(db_session, application):
    return list(db_session.scalars(select(ConsentRecord).where(
        ConsentRecord.application_id == application.id).order_by(ConsentRecord.id)))


def _waiting(db_session, cohort, now=NOW, **overrides):
    """An application waiting for its guardian, and the token emailed to them."""
    application = make_application(db_session, cohort, S.AWAITING_CONSENT, now, **overrides)
    return application, emailed_token(db_session, application.guardian_email, "consent_request")


def _member(db_session, cohort, staff, scopes=None, **overrides):
    """An accepted member whose guardian granted `scopes` (all unless told); also returns the
    application and the guardian's page token from the receipt."""
    application = make_application(db_session, cohort, S.AWAITING_CONSENT, **overrides)
    guardian_token = grant_consent(db_session, application, scopes)
    applications.decide(db_session, cohort, [application.id], S.ACCEPTED, staff, NOW)
    return db_session.get(User, application.member_id), application, guardian_token


def _allowed(db_session, member):
    return {p for p in PURPOSES if consent.allows(db_session, member, p)}


def _state(db_session, application):
    """Everything a guardian link could change, to show a refused link changed nothing."""
    db_session.expire_all()
    return ([(r.status, r.guardian_email, len(r.links)) for r in _requests(db_session,
                                                                          application)],
            application.status, _count(db_session, ConsentRecord),
            _count(db_session, OutboxMessage), _count(db_session, AuditEvent))


def _answer(scopes=("discussions",), name="Sam Parent", relationship="father"):
    return GuardianAnswer(list(scopes), name, relationship)


# Ages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("country, floor", [
    ("GB", 13), ("AT", 14), ("FR", 15), ("DE", 16), ("JP", 18), ("gb", 13)])
def test_legal_floors_come_from_the_table(country, floor):
    assert consent.legal_floor(country) == floor


@pytest.mark.parametrize("country", ["GB", "AT", "DE", "JP"])
def test_the_platform_asks_a_guardian_for_every_under_18_by_default(db_session, country):
    assert consent.consent_age(db_session, country) == 18
    assert consent.required_for(db_session, country, born(17), NOW) is True
    assert consent.required_for(db_session, country, born(18), NOW) is False


@pytest.mark.parametrize("country, age", [("GB", 12), ("AT", 13), ("DE", 15), ("JP", 17),
                                          ("GB", 19)])
def test_a_consent_age_below_the_floor_or_above_18_is_refused(db_session, admin, country, age):
    with pytest.raises(DomainError) as caught:
        consent.set_consent_age(db_session, country, age, admin, NOW)
    assert caught.value.field == "age"
    assert consent.consent_age(db_session, country) == 18
    assert _count(db_session, ConsentAge) == 0
    assert _count(db_session, AuditEvent, AuditEvent.action == "consent.age_changed") == 0


@pytest.mark.parametrize("country, age", [("GB", 13), ("fr", 15), ("DE", 16), ("JP", 18)])
def test_an_admin_may_lower_an_age_to_its_floor(db_session, admin, country, age):
    consent.set_consent_age(db_session, country, age, admin, NOW)
    assert consent.consent_age(db_session, country.upper()) == age
    row = db_session.get(ConsentAge, country.upper())
    assert (row.updated_at, row.updated_by_id) == (NOW, admin.id)


def test_changing_an_age_is_audited_with_old_and_new_and_no_personal_data(db_session, admin):
    consent.set_consent_age(db_session, "GB", 13, admin, NOW)
    consent.set_consent_age(db_session, "GB", 16, admin, NOW + DAY)
    events = list(db_session.scalars(select(AuditEvent).where(
        AuditEvent.action == "consent.age_changed").order_by(AuditEvent.id)))
    assert [(e.actor_id, e.at, e.details) for e in events] == [
        (admin.id, NOW, {"country": "GB", "old": 18, "new": 13}),
        (admin.id, NOW + DAY, {"country": "GB", "old": 13, "new": 16})]
    assert admin.email not in str([e.details for e in events])


def test_a_lowered_age_decides_who_needs_consent(db_session, admin, cohort):
    assert consent.required_for(db_session, "GB", born(14), NOW) is True
    consent.set_consent_age(db_session, "GB", 13, admin, NOW)
    assert consent.required_for(db_session, "GB", born(14), NOW) is False
    assert consent.required_for(db_session, "GB", born(12), NOW) is True
    assert consent.required_for(db_session, "DE", born(14), NOW) is True  # other countries keep 18
    application = start(db_session, cohort, date_of_birth=born(14), country="GB")
    assert application.needs_consent is False


def test_an_applicant_at_their_countrys_age_goes_straight_to_review(db_session, admin, cohort):
    consent.set_consent_age(db_session, "GB", 13, admin, NOW)
    application = make_application(db_session, cohort, S.IN_REVIEW, date_of_birth=born(14))
    assert _requests(db_session, application) == []
    assert len(application.reviews) == 2


# The request --------------------------------------------------------------------------------

def test_confirming_an_under_age_application_asks_the_guardian_for_7_days(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    db_session.expire_all()  # read back what the database holds
    [request] = _requests(db_session, application)
    assert (request.status, request.guardian_email) == (R.REQUESTED, application.guardian_email)
    assert (request.created_at, request.expires_at) == (NOW, NOW + 7 * DAY)
    [message] = _mails(db_session, application.guardian_email, "consent_request")
    assert token_in(_link(message)) == ("consent.guardian_request", token)
    assert len(token) >= 22  # at least 128 random bits in URL-safe base64
    assert consent.request_from_token(db_session, token, NOW) is request
    assert application.status is S.AWAITING_CONSENT and application.reviews == []


def _dump(db_session, skip=()):
    """Every value of every row of every table, as text."""
    values = []
    for table in Base.metadata.sorted_tables:
        if table.name not in skip:
            for row in db_session.execute(select(table)):
                values.extend(str(value) for value in row)
    return "\n".join(values)


def _flow_with_every_kind_of_token(db_session, cohort):
    """A request, a reminder, a grant and a change: every token a guardian is emailed."""
    application, first = _waiting(db_session, cohort)
    consent.sweep(db_session, NOW + 3 * DAY)
    reminder = emailed_token(db_session, application.guardian_email, "consent_reminder")
    page = consent.grant(db_session, first, _answer(), NOW + 4 * DAY)
    newest_page = consent.change_consent(db_session, page, ["surveys"], NOW + 5 * DAY)
    return [first, reminder, page, newest_page]


def test_tokens_are_stored_only_as_hashes(db_session, cohort):
    tokens = _flow_with_every_kind_of_token(db_session, cohort)
    db_session.flush()
    dump = _dump(db_session, skip={"outbox_message"})  # the emails themselves carry them
    for token in tokens:
        assert token not in dump
    first, reminder, _old_page, newest_page = tokens
    for token in (first, reminder, newest_page):
        assert _sha(token) in dump


def test_sent_emails_do_not_keep_tokens_in_clear(db_session, cohort):
    tokens = _flow_with_every_kind_of_token(db_session, cohort)
    ids = list(db_session.scalars(select(OutboxMessage.id)))
    assert mail.deliver(db_session, utcnow(), only_ids=ids) == (len(ids), 0)
    dump = _dump(db_session)
    assert [t for t in tokens if t in dump] == []


def _use(db_session, action, token, now):
    if action == "grant":
        consent.grant(db_session, token, _answer(), now)
    elif action == "decline":
        consent.decline(db_session, token, now)
    else:
        consent.dispute(db_session, token, now)


@pytest.mark.parametrize("case", ["wrong", "reused after grant", "reused after decline",
                                  "expired"])
def test_a_bad_link_is_refused_and_changes_nothing(db_session, cohort, case):
    application, token = _waiting(db_session, cohort)
    now = NOW + DAY
    if case == "wrong":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif case.startswith("reused"):
        _use(db_session, case.split()[-1], token, now)
    else:
        now = NOW + 7 * DAY  # expires_at itself is too late
    before = _state(db_session, application)
    for action in ("grant", "decline", "dispute"):
        with pytest.raises(ConsentLinkInvalid):
            _use(db_session, action, token, now)
        with pytest.raises(ConsentLinkInvalid):
            consent.request_from_token(db_session, token, now)
    assert _state(db_session, application) == before


def test_a_link_works_until_the_last_moment(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    consent.grant(db_session, token, _answer(), NOW + 7 * DAY - timedelta(seconds=1))
    assert application.status is S.IN_REVIEW


def test_a_resent_request_kills_the_old_link_and_the_new_one_works(db_session, cohort, staff):
    application, old = _waiting(db_session, cohort)
    consent.resend_request(db_session, application, staff, NOW + DAY)
    new = emailed_token(db_session, application.guardian_email, "consent_request")
    first, second = _requests(db_session, application)
    assert new != old and first.status is R.EXPIRED and second.status is R.REQUESTED
    assert second.expires_at == NOW + 8 * DAY
    with pytest.raises(ConsentLinkInvalid):
        consent.request_from_token(db_session, old, NOW + DAY)
    assert consent.request_from_token(db_session, new, NOW + DAY) is second
    assert db_session.scalars(select(AuditEvent.actor_id).where(
        AuditEvent.action == "consent.resent")).all() == [staff.id]
    consent.grant(db_session, new, _answer(), NOW + 2 * DAY)
    assert application.status is S.IN_REVIEW


def test_only_a_waiting_request_can_be_resent(db_session, cohort, staff):
    application, token = _waiting(db_session, cohort)
    consent.decline(db_session, token, NOW)
    with pytest.raises(DomainError):
        consent.resend_request(db_session, application, staff, NOW)


# Grant --------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, field", [
    (_answer(scopes=()), "scopes"),
    (_answer(scopes=("discussions", "chat")), "scopes"),
    (_answer(name="   "), "name"),
    (_answer(relationship=""), "relationship"),
])
def test_a_grant_needs_known_purposes_a_name_and_a_relationship(db_session, cohort, answer,
                                                                 field):
    application, token = _waiting(db_session, cohort)
    before = _state(db_session, application)
    with pytest.raises(DomainError) as caught:
        consent.grant(db_session, token, answer, NOW)
    assert caught.value.field == field
    assert _state(db_session, application) == before


def test_granting_writes_the_record_and_moves_the_application_to_review(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    request = consent.request_from_token(db_session, token, NOW)
    consent.grant(db_session, token, GuardianAnswer(["emails", "discussions"], " Sam <b>Parent</b>",
                                                    "stepmother"), NOW + DAY)
    db_session.expire_all()
    [record] = _records(db_session, application)
    policy = consent.current_policy(db_session)
    assert record.scopes == ["discussions", "emails"]  # in the order of PURPOSES
    assert (record.policy_version_id, record.policy_sha256) == (policy.id, policy.sha256)
    assert policy.sha256 == _sha(policy.text)
    assert (record.country, record.consent_age, record.method) == ("GB", 18, "email_link")
    assert (record.guardian_name, record.guardian_relationship, record.guardian_email) == (
        "Sam Parent", "stepmother", application.guardian_email)
    assert (record.status, record.granted_at, record.ended_at) == (C.GRANTED, NOW + DAY, None)
    assert (record.request_id, record.replaces_id) == (request.id, None)
    assert (request.status, request.answered_at) == (R.GRANTED, NOW + DAY)
    assert application.status is S.IN_REVIEW and len(application.reviews) == 2


def test_a_receipt_carries_the_guardians_own_page_link(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    page = consent.grant(db_session, token, _answer(), NOW)
    [receipt] = _mails(db_session, application.guardian_email, "consent_receipt")
    assert token_in(_link(receipt)) == ("consent.guardian_page", page)
    [record] = _records(db_session, application)
    assert consent.record_from_guardian_token(db_session, page, NOW + 30 * DAY) is record
    with pytest.raises(ConsentLinkInvalid):
        consent.record_from_guardian_token(db_session, page + "x", NOW)


# Decline and dispute ------------------------------------------------------------------------

def test_declining_withdraws_the_application_and_tells_the_teen_kindly(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    consent.decline(db_session, token, NOW + DAY)
    [request] = _requests(db_session, application)
    assert (request.status, request.answered_at) == (R.DECLINED, NOW + DAY)
    assert (application.status, application.withdrawn_at) == (S.WITHDRAWN, NOW + DAY)
    assert len(_mails(db_session, application.email, "consent_declined_teen")) == 1
    assert _records(db_session, application) == []


def test_a_dispute_freezes_the_request_and_alerts_active_staff(db_session, cohort):
    application, token = _waiting(db_session, cohort)
    admin = make_staff(db_session, Role.ADMIN)
    gone = make_staff(db_session, is_active=False)
    moderator = make_staff(db_session, Role.MODERATOR)
    consent.dispute(db_session, token, NOW)
    [request] = _requests(db_session, application)
    assert request.status is R.DISPUTED
    assert application.status is S.AWAITING_CONSENT and _records(db_session, application) == []
    alerted = {m.to_address for m in _mails(db_session, template="consent_disputed_staff")}
    active = set(db_session.scalars(select(User.email).where(
        User.role.in_([Role.STAFF, Role.ADMIN]), User.is_active.is_(True))))
    assert alerted == active and admin.email in alerted and len(alerted) >= 4
    assert gone.email not in alerted and moderator.email not in alerted
    assert application.email not in alerted


# What consent allows ------------------------------------------------------------------------

def _pair(purpose):
    """The purpose and the next one: two granted purposes."""
    return [purpose, PURPOSES[(PURPOSES.index(purpose) + 1) % len(PURPOSES)]]


@pytest.mark.parametrize("purpose", PURPOSES)
def test_a_member_may_do_only_what_was_granted(db_session, cohort, staff, purpose):
    member, _application, _page = _member(db_session, cohort, staff, _pair(purpose))
    assert member.role is Role.MEMBER
    assert _allowed(db_session, member) == set(_pair(purpose))
    assert consent.purposes_in_force(db_session, member) == [p for p in PURPOSES
                                                             if p in _pair(purpose)]


@pytest.mark.parametrize("purpose", PURPOSES)
def test_revoking_a_purpose_blocks_it_at_once(db_session, cohort, staff, purpose):
    member, application, page = _member(db_session, cohort, staff, _pair(purpose))
    kept = _pair(purpose)[1]
    new_page = consent.change_consent(db_session, page, [kept], NOW + DAY)
    assert consent.allows(db_session, member, purpose) is False  # same session, no commit
    assert _allowed(db_session, member) == {kept}
    old, new = _records(db_session, application)
    assert (old.status, old.ended_at) == (C.SUPERSEDED, NOW + DAY)
    assert (new.status, new.replaces_id, new.scopes) == (C.GRANTED, old.id, [kept])
    assert new.guardian_email == old.guardian_email and new.method == "email_link"
    with pytest.raises(ConsentLinkInvalid):
        consent.record_from_guardian_token(db_session, page, NOW + DAY)
    assert consent.record_from_guardian_token(db_session, new_page, NOW + DAY) is new
    assert len(_mails(db_session, application.guardian_email, "consent_receipt")) == 2


def test_revoking_everything_keeps_the_account_and_the_guardian_can_grant_again(
        db_session, cohort, staff):
    member, application, page = _member(db_session, cohort, staff)
    revoked_page = consent.change_consent(db_session, page, [], NOW + DAY)
    record = _records(db_session, application)[-1]
    assert (record.status, record.scopes, record.ended_at) == (C.REVOKED, [], NOW + DAY)
    assert _allowed(db_session, member) == set()
    assert member.is_active is True and application.status is S.ACCEPTED
    consent.change_consent(db_session, revoked_page, ["surveys"], NOW + 2 * DAY)
    assert _allowed(db_session, member) == {"surveys"}
    assert _records(db_session, application)[-1].replaces_id == record.id


def test_after_granting_again_the_revoked_records_link_no_longer_works(db_session, cohort,
                                                                        staff):
    member, application, page = _member(db_session, cohort, staff)
    revoked_page = consent.change_consent(db_session, page, [], NOW + DAY)
    consent.change_consent(db_session, revoked_page, ["surveys"], NOW + 2 * DAY)
    with pytest.raises(ConsentLinkInvalid):
        consent.change_consent(db_session, revoked_page, ["discussions"], NOW + 3 * DAY)
    assert [r.status for r in _records(db_session, application)].count(C.GRANTED) == 1


def test_only_members_are_allowed_anything(db_session, cohort, staff):
    assert _allowed(db_session, staff) == set()
    with pytest.raises(ValueError):
        consent.allows(db_session, staff, "chat")


def test_a_member_who_needed_no_guardian_chooses_for_themselves(db_session, staff):
    cohort = make_cohort(db_session, by=staff)
    application = make_application(db_session, cohort, S.ACCEPTED, by=staff,
                                   date_of_birth=born(15),
                                   country=own_consent_country(db_session))
    assert application.needs_consent is False and _records(db_session, application) == []
    member = db_session.get(User, application.member_id)
    assert _allowed(db_session, member) == set()  # nothing until they choose
    consent.confirm_own_consent(db_session, member, ["surveys"], NOW)
    assert _allowed(db_session, member) == {"surveys"}


def test_an_accepted_member_without_a_record_is_allowed_nothing(db_session, cohort, staff):
    member, application, _page = _member(db_session, cohort, staff)
    for record in _records(db_session, application):
        db_session.delete(record)
    db_session.flush()
    assert application.needs_consent is True and _allowed(db_session, member) == set()


# Policy versions ----------------------------------------------------------------------------

def test_the_migrations_publish_version_1(db_session):
    policy = consent.current_policy(db_session)
    assert policy.version == "1" and policy.material is False
    assert policy.sha256 == _sha(policy.text) and "Your rights" in policy.text


def test_a_taken_version_is_refused(db_session, admin):
    current = consent.current_policy(db_session)
    with pytest.raises(DomainError) as caught:
        consent.publish_policy(db_session, "1", "A new notice.", True, admin, NOW)
    assert caught.value.field == "version"
    assert consent.current_policy(db_session) is current
    assert _count(db_session, PolicyVersion) == 1


def test_a_text_identical_to_the_current_one_is_refused(db_session, admin):
    consent.publish_policy(db_session, "2", "Notice, version 2.", False, admin, NOW)
    with pytest.raises(DomainError) as caught:
        consent.publish_policy(db_session, "3", "\n  Notice, version 2.\n", True, admin, NOW)
    assert caught.value.field == "text"
    assert consent.current_policy(db_session).version == "2"
    assert _audited(db_session, "consent.policy_published") == [{"material": False,
                                                                 "changed": []}]


def test_the_shipped_notice_republished_unchanged_is_refused(db_session, admin):
    current = consent.current_policy(db_session)
    with pytest.raises(DomainError) as caught:
        consent.publish_policy(db_session, "2", current.text, True, admin, NOW)
    assert caught.value.field == "text"


def _audited(db_session, action):
    return list(db_session.scalars(select(AuditEvent.details).where(
        AuditEvent.action == action).order_by(AuditEvent.id)))


def test_a_material_change_pauses_consent_until_the_guardian_chooses_again(db_session, cohort,
                                                                         staff, admin):
    member, application, _page = _member(db_session, cohort, staff, ["discussions", "surveys"])
    other, other_application, _ = _member(db_session, cohort, staff)
    policy = consent.publish_policy(db_session, "2", "Notice, version 2.", True, admin,
                                    NOW + DAY)
    assert consent.current_policy(db_session) is policy and policy.sha256 == _sha(policy.text)
    assert _allowed(db_session, member) == set() and _allowed(db_session, other) == set()
    for app_ in (application, other_application):
        assert len(_mails(db_session, app_.guardian_email, "consent_again")) == 1
    token = emailed_token(db_session, application.guardian_email, "consent_again")
    consent.grant(db_session, token, _answer(["surveys", "emails"]), NOW + 2 * DAY)
    assert _allowed(db_session, member) == {"surveys", "emails"}
    old, new = _records(db_session, application)
    assert (old.status, new.replaces_id, new.policy_version_id, new.policy_sha256) == (
        C.SUPERSEDED, old.id, policy.id, policy.sha256)
    assert application.status is S.ACCEPTED
    assert _allowed(db_session, other) == set()  # the other guardian has not answered yet


def test_a_non_material_change_pauses_nothing(db_session, cohort, staff, admin):
    member, application, _page = _member(db_session, cohort, staff)
    consent.publish_policy(db_session, "1.1", "Typo fixed.", False, admin, NOW + DAY)
    assert _allowed(db_session, member) == set(PURPOSES)
    assert _mails(db_session, template="consent_again") == []
    assert consent.current_policy(db_session).version == "1.1"


def _own_consent_member(db_session, cohort, staff, admin):
    """A 15-year-old in GB who consents for themselves after GB was lowered to 13."""
    member, application, page = _member(db_session, cohort, staff)
    consent.set_consent_age(db_session, "GB", 13, admin, NOW)
    consent.confirm_own_consent(db_session, member, ["discussions"], NOW + DAY)
    return member, application, page


def test_a_teen_at_the_consent_age_takes_over_from_the_guardian(db_session, cohort, staff,
                                                                admin):
    member, application, page = _own_consent_member(db_session, cohort, staff, admin)
    guardian, own = _records(db_session, application)
    assert (guardian.status, own.status, own.method, own.replaces_id) == (
        C.SUPERSEDED, C.GRANTED, "self", guardian.id)
    assert (own.guardian_name, own.guardian_email, own.consent_age) == (None, None, 13)
    assert _allowed(db_session, member) == {"discussions"}
    with pytest.raises(ConsentLinkInvalid):
        consent.record_from_guardian_token(db_session, page, NOW + DAY)


def test_a_material_change_asks_a_teen_with_their_own_consent_too(db_session, cohort, staff,
                                                                  admin):
    member, _application, _page = _own_consent_member(db_session, cohort, staff, admin)
    before = len(_mails(db_session, member.email))
    consent.publish_policy(db_session, "2", "Notice, version 2.", True, admin, NOW + 2 * DAY)
    assert _allowed(db_session, member) == set()  # paused ...
    assert len(_mails(db_session, member.email)) > before  # ... so they must be asked


# The daily sweep ----------------------------------------------------------------------------

def test_day_3_sends_one_reminder_with_a_new_link_and_the_first_still_works(db_session, cohort):
    application, first = _waiting(db_session, cohort)
    assert consent.sweep(db_session, NOW + 3 * DAY - timedelta(minutes=1)) == SweepResult()
    assert consent.sweep(db_session, NOW + 3 * DAY) == SweepResult(reminded=1)
    [reminder] = _mails(db_session, application.guardian_email, "consent_reminder")
    endpoint, second = token_in(_link(reminder))
    assert endpoint == "consent.guardian_request" and second != first
    request = consent.request_from_token(db_session, first, NOW + 3 * DAY)
    assert consent.request_from_token(db_session, second, NOW + 3 * DAY) is request
    assert consent.sweep(db_session, NOW + 3 * DAY + timedelta(hours=6)) == SweepResult()
    assert len(_mails(db_session, application.guardian_email, "consent_reminder")) == 1
    consent.grant(db_session, second, _answer(), NOW + 4 * DAY)
    with pytest.raises(ConsentLinkInvalid):
        consent.request_from_token(db_session, first, NOW + 4 * DAY)


def test_day_6_sends_the_second_reminder_and_there_is_never_a_third(db_session, cohort):
    application, _first = _waiting(db_session, cohort)
    for day, reminded in [(3, 1), (4, 0), (6, 1), (6.5, 0), (6.99, 0)]:
        assert consent.sweep(db_session, NOW + day * DAY).reminded == reminded, day
    assert len(_mails(db_session, application.guardian_email, "consent_reminder")) == 2
    assert _requests(db_session, application)[0].reminders_sent == 2


def test_a_sweep_run_twice_on_the_same_day_sends_no_second_reminder(db_session, cohort):
    application, _first = _waiting(db_session, cohort)
    consent.sweep(db_session, NOW + 6 * DAY)
    consent.sweep(db_session, NOW + 6 * DAY + timedelta(minutes=5))
    assert len(_mails(db_session, application.guardian_email, "consent_reminder")) == 1


def test_day_7_expires_the_request_erases_the_address_and_withdraws(db_session, cohort):
    application, first = _waiting(db_session, cohort)
    consent.sweep(db_session, NOW + 3 * DAY)
    guardian = application.guardian_email
    assert consent.sweep(db_session, NOW + 7 * DAY) == SweepResult(expired=1)
    db_session.expire_all()
    [request] = _requests(db_session, application)
    assert (request.status, request.guardian_email) == (R.EXPIRED, None)
    assert application.guardian_email is None
    assert (application.status, application.withdrawn_at) == (S.WITHDRAWN, NOW + 7 * DAY)
    assert len(_mails(db_session, application.email, "consent_expired_teen")) == 1
    mails = _count(db_session, OutboxMessage)
    assert consent.sweep(db_session, NOW + 7 * DAY) == SweepResult()
    assert consent.sweep(db_session, NOW + 9 * DAY) == SweepResult()
    assert _count(db_session, OutboxMessage) == mails
    assert _count(db_session, ConsentRequest, ConsentRequest.guardian_email == guardian) == 0
    with pytest.raises(ConsentLinkInvalid):
        consent.request_from_token(db_session, first, NOW + 6 * DAY)


def test_expiry_after_a_resend_erases_the_address_everywhere(db_session, cohort, staff):
    application, _first = _waiting(db_session, cohort)
    guardian = application.guardian_email
    consent.resend_request(db_session, application, staff, NOW + DAY)
    assert consent.sweep(db_session, NOW + 8 * DAY).expired == 1
    assert application.status is S.WITHDRAWN
    assert _count(db_session, ConsentRequest, ConsentRequest.guardian_email == guardian) == 0


def test_an_unanswered_re_consent_request_does_not_tell_a_member_they_were_withdrawn(
        db_session, cohort, staff, admin):
    member, application, _page = _member(db_session, cohort, staff)
    consent.publish_policy(db_session, "2", "Notice, version 2.", True, admin, NOW)
    consent.sweep(db_session, NOW + 7 * DAY)
    assert application.status is S.ACCEPTED
    assert _mails(db_session, member.email, "consent_expired_teen") == []


def _seventeen_year_old_member(db_session, cohort, staff):
    member, application, page = _member(db_session, cohort, staff, date_of_birth=born(17))
    birthday = datetime(application.date_of_birth.year + 18, application.date_of_birth.month,
                        application.date_of_birth.day, tzinfo=timezone.utc)
    return member, application, page, birthday


def test_guardian_consent_lapses_at_18_and_the_member_confirms_their_own(db_session, cohort,
                                                                         staff):
    member, application, _page, birthday = _seventeen_year_old_member(db_session, cohort, staff)
    assert consent.sweep(db_session, birthday - timedelta(hours=1)).lapsed == 0
    assert consent.sweep(db_session, birthday).lapsed == 1
    [record] = _records(db_session, application)
    assert (record.status, record.ended_at) == (C.LAPSED, birthday)
    assert _allowed(db_session, member) == set()
    assert consent.can_confirm_own_consent(db_session, member, birthday) is True
    consent.confirm_own_consent(db_session, member, ["surveys", "discussions"], birthday)
    lapsed, own = _records(db_session, application)
    assert (own.method, own.status, own.replaces_id, own.scopes) == (
        "self", C.GRANTED, lapsed.id, ["discussions", "surveys"])
    assert lapsed.status is C.LAPSED
    assert _allowed(db_session, member) == {"discussions", "surveys"}
    assert consent.sweep(db_session, birthday + DAY) == SweepResult()  # own consent stays


def test_after_18_the_guardians_link_changes_nothing(db_session, cohort, staff):
    member, application, page, birthday = _seventeen_year_old_member(db_session, cohort, staff)
    consent.sweep(db_session, birthday)
    consent.confirm_own_consent(db_session, member, ["surveys"], birthday)
    with pytest.raises(DomainError):
        consent.change_consent(db_session, page, list(PURPOSES), birthday + DAY)
    assert _allowed(db_session, member) == {"surveys"}


def test_a_member_under_the_consent_age_cannot_consent_for_themselves(db_session, cohort, staff):
    member, application, _page = _member(db_session, cohort, staff)
    assert consent.can_confirm_own_consent(db_session, member, NOW) is False
    with pytest.raises(DomainError):
        consent.confirm_own_consent(db_session, member, ["surveys"], NOW)
    assert [r.method for r in _records(db_session, application)] == ["email_link"]
    assert _allowed(db_session, member) == set(PURPOSES)


# State machines on the models ----------------------------------------------------------------

def _request_in(status):
    return ConsentRequest(status=status, guardian_email="g@example.com", expires_at=NOW + DAY)


@pytest.mark.parametrize("start_status, answer, ok", [
    (R.REQUESTED, R.GRANTED, True),
    (R.REQUESTED, R.DECLINED, True),
    (R.REQUESTED, R.DISPUTED, True),
    (R.REQUESTED, R.EXPIRED, False),
    (R.REQUESTED, R.REQUESTED, False),
    (R.GRANTED, R.DECLINED, False),
    (R.DECLINED, R.GRANTED, False),
    (R.EXPIRED, R.GRANTED, False),
    (R.DISPUTED, R.GRANTED, False),
])
def test_request_answer(start_status, answer, ok):
    request = _request_in(start_status)
    if ok:
        request.answer(answer, NOW)
        assert (request.status, request.answered_at) == (answer, NOW)
    else:
        with pytest.raises(InvalidTransition):
            request.answer(answer, NOW)
        assert request.status is start_status and request.answered_at is None


def test_request_cannot_be_answered_once_its_time_is_up():
    request = _request_in(R.REQUESTED)
    with pytest.raises(InvalidTransition):
        request.answer(R.GRANTED, NOW + DAY)
    assert request.status is R.REQUESTED


@pytest.mark.parametrize("start_status", list(R))
@pytest.mark.parametrize("move", ["expire", "replace"])
def test_only_a_waiting_request_expires_or_is_replaced(start_status, move):
    request = _request_in(start_status)
    if start_status is R.REQUESTED:
        getattr(request, move)()
        assert request.status is R.EXPIRED
        assert request.guardian_email == (None if move == "expire" else "g@example.com")
    else:
        with pytest.raises(InvalidTransition):
            getattr(request, move)()
        assert (request.status, request.guardian_email) == (start_status, "g@example.com")


@pytest.mark.parametrize("start_status, end, ok", [
    (C.GRANTED, C.REVOKED, True),
    (C.GRANTED, C.SUPERSEDED, True),
    (C.GRANTED, C.LAPSED, True),
    (C.GRANTED, C.GRANTED, False),
    (C.REVOKED, C.SUPERSEDED, False),
    (C.SUPERSEDED, C.REVOKED, False),
    (C.LAPSED, C.REVOKED, False),
])
def test_record_end(start_status, end, ok):
    record = ConsentRecord(status=start_status, scopes=["surveys"])
    if ok:
        record.end(end, NOW)
        assert (record.status, record.ended_at) == (end, NOW)
        assert record.allows("surveys") is False
    else:
        with pytest.raises(InvalidTransition):
            record.end(end, NOW)
        assert (record.status, record.ended_at) == (start_status, None)


# Staff overview -----------------------------------------------------------------------------

def test_the_overview_counts_one_cohort_only(db_session, cohort, staff):
    waiting, _ = _waiting(db_session, cohort)
    granted, granted_token = _waiting(db_session, cohort)
    disputed, disputed_token = _waiting(db_session, cohort)
    declined, declined_token = _waiting(db_session, cohort)
    consent.grant(db_session, granted_token, _answer(), NOW)
    consent.dispute(db_session, disputed_token, NOW)
    consent.decline(db_session, declined_token, NOW)
    other = make_cohort(db_session, by=staff, name="Another council")
    _waiting(db_session, other)
    consent.grant(db_session, _waiting(db_session, other)[1], _answer(), NOW)

    result = consent.overview(db_session, cohort)
    assert result.request_counts == {"requested": 1, "granted": 1, "declined": 1, "expired": 0,
                                     "disputed": 1}
    assert result.record_counts == {"granted": 1}
    assert [r.application_id for r in result.waiting] == [waiting.id]
    assert [r.application_id for r in result.disputed] == [disputed.id]
    assert consent.overview(db_session, other).request_counts["requested"] == 1


def test_a_material_change_pauses_only_the_purposes_it_affects(db_session, cohort, staff, admin):
    member, _application, _page = _member(db_session, cohort, staff)
    before = _allowed(db_session, member)
    consent.publish_policy(db_session, "2", "Exports now go to a new team.", True, admin, NOW,
                           changed=["exports"])
    assert _allowed(db_session, member) == before - {"exports"}
    with pytest.raises(DomainError) as caught:
        consent.publish_policy(db_session, "3", "Other words.", True, admin, NOW, changed=[])
    assert caught.value.field == "changed"
