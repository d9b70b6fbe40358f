"""The judge's training pairs: labels as the public files give them, halves that never share a claim."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.results import Stance
from assistant.training.data import Pair, augmented, healthver, negated, pubmedqa, scifact


def _healthver(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "hv.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "evidence", "claim", "label", "topic_ip", "question"])
        for n, (evidence, claim, label) in enumerate(rows):
            writer.writerow([n, evidence, claim, label, 1, "q"])
    return path


@pytest.mark.parametrize("label, stance", [("Supports", Stance.FOR), ("Refutes", Stance.AGAINST), ("Neutral", Stance.NONE)])
def test_healthver_labels(tmp_path, label, stance):
    (pair,) = healthver(_healthver(tmp_path, [("Tea was given.", "Tea cures colds.", label)]))
    assert (pair.claim, pair.evidence, pair.label, pair.source) == ("Tea cures colds.", "Tea was given.", stance, "healthver")


def test_healthver_keeps_each_claim_in_one_half(tmp_path):
    claims = [f"Claim number {i} is true." for i in range(40)]
    rows = [(f"Evidence {j}.", c, "Neutral") for c in claims for j in range(3)]
    pairs = list(healthver(_healthver(tmp_path, rows)))
    halves = {}
    for p in pairs:
        halves.setdefault(p.claim, set()).add(p.part)
    assert all(len(h) == 1 for h in halves.values())
    assert {next(iter(h)) for h in halves.values()} == {"tune", "report"}  # both halves get claims


def test_healthver_unknown_label_is_named(tmp_path):
    with pytest.raises(ConfigError, match="unknown label 'Maybe'"):
        list(healthver(_healthver(tmp_path, [("E.", "C.", "Maybe")])))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="benchmark file not found"):
        list(healthver(tmp_path / "absent.csv"))


def test_scifact_rationales_and_other_sentences(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"doc_id": 7, "abstract": ["Aim.", "Drug X lowered blood pressure.", "Method.", "It was safe."]}) + "\n")
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps(
            {
                "id": 1,
                "claim": "Drug X lowers blood pressure.",
                "evidence": {"7": [{"sentences": [1, 3], "label": "SUPPORT"}]},
                "cited_doc_ids": [7],
            }
        )
        + "\n"
    )
    pairs = list(scifact(claims, corpus, "tune"))
    sides = {(p.evidence, p.label) for p in pairs}
    assert ("Drug X lowered blood pressure.", Stance.FOR) in sides
    assert ("Drug X lowered blood pressure. It was safe.", Stance.FOR) in sides  # the whole rationale too
    others = [p.evidence for p in pairs if p.label is Stance.NONE]
    assert len(others) == 1 and others[0] in {"Aim.", "Method."}  # never a rationale
    assert {p.part for p in pairs} == {"tune"}


def test_pubmedqa_conclusion_and_opening(tmp_path):
    path = tmp_path / "pq.json"
    item = {
        "QUESTION": "Does tea help?",
        "CONTEXTS": ["We asked whether tea helps.", "Tea helped."],
        "LABELS": ["OBJECTIVE", "RESULTS"],
        "LONG_ANSWER": "Tea does not help.",
        "final_decision": "no",
    }
    path.write_text(json.dumps({"123": item}))
    pairs = list(pubmedqa(path))
    assert [(p.evidence, p.label) for p in pairs] == [("Tea does not help.", Stance.AGAINST), ("We asked whether tea helps.", Stance.NONE)]
    assert len({p.part for p in pairs}) == 1


def test_pubmedqa_bad_json_is_named(tmp_path):
    path = tmp_path / "pq.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="not JSON"):
        list(pubmedqa(path))


@pytest.mark.parametrize(
    "claim, turned",
    [
        ("Masks do not work.", "Masks do work."),
        ("It won't help.", "It will help."),
        ("The virus cannot survive heat.", "The virus can survive heat."),
        ("Kids can get it.", "Kids cannot get it."),
        ("Exercise is safe.", "Exercise is not safe."),
        ("Vitamin C cures colds.", "It is not true that vitamin C cures colds."),
    ],
)
def test_negated(claim, turned):
    assert negated(claim) == turned


def test_augmented_flips_statements_not_questions_and_adds_unrelated_evidence():
    pairs = [
        Pair("Tea is helpful.", "Tea helped.", Stance.FOR, "s", "tune", "a"),
        Pair("Does coffee help?", "Coffee helped.", Stance.FOR, "s", "tune", "b"),
        Pair("Salt is harmful.", "Salt harmed.", Stance.FOR, "s", "tune", "c"),
        Pair("Held out.", "Whatever.", Stance.FOR, "s", "report", "d"),
    ]
    extra = augmented(pairs)[len(pairs) :]
    turned = {(p.claim, p.label) for p in extra if p.label is not Stance.NONE}
    assert turned == {("Tea is not helpful.", Stance.AGAINST), ("Salt is not harmful.", Stance.AGAINST)}
    unrelated = [p for p in extra if p.label is Stance.NONE]
    own = {p.claim: p.evidence for p in pairs}
    assert unrelated and all(p.evidence != own[p.claim] for p in unrelated)
    assert all(p.part == "tune" for p in extra)  # the report half is never touched
