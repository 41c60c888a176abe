"""Where the shared evaluation material is: `../shared/eval` beside the clone, by default."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = "../shared/eval"


def eval_dir(given: str | None) -> tuple[Path, str]:
    """The evaluation folder and how to name it in messages.

    A folder given on the command line is taken as given (relative to the working folder);
    the default is relative to the repository root.
    """
    if given is not None:
        return Path(given), given
    return ROOT / DEFAULT_EVAL_DIR, DEFAULT_EVAL_DIR


def skipped(shown: str) -> str:
    """The polite line printed when the shared material is absent."""
    return f"skipped: {shown} not found"
