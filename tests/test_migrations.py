"""The schema comes from the migrations, and the models do not drift from them."""
from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory

from council.cli import alembic_config


def test_models_match_migrations(app, database_url):
    command.check(alembic_config(database_url))  # raises if autogenerate finds a difference


def test_migration_files_follow_the_naming_rule():
    import re

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    for revision in script.walk_revisions():
        name = revision.path.rsplit("/", 1)[-1]
        assert re.fullmatch(r"\d{8}_\d{4}_[0-9a-f]+_[a-z0-9_]+\.py", name), name


def test_migrations_go_down_and_up_again(tmp_path):
    config = alembic_config(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
