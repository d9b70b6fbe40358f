"""Who a question is about, wherever it says so: the words a source may share with others, not what is asked."""

from __future__ import annotations

import pytest

from assistant.language.framing import who_words


@pytest.mark.parametrize(
    "question, who",
    [
        ("Is raking good for people with arthritis?", {"for", "people", "with", "arthritis"}),
        ("Is weeding ok if I have arthritis?", {"if", "i", "have", "arthritis"}),
        # Said at the start of a clause, before the question: who has what.
        ("My mum has arthritis, should she keep gardening?", {"my", "mum", "has", "arthritis"}),
        ("I have arthritis. Can I rake leaves?", {"i", "have", "arthritis"}),
        ("Our son was diagnosed with asthma; can he run?", {"our", "son", "was", "diagnosed", "with", "asthma"}),
        # Not where "have" is what is asked, nor inside the question.
        ("Can I have a rest between rows?", set()),
        ("Should I have my roses pruned?", set()),
        ("Is raking good?", set()),
    ],
)
def test_who_the_question_is_about(question, who):
    assert who_words(question) == who
