"""Account forms: shape only (required, length, format)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from council.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired("Enter your email address."),
                                            Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."),
                                                     Length(max=512)])
    submit = SubmitField("Log in")


class CodeForm(FlaskForm):
    """A six-digit code from an authenticator app, or a recovery code."""

    code = StringField("Code", validators=[DataRequired("Enter the code."), Length(max=40)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text",
                                  "spellcheck": "false"})
    submit = SubmitField("Continue")


class NewPasswordForm(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(
        "New password",
        validators=[DataRequired("Choose a password."),
                    Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
                           message=f"Use {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} "
                                   "characters.")],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        "Type the new password again",
        validators=[DataRequired("Type the password again."),
                    EqualTo("password", "The two passwords are not the same.")],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Save password")


class ForgotPasswordForm(FlaskForm):
    """The email of the account whose password was forgotten."""

    email = EmailField("Email", validators=[DataRequired("Enter your email address."),
                                            Email("Enter an email address like name@example.com."),
                                            Length(max=254)])
    submit = SubmitField("Send me a link")


class TimeZoneForm(FlaskForm):
    """The time zone a person reads and types times in."""

    time_zone = SelectField("Your time zone", validators=[DataRequired("Choose a time zone.")])
    submit = SubmitField("Save")


class ButtonForm(FlaskForm):
    """A form that is only a button: it carries the CSRF token."""

    submit = SubmitField("Confirm")
