"""Operations commands: `flask --app wsgi council ...`."""
from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import make_url

from council.config import PROJECT_ROOT
from council.db import db, utcnow
from council.domain import DomainError

council_cli = AppGroup("council", help="Run and look after Council.")

#: the documented demo logins (README): one account per role
DEMO_ACCOUNTS = [
    ("admin@demo.council.invalid", "Ada Admin", "admin", "demo-admin-password"),
    ("staff@demo.council.invalid", "Sam Staff", "staff", "demo-staff-password"),
    ("moderator@demo.council.invalid", "Mo Moderator", "moderator", "demo-moderator-password"),
    ("member@demo.council.invalid", "Mia Member", "member", "demo-member-password"),
]


def alembic_config(database_url: str):
    """Alembic's config pointed at our migrations and the given database."""
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config


@council_cli.command("migrate")
def migrate() -> None:
    """Bring the database schema up to date (alembic upgrade head)."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from alembic import command

    current_app.config["INSTANCE_PATH"].mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(current_app.config["DATABASE_URL"]), "head")
    click.echo("Database is up to date.")


@council_cli.command("create-admin")
@click.option("--email", prompt="Email")
@click.option("--name", prompt="Name shown to others")
def create_admin(email: str, name: str) -> None:
    """Create an admin account; asks for the password, never takes it as an argument."""
    from council import audit
    from council.accounts import services
    from council.accounts.models import Role

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(db.session, email, name, Role.ADMIN, password=password)
        services.send_email_confirmation(db.session, user)
        audit.record(db.session, None, "account.created", user, {"role": "admin", "via": "cli"})
    except DomainError as err:
        db.session.rollback()
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"Admin account {user.id} created. At first login it sets up a second factor.")


def _seed_account(email: str, name: str, role_value: str, password: str) -> tuple:
    from council import security
    from council.accounts import services
    from council.accounts.models import Role

    role = Role(role_value)
    user = services.get_user_by_email(db.session, email)
    if user is None:
        user = services.create_user(db.session, email, name, role, password=password)
        user.email_confirmed_at = utcnow()
        if role.needs_totp:
            user.totp_secret, user.totp_enrolled_at = security.new_totp_secret(), utcnow()
    return user


DEMO_COHORT = "Demo Youth Council"


def _seed_cohort(staff, reviewers) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from council.applications import services
    from council.applications.models import Cohort

    if db.session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT)) is not None:
        return
    now = utcnow()
    data = services.CohortData(
        name=DEMO_COHORT, year=now.year + 1, opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=60), places=20, min_age=13, max_age=17,
        reviewers_per_application=1,
        questions=[("What worries you most when you are online, and why?", 200),
                   ("If you ran a big app for a day, what one thing would you change?", 150)],
        criteria=[("Insight from their own experience", 2), ("Clear ideas for change", 1)])
    cohort = services.create_cohort(db.session, data, staff, now)
    services.change_cohort_state(db.session, cohort, "open", staff, now)
    services.set_reviewers(db.session, cohort, [r.id for r in reviewers], staff, now)


def _seed_membership(member) -> None:
    """The demo member joined the demo cohort with their parent's consent to everything."""
    import secrets
    from datetime import date

    from sqlalchemy import select

    from council.applications.models import Application, ApplicationStatus, Cohort, Membership
    from council.consent import services as consent
    from council.consent.models import PURPOSES, ConsentRecord

    if consent.member_application(db.session, member) is not None:
        return
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT))
    now = utcnow()
    application = Application(
        cohort=cohort, status=ApplicationStatus.ACCEPTED, first_name=member.display_name,
        email=member.email, date_of_birth=date(now.year - 15, 3, 1), country="GB",
        region="Yorkshire", guardian_email="parent@demo.council.invalid", needs_consent=True,
        sent_at=now, submitted_at=now, decided_at=now, link_stamp=secrets.token_hex(16),
        member_id=member.id)
    db.session.add(application)
    db.session.add(Membership(cohort_id=cohort.id, user_id=member.id))
    db.session.flush()
    policy = consent.current_policy(db.session)
    db.session.add(ConsentRecord(
        application_id=application.id, scopes=list(PURPOSES), policy_version_id=policy.id,
        policy_sha256=policy.sha256, country="GB", consent_age=18, method="email_link",
        granted_at=now, guardian_name="Demo Parent", guardian_relationship="parent",
        guardian_email=application.guardian_email))


@council_cli.command("seed-demo")
def seed_demo() -> None:
    """Create one demo account per role and an open cohort (idempotent); print the logins."""
    users = [_seed_account(*account) for account in DEMO_ACCOUNTS]
    _admin, staff, moderator, _member = users
    db.session.flush()
    _seed_cohort(staff, [moderator])  # staff decide; reviewers must not see who applied
    _seed_membership(_member)
    db.session.commit()
    click.echo("Demo logins (adult roles also need a code from the TOTP key shown):")
    for (email, _name, role, password), user in zip(DEMO_ACCOUNTS, users):
        line = f"  {role:<10} {email:<34} password: {password}"
        if user.totp_secret:
            line += f"  TOTP key: {user.totp_secret}"
        click.echo(line)
    click.echo("Get a code with any authenticator app, or: oathtool --totp -b <TOTP key>")
    click.echo(f"The open cohort '{DEMO_COHORT}' takes applications at /cohorts: the moderator "
               "reviews them blind, staff decide.")


@council_cli.command("deliver-mail")
def deliver_mail() -> None:
    """Send every queued email that is due; failures stay queued and are retried later."""
    from council import mail

    sent, failed = mail.deliver(db.session, utcnow())
    click.echo(f"Sent {sent}, failed {failed} (will retry).")
    if failed:
        raise SystemExit(1)


@council_cli.command("purge-applications")
def purge_applications() -> None:
    """Erase declined, withdrawn and unsent applications older than the retention setting."""
    from council.applications import services

    ids = services.expired_application_ids(db.session, utcnow())
    # click draws the bar only on a terminal; in cron logs it prints the label once.
    with click.progressbar(ids, label="Erasing applications") as progress:
        for application_id in progress:
            services.erase_application(db.session, application_id)
    services.record_purge(db.session, len(ids), utcnow())
    db.session.commit()
    click.echo(f"Erased {len(ids)} application{'s' if len(ids) != 1 else ''}.")


@council_cli.command("consent-sweep")
def consent_sweep() -> None:
    """Daily: remind guardians (day 3 and 6), expire unanswered requests (day 7), and end
    guardian consent for members who turned 18. Safe to run more than once."""
    from council.consent import services

    result = services.sweep(db.session, utcnow())
    db.session.commit()
    click.echo(f"Reminded {result.reminded}, expired {result.expired}, "
               f"lapsed {result.lapsed}.")


@council_cli.command("backup")
@click.option("--to", "target_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the backup (default: COUNCIL_BACKUP_DIR).")
def backup(target_dir: Path | None) -> None:
    """Copy the database safely while the app runs (SQLite backup API, or pg_dump)."""
    target_dir = target_dir or current_app.config["BACKUP_DIR"]
    url = make_url(current_app.config["DATABASE_URL"])
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    previous_umask = os.umask(0o077)  # backups hold children's data: owner only, from the start
    try:
        target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if url.get_backend_name() == "sqlite":
            target = target_dir / f"council-{stamp}.sqlite3"
            _backup_sqlite(url.database, target)
        else:
            target = target_dir / f"council-{stamp}.dump"
            _backup_postgres(url, target)
    finally:
        os.umask(previous_umask)
    click.echo(f"Backup written to {target}")


def _backup_sqlite(source: str, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def _backup_postgres(url, target: Path) -> None:
    if shutil.which("pg_dump") is None:
        raise click.ClickException("pg_dump is not installed (Debian package postgresql-client).")
    env = {"PGPASSWORD": url.password or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    args = ["pg_dump", "--format=custom", f"--file={target}", f"--host={url.host or '127.0.0.1'}",
            f"--port={url.port or 5432}", f"--username={url.username}", url.database]
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise click.ClickException("pg_dump failed: " + result.stderr.strip()[-500:])


def init_app(app: Flask) -> None:
    """Add the `council` command group to `flask`."""
    app.cli.add_command(council_cli)
