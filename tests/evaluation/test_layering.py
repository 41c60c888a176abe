"""evaluation/ measures the bot from outside: it reads the extractor directly, but reaches
the application (bot/) only through the `natosg` command line."""

from __future__ import annotations

from tests.test_layering import imported_modules, sources


def test_evaluation_never_imports_the_application() -> None:
    offenders = [
        f"{path.name} imports {module}"
        for path in sources("evaluation")
        for module in imported_modules(path)
        if module.split(".")[0] == "bot"
    ]
    assert offenders == []
    assert sources("evaluation"), "the walk found no module"
