"""The evaluation report: a summary table per column, a table per metric, and every failure spelled out."""

from __future__ import annotations

import json

from assistant.evaluation.metrics import Result, metrics
from assistant.evaluation.questions import Expected, Question
from assistant.evaluation.report import markdown, write_report
from assistant.results import Answer, Citation


def _result(qid, answered, quote, allowed=("for",), got="for"):
    q = Question(qid, f"Question {qid}?", True, (Expected("a.txt", "walk"),), {"a.txt": allowed}, False)
    cite = Citation(1, "a.txt", "A", "guide", "2020", quote, 0, len(quote), None, None, 0.5, stance=got)
    answer = Answer(q.question, answered, f"lead {qid}", (cite,) if answered else (), timing_ms={"total": 10.0})
    return Result(q, answer, 1 if answered else None, [], [("a.txt", got, allowed)])


GOOD = _result("good", True, "Walk every day.")
BAD = _result("bad", True, "Swim twice a week.", allowed=("against",), got="for")


def test_failures_name_what_went_wrong_and_passes_are_not_listed():
    text = markdown({"hybrid": (metrics([GOOD, BAD]), [GOOD, BAD])}, {"when": "today", "corpus": "c"})
    failures = text.split("## Failures (hybrid)")[1]
    assert "### bad: Question bad?" in failures and "### good" not in failures
    assert "expected evidence (any of): a.txt containing “walk”" in failures
    assert "stance of a.txt: got for, expected against" in failures
    assert "| citation_support | 0.500 (1/2) |" in text
    assert "- corpus: c" in text


def test_no_failures_says_none():
    text = markdown({"bm25": (metrics([GOOD]), [GOOD]), "hybrid": (metrics([GOOD]), [GOOD])}, {"when": "today"})
    assert text.rstrip().endswith("None.")
    assert "| metric | bm25 | hybrid |" in text


def test_write_report_writes_json_markdown_and_a_chart(tmp_path):
    paths = write_report(tmp_path / "r", {"hybrid": (metrics([GOOD, BAD]), [GOOD, BAD])}, {"when": "today"})
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert [q["id"] for q in data["columns"]["hybrid"]["questions"]] == ["good", "bad"]
    assert paths["chart"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths["markdown"].read_text(encoding="utf-8").startswith("# Evaluation report — today")
