"""The shared evaluation material (`../shared/eval` beside the clone), read in place.

It is not part of the project: tests that need it skip, with the reason, when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DEV_SET_FILE = SHARED_EVAL / "dev_set.json"


def load_dev_set() -> dict[str, Any]:
    """The expected answers on the seed articles, or an empty set when the file is absent."""
    if not DEV_SET_FILE.is_file():
        return {}
    loaded: dict[str, Any] = json.loads(DEV_SET_FILE.read_text(encoding="utf-8"))
    return loaded


DEV_SET = load_dev_set()
needs_dev_set = pytest.mark.skipif(
    not DEV_SET, reason="the shared dev set (../shared/eval/dev_set.json) is not beside the clone"
)
