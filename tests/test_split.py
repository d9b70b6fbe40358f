"""assistant.read.split: every sentence is the cleaned form of exact raw runs, and only prose is evidence."""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.read.clean import hyphen_vocabulary, normalise
from assistant.read.load import load_corpus, load_document
from assistant.read.passages import make_passages
from assistant.read.split import MAX_SENTENCE_CHARS, PYSBD_CHUNK, _sentence_spans, split_document
from assistant.records import Document, Sentence

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOC_NAMES = [
    "acsm-2010-exercising-with-als.txt",
    "als-worldwide-2015-exercise-helpful-or-harmful.txt",
    "review-article-exercise-in-als.txt",
    "systematic-review-2026-physiotherapy-in-als.txt",
    "website-2020-exercises.txt",
]


@lru_cache(maxsize=1)
def corpus() -> dict[str, tuple[Document, tuple[Sentence, ...]]]:
    docs, skipped = load_corpus(CORPUS)
    assert skipped == []
    return {d.path: (d, tuple(split_document(d))) for d in docs}


def doc_of(name: str) -> Document:
    return corpus()[name][0]


def sentences_of(name: str) -> tuple[Sentence, ...]:
    return corpus()[name][1]


def quote_of_parts(doc: Document, s: Sentence) -> str:
    raw = " ".join(doc.text[a:b] for a, b in s.parts)
    return normalise(raw, markdown=doc.format == "markdown", keep_hyphen=hyphen_vocabulary(doc.text))


def mismatches(name: str, evidence_only: bool) -> list[tuple[int, str, str]]:
    doc = doc_of(name)
    return [
        (s.index, quote_of_parts(doc, s), s.text)
        for s in sentences_of(name)
        if (s.evidence or not evidence_only) and quote_of_parts(doc, s) != s.text
    ]


def test_corpus_loads_all_five_documents() -> None:
    assert sorted(corpus()) == DOC_NAMES
    assert all(sentences_of(name) for name in DOC_NAMES)


# --- THE key invariant: a quote is exactly the cleaned raw runs it points at ----------------------------------

SR = "systematic-review-2026-physiotherapy-in-als.txt"


@pytest.mark.parametrize(
    "name",
    DOC_NAMES,
    ids=DOC_NAMES,
)
def test_every_sentence_is_normalised_raw_parts(name: str) -> None:
    assert mismatches(name, evidence_only=False) == []


@pytest.mark.parametrize("name", DOC_NAMES, ids=DOC_NAMES)
def test_every_evidence_sentence_is_normalised_raw_parts(name: str) -> None:
    assert mismatches(name, evidence_only=True) == []


@pytest.mark.parametrize("name", DOC_NAMES, ids=DOC_NAMES)
def test_offsets_parts_and_lines(name: str) -> None:
    doc = doc_of(name)
    sentences = sentences_of(name)
    for s in sentences:
        assert s.parts, s
        assert s.start == s.parts[0][0] and s.end == s.parts[-1][1]
        for a, b in s.parts:
            assert 0 <= a < b <= len(doc.text)
            assert not doc.text[a].isspace() and not doc.text[b - 1].isspace()
        assert all(x[1] <= y[0] for x, y in zip(s.parts, s.parts[1:])), s.parts
        assert s.lines == (doc.text.count("\n", 0, s.start) + 1, doc.text.count("\n", 0, s.end - 1) + 1)
        assert s.page is None and s.doc_id == doc.id
        assert s.text and s.text == s.text.strip() and "  " not in s.text and "\n" not in s.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert len({s.id for s in sentences}) == len(sentences)


@pytest.mark.parametrize("name", DOC_NAMES, ids=DOC_NAMES)
def test_sentences_do_not_overlap(name: str) -> None:
    runs = sorted(run for s in sentences_of(name) for run in s.parts)
    assert all(x[1] <= y[0] for x, y in zip(runs, runs[1:]))


MARKUP = ["**", "~~", "[^", "{{%", "{{<", "<a ", "</", "](", "<http"]


@pytest.mark.parametrize("name", DOC_NAMES, ids=DOC_NAMES)
def test_no_markup_in_evidence_quotes(name: str) -> None:
    for s in sentences_of(name):
        if s.evidence:
            assert not [m for m in MARKUP if m in s.text], s.text
            assert not re.match(r"#{1,6}\s|>", s.text), s.text


# --- specific corpus facts ------------------------------------------------------------------------------------

WEB = "website-2020-exercises.txt"
REVIEW = "review-article-exercise-in-als.txt"
WORLDWIDE = "als-worldwide-2015-exercise-helpful-or-harmful.txt"
ACSM = "acsm-2010-exercising-with-als.txt"


def find(name: str, starts: str) -> list[Sentence]:
    return [s for s in sentences_of(name) if s.text.startswith(starts)]


@pytest.mark.parametrize(
    ("name", "starts", "section", "contains", "n_parts"),
    [
        (WEB, "Are not recommended.", "Strengthening exercises", "Are not recommended.", 1),
        (WEB, "Patients should stop exercising when they get tired", "Science", "push through the fatigue.", 1),
        (WEB, "Therapeutic interventions included", None, "moderate-to-high-intensity", 1),
        (REVIEW, "Rehabilitation plays an essential role", None, "Rehabilitation plays", 1),
        (REVIEW, "The exercise group had significantly higher functions", "Resistance/strengthening exercise", "higher functions", 2),
        (
            REVIEW,
            "It contributes to health by activating downstream anti-",
            "Antioxidative and anti-inflammatory adaptation",
            "metabolic and immunologic response",
            1,
        ),
        (SR, "Nonsteroidal anti-inflammatory drugs", "INTRODUCTION", "anti-inflammatory", 1),
        (WORLDWIDE, "Moderate exercise is the key", "Exercise: Helpful or Harmful in ALS?", "aerobic exercise.", 1),
        (ACSM, "Do one set of eight to 12 repetitions.", "Getting Started", "eight to 12", 1),
    ],
    ids=[
        "web-are-not-recommended",
        "web-footnote-marker-dropped",
        "web-quote-block",
        "review-rehabilitation-hyphen-joined",
        "review-healed-across-table",
        "review-anti-inflammatory-hyphen-kept",
        "sr-anti-inflammatory-inline",
        "worldwide-moderate-key",
        "acsm-bullet",
    ],
)
def test_corpus_sentence_facts(name: str, starts: str, section: str | None, contains: str, n_parts: int) -> None:
    (s,) = find(name, starts)
    assert s.evidence
    assert contains in s.text
    assert len(s.parts) == n_parts
    if section is not None:
        assert s.section == section


def test_healed_sentence_runs_straddle_the_table() -> None:
    doc = doc_of(REVIEW)
    (s,) = find(REVIEW, "The exercise group had significantly higher functions")
    (a1, b1), (a2, b2) = s.parts
    between = doc.text[b1:a2]
    assert "Table 1" in between
    assert s.lines[1] - s.lines[0] > 20


def test_anti_inflammatory_line_break_keeps_hyphen() -> None:
    (s,) = find(REVIEW, "It contributes to health by activating downstream anti-")
    assert "antiinflammatory" not in s.text


def test_anti_inflammatory_quote_is_the_compound() -> None:
    (s,) = find(REVIEW, "It contributes to health by activating downstream anti-")
    assert "downstream anti-inflammatory pathways" in s.text


@pytest.mark.parametrize(
    ("name", "forbidden"),
    [
        (WORLDWIDE, "@"),
        (WORLDWIDE, "1-414"),
        (WORLDWIDE, "Fill out"),
        (WORLDWIDE, "Prospect Avenue"),
        (ACSM, "Comments on Medscape"),
        (ACSM, "Post as"),
        (ACSM, "www."),
        (WEB, "https://"),
    ],
    ids=["ww-email", "ww-phone", "ww-form", "ww-address", "acsm-comments", "acsm-post-as", "acsm-url", "web-url"],
)
def test_web_furniture_never_evidence(name: str, forbidden: str) -> None:
    assert [s.text for s in sentences_of(name) if s.evidence and forbidden in s.text] == []


@pytest.mark.parametrize(
    ("name", "forbidden"),
    [(WORLDWIDE, "Comments"), (ACSM, "Medscape")],
    ids=["ww-raw-has-it", "acsm-raw-has-it"],
)
def test_furniture_phrases_exist_in_raw(name: str, forbidden: str) -> None:
    """Guards the test above: the furniture is really in the sources, so its absence from evidence means something."""
    assert forbidden.lower() in doc_of(name).text.lower()
    assert any(forbidden.lower() in s.text.lower() for s in sentences_of(name))


def test_reference_list_of_systematic_review_never_evidence() -> None:
    refs = [s for s in sentences_of(SR) if s.section == "REFERENCES"]
    assert len(refs) >= 30
    assert not any(s.evidence for s in refs)
    assert {s.kind for s in refs} == {"reference"}


def test_back_matter_sections_never_evidence() -> None:
    back = {"Declarations", "Conflict of Interest", "Data Availability Statement", "AI Usage Statement", "REFERENCES"}
    found = [s for s in sentences_of(SR) if s.section in back]
    assert {s.section for s in found} == back
    assert not any(s.evidence for s in found)


@pytest.mark.parametrize(
    "starts",
    ["Lopes de Almeida", "Pinto, A.C., Alves, M.", "Dalbello-Haas V"],
    ids=["lopes-de-almeida", "pinto", "dalbello-haas"],
)
def test_worldwide_reference_entries_never_evidence(starts: str) -> None:
    found = find(WORLDWIDE, starts)
    assert found
    assert all(not s.evidence and s.kind == "reference" for s in found)


def test_site_furniture_before_title_is_boilerplate() -> None:
    title_line = doc_of(WORLDWIDE).text.index("Exercise: Helpful or Harmful in ALS?\n\n")
    before = [s for s in sentences_of(WORLDWIDE) if s.start < title_line]
    assert before
    assert not any(s.evidence for s in before)
    assert all(s.section is None for s in before)


def test_tables_never_evidence() -> None:
    (caption,) = [s for s in sentences_of(REVIEW) if s.text == "Table 1"]
    assert caption.kind == "fragment" and not caption.evidence
    rows = [s for s in sentences_of(REVIEW) if "Drory et al" in s.text]
    assert rows and not any(s.evidence for s in rows)


# --- synthetic documents: sentence splitting -------------------------------------------------------------------


def split_text(tmp_path: Path, raw: str, name: str = "doc.txt", meta: dict | None = None) -> tuple[Document, list[Sentence]]:
    path = tmp_path / name
    path.write_text(raw, encoding="utf-8")
    doc = load_document(path, name, meta or {})
    return doc, split_document(doc)


SPLIT_CASES = [
    (
        "Smith et al. showed that exercise helps patients. The effect was small.",
        ["Smith et al. showed that exercise helps patients.", "The effect was small."],
    ),
    (
        "Some exercises, e.g. swimming, are gentle on joints. Others are not.",
        ["Some exercises, e.g. swimming, are gentle on joints.", "Others are not."],
    ),
    (
        "Aerobic vs. resistance training was compared in the trial. Both were safe.",
        ["Aerobic vs. resistance training was compared in the trial.", "Both were safe."],
    ),
    (
        "As shown in Fig. 1 the decline was slower in the exercise group. This was significant.",
        ["As shown in Fig. 1 the decline was slower in the exercise group.", "This was significant."],
    ),
    (
        "Moderate exercise delayed disease onset [36]. The effect was larger in females [37].",
        ["Moderate exercise delayed disease onset [36].", "The effect was larger in females [37]."],
    ),
    (
        "The mice ran at 16 m/min for 30 minutes. They were tired afterwards.",
        ["The mice ran at 16 m/min for 30 minutes.", "They were tired afterwards."],
    ),
    (
        "The score improved by 3.4 points on average. This was not significant.",
        ["The score improved by 3.4 points on average.", "This was not significant."],
    ),
    (
        "The authors ask three questions.\n\n1. What types of exercise have been examined?\n2. Which regimens are beneficial?\n3. How are benefits measured?",
        [
            "The authors ask three questions.",
            "What types of exercise have been examined?",
            "Which regimens are beneficial?",
            "How are benefits measured?",
        ],
    ),
    (
        "Patients should follow these rules.\n\n• Stop exercising when you feel tired.\n• Avoid heavy weights and eccentric exercise.",
        ["Patients should follow these rules.", "Stop exercising when you feel tired.", "Avoid heavy weights and eccentric exercise."],
    ),
    (
        "Reha-\nbilitation plays an essential role in the care of\npatients who have ALS. It helps.",
        ["Rehabilitation plays an essential role in the care of patients who have ALS.", "It helps."],
    ),
    (
        "Exercise improved strength¹² in most patients. It was safe.",
        ["Exercise improved strength in most patients.", "It was safe."],
    ),
]
SPLIT_IDS = [
    "et-al",
    "e-g",
    "vs",
    "fig-1",
    "bracket-refs",
    "m-per-min",
    "decimal",
    "numbered-list",
    "bullets",
    "line-wrap-hyphen",
    "superscripts",
]


@pytest.mark.parametrize(("raw", "expected"), SPLIT_CASES, ids=SPLIT_IDS)
def test_sentence_splitting(tmp_path: Path, raw: str, expected: list[str]) -> None:
    doc, sentences = split_text(tmp_path, raw)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert quote_of_parts(doc, s) == s.text


def test_list_items_are_item_kind_and_marker_not_quoted(tmp_path: Path) -> None:
    _, sentences = split_text(tmp_path, "Intro sentence is here.\n\n1. First point to make.\n• Second point to make.")
    assert [s.kind for s in sentences] == ["prose", "item", "item"]
    assert all(not s.text.startswith(("1.", "•")) for s in sentences)


def test_markdown_sections_and_markup(tmp_path: Path) -> None:
    raw = (
        "Opening words before any heading are here.\n\n"
        "## Science\n\n**Aerobic exercise** can increase [muscle efficiency](https://x.org) in ALS.[^1]\n\n"
        "### ~~Strengthening exercises~~\n\n**Are not recommended**. Weights will not help weak muscles.\n\n"
        "[^1]: https://example.org/source\n"
    )
    doc, sentences = split_text(tmp_path, raw, "page.md")
    assert doc.format == "markdown"
    assert [(s.section, s.text) for s in sentences] == [
        (None, "Opening words before any heading are here."),
        ("Science", "Aerobic exercise can increase muscle efficiency in ALS."),
        ("Strengthening exercises", "Are not recommended."),
        ("Strengthening exercises", "Weights will not help weak muscles."),
    ]
    for s in sentences:
        assert quote_of_parts(doc, s) == s.text


def test_markdown_quote_block_sentences(tmp_path: Path) -> None:
    raw = "## Articles\n\n> Although previous evidence suggests a link,\nrecent studies support that activity is\n> not a risk factor for ALS.\n"
    doc, sentences = split_text(tmp_path, raw, "page.md")
    (s,) = sentences
    assert s.kind == "quote" and s.evidence
    assert s.text == "Although previous evidence suggests a link, recent studies support that activity is not a risk factor for ALS."
    assert quote_of_parts(doc, s) == s.text


def test_sentence_healed_across_table(tmp_path: Path) -> None:
    raw = (
        "Results\n\nThe exercise group had significantly higher functions than the\n\n"
        "Table 1\nOutcomes by group\n\n"
        "control group at six months, and the difference was significant in\nboth of the measures that were used. Next sentence is here."
    )
    doc, sentences = split_text(tmp_path, raw)
    (healed,) = [s for s in sentences if s.text.startswith("The exercise group")]
    assert healed.text == (
        "The exercise group had significantly higher functions than the control group at six months, "
        "and the difference was significant in both of the measures that were used."
    )
    assert len(healed.parts) == 2
    (_, b1), (a2, _) = healed.parts
    assert "Table 1" in doc.text[b1:a2]
    assert quote_of_parts(doc, healed) == healed.text
    assert healed.section == "Results"
    assert any(s.text == "Next sentence is here." for s in sentences)


def test_text_before_title_is_furniture(tmp_path: Path) -> None:
    raw = "Sign in to see more of this page today.\n\nMy Page\n\nExercise is good for most patients with ALS."
    _, sentences = split_text(tmp_path, raw, meta={"title": "My Page"})
    assert [(s.text, s.evidence, s.section) for s in sentences] == [
        ("Sign in to see more of this page today.", False, None),
        ("Exercise is good for most patients with ALS.", True, "My Page"),
    ]


def test_over_long_run_is_cut_and_still_maps_back(tmp_path: Path) -> None:
    raw = " ".join(["word"] * 700)
    doc, sentences = split_text(tmp_path, raw)
    assert len(sentences) >= 3
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == raw
    for s in sentences:
        assert quote_of_parts(doc, s) == s.text


def test_sentence_starting_with_italic_maps_back(tmp_path: Path) -> None:
    """Minimal form of the italic bug, on an evidence sentence ."""
    raw = "Exercise was studied in a small trial. *Moderate* exercise appears to be safe for most patients with ALS.\n"
    doc, sentences = split_text(tmp_path, raw, "page.md")
    assert [s.text for s in sentences][1] == "Moderate exercise appears to be safe for most patients with ALS."
    assert sentences[1].evidence


def test_sentence_starting_with_italic_quote_is_normalised_raw_parts(tmp_path: Path) -> None:
    raw = "Exercise was studied in a small trial. *Moderate* exercise appears to be safe for most patients with ALS.\n"
    doc, sentences = split_text(tmp_path, raw, "page.md")
    assert quote_of_parts(doc, sentences[1]) == sentences[1].text


@pytest.mark.parametrize(
    ("raw", "name", "expected"),
    [
        (
            "Intro text is here.\n\nAvoid heavy weights.[^2]\n\nMore text follows here.\n\n[^2]: https://example.org\n",
            "page.md",
            ["Intro text is here.", "Avoid heavy weights.", "More text follows here."],
        ),
        (
            "Intro text is here.\n\nIt helps a lot.²\n\nMore text follows here.\n",
            "doc.txt",
            ["Intro text is here.", "It helps a lot.", "More text follows here."],
        ),
        (
            "Exercise improved strength in most patients. It was safe.³\n",
            "doc.txt",
            ["Exercise improved strength in most patients.", "It was safe."],
        ),
    ],
    ids=["footnote-marker", "superscript", "two-sentence-paragraph-lost"],
)
def test_short_sentence_with_reference_marker_is_kept(tmp_path: Path, raw: str, name: str, expected: list[str]) -> None:
    _, sentences = split_text(tmp_path, raw, name)
    assert [s.text for s in sentences] == expected
    assert all(s.section is None for s in sentences)


# --- make_passages ---------------------------------------------------------------------------------------------

SIZES = [(1, 1), (3, 1), (4, 2), (5, 3), (5, 5)]


@pytest.mark.parametrize(("size", "stride"), SIZES, ids=[f"size{a}-stride{b}" for a, b in SIZES])
def test_passages_stay_in_one_section_of_one_document(size: int, stride: int) -> None:
    sentences = [s for name in DOC_NAMES for s in sentences_of(name)]
    by_id = {s.id: s for s in sentences}
    passages = make_passages(sentences, size, stride)
    assert passages
    for p in passages:
        window = [by_id[i] for i in p.sentence_ids]
        assert 1 <= len(window) <= size
        assert {s.doc_id for s in window} == {p.doc_id}
        assert len({s.section for s in window}) == 1
        assert not any(s.kind in ("boilerplate", "reference") for s in window)
        indexes = [s.index for s in window]
        assert indexes == sorted(indexes)
        head = f"{window[0].section}: " if window[0].section else ""
        assert p.text == head + " ".join(s.text for s in window)
    assert len({p.id for p in passages}) == len(passages)


@pytest.mark.parametrize(("size", "stride"), SIZES, ids=[f"size{a}-stride{b}" for a, b in SIZES])
def test_every_content_sentence_is_in_a_passage(size: int, stride: int) -> None:
    sentences = [s for name in DOC_NAMES for s in sentences_of(name)]
    covered = {i for p in make_passages(sentences, size, stride) for i in p.sentence_ids}
    wanted = {s.id for s in sentences if s.kind not in ("boilerplate", "reference")}
    assert wanted <= covered
    assert not covered - wanted


@pytest.mark.parametrize("size", [2, 4, 5])
def test_without_overlap_each_sentence_is_in_exactly_one_passage_of_near_equal_size(size: int) -> None:
    sentences = [s for name in DOC_NAMES for s in sentences_of(name)]
    passages = make_passages(sentences, size, size)
    members = [i for p in passages for i in p.sentence_ids]
    assert len(members) == len(set(members))
    by_section: dict[tuple, list[int]] = {}
    for p in passages:
        first = next(s for s in sentences if s.id == p.sentence_ids[0])
        by_section.setdefault((first.doc_id, first.section), []).append(len(p.sentence_ids))
    for lengths in by_section.values():
        assert max(lengths) - min(lengths) <= 1 and max(lengths) <= size


def test_passages_never_cross_documents_even_with_same_section(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    _, first = split_text(tmp_path / "a", "## Same\n\nFirst doc sentence one is here. First doc sentence two is here.\n", "a.md")
    _, second = split_text(tmp_path, "## Same\n\nSecond doc sentence one is here. Second doc sentence two is here.\n", "b.md")
    passages = make_passages(first + second, 4, 2)
    assert len(passages) == 2
    assert [len(p.sentence_ids) for p in passages] == [2, 2]
    assert passages[0].doc_id != passages[1].doc_id


REVIEW_TEXT = " ".join((CORPUS / "review-article-exercise-in-als.txt").read_text(encoding="utf-8").split())

# One enormous line in three shapes, 400 kB each. Before splitting was fed to pysbd in bounded chunks (and two
# regexes stopped backtracking over long letter runs) these took 2-5 minutes each; 5 MB took hours. Now 5 MB
# takes 10-80 s (README), so a bound of 60 s for 400 kB only fails if the time turns quadratic again.
ENORMOUS_LINES = {
    "sentences": (REVIEW_TEXT + " ") * (400_000 // len(REVIEW_TEXT) + 1),
    "words-no-punctuation": "exercise " * 45_000,
    "one-400k-word": "a" * 400_000,
}


@pytest.mark.parametrize("name", list(ENORMOUS_LINES), ids=list(ENORMOUS_LINES))
def test_an_enormous_single_line_is_split_in_bounded_time(tmp_path: Path, name: str) -> None:
    raw = ENORMOUS_LINES[name][:400_000]
    started = time.perf_counter()
    doc, sentences = split_text(tmp_path, raw)
    assert time.perf_counter() - started < 60
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(raw.rstrip())
    for before, after in zip(sentences, sentences[1:]):
        assert before.end <= after.start  # in order, nothing quoted twice
        assert not raw[before.end : after.start].strip()  # and nothing dropped between them
    for s in sentences[:: max(len(sentences) // 200, 1)]:
        assert quote_of_parts(doc, s) == s.text


def test_long_paragraph_splits_as_pysbd_would_at_chunk_ends() -> None:
    # The chunks are cut after a sentence end: the sentences of a long paragraph are those of its parts.
    said = [f"Patient {i} walked {i % 7 + 1} km on the {'first second third'.split()[i % 3]} day of the trial." for i in range(600)]
    paragraph = " ".join(said)
    spans = _sentence_spans(paragraph)
    assert len(paragraph) > 4 * PYSBD_CHUNK
    assert [paragraph[a:b] for a, b in spans] == said


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@pytest.mark.parametrize(
    "heading, marks",
    [
        ("### ~~Old advice on pruning~~", "struck through"),
        ("### <del>Old advice on pruning</del>", "struck through"),
        ("### Old advice on pruning", ""),
        ("## Old advice on pruning", ""),
    ],
)
def test_a_struck_through_heading_is_kept_as_a_flag_and_the_quote_stays_plain(tmp_path, suffix, heading, marks):
    path = tmp_path / f"garden{suffix}"
    path.write_text(
        f"# Roses\n\n{heading}\n\nPrune roses hard in late winter before the buds open.\n\n"
        "### Watering\n\nWater the roots deeply once a week in dry weather.\n",
        encoding="utf-8",
    )
    doc = load_document(path, path.name, {})
    sentences = {s.text: s for s in split_document(doc)}
    pruning = sentences["Prune roses hard in late winter before the buds open."]
    assert pruning.section == "Old advice on pruning" and pruning.section_marks == marks
    assert sentences["Water the roots deeply once a week in dry weather."].section_marks == ""
