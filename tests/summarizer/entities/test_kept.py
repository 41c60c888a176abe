"""The bundled resolver kept between processes: loaded when it is safe and current, built
(and kept again) otherwise, never a failure of its own."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bot.config import load_settings
from summarizer.entities.data import bundled_entity_text, parse_entity_data
from summarizer.entities.kept import KeptResolvers, fingerprint
from summarizer.entities.resolver import EntityResolver
from tests.cli_helpers import ROOT, natosg_env, run_natosg

TEXT = bundled_entity_text()
SENTENCE = "Berlin and the Dutch premier Mark Rutte met Kaja Kallas in Tallinn."


class Builds:
    """A build of the bundled resolver that counts how often it ran."""

    def __init__(self, text: str = TEXT) -> None:
        self.text = text
        self.count = 0

    def __call__(self) -> EntityResolver:
        self.count += 1
        return EntityResolver(parse_entity_data(self.text))


def readings(resolver: EntityResolver) -> list[tuple[str, str]]:
    """What a resolver reads in a sentence with countries, a title and people."""
    found = resolver.find_mentions(SENTENCE, on=date(2024, 3, 1))
    return [(m.text, m.entity.name) for m in found]


def kept_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("resolver-*.pickle"))


def get(directory: Path, build: Callable[[], EntityResolver], text: str = TEXT) -> EntityResolver:
    return KeptResolvers(directory).get(text, build, EntityResolver)


def test_a_later_process_loads_the_resolver_an_earlier_one_kept(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    first, later = Builds(), Builds()
    built = get(directory, first)
    loaded = get(directory, later)
    assert (first.count, later.count) == (1, 0)
    assert loaded is not built
    assert readings(loaded) == readings(built) != []
    assert loaded.resolve_name("rute").entity == built.resolve_name("rute").entity
    # Only this user may read or write what is kept.
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    [path] = kept_files(directory)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_changed_data_is_built_afresh_and_the_old_copy_removed(tmp_path: Path) -> None:
    get(tmp_path, Builds())
    [old] = kept_files(tmp_path)
    changed = TEXT + "\n# a comment changes the data file\n"
    assert fingerprint(changed) != fingerprint(TEXT)
    builds = Builds(changed)
    get(tmp_path, builds, changed)
    assert builds.count == 1
    assert kept_files(tmp_path) != [old] and len(kept_files(tmp_path)) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:100]),  # cut short
        lambda path: path.write_bytes(b"not a pickle at all"),
        lambda path: path.write_bytes(pickle.dumps({"not": "a resolver"})),
    ],
)
def test_a_damaged_copy_is_built_again_and_replaced(
    tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    get(tmp_path, Builds())
    [path] = kept_files(tmp_path)
    damage(path)
    builds = Builds()
    resolver = get(tmp_path, builds)
    assert builds.count == 1
    assert readings(resolver) == readings(EntityResolver.default())
    again = Builds()
    get(tmp_path, again)
    assert again.count == 0  # the copy written in place of the damaged one loads


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is POSIX")
def test_a_copy_others_could_write_is_never_loaded(tmp_path: Path) -> None:
    get(tmp_path, Builds())
    [path] = kept_files(tmp_path)
    path.chmod(0o620)
    builds = Builds()
    get(tmp_path, builds)
    assert builds.count == 1


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is POSIX")
def test_a_directory_others_could_write_is_neither_read_nor_written(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    first, later = Builds(), Builds()
    get(shared, first)
    get(shared, later)
    assert (first.count, later.count) == (1, 1)
    assert kept_files(shared) == []


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="symbolic links are POSIX")
def test_a_link_in_place_of_the_copy_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    get(elsewhere, Builds())
    [real] = kept_files(elsewhere)
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    (directory / real.name).symlink_to(real)
    builds = Builds()
    get(directory, builds)
    assert builds.count == 1


def test_a_directory_that_cannot_be_made_only_costs_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    builds = Builds()
    resolver = get(blocked / "cache", builds)
    assert builds.count == 1 and readings(resolver) != []


def test_the_cache_setting(tmp_path: Path) -> None:
    home = {"HOME": str(tmp_path)}
    empty = tmp_path / "no.env"
    assert load_settings(home, empty).cache_dir == tmp_path / ".cache" / "natosg"
    xdg = {**home, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert load_settings(xdg, empty).cache_dir == tmp_path / "xdg" / "natosg"
    relative = {**home, "XDG_CACHE_HOME": "relative/path"}  # ignored, as the XDG rule says
    assert load_settings(relative, empty).cache_dir == tmp_path / ".cache" / "natosg"
    chosen = {**xdg, "NATOSG_CACHE_DIR": str(tmp_path / "mine")}
    assert load_settings(chosen, empty).cache_dir == tmp_path / "mine"
    assert load_settings({**chosen, "NATOSG_CACHE_DIR": "off"}, empty).cache_dir is None
    assert load_settings({}, empty).cache_dir is None  # no home: nothing is kept


def test_the_command_line_keeps_the_resolver_where_it_is_told(
    tmp_path: Path, seeds_dir: Path
) -> None:
    db_path = tmp_path / "natosg.db"
    assert run_natosg(db_path, "ingest", str(seeds_dir)).returncode == 0
    directory = tmp_path / "kept"
    env = natosg_env(db_path, NATOSG_CACHE_DIR=str(directory))
    answers = [_run(env, "who-backs", "Rutte") for _ in range(2)]
    assert answers[0] == answers[1] and "Rutte" in answers[0]
    assert len(kept_files(directory)) == 1
    off = natosg_env(db_path, NATOSG_CACHE_DIR="off", HOME=str(tmp_path / "home"))
    assert _run(off, "who-backs", "Rutte") == answers[0]
    assert not (tmp_path / "home").exists()


def _run(env: dict[str, str], *words: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *words],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
        check=True,
    )
    return done.stdout
