"""Error pages that roll the session back and leak nothing."""
from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, g, render_template, request
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from council.db import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something in that request was not right",
          "Go back, check what you entered and try again."),
    403: ("You cannot open this page", "Your account does not have access to it."),
    404: ("We could not find that page", "The link may be old, or the page was moved."),
    405: ("That did not work", "This page cannot be used like that. Go back and try again."),
    429: ("Too many tries", "Please wait a few minutes, then try again."),
    500: ("Something went wrong on our side",
          "Nothing you sent was half-saved. Please try again in a moment."),
    503: ("Council is not available right now",
          "We are having a problem reaching our database. Nothing was changed. "
          "Please try again in a few minutes."),
}
CSRF_MESSAGE = ("This form was open too long or was sent twice, so we did not accept it. "
                "Nothing was changed. Go back, reload the page and try again.")


def _rollback() -> None:
    if db.session.registry.has():
        db.session.rollback()


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    """The error page for this status, after undoing any half-done work."""
    _rollback()
    title, message = MESSAGES[code]
    return render_template("errors/error.html", code=code, title=title,
                           message=detail or message), code


def _http_error(err: HTTPException) -> Any:
    code = err.code if err.code in MESSAGES else 500
    response = render_error(code)
    if code == 429:
        return response[0], 429, {"Retry-After": "60"}
    return response


def _csrf_error(_err: CSRFError) -> Any:
    return render_error(400, CSRF_MESSAGE)


def _database_unavailable(err: OperationalError) -> Any:
    log.error("database unavailable on %s: %s", request.endpoint, _error_names(err))
    # Flask-Login keeps the request's user in g; anonymous here, so rendering the page does not
    # query the database that just failed.
    g._login_user = AnonymousUserMixin()
    return render_error(503)


def _unexpected(err: Exception) -> Any:
    if isinstance(err, HTTPException):
        return _http_error(err)
    log.error("unhandled %s on %s\n%s", _error_names(err), request.endpoint,
              "".join(traceback.format_tb(err.__traceback__)))
    return render_error(500)


def _error_names(err: BaseException) -> str:
    """The exception's class and its causes' classes, without their messages: a database's
    message can quote the row ("Key (email)=(...) already exists"), and the log must not."""
    names = []
    while err is not None and len(names) < 5:
        names.append(type(err).__name__)
        err = err.__cause__ or err.__context__
    return " <- ".join(names)


def init_app(app: Flask) -> None:
    """Register the error pages; any exception rolls the request's session back."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(ServiceUnavailable, _http_error)
    app.register_error_handler(Exception, _unexpected)

    @app.teardown_request
    def _rollback_on_exception(exc: BaseException | None) -> None:
        if exc is not None:
            _rollback()
