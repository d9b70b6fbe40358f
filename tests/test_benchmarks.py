"""The benchmarks run (on tiny sizes): their numbers live in benchmarks/results.md, never in tests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_quick_benchmark_writes_every_section(tmp_path: Path):
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    for heading in ("## Answer latency", "## Start-up", "## Build", "## Growth"):
        assert heading in text
    assert re.search(r"\*\*ratio\*\* \(target ≤ 1\.3\) \| \*\*\d+\.\d\d\*\*", text)
    assert re.search(r"\*\*rebuild / full build\*\* \(target ≤ 0\.15\) \| \*\*\d+\.\d\d\*\*", text)
    assert re.search(r"\| 1,000 \(\+\d+ passages\) \| flat \|", text)
    assert "cores" in text.splitlines()[2]  # the machine it ran on


@pytest.mark.slow
def test_latency_by_kind_writes_both_kinds(tmp_path: Path):
    out = tmp_path / "kinds.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "kinds.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    for kind in ("factual", "yes/no"):
        assert re.search(rf"\| {kind} \| \d+ \| [\d.]+ ms \| [\d.]+ ms \|.*\| \*\*\d+\.\d\d\*\* \|", text), text
