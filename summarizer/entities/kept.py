"""The bundled resolver kept on disk between processes.

Building the resolver from the entity data file (parsing the TOML, indexing every alias)
takes about 30 ms, a fifth of a new process's first answer; loading a kept copy takes about
4 ms. The copy is a pickle, so it is only ever read from a directory this user owns that no
one else can write to, from a file this user owns that no one else can write to: whoever could
change it could already change the user's own programs.

A copy starts with the key it was built under: the Python version and the size and
modification time of the data file and of every module of this package (as Python itself
checks its compiled modules). A copy under another key is never loaded: a changed file or an
upgrade builds afresh. Anything unreadable is built again and written anew.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

R = TypeVar("R")
_PREFIX = "resolver-"
_SUFFIX = ".pickle"
_LENGTH = 4  # bytes giving the key's length, before the key
_COPIES_KEPT = 3


class KeptResolvers:
    """A directory of kept resolvers: `get` loads the one for the data file or builds it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, data: Path, build: Callable[[], R], kind: type[R]) -> R:
        """The resolver kept for the data file at `data`, else `build()`, kept for the next
        process. Never raises for a problem with the directory: the resolver is then only
        built."""
        key = resolver_key(data) if _posix() else None
        if key is None:
            return build()
        # The name only keeps installs apart; the key inside decides.
        path = self.directory / f"{_PREFIX}{zlib.crc32(key):08x}{_SUFFIX}"
        found = self._load(path, key, kind)
        if found is not None:
            return found
        resolver = build()
        self._keep(path, key, resolver)
        return resolver

    def _load(self, path: Path, key: bytes, kind: type[R]) -> R | None:
        if not _private_directory(self.directory):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None  # not kept yet (or a link, which is never followed)
        try:
            with os.fdopen(fd, "rb") as handle:
                if not _private(os.fstat(handle.fileno())):
                    return None
                content = handle.read()
            header = _LENGTH + len(key)
            if content[:header] != len(key).to_bytes(_LENGTH, "big") + key:
                return None  # built under another key
            found = pickle.loads(content[header:])
        except Exception:  # a truncated or damaged copy: built again below
            return None
        return found if isinstance(found, kind) else None

    def _keep(self, path: Path, key: bytes, resolver: object) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private_directory(self.directory):
                return
            import tempfile  # only when writing: most processes load

            fd, temporary = tempfile.mkstemp(prefix=".resolver", dir=self.directory)  # mode 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(len(key).to_bytes(_LENGTH, "big") + key)
                    pickle.dump(resolver, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
            _prune(self.directory)
        except Exception:  # a full disk or a read-only home: the next process builds again
            return


def _prune(directory: Path) -> None:
    # Copies for other code (an upgrade, another install of it) are never read again by this
    # one: the newest few are kept, for installs that take turns.
    copies = sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)
    for old in copies[:-_COPIES_KEPT]:
        old.unlink(missing_ok=True)


def resolver_key(data: Path) -> bytes | None:
    """What a kept resolver depends on: Python, the data file and this package's modules,
    each by size and modification time. None when the data file is not a plain file."""
    parts = [sys.version, str(pickle.HIGHEST_PROTOCOL)]
    try:
        for path in (data, *sorted(Path(__file__).resolve().parent.glob("*.py"))):
            status = path.stat()
            parts.append(f"{path.name} {status.st_size} {status.st_mtime_ns}")
    except OSError:
        return None
    return "\n".join(parts).encode()


def _posix() -> bool:
    return hasattr(os, "geteuid") and hasattr(os, "O_NOFOLLOW")


def _private(status: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _private_directory(directory: Path) -> bool:
    try:
        status = os.stat(directory, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and _private(status)


class _Bundled:
    """Where this process keeps the bundled resolver between runs, if anywhere: the
    application names a directory (`keep_bundled_in`); a library user builds it each time."""

    kept: KeptResolvers | None = None


def keep_bundled_in(directory: Path | None) -> None:
    """Keep the bundled resolver in `directory` for later processes and load it from there
    (None: build it in every process). A resolver this process already holds stays."""
    _Bundled.kept = KeptResolvers(directory) if directory is not None else None


def bundled_keeper() -> KeptResolvers | None:
    """The directory `keep_bundled_in` named, as kept resolvers (None: build every time)."""
    return _Bundled.kept
