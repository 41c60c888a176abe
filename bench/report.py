"""BENCHMARKS.md from measured results: the machine, the tables and the targets, pass or miss.

Everything here is computed from the stage results; nothing is typed in by hand.
"""

from __future__ import annotations

from typing import Any

from bench.llm_cost import DailyCost, table
from bench.measure import Machine
from bench.results import (
    COMMAND_ORDER,
    Baseline,
    SizeResult,
    count,
    markdown_table,
    mebibytes,
    millis,
)
from bench.targets import targets_table


def machine_table(machine: Machine) -> str:
    """Where, when and on what the benchmark ran."""
    rows = [
        ["CPU", f"{machine.cpu} ({machine.cores} cores)"],
        ["memory", f"{machine.memory_gib} GiB"],
        ["system", machine.system],
        ["Python / SQLite", f"{machine.python} / {machine.sqlite}"],
        ["date", machine.date],
        ["commit", f"`{machine.commit}`"],
    ]
    return markdown_table(["", ""], "ll", rows)


def ingest_table(results: list[SizeResult]) -> str:
    """Ingest and re-ingest throughput, database size and peak memory per size."""
    rows = [
        [
            count(r.size),
            count(r.bot["added"]),
            f"{r.bot['ingest_s']:,.1f}",
            f"{r.bot['ingest_per_s']:,.0f}",
            f"{r.bot['reingest_s']:,.2f}",
            f"{r.bot['reingest_speedup']:,.1f}×",
            f"{r.bot['answers_ready_s']:,.1f}" if "answers_ready_s" in r.bot else "–",
            mebibytes(r.bot["db_bytes"]),
            f"{r.bot['peak_rss_mb']:,.0f} MiB",
        ]
        for r in results
    ]
    header = [
        "articles",
        "stored (rest: duplicates)",
        "ingest s",
        "articles/s",
        "re-ingest s",
        "re-ingest faster by",
        "then answers kept ready s",
        "database (+WAL)",
        "peak RSS",
    ]
    return markdown_table(header, "rrrrrrrrr", rows)


def latency_table(results: list[SizeResult], field_a: str, field_b: str) -> str:
    """Per command, two figures (e.g. p50 and p95) at every size, in milliseconds."""
    header = ["command"]
    for r in results:
        header += [f"{count(r.size)}: {field_a[:-3]}", f"{field_b[:-3]}"]
    rows = []
    for command in COMMAND_ORDER:
        row = [f"`{command}`"]
        for r in results:
            figures = r.latency(command)
            row += [millis(figures[field_a]), millis(figures[field_b])] if figures else ["–", "–"]
        rows.append(row)
    return markdown_table(header, "l" + "r" * (len(header) - 1), rows)


def calls_line(results: list[SizeResult]) -> str:
    """How many calls each latency figure rests on."""
    counts = sorted({row["calls"] for r in results for row in r.bot.get("latency", [])})
    return "Calls per command: " + ", ".join(str(count) for count in counts) + "."


def llm_table(results: list[SizeResult]) -> str:
    """The model cost of a daily digest, per archive size (bench/llm_cost.py's table)."""
    return table(
        [
            DailyCost(
                r.size,
                r.llm["calls"],
                r.llm["prompt_tokens"],
                r.llm["completion_tokens"],
                r.llm["backend"],
            )
            for r in results
        ]
    )


def peers_tables(results: list[SizeResult]) -> str:
    """rank-bm25 against our search, LexRank against our digest builder."""
    measured = [r for r in results if "retrieval" in r.peers]
    if not measured:
        reasons = {r.peers.get("skipped", "not run") for r in results}
        return "Not measured: " + "; ".join(sorted(reasons)) + "."
    retrieval = markdown_table(
        [
            "articles",
            "sentences",
            "queries",
            "rank-bm25 index build s",
            "rank-bm25 ms/query",
            "ours ms/query",
            "ours faster by",
            "top-10 overlap",
        ],
        "rrrrrrrr",
        [
            [
                count(r.size),
                count(p["sentences"]),
                str(p["queries"]),
                f"{p['bm25_build_s']:,.2f}",
                millis(p["bm25_ms"]),
                millis(p["ours_ms"]),
                f"{p['ratio']:,.1f}×",
                f"{p['top10_overlap']:.0%}",
            ]
            for r in measured
            for p in [r.peers["retrieval"]]
        ],
    )
    summary = markdown_table(
        [
            "articles",
            "recent articles",
            "their sentences",
            "claims read",
            "LexRank ms",
            "our digest build ms",
            "ratio (LexRank ÷ ours)",
        ],
        "rrrrrrr",
        [
            [
                count(r.size),
                str(s["articles"]),
                count(s["sentences"]),
                count(s["claims"]),
                millis(s["lexrank_ms"]),
                millis(s["ours_ms"]),
                f"{s['ratio']:,.2f}×",
            ]
            for r in measured
            for s in [r.peers["summary"]]
        ],
    )
    return retrieval + "\n\n" + summary


def _compare(label: str, size: int, before: float, after: float, unit: str) -> list[str]:
    better = before / after if unit == "ms" else after / before
    return [
        label,
        count(size),
        f"{millis(before)} {unit}",
        f"{millis(after)} {unit}",
        f"{better:,.1f}×",
    ]


def baseline_table(results: list[SizeResult], baseline: Baseline) -> str:
    """Before (the baseline commit) and after (this run), at every size both measured."""
    rows = []
    earlier = {r.size: r for r in baseline.results}
    for now in results:
        then = earlier.get(now.size)
        if then is None:
            continue
        rows.append(
            _compare("ingest", now.size, then.bot["ingest_per_s"], now.bot["ingest_per_s"], "/s")
        )
        rows.append(
            _compare(
                "re-ingest faster than ingest by",
                now.size,
                then.bot["reingest_speedup"],
                now.bot["reingest_speedup"],
                "×",
            )
        )
        for command in COMMAND_ORDER:
            old, new = then.latency(command), now.latency(command)
            if old and new:
                label = f"`{command}` p95"
                rows.append(_compare(label, now.size, old["p95_ms"], new["p95_ms"], "ms"))
    if not rows:
        return "The baseline measured none of these sizes."
    header = ["measure", "articles", f"before (`{baseline.commit}`)", "after", "better by"]
    return markdown_table(header, "lrrrr", rows)


def warm_up_table(results: list[SizeResult]) -> str:
    """A day later in a running bot: the background warm-up and each command's first call."""
    measured = [r for r in results if "after_warm_up" in r.bot]
    if not measured:
        return "Not measured."
    header = ["", *(count(r.size) for r in measured)]
    rows = [["warm-up s", *(f"{r.bot['after_warm_up']['warm_up_s']:,.2f}" for r in measured)]]
    for command in COMMAND_ORDER:
        figures = [r.bot["after_warm_up"]["first_ms"].get(command) for r in measured]
        if any(value is not None for value in figures):
            rows.append(
                [f"`{command}` first call, ms"]
                + [millis(value) if value is not None else "–" for value in figures]
            )
    return markdown_table(header, "l" + "r" * len(measured), rows)


FELT_COMMANDS = ("who-backs", "who-opposes", "candidates", "timeline", "digest", "ask")


def _fresh(figures: dict[str, float]) -> str:
    """A new process's time as installed, and in brackets with the benchmarks' numpy."""
    if "installed_ms" not in figures:
        return millis(figures["median_ms"])
    return f"{millis(figures['installed_ms'])} ({millis(figures['median_ms'])})"


def felt_table(results: list[SizeResult]) -> str:
    """Per command and size: the first call in a new process, and the first answer after
    one new article in a running process, in milliseconds."""
    measured = [r for r in results if "fresh_process" in r.bot]
    if not measured:
        return "Not measured."
    header = ["command"]
    for r in measured:
        header += [f"{count(r.size)}: new process", "served by `natosg run`", "after one article"]
    rows = []
    for command in FELT_COMMANDS:
        row = [f"`{command}`"]
        for r in measured:
            fresh = r.bot["fresh_process"].get(command)
            served = r.bot.get("served_by_running_bot", {}).get(command)
            after = r.bot.get("after_one_article", {}).get("first_ms", {}).get(command)
            row += [
                _fresh(fresh) if fresh else "–",
                millis(served["median_ms"]) if served else "–",
                millis(after) if after is not None else "–",
            ]
        rows.append(row)
    ingest = ["one article's ingest"]
    helps = ["`natosg --help` (imports)"]
    for r in measured:
        one = r.bot.get("after_one_article", {}).get("ingest_one_ms")
        ingest += ["–", "–", millis(one) if one is not None else "–"]
        figures = r.bot.get("help")
        helps += [
            f"{millis(figures['wall_ms'])} ({millis(figures['imports_ms'])})" if figures else "–",
            "–",
            "–",
        ]
    rows += [ingest, helps]
    return markdown_table(header, "l" + "r" * (len(header) - 1), rows)


def changes_table(results: list[SizeResult]) -> str:
    """Per command and size, in a running process: the first answer after one new article
    and after a stored article is read again, each with the stored claims it read."""
    measured = [r for r in results if "read_again_ms" in r.bot.get("after_one_article", {})]
    if not measured:
        return "Not measured."
    header = ["command"]
    for r in measured:
        header += [f"{count(r.size)}: after one article", "after an article read again"]
    rows = []
    for command in FELT_COMMANDS:
        row = [f"`{command}`"]
        for r in measured:
            figures = r.bot["after_one_article"]
            row += [
                _with_claims(figures, "first_ms", "claims_read", command),
                _with_claims(figures, "read_again_ms", "read_again_claims", command),
            ]
        rows.append(row)
    return markdown_table(header, "l" + "r" * (len(header) - 1), rows)


def _with_claims(figures: dict[str, Any], ms: str, claims: str, command: str) -> str:
    value = figures.get(ms, {}).get(command)
    read = figures.get(claims, {}).get(command)
    if value is None:
        return "–"
    return millis(value) if read is None else f"{millis(value)} ({count(read)} claims)"


def fts5_table(results: list[SizeResult]) -> str:
    """`ask` against plain SQLite FTS5 on the same sentences: first call and warm calls."""
    measured = [r for r in results if "fts5" in r.peers]
    if not measured:
        return "Not measured."
    rows = []
    for r in measured:
        fts = r.peers["fts5"]
        fresh = r.bot.get("fresh_process", {}).get("ask")
        served = r.bot.get("served_by_running_bot", {}).get("ask")
        warm = r.latency("ask")
        rows.append(
            [
                count(r.size),
                millis(fts["first_ms"]),
                _fresh(fresh) if fresh else "–",
                millis(served["median_ms"]) if served else "–",
                millis(warm["first_ms"]) if warm else "–",
                millis(fts["p50_ms"]),
                millis(fts["p95_ms"]),
                millis(warm["p50_ms"]) if warm else "–",
                millis(warm["p95_ms"]) if warm else "–",
            ]
        )
    header = [
        "articles",
        "FTS5 first (new process)",
        "`ask` first (new process)",
        "`ask` first (new process, `natosg run` serving)",
        "`ask` first (imports done, claims not read)",
        "FTS5 warm p50",
        "p95",
        "`ask` warm p50",
        "p95",
    ]
    return markdown_table(header, "rrrrrrrrr", rows)


def corpus_line(results: list[SizeResult]) -> str:
    """Which corpus was measured and how long its articles are."""
    kinds = sorted({str(r.bot.get("corpus", "stress")) for r in results})
    lengths = ", ".join(
        f"{r.bot['words_per_article']:,.0f} at {count(r.size)}"
        for r in results
        if "words_per_article" in r.bot
    )
    line = f"Corpus: {' and '.join(kinds)}" + (
        f"; words per article on average: {lengths}." if lengths else "."
    )
    for r in results:
        if r.bot.get("reused"):
            line += (
                f" The archive of {count(r.size)} articles was built by commit "
                f"`{r.bot.get('built_by', 'unknown')}` on {r.bot.get('built_at', 'an earlier day')}"
                " in an earlier run (`--workdir`): its ingest figures are from then, everything "
                "else was measured by this run."
            )
    return line


def render(
    results: list[SizeResult], machine: Machine, command: str, baseline: Baseline | None = None
) -> str:
    """The whole BENCHMARKS.md."""
    parts = [
        "# Benchmarks",
        "",
        f"Generated by `{command}`; do not edit by hand, run it again. Each size is measured "
        "in fresh processes (so memory peaks do not carry over) on a deterministic generated "
        "corpus (`bench/corpus.py`). Benchmarks are not timed tests: CI runs only "
        "`make bench-quick`, as a smoke test.",
        "",
        corpus_line(results),
        "",
        "## Machine",
        "",
        machine_table(machine),
        "",
        "## Targets",
        "",
        targets_table(results),
        "",
        "## Ingest, database size and memory",
        "",
        "Ingest includes cleaning, sentence splitting, overlap detection and claim extraction. "
        "Re-ingest reads the same folder again: every file is already stored. Peak RSS is the "
        "bot process's high-water mark over the ingest and every command below.",
        "",
        ingest_table(results),
        "",
        "## What a user waits for (ms)",
        "",
        "A command typed at the shell: `natosg COMMAND ...` in a new process, wall time from "
        "start to exit (start-up, imports, the first read of the archive, the answer), the "
        "median of three runs with different queries, as installed (without numpy, which "
        "only the benchmarks' peers need but sqlite-utils imports whenever it is present) "
        "and, in brackets, with numpy. The program's modules are compiled to bytecode "
        "first, as an install does, so no run pays for compiling them, and one command has "
        "run before, so each process loads the name resolver an earlier one kept (the very "
        "first command on a machine builds it: about 30 ms more). After one new "
        "article: in a running process that has answered before, one article is ingested "
        "through the `ingest` command into the same archive, then the command answers once "
        "(no warm-up between). "
        "The last row is `natosg --help`'s wall time and, in brackets, what it spends "
        "importing.",
        "",
        felt_table(results),
        "",
        "A running bot after a change, without a warm-up in between: the first answer after "
        "one new article (as above), and after a stored article is read again with a "
        "different result, as an ingest's catch-up does when a new article teaches a name "
        "(one of its stance claims is removed first, then it is re-read and its claims "
        "replaced). In brackets, how many stored claims the answer read: the claims "
        "changed, never every claim again.",
        "",
        changes_table(results),
        "",
        "`ask` against the plainest search on the same database: SQLite FTS5 over the stored "
        "sentences, any of the question's words, `ORDER BY rank LIMIT 10` (the ten found "
        "first, then joined to their sentences). First: in a new process from the shell, like "
        "`natosg ask`, on the same three questions `ask` is timed with above. Warm: over one "
        "connection, each question once; `ask` warm is the command in a running process (it "
        "also reads the question, ranks with archive-wide weights, cites and words the "
        "answer).",
        "",
        fts5_table(results),
        "",
        "## Command latency (ms)",
        "",
        "In one long-running process, called the way the adapters call the core "
        "(`run_words(..., CommandContext(surface='slack'), registry)`), over many distinct "
        "calls, none timed twice (names in several spellings, `--as-of` days, holders and "
        "days for `timeline`, stance, passage and uncovered questions) after a first call "
        "with a query of its own, after which the process settles its heap as a running "
        "bot does after its warm-up (`gc.freeze`); `candidates` and `digest` take no query "
        "and are repeated. "
        "`digest` returns the stored digest; `digest --rebuild` builds a fresh one. "
        + calls_line(results),
        "",
        latency_table(results, "p50_ms", "p95_ms"),
        "",
        "The first call after an ingest, before any warm-up, and the slowest call:",
        "",
        latency_table(results, "first_ms", "max_ms"),
        "",
        "A running bot does not leave that first call cold: `natosg run` warms its caches in "
        "the background whenever the archive changes (`bot/warmup.py`). A day later, five new "
        "articles ingested, the warm-up's time and then each command's first call:",
        "",
        warm_up_table(results),
        "",
        "## Language-model cost of a daily digest",
        "",
        "With the fake OpenAI-compatible server: a digest, five new articles, the next day's "
        "digest; the second digest's calls and tokens, which should not grow with the archive: the "
        "model only ever sees the digest's own cited sentences.",
        "",
        llm_table(results),
        "",
        "## Side by side with peers",
        "",
        "Retrieval on the same stored sentences and queries: rank-bm25's `BM25Okapi` (index "
        "built in memory first, timed apart) given the question's words, against the way `ask` "
        "finds and ranks sentences: FTS5 look-ups for the groups of concepts that can reach an "
        "answer's coverage, then BM25 with archive-wide weights; ours also joins each sentence "
        "to its article for citing and reads the names in it. The overlap compares what the top "
        "ten sentences say (syndicated copies count as one). Summarising: sumy's "
        "`LexRankSummarizer` over the sentences of the 30 newest articles against our whole "
        "digest build (reading every claim and those sentences).",
        "",
        peers_tables(results),
        "",
    ]
    if baseline is not None:
        parts += [
            "## Before and after",
            "",
            "The same benchmark on the commit before the performance work (same corpus and "
            "queries, fewer calls per command), against this run.",
            "",
            baseline_table(results, baseline),
            "",
        ]
    return "\n".join(parts)
