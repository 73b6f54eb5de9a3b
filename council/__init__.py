"""Council: run a youth council safely."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from council.config import PROJECT_ROOT, Config

#: every module that defines tables; Alembic and the app import them all
MODEL_MODULES = (
    "council.accounts.models",
    "council.applications.models",
    "council.consent.models",
    "council.audit",
    "council.mail",
    "council.settings",
)


def load_models() -> None:
    """Import every model module so that Base.metadata knows all tables."""
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(name)


def create_app(config: Any = None) -> Flask:
    """Build the app: config, database, extensions, blueprints, error pages and CLI."""
    app = Flask(__name__, template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"),
                instance_path=str(PROJECT_ROOT / "instance"))
    app.config.from_object(config if config is not None else Config())
    logging.basicConfig(level=app.config["LOG_LEVEL"],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"],
                                x_proto=app.config["PROXY_COUNT"])
    app.jinja_env.add_extension("jinja2.ext.do")
    load_models()
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _init_extensions(app: Flask) -> None:
    from council import cli, errors, health, mail, security, web
    from council.db import db
    from council.extensions import csrf, limiter, login_manager

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    mail.init_app(app)
    errors.init_app(app)
    health.init_app(app)
    cli.init_app(app)
    web.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from council.accounts import bp as accounts_bp
    from council.admin import bp as admin_bp
    from council.applications import bp as applications_bp
    from council.consent import bp as consent_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(applications_bp)
    app.register_blueprint(consent_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
