"""Files that are not files: a `.txt` symlink to /dev/zero, a FIFO, a /proc file.

Each ingest runs in a child process with a memory limit and a timeout, so the attack (read
until memory runs out; wait forever on a FIFO) is bounded even when it succeeds.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bot.ingest.readers import MAX_FILE_BYTES, read_capped

GOOD = "Denmark has endorsed Kaja Kallas for the post of NATO secretary general.\n"
CHILD = """
import json, sys
from bot.ingest.pipeline import Ingestor
from storage.db import open_database
db = open_database(sys.argv[1])
results = Ingestor(db, parallel=False).ingest(sys.argv[2:])
print(json.dumps([[r.status, r.reason] for r in results]))
"""
MEMORY_LIMIT = 1 << 30  # 1 GB of address space: /dev/zero read whole would pass it
TIMEOUT_S = 30.0

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _ingest(db_path: Path, *inputs: Path) -> list[list[str | None]]:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), *map(str, inputs)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: list[list[str | None]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_txt_symlink_to_dev_zero_is_refused_not_read_forever(
    tmp_path: Path, db_path: Path
) -> None:
    # Attack: the stated size is 0, so a size check alone reads /dev/zero until memory ends.
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (bad, bad_reason), (status, _) = _ingest(db_path, zero, good)
    assert bad == "failed" and bad_reason is not None
    assert "character device" in bad_reason and "regular files" in bad_reason
    assert status == "added"


def test_a_fifo_given_directly_is_refused_without_waiting(tmp_path: Path, db_path: Path) -> None:
    # Attack: opening a FIFO for reading waits for a writer that never comes.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (bad, bad_reason), (status, _) = _ingest(db_path, fifo, good)
    assert bad == "failed" and bad_reason is not None and "named pipe" in bad_reason
    assert status == "added"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_that_states_size_zero_is_still_read() -> None:
    # /proc files state size 0 but have content: the cap is on the read, not the stated size.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    data = read_capped(status)
    assert 0 < len(data) <= MAX_FILE_BYTES + 1
    # All of it, to its last line, not the one byte beyond the size it states.
    assert data.startswith(b"Name:") and b"nonvoluntary_ctxt_switches:" in data
