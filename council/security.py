"""Security in one place: headers and CSP, role checks, the bleach entry point, TOTP."""
from __future__ import annotations

import base64
import hashlib
import hmac
import html
from datetime import datetime, timedelta, timezone
from functools import wraps
from typing import Any, Callable

import bleach
import pyotp
from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from council.db import db, utcnow

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Pages show children's data, one-time secrets and tokens: none may be kept in a cache.
CACHEABLE_ENDPOINTS = ("static", "health.healthz")


def role_required(*roles: Any) -> Callable:
    """Let only logged-in accounts with one of these roles in; others get login or 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.path))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def require(condition: bool) -> None:
    """Abort with 403 unless the condition holds (object-level checks in views)."""
    if not condition:
        abort(403)


def clean_text(text: str) -> str:
    """The one bleach entry point for plain text: strips every tag, keeps the words.

    Stored as plain text (not entities): templates escape it when they show it.
    """
    return html.unescape(bleach.clean(text, tags=set(), attributes={}, strip=True)).strip()


def clean_html(html: str, tags: set[str], attributes: dict[str, list[str]] | None = None) -> str:
    """The one bleach entry point for rendered markup: only the tags the caller allows."""
    return bleach.clean(html, tags=tags, attributes=attributes or {},
                        protocols={"http", "https", "mailto"}, strip=True)


class LinkExpired(Exception):
    """A signed link older than its lifetime."""


class LinkBroken(Exception):
    """A signed link that was altered, cut short or made for another purpose."""


def link_binding(purpose: str, secret_state: str) -> str:
    """A digest of the state a link is bound to; signed tokens are readable, so they carry
    this digest, never an email or a stamp in clear."""
    return hashlib.sha256(f"{purpose}:{secret_state}".encode()).hexdigest()[:32]


def _link_serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"council.{purpose}")


def sign_link(purpose: str, object_id: int, binding: str) -> str:
    """A signed, timestamped token for an emailed link: the object's id and a binding."""
    return _link_serializer(purpose).dumps([object_id, binding])


def read_link(token: str, purpose: str, max_age: timedelta) -> tuple[int, str]:
    """The id and binding a token carries, or LinkExpired / LinkBroken."""
    try:
        object_id, binding = _link_serializer(purpose).loads(
            token, max_age=int(max_age.total_seconds()))
    except SignatureExpired:
        raise LinkExpired() from None
    except (BadData, ValueError, TypeError):
        raise LinkBroken() from None
    if not isinstance(object_id, int) or not isinstance(binding, str):
        raise LinkBroken()
    return object_id, binding


def new_totp_secret() -> str:
    """A fresh 160-bit base32 TOTP secret."""
    return pyotp.random_base32(32)


def setup_totp_secret(user_id: int, stamp: str) -> str:
    """The secret offered while enrolling: derived from the server's key and the account's
    stamp, so it is stable across page loads, kept out of the (readable) session cookie, and
    new once enrolment changes the stamp."""
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(),
                      f"totp-setup:{user_id}:{stamp}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def totp_uri(secret: str, account_name: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=issuer)


def matching_totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code matches (allowing one step of clock drift), else None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    for drift in (0, -1, 1):
        at = now + timedelta(seconds=30 * drift)
        if totp.verify(code, for_time=at, valid_window=0):
            return totp.timecode(at)
    return None


def _idle_limit() -> timedelta:
    from council.settings import get_setting

    return timedelta(minutes=get_setting(db.session, "session_idle_minutes"))


def _seconds_since(key: str, now: datetime) -> float:
    stamp = session.get(key)
    return 0 if not stamp else (now - datetime.fromtimestamp(stamp, timezone.utc)).total_seconds()


def _expire_session() -> Any:
    """End a session idle for too long, or older than the maximum however busy."""
    if not current_user.is_authenticated:
        return None
    now = utcnow()
    idle = _seconds_since("last_seen", now) > _idle_limit().total_seconds()
    too_old = _seconds_since("logged_in_at", now) > current_app.config["SESSION_MAX_AGE"]
    if idle or not session.get("logged_in_at") or too_old:
        logout_user()
        session.clear()
        flash("You were logged out because you were away for a while. Please log in again.",
              "info")
        return redirect(url_for("accounts.login"))
    session["last_seen"] = int(now.timestamp())
    return None


def _set_headers(response: Any) -> Any:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint not in CACHEABLE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Expire old sessions before each request; add security headers to every response."""
    app.before_request(_expire_session)
    app.after_request(_set_headers)
