"""Consent forms: shape only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (BooleanField, IntegerField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField, widgets)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from council.consent.models import PURPOSES
from council.consent.services import PURPOSE_WORDS
from council.web import COUNTRIES

PURPOSE_CHOICES = [SelectChoice(p, PURPOSE_WORDS[p]) for p in PURPOSES]


def _scopes_field(label: str) -> SelectMultipleField:
    return SelectMultipleField(label, choices=PURPOSE_CHOICES, validators=[Optional()],
                               widget=widgets.ListWidget(prefix_label=False),
                               option_widget=widgets.CheckboxInput())


class GuardianForm(FlaskForm):
    """A guardian's answer: what they agree to, who they are; or no; or not my child."""

    scopes = _scopes_field("What do you agree to? Tick each one you are happy with.")
    name = StringField("Your full name", validators=[Optional(), Length(max=120)])
    relationship = StringField("How are you related to them? (for example: mother, carer)",
                               validators=[Optional(), Length(max=60)])
    grant = SubmitField("I agree to what I ticked")
    decline = SubmitField("I do not agree")
    dispute = SubmitField("This is not my child")


class ChangeForm(FlaskForm):
    """A guardian changes their choices; untick everything to withdraw all consent."""

    scopes = _scopes_field("What you agree to now")
    submit = SubmitField("Save my choices")


class SelfConsentForm(FlaskForm):
    """A teen old enough consents for themselves."""

    scopes = _scopes_field("What I agree to")
    submit = SubmitField("Save my choices")


class ConsentAgeForm(FlaskForm):
    """An admin sets a country's consent age."""

    country = SelectField("Country", choices=[SelectChoice(code, name)
                                              for code, name in COUNTRIES])
    age = IntegerField("Consent age", validators=[InputRequired("Enter an age."),
                                                  NumberRange(13, 18)])
    submit = SubmitField("Save the age")


class PolicyForm(FlaskForm):
    """An admin publishes a new version of the privacy notice."""

    version = StringField("Version", validators=[DataRequired("Enter a version, like 2."),
                                                 Length(max=20)])
    text = TextAreaField("Notice text", validators=[DataRequired("Enter the notice."),
                                                    Length(max=20000)])
    material = BooleanField("This is a material change: ask every parent or carer again")
    changed = _scopes_field("Which purposes does the material change affect?")
    submit = SubmitField("Publish")
