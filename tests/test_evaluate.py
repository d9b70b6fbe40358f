"""`assistant eval`: question-set format errors, metrics, reports, thresholds, and the BEIR reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.evaluation.beir import load_beir, score
from assistant.evaluation.questions import QuestionSetError, load_questions

from .conftest import ROOT

# The level measured on the public set when this gate was set (hybrid column, all 44 questions); a drop fails CI.
# Lowered with the per-source gate and coverage-based declining (2026-11-30): support 0.973 → 0.919 and abstention
# precision 1.0 → 0.875 ("resistance bands or light dumbbells" is now declined, see test_answer.KNOWN_MISSES),
# stance 0.773 → 0.693 (sources judged only on sentences about the question; the 0.773 was measured on the questions
# it was tuned on). PubMedQA figures are in the README. Stance 0.693 → 0.670 with the learned judge and the
# corpus's own phrases taken out of the rules (all 44; on the report half 0.648 → 0.667). 2026-12-02: support 0.946,
# stance 0.682 (a rare word names a question however many documents use it; README).
GATE = {
    "citation_validity": 1.0,
    "citation_support": 0.9,
    "evidence_recall@10": 0.85,
    "abstention_precision": 0.85,
    "abstention_recall": 1.0,
    "stance_accuracy": 0.66,
    "disagreement_precision": 0.8,
}


@pytest.mark.parametrize(
    "text, message",
    [
        ("questions:\n  - id: a\n", "entry 1 (a): field `question`"),
        ("- {id: a, question: hi, answerable: maybe}\n", "field `answerable`"),
        ("- {id: a, question: hi, evidence: [{source: x.txt}]}\n", "field `evidence`"),
        ("- {id: a, question: hi, stances: {x.txt: sideways}}\n", "field `stances`: x.txt"),
        ("- {id: a, question: hi}\n- {id: a, question: again}\n", "field `id`: duplicate"),
        ("just: a mapping\n", "expected a list of questions"),
        ("- [unclosed\n", "not valid YAML"),
    ],
    ids=["missing-question", "answerable", "evidence", "stance", "duplicate", "not-a-list", "yaml"],
)
def test_malformed_question_sets_name_file_entry_and_field(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(QuestionSetError, match="bad.yaml") as err:
        load_questions(path)
    assert message in str(err.value)


def test_jsonl_is_read_and_bad_lines_are_named(tmp_path):
    good = tmp_path / "q.jsonl"
    good.write_text('{"id": "s", "question": "Can I swim?", "stances": {"a.txt": ["for", "mixed"]}}\n\n')
    (q,) = load_questions(good)
    assert q.stances == {"a.txt": ("for", "mixed")} and q.answerable
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"id": "s", "question": "ok"}\n{oops\n')
    with pytest.raises(QuestionSetError, match="b.jsonl: line 2"):
        load_questions(bad)


def test_public_set_is_big_and_varied():
    questions = load_questions(ROOT / "evals" / "questions.yaml")
    tags = {t for q in questions for t in q.tags}
    assert len(questions) >= 40
    assert {"typo", "very-short", "very-long", "off-topic", "in-domain"} <= tags
    assert sum(1 for q in questions if q.stances) >= 20


def test_scores_match_hand_computed_values():
    qrels = {"q1": {"d1": 1}, "q2": {"d3": 1, "d4": 1}}
    run = {"q1": ["d2", "d1"], "q2": ["d3"] + [f"x{i}" for i in range(200)] + ["d4"]}
    got = score(run, qrels)
    # q1: relevant at rank 2 → nDCG 1/log2(3) = 0.6309, MRR 0.5, recall 1; q2: d3 at 1 → DCG 1, IDCG 1 + 1/log2(3)
    assert got["ndcg@10"] == pytest.approx((0.6309 + 1 / 1.6309) / 2, abs=1e-3)
    assert got["mrr@10"] == pytest.approx(0.75)
    assert got["recall@100"] == pytest.approx(0.75)


@pytest.fixture
def tiny_beir(tmp_path) -> Path:
    root = tmp_path / "tinybeir"
    (root / "qrels").mkdir(parents=True)
    docs = [
        ("d1", "Swimming and joints", "Swimming in warm water is gentle on stiff joints. Many people swim twice a week."),
        ("d2", "Bread", "Sourdough bread needs a starter. The dough rises overnight in a cool kitchen."),
        ("d3", "Cycling", "A stationary bicycle keeps the heart fit. Short rides are easier on tired legs."),
        ("d4", "Tax returns", "File your tax return before the deadline. Keep receipts for five years."),
    ]
    (root / "corpus.jsonl").write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in docs))
    queries = [
        ("q1", "Is swimming good for painful joints?"),
        ("q2", "How do I bake bread at home?"),
        ("q3", "exercise bike for heart fitness"),
    ]
    (root / "queries.jsonl").write_text("".join(json.dumps({"_id": i, "text": t}) + "\n" for i, t in queries))
    (root / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n")
    return root


def test_beir_reader(tiny_beir):
    bench = load_beir(tiny_beir)
    assert len(bench.documents) == 4 and set(bench.queries) == {"q1", "q2", "q3"}
    assert bench.documents[0].text.startswith("# Swimming and joints")


def test_beir_json_output_on_a_small_dataset(real_assistant, tiny_beir):
    result = _cli(real_assistant, "eval", "--beir", str(tiny_beir), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["dataset"] == "tinybeir" and data["queries"] == 3
    assert set(data["modes"]) == {"bm25", "dense", "hybrid"}
    for mode in data["modes"].values():
        assert set(mode) == {"ndcg@10", "recall@100", "mrr@10"}
    assert data["modes"]["dense"]["mrr@10"] == 1.0  # each query's one relevant document comes first


def test_missing_beir_files_are_a_clear_error(real_assistant, tmp_path):
    result = _cli(real_assistant, "eval", "--beir", str(tmp_path))
    assert result.returncode != 0 and "corpus.jsonl is missing" in result.stderr and "Traceback" not in result.stderr


def test_public_set_gate_and_report(real_assistant, tmp_path):
    """The CI gate: the public set at the level measured when the gate was set."""
    mins = [arg for name, value in GATE.items() for arg in ("--min", f"{name}={value}")]
    result = _cli(real_assistant, "eval", str(ROOT / "evals" / "questions.yaml"), "--out", str(tmp_path), "--json", *mins)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert set(data["columns"]) == {"bm25", "dense", "hybrid"}
    (report_dir,) = list(tmp_path.iterdir())
    markdown = (report_dir / "report.md").read_text()
    assert "| metric | bm25 | dense | hybrid |" in markdown and "## Failures (hybrid)" in markdown
    assert (report_dir / "metrics.png").stat().st_size > 10_000
    assert json.loads((report_dir / "report.json").read_text())["columns"]["hybrid"]["questions"]


def test_a_failed_threshold_fails_the_run(real_assistant, tmp_path):
    result = _cli(
        real_assistant,
        "eval",
        str(ROOT / "evals" / "questions.yaml"),
        "--modes",
        "hybrid",
        "--set",
        "top_k=2",
        "--out",
        str(tmp_path),
        "--min",
        "evidence_recall@1=1.01",
    )
    assert result.returncode == 1
    assert "Below threshold: hybrid, top_k=2 evidence_recall@1" in result.stderr


def _cli(real_assistant, *args: str) -> subprocess.CompletedProcess:
    settings = real_assistant.settings
    env = {**os.environ, "ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(settings.index)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env, timeout=900)
