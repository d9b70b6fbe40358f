"""Metamorphic checks: a yes/no question asked the other way round must get the opposite lead.

Each yes/no question of a set is mirrored by general means: one of its words replaced by a WordNet antonym ("Is yoga
bad for ALS?" → "Is yoga good for ALS?", "Does exercise make ALS progress faster?" → "…slower?"). A mirror's lead must
be the original's turned round: yes (with or without conditions) ↔ no; "sources disagree" and "no position" stay as
they are. A pair is a test of the class (the claim read the right way round), not of one question: the mirrors are
made by the resource, not written for the set. Questions with no word WordNet gives an opposite for are not mirrored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.language import relations
from assistant.language.framing import FRAME

_WORD = re.compile(r"[A-Za-z]+")
_YES = {"yes", "yes, with conditions"}
_KEPT = {"sources disagree", "no position"}


@dataclass(frozen=True)
class Mirror:
    question: str
    mirrored: str
    swapped: tuple[str, str]  # (word, its opposite)


def mirror(question: str) -> Mirror | None:
    """The question with its first word that is a head adjective with a direct WordNet opposite replaced by it ("safe"
    → "dangerous", "bad" → "good", "faster" → "slower"). Head adjectives only: satellites and relational adjectives
    gave "next day" → "preceding day", "alone" → "social"."""
    if not relations.available():
        return None
    for m in _WORD.finditer(question):
        word = m.group(0)
        if word.lower() in FRAME:
            continue
        opposites = relations.head_opposites(word.lower())
        if opposites:
            opposite = _inflected(word.lower(), opposites[0])
            opposite = opposite.capitalize() if word[0].isupper() else opposite
            return Mirror(question, question[: m.start()] + opposite + question[m.end() :], (word, opposite))
    return None


def _inflected(word: str, opposite: str) -> str:
    """The opposite in the word's degree: "faster" → "slower", "worst" → "best" are left as WordNet has them."""
    base = relations.base_forms(word) - {word}
    if word.endswith("er") and word[:-2] in base | {word[:-2]}:
        return opposite + ("r" if opposite.endswith("e") else "er")
    return opposite


def consistent(original: str, mirrored: str) -> bool:
    """The mirror's lead turns the original's round (a declined or factual answer on either side is not consistent)."""
    if original in _YES:
        return mirrored == "no"
    if original == "no":
        return mirrored in _YES
    return original in _KEPT and mirrored == original


def check(assistant: Any, questions: Iterable[str]) -> dict[str, Any]:
    """Mirror each yes/no question, ask both as written, and report how many leads turned round."""
    from assistant.language.terms import asks_yes_or_no

    rows: list[dict[str, Any]] = []
    for question in questions:
        if not asks_yes_or_no(question) or (m := mirror(question)) is None:
            continue
        a = assistant.ask(m.question, as_written=True).verdict
        b = assistant.ask(m.mirrored, as_written=True).verdict
        rows.append(
            {"question": m.question, "mirrored": m.mirrored, "lead": str(a), "mirrored_lead": str(b), "consistent": consistent(a, b)}
        )
    held = sum(1 for r in rows if r["consistent"])
    return {"pairs": len(rows), "consistent": held, "consistency": round(held / len(rows), 3) if rows else None, "rows": rows}
