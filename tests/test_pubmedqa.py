"""PubMedQA through the pipeline: the corpus written from the data, the stable split, and the scoring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.evaluation.pubmedqa import CONCLUSIONS, Study, load_studies, outcome, split_of, summarise, verdict_of, write_corpus

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "pubmedqa" / "pqal_dev.json"
STUDY = Study(
    "123",
    "Does walking lower blood pressure?",
    (("OBJECTIVE", "To test it."), ("RESULTS", "It fell by 5 mmHg.")),
    "Walking lowers blood pressure.",
    "yes",
    "2001",
)


def test_markdown_has_section_headings_and_the_conclusion_last():
    text = STUDY.markdown()
    assert text.index("## OBJECTIVE") < text.index("## RESULTS") < text.index(f"## {CONCLUSIONS}")
    assert text.rstrip().endswith("Walking lowers blood pressure.")
    assert "Does walking" not in text  # no title: the question is not in the document


def test_corpus_files_and_metadata(tmp_path):
    folder = write_corpus([STUDY], tmp_path / "c")
    assert (folder / "123.md").read_text() == STUDY.markdown()
    assert "research abstract" in (folder / "sources.yaml").read_text()


def test_split_is_stable_across_processes():
    ids = [str(n) for n in range(40)]
    here = [split_of(i) for i in ids]
    code = f"from assistant.evaluation.pubmedqa import split_of; print([split_of(i) for i in {ids!r}])"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert str(here) == there
    assert 10 < here.count("tune") < 30  # both halves are used


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/benchmarks is not beside the repository")
def test_the_dev_file_splits_into_two_disjoint_halves():
    tune, report = load_studies(DEV, "tune"), load_studies(DEV, "report")
    assert {s.pmid for s in tune}.isdisjoint(s.pmid for s in report)
    assert len(tune) + len(report) == len(json.loads(DEV.read_text()))
    assert all(s.conclusion and s.sections and s.decision in ("yes", "no", "maybe") for s in tune + report)


def _answer(*cites, stances=(), disagreement=False):
    citations = [SimpleNamespace(source=s, section=sec) for s, sec in cites]
    return SimpleNamespace(
        citations=citations,
        stances=[SimpleNamespace(source=s, stance=st) for s, st in stances],
        disagreement=disagreement,
        answered=bool(citations),
    )


@pytest.mark.parametrize(
    "stances, verdict",
    [
        ([("123.md", "for")], "yes"),
        ([("123.md", "against")], "no"),
        ([("123.md", "mixed")], "maybe"),
        ([("123.md", "none")], "maybe"),
        ([("123.md", "for"), ("9.md", "against")], "yes"),
        ([("9.md", "against")], "no"),
    ],
)
def test_verdict_reads_the_gold_study_first(stances, verdict):
    assert verdict_of(_answer(stances=stances), "123.md") == verdict


def test_outcome_and_summary():
    good = outcome(STUDY, _answer(("123.md", CONCLUSIONS), ("9.md", "RESULTS"), stances=[("123.md", "for")]))
    bad = outcome(STUDY, _answer(("9.md", "RESULTS"), stances=[("9.md", "against")], disagreement=True))
    assert (good.gold_cited, good.conclusion_quoted, good.sources, good.verdict) == (True, True, 2, "yes")
    assert (bad.gold_cited, bad.conclusion_quoted, bad.verdict) == (False, False, "no")
    got = summarise([good, bad])
    assert got["gold_cited"] == 0.5 and got["mean_sources"] == 1.5 and got["disagreement_rate"] == 0.5
    assert got["verdict_accuracy"] == 0.5
