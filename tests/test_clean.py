"""assistant.read.clean: cleaning only drops characters or collapses whitespace, and every kept char knows its origin."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.read.clean import MappedText, clean_span, hyphen_vocabulary, normalise


def assert_origins_point_home(raw: str, out: MappedText) -> None:
    """Each kept char came from the same char in raw (or from whitespace, for a space); origins increase."""
    assert len(out.chars) == len(out.origin)
    for i, (ch, at) in enumerate(zip(out.chars, out.origin)):
        assert 0 <= at < len(raw), (i, at)
        assert raw[at] == ch or (ch == " " and raw[at].isspace()), (i, ch, at, raw[at])
    assert all(a < b for a, b in zip(out.origin, out.origin[1:])), out.origin


def clean(raw: str, **kwargs) -> MappedText:
    return clean_span(raw, 0, len(raw), **kwargs)


# --- clean_span: one table of (raw, markdown, expected text) -------------------------------------------------

CASES = [
    # line-end hyphens
    ("Reha-\nbilitation plays a role", False, "Rehabilitation plays a role"),
    ("Reha- \n  bilitation", False, "Rehabilitation"),
    ("nutritional supple-\nments, communication", False, "nutritional supplements, communication"),
    ("x-\n ray", False, "xray"),
    ("COVID-\n19 cases", False, "COVID- 19 cases"),  # a digit after the hyphen is not a word half
    ("well-known result", False, "well-known result"),  # a hyphen inside a line is never touched
    # whitespace
    ("a  b\n\n c\t d", False, "a b c d"),
    ("   leading and trailing   \n", False, "leading and trailing"),
    ("line one\nline two", False, "line one line two"),
    ("non\u00a0breaking\u2009space", False, "non breaking space"),
    # superscript reference digits
    ("effects¹² were seen", False, "effects were seen"),
    ("good relief.²", False, "good relief."),
    ("up to 74%⁴⁵ of patients", False, "up to 74% of patients"),
    # unicode letters survive untouched
    ("Schröder and Groß, naïve café 運動", False, "Schröder and Groß, naïve café 運動"),
    # markdown syntax dropped in markdown mode
    ("**Aerobic exercise** can help", True, "Aerobic exercise can help"),
    ("__bold__ words", True, "bold words"),
    ("### ~~Strengthening exercises~~", True, "### Strengthening exercises"),  # '#' markers are block skips, not inline
    ("see [the study](https://example.org/a) for more", True, "see the study for more"),
    ("![a figure](fig.png) Caption text", True, "Caption text"),
    ("push through the fatigue.[^1]", True, "push through the fatigue."),
    ("<b>bold</b> text", True, "bold text"),
    ('<a class="btn" href="x.pdf">Download PDF</a> now', True, "Download PDF now"),
    ("DOI: <https://doi.org/10.51244/x>", True, "DOI:"),
    ("{{% article-note %}} Articles", True, "Articles"),
    ("{{< figure src=x >}} After", True, "After"),
    ("*Journal of Neurology*, 263(1), 52-60.", True, "Journal of Neurology, 263(1), 52-60."),
    ("run `code` here", True, "run code here"),
    ("2 * 3 * 4 stays", True, "2 * 3 * 4 stays"),  # spaced asterisks are not italics
    ("a professional* who can help", True, "a professional* who can help"),  # a lone footnote star
    # ...and kept as written in plain mode
    ("**Aerobic exercise** can help", False, "**Aerobic exercise** can help"),
    ("### ~~Strengthening exercises~~", False, "### ~~Strengthening exercises~~"),
    ("see [the study](https://example.org/a) for more", False, "see [the study](https://example.org/a) for more"),
    ("push through the fatigue.[^1]", False, "push through the fatigue.[^1]"),
    ("<b>bold</b> text", False, "<b>bold</b> text"),
    ("{{% article-note %}} Articles", False, "{{% article-note %}} Articles"),
    ("*Journal of Neurology*, 263", False, "*Journal of Neurology*, 263"),
]
CASE_IDS = [
    "hyphen-join",
    "hyphen-join-spaces-around-newline",
    "hyphen-join-mid-sentence",
    "hyphen-join-indented-next-line",
    "hyphen-digit-after-not-joined",
    "inline-hyphen-untouched",
    "whitespace-collapse",
    "whitespace-strip-ends",
    "newline-becomes-space",
    "unicode-spaces-collapse",
    "superscripts-dropped",
    "superscript-after-full-stop",
    "superscripts-after-percent",
    "unicode-letters-kept",
    "md-bold",
    "md-underscore-bold",
    "md-strike",
    "md-link-keeps-text",
    "md-image-dropped",
    "md-footnote-marker",
    "md-html-tags",
    "md-html-anchor",
    "md-autolink",
    "md-shortcode-percent",
    "md-shortcode-angle",
    "md-italic",
    "md-inline-code",
    "md-spaced-asterisks-kept",
    "md-lone-asterisk-kept",
    "plain-bold-kept",
    "plain-strike-kept",
    "plain-link-kept",
    "plain-footnote-kept",
    "plain-html-kept",
    "plain-shortcode-kept",
    "plain-italic-kept",
]


@pytest.mark.parametrize(("raw", "markdown", "expected"), CASES, ids=CASE_IDS)
def test_clean_span_text(raw: str, markdown: bool, expected: str) -> None:
    assert clean(raw, markdown=markdown).text == expected


@pytest.mark.parametrize(("raw", "markdown", "expected"), CASES, ids=CASE_IDS)
def test_clean_span_origins_point_at_raw(raw: str, markdown: bool, expected: str) -> None:
    assert_origins_point_home(raw, clean(raw, markdown=markdown))


@pytest.mark.parametrize(("raw", "markdown", "expected"), CASES, ids=CASE_IDS)
def test_normalise_is_clean_span_stripped(raw: str, markdown: bool, expected: str) -> None:
    assert normalise(raw, markdown=markdown) == expected.strip()


def test_clean_span_respects_window_and_skips() -> None:
    raw = "XXX keep this [1] and this YYY"
    start, end = raw.index("keep"), raw.index(" YYY")
    skip = (raw.index("[1]"), raw.index("[1]") + 3)
    out = clean_span(raw, start, end, skips=[skip])
    assert out.text == "keep this and this"
    assert out.origin[0] == start and out.origin[-1] == end - 1
    assert_origins_point_home(raw, out)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uppercase-\nAfter", "Uppercase"),
        ("non-\nAmerican", "non"),
        ("ALS-\nFRS", "ALS"),
    ],
    ids=["capitalised-word", "lowercase-left", "acronym"],
)
def test_hyphen_before_uppercase_is_not_joined(raw: str, expected: str) -> None:
    text = clean(raw).text
    left, right = raw.split("-\n")
    assert text.startswith(left + "-") and text.endswith(right)
    assert left + right not in text


# --- hyphen_vocabulary ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "left", "right", "keep"),
    [
        ("downstream anti-inflammatory pathways", "anti", "inflammatory", True),
        ("Anti-Inflammatory drugs", "anti", "inflammatory", True),
        ("anti-inflammatory or antiinflammatory", "anti", "inflammatory", False),
        ("nothing hyphenated here", "anti", "inflammatory", False),
        ("Reha- bilitation", "Reha", "bilitation", False),  # a hyphen followed by a space is no compound
        ("strength-building exercises", "strength", "building", True),
    ],
    ids=["compound-elsewhere", "case-insensitive", "joined-form-also-present", "never-hyphenated", "spaced-hyphen", "other-compound"],
)
def test_hyphen_vocabulary(raw: str, left: str, right: str, keep: bool) -> None:
    assert hyphen_vocabulary(raw)(left, right) is keep


def test_line_end_hyphen_kept_for_known_compound() -> None:
    raw = "activating downstream anti-\ninflammatory pathways; anti-inflammatory drugs"
    text = clean(raw, keep_hyphen=hyphen_vocabulary(raw)).text
    assert "antiinflammatory" not in text
    assert text.startswith("activating downstream anti-")


def test_line_end_hyphen_joined_without_vocabulary() -> None:
    raw = "activating downstream anti-\ninflammatory pathways"
    assert clean(raw).text == "activating downstream antiinflammatory pathways"


def test_kept_line_end_hyphen_has_no_space_after_it() -> None:
    raw = "activating downstream anti-\ninflammatory pathways; anti-inflammatory drugs"
    text = clean(raw, keep_hyphen=hyphen_vocabulary(raw)).text
    assert text == "activating downstream anti-inflammatory pathways; anti-inflammatory drugs"


# --- normalise in markdown mode: quote prefixes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "markdown", "expected"),
    [
        ("> quoted line\n> continues here", True, "quoted line continues here"),
        ("> > nested quote", True, "nested quote"),
        ("> quoted line\n> continues here", False, "> quoted line > continues here"),
        ("a > b inside a line", True, "a > b inside a line"),
    ],
    ids=["quote-prefixes-dropped", "nested-prefix", "plain-keeps-prefix", "mid-line-gt-kept"],
)
def test_normalise_quote_prefixes(raw: str, markdown: bool, expected: str) -> None:
    assert normalise(raw, markdown=markdown) == expected


# --- MappedText: extend/seams/runs (how healed sentences map back to two raw runs) ----------------------------


def test_extend_marks_seam_and_runs_split_there() -> None:
    raw = "first part of it\nTABLE ROW\nsecond part here"
    a_end = raw.index("\nTABLE")
    b_start = raw.index("second")
    first = clean_span(raw, 0, a_end)
    second = clean_span(raw, b_start, len(raw))
    first.extend(second, separator_at=b_start - 1)
    assert first.text == "first part of it second part here"
    assert first.seams == [len("first part of it ")]
    assert first.runs(0, len(first.text)) == [(0, a_end), (b_start, len(raw))]
    assert_origins_point_home(raw, first)
    joined = " ".join(raw[a:b] for a, b in first.runs(0, len(first.text)))
    assert normalise(joined) == first.text


def test_runs_trim_spaces_and_stay_inside_cleaned_range() -> None:
    raw = "alpha  beta   gamma"
    out = clean(raw)
    a = out.text.index("beta") - 1  # start on the space before 'beta'
    b = out.text.index("beta") + len("beta") + 1  # end on the space after it
    assert out.runs(a, b) == [(raw.index("beta"), raw.index("beta") + 4)]


def test_extend_onto_empty_adds_no_separator() -> None:
    out = MappedText()
    out.extend(clean("word"))
    assert out.text == "word" and out.seams == []


# --- property: any text of words, breaks and unicode ----------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéßüøñçÉÜ運動筋肉"
word = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=8)
sup = st.text(alphabet="¹²³⁴", max_size=2)
SPACE_SEPS = [" ", "  ", "\t", "\n", " \n  ", "\n\n", "\u00a0"]
separator = st.one_of(
    st.sampled_from(SPACE_SEPS).map(lambda s: ("space", s)), st.sampled_from(["-\n", "- \n", "-\n  "]).map(lambda s: ("hyphen", s))
)


@st.composite
def hyphenated_text(draw):  # type: ignore[no-untyped-def]
    """(raw, words after cleaning) built from words, superscript markers and separators."""
    n = draw(st.integers(min_value=1, max_value=12))
    words = [draw(word) for _ in range(n)]
    marks = [draw(sup) for _ in range(n)]
    seps = [draw(separator) for _ in range(n - 1)]
    lead = draw(st.sampled_from(["", " ", "\n", "  \n"]))
    tail = draw(st.sampled_from(["", " ", "\n", " \n "]))
    raw = lead
    expected = ""
    for i, w in enumerate(words):
        raw += w + marks[i]
        expected += w
        if i < n - 1:
            kind, sep = seps[i]
            raw += sep
            nxt = words[i + 1]
            if kind == "hyphen":
                # letter, hyphen, line end, lowercase letter: a typesetting break, joined;
                # before a capital (a name like "Bello-\nHaas") the hyphen stays, without a space
                if w[-1].isalpha() and nxt[0].isalpha():
                    expected += "" if nxt[0].islower() else "-"
                else:
                    expected += "- "
            else:
                expected += " "
    return raw + tail, expected


@settings(max_examples=300, deadline=None)
@given(hyphenated_text())
def test_property_origins_and_words(case: tuple[str, str]) -> None:
    raw, expected = case
    out = clean(raw)
    assert_origins_point_home(raw, out)
    assert out.text == expected
    assert normalise(raw) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LETTERS + " \n\t-*[]()#>_~`<>{}%^!¹²", max_size=60), st.booleans())
def test_property_cleaning_only_drops_or_collapses(raw: str, markdown: bool) -> None:
    out = clean(raw, markdown=markdown)
    assert_origins_point_home(raw, out)
    assert "  " not in out.text and out.text == out.text.strip()
    # every non-space output char is a raw char, in order: the output is a subsequence of the raw text
    it = iter(raw)
    assert all(ch in it for ch in out.text.replace(" ", ""))
    assert not re.search(r"\s", out.text.replace(" ", ""))
