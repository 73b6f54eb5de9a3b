"""Journey: a 15-year-old applies, their parent opens the real email and agrees to two of the
four purposes, staff accept the application, the member sees exactly those two purposes, the
parent takes one back from the page in their receipt, and the member is told on their next page.

The review and the decision go through the services (the application journey drives them in
the browser). The parent's part also runs without JavaScript.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from council import mail
from council.accounts.models import Role
from council.accounts.services import get_user_by_email
from council.applications import services
from council.applications.models import Application, ApplicationStatus, Cohort
from council.db import db, utcnow
from tests.e2e.conftest import (Account, LiveServer, check_page, create_account,
                                expect_console_error, unique, wait_for_link)
from tests.e2e.test_application_journey import (CRITERIA, ESSAYS, QUESTIONS, Applicant,
                                                fill_first_page, heading,
                                                teen_becomes_member)

DISCUSSIONS = "Take part in moderated discussions"
SURVEYS = "Answer surveys"
EXPORTS = "Include their anonymous answers in reports for policy teams"
EMAILS = "Receive emails from the council"
GRANTED = [DISCUSSIONS, EMAILS]
GUARDIAN_NAME, RELATIONSHIP = "Grace Parent", "mother"


@dataclass(frozen=True)
class Family:
    """A teen and the parent whose address they give."""

    teen: Applicant
    guardian_email: str


def fifteen_years_old() -> date:
    """A date of birth 15 and a half years ago: 15 whatever the time zone."""
    day = date.today() - timedelta(days=180)
    try:
        return day.replace(year=day.year - 15)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 15, day=28)


def new_family(first_name: str) -> Family:
    teen = Applicant(first_name, f"{unique('teen')}@example.com", fifteen_years_old(),
                     "United Kingdom", "Yorkshire")
    return Family(teen, f"{unique('parent')}@example.com")


# Set-up and staff work in the live database ------------------------------------------------

def deliver_committed_mail() -> None:
    """Send the mail the session just committed, as the app does after a response."""
    ids = db.session.info.pop("mail.committed", [])
    if ids:
        mail.deliver(db.session, utcnow(), only_ids=ids)


def open_cohort_for_teens(live: LiveServer, by: Account, reviewer: Account) -> tuple[int, str]:
    """An open cohort for ages 13 to 17, one review per application; (id, name)."""
    name = f"Teen Council {unique('c')[-6:]}"
    now = utcnow()
    with live.app.app_context():
        session = db.session
        staff = get_user_by_email(session, by.email)
        data = services.CohortData(
            name=name, year=now.year, opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14), places=10, min_age=13, max_age=17,
            reviewers_per_application=1, questions=list(QUESTIONS), criteria=list(CRITERIA))
        cohort = services.create_cohort(session, data, staff, now)
        services.change_cohort_state(session, cohort, "open", staff, now)
        services.set_reviewers(session, cohort,
                               [get_user_by_email(session, reviewer.email).id], staff, now)
        session.commit()
        return cohort.id, name


def applied_through_services(live: LiveServer, cohort_id: int, family: Family) -> None:
    """The teen's part without a browser: start, answer, send, confirm (the parent is asked)."""
    teen, now = family.teen, utcnow()
    with live.app.test_request_context():
        session = db.session
        cohort = session.get(Cohort, cohort_id)
        application = services.start_application(session, cohort, services.ApplicantData(
            teen.first_name, teen.email, teen.date_of_birth, "GB", teen.region), now)
        services.send_application(session, application, services.ApplicationAnswers(
            family.guardian_email, {q.id: essay for q, essay in zip(cohort.questions, ESSAYS)},
            {}), now)
        services.confirm_application(
            session, services.make_token(application, "confirm_application"), now)
        assert application.status is ApplicationStatus.AWAITING_CONSENT
        session.commit()
        deliver_committed_mail()


def reviewed_and_accepted(live: LiveServer, cohort_id: int, teen: Applicant,
                          reviewer: Account, decider: Account) -> None:
    """The one reviewer scores the application and a staff member accepts it."""
    now = utcnow()
    with live.app.test_request_context():
        session = db.session
        cohort = session.get(Cohort, cohort_id)
        application = session.query(Application).filter_by(cohort_id=cohort_id,
                                                           email=teen.email).one()
        assert application.status is ApplicationStatus.IN_REVIEW
        [review] = application.reviews
        assert review.reviewer_id == get_user_by_email(session, reviewer.email).id
        services.submit_review(session, review, {c.id: 4 for c in cohort.criteria},
                               "Clear and thoughtful.", now)
        services.decide(session, cohort, [application.id], ApplicationStatus.ACCEPTED,
                        get_user_by_email(session, decider.email), now)
        session.commit()
        deliver_committed_mail()


# The teen ------------------------------------------------------------------------------

def teen_applies(page: Page, live: LiveServer, mailbox: Any, cohort_name: str,
                 family: Family) -> None:
    """Apply, give a parent's email, send and confirm: the page says a parent must agree."""
    teen = family.teen
    page.goto(f"{live.url}/cohorts")
    expect(heading(page, "Join a council")).to_be_visible()
    check_page(page)
    fill_first_page(page, cohort_name, teen)
    check_page(page)

    page.goto(wait_for_link(mailbox, teen.email))
    expect(heading(page, f"Your application to {cohort_name}")).to_be_visible()
    expect(page.get_by_text("a parent or carer must agree before you join")).to_be_visible()
    check_page(page)
    page.get_by_label("Email of a parent or carer").fill(family.guardian_email)
    for (prompt, _limit), essay in zip(QUESTIONS, ESSAYS):
        page.get_by_label(prompt).fill(essay)
    page.get_by_role("button", name="Send my application").click()
    expect(heading(page, "One last step")).to_be_visible()
    check_page(page)

    link = wait_for_link(mailbox, teen.email, count=2)
    assert mailbox.to(teen.email)[-1]["Subject"] == "Confirm your application"
    page.goto(link)
    expect(heading(page, "Send your application")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Send my application").click()
    expect(heading(page, "Thank you, your application is sent")).to_be_visible()
    expect(page.get_by_text("a parent or carer needs to agree before we look at it")
           ).to_be_visible()
    check_page(page)


def member_sees_purposes(page: Page, purposes: list[str], shot: str | None = None,
                         from_dashboard: bool = True) -> None:
    """"What you can do" (from the dashboard's link): exactly these purposes, agreed by the
    mother."""
    if from_dashboard:
        page.get_by_role("link", name="What you can do, and who agreed to it").click()
    expect(page).to_have_url(re.compile(r"/account/consent$"))
    expect(heading(page, "What you can do")).to_be_visible()
    expect(page.locator("#purposes-in-force li")).to_have_text(purposes)
    expect(page.get_by_text(f"Agreed by your {RELATIONSHIP} on")).to_be_visible()
    check_page(page)
    if shot:
        page.screenshot(path=shot, full_page=True)


# The parent ----------------------------------------------------------------------------

def guardian_grants(page: Page, live: LiveServer, mailbox: Any, family: Family,
                    shot: str | None = None) -> str:
    """The request email, the notice, two of four purposes; returns the receipt's link."""
    teen, address = family.teen, family.guardian_email
    link = wait_for_link(mailbox, address)
    request_mail = mailbox.to(address)[-1]
    assert request_mail["Subject"] == "Can your child join a youth council?"
    assert link.startswith(f"{live.url}/guardian/consent/")
    page.goto(link)
    expect(heading(page, f"Can {teen.first_name} join a youth council?")).to_be_visible()
    expect(page.get_by_text(f"{teen.first_name} gave us your email address when they applied")
           ).to_be_visible()
    notice = page.get_by_role("region", name="What we do with their data")
    for part in ("Why you got this email: a young person gave us your email address",
                 "What we collect, and why:", "Their first name, email, date of birth",
                 "Who sees it: the programme staff", "How long we keep it:",
                 "Your rights: you can see what we hold about them",
                 "Privacy notice version 1."):
        expect(notice).to_contain_text(part)
    choices = page.get_by_role("group", name="What do you agree to?")
    for purpose in (DISCUSSIONS, SURVEYS, EXPORTS, EMAILS):
        expect(choices.get_by_label(purpose, exact=True)).not_to_be_checked()
    check_page(page)

    for purpose in GRANTED:
        choices.get_by_label(purpose, exact=True).check()
    page.get_by_label("Your full name").fill(GUARDIAN_NAME)
    page.get_by_label("How are you related to them?").fill(RELATIONSHIP)
    if shot:
        page.screenshot(path=shot, full_page=True)
    page.get_by_role("button", name="I agree to what I ticked").click()
    expect(heading(page, "Thank you")).to_be_visible()
    expect(page.get_by_text("We have emailed you a receipt")).to_be_visible()
    check_page(page)

    receipt_link = wait_for_link(mailbox, address, count=2)
    receipt = mailbox.to(address)[-1]
    assert receipt["Subject"] == "Your consent receipt"
    body = receipt.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert f"- {DISCUSSIONS}\n- {EMAILS}\n" in body
    assert SURVEYS not in body and EXPORTS not in body
    assert re.fullmatch(rf"{re.escape(live.url)}/guardian/[A-Za-z0-9_-]+", receipt_link)
    return receipt_link


def guardian_takes_back_emails(page: Page, live: LiveServer, mailbox: Any, family: Family,
                               receipt_link: str) -> None:
    """The receipt's page: untick emails, save, a new receipt with a new link."""
    page.goto(receipt_link)
    expect(heading(page, f"Your consent for {family.teen.first_name}")).to_be_visible()
    agreed = page.get_by_role("heading", level=2, name="What you agreed to")
    expect(agreed.locator("xpath=following-sibling::ul[1]/li")).to_have_text(GRANTED)
    expect(page.get_by_text(f"Given by {GUARDIAN_NAME} ({RELATIONSHIP})")).to_be_visible()
    expect(page.get_by_text(family.teen.email, exact=True)).to_be_visible()
    choices = page.get_by_role("group", name="What you agree to now")
    expect(choices.get_by_label(EMAILS, exact=True)).to_be_checked()
    check_page(page)

    choices.get_by_label(EMAILS, exact=True).uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text("Your choices are saved and work now.")
    expect(agreed.locator("xpath=following-sibling::ul[1]/li")).to_have_text([DISCUSSIONS])
    check_page(page)

    new_link = wait_for_link(mailbox, family.guardian_email, count=3)
    body = mailbox.to(family.guardian_email)[-1].get_body(("plain",)).get_content()
    body = body.replace("\r\n", "\n")
    assert f"- {DISCUSSIONS}\n" in body and EMAILS not in body
    assert new_link != receipt_link
    # The old link died with the old record.
    expect_console_error(page, r"status of 400")
    page.goto(receipt_link)
    expect(heading(page, "This link does not work")).to_be_visible()
    check_page(page)


# The journeys ----------------------------------------------------------------------------

def test_parent_grants_two_purposes_then_takes_one_back(live_server, smtp_server,
                                                        open_browser):
    live, mailbox = live_server, smtp_server.mailbox
    decider = create_account(live, Role.STAFF, "Dee Decider")
    reviewer = create_account(live, Role.STAFF, "Rae Reviewer")
    cohort_id, cohort_name = open_cohort_for_teens(live, decider, reviewer)
    family = new_family("Nia")

    teen_page = open_browser()
    teen_applies(teen_page, live, mailbox, cohort_name, family)

    guardian_page = open_browser()
    receipt_link = guardian_grants(guardian_page, live, mailbox, family,
                                   shot="/tmp/e2e-guardian.png")

    reviewed_and_accepted(live, cohort_id, family.teen, reviewer, decider)
    teen_becomes_member(teen_page, live, mailbox, family.teen)
    member_sees_purposes(teen_page, GRANTED, shot="/tmp/e2e-member-consent.png")

    guardian_takes_back_emails(guardian_page, live, mailbox, family, receipt_link)

    teen_page.get_by_role("navigation", name="Main").get_by_role("link",
                                                                 name="Dashboard").click()
    expect(heading(teen_page, f"Hello, {family.teen.first_name}")).to_be_visible()
    expect(teen_page.get_by_role("status")).to_contain_text(
        f"Your parent or carer changed what you agreed to. You can now: {DISCUSSIONS.lower()}.")
    check_page(teen_page)
    teen_page.get_by_role("button", name="OK, show me my page").click()  # read it
    member_sees_purposes(teen_page, [DISCUSSIONS], from_dashboard=False)
    expect(teen_page.get_by_role("status")).to_have_count(0)  # told until they said OK


def test_parent_answers_without_javascript(live_server, smtp_server, open_browser):
    live, mailbox = live_server, smtp_server.mailbox
    decider = create_account(live, Role.STAFF, "Dee Decider")
    reviewer = create_account(live, Role.STAFF, "Rae Reviewer")
    cohort_id, _name = open_cohort_for_teens(live, decider, reviewer)
    family = new_family("Omar")
    applied_through_services(live, cohort_id, family)

    page = open_browser(False)
    receipt_link = guardian_grants(page, live, mailbox, family)
    guardian_takes_back_emails(page, live, mailbox, family, receipt_link)
