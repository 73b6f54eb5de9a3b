"""Database: the declarative base, the engine and one session per request."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import enum

from flask import Flask, abort, current_app
from flask.globals import app_ctx
from sqlalchemy import DateTime, Enum as SAEnum, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stores UTC; always hands back aware datetimes, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware UTC datetime")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        # PostgreSQL answers in the session's time zone; SQLite answers naive UTC.
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """Base of every model; constraint names follow NAMING_CONVENTION for stable migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        # Enums are stored by value in a VARCHAR: no native types to migrate when a value is added.
        enum.Enum: SAEnum(enum.Enum, native_enum=False, length=32, validate_strings=True,
                          values_callable=lambda members: [m.value for m in members]),
    }


def _make_sqlite_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, begin transactions, so SAVEPOINT and BEGIN IMMEDIATE work."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine with pre-ping (survives a database restart) and SQLite made transactional.

    Errors never show the statement's values: they can hold emails and names.
    """
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        _make_sqlite_transactional(engine)
    return engine


class Database:
    """Engines per app and a session registry; `db.session` is the current app context's session."""

    def __init__(self) -> None:
        self.session = scoped_session(self._make_session, scopefunc=self._scope)

    def init_app(self, app: Flask) -> None:
        """Create the app's engine and remove the session when the app context ends."""
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["council.engine"] = engine
        #: what sessions bind to; tests point it at a connection whose transaction they roll back
        app.extensions["council.bind"] = engine
        app.teardown_appcontext(self._remove_session)

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return current_app.extensions["council.engine"]

    @staticmethod
    def _scope() -> int:
        # One session per app context: each request (and each CLI command) has its own.
        return id(app_ctx._get_current_object())

    @staticmethod
    def _make_session() -> Session:
        # create_savepoint: when bound to a connection already in a transaction (tests), a
        # commit releases a savepoint instead of ending the outer transaction.
        return Session(bind=current_app.extensions["council.bind"], expire_on_commit=False,
                       join_transaction_mode="create_savepoint")

    def _remove_session(self, _exc: BaseException | None) -> None:
        self.session.remove()

    def get_or_404(self, model: type[Any], ident: Any) -> Any:
        """Load a row by primary key or answer 404."""
        obj = self.session.get(model, ident)
        if obj is None:
            abort(404)
        return obj


db = Database()

