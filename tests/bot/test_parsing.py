"""The command parser: every surface's words become the same invocation, or a polite error."""

from __future__ import annotations

import pytest

from bot.commands import build_registry
from bot.parsing import MAX_INPUT_CHARS, UsageError, parse_text, parse_words, split_words


def test_slash_prefix_and_plain_words_parse_the_same() -> None:
    registry = build_registry()
    a = parse_text(registry, "/natosg who-backs Kaja Kallas --as-of 2024-03-01")
    b = parse_words(registry, ["who-backs", "Kaja", "Kallas", "--as-of=2024-03-01"])
    assert a.command.name == b.command.name == "who-backs"
    assert a.values == b.values == {"name": ["Kaja", "Kallas"], "as_of": "2024-03-01"}


def test_json_flag_is_recognised_anywhere() -> None:
    invocation = parse_words(build_registry(), ["sources", "--json"])
    assert invocation.json is True
    assert invocation.values == {}


def test_bot_mention_prefix_is_dropped() -> None:
    invocation = parse_text(build_registry(), "<@U0123> candidates")
    assert invocation.command.name == "candidates"


def test_empty_input_means_help() -> None:
    assert parse_text(build_registry(), "   ").command.name == "help"


def test_unknown_command_suggests_the_closest() -> None:
    with pytest.raises(UsageError) as caught:
        parse_text(build_registry(), "who-bakcs Rutte")
    assert "who-backs" in caught.value.message


def test_missing_required_argument_shows_usage() -> None:
    with pytest.raises(UsageError) as caught:
        parse_text(build_registry(), "who-backs")
    assert "Usage: `who-backs NAME" in caught.value.message


def test_unknown_option_and_missing_value_are_reported() -> None:
    registry = build_registry()
    with pytest.raises(UsageError, match="no option `--since`"):
        parse_text(registry, "who-backs Rutte --since 2024")
    with pytest.raises(UsageError, match="needs a value"):
        parse_text(registry, "who-backs Rutte --as-of")


def test_extra_words_for_a_command_without_arguments_are_refused() -> None:
    with pytest.raises(UsageError, match="doesn't take"):
        parse_text(build_registry(), "sources everything please")


def test_unbalanced_quotes_and_smart_quotes_do_not_break_splitting() -> None:
    assert split_words('who-backs "Kaja Kallas') == ["who-backs", "Kaja", "Kallas"]
    assert split_words("who-backs “Kaja Kallas”") == ["who-backs", "Kaja Kallas"]


def test_overlong_input_is_refused_politely() -> None:
    with pytest.raises(UsageError, match="too long"):
        parse_text(build_registry(), "ask " + "x" * MAX_INPUT_CHARS)


def test_double_dash_ends_options() -> None:
    invocation = parse_words(build_registry(), ["who-backs", "--", "--weird"])
    assert invocation.values["name"] == ["--weird"]
