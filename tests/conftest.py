"""Fixtures: an app on a migrated database, a session rolled back after each test, a real SMTP
server on loopback, and helpers to log in as any role."""
from __future__ import annotations

import contextvars
import os
import re
import socket
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, Callable

import pytest
from aiosmtpd.controller import Controller
from alembic import command
from flask.testing import FlaskClient

from council import create_app
from council.accounts.models import Role, User
from council.cli import alembic_config
from council.config import TestingConfig
from council.db import db, utcnow
from council.extensions import limiter
from tests.factories import make_user

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PostgreSQL when COUNCIL_TEST_DATABASE_URL is set, else a fresh SQLite file."""
    url = os.environ.get("COUNCIL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'council-test.db'}"


class Mailbox:
    """What the local SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        """aiosmtpd calls this for each message."""
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to this address."""
        return [m for m in self.messages if m["To"] == address]

    def last_link(self, address: str) -> str:
        """The first http link in the newest text mail to this address."""
        body = self.to(address)[-1].get_body(("plain",)).get_content()
        return re.search(r"https?://\S+", body).group(0)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server() -> Any:
    """A real SMTP server on 127.0.0.1 for the whole run."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.mailbox = mailbox
    yield controller
    controller.stop()


@pytest.fixture(scope="session")
def app(database_url: str, smtp_server: Any) -> Any:
    """The app on a database built by running the Alembic migrations."""
    command.upgrade(alembic_config(database_url), "head")
    config = TestingConfig(database_url)
    config.MAIL_PORT = smtp_server.port
    application = create_app(config)
    yield application
    application.extensions["council.engine"].dispose()


@pytest.fixture
def mailbox(smtp_server: Any) -> Mailbox:
    """The SMTP server's inbox, emptied for this test."""
    smtp_server.mailbox.messages.clear()
    return smtp_server.mailbox


@pytest.fixture
def db_session(app: Any) -> Any:
    """The app's session inside a transaction that is rolled back after the test.

    Commits (the test's and the views') release savepoints, and an error page's rollback undoes
    only what was not committed, so tests commit what they arrange, as real data would be.
    """
    connection = app.extensions["council.engine"].connect()
    transaction = connection.begin()
    app.extensions["council.bind"] = connection
    limiter.reset()
    with app.app_context():
        yield db.session
        db.session.remove()
    transaction.rollback()
    connection.close()
    app.extensions["council.bind"] = app.extensions["council.engine"]


class IsolatedClient(FlaskClient):
    """Runs each request in a context of its own, as a server would: its own app context,
    session and `g`, even while the test holds an app context open."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app: Any, db_session: Any) -> Any:
    """A test client whose requests share the test's rolled-back transaction."""
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def login_as(client: Any, db_session: Any) -> Callable[..., User]:
    """Log the client in as a new account of this role (second factor already passed)."""

    def login(role: Role | str, **overrides: Any) -> User:
        user = make_user(db_session, role=Role(role), **overrides)
        db_session.commit()  # like a real request, the view sees only committed data
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["logged_in_at"] = session["last_seen"] = int(utcnow().timestamp())
        return user

    return login


@pytest.fixture
def mail_context(app: Any, db_session: Any) -> Any:
    """Services that queue mail render templates and build links: they need a request."""
    with app.test_request_context():
        yield


@pytest.fixture
def staff(db_session: Any) -> User:
    """A staff member (no password: hashing is slow and not needed without HTTP)."""
    from tests.applications.builders import make_staff  # builders import this module

    return make_staff(db_session)


def csrf_token(client: Any, page: str = "/login") -> str:
    """A valid CSRF token for this client's session, read from a page with a form."""
    html = client.get(page).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def post_form(client: Any, url: str, data: dict[str, Any], token_page: str | None = None,
              **kwargs: Any) -> Any:
    """POST a form with a real CSRF token, as a browser would."""
    page = token_page or ("/dashboard" if _logged_in(client) else "/login")
    return client.post(url, data={**data, "csrf_token": csrf_token(client, page)}, **kwargs)


def _logged_in(client: Any) -> bool:
    with client.session_transaction() as session:
        return "_user_id" in session
