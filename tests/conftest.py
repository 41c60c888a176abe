"""Shared fixtures: a fresh database file per test and the seed folder; and the watch that
fails any test in which a command crashed inside the bot (tests/failure_watch.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import Database, open_database
from tests.cli_helpers import Cli
from tests.failure_watch import internal_failures, pytest_configure, pytest_runtest_call

__all__ = ["internal_failures", "pytest_configure", "pytest_runtest_call"]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True, scope="session")
def kept_files_stay_in_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What natosg keeps between processes (the bundled resolver) goes to a folder of this
    test session, for commands run in-process and in children alike, never to the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NATOSG_CACHE_DIR", str(tmp_path_factory.mktemp("kept")))
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a temporary folder (the file is created on first open)."""
    return tmp_path / "natosg.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An open, migrated database in a real file."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def seeds_dir() -> Path:
    """The seed articles shipped with the project."""
    return SEEDS


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The real `natosg` CLI against a fresh database, run from the database's folder."""
    monkeypatch.setenv("NATOSG_DB", str(db_path))
    monkeypatch.chdir(db_path.parent)
    return Cli(db_path, capsys)
