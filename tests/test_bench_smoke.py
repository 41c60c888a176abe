"""The benchmark machinery at a tiny size, in-process: every stage runs and the report has
every section. A smoke test only: nothing here is timed or compared with a target."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from bench import peers
from bench.corpus import generate
from bench.measure import Latency, machine, percentile
from bench.report import render
from bench.results import COMMAND_ORDER
from bench.run import main as bench_main
from bench.run import run_benchmark
from bench.stages import paths
from bench.workload import workload

SECTIONS = (
    "## Machine",
    "## Targets",
    "## Ingest, database size and memory",
    "## Command latency (ms)",
    "## Language-model cost of a daily digest",
    "## Side by side with peers",
)


def test_the_corpus_is_deterministic() -> None:
    first, again = generate(40, seed=3), generate(40, seed=3)
    assert [a.text for a in first] == [a.text for a in again]
    assert [a.text for a in first] != [a.text for a in generate(40, seed=4)]


def test_the_news_corpus_reads_like_news() -> None:
    articles = generate(60, seed=5)
    lengths = sorted(len(a.text.split("\n\n", 1)[1].split()) for a in articles)
    assert lengths[0] >= 400 and lengths[-1] <= 1600  # a paragraph may end past the draw
    assert 550 <= lengths[len(lengths) // 2] <= 950
    words = {w.casefold() for a in articles for w in a.text.split()}
    assert len(words) > 3000
    assert sum("Rutte" in a.text for a in articles) > 10


def test_the_stress_corpus_is_kept() -> None:
    short = generate(20, seed=5, corpus="stress")
    assert max(len(a.text.split()) for a in short) < 150


def test_workloads_vary_and_repeat() -> None:
    calls = workload("who-backs", 50)
    assert calls == workload("who-backs", 50)
    assert any("--as-of" in words for words in calls)
    for command in ("who-backs", "who-opposes", "timeline", "ask"):
        timed = workload(command, 200)
        assert len({" ".join(words).casefold() for words in timed}) == len(timed) == 200
    assert workload("candidates", 3) == [["candidates"]] * 3  # nothing to vary


def test_percentiles() -> None:
    assert percentile([], 0.95) == 0.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([float(n) for n in range(101)], 0.95) == 95.0
    latency = Latency.of("candidates", [0.001, 0.003], first=0.01)
    assert (latency.calls, latency.first_ms) == (2, 10.0)


def test_a_tiny_benchmark_writes_every_section(tmp_path: Path) -> None:
    results = run_benchmark([30], queries=3, workdir=tmp_path, in_process=True)
    report = render(results, machine(), "python -m bench.run --quick")

    for heading in SECTIONS:
        assert heading in report, heading
    for command in COMMAND_ORDER:
        assert f"`{command}`" in report, command
    (result,) = results
    assert result.bot["added"] > 0
    assert result.bot["reingest_s"] > 0
    assert {row["command"] for row in result.bot["latency"]} == set(COMMAND_ORDER)
    # After an article is read again with a different result, a running bot reads only the
    # claims that changed, never every claim.
    changes = result.bot["after_one_article"]
    assert set(changes["read_again_ms"]) == set(changes["first_ms"])
    _, _, db_path = paths(tmp_path, 30)
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        stored = int(conn.execute("SELECT count(*) FROM claims").fetchone()[0])
    assert max(changes["read_again_claims"].values()) < stored // 2
    assert "after an article read again" in report
    assert result.llm["calls"] >= 1
    assert "re-ingest of unchanged files" in report
    if peers.available():
        assert result.peers["retrieval"]["sentences"] > 0
        assert result.peers["summary"]["bullets"] > 0
        assert "rank-bm25 ms/query" in report
    else:
        assert "Not measured" in report


def test_a_second_run_in_the_same_workdir_measures_the_archive_the_first_built(
    tmp_path: Path,
) -> None:
    from bench.stages import build_archive

    first = build_archive(30, tmp_path)
    _, _, db_path = paths(tmp_path, 30)
    stamp = db_path.stat().st_mtime_ns
    again = build_archive(30, tmp_path)
    assert not first["reused"] and again["reused"]
    assert again["ingest_s"] == first["ingest_s"] and again["added"] == first["added"]
    assert db_path.stat().st_mtime_ns == stamp  # not ingested again
    (result,) = run_benchmark([30], queries=2, workdir=tmp_path, in_process=True)
    report = render([result], machine(), "python -m bench.run")
    assert f"built by commit `{first['built_by']}`" in report


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--sizes", "0"], "too small"),
        (["--sizes", "-3"], "too small"),
        (["--queries", "many"], "not a whole number"),
        (["--baseline", "no-such-results.json"], "no baseline results"),
    ],
)
def test_bad_arguments_get_a_clear_message_and_run_nothing(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        bench_main([*argv, "--workdir", str(tmp_path / "w")])
    assert exited.value.code == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "w").exists()
