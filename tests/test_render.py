"""Side headings say what a side means for the question as asked."""

from __future__ import annotations

import pytest

from assistant.judge.reading import claim_of
from assistant.render.text import side_heading
from assistant.results import Answer


@pytest.mark.parametrize(
    "question, verdict, side, heading",
    [
        ("Is stretching helpful?", "yes, with conditions", "mixed", "Says yes, with conditions"),
        # "Says yes, with conditions" over a source that recommends stretching would read as "harmful, sometimes".
        ("Is stretching harmful?", "no", "mixed", "Says it depends"),
        ("Should I avoid weights?", "sources disagree", "mixed", "Says it depends"),
        ("Is stretching harmful?", "no", "against", "Says no"),
        ("Is stretching harmful?", "no", "none", "Takes no position"),
        ("How often should I stretch?", "factual", "none", "In the sources' words"),
    ],
)
def test_side_heading(question, verdict, side, heading):
    """The renderer reads the answer's record (`asked_against`, set by compose from the question's Claim), not the question."""
    answer = Answer(question, True, "lead", verdict=verdict, asked_against=claim_of(question).turned)
    assert side_heading(answer, side) == heading


def _cite(n, source):
    from assistant.results import Citation

    return Citation(n, source, source.title(), "kind", "2020", f"quote {n}", 0, 1, None, None, 0.5)


def test_sides_group_consecutive_sources_of_one_side_in_order():
    from assistant.render.text import sides
    from assistant.results import SourceStance

    stances = (
        SourceStance("a", "A", "kind", "2020", "against", (1, 2)),
        SourceStance("b", "B", "kind", "2020", "against", (3,)),
        SourceStance("c", "C", "kind", "2020", "mixed", (4,)),
        SourceStance("d", "D", "kind", "2020", "none", ()),
    )
    answer = Answer(
        "Is stretching harmful?",
        True,
        "lead",
        citations=tuple(_cite(n, s) for n, s in ((1, "a"), (2, "a"), (3, "b"), (4, "c"))),
        stances=stances,
        verdict="no",
        asked_against=True,
    )
    got = [(g.side, g.heading, [(s.source, [c.n for c in cites]) for s, cites in g.sources]) for g in sides(answer)]
    assert got == [
        ("against", "Says no", [("a", [1, 2]), ("b", [3])]),
        ("mixed", "Says it depends", [("c", [4])]),
        ("none", "Takes no position", [("d", [])]),
    ]
