"""The benchmarks run (on tiny sizes): their numbers live in benchmarks/results.md, never in tests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _quick(script: str, out: Path, timeout: int) -> str:
    """Run one benchmark script with --quick, writing to `out`; its text."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out.read_text()


@pytest.mark.slow
def test_quick_benchmark_writes_every_section(tmp_path: Path):
    text = _quick("run.py", tmp_path / "results.md", 1200)
    for heading in ("## Answer latency", "## Start-up", "## Build", "## Growth"):
        assert heading in text
    assert re.search(r"\*\*ratio\*\* \(target ≤ 1\.3\) \| \*\*\d+\.\d\d\*\*", text)
    assert re.search(r"\*\*rebuild / full build\*\* \(target ≤ 0\.15\) \| \*\*\d+\.\d\d\*\*", text)
    assert re.search(r"\| 1,000 \(\+\d+ passages\) \| flat \|", text)
    assert "cores" in text.splitlines()[2]  # the machine it ran on


@pytest.mark.slow
def test_latency_by_kind_writes_both_kinds(tmp_path: Path):
    text = _quick("kinds.py", tmp_path / "kinds.md", 600)
    for kind in ("factual", "yes/no"):
        assert re.search(rf"\| {kind} \| \d+ \| [\d.]+ ms \| [\d.]+ ms \|.*\| \*\*\d+\.\d\d\*\* \|", text), text
