"""Every route, with every role: who gets in. A route without a row here fails the suite."""
from __future__ import annotations

import pytest

from council.accounts.models import Role, User
from council.applications.services import make_token
from tests.conftest import post_form

ROLES = ["anonymous", "member", "moderator", "staff", "admin"]
OPEN = dict.fromkeys(ROLES, 200)
LOGGED_IN = {"anonymous": 302, "member": 200, "moderator": 200, "staff": 200, "admin": 200}
ADMIN_ONLY = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 403, "admin": 200}
ADMIN_ONLY_POST = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 403,
                   "admin": 302}
#: a POST-only route answers GET with 405 for everyone
POST_ONLY = dict.fromkeys(ROLES, 405)
STAFF_ONLY = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 200, "admin": 200}
STAFF_ONLY_POST = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 302,
                   "admin": 302}
MEMBERS_ONLY = {"anonymous": 302, "member": 200, "moderator": 403, "staff": 403, "admin": 403}
REVIEWERS = {"anonymous": 302, "member": 403, "moderator": 200, "staff": 200, "admin": 200}
#: someone else's review: only its own reviewer may open it
OTHERS_REVIEW = {**dict.fromkeys(ROLES, 403), "anonymous": 302}

# endpoint: (url, expected status of GET per role, expected status of POST per role or None)
ROUTES = {
    "static": ("/static/css/council.css", OPEN, None),
    "health.healthz": ("/healthz", OPEN, None),
    "accounts.home": ("/", OPEN, None),
    "accounts.login": ("/login", {**dict.fromkeys(ROLES, 302), "anonymous": 200}, None),
    "accounts.second_factor": ("/login/code", dict.fromkeys(ROLES, 302), None),
    "accounts.enrol_totp": ("/login/enrol", dict.fromkeys(ROLES, 302), None),
    "accounts.logout": ("/logout", POST_ONLY, dict.fromkeys(ROLES, 302)),
    "accounts.forgot_password": ("/password/forgot", OPEN, None),
    "accounts.set_password": ("/welcome/not-a-token", dict.fromkeys(ROLES, 400), None),
    "accounts.reset_password": ("/password/reset/not-a-token", dict.fromkeys(ROLES, 400), None),
    "accounts.confirm_email": ("/email/confirm/not-a-token", OPEN, None),
    "accounts.resend_confirmation": ("/email/resend-confirmation", POST_ONLY,
                                     {**dict.fromkeys(ROLES, 302)}),
    "accounts.dashboard": ("/dashboard", LOGGED_IN, None),
    "accounts.account_settings": ("/account/settings", LOGGED_IN, None),
    "admin.index": ("/admin/", {**ADMIN_ONLY, "admin": 302}, None),
    "admin.accounts": ("/admin/accounts", ADMIN_ONLY, None),
    "admin.new_account": ("/admin/accounts/new", ADMIN_ONLY, None),
    "admin.account": ("/admin/accounts/{target}", ADMIN_ONLY, None),
    "admin.deactivate": ("/admin/accounts/{target}/deactivate", POST_ONLY, ADMIN_ONLY_POST),
    "admin.reactivate": ("/admin/accounts/{target}/reactivate", POST_ONLY, ADMIN_ONLY_POST),
    "admin.reset_totp": ("/admin/accounts/{target}/reset-totp", POST_ONLY, ADMIN_ONLY_POST),
    "admin.change_role": ("/admin/accounts/{target}/role", POST_ONLY, ADMIN_ONLY_POST),
    "admin.settings_page": ("/admin/settings", ADMIN_ONLY, None),
    "admin.audit_log": ("/admin/audit", ADMIN_ONLY, None),
    "applications.open_cohorts": ("/cohorts", OPEN, None),
    "applications.apply": ("/cohorts/{cohort}/apply", OPEN, None),
    "applications.continue_application": ("/applications/{token}", OPEN, None),
    "applications.confirm_application": ("/applications/confirm/not-a-token", OPEN, None),
    "applications.withdraw": ("/applications/{token}/withdraw", POST_ONLY,
                              dict.fromkeys(ROLES, 302)),
    "applications.cohorts": ("/manage/cohorts", STAFF_ONLY, None),
    "applications.new_cohort": ("/manage/cohorts/new", STAFF_ONLY, None),
    "applications.cohort": ("/manage/cohorts/{cohort}", STAFF_ONLY, None),
    "applications.edit_cohort": ("/manage/cohorts/{cohort}/edit", STAFF_ONLY, None),
    "applications.cohort_state": ("/manage/cohorts/{cohort}/close", POST_ONLY,
                                  STAFF_ONLY_POST),
    "applications.cohort_reviewers": ("/manage/cohorts/{cohort}/reviewers", POST_ONLY,
                                      STAFF_ONLY_POST),
    "applications.decisions": ("/manage/cohorts/{cohort}/applications", STAFF_ONLY, None),
    "applications.decide": ("/manage/cohorts/{cohort}/decide", POST_ONLY, STAFF_ONLY_POST),
    "applications.application": ("/manage/applications/{application}", STAFF_ONLY, None),
    "applications.reviews": ("/reviews", REVIEWERS, None),
    "applications.review": ("/reviews/{review}", OTHERS_REVIEW, None),
    "consent.guardian_request": ("/guardian/consent/not-a-token", dict.fromkeys(ROLES, 400),
                                 None),
    "consent.guardian_page": ("/guardian/not-a-token", dict.fromkeys(ROLES, 400), None),
    "consent.member_consent": ("/account/consent", MEMBERS_ONLY, None),
    "consent.consent_seen": ("/account/consent/seen", POST_ONLY,
                             {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 302}),
    "consent.overview": ("/manage/cohorts/{cohort}/consent", STAFF_ONLY, None),
    "consent.resend": ("/manage/applications/{application}/resend-consent", POST_ONLY,
                       STAFF_ONLY_POST),
    "consent.close_dispute": ("/manage/consent-requests/999999/close-dispute", POST_ONLY,
                              {**STAFF_ONLY_POST, "staff": 404, "admin": 404}),
    "consent.consent_ages": ("/admin/consent-ages", ADMIN_ONLY, None),
    "consent.policies": ("/admin/policies", ADMIN_ONLY, None),
}


def test_every_route_has_a_row(app):
    """A new route must say who may use it before the suite passes."""
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert registered == set(ROUTES), (
        f"missing rows: {sorted(registered - set(ROUTES))}; "
        f"stale rows: {sorted(set(ROUTES) - registered)}")


def _as(role: str, login_as) -> User | None:
    return None if role == "anonymous" else login_as(Role(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_get(endpoint, role, client, login_as, make_target):
    url, expected, _ = ROUTES[endpoint]
    _as(role, login_as)
    response = client.get(url.format(**make_target().urls))
    assert response.status_code == expected[role]
    if expected[role] == 302 and role == "anonymous" and endpoint.startswith("admin."):
        assert response.headers["Location"].startswith("/login")


POST_ROUTES = sorted(e for e, (_, _, post) in ROUTES.items() if post)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", POST_ROUTES)
def test_post(endpoint, role, client, login_as, make_target, db_session):
    url, _, expected = ROUTES[endpoint]
    _as(role, login_as)
    target = make_target()
    before = (target.role, target.is_active, target.totp_enrolled_at, target.security_stamp)
    response = post_form(client, url.format(**target.urls), {"role": "admin"})
    assert response.status_code == expected[role]
    if expected[role] in (302, 403) and role != "admin":
        db_session.refresh(target)
        assert (target.role, target.is_active, target.totp_enrolled_at,
                target.security_stamp) == before


@pytest.fixture
def make_target(app, db_session):
    """Objects that belong to someone else: a staff account, an open cohort with an
    application in review, and its review, assigned to another reviewer."""
    from tests.applications.builders import make_cohort, make_application
    from tests.factories import make_user

    made = []

    def make() -> User:
        if not made:
            target = make_user(db_session, Role.STAFF)
            with app.test_request_context():  # the services queue mail
                cohort = make_cohort(db_session)
                application = make_application(db_session, cohort)
            db_session.commit()
            target.urls = {"target": target.id, "cohort": cohort.id,
                           "application": application.id,
                           "review": application.reviews[0].id,
                           "token": make_token(application, "application")}
            made.append(target)
        return made[0]

    return make
