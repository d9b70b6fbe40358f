"""Text a person typed: on one line, visible characters only; a question refused when empty or too long."""

from __future__ import annotations

import unicodedata

from assistant.errors import QuestionError


def clean_question(question: str, limit: int) -> str:
    """The question as asked, minus control characters; empty or over-long questions are refused."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = visible_text(question)
    if not text:
        raise QuestionError("please type a question")
    if len(text) > limit:
        raise QuestionError(f"the question is {len(text)} characters long; please keep it under {limit}")
    return text


def visible_text(text: str) -> str:
    """The text on one line, single-spaced, without control or other invisible characters."""
    return " ".join("".join(_visible(ch) for ch in text).split())


def _visible(ch: str) -> str:
    # Control characters (tab, NUL, escape codes) part words like spaces. Format characters are dropped, so
    # "exer\u200bcise" stays one word and no direction override reaches a page; lone surrogates,
    # private-use and unassigned code points cannot be shown or encoded reliably.
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    return "" if category.startswith("C") else ch
