"""Helpers shared by every domain's views."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, request
from flask_wtf import FlaskForm

from council.domain import DomainError


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
