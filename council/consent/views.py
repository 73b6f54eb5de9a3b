"""Consent pages: guardians (by emailed link), members, staff and admins."""
from __future__ import annotations

from typing import Any

from flask import current_app, flash, has_request_context, redirect, render_template, request, url_for
from flask_login import current_user

from council.accounts.models import Role
from council.applications.models import Application, Cohort
from council.consent import bp, services
from council.consent.forms import (ChangeForm, ConsentAgeForm, GuardianForm, PolicyForm,
                                   SelfConsentForm)
from council.consent.models import PURPOSES, ConsentRequest
from council.accounts.forms import ButtonForm
from council.db import db, utcnow
from council.domain import DomainError
from council.extensions import limiter
from council.security import role_required
from council.web import show_error


def _guardian_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _invalid(err: DomainError) -> Any:
    return render_template("consent/link_invalid.html", message=err.message), 400


# Guardians --------------------------------------------------------------------------------

@bp.route("/guardian/consent/<token>", methods=["GET", "POST"])
@limiter.limit(_guardian_limit)
def guardian_request(token: str) -> Any:
    """The notice in plain words, then the guardian's choice."""
    try:
        consent_request = services.request_from_token(db.session, token, utcnow())
    except DomainError as err:
        return _invalid(err)
    form = GuardianForm()
    if form.validate_on_submit():
        try:
            page = _answer(token, form)
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            return page
    application = db.session.get(Application, consent_request.application_id)
    return render_template("consent/request.html", form=form, application=application,
                           policy=services.current_policy(db.session),
                           words=services.PURPOSE_WORDS)


def _answer(token: str, form: GuardianForm) -> Any:
    now = utcnow()
    if form.decline.data:
        services.decline(db.session, token, now)
        return render_template("consent/answered.html", answer="declined")
    if form.dispute.data:
        services.dispute(db.session, token, now)
        return render_template("consent/answered.html", answer="disputed")
    answer = services.GuardianAnswer(form.scopes.data or [], form.name.data or "",
                                     form.relationship.data or "")
    services.grant(db.session, token, answer, now)
    return render_template("consent/answered.html", answer="granted")


@bp.route("/guardian/<token>", methods=["GET", "POST"])
@limiter.limit(_guardian_limit)
def guardian_page(token: str) -> Any:
    """The guardian's own page: what is held, what they agreed to; change it any time."""
    try:
        record = services.record_from_guardian_token(db.session, token, utcnow())
    except DomainError as err:
        return _invalid(err)
    form = ChangeForm(scopes=record.scopes if record.status.value == "granted" else [])
    if form.validate_on_submit():
        try:
            new_token = services.change_consent(db.session, token, form.scopes.data or [],
                                                utcnow())
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash("Your choices are saved and work now. We have emailed you a receipt with "
                  "a new link to this page.", "success")
            return redirect(url_for(".guardian_page", token=new_token))
    application = db.session.get(Application, record.application_id)
    return render_template("consent/guardian.html", form=form, record=record,
                           application=application, words=services.PURPOSE_WORDS)


# Members ----------------------------------------------------------------------------------

@bp.route("/account/consent", methods=["GET", "POST"])
@role_required(Role.MEMBER)
def member_consent() -> Any:
    """What the member may do and who agreed; old enough, they decide themselves."""
    can_self = services.can_confirm_own_consent(db.session, current_user, utcnow())
    form = SelfConsentForm(scopes=services.purposes_in_force(db.session, current_user))
    if can_self and form.validate_on_submit():
        try:
            services.confirm_own_consent(db.session, current_user, form.scopes.data or [],
                                         utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("Your choices are saved.", "success")
            return redirect(url_for(".member_consent"))
    application = services.member_application(db.session, current_user)
    record = services.latest_record(db.session, application) if application else None
    return render_template("consent/member.html", form=form, can_self=can_self, record=record,
                           paused=services.needs_new_choice(db.session, current_user),
                           in_force=services.purposes_in_force(db.session, current_user),
                           words=services.PURPOSE_WORDS, purposes=PURPOSES)


@bp.app_context_processor
def _consent_change() -> dict:
    """Every page tells a member about a change to their consent until they press "OK"."""
    if not has_request_context() or request.endpoint == "static" \
            or not current_user.is_authenticated or current_user.role is not Role.MEMBER:
        return {}  # emails rendered by the CLI have no request
    record = services.change_to_tell(db.session, current_user)
    if record is None:
        return {}
    can_now = [services.PURPOSE_WORDS[p].lower()
               for p in services.purposes_in_force(db.session, current_user)]
    return {"consent_change": record, "consent_change_form": ButtonForm(),
            "consent_can_now": ", ".join(can_now)}


@bp.post("/account/consent/seen")
@role_required(Role.MEMBER)
def consent_seen() -> Any:
    """The member read the notice about a change."""
    if ButtonForm().validate_on_submit():
        services.mark_told(db.session, current_user, request.form.get("record", type=int) or 0,
                           utcnow())
        db.session.commit()
    return redirect(url_for(".member_consent"))


# Staff and admins -----------------------------------------------------------------------------

@bp.get("/manage/cohorts/<int:cohort_id>/consent")
@role_required(Role.STAFF, Role.ADMIN)
def overview(cohort_id: int) -> Any:
    """Consent in a cohort: counts, waiting requests, disputes."""
    cohort = db.get_or_404(Cohort, cohort_id)
    return render_template("consent/overview.html", cohort=cohort, button=ButtonForm(),
                           overview=services.overview(db.session, cohort))


@bp.post("/manage/applications/<int:application_id>/resend-consent")
@role_required(Role.STAFF, Role.ADMIN)
def resend(application_id: int) -> Any:
    """Send the guardian a new link; the old one stops working."""
    application = db.get_or_404(Application, application_id)
    if ButtonForm().validate_on_submit():
        try:
            services.resend_request(db.session, application, current_user, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash("A new link is on its way to the parent or carer.", "success")
    return redirect(url_for(".overview", cohort_id=application.cohort_id))


@bp.post("/manage/consent-requests/<int:request_id>/close-dispute")
@role_required(Role.STAFF, Role.ADMIN)
def close_dispute(request_id: int) -> Any:
    """Close a "not my child" report once staff have looked into it."""
    consent_request = db.get_or_404(ConsentRequest, request_id)
    cohort_id = db.session.get(Application, consent_request.application_id).cohort_id
    if ButtonForm().validate_on_submit():
        try:
            services.close_dispute(db.session, consent_request, current_user, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash("The report is closed, the application stopped and the address erased.",
                  "success")
    return redirect(url_for(".overview", cohort_id=cohort_id))


@bp.route("/admin/consent-ages", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def consent_ages() -> Any:
    """Lower a country's consent age, never below its legal floor."""
    form = ConsentAgeForm()
    if form.validate_on_submit():
        try:
            services.set_consent_age(db.session, form.country.data, form.age.data,
                                     current_user, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("The consent age is saved.", "success")
            return redirect(url_for(".consent_ages"))
    return render_template("consent/ages.html", form=form,
                           ages=services.list_consent_ages(db.session),
                           floors=services.LEGAL_FLOORS)


@bp.route("/admin/policies", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def policies() -> Any:
    """Publish a new version of the privacy notice."""
    form = PolicyForm()
    if form.validate_on_submit():
        try:
            services.publish_policy(db.session, form.version.data.strip(), form.text.data,
                                    form.material.data, current_user, utcnow(),
                                    changed=form.changed.data or [])
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash("The new notice is published.", "success")
            return redirect(url_for(".policies"))
    if request.method == "GET" and not form.text.data:
        form.text.data = services.current_policy(db.session).text
    return render_template("consent/policies.html", form=form,
                           policies=services.list_policies(db.session))
