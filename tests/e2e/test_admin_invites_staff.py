"""Journey: an admin creates a staff account; the new staff member sets a password, sets up
their second factor and reaches their dashboard. With and without JavaScript."""
from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (Account, LiveServer, check_page, create_admin,
                                expect_console_error, unique, wait_for_link)

STAFF_PASSWORD = "kettle lantern orchard 42"


def log_in(page: Page, live: LiveServer, email: str, password: str) -> None:
    """Open the login page and submit email and password, as a person would."""
    page.goto(f"{live.url}/login")
    expect(page.get_by_role("heading", level=1, name="Log in")).to_be_visible()
    check_page(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def admin_logs_in(page: Page, live: LiveServer, admin: Account) -> None:
    log_in(page, live, admin.email, admin.password)
    expect(page).to_have_url(re.compile(r"/login/code$"))
    expect(page.get_by_role("heading", level=1, name="Enter your code")).to_be_visible()
    check_page(page)
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(admin.totp_secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {admin.name}")
    check_page(page)


def admin_creates_staff_account(page: Page, email: str, name: str, shots: bool) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", level=1, name="Accounts")).to_be_visible()
    check_page(page)

    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1, name="Create an account")).to_be_visible()
    check_page(page)

    # Sent empty, the form says what is missing, at the top and at each field.
    submit = page.get_by_role("button", name="Create account and send email")
    submit.click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter an email address.")
    expect(summary).to_contain_text("Enter a name.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    check_page(page)

    page.get_by_label("Email").fill(email)
    page.get_by_label("Name shown to others").fill(name)
    page.get_by_label("Role").select_option(label="Staff")
    submit.click()
    expect(page.get_by_role("status")).to_contain_text(
        "Account created. We have emailed its owner a link to set a password.")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(email)
    expect(facts).to_contain_text(re.compile(r"Role\s*Staff"))
    expect(facts).to_contain_text(re.compile(r"Email confirmed\s*Not yet"))
    expect(facts).to_contain_text(re.compile(r"Second factor\s*Not set up"))
    check_page(page)
    if shots:
        page.screenshot(path="/tmp/e2e-account.png", full_page=True)


def staff_sets_password(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Set your password")).to_be_visible()
    check_page(page)
    page.get_by_label("New password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_label("Type the new password again").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text("Your password is saved")


def staff_enrols_and_reaches_dashboard(page: Page, name: str, shots: bool) -> None:
    expect(page).to_have_url(re.compile(r"/login/enrol$"))
    expect(page.get_by_role("heading", level=1, name="Set up your second factor")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    check_page(page)
    if shots:
        page.screenshot(path="/tmp/e2e-enrol.png", full_page=True)
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Your recovery codes")).to_be_visible()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    assert len(set(codes.all_inner_texts())) == 10
    check_page(page)

    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {name}")
    expect(page.get_by_text("You are logged in as staff")).to_be_visible()
    # Staff are not admins: no admin links in their navigation.
    expect(page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Accounts")).to_have_count(0)
    check_page(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_admin_invites_staff_who_sets_up_their_account(
        live_server, smtp_server, open_browser, javascript):
    live, mailbox = live_server, smtp_server.mailbox
    admin = create_admin(live)
    word = unique("staff")
    staff_email, staff_name = f"{word}@example.com", f"Sam Staff {word[-4:]}"

    admin_page = open_browser(javascript)
    admin_logs_in(admin_page, live, admin)
    admin_creates_staff_account(admin_page, staff_email, staff_name, shots=javascript)

    staff_page = open_browser(javascript)
    # Before setting a password the account cannot be used, whatever is typed.
    log_in(staff_page, live, staff_email, STAFF_PASSWORD)
    expect(staff_page).to_have_url(re.compile(r"/login$"))
    expect(staff_page.get_by_role("status")).to_contain_text(
        "That email and password did not work")
    check_page(staff_page)

    link = wait_for_link(mailbox, staff_email)
    assert link.startswith(f"{live.url}/welcome/")
    staff_sets_password(staff_page, link)
    check_page(staff_page)  # the login page, as the staff member sees it now

    staff_page.get_by_label("Email").fill(staff_email)
    staff_page.get_by_label("Password").fill(STAFF_PASSWORD)
    staff_page.get_by_role("button", name="Log in").click()
    staff_enrols_and_reaches_dashboard(staff_page, staff_name, shots=javascript)

    # The emailed link worked once; now it says so instead of setting another password.
    expect_console_error(staff_page, r"status of 400")
    response = staff_page.goto(link)
    assert response is not None and response.status == 400
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    expect(staff_page.get_by_text("has been used already")).to_be_visible()
    expect(staff_page.get_by_label("New password", exact=True)).to_have_count(0)
    check_page(staff_page)

    # The admin sees the account set up.
    admin_page.reload()
    facts = admin_page.locator("dl.facts")
    expect(facts).to_contain_text(re.compile(r"Email confirmed\s*Yes"))
    expect(facts).to_contain_text(re.compile(r"Second factor\s*Set up"))
    expect(admin_page.get_by_role("button", name="Reset second factor")).to_be_visible()
    check_page(admin_page)
