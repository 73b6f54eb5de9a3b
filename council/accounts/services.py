"""Account rules: passwords, lockout, emailed links, second factor, logins."""
from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from council import audit, mail, security
from council.accounts.models import RecoveryCode, Role, User
from council.domain import DomainError
from council.settings import get_setting

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
RECOVERY_CODE_COUNT = 10
#: how long each kind of emailed link works
LINK_LIFETIMES = {
    "set_password": timedelta(hours=72),
    "reset_password": timedelta(hours=1),
    "confirm_email": timedelta(hours=48),
}
LOGIN_FAILED = ("That email and password did not work, or the account is locked for a while. "
                "Check them and try again, or reset your password.")


class LoginFailed(DomainError):
    """Wrong email, password or code; one message for all, so accounts cannot be guessed."""


class InvalidLink(DomainError):
    """An emailed link that is wrong, used already or too old."""


def normalise_email(email: str) -> str:
    """Emails are compared and stored lower-cased and trimmed."""
    return email.strip().lower()


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"],
                          memory_cost=config["ARGON2_MEMORY_COST"],
                          parallelism=config["ARGON2_PARALLELISM"])


def _new_stamp() -> str:
    return secrets.token_hex(16)


def check_password_rules(password: str, email: str) -> None:
    """Refuse passwords that are too short, too long or just the email."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"Use at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(f"Use at most {MAX_PASSWORD_LENGTH} characters.", field="password")
    if password.strip().lower() == normalise_email(email):
        raise DomainError("Your password cannot be your email address.", field="password")


def set_password(user: User, password: str) -> None:
    """Hash and store a new password; every earlier session and link stops working."""
    check_password_rules(password, user.email)
    user.password_hash = _hasher().hash(password)
    user.security_stamp = _new_stamp()
    user.failed_logins, user.locked_until = 0, None


def get_user_by_email(session: Session, email: str) -> User | None:
    """The account with this email, if any."""
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: Session, user_id: int) -> User | None:
    """The account with this id, if any."""
    return session.get(User, user_id)


def load_session_user(session: Session, session_id: str) -> User | None:
    """The user a login session names, if the account is active and its stamp still matches."""
    user_id, _, stamp = session_id.partition(":")
    user = session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or not secrets.compare_digest(user.security_stamp, stamp):
        return None
    return user


def create_user(session: Session, email: str, display_name: str, role: Role,
                password: str | None = None) -> User:
    """Add an account; the email must be free. With no password, the owner sets one by link."""
    email = normalise_email(email)
    if get_user_by_email(session, email) is not None:
        raise DomainError("An account with this email already exists.", field="email")
    user = User(email=email, display_name=security.clean_text(display_name), role=role,
                security_stamp=_new_stamp())
    if password is not None:
        set_password(user, password)
    session.add(user)
    session.flush()
    return user


# Emailed links ----------------------------------------------------------------------------

def _binding(user: User, purpose: str) -> str:
    """A link is bound to the stamp (or, to confirm it, the email), so using it kills it."""
    return security.link_binding(
        purpose, user.email if purpose == "confirm_email" else user.security_stamp)


def make_link_token(user: User, purpose: str) -> str:
    """A signed token naming the account and what the link is bound to."""
    return security.sign_link(purpose, user.id, _binding(user, purpose))


def _user_from_token(session: Session, token: str, purpose: str) -> User:
    try:
        user_id, bound_to = security.read_link(token, purpose, LINK_LIFETIMES[purpose])
    except security.LinkExpired:
        raise InvalidLink("This link is too old. Ask for a new one.") from None
    except security.LinkBroken:
        raise InvalidLink("This link is not valid. Check you copied all of it.") from None
    user = session.get(User, user_id)
    if user is None or not user.is_active or _binding(user, purpose) != bound_to:
        raise InvalidLink("This link has been used already or is no longer valid. "
                          "Ask for a new one.")
    return user


def check_password_link(session: Session, token: str, purpose: str) -> User:
    """The account a set-password or reset link belongs to, or InvalidLink. Changes nothing."""
    return _user_from_token(session, token, purpose)


def absolute_url(endpoint: str, **values: str) -> str:
    """A full address for emails, built from BASE_URL, never from the request's Host header
    (which whoever sends the request controls)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def _link(endpoint: str, user: User, purpose: str) -> str:
    return absolute_url(endpoint, token=make_link_token(user, purpose))


def password_setup_link(user: User) -> str:
    """The emailed link with which a new account's owner sets a first password."""
    return _link("accounts.set_password", user, "set_password")


def send_welcome(session: Session, user: User) -> None:
    """Email a new account's owner a link to set their password."""
    mail.queue(session, user.email, "welcome", "Set up your Council account",
               user=user, link=_link("accounts.set_password", user, "set_password"),
               hours=int(LINK_LIFETIMES["set_password"].total_seconds() // 3600))


def send_email_confirmation(session: Session, user: User) -> None:
    """Email a link that confirms the account's address."""
    mail.queue(session, user.email, "confirm_email", "Confirm your email address",
               user=user, link=_link("accounts.confirm_email", user, "confirm_email"),
               hours=int(LINK_LIFETIMES["confirm_email"].total_seconds() // 3600))


def request_password_reset(session: Session, email: str, now: datetime) -> None:
    """Email a reset link if an active account has this address; say nothing either way."""
    user = get_user_by_email(session, email)
    if user is None or not user.is_active:
        return
    mail.queue(session, user.email, "reset_password", "Reset your Council password",
               user=user, link=_link("accounts.reset_password", user, "reset_password"),
               minutes=int(LINK_LIFETIMES["reset_password"].total_seconds() // 60))
    audit.record(session, None, "account.password_reset_requested", user, now=now)


def use_password_link(session: Session, token: str, purpose: str, password: str,
                      now: datetime) -> User:
    """Set the password from a welcome or reset link; the link then stops working."""
    user = _user_from_token(session, token, purpose)
    set_password(user, password)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now  # the link reached this inbox, which confirms it
    audit.record(session, user, f"account.{purpose}", user, now=now)
    session.flush()
    return user


def confirm_email(session: Session, token: str, now: datetime) -> User:
    """Mark the address confirmed; a second use says the link was used."""
    user = _user_from_token(session, token, "confirm_email")
    if user.email_confirmed_at is not None:
        raise InvalidLink("This email address is already confirmed.")
    user.email_confirmed_at = now
    audit.record(session, user, "account.email_confirmed", user, now=now)
    session.flush()
    return user


# Logging in ---------------------------------------------------------------------------------

_DUMMY_HASHES: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash made once per cost setting, to verify against when there is no account."""
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash(secrets.token_hex(8))
    return _DUMMY_HASHES[key]


def _verify(user: User | None, password: str) -> bool:
    """Check a password; without one, verify a dummy hash so timing does not reveal that."""
    hasher = _hasher()
    stored = user.password_hash if user is not None and user.password_hash else None
    if stored is None:
        dummy = _dummy_hash(hasher)
        try:
            hasher.verify(dummy, password)
        except (VerificationError, InvalidHashError):
            pass
        return False
    try:
        hasher.verify(stored, password[:MAX_PASSWORD_LENGTH * 4])
    except (VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    return True


def _lock(session: Session, user: User) -> None:
    """Lock the account's row, so parallel attempts cannot lose a failure or reuse a code."""
    session.flush()
    session.refresh(user, with_for_update=True)


def _count_failure(session: Session, user: User, now: datetime, action: str) -> None:
    user.failed_logins += 1
    audit.record(session, user, action, user, {"failures": user.failed_logins}, now=now)
    if user.failed_logins >= get_setting(session, "lockout_threshold"):
        minutes = get_setting(session, "lockout_minutes")
        user.locked_until = now + timedelta(minutes=minutes)
        user.failed_logins = 0
        audit.record(session, user, "account.locked", user, {"minutes": minutes}, now=now)


def authenticate(session: Session, email: str, password: str, now: datetime) -> User:
    """The account if the password is right and it may log in; else LoginFailed.

    Failures are counted on the account and lock it at the threshold; the caller commits even
    on failure so that the count is kept.
    """
    user = get_user_by_email(session, email)
    if user is not None:
        _lock(session, user)
    password_ok = _verify(user, password)
    if user is None:
        audit.record(session, None, "login.failed", None, {"known_account": False}, now=now)
        raise LoginFailed(LOGIN_FAILED)
    if not user.is_active or user.is_locked(now):
        audit.record(session, user, "login.refused", user,
                     {"locked": user.is_locked(now), "active": user.is_active}, now=now)
        raise LoginFailed(LOGIN_FAILED)
    if not password_ok:
        _count_failure(session, user, now, "login.failed")
        raise LoginFailed(LOGIN_FAILED)
    return user


def _hash_code(code: str) -> str:
    # Recovery codes carry 80 random bits, so a fast hash cannot be reversed by guessing.
    return hashlib.sha256("".join(code.split()).replace("-", "").lower().encode()).hexdigest()


def verify_second_factor(session: Session, user: User, code: str, now: datetime) -> str:
    """Accept a fresh TOTP code or an unused recovery code; returns which. Else LoginFailed."""
    _lock(session, user)
    if user.is_locked(now) or not user.has_totp:
        raise LoginFailed("That code did not work. Try the newest code from your app.")
    step = security.matching_totp_step(user.totp_secret, code, now)
    if step is not None and (user.totp_last_step is None or step > user.totp_last_step):
        user.totp_last_step = step
        session.flush()
        return "totp"
    wanted = _hash_code(code)
    for recovery in user.recovery_codes:
        if recovery.used_at is None and secrets.compare_digest(recovery.code_hash, wanted):
            recovery.used_at = now
            audit.record(session, user, "login.recovery_code_used", user, now=now)
            session.flush()
            return "recovery_code"
    _count_failure(session, user, now, "login.second_factor_failed")
    raise LoginFailed("That code did not work. Try the newest code from your app.")


def end_all_sessions(session: Session, user: User, now: datetime) -> None:
    """Log the account out everywhere: a copied session cookie stops working too."""
    user.security_stamp = _new_stamp()
    audit.record(session, user, "logout", user, now=now)
    session.flush()


def record_login(session: Session, user: User, now: datetime, method: str) -> None:
    """Note a completed login: the failure count starts again."""
    user.failed_logins, user.last_login_at = 0, now
    audit.record(session, user, "login.succeeded", user, {"method": method}, now=now)
    session.flush()


def _new_recovery_code() -> str:
    raw = secrets.token_hex(10)  # 80 bits
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def enrol_totp(session: Session, user: User, secret: str, code: str, now: datetime) -> list[str]:
    """Store the secret once the person proves their app has it; returns new recovery codes."""
    step = security.matching_totp_step(secret, code, now)
    if step is None:
        raise DomainError("That code did not match. Check the time on your phone and try the "
                          "newest code.", field="code")
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = secret, now, step
    user.recovery_codes = [RecoveryCode(code_hash=_hash_code(c)) for c in codes]
    user.security_stamp = _new_stamp()
    audit.record(session, user, "totp.enrolled", user, now=now)
    session.flush()
    return codes


def count_active_admins(session: Session) -> int:
    """How many active admins can log in (a password set); their rows stay locked until commit,
    so two admins demoting each other at once cannot both succeed."""
    ids = session.scalars(select(User.id).where(
        User.role == Role.ADMIN, User.is_active.is_(True), User.password_hash.is_not(None)
    ).with_for_update())
    return len(list(ids))


def unused_recovery_codes(user: User) -> int:
    """How many recovery codes the account has left."""
    return sum(1 for code in user.recovery_codes if code.used_at is None)



def time_zone_names() -> list[str]:
    """Every IANA time zone name a person may choose, sorted."""
    return sorted(zoneinfo.available_timezones())


def set_time_zone(session: Session, user: User, zone: str, now: datetime) -> None:
    """Show and read times in this zone for this person; an unknown zone is refused."""
    if zone not in zoneinfo.available_timezones():
        raise DomainError("Choose a time zone from the list.", field="time_zone")
    user.time_zone = zone
    audit.record(session, user, "account.time_zone_changed", user, {"zone": zone}, now=now)
    session.flush()
