"""Admin: accounts, roles, settings and the audit log."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from council.admin import views  # noqa: E402,F401  (registers the routes)
