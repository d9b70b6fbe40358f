"""`assistant train-judge` reproduces its figures from its seed (on a small subset, as CI can afford)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.results import Stance
from assistant.training.data import Pair
from assistant.training.train import _batches

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
REFERENCE = Path(__file__).resolve().parent / "data" / "judge-subset.json"  # figures of the run below, seed 0


def _train(out: Path, seed: int = 0) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "train-judge",
            "--benchmarks",
            str(BENCHMARKS),
            "--subset",
            "24",
            "--epochs",
            "1",
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not BENCHMARKS.is_dir(), reason="../shared/benchmarks is not beside the repository")
def test_same_seed_same_weights_and_figures(tmp_path):
    first, second = _train(tmp_path / "a"), _train(tmp_path / "b")
    assert first == second
    assert (tmp_path / "a" / "judge.safetensors").read_bytes() == (tmp_path / "b" / "judge.safetensors").read_bytes()
    recorded = json.loads(REFERENCE.read_text())
    # Another CPU may round the last bits differently: the loss may move in its third decimal, a figure by a pair.
    assert abs(recorded.pop("train_loss")[-1] - first["train_loss"][-1]) <= 0.005
    for source, figures in recorded.items():
        assert figures["pairs"] == first[source]["pairs"]
        assert abs(figures["accuracy"] - first[source]["accuracy"]) <= 0.05, (source, figures, first[source])


def test_batches_cover_every_pair_once_and_follow_the_seed():
    pairs = [Pair("c" * random.Random(i).randint(1, 200), "e", Stance.NONE, "s", "tune", str(i)) for i in range(100)]
    batches = _batches(pairs, 8, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(100))
    assert all(len(b) <= 8 for b in batches)
    assert batches == _batches(pairs, 8, random.Random(0))
    assert batches != _batches(pairs, 8, random.Random(1))
