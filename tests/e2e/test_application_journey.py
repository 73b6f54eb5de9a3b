"""Journey: a teen applies to an open cohort, two reviewers score the application without
seeing who wrote it, a staff member accepts it, and the teen sets a password and logs in as a
member. The applicant's part also runs without JavaScript.

The applicant is a 15-year-old in Sweden, where the admin lowered the consent age to the legal
floor of 13, so no parent or carer is asked and the application goes straight to review (the
consent journey covers the parent's part).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyotp
from playwright.sync_api import Page, expect

from council.accounts.models import Role
from council.accounts.services import get_user_by_email
from council.applications import services
from council.consent import services as consent
from council.db import db, utcnow
from tests.e2e.conftest import (Account, LiveServer, check_page, create_account, unique,
                                wait_for_link)

MEMBER_PASSWORD = "meadow bicycle thunder 7"
#: (prompt, word limit); answers below
QUESTIONS = [("Why do you want to join the council?", 60),
             ("What should apps do to keep young people safe?", 40)]
ESSAYS = ["I want adults to hear what young people really go through online.",
          "Make reporting easy and tell people what happened after they report."]
#: (name, weight): with weights 3 and 1 the mean is weighted
CRITERIA = [("Insight", 3), ("Clarity", 1)]
#: each reviewer's scores; weighted means 3.50 and 4.50, so the mean of means is 4.00
SCORES = [{"Insight": 4, "Clarity": 2}, {"Insight": 5, "Clarity": 3}]
MEAN = "4.00"
PLACES = 10


@dataclass(frozen=True)
class Applicant:
    """What the teen types on the first page."""

    first_name: str
    email: str
    date_of_birth: date
    country: str
    region: str


def turned_15_days_ago(days: int = 5) -> date:
    """A date of birth 15 years and a few days ago: 15 whatever the time zone."""
    day = date.today() - timedelta(days=days)
    try:
        return day.replace(year=day.year - 15)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 15, day=28)


def new_applicant(first_name: str) -> Applicant:
    return Applicant(first_name, f"{unique('teen')}@example.com", turned_15_days_ago(),
                     "Sweden", "Uppsala")


def open_cohort(live: LiveServer, by: Account, reviewers: list[Account]) -> str:
    """An open cohort in the live database whose window contains now; returns its name."""
    name = f"Youth Council {unique('c')[-6:]}"
    now = utcnow()
    with live.app.app_context():
        session = db.session
        staff = get_user_by_email(session, by.email)
        data = services.CohortData(
            name=name, year=now.year, opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14), places=PLACES, min_age=13, max_age=17,
            reviewers_per_application=2, questions=list(QUESTIONS), criteria=list(CRITERIA))
        cohort = services.create_cohort(session, data, staff, now)
        if consent.consent_age(session, "SE") != 13:  # Swedish teens consent from 13
            consent.set_consent_age(session, "SE", 13, staff, now)
        services.change_cohort_state(session, cohort, "open", staff, now)
        if reviewers:
            ids = [get_user_by_email(session, r.email).id for r in reviewers]
            services.set_reviewers(session, cohort, ids, staff, now)
        session.commit()
    return name


def heading(page: Page, text: str | re.Pattern[str]) -> Any:
    return page.get_by_role("heading", level=1, name=text)


# The applicant ----------------------------------------------------------------------------

def fill_first_page(page: Page, cohort_name: str, teen: Applicant) -> None:
    """From the list of councils, the first page ("about you") to "Check your email"."""
    page.get_by_role("link", name=f"Apply to {cohort_name}", exact=True).click()
    expect(heading(page, f"Apply to {cohort_name}")).to_be_visible()
    check_page(page)
    page.get_by_label("Your first name, or the name you like to use").fill(teen.first_name)
    page.get_by_label("Your email address").fill(teen.email)
    page.get_by_label("Your date of birth").fill(teen.date_of_birth.isoformat())
    page.get_by_label("Country you live in").select_option(label=teen.country)
    page.get_by_label("Region, county or state").fill(teen.region)
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Check your email")).to_be_visible()


def teen_applies(page: Page, live: LiveServer, mailbox: Any, cohort_name: str,
                 teen: Applicant, shots: bool) -> None:
    """From the front page to "your application is sent", with both emailed links."""
    page.goto(f"{live.url}/")
    expect(heading(page, "Council")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Apply to join a council").click()
    expect(heading(page, "Join a council")).to_be_visible()
    check_page(page)
    fill_first_page(page, cohort_name, teen)
    expect(page.get_by_text(f"We have sent you an email about {cohort_name}")).to_be_visible()
    check_page(page)

    link = wait_for_link(mailbox, teen.email)
    assert mailbox.to(teen.email)[-1]["Subject"] == "Carry on with your application"
    assert link.startswith(f"{live.url}/applications/")
    page.goto(link)
    expect(heading(page, f"Your application to {cohort_name}")).to_be_visible()
    expect(page.get_by_text(f"Hello {teen.first_name}.")).to_be_visible()
    # In Sweden (consent age 13 here) a 15-year-old needs no parent or carer.
    expect(page.get_by_label("Email of a parent or carer")).to_have_count(0)
    check_page(page)
    for (prompt, _limit), essay in zip(QUESTIONS, ESSAYS):
        page.get_by_label(prompt).fill(essay)
    page.get_by_role("group", name="How do you describe your gender?").get_by_label(
        "Non-binary").check()
    if shots:
        page.screenshot(path="/tmp/e2e-answers.png", full_page=True)
    page.get_by_role("button", name="Send my application").click()
    expect(heading(page, "One last step")).to_be_visible()
    check_page(page)

    link = wait_for_link(mailbox, teen.email, count=2)
    assert mailbox.to(teen.email)[-1]["Subject"] == "Confirm your application"
    assert link.startswith(f"{live.url}/applications/confirm/")
    page.goto(link)
    expect(heading(page, "Send your application")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Send my application").click()
    expect(heading(page, "Thank you, your application is sent")).to_be_visible()
    expect(page.get_by_text("Our reviewers will read it soon.")).to_be_visible()
    check_page(page)


def teen_becomes_member(page: Page, live: LiveServer, mailbox: Any, teen: Applicant) -> None:
    """The acceptance email's link: set a password, log in without a second factor."""
    link = wait_for_link(mailbox, teen.email, count=3)
    accepted = mailbox.to(teen.email)[-1]
    assert accepted["Subject"] == "You have a place on the council"
    assert "Great news" in accepted.get_body(("plain",)).get_content()
    assert link.startswith(f"{live.url}/welcome/")
    page.goto(link)
    expect(heading(page, "Set your password")).to_be_visible()
    check_page(page)
    page.get_by_label("New password", exact=True).fill(MEMBER_PASSWORD)
    page.get_by_label("Type the new password again").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text("Your password is saved")
    check_page(page)

    page.get_by_label("Email").fill(teen.email)
    page.get_by_label("Password").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(heading(page, f"Hello, {teen.first_name}")).to_be_visible()
    expect(page.get_by_text("You are logged in as member")).to_be_visible()
    check_page(page)


# The adults -------------------------------------------------------------------------------

def adult_logs_in(page: Page, live: LiveServer, account: Account) -> None:
    """Email, password and the authenticator's code, to the dashboard."""
    page.goto(f"{live.url}/login")
    expect(heading(page, "Log in")).to_be_visible()
    check_page(page)
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page, "Enter your code")).to_be_visible()
    check_page(page)
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(account.totp_secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(heading(page, f"Hello, {account.name}")).to_be_visible()
    check_page(page)


def reviewer_scores(page: Page, live: LiveServer, reviewer: Account, cohort_name: str,
                    teen: Applicant, scores: dict[str, int], earlier: list[dict[str, int]],
                    shots: bool) -> None:
    """Open the one waiting review, check it is blind, score it and see the others' scores."""
    adult_logs_in(page, live, reviewer)
    page.get_by_role("link", name="Applications to review").click()
    expect(heading(page, "Your reviews")).to_be_visible()
    waiting = page.get_by_role("listitem").filter(has_text=cohort_name)
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("waiting for you")
    check_page(page)
    waiting.get_by_role("link").click()

    expect(heading(page, re.compile(r"^Review \d+$"))).to_be_visible()
    expect(page.get_by_text(f"Region: {teen.region}")).to_be_visible()
    for (prompt, _limit), essay in zip(QUESTIONS, ESSAYS):
        expect(page.get_by_role("heading", level=2, name=prompt)).to_be_visible()
        expect(page.get_by_text(essay)).to_be_visible()
    html = page.content()
    born = teen.date_of_birth
    for secret in (teen.first_name, teen.email, born.isoformat(), born.strftime("%d/%m/%Y"),
                   f"{born.day} {born:%B} {born.year}"):
        assert secret not in html, f"the review page shows {secret!r}"
    check_page(page)
    if shots:
        page.screenshot(path="/tmp/e2e-review.png", full_page=True)

    for criterion, score in scores.items():
        page.get_by_role("group", name=criterion).get_by_label(str(score), exact=True).check()
    page.get_by_label("Private comment (only staff see it)").fill("Clear and thoughtful.")
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you, your review is sent.")
    expect(page.get_by_role("heading", level=2, name="Other reviewers")).to_be_visible()
    if earlier:
        for n, other in enumerate(earlier, 1):
            given = ", ".join(f"{name} {score}" for name, score in other.items())
            expect(page.get_by_text(f"Reviewer {n}: {given}")).to_be_visible()
    else:
        expect(page.get_by_text("No other reviewer has sent scores yet.")).to_be_visible()
    check_page(page)


def staff_accepts(page: Page, live: LiveServer, decider: Account, cohort_name: str,
                  teen: Applicant) -> None:
    """Cohorts, the cohort, its applications: tick the teen's and accept it."""
    adult_logs_in(page, live, decider)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cohorts").click()
    expect(heading(page, "Cohorts")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name=cohort_name, exact=True).click()
    expect(heading(page, cohort_name)).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Applications and decisions").click()
    expect(heading(page, f"Applications to {cohort_name}")).to_be_visible()
    expect(page.get_by_text(f"0 of {PLACES} places taken.")).to_be_visible()

    row = page.get_by_role("row").filter(has_text=teen.first_name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("In review")
    expect(row).to_contain_text(MEAN)
    expect(row).to_contain_text("2 of 2")
    # The diversity answer counts only in totals, and 1 shows as "<5".
    gender = page.get_by_role("table", name="How do you describe your gender?")
    expect(gender.get_by_role("row").filter(has_text="Non-binary")).to_contain_text("<5")
    check_page(page)

    row.get_by_role("checkbox").check()
    page.get_by_label("Decision for the ticked applications").select_option(label="Accept")
    page.get_by_role("button", name="Decide", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Decided for 1 application.")
    expect(row).to_contain_text("Accepted")
    expect(row.get_by_role("checkbox")).to_have_count(0)
    expect(page.get_by_text(f"1 of {PLACES} places taken.")).to_be_visible()
    check_page(page)


# The journeys -----------------------------------------------------------------------------

def test_teen_applies_is_reviewed_blind_accepted_and_logs_in(
        live_server, smtp_server, open_browser):
    live, mailbox = live_server, smtp_server.mailbox
    decider = create_account(live, Role.STAFF, "Dee Decider")
    reviewers = [create_account(live, Role.STAFF, "Sam Staff"),
                 create_account(live, Role.MODERATOR, "Mo Moderator")]
    cohort_name = open_cohort(live, decider, reviewers)
    teen = new_applicant("Tamsin")

    teen_page = open_browser()
    teen_applies(teen_page, live, mailbox, cohort_name, teen, shots=True)

    for n, reviewer in enumerate(reviewers):
        reviewer_scores(open_browser(), live, reviewer, cohort_name, teen, SCORES[n],
                        SCORES[:n], shots=n == 0)

    staff_accepts(open_browser(), live, decider, cohort_name, teen)
    teen_becomes_member(teen_page, live, mailbox, teen)


def test_teen_applies_without_javascript(live_server, smtp_server, open_browser):
    live, mailbox = live_server, smtp_server.mailbox
    staff = create_account(live, Role.STAFF, "Dee Decider")
    cohort_name = open_cohort(live, staff, reviewers=[])
    teen = new_applicant("Idris")
    teen_applies(open_browser(False), live, mailbox, cohort_name, teen, shots=False)
