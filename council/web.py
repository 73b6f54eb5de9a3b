"""Helpers shared by every domain's views."""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pycountry

from flask import Flask, current_app, flash, has_request_context, request
from flask_login import current_user
from flask_wtf import FlaskForm

from council.domain import DomainError


#: ISO 3166-1 countries as (code, name), by name, for select fields
COUNTRIES = sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda c: c[1])


def show_error(form: FlaskForm, err: DomainError) -> None:
    """Put a domain error on its form field, or flash it when it has no field."""
    field = getattr(form, err.field, None) if err.field else None
    if field is not None:
        field.errors = [*field.errors, err.message]
    else:
        flash(err.message, "error")


def safe_next(target: str | None) -> str | None:
    """A `next=` target only if it is a path on this site (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def page_number() -> int:
    """The `page` query argument, at least 1."""
    page = request.args.get("page", 1, type=int) or 1
    return max(page, 1)


def _zone() -> ZoneInfo:
    """The viewer's own time zone when they chose one, else the site's."""
    if has_request_context() and current_user.is_authenticated and current_user.time_zone:
        return ZoneInfo(current_user.time_zone)
    return ZoneInfo(current_app.config["TIME_ZONE"])


def to_utc(local: datetime) -> datetime:
    """A time typed in the viewer's time zone (a form's naive datetime), as aware UTC."""
    return local.replace(tzinfo=_zone()).astimezone(timezone.utc)


def to_local(moment: datetime) -> datetime:
    """A stored UTC time in the viewer's time zone, naive, to fill a datetime-local field."""
    return moment.astimezone(_zone()).replace(tzinfo=None)


def local_time(moment: datetime | None) -> str:
    """Jinja filter: a UTC time as people read it, with the zone's name."""
    if moment is None:
        return ""
    local = moment.astimezone(_zone())
    return f"{local.strftime('%d %B %Y, %H:%M')} ({local.tzname()})"


def init_app(app: Flask) -> None:
    """Register the template filters."""
    app.add_template_filter(local_time)
