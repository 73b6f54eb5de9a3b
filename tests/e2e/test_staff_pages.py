"""Every page staff and admins use, checked with axe in Chromium (forms also with their error
messages showing)."""
from __future__ import annotations

from playwright.sync_api import expect

from council.accounts.models import Role
from tests.e2e.conftest import check_page, create_account, create_admin
from tests.e2e.test_application_journey import adult_logs_in, heading, open_cohort


def test_admin_and_staff_pages_pass_axe(live_server, open_browser):
    live = live_server
    admin = create_admin(live)
    staff = create_account(live, Role.STAFF, "Pat Pages")
    reviewer = create_account(live, Role.MODERATOR, "Mo Pages")
    cohort_name = open_cohort(live, staff, [reviewer])

    page = open_browser(True)
    adult_logs_in(page, live, admin)
    for path, title in [("/admin/settings", "Settings"), ("/admin/audit", "Audit log"),
                        ("/admin/consent-ages", "Consent ages"),
                        ("/admin/policies", "Privacy notice versions")]:
        page.goto(f"{live.url}{path}")
        expect(heading(page, title)).to_be_visible()
        check_page(page)
    page.goto(f"{live.url}/admin/consent-ages")
    page.get_by_label("Country", exact=True).select_option(label="Germany")
    page.get_by_label("Consent age").fill("13")
    page.get_by_role("button", name="Save the age").click()
    expect(page.get_by_role("alert")).to_contain_text("must be from 16")
    check_page(page)

    page = open_browser(True)
    adult_logs_in(page, live, staff)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cohorts").click()
    expect(heading(page, "Cohorts")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Create a cohort").click()
    page.get_by_role("button", name="Save cohort").click()  # empty: messages at each field
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    check_page(page)
    page.goto(f"{live.url}/manage/cohorts")
    page.get_by_role("link", name=cohort_name).click()
    expect(heading(page, cohort_name)).to_be_visible()
    check_page(page)
    for link, title in [("Consent from parents and carers", f"Consent in {cohort_name}"),
                        ("Applications and decisions", f"Applications to {cohort_name}")]:
        page.get_by_role("link", name=link).click()
        expect(heading(page, title)).to_be_visible()
        check_page(page)
        page.go_back()
    page.get_by_role("link", name="Edit the cohort").click()
    expect(heading(page, f"Edit {cohort_name}")).to_be_visible()
    check_page(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your settings").click()
    page.get_by_label("Your time zone").select_option("Europe/Lisbon")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Times are now shown in your time zone")
    check_page(page)

    page = open_browser(True)
    adult_logs_in(page, live, reviewer)
    page.goto(f"{live.url}/reviews")
    expect(heading(page, "Your reviews")).to_be_visible()
    check_page(page)
