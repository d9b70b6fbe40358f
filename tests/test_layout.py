"""The package reads like the pipeline: each stage a subpackage, imports only from its own stage or lower ones,
no import circle, and no module much over 250 lines (README, "How it works")."""

from __future__ import annotations

from pathlib import Path

import pytest

from .codegraph import PACKAGE, imports, modules, relative_imports

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
    ("cli", "clitext", "evalcli", "judgecli", "__init__", "__main__"),  # the command line and the package's front door
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def _stage(module: str) -> str:
    return module.split(".")[0]


MODULES = modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_has_a_stage(module: str) -> None:
    assert _stage(module) in RANK, f"{module}: add its stage to STAGES (and to the README's table)"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_pipeline(module: str) -> None:
    here = RANK[_stage(module)]
    upward = [m for m in imports(MODULES[module]) if RANK.get(_stage(m), -1) > here]
    assert not upward, f"{module} (stage {_stage(module)}) imports from later stages: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable_in_one_sitting(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_no_import_circle() -> None:
    graph = {m: {i for i in imports(p) if i in MODULES and i != m} for m, p in MODULES.items() if not m.endswith("__init__")}
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


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_are_absolute(module: str) -> None:
    """`from assistant.index.store import …` says where a name comes from wherever the module is read, and is what
    the checks above see."""
    assert relative_imports(MODULES[module]) == 0


SCRIPTS = sorted(p for folder in ("tests", "benchmarks") for p in (PACKAGE.parent / folder).glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tests_and_benchmarks_import_modules_that_exist(script: Path) -> None:
    """Also what runs only in a subprocess (tests/killpoints.py) or a benchmark, which no import at collection checks."""
    missing = sorted(m for m in imports(script) if m not in MODULES and m.split(".")[0] not in MODULES | RANK.keys())
    assert not missing, f"{script.name} imports {missing}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from assistant.index.store import FILES\n", {"index.store"}),
        ("def f():\n    from assistant.judge.model import Judge\n", {"judge.model"}),
        ("import assistant.read.load as load\n", {"read.load"}),
        ("from . import records\n", set()),  # relative: the package has none (below)
        ("from assistant import api\n", {"api"}),
        ("import numpy\nfrom pathlib import Path\n", set()),
    ],
)
def test_imports_are_all_found(tmp_path: Path, source: str, expected: set[str]) -> None:
    f = tmp_path / "m.py"
    f.write_text(source)
    assert imports(f) == expected
