"""Application pages: applying (visitors, by emailed link), cohorts and decisions (staff),
blind review (assigned reviewers)."""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from council.accounts.forms import ButtonForm
from council.accounts.models import Role
from council.applications import bp, services
from council.applications.forms import (CohortForm, DecisionForm, FilterForm, ReviewersForm,
                                        StartForm, WHY, answers_form, review_form)
from council.applications.models import (Application, ApplicationStatus, Cohort, CohortStatus,
                                         Review)
from council.consent import services as consent
from council.db import db, utcnow
from council.domain import DomainError
from council.extensions import limiter
from council.security import require, role_required
from council.web import show_error, to_local, to_utc

STAFF = (Role.STAFF, Role.ADMIN)
REVIEWERS = (Role.STAFF, Role.MODERATOR, Role.ADMIN)


def _apply_limit() -> str:
    return current_app.config["APPLY_RATE_LIMIT"]


# Applying ---------------------------------------------------------------------------------

@bp.get("/cohorts")
def open_cohorts() -> Any:
    """The cohorts taking applications now."""
    return render_template("applications/open_cohorts.html",
                           cohorts=services.list_open_cohorts(db.session, utcnow()))


@bp.route("/cohorts/<int:cohort_id>/apply", methods=["GET", "POST"])
@limiter.limit(_apply_limit, methods=["POST"])
def apply(cohort_id: int) -> Any:
    """First page: about you. Then the applicant carries on from the emailed link."""
    cohort = db.get_or_404(Cohort, cohort_id)
    if cohort.status is CohortStatus.DRAFT:
        abort(404)  # not announced yet
    form = StartForm()
    if form.validate_on_submit():
        data = services.ApplicantData(form.first_name.data, form.email.data,
                                      form.date_of_birth.data, form.country.data,
                                      form.region.data)
        try:
            services.start_application(db.session, cohort, data, utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            return render_template("applications/check_email.html", cohort=cohort)
    return render_template("applications/apply.html", form=form, cohort=cohort, why=WHY,
                           accepting=cohort.is_accepting(utcnow()))


def _application_or_400(token: str, purpose: str) -> Application | tuple:
    try:
        return services.application_from_token(db.session, token, purpose)
    except DomainError as err:
        return render_template("applications/link_invalid.html", message=err.message), 400


def _saved_answers(application: Application) -> dict:
    data = {f"essay_{a.question_id}": a.text for a in application.answers}
    data.update({f"diversity_{d.question}": d.answer for d in application.diversity})
    data["guardian_email"] = application.guardian_email
    return data


def _answers_from(form: Any, application: Application) -> services.ApplicationAnswers:
    cohort = application.cohort
    diversity = {key: form[f"diversity_{key}"].data for key in services.DIVERSITY_QUESTIONS
                 if form[f"diversity_{key}"].data}
    return services.ApplicationAnswers(
        guardian_email=form.guardian_email.data if application.needs_consent else None,
        essays={q.id: form[f"essay_{q.id}"].data or "" for q in cohort.questions},
        diversity=diversity)


@bp.route("/applications/<token>", methods=["GET", "POST"])
@limiter.limit(_apply_limit, methods=["POST"])
def continue_application(token: str) -> Any:
    """The applicant's own page: the answers while a draft, then the status."""
    application = _application_or_400(token, "application")
    if isinstance(application, tuple):
        return application
    if application.status is not ApplicationStatus.DRAFT:
        return render_template("applications/status.html", application=application,
                               button=ButtonForm(), token=token)
    form = answers_form(application.cohort, application.needs_consent,
                        None if request.method == "POST" else _saved_answers(application))
    if form.validate_on_submit():
        sending = form.send.data
        action = services.send_application if sending else services.save_answers
        try:
            action(db.session, application, _answers_from(form, application), utcnow())
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            if sending:
                return render_template("applications/confirm_sent.html", application=application)
            flash("Saved. Use the link in your email to carry on later.", "success")
            return redirect(url_for(".continue_application", token=token))
    return render_template("applications/answers.html", form=form, application=application,
                           why=WHY)


@bp.route("/applications/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(_apply_limit, methods=["POST"])
def confirm_application(token: str) -> Any:
    """Confirm the email: the application counts. GET only shows the button."""
    form = ButtonForm()
    if form.validate_on_submit():
        try:
            application = services.confirm_application(db.session, token, utcnow())
        except DomainError as err:
            return render_template("applications/link_invalid.html", message=err.message), 400
        db.session.commit()
        return render_template("applications/confirmed.html", application=application)
    return render_template("applications/confirm.html", form=form)


@bp.post("/applications/<token>/withdraw")
@limiter.limit(_apply_limit)
def withdraw(token: str) -> Any:
    """The applicant withdraws their application."""
    application = _application_or_400(token, "application")
    if isinstance(application, tuple):
        return application
    if ButtonForm().validate_on_submit():
        try:
            services.withdraw_application(db.session, application, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash("Your application is withdrawn. Thank you for your interest.", "success")
    return redirect(url_for(".continue_application", token=token))


# Cohorts (staff) ----------------------------------------------------------------------------

def _cohort_data(form: CohortForm) -> services.CohortData:
    return services.CohortData(
        name=form.name.data, year=form.year.data, opens_at=to_utc(form.opens_at.data),
        closes_at=to_utc(form.closes_at.data), places=form.places.data,
        min_age=form.min_age.data, max_age=form.max_age.data,
        reviewers_per_application=form.reviewers_per_application.data,
        questions=form.question_list(), criteria=form.criterion_list())


@bp.get("/manage/cohorts")
@role_required(*STAFF)
def cohorts() -> Any:
    """Every cohort."""
    return render_template("applications/cohorts.html",
                           cohorts=services.list_cohorts(db.session))


@bp.route("/manage/cohorts/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new_cohort() -> Any:
    """Create a cohort (in draft)."""
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = services.create_cohort(db.session, _cohort_data(form), current_user,
                                            utcnow())
        except DomainError as err:
            show_error(form, err)
        else:
            db.session.commit()
            flash("Cohort created as a draft.", "success")
            return redirect(url_for(".cohort", cohort_id=cohort.id))
    return render_template("applications/cohort_form.html", form=form, cohort=None)


def _cohort_form_data(cohort: Cohort) -> dict:
    return {"name": cohort.name, "year": cohort.year, "opens_at": to_local(cohort.opens_at),
            "closes_at": to_local(cohort.closes_at), "places": cohort.places,
            "min_age": cohort.min_age, "max_age": cohort.max_age,
            "reviewers_per_application": cohort.reviewers_per_application,
            "questions": [{"prompt": q.prompt, "word_limit": q.word_limit}
                          for q in cohort.questions],
            "criteria": [{"criterion": c.name, "weight": c.weight} for c in cohort.criteria]}


@bp.route("/manage/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_cohort(cohort_id: int) -> Any:
    """Change a cohort; questions and rubric only while it is a draft."""
    cohort = db.get_or_404(Cohort, cohort_id)
    form = CohortForm(data=None if request.method == "POST" else _cohort_form_data(cohort))
    if form.validate_on_submit():
        try:
            services.update_cohort(db.session, cohort, _cohort_data(form), current_user,
                                   utcnow())
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash("Cohort saved.", "success")
            return redirect(url_for(".cohort", cohort_id=cohort.id))
    return render_template("applications/cohort_form.html", form=form, cohort=cohort)


@bp.get("/manage/cohorts/<int:cohort_id>")
@role_required(*STAFF)
def cohort(cohort_id: int) -> Any:
    """A cohort: its state, reviewers and the way to its applications."""
    cohort = db.get_or_404(Cohort, cohort_id)
    reviewers = ReviewersForm(reviewers=[r.user_id for r in cohort.reviewers])
    reviewers.reviewers.choices = [(u.id, f"{u.display_name} ({u.role.label})")
                                   for u in services.possible_reviewers(db.session)]
    return render_template("applications/cohort.html", cohort=cohort, button=ButtonForm(),
                           reviewers=reviewers,
                           can_see_applicants=services.can_see_applicants(db.session, current_user, cohort),
                           accepted=services.count_accepted(db.session, cohort))


@bp.post("/manage/cohorts/<int:cohort_id>/<any(open, close, archive):action>")
@role_required(*STAFF)
def cohort_state(cohort_id: int, action: str) -> Any:
    """Open, close or archive a cohort."""
    cohort = db.get_or_404(Cohort, cohort_id)
    if ButtonForm().validate_on_submit():
        try:
            services.change_cohort_state(db.session, cohort, action, current_user, utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash(f"The cohort is now {cohort.status.value}.", "success")
    return redirect(url_for(".cohort", cohort_id=cohort.id))


@bp.post("/manage/cohorts/<int:cohort_id>/reviewers")
@role_required(*STAFF)
def cohort_reviewers(cohort_id: int) -> Any:
    """Choose the cohort's reviewers."""
    cohort = db.get_or_404(Cohort, cohort_id)
    form = ReviewersForm()
    form.reviewers.choices = [(u.id, u.display_name)
                              for u in services.possible_reviewers(db.session)]
    if form.validate_on_submit():
        try:
            services.set_reviewers(db.session, cohort, form.reviewers.data, current_user,
                                   utcnow())
        except DomainError as err:
            flash(err.message, "error")
        else:
            db.session.commit()
            flash("Reviewers saved.", "success")
    else:
        flash("Choose reviewers from the list.", "error")
    return redirect(url_for(".cohort", cohort_id=cohort.id))


# Decisions (staff) --------------------------------------------------------------------------

@bp.get("/manage/cohorts/<int:cohort_id>/applications")
@role_required(*STAFF)
def decisions(cohort_id: int) -> Any:
    """The cohort's sent applications with scores; decide singly or for a selection."""
    cohort = db.get_or_404(Cohort, cohort_id)
    require(services.can_see_applicants(db.session, current_user, cohort))
    filters = FilterForm(request.args)
    status = ApplicationStatus(filters.status.data) if filters.validate() and \
        filters.status.data else None
    summaries = services.list_summaries(db.session, cohort, status, filters.sort.data or "score")
    return render_template("applications/decisions.html", cohort=cohort, filters=filters,
                           summaries=summaries, form=DecisionForm(),
                           accepted=services.count_accepted(db.session, cohort),
                           diversity=services.diversity_overview(db.session, cohort),
                           questions=services.DIVERSITY_QUESTIONS)


@bp.post("/manage/cohorts/<int:cohort_id>/decide")
@role_required(*STAFF)
def decide(cohort_id: int) -> Any:
    """Decide for the ticked applications: all of them, or none with a reason."""
    cohort = db.get_or_404(Cohort, cohort_id)
    require(services.can_see_applicants(db.session, current_user, cohort))
    form = DecisionForm()
    if form.validate_on_submit():
        ids = request.form.getlist("application", type=int)
        try:
            count = services.decide(db.session, cohort, ids,
                                    ApplicationStatus(form.decision.data), current_user,
                                    utcnow())
        except DomainError as err:
            db.session.rollback()
            flash(err.message, "error")
        else:
            db.session.commit()
            flash(f"Decided for {count} application{'s' if count != 1 else ''}. "
                  "Each applicant will get an email.", "success")
    return redirect(url_for(".decisions", cohort_id=cohort.id))


@bp.get("/manage/applications/<int:application_id>")
@role_required(*STAFF)
def application(application_id: int) -> Any:
    """Everything about one application, for staff (never for reviewers or moderators)."""
    application = db.get_or_404(Application, application_id)
    require(services.can_see_applicants(db.session, current_user, application.cohort))
    if application.status is ApplicationStatus.DRAFT:
        abort(404)  # unsent drafts stay private to the applicant
    return render_template("applications/application.html", application=application,
                           summary=services.summarise(application),
                           age=consent.age_on(application.date_of_birth, utcnow().date()))


# Blind review -------------------------------------------------------------------------------

@bp.get("/reviews")
@role_required(*REVIEWERS)
def reviews() -> Any:
    """The reviewer's assignments."""
    return render_template("applications/reviews.html",
                           reviews=services.list_reviews_for(db.session, current_user))


@bp.route("/reviews/<int:review_id>", methods=["GET", "POST"])
@role_required(*REVIEWERS)
def review(review_id: int) -> Any:
    """Score an application blind: only the essay answers and the region are shown."""
    review = db.get_or_404(Review, review_id)
    require(services.can_review(current_user, review))
    form = review_form(review.application.cohort)
    if review.submitted_at is None and form.validate_on_submit():
        scores = {c.id: form[f"score_{c.id}"].data for c in review.application.cohort.criteria}
        try:
            services.submit_review(db.session, review, scores, form.comment.data or "", utcnow())
        except DomainError as err:
            db.session.rollback()
            show_error(form, err)
        else:
            db.session.commit()
            flash("Thank you, your review is sent.", "success")
            return redirect(url_for(".review", review_id=review.id))
    return render_template("applications/review.html", review=review, form=form,
                           others=services.other_reviews(review))
