"""Inline cleaning that remembers where every kept character came from.

Quotes must be a source's own words, so cleaning only ever drops characters
(markup, reference markers, line-end hyphens) or turns a run of whitespace
into one space; it never rewrites a word. Each kept character records its
offset in the raw text, which is how sentences get exact start/end offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")

# Markdown and HTML that must never reach a quote. Each pattern names the groups to keep.
_MD_DROP = [
    re.compile(r"\{\{[%<].*?[%>]\}\}", re.S),  # site template shortcodes
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # images
    re.compile(r"\[\^[^\]\n]+\]"),  # footnote markers
    re.compile(r"</?[A-Za-z][^<>\n]*>"),  # raw HTML tags and <autolinks>
    re.compile(r"\*\*|__|~~|`"),  # bold, strike-through, code
]
_MD_LINK = re.compile(r"(\[)([^\]\n]*)(\]\([^)\n]*\))")  # keep the link text only
_MD_ITALIC = re.compile(r"(?<![*\w])(\*)(?=[^\s*])[^*\n]*?(?<=[^\s*])(\*)(?![*\w])")


@dataclass
class MappedText:
    """Cleaned text plus, per character, its offset in the raw text."""

    chars: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    seams: list[int] = field(default_factory=list)  # cleaned offsets where two raw runs were joined

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def extend(self, other: MappedText, separator_at: int | None = None) -> None:
        """Append another piece, joined by one space mapped to `separator_at`, marking a seam."""
        if self.chars and other.chars:
            self.chars.append(" ")
            self.origin.append(self.origin[-1] + 1 if separator_at is None else separator_at)
            self.seams.append(len(self.chars))
        offset = len(self.chars)
        self.chars.extend(other.chars)
        self.origin.extend(other.origin)
        self.seams.extend(offset + s for s in other.seams)

    def runs(self, a: int, b: int) -> list[tuple[int, int]]:
        """Raw (start, end) runs covering cleaned characters [a, b), split at seams."""
        cuts = [a] + [s for s in self.seams if a < s < b] + [b]
        runs = []
        for lo, hi in zip(cuts, cuts[1:]):
            while lo < hi and self.chars[lo] == " ":
                lo += 1
            while hi > lo and self.chars[hi - 1] == " ":
                hi -= 1
            if lo < hi:
                runs.append((self.origin[lo], self.origin[hi - 1] + 1))
        return runs


def markup_ranges(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Raw ranges inside [start, end) that are Markdown/HTML syntax, not words."""
    segment = raw[start:end]
    drops: list[tuple[int, int]] = []
    for pattern in _MD_DROP:
        drops += [(start + m.start(), start + m.end()) for m in pattern.finditer(segment)]
    for m in _MD_LINK.finditer(segment):
        drops += [(start + m.start(1), start + m.end(1)), (start + m.start(3), start + m.end(3))]
    for m in _MD_ITALIC.finditer(segment):
        drops += [(start + m.start(1), start + m.end(1)), (start + m.start(2), start + m.end(2))]
    return drops


def clean_span(
    raw: str,
    start: int,
    end: int,
    *,
    markdown: bool = False,
    skips: Iterable[tuple[int, int]] = (),
    keep_hyphen: Callable[[str, str], bool] = lambda left, right: False,
) -> MappedText:
    """Clean raw[start:end] into a MappedText: drop markup, join line-end hyphens, collapse spaces."""
    dropped = bytearray(end - start)
    ranges = list(skips) + (markup_ranges(raw, start, end) if markdown else [])
    for a, b in ranges:
        for i in range(max(a, start), min(b, end)):
            dropped[i - start] = 1
    out = MappedText()
    i = start
    while i < end:
        c = raw[i]
        if dropped[i - start] or c in SUPERSCRIPTS:
            i += 1
            continue
        if c.isspace():
            j = i
            while j < end and (raw[j].isspace() or dropped[j - start] or raw[j] in SUPERSCRIPTS):
                j += 1
            hyphen = _line_end_hyphen(out, raw, i, j, end, keep_hyphen)
            if hyphen == "join":
                out.chars.pop()
                out.origin.pop()
            elif out.chars and j < end and hyphen != "keep":
                out.chars.append(" ")
                out.origin.append(i)
            i = j
            continue
        out.chars.append(c)
        out.origin.append(i)
        i += 1
    while out.chars and out.chars[-1] == " ":
        out.chars.pop()
        out.origin.pop()
    return out


def _line_end_hyphen(out: MappedText, raw: str, ws: int, nxt: int, end: int, keep_hyphen: Callable[[str, str], bool]) -> str | None:
    """A hyphen ending a line inside a word: "join" the halves, "keep" the hyphen (a real compound), or None."""
    if "\n" not in raw[ws:nxt] or len(out.chars) < 2 or out.chars[-1] != "-" or not out.chars[-2].isalpha():
        return None
    if nxt >= end or not raw[nxt].isalpha():
        return None
    if not raw[nxt].islower():
        return "keep"
    left = re.search(r"[A-Za-z]+$", "".join(out.chars[-40:-1]))
    right = re.match(r"[a-z]+", raw[nxt : nxt + 40])
    return "keep" if keep_hyphen(left.group(0) if left else "", right.group(0) if right else "") else "join"


_QUOTE_PREFIX = re.compile(r"(?m)^[ \t]{0,3}(?:>[ \t]?)+")


def normalise(text: str, *, markdown: bool = False, keep_hyphen: Callable[[str, str], bool] = lambda left, right: False) -> str:
    """The quote form of a raw span: the same cleaning, applied to a string on its own."""
    skips = [m.span() for m in _QUOTE_PREFIX.finditer(text)] if markdown else []
    return clean_span(text, 0, len(text), markdown=markdown, skips=skips, keep_hyphen=keep_hyphen).text.strip()


def hyphen_vocabulary(raw: str) -> Callable[[str, str], bool]:
    """Keep a line-end hyphen when the document writes that compound with a hyphen elsewhere."""
    # Matches start at a word's first letter only: otherwise one long run of letters backtracks quadratically.
    hyphenated = {m.group(0).lower() for m in re.finditer(r"(?<![A-Za-z])[A-Za-z]+-[A-Za-z]+", raw)}
    joined = {m.group(0).lower() for m in re.finditer(r"[A-Za-z]+", raw)}

    def keep(left: str, right: str) -> bool:
        compound = f"{left}-{right}".lower()
        return compound in hyphenated and (left + right).lower() not in joined

    return keep
