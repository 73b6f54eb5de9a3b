"""Admin forms: shape only."""
from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, Email, InputRequired, Length, NumberRange,
                                Optional)

from council.accounts.models import Role
from council.settings import SETTINGS

ROLE_CHOICES = [SelectChoice(role.value, role.label) for role in Role]


class InviteForm(FlaskForm):
    """A new account: the owner gets an email to set a password."""

    email = EmailField("Email", validators=[DataRequired("Enter an email address."),
                                            Email("Enter an email address like name@example.com."),
                                            Length(max=254)])
    display_name = StringField("Name shown to others",
                               validators=[DataRequired("Enter a name."), Length(max=80)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.STAFF.value)
    submit = SubmitField("Create account and send email")


class RoleForm(FlaskForm):
    """Change an account's role."""

    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change role")


def settings_form(values: dict[str, Any]) -> FlaskForm:
    """A form with one field per setting, typed from the settings' specs."""

    class SettingsForm(FlaskForm):
        submit = SubmitField("Save settings")

    for key, spec in SETTINGS.items():
        setattr(SettingsForm, key, IntegerField(
            spec.label, description=spec.help, default=values[key],
            validators=[InputRequired("Enter a number."), NumberRange(spec.minimum, spec.maximum)]))
    return SettingsForm()


class AuditFilterForm(FlaskForm):
    """Filters for the audit log; sent by GET, so no CSRF token."""

    class Meta:
        csrf = False

    actor = IntegerField("Actor account number", validators=[Optional(), NumberRange(min=1)])
    action = StringField("Action starts with", validators=[Optional(), Length(max=64)])
    object_type = StringField("Object type", validators=[Optional(), Length(max=64)])
    object_id = IntegerField("Object number", validators=[Optional(), NumberRange(min=1)])
    since = DateField("From (UTC date)", validators=[Optional()])
    until = DateField("To (UTC date, included)", validators=[Optional()])
    page = IntegerField("Page", default=1, validators=[Optional(), NumberRange(min=1)])
    submit = SubmitField("Filter")
