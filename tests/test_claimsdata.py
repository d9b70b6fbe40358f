"""The claims/ sets as training pairs: halves by file or by group, capped by whole groups, calibration held out."""

import json

import pytest

from assistant.errors import ConfigError
from assistant.results import Stance
from assistant.training.calibrate import Selective, held_out, least_confidence
from assistant.training.data import Pair, claims
from assistant.training.train import capped


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _row(group, label, claim="Exercise helps.", source="toy"):
    return {"claim": claim, "evidence": "Exercise helped.", "label": label, "source": source, "group": group, "id": f"{group}-{label}"}


def test_train_files_tune_dev_files_report_and_a_set_without_dev_is_halved_by_group(tmp_path):
    _write(tmp_path / "toy_train.jsonl", [_row("g1", "support"), _row("g1", "refute", "Exercise does not help.")])
    _write(tmp_path / "toy_dev.jsonl", [_row("d1", "neutral")])
    _write(tmp_path / "solo_train.jsonl", [_row(f"s{i}", "support", source="solo") for i in range(40)])
    pairs = list(claims(tmp_path))
    toy = [p for p in pairs if p.source == "toy"]
    assert [(p.part, p.label) for p in toy] == [("tune", Stance.FOR), ("tune", Stance.AGAINST), ("report", Stance.NONE)]
    solo = [p for p in pairs if p.source == "solo"]
    assert {p.part for p in solo} == {"tune", "report"}  # halved by a digest of the group, both halves used
    assert all(p.twinned for p in pairs)


def test_a_malformed_line_is_named(tmp_path):
    (tmp_path / "bad_train.jsonl").write_text('{"claim": "x"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="bad_train.jsonl: line 1"):
        list(claims(tmp_path))


def _pairs(source, groups, per_group, twinned=True):
    return [Pair(f"c{g}", "e", Stance.FOR, source, "tune", f"{source}-{g}", twinned) for g in range(groups) for _ in range(per_group)]


def test_capped_takes_whole_groups_of_each_set_and_replays_the_others():
    pairs = _pairs("a", 50, 3) + _pairs("b", 10, 3) + _pairs("old", 100, 2, twinned=False)
    kept = capped(pairs, 30, seed=0, replay=40)
    by_set = {s: [p for p in kept if p.source == s] for s in ("a", "b", "old")}
    assert len(by_set["a"]) == 30 and len(by_set["b"]) == 30 and len(by_set["old"]) == 40
    for members in by_set.values():  # a claim never leaves its twins behind
        groups = {p.group for p in members}
        assert all(sum(p.group == g for p in pairs) == sum(p.group == g for p in members) for g in groups)
    assert len(capped(pairs, 30, seed=0)) == 60 + 200  # replay 0: the other sets whole


def test_calibration_reads_only_groups_the_training_left_out():
    pairs = _pairs("a", 50, 2)
    trained = capped(pairs, 20, seed=0)
    out = held_out(pairs, trained)
    assert out and not {p.group for p in out} & {p.group for p in trained}


def test_the_least_confidence_is_where_every_set_is_precise_enough_on_enough_sides():
    grid = [0.5, 0.6, 0.7]
    curves = {
        "a": [Selective(c, 0.5, p) for c, p in zip(grid, [0.6, 0.85, 0.9])],
        "b": [Selective(c, 0.5, p) for c, p in zip(grid, [0.7, None, 0.8])],  # None: too few sides to say
    }
    import assistant.training.calibrate as cal

    original = cal.GRID
    cal.GRID = tuple(grid)
    try:
        assert least_confidence(curves) == 0.7
    finally:
        cal.GRID = original
