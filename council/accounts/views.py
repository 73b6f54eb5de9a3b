"""Account pages: thin, each parses a form, calls a service and commits once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from markupsafe import Markup

import qrcode
import qrcode.image.svg

from council import security
from council.accounts import bp, services
from council.accounts.forms import (ButtonForm, CodeForm, ForgotPasswordForm, LoginForm,
                                    NewPasswordForm, TimeZoneForm)
from council.accounts.models import User
from council.db import db, utcnow
from council.domain import DomainError
from council.extensions import limiter, login_manager
from council.web import safe_next, show_error

#: how long the step between password and second factor may last
PENDING_LOGIN_FOR = timedelta(minutes=10)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_limit() -> str:
    return current_app.config["EMAIL_RATE_LIMIT"]


@login_manager.user_loader
def _load_user(session_id: str) -> User | None:
    return services.load_session_user(db.session, session_id)


def _start_pending_login(user: User, next_url: str | None) -> None:
    session.clear()
    session["pending_login"] = {"id": user.get_id(), "at": int(utcnow().timestamp()),
                                "next": safe_next(next_url)}


def _pending_user() -> User | None:
    pending = session.get("pending_login")
    if not pending:
        return None
    started = datetime.fromtimestamp(pending["at"], timezone.utc)
    if utcnow() - started > PENDING_LOGIN_FOR:
        session.pop("pending_login", None)
        return None
    return services.load_session_user(db.session, pending["id"])


def _finish_login(user: User, method: str, next_url: str | None = None) -> Any:
    next_url = next_url or (session.get("pending_login") or {}).get("next")
    services.record_login(db.session, user, utcnow(), method)
    db.session.commit()
    session.clear()  # nothing from before the login survives it
    login_user(user)
    session["logged_in_at"] = session["last_seen"] = int(utcnow().timestamp())
    return redirect(next_url or url_for("accounts.dashboard"))


@bp.get("/")
def home() -> Any:
    """The public front page."""
    return render_template("accounts/home.html")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> Any:
    """Email and password; adults go on to their second factor."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data, utcnow())
        except DomainError as err:
            db.session.commit()  # keep the failure count and the audit entry
            show_error(form, err)
        else:
            if not user.role.needs_totp:
                return _finish_login(user, "password", safe_next(request.args.get("next")))
            db.session.commit()
            _start_pending_login(user, request.args.get("next"))
            return redirect(url_for(".second_factor" if user.has_totp else ".enrol_totp"))
    return render_template("accounts/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def second_factor() -> Any:
    """The code from the authenticator app, or a recovery code."""
    user = _pending_user()
    if user is None or not user.has_totp:
        flash("Please log in again.", "info")
        return redirect(url_for(".login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            method = services.verify_second_factor(db.session, user, form.code.data, utcnow())
        except DomainError as err:
            db.session.commit()
            show_error(form, err)
        else:
            return _finish_login(user, method)
    return render_template("accounts/second_factor.html", form=form)


def _qr_svg(uri: str) -> Markup:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return Markup(image.to_string(encoding="unicode"))


@bp.route("/login/enrol", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def enrol_totp() -> Any:
    """Set up the authenticator app; adults cannot finish logging in without it."""
    user = _pending_user()
    if user is None or user.has_totp:
        flash("Please log in again.", "info")
        return redirect(url_for(".login"))
    secret = security.setup_totp_secret(user.id, user.security_stamp)
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = services.enrol_totp(db.session, user, secret, form.code.data, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            _finish_login(user, "totp_enrolment")
            return render_template("accounts/recovery_codes.html", codes=codes)
    uri = security.totp_uri(secret, user.email, current_app.config["TOTP_ISSUER"])
    return render_template("accounts/enrol_totp.html", form=form, secret=secret,
                           qr_svg=_qr_svg(uri))


@bp.post("/logout")
def logout() -> Any:
    """End the session."""
    form = ButtonForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.end_all_sessions(db.session, current_user, utcnow())
            db.session.commit()
        logout_user()
        session.clear()
        flash("You are logged out on every device.", "info")
    return redirect(url_for(".home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_email_limit, methods=["POST"])
def forgot_password() -> Any:
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(db.session, form.email.data, utcnow())
        db.session.commit()
        flash("If an account uses that address, we have sent it a link. It works for one hour.",
              "info")
        return redirect(url_for(".login"))
    return render_template("accounts/forgot_password.html", form=form)


def _password_link_page(token: str, purpose: str, title: str) -> Any:
    try:
        user = services.check_password_link(db.session, token, purpose)
    except DomainError as err:
        return render_template("accounts/link_invalid.html", message=err.message), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.use_password_link(db.session, token, purpose, form.password.data, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("Your password is saved. Please log in.", "success")
            return redirect(url_for(".login"))
    return render_template("accounts/set_password.html", form=form, title=title, user=user)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def set_password(token: str) -> Any:
    """A new account's owner sets their first password from the emailed link."""
    return _password_link_page(token, "set_password", "Set your password")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str) -> Any:
    """Choose a new password from the emailed reset link."""
    return _password_link_page(token, "reset_password", "Choose a new password")


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def confirm_email(token: str) -> Any:
    """Confirm an email address; GET only shows the button, so link scanners change nothing."""
    form = ButtonForm()
    if form.validate_on_submit():
        try:
            services.confirm_email(db.session, token, utcnow())
        except DomainError as err:
            return render_template("accounts/link_invalid.html", message=err.message), 400
        db.session.commit()
        flash("Thank you, your email address is confirmed.", "success")
        return redirect(url_for(".dashboard" if current_user.is_authenticated else ".login"))
    return render_template("accounts/confirm_email.html", form=form)


@bp.post("/email/resend-confirmation")
@login_required
@limiter.limit(_email_limit)
def resend_confirmation() -> Any:
    """Send the confirmation link again."""
    form = ButtonForm()
    if form.validate_on_submit() and current_user.email_confirmed_at is None:
        services.send_email_confirmation(db.session, current_user)
        db.session.commit()
        flash("We have sent the link again. Check your inbox.", "info")
    return redirect(url_for(".dashboard"))


@bp.route("/account/settings", methods=["GET", "POST"])
@login_required
def account_settings() -> Any:
    """Personal settings: the time zone times are shown in."""
    form = TimeZoneForm(time_zone=current_user.time_zone or current_app.config["TIME_ZONE"])
    form.time_zone.choices = services.time_zone_names()
    if form.validate_on_submit():
        try:
            services.set_time_zone(db.session, current_user, form.time_zone.data, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("Saved. Times are now shown in your time zone.", "success")
            return redirect(url_for(".account_settings"))
    return render_template("accounts/settings.html", form=form)


@bp.get("/dashboard")
@login_required
def dashboard() -> Any:
    """Each role's start page."""
    from council.consent.services import open_disputes  # consent builds on accounts

    return render_template("accounts/dashboard.html", button=ButtonForm(),
                           recovery_left=services.unused_recovery_codes(current_user),
                           open_disputes=open_disputes(db.session)
                           if current_user.role.needs_totp else 0)
