"""One running bot per database: `natosg run` holds an exclusive lock beside the database file
for as long as it runs, so two bots never post the same digest or alert twice.

The lock is an OS advisory lock (`fcntl.flock`) on `<database>.run.lock`: the system releases
it when the process ends, however it ends, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class AlreadyRunning(Exception):
    """Another process serves this database; `message` says so in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LockUnavailable(Exception):
    """The lock file beside the database cannot be created (a read-only folder, say)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


LOCK_SUFFIX = ".run.lock"


def lock_path(db_path: Path) -> Path:
    """The lock file of the bot serving `db_path`."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class InstanceLock:
    """The lock of one database's running bot (a context manager)."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise `AlreadyRunning` at once (never wait)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LockUnavailable(
                f"natosg: cannot create the lock file {self.path.name} beside the database "
                f"({exc.strerror or exc}); the database's folder must be writable."
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(
                f"Another natosg run is already serving {self.path.name.removesuffix(LOCK_SUFFIX)}"
                "; stop it first (one bot per database, so no digest is posted twice)."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Let the lock go."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


def bot_is_running(db_path: Path) -> bool:
    """Whether a `natosg run` holds this database's lock now (False when none does, or the
    lock file cannot be opened: then nobody can be holding it)."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
