"""Accounts: logging in and out, passwords, emailed links, second factor, dashboard."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)

from council.accounts import views  # noqa: E402,F401  (registers the routes)
