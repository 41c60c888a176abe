"""The bundled resolver kept on disk between processes.

Building the resolver from the entity data file (parsing the TOML, indexing every alias)
takes about 30 ms, a fifth of a new process's first answer; loading a kept copy takes about
4 ms. The copy is a pickle, so it is only ever read from a directory this user owns that no
one else can write to, from a file this user owns that no one else can write to: whoever could
change it could already change the user's own programs. Its name carries a hash of the data
file, of this package's code and of the Python version, so a changed file or an upgrade never
loads an old copy; anything unreadable is built again and written anew.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

R = TypeVar("R")
_PREFIX = "resolver-"
_SUFFIX = ".pickle"


class KeptResolvers:
    """A directory of kept resolvers: `get` loads the one for the data text or builds it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, data_text: str, build: Callable[[], R], kind: type[R]) -> R:
        """The resolver kept for `data_text`, else `build()`, kept for the next process.
        Never raises for a problem with the directory: the resolver is then only built."""
        if not _posix():
            return build()
        path = self.directory / f"{_PREFIX}{fingerprint(data_text)}{_SUFFIX}"
        found = self._load(path, kind)
        if found is not None:
            return found
        resolver = build()
        self._keep(path, resolver)
        return resolver

    def _load(self, path: Path, kind: type[R]) -> R | None:
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
                found = pickle.load(handle)
        except Exception:  # a truncated or stale copy: built again below
            return None
        return found if isinstance(found, kind) else None

    def _keep(self, path: Path, resolver: object) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private_directory(self.directory):
                return
            import tempfile  # only when writing: most processes load

            fd, temporary = tempfile.mkstemp(prefix=".resolver", dir=self.directory)  # mode 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(resolver, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
            for old in self.directory.glob(f"{_PREFIX}*{_SUFFIX}"):
                if old != path:
                    old.unlink(missing_ok=True)  # copies for other data or code: never read
        except Exception:  # a full disk or a read-only home: the next process builds again
            return


def fingerprint(data_text: str) -> str:
    """A hash of what a kept resolver depends on: the data, this package's code, Python."""
    import hashlib  # here: a process that needs no resolver never loads OpenSSL

    digest = hashlib.sha256(data_text.encode("utf-8"))
    digest.update(sys.version.encode())
    digest.update(str(pickle.HIGHEST_PROTOCOL).encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:24]


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
