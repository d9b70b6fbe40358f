"""Disagreement on the real corpus with the real model: the public question set, a document the test
writes that contradicts the corpus, and the corpus without its one dissenting source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.evaluation.metrics import metrics, run
from assistant.evaluation.questions import load_questions

from .conftest import ROOT

WEBSITE = "website-2020-exercises.txt"

# Measured on the public set when this gate was set (see the closing note); a drop fails CI.
# 0.693 since 2026-11-30 (sides judged only on sentences about the question; README, Evaluation); 0.670 with the
# learned judge reading the chosen quotes and the corpus's own phrases taken out of the rules (0.667 on the report half).
MIN_STANCE_ACCURACY = 0.66
MIN_DISAGREEMENT_ACCURACY = 0.875


@pytest.fixture(scope="module")
def public_results(real_assistant):
    return run(real_assistant, load_questions(ROOT / "evals" / "questions.yaml"))


def test_question_set_has_stance_labels(public_results):
    labelled = [r for r in public_results if r.question.stances]
    assert len(labelled) >= 20
    topics = {t for r in labelled for t in r.question.tags} & {"strength", "aerobic", "fatigue", "stretching"}
    assert len(topics) == 4


def test_stance_and_disagreement_accuracy(public_results):
    m = metrics(public_results)
    assert m["stance_accuracy"]["value"] >= MIN_STANCE_ACCURACY, m["stance_accuracy"]
    assert m["disagreement_accuracy"]["value"] >= MIN_DISAGREEMENT_ACCURACY, m["disagreement_accuracy"]
    assert m["disagreement_precision"]["value"] == 1.0  # never "Sources disagree" when they do not


def test_strengthening_disagreement_names_each_side(real_assistant):
    answer = real_assistant.ask("Is strengthening exercise recommended?")
    assert answer.disagreement
    assert answer.lead.startswith("Sources disagree on “Is strengthening exercise recommended?”: ")
    by_source = {s.source: s for s in answer.stances}
    assert by_source[WEBSITE].stance == "against"
    assert "1 source says no (patient website, 2020)" in answer.lead
    supporters = [s for s in answer.stances if s.stance in ("for", "mixed")]
    assert len(supporters) >= 3
    for s in answer.stances:  # every stance points at its own citations, and they carry the same stance
        assert s.citations
        cited = [c for c in answer.citations if c.n in s.citations]
        assert {c.source for c in cited} == {s.source}
        if s.stance in ("for", "against"):
            assert s.stance in {c.stance for c in cited}


def test_agreement_is_said_plainly(real_assistant):
    answer = real_assistant.ask("Should I push through tiredness?")
    assert not answer.disagreement
    assert answer.lead.startswith("No. On “Should I push through tiredness?”, ") and "none says yes" in answer.lead


@pytest.mark.parametrize(
    "view, first_kinds",
    [("clinician", {"systematic review", "review article"}), ("patient", {"professional guideline", "clinic advice", "patient website"})],
)
def test_view_orders_sources_within_a_side(real_assistant, view, first_kinds):
    answer = real_assistant.ask("Is strengthening exercise recommended?", view=view)
    supporters = [s for s in answer.stances if s.stance == "for"]
    assert supporters[0].kind in first_kinds


def test_weight_is_shown_for_research(real_assistant):
    answer = real_assistant.ask("Is strengthening exercise recommended?", view="clinician")
    review = next(s for s in answer.stances if s.kind == "systematic review")
    assert "289 participants" in review.evidence_base


def test_json_has_stances_and_disagreement(real_assistant):
    data = real_assistant.ask("Is strengthening exercise recommended?").to_dict()
    assert data["disagreement"] is True
    assert {"source", "title", "kind", "stance", "citations"} <= set(data["stances"][0])
    assert all(c["stance"] in ("for", "against", "mixed", "none") for c in data["citations"])


def _assistant_for(corpus: Path, index: Path, encoder) -> Assistant:
    return Assistant.load(corpus, index, encoder=encoder)


def test_a_new_document_that_contradicts_the_corpus_makes_it_disagree(real_encoder, corpus_copy, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_copy, corpus)
    (corpus / "contrarian-aerobic.md").write_text(
        "---\ntitle: Why aerobic exercise should be avoided\ndate: 2024-01-01\n---\n"
        "# Aerobic exercise\n\nAerobic exercise should be avoided by people with ALS. "
        "Walking, cycling and swimming for exercise are harmful and speed up weakness.\n",
        encoding="utf-8",
    )
    before = _assistant_for(corpus_copy, tmp_path / "index-before", real_encoder).ask("Is aerobic exercise good for people with ALS?")
    after = _assistant_for(corpus, tmp_path / "index-after", real_encoder).ask("Is aerobic exercise good for people with ALS?")
    assert not before.disagreement
    assert after.disagreement
    assert {s.source: s.stance for s in after.stances}["contrarian-aerobic.md"] == "against"


def test_without_the_dissenting_website_strengthening_agrees(real_encoder, corpus_copy, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_copy, corpus)
    (corpus / WEBSITE).unlink()
    answer = _assistant_for(corpus, tmp_path / "index", real_encoder).ask("Is strengthening exercise recommended?")
    assert not answer.disagreement
    assert answer.lead.startswith("Yes. On “Is strengthening exercise recommended?”, ") and "none says no" in answer.lead


@pytest.mark.parametrize(
    "kind, rank",
    [
        ("systematic review", 0),
        ("Meta-analysis of trials", 0),
        ("review article", 1),
        ("randomised controlled trial", 1),
        ("professional guideline", 2),
        ("clinic advice", 3),
        ("occupational health leaflet", 3),
        ("patient website", 4),
        ("blog post", 4),
        ("poem", 5),
        ("not stated", 5),
    ],
)
def test_kind_rank_from_the_words_of_the_kind(kind, rank):
    from assistant.judge.verdict import kind_rank

    assert kind_rank(kind) == rank


@pytest.mark.parametrize(
    "no_first, sides",
    [(False, ["for", "mixed", "against", "none"]), (True, ["against", "mixed", "for", "none"])],
)
def test_sides_come_in_the_order_the_lead_names_them(no_first, sides):
    from assistant.judge.verdict import source_order
    from assistant.results import SourceStance

    drafts = [SourceStance(f"{side}.txt", side, "review", "2020", side, ()) for side in ("none", "against", "mixed", "for")]
    assert [s.stance for s in source_order(drafts, "patient", no_first=no_first)] == sides


def test_a_no_answer_shows_the_no_side_first(real_assistant):
    answer = real_assistant.ask("Is gentle stretching harmful for someone with ALS?")
    sides = [s.stance for s in answer.stances if s.stance != "none"]
    if answer.verdict == "no":
        assert sides[0] == "against", answer.lead
        assert [c.n for c in answer.citations] == sorted(c.n for c in answer.citations)


@pytest.mark.parametrize(
    "sided, dropped",
    [
        # (row, side, relevance, share of the claim named, relevance of its source's best quote)
        ([(1, "for", 0.9, 1.0, 0.9), (2, "against", 0.5, 0.1, 0.5)], {2}),  # names little, and less relevant: no side
        ([(1, "for", 0.9, 1.0, 0.9), (2, "against", 0.95, 0.1, 0.95)], set()),  # names little, but the most relevant: stands
        ([(1, "for", 0.9, 1.0, 0.9), (2, "against", 0.5, 0.6, 0.5)], set()),  # names enough of the claim: stands
        ([(1, "for", 0.6, 0.2, 0.6), (2, "against", 0.5, 0.1, 0.5)], {2}),  # only the less relevant of two weak ones goes
        ([(1, "for", 0.9, 0.1, 0.9), (2, "for", 0.5, 0.1, 0.5)], set()),  # no other side: nothing to stand against
        # the other side's source is quoted more relevantly elsewhere (a sentence taking no side): it still outranks
        ([(1, "for", 0.7, 0.5, 1.0), (2, "against", 0.72, 0.3, 0.72)], {2}),
        # but only its own source's best counts, not this sentence's source's
        ([(1, "for", 0.7, 0.5, 0.7), (2, "against", 0.72, 0.3, 1.0)], set()),
    ],
)
def test_only_sentences_on_the_same_claim_disagree(sided, dropped):
    from assistant.judge.verdict import off_claim
    from assistant.results import Stance

    assert off_claim([(row, Stance(side), rel, share, best) for row, side, rel, share, best in sided], 0.4) == dropped
