"""The layering DESIGN.md promises: only bot/adapters/ imports a chat SDK, and the core
(summarizer/, storage/) never imports the application (bot/)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAT_SDKS = ("slack_bolt", "slack_sdk", "discord")


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def sources(*packages: str) -> list[Path]:
    return [path for package in packages for path in sorted((ROOT / package).rglob("*.py"))]


def test_only_the_adapters_import_a_chat_sdk() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sources("bot", "summarizer", "storage")
        if "adapters" not in path.relative_to(ROOT).parts
        for module in imported_modules(path)
        if module.split(".")[0] in CHAT_SDKS
    ]
    assert offenders == []


def test_the_core_never_imports_the_application() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sources("summarizer", "storage")
        for module in imported_modules(path)
        if module.split(".")[0] == "bot"
    ]
    assert offenders == []


def test_the_adapters_do_import_their_sdks() -> None:
    # Guards the test above against a walk that finds nothing.
    found = {m.split(".")[0] for p in sources("bot/adapters") for m in imported_modules(p)}
    assert "slack_bolt" in found


def test_commands_run_only_through_the_dispatcher() -> None:
    # tests/failure_watch.py watches `bot.dispatch.run_invocation`; a handler called from
    # anywhere else, or that function imported by name, would crash unseen by the tests.
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sources("bot", "bench")
        if path.relative_to(ROOT) != Path("bot/dispatch.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Attribute) and node.attr == "handler")
        or (isinstance(node, ast.alias) and node.name == "run_invocation")
    ]
    assert offenders == []
