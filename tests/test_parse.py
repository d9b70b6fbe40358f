"""assistant.read.parse: raw text → blocks by line layout, each block keeping its raw offsets."""

from __future__ import annotations

import pytest

from assistant.read.parse import Block, parse_blocks


def layout(raw: str, markdown: bool = False, body_start: int = 0) -> list[tuple[str, str]]:
    """(kind, raw text) per block: the shape tests compare against."""
    return [(b.kind, raw[b.start : b.end]) for b in parse_blocks(raw, body_start, markdown)]


def only(blocks: list[Block], kind: str) -> list[Block]:
    return [b for b in blocks if b.kind == kind]


CASES = [
    (
        "# Title\n\nSome text here.\n\n### Sub heading\nMore text.",
        True,
        [("heading", "# Title"), ("para", "Some text here."), ("heading", "### Sub heading"), ("para", "More text.")],
    ),
    (
        "- first item\n- second item\n• third item\n1. numbered\n2) numbered two\n(3) paren item\n● dot item",
        False,
        [
            ("item", "- first item"),
            ("item", "- second item"),
            ("item", "• third item"),
            ("item", "1. numbered"),
            ("item", "2) numbered two"),
            ("item", "(3) paren item"),
            ("item", "● dot item"),
        ],
    ),
    (
        "  • Talk with your practitioner first and ask for\n    specific recommendations.\n\n  • Take all medications.",
        False,
        [
            ("item", "  • Talk with your practitioner first and ask for\n    specific recommendations."),
            ("item", "  • Take all medications."),
        ],
    ),
    ("Type\tStudies\tOutcome\nStretching\tNo RCT\t-", False, [("table", "Type\tStudies\tOutcome"), ("table", "Stretching\tNo RCT\t-")]),
    (
        "Intro paragraph ends here.\n\nTable 1\nExercise studies in ALS\n\nType\tStudies\tOutcome\n\nStrengthening improved\n\n"
        "The trial showed a small effect in most of the patients\nwho took part in it, and the authors were careful.",
        False,
        [
            ("para", "Intro paragraph ends here."),
            ("table", "Table 1\nExercise studies in ALS"),
            ("table", "Type\tStudies\tOutcome"),
            ("table", "Strengthening improved"),
            ("para", "The trial showed a small effect in most of the patients\nwho took part in it, and the authors were careful."),
        ],
    ),
    (
        "The patients were tired.\n\nMETHODS\n\nWe did things.",
        False,
        [("para", "The patients were tired."), ("heading", "METHODS"), ("para", "We did things.")],
    ),
    (
        "The patients were tired.\nRESULTS AND DISCUSSION\nMost patients improved.",
        False,
        [("para", "The patients were tired."), ("heading", "RESULTS AND DISCUSSION"), ("para", "Most patients improved.")],
    ),
    (
        "The patients were tired.\nMethods and results\nMost patients improved.",
        False,
        [("para", "The patients were tired."), ("heading", "Methods and results"), ("para", "Most patients improved.")],
    ),
    (
        "The patients were tired and\nMethods and results\nMost patients improved.",
        False,
        [("para", "The patients were tired and\nMethods and results\nMost patients improved.")],
    ),
    (
        "The patients were tired.\nMethods and results\nmost patients improved.",
        False,
        [("para", "The patients were tired.\nMethods and results\nmost patients improved.")],
    ),
    (
        "Text.\n\nJanuary 27, 2015\n\n27 Jan 2015\n\n2015-01-27\n\nApril 01, 2010\n\nMore text here.",
        False,
        [
            ("para", "Text."),
            ("furniture", "January 27, 2015"),
            ("furniture", "27 Jan 2015"),
            ("furniture", "2015-01-27"),
            ("furniture", "April 01, 2010"),
            ("para", "More text here."),
        ],
    ),
    (
        "Body text that is long enough, with more than twelve words, to be prose and not a heading.[^1]\n\n[^1]: https://example.com/a\n\n{{% article-note %}}\n\nMore.",
        True,
        [
            ("para", "Body text that is long enough, with more than twelve words, to be prose and not a heading.[^1]"),
            ("furniture", "[^1]: https://example.com/a"),
            ("furniture", "{{% article-note %}}"),
            ("para", "More."),
        ],
    ),
    (
        '<a class="btn" href="x.pdf">Download PDF</a>\n\nText follows.',
        True,
        [("furniture", '<a class="btn" href="x.pdf">Download PDF</a>'), ("para", "Text follows.")],
    ),
    (
        "Done.\n\nThe debate surrounding activity and amyotrophic\n\nlateral sclerosis\n\nBody text starts here.",
        False,
        [
            ("para", "Done."),
            ("heading", "The debate surrounding activity and amyotrophic\n\nlateral sclerosis"),
            ("para", "Body text starts here."),
        ],
    ),
]
CASE_IDS = [
    "markdown-headings",
    "bullets-and-numbers",
    "wrapped-bullet-continues",
    "tab-rows-are-table",
    "table-caption-region-then-prose",
    "all-caps-heading-alone",
    "all-caps-heading-inside-paragraph",
    "plain-heading-inside-paragraph",
    "no-heading-after-unfinished-line",
    "no-heading-before-lowercase-line",
    "date-lines-furniture",
    "footnote-def-and-shortcode-furniture",
    "html-line-furniture",
    "heading-wrapped-onto-lowercase-line",
]


@pytest.mark.parametrize(("raw", "markdown", "expected"), CASES, ids=CASE_IDS)
def test_parse_blocks_layout(raw: str, markdown: bool, expected: list[tuple[str, str]]) -> None:
    assert layout(raw, markdown) == expected


@pytest.mark.parametrize(("raw", "markdown", "expected"), CASES, ids=CASE_IDS)
def test_blocks_are_ordered_disjoint_and_inside_text(raw: str, markdown: bool, expected: list[tuple[str, str]]) -> None:
    blocks = parse_blocks(raw, 0, markdown)
    for block in blocks:
        assert 0 <= block.start < block.end <= len(raw)
        assert raw[block.start : block.end].strip(), block
        for a, b in block.skips:
            assert block.start <= a < b <= block.end
    assert all(x.end <= y.start for x, y in zip(blocks, blocks[1:]))


@pytest.mark.parametrize(
    ("raw", "levels"),
    [("# One\n\n## Two\n\n###### Six", [1, 2, 6]), ("#Not a heading\n\n####### Seven", [])],
    ids=["levels-1-2-6", "no-space-or-seven-hashes"],
)
def test_markdown_heading_levels_and_marker_skips(raw: str, levels: list[int]) -> None:
    headings = only(parse_blocks(raw, 0, markdown=True), "heading")
    assert [h.level for h in headings] == levels
    for h in headings:
        ((a, b),) = h.skips
        assert raw[a:b] == "#" * h.level + " "


def test_markdown_heading_is_plain_text_outside_markdown() -> None:
    assert "heading" not in [kind for kind, _ in layout("# Title\n\nSome text here.", markdown=False)]


def test_plain_heading_levels() -> None:
    blocks = parse_blocks("Done.\n\nRESULTS\n\nDone.\n\nMethods used\n\nDone.", 0, False)
    assert [(b.kind, b.level) for b in only(blocks, "heading")] == [("heading", 1), ("heading", 2)]


def test_quote_block_records_every_prefix_in_skips() -> None:
    raw = "> one\n> two\n>\n> three"
    (block,) = parse_blocks(raw, 0, markdown=True)
    assert block.kind == "quote" and block.lines == 4
    assert [raw[a:b] for a, b in block.skips] == ["> ", "> ", ">", "> "]
    assert (block.start, block.end) == (0, len(raw))


def test_quote_continues_over_lazy_line() -> None:
    raw = "> Although previous evidence suggests\nbetween heavily active lifestyles.\n\nAfter."
    blocks = parse_blocks(raw, 0, markdown=True)
    assert [b.kind for b in blocks] == ["quote", "para"]
    assert [raw[a:b] for a, b in blocks[0].skips] == ["> "]


def test_gt_is_not_a_quote_in_plain_text() -> None:
    assert layout("> not a quote in plain text", markdown=False) == [("para", "> not a quote in plain text")]


def test_item_marker_is_skipped() -> None:
    raw = "  • Talk with your practitioner.\n12. Twelfth point."
    items = parse_blocks(raw, 0, False)
    assert [raw[a:b] for b in items for a, b in b.skips] == ["  • ", "12. "]


def test_body_start_skips_front_matter() -> None:
    raw = "---\ntitle: X\n---\n# Head\n\nText."
    start = raw.index("# Head")
    assert layout(raw, markdown=True, body_start=start) == [("heading", "# Head"), ("para", "Text.")]


def test_paragraph_lines_counted() -> None:
    raw = "one line here\nand another line\nand a third."
    (block,) = parse_blocks(raw, 0, False)
    assert (block.kind, block.lines) == ("para", 3)


def test_table_tail_note_peeled_off_before_prose() -> None:
    raw = (
        "Table 1\nOutcomes\n\n"
        "extremity.\nThe first prospective randomized study examining the effect of strengthening exercise\n"
        "in patients who have ALS was published in 2003."
    )
    assert layout(raw) == [
        ("table", "Table 1\nOutcomes"),
        ("table", "extremity."),
        ("para", raw[raw.index("The first") :]),
    ]


@pytest.mark.parametrize(
    ("raw", "markdown"),
    [("Intro text.\n\nAvoid heavy weights.[^2]\n\nMore text.", True), ("Intro text.\n\nIt helps a lot.²\n\nMore text.", False)],
    ids=["footnote-marker", "superscript"],
)
def test_short_sentence_with_reference_marker_is_not_a_heading(raw: str, markdown: bool) -> None:
    assert [kind for kind, _ in layout(raw, markdown)] == ["para", "para", "para"]
