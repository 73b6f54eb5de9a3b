"""Admin pages: accounts, roles, settings, audit log. Admins only."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from council import audit, settings
from council.accounts.forms import ButtonForm
from council.accounts.models import Role, User
from council.admin import bp, services
from council.admin.forms import AuditFilterForm, InviteForm, RoleForm, settings_form
from council.db import db, utcnow
from council.domain import DomainError
from council.security import role_required
from council.web import page_number, show_error


@bp.before_request
@role_required(Role.ADMIN)
def _admins_only() -> None:
    """Every admin page is for admins; the decorator answers login or 403 for anyone else."""


@bp.get("/")
def index() -> Any:
    """The admin start page is the accounts list."""
    return redirect(url_for(".accounts"))


@bp.get("/accounts")
def accounts() -> Any:
    """All accounts, by role if asked, a page at a time."""
    role = Role(request.args["role"]) if request.args.get("role") in Role._value2member_map_ else None
    page = page_number()
    users, total = services.list_accounts(db.session, role, page)
    return render_template("admin/accounts.html", users=users, total=total, page=page,
                           role=role, per_page=services.PER_PAGE, roles=list(Role))


@bp.route("/accounts/new", methods=["GET", "POST"])
def new_account() -> Any:
    """Create an account; its owner gets an email to set a password."""
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = services.invite_account(db.session, form.email.data, form.display_name.data,
                                           Role(form.role.data), current_user, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("Account created. We have emailed its owner a link to set a password.",
                  "success")
            return redirect(url_for(".account", user_id=user.id))
    return render_template("admin/new_account.html", form=form)


@bp.get("/accounts/<int:user_id>")
def account(user_id: int) -> Any:
    """One account, with the actions an admin may take."""
    user = db.get_or_404(User, user_id)
    return render_template("admin/account.html", user=user, button=ButtonForm(),
                           role_form=RoleForm(role=user.role.value))


def _account_action(user_id: int, action: Any, done: str) -> Any:
    user = db.get_or_404(User, user_id)
    if ButtonForm().validate_on_submit():
        try:
            action(db.session, user, current_user, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash(done, "success")
    return redirect(url_for(".account", user_id=user.id))


@bp.post("/accounts/<int:user_id>/deactivate")
def deactivate(user_id: int) -> Any:
    """Stop an account logging in."""
    return _account_action(user_id, services.deactivate_account, "The account is deactivated.")


@bp.post("/accounts/<int:user_id>/reactivate")
def reactivate(user_id: int) -> Any:
    """Let a deactivated account log in again."""
    return _account_action(user_id, services.reactivate_account, "The account is active again.")


@bp.post("/accounts/<int:user_id>/reset-totp")
def reset_totp(user_id: int) -> Any:
    """Remove an account's second factor so that its owner enrols again."""
    return _account_action(user_id, services.reset_totp,
                           "The second factor is reset. They will set it up at their next login.")


@bp.post("/accounts/<int:user_id>/role")
def change_role(user_id: int) -> Any:
    """Give an account another role."""
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            services.change_role(db.session, user, Role(form.role.data), current_user, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash("The role is changed. They will log in again.", "success")
    return redirect(url_for(".account", user_id=user.id))


@bp.route("/settings", methods=["GET", "POST"])
def settings_page() -> Any:
    """Change the typed settings."""
    form = settings_form(settings.all_settings(db.session))
    if form.validate_on_submit():
        raw = {key: str(form[key].data) for key in settings.SETTINGS}
        try:
            changed = settings.update_settings(db.session, raw, current_user)
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash(f"Settings saved ({len(changed)} changed).", "success")
            return redirect(url_for(".settings_page"))
    return render_template("admin/settings.html", form=form, specs=settings.SETTINGS)


def _day_start(day: Any) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=timezone.utc)


@bp.get("/audit")
def audit_log() -> Any:
    """Search the audit log by actor, action, object and dates."""
    form = AuditFilterForm(request.args)
    criteria, events, total = None, [], 0
    if form.validate():
        until = _day_start(form.until.data)
        criteria = audit.AuditFilter(
            actor_id=form.actor.data, action=form.action.data or None,
            object_type=form.object_type.data or None, object_id=form.object_id.data,
            since=_day_start(form.since.data), until=until and until + timedelta(days=1))
        events, total = audit.list_events(db.session, criteria, form.page.data or 1)
    return render_template("admin/audit.html", form=form, events=events, total=total,
                           page=form.page.data or 1, per_page=50,
                           actions=audit.list_actions(db.session))
