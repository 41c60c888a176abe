"""The dispatcher: a user's mistake is an ordinary polite reply; a crash inside the bot is a
polite reply too, but one marked with `failure` (the exception type, nothing more), which the
JSON carries and which fails any test that did not ask for it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.archive import Archive
from bot.dispatch import SORRY_INTERNAL, UserError, run_text, run_words
from bot.registry import Command, CommandContext, Registry
from bot.reply import Reply, message_reply
from tests.cli_helpers import Cli, json_reply, run_natosg
from tests.failure_watch import FailureWatch

SECRET = "xoxb-not-for-your-eyes"
# Every key the --json contract had before `failure` was added.
CONTRACT_KEYS = {"command", "ok", "title", "sections", "citations", "note"}


def explode(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    raise RuntimeError(f"the database said {SECRET}")


def refuse(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    raise UserError("I don't know that date.", hint="Try 2024-03-01.")


def fine(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    return message_reply("fine", "All good", "Nothing to see.")


def registry_of(*commands: Command) -> Registry:
    registry = Registry()
    for command in commands:
        registry.add(command)
    return registry


REGISTRY = registry_of(
    Command("explode", "Always crashes.", explode),
    Command("refuse", "Always a user error.", refuse),
    Command("fine", "Always answers.", fine),
    Command("help", "Help that crashes too.", explode),
)


@pytest.fixture
def ctx(tmp_path: Path) -> CommandContext:
    return CommandContext(Archive(tmp_path / "unused.db"), "cli")


@pytest.mark.internal_failure
def test_a_crash_is_a_polite_reply_marked_with_the_exception_type(
    ctx: CommandContext, internal_failures: FailureWatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        reply, _ = run_words(["explode"], ctx, REGISTRY)
    assert not reply.ok and reply.failure == "RuntimeError"
    assert reply.sections[0].lines[0].text == SORRY_INTERNAL
    payload = reply.to_json()
    assert payload["failure"] == "RuntimeError" and SECRET not in str(payload)
    assert "command explode failed" in caplog.text and SECRET in caplog.text  # logged in full
    assert internal_failures.failures == [reply]


@pytest.mark.internal_failure
def test_a_crash_in_help_for_a_command_is_marked_too(
    ctx: CommandContext, internal_failures: FailureWatch
) -> None:
    reply, _ = run_text("fine --help", ctx, REGISTRY)
    assert reply.failure == "RuntimeError"
    assert [r.command for r in internal_failures.failures] == ["help"]


def test_a_user_error_is_not_an_internal_failure(ctx: CommandContext) -> None:
    reply, _ = run_words(["refuse"], ctx, REGISTRY)
    assert not reply.ok and reply.failure is None
    assert [line.text for line in reply.sections[0].lines] == [
        "I don't know that date.",
        "Try 2024-03-01.",
    ]
    usage, _ = run_words(["frobnicate"], ctx, REGISTRY)
    assert not usage.ok and usage.failure is None


def test_every_json_reply_says_whether_the_bot_failed(ctx: CommandContext) -> None:
    reply, _ = run_words(["fine"], ctx, REGISTRY)
    payload = reply.to_json()
    assert payload.keys() >= CONTRACT_KEYS
    assert payload["ok"] is True and payload["failure"] is None


@pytest.mark.internal_failure
def test_the_cli_json_carries_the_failure_and_keeps_its_keys(
    cli: Cli, db_path: Path, internal_failures: FailureWatch
) -> None:
    db_path.write_text("this is not a database", encoding="utf-8")
    status, out = cli.run("sources", "--json")
    payload = json_reply(out, failure="DatabaseError")
    assert status == 1 and payload["ok"] is False
    assert payload.keys() >= CONTRACT_KEYS | {"error"}
    assert "not a database" not in out  # the exception's message stays in the log
    assert [reply.failure for reply in internal_failures.failures] == ["DatabaseError"]


def test_a_child_process_reports_a_failure_in_its_json(tmp_path: Path) -> None:
    not_a_database = tmp_path / "natosg.db"
    not_a_database.write_text("this is not a database", encoding="utf-8")
    result = run_natosg(not_a_database, "candidates", "--json")
    payload = json_reply(result.stdout, failure="DatabaseError")
    assert result.returncode == 1 and payload["ok"] is False
    # A known database state: one log line naming it, no traceback.
    assert "command candidates: The database" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(AssertionError, match="failed inside the bot"):
        json_reply(result.stdout)


@pytest.mark.internal_failure  # the inner session's crashes pass through this test's watch too
def test_the_watch_fails_a_test_whose_command_crashed(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makeconftest(
        "from tests.failure_watch import internal_failures, pytest_configure, "
        "pytest_runtest_call  # noqa: F401\n"
    )
    pytester.makepyfile(
        """
        import pytest
        from bot.dispatch import run_words
        from bot.registry import CommandContext
        from tests.bot.test_dispatch import REGISTRY

        def test_green_unless_watched(tmp_path):
            reply, _ = run_words(["explode"], CommandContext(tmp_path / "x.db", "cli"), REGISTRY)
            assert reply.sections  # a reply came back: a careless test would pass here

        def test_its_own_error_stays_visible(tmp_path):
            run_words(["explode"], CommandContext(tmp_path / "x.db", "cli"), REGISTRY)
            assert 1 == 2

        @pytest.mark.internal_failure
        def test_opted_out(tmp_path):
            reply, _ = run_words(["explode"], CommandContext(tmp_path / "x.db", "cli"), REGISTRY)
            assert reply.failure == "RuntimeError"

        def test_user_errors_are_fine(tmp_path):
            run_words(["refuse"], CommandContext(tmp_path / "x.db", "cli"), REGISTRY)
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_green_unless_watched _*",
            "*`explode` raised RuntimeError*",
            "*assert 1 == 2*",
            "*crashed commands*",
        ]
    )
    assert "error" not in result.parseoutcomes()  # no second report at teardown
