"""The README tells the truth about the commands: every command the program offers has a row
in its command table, and the table names no command that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app import build_application_registry

README = Path(__file__).resolve().parent.parent / "README.md"


def table_commands() -> set[str]:
    """The command names that start a row of the README's command table (`| \\`name …\\``)."""
    names: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        first_cell = re.match(r"\|\s*(`[^|]*)\|", line)
        if first_cell:
            names.update(re.findall(r"`([a-z][a-z-]*)(?=[\s`])", first_cell.group(1)))
    return names


def test_every_command_is_in_the_readme_table() -> None:
    offered = {command.name for command in build_application_registry()}
    missing = sorted(offered - table_commands())
    assert missing == [], f"README's command table lacks {missing}"


def test_the_table_names_only_real_commands() -> None:
    offered = {command.name for command in build_application_registry()} | {"run"}
    assert "who-backs" in table_commands()
    assert sorted(table_commands() - offered) == []
