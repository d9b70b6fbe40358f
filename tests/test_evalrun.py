"""What `assistant eval` does around the metrics: stable index folders, per-call settings, early refusals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.evaluation.run import _digest, _query_overrides, run_question_sets


def test_the_index_folder_for_a_setting_is_the_same_in_every_process():
    key = repr(sorted(Settings().updated(passage_sentences=5).index_fingerprint().items()))
    code = "import sys; from assistant.evaluation.run import _digest; print(_digest(sys.argv[1]))"
    # Different hash seeds, as two separate runs of `assistant eval` would have.
    runs = {
        subprocess.run(
            [sys.executable, "-c", code, key],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert runs == {_digest(key)}
    assert _digest(key) != _digest(key + " ")


@pytest.mark.parametrize(
    "changed, expected",
    [
        ({}, {}),
        ({"top_k": 3}, {"top_k": 3}),  # a query-time setting goes with each call
        ({"passage_sentences": 5}, {}),  # an index setting does not: it selects another index instead
        ({"corpus": "elsewhere"}, {}),
    ],
)
def test_query_overrides_are_only_the_query_time_settings_that_differ(changed, expected):
    base = Settings()
    assert _query_overrides(base.updated(**changed), base) == expected


def test_an_unknown_threshold_is_refused_before_any_work(tmp_path):
    questions = tmp_path / "q.yaml"
    questions.write_text("- id: a\n  question: Is walking good?\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown metric.*stance_acuracy"):
        run_question_sets(
            [questions],
            Settings().updated(index=tmp_path / "none"),
            ["hybrid"],
            {},
            {"stance_acuracy": 0.5},
            tmp_path / "out",
            progress=False,
        )
    assert not (tmp_path / "out").exists() and not (tmp_path / "none").exists()
