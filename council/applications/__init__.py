"""Applications: cohorts, applying, blind review, decisions and retention."""
from flask import Blueprint

bp = Blueprint("applications", __name__)

from council.applications import views  # noqa: E402,F401  (registers the routes)
