"""Run the benchmarks and write BENCHMARKS.md.

    python -m bench.run --sizes 1000 10000 100000 --out BENCHMARKS.md
    python -m bench.run --quick          # 1,000 articles, fewer queries: prints the report

Each size runs its stages (bench/stages.py) in fresh processes: the bot (ingest, re-ingest,
command latency, memory, database size), the peers and the model cost. A stage that fails
fails the run; a missed target does not (the report says "miss").
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import CORPORA, Corpus
from bench.measure import ROOT, machine
from bench.report import render
from bench.results import SizeResult, load_results, save_results
from bench.stages import STAGES

FULL_SIZES = (1_000, 10_000, 100_000)
FULL_QUERIES = 200
QUICK_QUERIES = 30


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _stage_in_subprocess(
    stage: str, size: int, workdir: Path, queries: int, corpus: Corpus
) -> dict[str, object]:
    out = workdir / f"{stage}-{size}.json"
    command = [sys.executable, "-m", "bench.stages", stage, str(size), str(workdir)]
    subprocess.run([*command, str(queries), str(out), corpus], cwd=ROOT, check=True)
    result: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return result


def measure_size(
    size: int, workdir: Path, queries: int, *, in_process: bool, corpus: Corpus = "news"
) -> SizeResult:
    """Every stage for one size, each in a fresh process unless `in_process`."""
    results = {}
    for stage in ("bot", "peers", "llm"):
        _log(f"{size:,} {corpus} articles: {stage}")
        if in_process:
            results[stage] = STAGES[stage](size, workdir, queries, corpus)
        else:
            results[stage] = _stage_in_subprocess(stage, size, workdir, queries, corpus)
    return SizeResult(size, results["bot"], results["peers"], results["llm"])


def run_benchmark(
    sizes: list[int],
    queries: int,
    workdir: Path,
    *,
    in_process: bool = False,
    corpus: Corpus = "news",
) -> list[SizeResult]:
    """Measure every size in turn."""
    return [
        measure_size(size, workdir, queries, in_process=in_process, corpus=corpus) for size in sizes
    ]


def _count(text: str) -> int:
    """A whole number of at least 1, as argparse reads it."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small: give 1 or more")
    return value


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_count, nargs="+", help="archive sizes (articles)")
    parser.add_argument("--queries", type=_count, help="timed calls per command and size")
    parser.add_argument(
        "--out",
        type=Path,
        help="the Markdown report to write (default: BENCHMARKS.md; "
        "with --quick, none: the report is printed, never over the full results)",
    )
    parser.add_argument("--quick", action="store_true", help="1,000 articles, fewer queries")
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="news",
        help="news: articles of real length (default); stress: the old short articles",
    )
    parser.add_argument("--workdir", type=Path, help="keep corpora and databases here")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    parser.add_argument(
        "--baseline", type=Path, help="raw results (--json) of an earlier commit to compare with"
    )
    args = parser.parse_args(argv)
    if args.baseline is not None and not args.baseline.is_file():
        parser.error(f"no baseline results at {args.baseline} (write them with --json)")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line; returns the exit status."""
    args = _arguments(argv)
    sizes = args.sizes or ([1_000] if args.quick else list(FULL_SIZES))
    queries = args.queries or (QUICK_QUERIES if args.quick else FULL_QUERIES)
    out = args.out or (None if args.quick else ROOT / "BENCHMARKS.md")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="natosg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    words = ["python -m bench.run"]
    words += ["--quick"] if args.quick else ["--sizes", *map(str, sizes)]
    if args.corpus != "news":
        words += ["--corpus", args.corpus]
    if args.baseline:
        words += ["--baseline", str(args.baseline)]
    baseline = load_results(args.baseline) if args.baseline else None
    try:
        results = run_benchmark(sizes, queries, workdir, corpus=args.corpus)
        here = machine()
        report = render(results, here, " ".join(words), baseline)
        if args.json:
            save_results(args.json, results, here)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report)
    if out is not None:
        out.write_text(report, encoding="utf-8")
        _log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
