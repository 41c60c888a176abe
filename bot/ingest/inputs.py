"""What one ingest reads: the inputs as given (files, folders, URLs, feeds), folders listed
once, and each input's documents or why it has none.

A folder is listed once per ingest and its files named from the folder's own name: listing
a folder of 100,000 articles three times (the progress bar's count, the workers' count, the
reading) and resolving every file's path took about 8 s of the storing process's time.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.ingest.netguard import AddressPolicy
from bot.ingest.readers import ReadError, article_files, read_article_file
from bot.ingest.web_source import is_url, read_url
from summarizer.text.document import RawDocument

log = logging.getLogger(__name__)


def fingerprint(document: RawDocument) -> str:
    """A hash of everything read from a source about one document: the same file read again
    unchanged has the same fingerprint."""
    return hashlib.sha256(repr(document).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Item:
    """One document of an input, or why an input gave none (`error`), or a note about a feed
    entry that was left out (`note`)."""

    source: str
    document: RawDocument | None = None
    error: str | None = None
    note: str | None = None

    @cached_property
    def fingerprint(self) -> str:
        """The document's fingerprint (worked out once: it hashes the whole document)."""
        return fingerprint(self.document) if self.document is not None else ""


@dataclass(frozen=True)
class _Planned:
    given: str
    file: Path | None = None  # a file to read, shown as `shown`
    shown: str = ""
    error: str | None = None  # why the input gives nothing


def display_path(path: Path) -> str:
    """The path as a user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Inputs:
    """The inputs of one ingest, with every folder listed (once)."""

    def __init__(self, given: Sequence[str]) -> None:
        self._planned = [planned for one in given for planned in _plan(one)]

    def __len__(self) -> int:
        """How many files and URLs will be read (a feed counts as one)."""
        return len(self._planned)

    def items(self, policy: AddressPolicy) -> Iterator[Item]:
        """Every input's documents, in order; URLs are fetched as they come."""
        for planned in self._planned:
            if planned.error is not None:
                yield Item(planned.given, error=planned.error)
            elif planned.file is not None:
                yield from _read_file(planned.file, planned.shown)
            else:
                yield from _read_url(planned.given, policy)


def _plan(given: str) -> Iterator[_Planned]:
    if is_url(given):
        yield _Planned(given)
        return
    path = Path(given)
    if path.is_dir():
        shown = display_path(path)
        found = False
        for file, relative in article_files(path):
            found = True
            yield _Planned(given, file, os.path.join(shown, relative))
        if not found:
            yield _Planned(given, error="no .txt, .md, .html or .json files in this folder")
    elif path.exists():
        yield _Planned(given, path, display_path(path))
    else:
        yield _Planned(given, error="no such file or folder (and not an http(s) URL)")


def _read_url(given: str, policy: AddressPolicy) -> Iterator[Item]:
    try:
        for item in read_url(given, policy):
            yield Item(item.source, item.document, item.error, item.note)
    except Exception:
        # A fault in reading one URL is that input's failure; the others go on.
        log.exception("reading %s failed", given)
        yield Item(given, error="could not be read (an unexpected error, logged)")


def _read_file(path: Path, shown: str) -> Iterator[Item]:
    try:
        documents = read_article_file(path, shown)
    except ReadError as exc:
        yield Item(shown, error=exc.reason)
        return
    for document in documents:
        yield Item(document.source, document=document)
