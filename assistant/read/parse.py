"""Raw text → blocks (headings, paragraphs, list items, quotes, tables, furniture).

Works line by line on the raw text so every block keeps its raw offsets.
Real documents arrive as PDF extractions and web pages, so plain-text
headings, flattened tables and page furniture are recognised by layout
cues (short unpunctuated lines, tab-separated rows, "Table 1" captions),
never by knowing a particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TERMINAL = ".?!:;"
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•●▪◦‣]|\(?\d{1,3}[.)])[ \t]+(?=\S)")
_FOOTNOTE_DEF = re.compile(r"^[ \t]{0,3}\[\^[^\]]+\]:")
_HTML_LINE = re.compile(r"^[ \t]*<[^>]+>.*<?/?[^>]*>?[ \t]*$")
_SHORTCODE_LINE = re.compile(r"^[ \t]*\{\{[%<].*[%>]\}\}[ \t]*$")
_CAPTION = re.compile(r"^[ \t]*(?:Table|Figure|Fig\.)[ \t]*\d+\b")
_DATE = re.compile(
    r"^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\s*$"
)


@dataclass
class Block:
    """A run of raw lines with one role; `skips` are raw ranges (line markers) not part of the words."""

    kind: str  # heading | para | item | quote | table | furniture
    start: int
    end: int
    skips: list[tuple[int, int]]
    level: int = 0
    lines: int = 1


def _lines(raw: str, start: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for line in raw[start:].split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def parse_blocks(raw: str, body_start: int = 0, markdown: bool = False) -> list[Block]:
    """Split raw[body_start:] into blocks by line layout."""
    blocks: list[Block] = []
    current: Block | None = None
    spans = _lines(raw, body_start)
    for i, (a, b) in enumerate(spans):
        line = raw[a:b]
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        kind, marker_end, level = _classify(line, markdown)
        if kind == "continue" and current is not None and current.kind == "item" and not markdown:
            # A PDF's list has no blank line after it: a heading line after an item that ended a sentence ends it.
            nxt = raw[slice(*spans[i + 1])].strip() if i + 1 < len(spans) else ""
            if ends_sentence(raw[current.start : current.end]) and _is_heading_text(stripped) and not nxt[:1].islower():
                current = None
        if kind == "continue" and current is not None and current.kind in ("para", "item", "quote"):
            current.end, current.lines = b, current.lines + 1
            if current.kind == "quote" and (m := _QUOTE.match(line)):
                current.skips.append((a, a + m.end()))
            continue
        if kind == "continue":
            kind = "para"
        if kind == "quote" and current is not None and current.kind == "quote":
            current.end, current.lines = b, current.lines + 1
            current.skips.append((a, a + marker_end))
            continue
        skips = [(a, a + marker_end)] if marker_end else []
        current = Block(kind, a, b, skips, level)
        blocks.append(current)
        if kind in ("heading", "table", "furniture"):
            current = None
    return _plain_headings(raw, blocks)


def _classify(line: str, markdown: bool) -> tuple[str, int, int]:
    """(kind, length of the line's marker, heading level) for one raw line."""
    if markdown and (m := _MD_HEADING.match(line)):
        return "heading", m.end(), len(m.group(1))
    if "\t" in line.strip():
        return "table", 0, 0
    if markdown and (m := _QUOTE.match(line)):
        return "quote", m.end(), 0
    if _FOOTNOTE_DEF.match(line) or _SHORTCODE_LINE.match(line) or (markdown and _HTML_LINE.match(line)):
        return "furniture", 0, 0
    if m := _ITEM.match(line):
        return "item", m.end(), 0
    return "continue", 0, 0


_TRAILING_FUNCTION_WORD = re.compile(r"\b(and|or|of|the|a|an|to|with|in|for|by|on|at|from|as|that|which|than|is|are)$", re.I)


def _continues_sentence(text: str) -> bool:
    """Lowercase prose after a table or page break: the rest of an interrupted sentence."""
    words = text.split()
    acronyms = sum(1 for w in words if sum(c.isupper() for c in w) >= 2)
    # Abbreviation lists under tables also start lowercase when wrapped; prose has few acronyms.
    return text[:1].islower() and len(words) >= 8 and acronyms < 0.15 * len(words)


_TRAILING_MARKERS = re.compile(r"(?:\[\^[^\]]+\]|\[\d+(?:[,–-]\d+)*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[*”\"’')\s])+$")


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence, looking past reference markers, quotes and brackets."""
    return _TRAILING_MARKERS.sub("", text)[-1:] in ".?!:"


def _is_heading_text(text: str) -> bool:
    words = text.split()
    core = _TRAILING_MARKERS.sub("", text)
    if not words or not core or len(text) > 80 or len(words) > 12 or core[-1] in TERMINAL + ",-":
        return False
    if _TRAILING_FUNCTION_WORD.search(text) or re.search(r"\[\d", text):
        return False
    if _DATE.match(text) or not any(ch.isalpha() for ch in text):
        return False
    return text[0].isupper() or text[0].isdigit() and text.isupper()


def _plain_headings(raw: str, blocks: list[Block]) -> list[Block]:
    """Mark unpunctuated heading lines as headings, tables after captions, dates as furniture."""
    out: list[Block] = []
    in_table = False
    for block in blocks:
        text = raw[block.start : block.end].strip()
        if block.kind != "para":
            in_table = in_table and block.kind != "heading"
            out.append(block)
            continue
        if in_table and block.lines > 1 and text[:1].islower():
            block = _peel_table_tail(raw, block, out)
            text = raw[block.start : block.end].strip()
        if _CAPTION.match(text):
            in_table, block.kind = True, "table"
        elif in_table and not (_continues_sentence(text) or (_looks_like_prose(text) and block.lines > 1) or _all_caps(text)):
            block.kind = "table"
        else:
            in_table = False
        if block.kind == "table" or block.skips:
            out.append(block)
        elif _DATE.match(text):
            block.kind = "furniture"
            out.append(block)
        else:
            out.extend(_split_heading_lines(raw, block, out[-1] if out else None))
    return _join_wrapped_headings(raw, out)


def _peel_table_tail(raw: str, block: Block, out: list[Block]) -> Block:
    """Short leading lines ("extremity.") finish the table note above; the prose starts after them."""
    lines = [(a, b) for a, b in _lines(raw, block.start) if a < block.end]
    k = 0
    while k < len(lines) - 1 and len(raw[lines[k][0] : lines[k][1]].split()) <= 3:
        k += 1
    if k:
        out.append(Block("table", block.start, lines[k - 1][1], []))
        block = Block("para", lines[k][0], block.end, [], lines=block.lines - k)
    return block


def _split_heading_lines(raw: str, block: Block, prev: Block | None) -> list[Block]:
    """Heading lines inside a paragraph (PDF text has no blank line around them) become their own blocks."""
    lines = [(a, b) for a, b in _lines(raw, block.start) if a < block.end]
    prev_text = raw[prev.start : prev.end].rstrip() if prev else ""
    ended = prev is None or prev.kind == "heading" or ends_sentence(prev_text)
    pieces: list[Block] = []
    para_start: int | None = None
    skips: list[tuple[int, int]] = []
    row = 0  # the last table row number seen under the heading above: rows are numbered 1, 2, 3 …

    def close(end: int, j: int) -> None:
        nonlocal para_start, skips
        if para_start is not None:
            pieces.append(Block("para", para_start, end, skips, lines=j - _line_no(lines, para_start)))
        para_start, skips = None, []

    for j, (a, b) in enumerate(lines):
        text = raw[a:b].strip()
        nxt = raw[lines[j + 1][0] : lines[j + 1][1]].strip() if j + 1 < len(lines) else ""
        alone = len(lines) == 1  # a line with blank lines around it is laid out as a heading
        heading = _all_caps(text) or (_is_heading_text(text) and (ended or alone) and not nxt[:1].islower())
        number = _ROW.match(text)
        if heading:
            close(lines[j - 1][1] if j else a, j)
            pieces.append(Block("heading", a, b, [], 1 if _all_caps(text) else 2))
            ended, row = True, 0
        elif number and ended and int(number.group(1)) == row + 1 and (row or pieces and pieces[-1].kind == "heading"):
            # A table's row number (a line of its own, or before the cell's text) starts a row and is no word of it.
            close(lines[j - 1][1] if j else a, j)
            para_start, skips, row = a, [(a, a + number.end())], row + 1
            ended = number.end() == len(raw[a:b]) or ends_sentence(text)
        else:
            para_start = a if para_start is None else para_start
            ended = ends_sentence(text)
    close(lines[-1][1], len(lines))
    return pieces


_ROW = re.compile(r"^\s*(\d{1,3})(?:\s*$|\s+(?=[A-Z]))")


def _line_no(lines: list[tuple[int, int]], start: int) -> int:
    return next(i for i, (a, _) in enumerate(lines) if a == start)


def _join_wrapped_headings(raw: str, blocks: list[Block]) -> list[Block]:
    """A heading wrapped onto a lowercase line of its own ("... and amyotrophic" / "lateral sclerosis")."""
    out: list[Block] = []
    for block in blocks:
        text = raw[block.start : block.end].strip()
        prev = out[-1] if out else None
        if (
            prev
            and prev.kind == "heading"
            and block.kind == "para"
            and block.lines == 1
            and text[:1].islower()
            and _is_heading_text(text[0].upper() + text[1:])
        ):
            prev.end = block.end
            continue
        out.append(block)
    return out


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(text) <= 60 and text[-1:] not in ".,;"


def _looks_like_prose(text: str) -> bool:
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 8 and text.rstrip()[-1:] in ".?!" and lower >= 0.5 * len(words)
