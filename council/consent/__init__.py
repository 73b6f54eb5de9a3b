"""Guardian consent: ages, requests, records, revocation and policy versions."""
from flask import Blueprint

bp = Blueprint("consent", __name__)

from council.consent import views  # noqa: E402,F401  (registers the routes)
