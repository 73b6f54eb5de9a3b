"""Browser journeys: the app served for real on loopback, driven by headless Chromium.

The live server has its own database (the main test database is rolled back per test, but a
browser needs committed data) and sends its mail to the suite's real SMTP server.
"""
from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from alembic import command
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import WSGIRequestHandler, make_server

from council import create_app
from council.accounts.models import Role
from council.cli import alembic_config
from council.config import PROJECT_ROOT, TestingConfig
from council.db import db
from council.extensions import limiter
from tests.conftest import free_port
from tests.factories import PASSWORD, make_user

HERE = Path(__file__).resolve().parent
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-dev-shm-usage"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: how long to wait for an email the app sends right after its response
MAIL_WAIT_SECONDS = 5.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser journey: mark it e2e."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


# The live server --------------------------------------------------------------------------

@dataclass
class LiveServer:
    """The app served over HTTP on loopback."""

    url: str
    app: Flask


def _e2e_database(database_url: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[str, Callable[[], None]]:
    """A new empty database for the live server, and how to drop it afterwards."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        path = tmp_path_factory.mktemp("e2e-db") / "council-e2e.db"
        return f"sqlite:///{path}", lambda: None

    name = f"{url.database}_e2e"
    admin_engine = create_engine(database_url, isolation_level="AUTOCOMMIT")

    def run(sql: str) -> None:
        with admin_engine.connect() as connection:
            connection.execute(text(sql))

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # left over from a killed run
    run(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_engine.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


_APP_ITER = "council.e2e.app_iter"


class _ClosableResult:
    """The app's response iterable, closed at most once."""

    def __init__(self, iterable: Any) -> None:
        self.iterable, self.closed = iterable, False

    def __iter__(self) -> Any:
        return iter(self.iterable)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if hasattr(self.iterable, "close"):
                self.iterable.close()


def _remember_result(app: Any) -> Callable[..., Any]:
    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        result = environ[_APP_ITER] = _ClosableResult(app(environ, start_response))
        return result

    return wsgi


class _ClosingRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, but it closes the response when the browser resets the connection.

    PEP 3333 says the server must call close() even on an early disconnect, and gunicorn does.
    Werkzeug 3.1 skips it when the reset comes while it drains the socket after the response
    (Chromium resets after reading a redirect), and with it every `call_on_close` callback:
    the app's MAIL_SEND_AFTER_RESPONSE mail stayed unsent in about a third of the runs.
    """

    def connection_dropped(self, error: BaseException,
                           environ: dict[str, Any] | None = None) -> None:
        if environ is not None and _APP_ITER in environ:
            environ[_APP_ITER].close()


@pytest.fixture(scope="session")
def live_server(database_url: str, smtp_server: Any,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on its own migrated database, served by werkzeug in a daemon thread."""
    url, drop_database = _e2e_database(database_url, tmp_path_factory)
    try:
        command.upgrade(alembic_config(url), "head")
        port = free_port()
        config = TestingConfig(url)
        config.MAIL_PORT = smtp_server.port
        config.MAIL_SEND_AFTER_RESPONSE = True
        config.BASE_URL = f"http://127.0.0.1:{port}"
        app = create_app(config)
        server = make_server("127.0.0.1", port, _remember_result(app), threaded=True,
                             request_handler=_ClosingRequestHandler)
        thread = threading.Thread(target=server.serve_forever, name="e2e-live-server",
                                  daemon=True)
        thread.start()
        try:
            yield LiveServer(url=config.BASE_URL, app=app)
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            app.extensions["council.engine"].dispose()
    finally:
        drop_database()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(live_server: LiveServer) -> None:
    """Each journey starts with empty rate-limit counters (all requests come from 127.0.0.1)."""
    limiter.reset()


# Accounts ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    """What a person knows about their account: how they log in."""

    email: str
    name: str
    password: str
    totp_secret: str | None


def unique(prefix: str) -> str:
    """A short unique word, so that journeys never share an account or an email."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_account(live: LiveServer, role: Role, name: str) -> Account:
    """A new account with a known password (and TOTP key, for adults), committed to the live
    database. `name` is the start of its display name; a unique ending is added.

    Make a new one per test: a TOTP code cannot be used twice in one 30 s step per account.
    """
    word = unique(role.value)
    with live.app.app_context():
        user = make_user(db.session, role, email=f"{word}@example.com",
                         display_name=f"{name} {word[-4:]}")
        account = Account(user.email, user.display_name, PASSWORD, user.totp_secret)
        db.session.commit()
    return account


def create_admin(live: LiveServer) -> Account:
    """A new admin with a known password and TOTP key, committed to the live database."""
    return create_account(live, Role.ADMIN, "Ada Admin")


# Mail -------------------------------------------------------------------------------------

def wait_for_link(mailbox: Any, address: str, count: int = 1,
                  timeout: float = MAIL_WAIT_SECONDS) -> str:
    """Wait until `count` emails to this address have arrived; the link in the newest one."""
    deadline = time.monotonic() + timeout
    while len(mailbox.to(address)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"no email to {address} within {timeout} s "
                                 f"({len(mailbox.to(address))} of {count} arrived)")
        time.sleep(0.05)
    return mailbox.last_link(address)


# Browser ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the whole run (never a downloaded browser)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageWatch:
    """Console errors, uncaught exceptions and failed requests seen by one page."""

    js_enabled: bool
    problems: list[str] = field(default_factory=list)
    #: console errors that the test said to expect, as patterns, each allowed once
    expected: list[re.Pattern[str]] = field(default_factory=list)

    def console(self, message: Any) -> None:
        if message.type != "error":
            return
        for pattern in self.expected:
            if pattern.search(message.text):
                self.expected.remove(pattern)
                return
        self.problems.append(f"console error: {message.text} (at {message.location.get('url')})")

    def request_failed(self, request: Any) -> None:
        if request.url.endswith("/favicon.svg") and "ERR_ABORTED" in (request.failure or ""):
            return  # the browser drops its icon request when the page moves on first
        self.problems.append(f"request failed: {request.method} {request.url} "
                             f"({request.failure})")

    def response(self, response: Any) -> None:
        # A page that answers 4xx on purpose is checked by the test; its parts must all load.
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"HTTP {response.status}: {response.request.method} "
                                 f"{response.url}")


_watches: dict[int, PageWatch] = {}


def _watch(page: Page, js_enabled: bool) -> None:
    watch = _watches[id(page)] = PageWatch(js_enabled)
    page.on("console", watch.console)
    page.on("pageerror", lambda error: watch.problems.append(f"uncaught exception: {error}"))
    page.on("requestfailed", watch.request_failed)
    page.on("response", watch.response)


def expect_console_error(page: Page, pattern: str) -> None:
    """Allow one console error matching the pattern (e.g. Chromium logging an expected 400)."""
    _watches[id(page)].expected.append(re.compile(pattern))


def assert_no_page_problems(page: Page) -> None:
    """Fail on any console error (a CSP violation is one), uncaught exception or failed load."""
    watch = _watches[id(page)]
    problems, watch.problems = list(watch.problems), []
    assert not problems, f"problems on {page.url}:\n  " + "\n  ".join(problems)


@pytest.fixture
def open_browser(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open one person's browser (a new context) and its tab, watched for page problems.

    With JavaScript on, CSP is bypassed so that axe can be injected; with it off there is
    nothing to inject, so CSP stays enforced and a violation shows up as a console error.
    """
    contexts: list[BrowserContext] = []

    def open_page(java_script_enabled: bool = True) -> Page:
        context = browser.new_context(java_script_enabled=java_script_enabled,
                                      bypass_csp=java_script_enabled)
        context.set_default_timeout(5000)
        contexts.append(context)
        page = context.new_page()
        _watch(page, java_script_enabled)
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            _watches.pop(id(page), None)
        context.close()


def _describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            html = re.sub(r"\s+", " ", node["html"])
            lines.append(f"    {json.dumps(node['target'])}: {html[:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


#: what the CSP would block but a context with bypass_csp runs: inline scripts (except the
#: injected axe), event-handler attributes and javascript: links
_FIND_INLINE_SCRIPT = """() => [
  ...[...document.querySelectorAll("script:not([src]):not([data-e2e-axe])")]
     .map(s => "inline <script>: " + s.textContent.trim().slice(0, 60)),
  ...[...document.querySelectorAll("*")].flatMap(el => [...el.attributes]
     .filter(a => a.name.startsWith("on"))
     .map(a => `${el.tagName.toLowerCase()}[${a.name}]: ${a.value.slice(0, 60)}`)),
  ...[...document.querySelectorAll("[href^='javascript:' i]")].map(a => "javascript: link"),
]"""


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.2 A/AA violation on the page, and the page had no problems.

    The context bypasses CSP so that axe can be injected, so this also looks for the scripts
    the CSP would have blocked (the no-JavaScript journeys enforce CSP for styles).
    """
    assert_no_page_problems(page)
    blocked = page.evaluate(_FIND_INLINE_SCRIPT)
    assert not blocked, f"the CSP would block on {page.url}:\n  " + "\n  ".join(blocked)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS)).evaluate("el => { el.dataset.e2eAxe = 'yes'; }")
    results = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags},
                                         resultTypes: ["violations"]})""",
        AXE_TAGS)
    violations = results["violations"]
    assert not violations, (f"{len(violations)} accessibility violation(s) on {page.url}:\n"
                            + _describe_violations(violations))
    assert_no_page_problems(page)


def check_page(page: Page) -> None:
    """What every visited page must pass: axe when JavaScript runs, and no page problems."""
    if _watches[id(page)].js_enabled:
        assert_accessible(page)
    else:
        assert_no_page_problems(page)
