"""Application forms: shape only. Some are built per cohort, from its questions."""
from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (DateField, DateTimeLocalField, EmailField, FieldList, Form, FormField,
                     IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField, widgets)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, Email, InputRequired, Length, NumberRange,
                                Optional, ValidationError)

from council.applications.models import ApplicationStatus, Cohort
from council.applications.services import DIVERSITY_QUESTIONS, PREFER_NOT_TO_SAY
from council.web import COUNTRIES

MAX_QUESTIONS, MAX_CRITERIA = 5, 6
EMAIL_MESSAGE = "Enter an email address like name@example.com."


class QuestionForm(Form):
    """One essay question; an empty prompt means no question."""

    prompt = StringField("Question", validators=[Optional(), Length(max=500)])
    word_limit = IntegerField("Word limit", default=200,
                              validators=[Optional(), NumberRange(10, 1000)])


class CriterionForm(Form):
    """One rubric criterion; an empty name means no criterion."""

    criterion = StringField("Criterion", validators=[Optional(), Length(max=120)])
    weight = IntegerField("Weight", default=1, validators=[Optional(), NumberRange(1, 10)])


class CohortForm(FlaskForm):
    """A cohort's settings, essay questions and rubric."""

    name = StringField("Name", validators=[DataRequired("Enter a name."), Length(max=120)])
    year = IntegerField("Year", validators=[InputRequired("Enter the year."),
                                            NumberRange(2000, 2100)])
    # The HTML datetime-local format, so an edited cohort's times show in the browser's field.
    opens_at = DateTimeLocalField("Applications open", format="%Y-%m-%dT%H:%M", validators=[
        InputRequired("Enter when applications open.")])
    closes_at = DateTimeLocalField("Applications close", format="%Y-%m-%dT%H:%M", validators=[
        InputRequired("Enter when applications close.")])
    places = IntegerField("Places", validators=[InputRequired("Enter the number of places."),
                                                NumberRange(1, 10000)])
    min_age = IntegerField("Youngest age", default=13, validators=[InputRequired(),
                                                                   NumberRange(13, 17)])
    max_age = IntegerField("Oldest age", default=17, validators=[InputRequired(),
                                                                 NumberRange(13, 17)])
    reviewers_per_application = IntegerField(
        "Reviewers per application", default=2,
        validators=[InputRequired(), NumberRange(1, 5)])
    questions = FieldList(FormField(QuestionForm), min_entries=MAX_QUESTIONS,
                          max_entries=MAX_QUESTIONS)
    criteria = FieldList(FormField(CriterionForm), min_entries=MAX_CRITERIA,
                         max_entries=MAX_CRITERIA)
    submit = SubmitField("Save cohort")

    def question_list(self) -> list[tuple[str, int]]:
        """The filled-in questions, in order."""
        return [(q.prompt.data.strip(), q.word_limit.data or 200)
                for q in self.questions if q.prompt.data and q.prompt.data.strip()]

    def criterion_list(self) -> list[tuple[str, int]]:
        """The filled-in criteria, in order."""
        return [(c.criterion.data.strip(), c.weight.data or 1)
                for c in self.criteria if c.criterion.data and c.criterion.data.strip()]


class ReviewersForm(FlaskForm):
    """Who reviews this cohort's applications."""

    reviewers = SelectMultipleField("Reviewers", coerce=int,
                                    widget=widgets.ListWidget(prefix_label=False),
                                    option_widget=widgets.CheckboxInput())
    submit = SubmitField("Save reviewers")


class StartForm(FlaskForm):
    """The first page of an application: about you."""

    first_name = StringField("Your first name, or the name you like to use", validators=[
        DataRequired("Tell us what to call you."), Length(max=60)])
    email = EmailField("Your email address", validators=[
        DataRequired("Enter your email address."), Email(EMAIL_MESSAGE), Length(max=254)])
    date_of_birth = DateField("Your date of birth", validators=[
        InputRequired("Enter your date of birth.")])
    country = SelectField("Country you live in",
                          choices=[SelectChoice("", "Choose a country")]
                          + [SelectChoice(code, name) for code, name in COUNTRIES],
                          validators=[DataRequired("Choose the country you live in.")])
    region = StringField("Region, county or state", validators=[
        DataRequired("Tell us your region."), Length(max=80)])
    submit = SubmitField("Continue")

    def validate_date_of_birth(self, field: DateField) -> None:
        """A date in the past."""
        if field.data and field.data >= date.today():
            raise ValidationError("Your date of birth must be in the past.")


WHY = {
    "first_name": "So we know what to call you. It can be a nickname.",
    "email": "To send you a link to carry on, and to tell you what we decide.",
    "date_of_birth": "To check the council's age range and whether a parent or carer needs "
                     "to say yes. Reviewers never see it.",
    "country": "Rules about consent depend on the country.",
    "region": "So the council has people from many places. Reviewers see only this.",
    "guardian_email": "At your age, a parent or carer must agree before you join. "
                      "We will email them. We will not use it for anything else.",
    "diversity": "To check that the council includes all kinds of young people. These are "
                 "optional. Only staff see them, and only as totals.",
}


def answers_form(cohort: Cohort, needs_consent: bool, data: dict | None = None) -> FlaskForm:
    """The second page: essays, a parent's email if needed, optional diversity questions."""

    class AnswersForm(FlaskForm):
        save = SubmitField("Save and finish later")
        send = SubmitField("Send my application")

    if needs_consent:
        AnswersForm.guardian_email = EmailField(
            "Email of a parent or carer", description=WHY["guardian_email"],
            validators=[Optional(), Email(EMAIL_MESSAGE), Length(max=254)])
    for question in cohort.questions:
        setattr(AnswersForm, f"essay_{question.id}", TextAreaField(
            question.prompt, description=f"Up to {question.word_limit} words.",
            validators=[Length(max=question.word_limit * 12)]))
    for key, (text, options) in DIVERSITY_QUESTIONS.items():
        setattr(AnswersForm, f"diversity_{key}", RadioField(
            text, choices=[SelectChoice(o, o) for o in [*options, PREFER_NOT_TO_SAY]],
            validators=[Optional()]))
    return AnswersForm(data=data)


def review_form(cohort: Cohort) -> FlaskForm:
    """Scores from 1 to 5 for each criterion, and a private comment."""

    class ReviewForm(FlaskForm):
        comment = TextAreaField("Private comment (only staff see it)",
                                validators=[Length(max=4000)])
        submit = SubmitField("Send my review")

    for criterion in cohort.criteria:
        setattr(ReviewForm, f"score_{criterion.id}", RadioField(
            criterion.name, coerce=int,
            choices=[SelectChoice(str(n), str(n)) for n in range(1, 6)],
            validators=[InputRequired("Give a score from 1 to 5.")]))
    return ReviewForm()


class FilterForm(FlaskForm):
    """Filter and sort the decisions table (GET, no CSRF)."""

    class Meta:
        csrf = False

    status = SelectField("Show", choices=[SelectChoice("", "All sent applications")] + [
        SelectChoice(s.value, s.value.replace("_", " ").capitalize())
        for s in ApplicationStatus if s is not ApplicationStatus.DRAFT],
        validators=[Optional()])
    sort = SelectField("Sort by", choices=[
        SelectChoice("score", "Mean score, highest first"),
        SelectChoice("spread", "Reviewers disagree first"),
        SelectChoice("reviews", "Fewest reviews first"),
        SelectChoice("number", "Application number")], validators=[Optional()])
    submit = SubmitField("Show")


class DecisionForm(FlaskForm):
    """The decision for the ticked applications."""

    decision = SelectField("Decision for the ticked applications", choices=[
        SelectChoice("accepted", "Accept"), SelectChoice("waitlisted", "Put on the waiting list"),
        SelectChoice("declined", "Decline")])
    submit = SubmitField("Decide")
