"""Configuration: safe defaults, overridden by COUNCIL_* environment variables."""
from __future__ import annotations

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def _secret_key(instance_path: Path) -> str:
    """Take the key from the environment, else from a file made once with 256 random bits.

    There is no hard-coded fallback: a key known to the public would let anyone forge sessions.
    """
    from_env = os.environ.get("COUNCIL_SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    instance_path.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when several workers start at once, exactly one writes the key.
        fd = os.open(key_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it right now
            key = key_file.read_text().strip()
            if key:
                return key
            time.sleep(0.01)
        raise RuntimeError(f"{key_file} is empty; delete it to make a new key") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


class Config:
    """Production-safe settings; every value can be overridden by COUNCIL_<NAME>."""

    TESTING = False
    INSTANCE_PATH = Path(os.environ.get("COUNCIL_INSTANCE_PATH", PROJECT_ROOT / "instance"))
    DATABASE_URL = os.environ.get(
        "COUNCIL_DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'council.db'}"
    )
    BASE_URL = os.environ.get("COUNCIL_BASE_URL", "http://127.0.0.1:5000")

    # Sessions: signed cookies, so any worker on any host can serve any request.
    SESSION_COOKIE_SECURE = _env_bool("COUNCIL_SECURE_COOKIES", True)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    #: seconds after login when a session ends however active it is (stolen cookies expire too)
    SESSION_MAX_AGE = _env_int("COUNCIL_SESSION_MAX_HOURS", 12) * 3600
    WTF_CSRF_TIME_LIMIT = 3600 * 4

    # Mail: a real SMTP server; messages wait in the outbox until it takes them.
    MAIL_HOST = os.environ.get("COUNCIL_MAIL_HOST", "127.0.0.1")
    MAIL_PORT = _env_int("COUNCIL_MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("COUNCIL_MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("COUNCIL_MAIL_PASSWORD", "")
    MAIL_STARTTLS = _env_bool("COUNCIL_MAIL_STARTTLS", False)
    MAIL_FROM = os.environ.get("COUNCIL_MAIL_FROM", "Council <no-reply@council.invalid>")
    MAIL_TIMEOUT_SECONDS = _env_int("COUNCIL_MAIL_TIMEOUT", 10)
    #: send queued mail right after the response; off means only `council deliver-mail` sends
    MAIL_SEND_AFTER_RESPONSE = _env_bool("COUNCIL_MAIL_SEND_AFTER_RESPONSE", True)

    # Rate limits: memory is per process; use redis:// when running several workers or hosts.
    RATELIMIT_STORAGE_URI = os.environ.get("COUNCIL_RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = _env_bool("COUNCIL_RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("COUNCIL_LOGIN_RATE_LIMIT", "20 per 5 minutes")
    EMAIL_RATE_LIMIT = os.environ.get("COUNCIL_EMAIL_RATE_LIMIT", "5 per 15 minutes")
    #: application form posts per address: generous, as a whole school may share one address
    APPLY_RATE_LIMIT = os.environ.get("COUNCIL_APPLY_RATE_LIMIT", "60 per 10 minutes")

    #: number of reverse proxies in front of the app whose X-Forwarded-* headers we trust
    PROXY_COUNT = _env_int("COUNCIL_PROXY_COUNT", 0)
    #: the time zone people enter and read times in (stored times are always UTC)
    TIME_ZONE = os.environ.get("COUNCIL_TIME_ZONE", "UTC")
    TOTP_ISSUER = os.environ.get("COUNCIL_TOTP_ISSUER", "Council")
    BACKUP_DIR = Path(os.environ.get("COUNCIL_BACKUP_DIR", PROJECT_ROOT / "backups"))
    #: argon2 cost; RFC 9106's second recommended option (64 MiB, 3 passes)
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024
    ARGON2_PARALLELISM = 4
    LOG_LEVEL = os.environ.get("COUNCIL_LOG_LEVEL", "INFO")

    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key(self.INSTANCE_PATH)


class TestingConfig(Config):
    """Settings for the test suite: cheap hashing, no mail after response unless asked."""

    TESTING = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8
    ARGON2_PARALLELISM = 1
    MAIL_PORT = 0
    MAIL_SEND_AFTER_RESPONSE = False
    RATELIMIT_STORAGE_URI = "memory://"

    def __init__(self, database_url: str) -> None:
        self.SECRET_KEY = secrets.token_hex(32)
        self.DATABASE_URL = database_url
