"""Every route, with every role: who gets in. A route without a row here fails the suite."""
from __future__ import annotations

import pytest

from council.accounts.models import Role, User
from tests.conftest import post_form

ROLES = ["anonymous", "member", "moderator", "staff", "admin"]
OPEN = dict.fromkeys(ROLES, 200)
LOGGED_IN = {"anonymous": 302, "member": 200, "moderator": 200, "staff": 200, "admin": 200}
ADMIN_ONLY = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 403, "admin": 200}
ADMIN_ONLY_POST = {"anonymous": 302, "member": 403, "moderator": 403, "staff": 403,
                   "admin": 302}
#: a POST-only route answers GET with 405 for everyone
POST_ONLY = dict.fromkeys(ROLES, 405)

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
    response = client.get(url.format(target=make_target().id))
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
    response = post_form(client, url.format(target=target.id), {"role": "admin"})
    assert response.status_code == expected[role]
    if expected[role] in (302, 403) and role != "admin":
        db_session.refresh(target)
        assert (target.role, target.is_active, target.totp_enrolled_at,
                target.security_stamp) == before


@pytest.fixture
def make_target(db_session):
    """Another person's account, the object that admin routes act on."""
    from tests.factories import make_user

    made = []

    def make() -> User:
        if not made:
            made.append(make_user(db_session, Role.STAFF))
            db_session.commit()
        return made[0]

    return make
