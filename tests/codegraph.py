"""The package's modules and the assistant modules each one imports, read from the source (no import is run)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def imports(path: Path) -> set[str]:
    """Every assistant module this file imports, at the top or inside a function (relative imports aside: the package
    has none, see relative_imports; the tests' own are of each other)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "assistant" and not node.level:
            found.update(alias.name for alias in node.names)  # `from assistant import api`
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant."):
            found.add(node.module.removeprefix("assistant."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("assistant.") for a in node.names if a.name.startswith("assistant."))
    return {m for m in found if m}


def relative_imports(path: Path) -> int:
    """How many relative imports the file has."""
    return sum(1 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.ImportFrom) and node.level)
