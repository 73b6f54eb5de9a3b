"""Account administration: invite, change roles, deactivate, reset a second factor."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from council import audit
from council.accounts import services as accounts
from council.accounts.models import Role, User
from council.domain import DomainError, NotAllowed

PER_PAGE = 50


def invite_account(session: Session, email: str, display_name: str, role: Role,
                   by: User, now: datetime) -> User:
    """Create an account without a password and email its owner a link to set one."""
    user = accounts.create_user(session, email, display_name, role)
    accounts.send_welcome(session, user)
    audit.record(session, by, "account.created", user, {"role": role.value}, now=now)
    return user


def _refuse_if_last_admin(session: Session, target: User, what: str) -> None:
    if target.role is Role.ADMIN and target.is_active and accounts.count_active_admins(session) <= 1:
        raise NotAllowed(f"You cannot {what} the last active admin. Make another admin first.")


def change_role(session: Session, target: User, role: Role, by: User, now: datetime) -> None:
    """Give the account another role; the owner logs in again (and enrols TOTP if now needed)."""
    if role is target.role:
        return
    if target.role is Role.ADMIN:
        _refuse_if_last_admin(session, target, "change the role of")
    old = target.role
    target.role = role
    target.security_stamp = secrets.token_hex(16)
    audit.record(session, by, "account.role_changed", target,
                 {"old": old.value, "new": role.value}, now=now)
    session.flush()


def deactivate_account(session: Session, target: User, by: User, now: datetime) -> None:
    """Stop the account logging in, and end its sessions."""
    if target.id == by.id:
        raise NotAllowed("You cannot deactivate your own account.")
    _refuse_if_last_admin(session, target, "deactivate")
    target.deactivate(now)
    target.security_stamp = secrets.token_hex(16)
    audit.record(session, by, "account.deactivated", target, now=now)
    session.flush()


def reactivate_account(session: Session, target: User, by: User, now: datetime) -> None:
    """Let a deactivated account log in again."""
    target.reactivate()
    audit.record(session, by, "account.reactivated", target, now=now)
    session.flush()


def reset_totp(session: Session, target: User, by: User, now: datetime) -> None:
    """Remove the account's second factor and recovery codes; it enrols again at next login."""
    if not target.has_totp:
        raise DomainError("This account has no second factor to reset.")
    target.totp_secret = target.totp_enrolled_at = target.totp_last_step = None
    target.recovery_codes = []
    target.security_stamp = secrets.token_hex(16)
    audit.record(session, by, "totp.reset", target, now=now)
    session.flush()


def list_accounts(session: Session, role: Role | None, page: int) -> tuple[list[User], int]:
    """One page of accounts, by role if given, and how many there are."""
    query = select(User)
    if role is not None:
        query = query.where(User.role == role)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    users = session.scalars(query.order_by(User.id).limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return list(users), total
