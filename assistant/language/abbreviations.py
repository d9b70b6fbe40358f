"""Short forms a document defines for itself: "atrial fibrillation (AF)", "coronary artery bypass grafting (CABG)".

Research writing names a thing in full once and by its short form afterwards, so a sentence saying "AF after
CABG" is about atrial fibrillation and bypass grafting although it holds neither word. The pairs are found as
Schwartz and Hearst (2003, "A simple algorithm for identifying abbreviation definitions in biomedical text")
find them: a short form in parentheses whose letters, read backwards, occur in order in the words just before
it, its first letter starting a word. The `abbreviations` package on PyPI implements the same algorithm, but
has not been released since 2019; this is the algorithm's core, about thirty lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_PARENTHESISED = re.compile(r"\(([^()\s;,]{2,10})\)")
_REACH = 400


def defined(text: str) -> dict[str, str]:
    """Short form → long form, for each definition in the text ("… atrial fibrillation (AF) …" → {"AF": "atrial
    fibrillation"}). Only short forms with a capital letter: a word in parentheses in lower case ("(daily)") is an
    aside, not a definition."""
    found: dict[str, str] = {}
    for m in _PARENTHESISED.finditer(text):
        short = m.group(1)
        if not short[0].isalnum() or not any(c.isupper() for c in short):
            continue
        # At most 20 words before the parenthesis are read: 400 characters hold them (a first word cut off is dropped),
        # and reading only those keeps a long document with many parentheses linear.
        start = max(0, m.start() - _REACH)
        before = text[start : m.start()].split()[1 if start else 0 :]
        window = " ".join(before[-min(len(short) + 5, 2 * len(short)) :])
        long = _long_form(short, window)
        if long and len(long) > len(short) and long.lower() != short.lower():
            found.setdefault(short, long)
    return found


def _long_form(short: str, text: str) -> str | None:
    """The shortest end of `text` in which the short form's letters occur in order, the first starting a word."""
    s, i = len(short) - 1, len(text) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (text[i].lower() != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i, s = i - 1, s - 1
    start = text.rfind(" ", 0, i + 2) + 1
    return text[start:].strip(" ,;:") or None


def both_forms(text: str, forms: Mapping[str, str]) -> str:
    """The text followed by the long form of each short form it uses alone, and the short form of each long form it
    spells out alone: what BM25 indexes, so that a claim naming either form finds the sentence ("AF after CABG" is
    found by "atrial fibrillation"). A short form is matched as written, a long form in any case."""
    lowered = text.lower()
    added = []
    for short, long in forms.items():
        has_short = re.search(rf"(?<![A-Za-z0-9]){re.escape(short)}(?![A-Za-z0-9])", text) is not None
        has_long = long.lower() in lowered
        if has_short != has_long:
            added.append(long if has_short else short)
    return f"{text} {' '.join(added)}" if added else text
