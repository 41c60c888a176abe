"""The layering DESIGN.md promises, checked on the whole import graph (imports inside
functions included, transitively):

    bot  →  summarizer  →  records  ←  storage

- `records` imports nothing of the project; `storage` never reaches `summarizer` or `bot`;
  `summarizer` never reaches `storage` or `bot`;
- no module reaches itself again (no import circle);
- `evaluation` never reaches `bot` (it runs the command line instead);
- only `bot/adapters/` imports a chat SDK, and no command module reaches one, even through
  other modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "summarizer", "storage", "records", "evaluation")
CHAT_SDKS = ("slack_bolt", "slack_sdk", "discord")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    return {
        module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }


def _type_checking_blocks(tree: ast.Module) -> set[int]:
    """Nodes under `if TYPE_CHECKING:`: read by type checkers only, never imported."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return skipped


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_blocks(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@cache
def graph() -> dict[str, frozenset[str]]:
    """Each project module and the modules (project or third-party tops) it imports."""
    known = sources()
    edges: dict[str, frozenset[str]] = {}
    for name, path in known.items():
        targets = set()
        for imported in imported_modules(path):
            if imported.split(".")[0] in PACKAGES:
                if imported in known:  # `from a.b import name` names a module only sometimes
                    targets.add(imported)
            else:
                targets.add(imported.split(".")[0])
        edges[name] = frozenset(targets - {name})
    return edges


@cache
def reaches(module: str) -> frozenset[str]:
    """Every module `module` imports, directly or through others."""
    seen: set[str] = set()
    stack = list(graph().get(module, ()))
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(graph().get(current, ()))
    return frozenset(seen)


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} reaches {target}"
        for module in graph()
        if module.split(".")[0] == package
        for target in reaches(module)
        if target.split(".")[0] in forbidden
    )


def test_the_graph_is_read() -> None:
    # Guards every test below against a walk that finds nothing.
    assert "bot.archive" in graph() and "summarizer.race.stances" in graph()
    assert "records.claims" in reaches("bot.commands.stances")


def test_records_import_nothing_of_the_project() -> None:
    assert _offenders("records", ("bot", "summarizer", "storage")) == []


def test_storage_never_reaches_the_summarizer_or_the_application() -> None:
    assert _offenders("storage", ("bot", "summarizer")) == []


def test_the_summarizer_never_reaches_storage_or_the_application() -> None:
    assert _offenders("summarizer", ("bot", "storage")) == []


def test_evaluation_measures_from_outside_the_application() -> None:
    # It reads the extractor directly, and reaches bot/ only through the command line.
    assert "evaluation.sentences" in graph()
    assert _offenders("evaluation", ("bot",)) == []


def test_no_import_circle() -> None:
    circles = sorted(module for module in graph() if module in reaches(module))
    assert circles == []


def test_only_the_adapters_import_a_chat_sdk() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        if not module.startswith("bot.adapters")
        for target in targets
        if target in CHAT_SDKS
    ]
    assert offenders == []


def test_no_command_reaches_a_chat_sdk() -> None:
    offenders = [
        f"{module} reaches {target}"
        for module in graph()
        if module.startswith("bot.commands")
        for target in reaches(module)
        if target in CHAT_SDKS or target.startswith("bot.adapters")
    ]
    assert offenders == []


def test_the_adapters_do_import_their_sdks() -> None:
    assert {"slack_bolt", "discord"} <= {
        target
        for module in graph()
        if module.startswith("bot.adapters")
        for target in graph()[module]
    }


def test_commands_run_only_through_the_dispatcher() -> None:
    # tests/failure_watch.py watches `bot.dispatch.run_invocation`; a handler called from
    # anywhere else, or that function imported by name, would crash unseen by the tests.
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for name, path in sources().items()
        if name.startswith("bot") and name != "bot.dispatch"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Attribute) and node.attr == "handler")
        or (isinstance(node, ast.alias) and node.name == "run_invocation")
    ]
    assert offenders == []
