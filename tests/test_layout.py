"""The package reads like the pipeline: each stage a subpackage, imports only from its own stage or lower ones,
no import circle, and no module much over 250 lines (README, "How it works")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
MAX_LINES = 260

# Lowest first. A module may import from its own stage and from stages before it, never from one after it.
STAGES = [
    ("errors", "records", "results", "config"),  # shared by every stage: errors, records of sources and of answers, settings
    ("read",),  # files → documents → sentences with exact spans
    ("language",),  # general English: stems, word rarity, question shapes, coverage, sentence roles
    ("index",),  # embed, BM25 and FAISS, build, store, the loaded index
    ("judge",),  # claims, the learned judge, stance rules, verdicts
    ("answer",),  # retrieve, select, compose
    ("render",),  # text, HTML, Markdown, PDF pages
    ("api",),  # the Assistant facade
    ("ui", "evaluation"),  # the chat; evaluation runs
    ("training",),  # training the judge
    ("cli", "clitext", "judgecli", "__init__", "__main__"),  # the command line and the package's front door
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def _stage(module: str) -> str:
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    """Every assistant module this file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "assistant" or isinstance(node, ast.ImportFrom) and node.level:
            found.update(alias.name for alias in node.names)  # `from . import records`, `from assistant import api`
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant."):
            found.add(node.module.removeprefix("assistant."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("assistant.") for a in node.names if a.name.startswith("assistant."))
    return {m for m in found if m}


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_has_a_stage(module: str) -> None:
    assert _stage(module) in RANK, f"{module}: add its stage to STAGES (and to the README's table)"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_pipeline(module: str) -> None:
    here = RANK[_stage(module)]
    upward = [m for m in _imports(MODULES[module]) if RANK.get(_stage(m), -1) > here]
    assert not upward, f"{module} (stage {_stage(module)}) imports from later stages: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable_in_one_sitting(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_no_import_circle() -> None:
    graph = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items() if not m.endswith("__init__")}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph.get(m, ())):
            assert state.get(n) != 1, "import circle: " + " → ".join([*path, m, n])
            if n not in state:
                visit(n, [*path, m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


@pytest.mark.parametrize(("source", "expected"), [
    ("from assistant.index.store import FILES\n", {"index.store"}),
    ("def f():\n    from assistant.judge.model import Judge\n", {"judge.model"}),
    ("import assistant.read.load as load\n", {"read.load"}),
    ("from . import records\n", {"records"}),
    ("from assistant import api\n", {"api"}),
    ("import numpy\nfrom pathlib import Path\n", set()),
])
def test_imports_are_all_found(tmp_path: Path, source: str, expected: set[str]) -> None:
    f = tmp_path / "m.py"
    f.write_text(source)
    assert _imports(f) == expected
