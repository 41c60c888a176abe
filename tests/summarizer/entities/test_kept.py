"""The bundled resolver kept between processes: loaded when it is safe and current, built
(and kept again) otherwise, never a failure of its own."""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bot.config import load_settings
from summarizer.entities.data import bundled_entity_text, parse_entity_data
from summarizer.entities.kept import KeptResolvers, resolver_key
from summarizer.entities.resolver import EntityResolver
from tests.cli_helpers import natosg_env, run_natosg

TEXT = bundled_entity_text()
SENTENCE = "Berlin and the Dutch premier Mark Rutte met Kaja Kallas in Tallinn."


class Builds:
    """A build of the resolver from a data file that counts how often it ran."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.count = 0

    def __call__(self) -> EntityResolver:
        self.count += 1
        return EntityResolver(parse_entity_data(self.data.read_text("utf-8")))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the bundled entity data file."""
    path = tmp_path / "entities.toml"
    path.write_text(TEXT, "utf-8")
    return path


def readings(resolver: EntityResolver) -> list[tuple[str, str]]:
    """What a resolver reads in a sentence with countries, a title and people."""
    found = resolver.find_mentions(SENTENCE, on=date(2024, 3, 1))
    return [(m.text, m.entity.name) for m in found]


def kept_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("resolver-*.pickle"))


def get(directory: Path, data: Path) -> tuple[EntityResolver, int]:
    """The resolver `directory` gives for the data file, and how many builds that took."""
    builds = Builds(data)
    resolver = KeptResolvers(directory).get(data, builds, EntityResolver)
    return resolver, builds.count


def test_a_later_process_loads_the_resolver_an_earlier_one_kept(tmp_path: Path, data: Path) -> None:
    directory = tmp_path / "cache"
    built, first = get(directory, data)
    loaded, later = get(directory, data)
    assert (first, later) == (1, 0)
    assert loaded is not built
    assert readings(loaded) == readings(built) != []
    assert loaded.resolve_name("rute").entity == built.resolve_name("rute").entity
    # Only this user may read or write what is kept.
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    [path] = kept_files(directory)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_changed_data_is_built_afresh(tmp_path: Path, data: Path) -> None:
    get(tmp_path, data)
    key = resolver_key(data)
    data.write_text(TEXT + "\n# a comment changes the data file\n", "utf-8")
    assert resolver_key(data) != key
    _, builds = get(tmp_path, data)
    assert builds == 1
    assert get(tmp_path, data)[1] == 0


def test_a_copy_kept_under_another_key_is_not_loaded(tmp_path: Path, data: Path) -> None:
    get(tmp_path, data)
    [path] = kept_files(tmp_path)
    content = path.read_bytes()
    path.write_bytes(content.replace(b"entities.toml", b"entities.tomx", 1))  # another key
    assert get(tmp_path, data)[1] == 1


def test_only_the_newest_copies_are_kept(tmp_path: Path, data: Path) -> None:
    for n in range(6):
        data.write_text(TEXT + "#" * n, "utf-8")  # another size each time: another key
        assert get(tmp_path, data)[1] == 1
    assert len(kept_files(tmp_path)) == 3
    assert get(tmp_path, data)[1] == 0  # the newest is among them


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-100]),  # cut short
        lambda path: path.write_bytes(b"not a kept resolver at all"),
        lambda path: path.write_bytes(
            path.read_bytes()[: path.read_bytes().index(b"\x80")]
            + pickle.dumps({"not": "a resolver"})
        ),  # the right key, the wrong object
    ],
)
def test_a_damaged_copy_is_built_again_and_replaced(
    tmp_path: Path, data: Path, damage: Callable[[Path], object]
) -> None:
    get(tmp_path, data)
    [path] = kept_files(tmp_path)
    damage(path)
    resolver, builds = get(tmp_path, data)
    assert builds == 1
    assert readings(resolver) == readings(EntityResolver.default())
    assert get(tmp_path, data)[1] == 0  # the copy written in place of the damaged one loads


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is POSIX")
def test_a_copy_others_could_write_is_never_loaded(tmp_path: Path, data: Path) -> None:
    get(tmp_path, data)
    [path] = kept_files(tmp_path)
    path.chmod(0o620)
    assert get(tmp_path, data)[1] == 1


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is POSIX")
def test_a_directory_others_could_write_is_neither_read_nor_written(
    tmp_path: Path, data: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert (get(shared, data)[1], get(shared, data)[1]) == (1, 1)
    assert kept_files(shared) == []


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="symbolic links are POSIX")
def test_a_link_in_place_of_the_copy_is_not_followed(tmp_path: Path, data: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    get(elsewhere, data)
    [real] = kept_files(elsewhere)
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    (directory / real.name).symlink_to(real)
    assert get(directory, data)[1] == 1


def test_a_directory_that_cannot_be_made_only_costs_the_build(tmp_path: Path, data: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    resolver, builds = get(blocked / "cache", data)
    assert builds == 1 and readings(resolver) != []


def test_a_data_file_that_is_not_a_plain_file_is_only_built(tmp_path: Path) -> None:
    missing = tmp_path / "packed" / "entities.toml"  # as in a package that is not files
    resolver = KeptResolvers(tmp_path).get(missing, EntityResolver.default, EntityResolver)
    assert resolver is EntityResolver.default()
    assert kept_files(tmp_path) == []


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
    answers = [run_natosg(db_path, "who-backs", "Rutte", env=env).stdout for _ in range(2)]
    assert answers[0] == answers[1] and "Rutte" in answers[0]
    assert len(kept_files(directory)) == 1
    off = natosg_env(db_path, NATOSG_CACHE_DIR="off", HOME=str(tmp_path / "home"))
    assert run_natosg(db_path, "who-backs", "Rutte", env=off).stdout == answers[0]
    assert not (tmp_path / "home").exists()
