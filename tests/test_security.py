"""Headers, error pages, health and logs."""
from __future__ import annotations

import logging

import pytest
from flask import abort

from council import create_app
from council.accounts.models import Role
from council import config
from council.db import db
from tests.conftest import post_form
from tests.factories import PASSWORD, make_user


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    permissions = response.headers["Permissions-Policy"]
    assert all(f"{feature}=()" in permissions for feature in ("camera", "microphone",
                                                              "geolocation"))


def test_pages_have_no_inline_scripts_or_styles(client, login_as):
    login_as(Role.ADMIN)
    for path in ["/dashboard", "/admin/accounts", "/admin/settings", "/admin/audit"]:
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "style=" not in html and "<style" not in html
        assert " on" + "click=" not in html


def test_session_cookie_is_httponly_and_samesite(app, client, db_session):
    make_user(db_session, email="c@example.com")
    db_session.commit()
    response = post_form(client, "/login", {"email": "c@example.com", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secret_key_is_made_once_kept_private_and_never_a_constant(monkeypatch, tmp_path):
    monkeypatch.delenv("COUNCIL_SECRET_KEY", raising=False)
    first = config._secret_key(tmp_path)
    assert len(first) == 64 and config._secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert config._secret_key(tmp_path / "other") != first
    monkeypatch.setenv("COUNCIL_SECRET_KEY", "from-the-environment")
    assert config._secret_key(tmp_path) == "from-the-environment"


@pytest.mark.parametrize("path, status, words", [
    ("/no-such-page", 404, "We could not find that page"),
    ("/logout", 405, "That did not work"),
])
def test_error_pages_are_friendly(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status and words in response.get_data(as_text=True)


@pytest.fixture
def broken_app(database_url, tmp_path):
    """An app whose test-only routes fail in the middle of a write."""
    app = create_app(config.TestingConfig(database_url))

    @app.get("/_test/half-write")
    def half_write():
        from council.accounts import services

        services.create_user(db.session, "half@example.com", "Half", Role.MEMBER)
        raise RuntimeError("crash after a flush")

    @app.get("/_test/duplicate")
    def duplicate():
        from council.accounts.models import User

        for _ in range(2):  # the second insert breaks the unique email
            db.session.add(User(email="leak@example.com", display_name="Leaky Name",
                                role=Role.MEMBER, security_stamp="x"))
            db.session.flush()

    @app.get("/_test/forbidden")
    def forbidden():
        abort(403)

    yield app
    app.extensions["council.engine"].dispose()


def test_crash_mid_request_rolls_back_and_shows_500(broken_app):
    client = broken_app.test_client()
    response = client.get("/_test/half-write")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html and "RuntimeError" not in html
    with broken_app.app_context():
        from council.accounts.services import get_user_by_email

        assert get_user_by_email(db.session, "half@example.com") is None
    assert client.get("/_test/forbidden").status_code == 403


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(config.TestingConfig(f"sqlite:///{tmp_path}/missing/dir/db.sqlite"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "error"}


def test_pages_needing_the_database_answer_503_when_it_is_down(tmp_path):
    app = create_app(config.TestingConfig(f"sqlite:///{tmp_path}/missing/dir/db.sqlite"))
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:abc"
    down = client.get("/dashboard")
    assert down.status_code == 503
    assert "Nothing was changed" in down.get_data(as_text=True)


def test_request_logs_carry_no_personal_data_or_tokens(client, db_session, caplog):
    make_user(db_session, email="private.person@example.com")
    db_session.commit()
    caplog.set_level(logging.DEBUG)
    post_form(client, "/login", {"email": "private.person@example.com", "password": "wrong!"})
    client.get("/password/reset/SECRET-TOKEN-VALUE")
    text = caplog.text
    assert "POST /login 200" in text and "/password/reset/<token>" in text
    assert "private.person" not in text and "SECRET-TOKEN-VALUE" not in text


def test_database_errors_log_no_personal_data(broken_app, caplog):
    caplog.set_level(logging.DEBUG)
    response = broken_app.test_client().get("/_test/duplicate")
    assert response.status_code == 500
    assert "IntegrityError" in caplog.text
    assert "leak@example.com" not in caplog.text and "Leaky Name" not in caplog.text


def _run_python(code: str, **env: str) -> str:
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("COUNCIL_")}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **env},
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_cookies_are_secure_unless_turned_off(tmp_path):
    code = "from council.config import Config; print(Config.SESSION_COOKIE_SECURE)"
    assert _run_python(code, COUNCIL_INSTANCE_PATH=str(tmp_path)) == "True"
    assert _run_python(code, COUNCIL_SECURE_COOKIES="0") == "False"


def test_workers_starting_together_share_one_secret_key(tmp_path):
    import subprocess
    import sys

    code = "from council.config import _secret_key; import pathlib, sys; " \
           "print(_secret_key(pathlib.Path(sys.argv[1])))"
    workers = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True) for _ in range(6)]
    keys = {worker.communicate()[0].strip() for worker in workers}
    assert len(keys) == 1 and len(keys.pop()) == 64
