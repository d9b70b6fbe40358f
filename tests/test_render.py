"""Side headings say what a side means for the question as asked."""

from __future__ import annotations

import pytest

from assistant.records import Answer
from assistant.render import side_heading


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
    answer = Answer(question, True, "lead", verdict=verdict)
    assert side_heading(answer, side) == heading
