"""Health check and request logs that carry no personal data."""
from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, Flask, g, jsonify, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from council.db import db
from council.extensions import limiter

bp = Blueprint("health", __name__)
request_log = logging.getLogger("council.request")


@bp.get("/healthz")
@limiter.exempt
def healthz() -> Any:
    """JSON with the database's state: 200 when it answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="error"), 503
    return jsonify(status="ok", database="ok")


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _log_request(response: Any) -> Any:
    # The route's pattern, never the path or query: paths can carry tokens and ids of people.
    rule = request.url_rule.rule if request.url_rule else "<unmatched>"
    elapsed_ms = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    request_log.info("%s %s %s %.1fms", request.method, rule, response.status_code, elapsed_ms)
    return response


def init_app(app: Flask) -> None:
    """Register /healthz and the request log."""
    app.register_blueprint(bp)
    app.before_request(_start_timer)
    app.after_request(_log_request)
    # The development server logs full paths, which can hold tokens: keep only its warnings.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
