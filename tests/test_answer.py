"""Behaviour on the real corpus with the real model: the public question set, verbatim citations,
declined off-topic questions, and the abstention margin."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.read.clean import hyphen_vocabulary, normalise

from .conftest import ROOT

QUESTIONS = yaml.safe_load((ROOT / "evals" / "questions.yaml").read_text())["questions"]
ON_TOPIC = [q for q in QUESTIONS if q.get("answerable", True)]
OFF_TOPIC = [q for q in QUESTIONS if not q.get("answerable", True)]


def _cites_expected(answer, expected) -> bool:
    return any(c.source == e["source"] and str(e["contains"]).lower() in c.quote.lower() for c in answer.citations for e in expected)


def test_question_set_is_big_enough():
    assert len(ON_TOPIC) >= 15 and len(OFF_TOPIC) >= 2


KNOWN_MISSES = {
    # "wiped out" shares no word and no near-synonym with the sources' "so tiring" / "excessive fatigue";
    # the answer quotes soreness and overdoing it instead. Kept in the set as a measured miss.
    "exhausted-after",
    # "bands" and "dumbbells" are in no source, and "dumbbells"→"weights" (0.60) is as close in meaning as
    # "alcohol"→"drugs" (0.59), which must be declined: coverage.RELATED sits above both, so this is declined.
    "resistance-bands",
}


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(q, marks=pytest.mark.xfail(reason="known miss, see KNOWN_MISSES", strict=True)) if q["id"] in KNOWN_MISSES else q
        for q in ON_TOPIC
    ],
    ids=[q["id"] for q in ON_TOPIC],
)
def test_expected_evidence_is_cited(real_assistant, item):
    answer = real_assistant.ask(item["question"])
    assert answer.answered, answer.lead
    shown = "\n".join(f"[{c.n}] {c.source}: {c.quote}" for c in answer.citations)
    assert _cites_expected(answer, item["evidence"]), f"none of {item['evidence']} cited:\n{shown}"
    assert 1 <= len(answer.citations) <= real_assistant.settings.top_k


@pytest.mark.parametrize("item", OFF_TOPIC, ids=[q["id"] for q in OFF_TOPIC])
def test_off_topic_is_declined(real_assistant, item):
    answer = real_assistant.ask(item["question"])
    assert not answer.answered
    assert answer.citations == ()
    assert "do not cover" in answer.lead


@pytest.mark.parametrize("item", ON_TOPIC, ids=[q["id"] for q in ON_TOPIC])
def test_every_quote_is_verbatim_in_its_source(real_assistant, item):
    answer = real_assistant.ask(item["question"])
    docs = {d.path: d for d in real_assistant.index.documents.values()}
    for c in answer.citations:
        doc = docs[c.source]
        markdown = doc.format == "markdown"
        raw = (Path(real_assistant.settings.corpus) / c.source).read_text(encoding="utf-8")
        assert raw == doc.text  # offsets are into the file as it is on disk
        keep = hyphen_vocabulary(raw)
        joined = " ".join(raw[a:b] for a, b in c.parts)
        assert normalise(joined, markdown=markdown, keep_hyphen=keep) == c.quote
        assert (c.start, c.end) == (c.parts[0][0], c.parts[-1][1])
        if len(c.parts) == 1:
            assert normalise(raw[c.start : c.end], markdown=markdown, keep_hyphen=keep) == c.quote


def test_citation_fields_locate_the_quote(real_assistant):
    answer = real_assistant.ask("Is strengthening exercise recommended?")
    for c in answer.citations:
        assert c.title and c.kind and c.date and c.source.endswith(".txt")
        assert c.lines[0] <= c.lines[1]
        assert c.page is None  # plain-text sources have lines, not pages


def test_lead_is_built_from_stances_kinds_and_counts(real_assistant):
    answer = real_assistant.ask("Should I lift weights if I have ALS?")
    assert answer.disagreement
    assert answer.lead.startswith("Sources disagree on “Should I lift weights if I have ALS?”: ")
    for stance in answer.stances:
        if stance.stance != "none":
            assert f"{stance.kind}, {stance.date[:4] if stance.date[:1].isdigit() else 'undated'}" in answer.lead


def test_each_relevant_source_gets_its_voice(real_assistant):
    answer = real_assistant.ask("Should I lift weights if I have ALS?")
    assert len({c.source for c in answer.citations}) >= 4
    assert len(answer.citations) <= 8


def test_no_near_duplicate_quotes(real_assistant):
    for item in ON_TOPIC:
        quotes = [c.quote for c in real_assistant.ask(item["question"]).citations]
        assert len(quotes) == len(set(quotes))


def test_heading_gives_a_bare_sentence_its_subject(real_assistant):
    """The website's "Are not recommended." only says what it is about in its heading."""
    answer = real_assistant.ask("Is strengthening exercise recommended?")
    quotes = {(c.source, c.quote) for c in answer.citations}
    assert ("website-2020-exercises.txt", "Are not recommended.") in quotes


@pytest.mark.parametrize(
    "question",
    [
        "Is strengthening exercise recommended?",
        # Known miss since the per-source gate: the website's "Strengthening exercises: Are not recommended." shares no
        # stem with "strength training" (the stemmer keeps "strength" and "strengthen" apart) and is below source_cosine.
        pytest.param(
            "Is strength training a good idea with ALS?",
            marks=pytest.mark.xfail(reason="word family strength/strengthen not matched by the source gate", strict=True),
        ),
        "Should I lift weights if I have ALS?",
    ],
    ids=["asked", "paraphrase", "weights"],
)
def test_the_dissenting_page_is_heard_on_strength_training(real_assistant, question):
    """Among a source's near-equal sentences, the one most about the subject speaks: the page's warning
    on strengthening, not its general "Exercise may have many benefits"."""
    answer = real_assistant.ask(question)
    assert answer.disagreement, answer.lead
    assert {s.source: s.stance for s in answer.stances}.get("website-2020-exercises.txt") == "against", answer.lead


# The three pages that warn against overdoing exercise ("intense or exhaustive exercise is probably bad", "may actually
# speed muscle loss", "only beneficial when it does not cause excessive fatigue"). Before "too much" made a question
# one about an excess, "Is too much exercise harmful in ALS?" was answered "Sources disagree … 3 sources say no":
# their praise of moderate exercise was read as praise of the excess.
WARNERS = ("acsm-2010-exercising-with-als.txt", "als-worldwide-2015-exercise-helpful-or-harmful.txt", "website-2020-exercises.txt")


@pytest.mark.parametrize(
    "question",
    ["Can too much exercise speed up muscle loss?", "Is too much exercise harmful in ALS?", "Is it bad to exercise too often?"],
    ids=["speed-up", "harmful", "too-often"],
)
def test_a_question_about_too_much_exercise_hears_the_warnings(real_assistant, question):
    answer = real_assistant.ask(question)
    sides = {s.source: s.stance for s in answer.stances}
    assert not [w for w in WARNERS if sides.get(w) == "against"], answer.lead
    assert answer.verdict != "no", answer.lead


# Claims stronger than anything the sources say, found by asking new questions on 2026-12-01 (none is in the question
# set). Before the strong-claim rule (answer/compose.py, judge/claim.strong_words) the judge read the sources' praise of
# exercise as support for the claim itself ("a sensible exercise program may help you maintain your muscle strength"
# for "Can exercise cure ALS?" at 0.82: "Yes, with conditions, 3 sources say yes"), and "exercise causes ALS" got
# "Sources disagree, 3 say yes". The rule was written looking at the first three; the fourth was added after.
@pytest.mark.parametrize(
    "question",
    [
        "Can exercise cure ALS?",
        "Is it true that exercise causes ALS?",
        "Does exercise prevent ALS?",
        "Will physiotherapy cure my ALS?",
        # Causing in two words, found on 2026-12-02: "Yes, with conditions, 4 sources" and "Yes, 1 source" from praise.
        "Can exercise lead to faster progression of ALS?",
        "Can resistance training result in muscle injury?",
    ],
    ids=["cure", "causes", "prevent", "unseen-cure", "lead-to", "result-in"],
)
def test_a_claim_no_source_makes_gets_no_yes(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.verdict not in ("yes", "yes, with conditions") and not any(s.stance == "for" for s in answer.stances), answer.lead


def test_a_source_saying_it_brings_about_what_is_claimed_says_yes(real_assistant):
    """ "Working out with weights … could result in increased muscle weakness": the rules saw no cue in it, and the
    judge read it as against (0.63), so no source said yes or no to "Does weight lifting cause more weakness?"."""
    answer = real_assistant.ask("Does weight lifting cause more weakness?")
    sides = {s.source: s.stance for s in answer.stances}
    assert sides.get("website-2020-exercises.txt") == "for", answer.lead
    assert answer.verdict in ("yes", "yes, with conditions", "sources disagree"), answer.lead


def test_abstention_margin(real_assistant):
    """The threshold sits inside a clear gap between on-topic and off-topic questions."""
    import numpy as np

    index = real_assistant.index
    evidence = np.array([s.evidence for s in index.sentences])

    def best(question: str) -> float:
        vector = real_assistant.encoder.encode([question])[0]
        return float((index.sentence_vectors[evidence] @ vector).max())

    on = min(best(q["question"]) for q in ON_TOPIC)
    # In-domain questions about something no source mentions ("alcohol") are declined by subject, not by score.
    off = max(best(q["question"]) for q in OFF_TOPIC if "in-domain" not in q.get("tags", []))
    threshold = real_assistant.settings.min_score
    assert off < threshold < on
    assert on - off > 0.15, (on, off)


@pytest.mark.parametrize(
    "question, unknown",
    [("Is it safe to drink alcohol with ALS?", "alcohol"), ("Which wheelchair should I buy?", "wheelchair")],
    ids=["alcohol", "wheelchair"],
)
def test_a_subject_the_sources_never_mention_is_declined(real_assistant, question, unknown):
    """Close to the corpus in meaning ("safe", "ALS"), but no source says a word about the subject itself."""
    answer = real_assistant.ask(question)
    assert not answer.answered and answer.citations == ()
    assert f"“{unknown}”" in answer.lead


@pytest.mark.parametrize("question, unknown", [("does cannabis oil help als cramps", "cannabis")], ids=["cannabis"])
def test_a_broader_term_does_not_stand_for_the_thing_asked_about(real_assistant, question, unknown):
    """The model put "drug" 0.64 from "cannabis", so the question was searched as "drug oil help als cramps" and
    answered "Yes" from "May help decrease … cramping" (first sight, 2026-12-07b). A kind of thing is not the thing."""
    answer = real_assistant.ask(question)
    assert f"“{unknown}”" in answer.lead and answer.verdict not in ("yes", "yes, with conditions", "no"), answer.lead
    assert not any(s.stance in ("for", "against") for s in answer.stances), answer.lead


@pytest.mark.parametrize("question, unknown", [("does vitamin d help with als weakness", "vitamin")], ids=["vitamin"])
def test_a_thing_found_only_as_a_stand_in_no_quote_names_takes_no_side(real_assistant, question, unknown):
    """ "vitamin" is 0.64 or closer to the corpus's "supplement", but none of the sentences quoted names a supplement:
    it was "Yes, with conditions" from sentences on weakness (first sight, 2026-12-07c)."""
    answer = real_assistant.ask(question)
    assert f"“{unknown}”" in answer.lead and answer.verdict not in ("yes", "yes, with conditions", "no"), answer.lead
    assert not any(s.stance in ("for", "against") for s in answer.stances), answer.lead


def test_a_word_that_only_frames_a_question_never_stands_for_another(real_assistant):
    """WordNet lists "be" beside "cost" ("be priced at"): "cost" was searched as "be", and so was covered."""
    answer = real_assistant.ask("how much does a physio session cost")
    assert "cost (in no source)" in answer.searched_for, answer.searched_for


def test_a_decline_names_the_rare_word_no_source_mentions_and_not_who_asks(real_assistant):
    """Covered by its condition ("MND", in one source) but about something none mentions: the decline said only
    "The sources do not cover this question"."""
    answer = real_assistant.ask("My mum has MND, should she keep gardening?")
    assert not answer.answered and "“gardening”" in answer.lead and "“mum”" not in answer.lead, answer.lead
    football = real_assistant.ask("who won the football world cup in 2018")  # common words: nothing worth naming
    assert not football.answered and "mentions" not in football.lead, football.lead


def test_a_question_for_facts_takes_no_sides(real_assistant):
    answer = real_assistant.ask("How often should I stretch?")
    assert answer.answered and not answer.disagreement
    assert {s.stance for s in answer.stances} == {"none"}
    assert answer.lead.endswith("Their own words are below.")


# Patients' spelling, case and punctuation (issue 15): each is matched to the corpus word it nearly is, shown under
# "searched_for", and answered from the same evidence as the question spelled right.
WEBSITE_FILE = "website-2020-exercises.txt"


@pytest.mark.parametrize(
    "question, shown, source, phrase",
    [
        ("can i lift weigths", "weights (you typed ‘weigths’)", WEBSITE_FILE, "Working out with weights"),
        ("is swiming ok", "swimming (you typed ‘swiming’)", WEBSITE_FILE, "swimming"),
        ("is yogga ok", "yoga (you typed ‘yogga’)", "als-worldwide-2015-exercise-helpful-or-harmful.txt", "yoga"),
        ("IS SWIMMING OK", "swimming", WEBSITE_FILE, "swimming"),
        ("is swimming ok???", "swimming", WEBSITE_FILE, "swimming"),
        ("shud i do strechting", "stretching (you typed ‘strechting’)", None, "stretching"),
        ("how often shud i do cardio", "cardiovascular (for ‘cardio’)", None, "cardiovascular"),
        ("how many reps?", "repetitions (you typed ‘reps’)", "acsm-2010-exercising-with-als.txt", "repetitions"),
        ("do I need PT?", "physiotherapy (you typed ‘pt’)", None, "physiotherapy"),
        ("should i see a physio", "physiotherapy (you typed ‘physio’)", None, "physiotherapy"),
        ("is rehab useful", "rehabilitation (you typed ‘rehab’)", None, None),
    ],
)
def test_misspelt_and_abbreviated_words_are_matched_and_shown(real_assistant, question, shown, source, phrase):
    answer = real_assistant.ask(question)
    assert answer.answered, answer.lead
    assert shown in answer.searched_for
    if phrase:
        assert any((source is None or c.source == source) and phrase.lower() in c.quote.lower() for c in answer.citations), [
            c.quote for c in answer.citations
        ]


@pytest.mark.parametrize("question", ["is swimming ok", "is swimming ok?", "Is swimming OK?", "is swimming ok !!"])
def test_case_and_trailing_punctuation_do_not_change_the_answer(real_assistant, question):
    assert real_assistant.ask(question).citations == real_assistant.ask("is swimming ok").citations
