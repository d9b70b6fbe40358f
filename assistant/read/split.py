"""Document → Sentences (exact raw spans, section, page, lines) and Passages for retrieval."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.read.clean import MappedText, clean_span, hyphen_vocabulary
from assistant.read.metadata import body_start
from assistant.read.parse import Block, parse_blocks
from assistant.read.quality import classify, is_boilerplate, is_reference_entry
from assistant.records import NOT_STATED, Document, Sentence, content_id

PROSE = ("para", "item", "quote")
MAX_SENTENCE_CHARS = 1000


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@dataclass
class _Unit:
    """Cleaned text of one block (or of paragraphs healed across a page break or table)."""

    mapped: MappedText
    kind: str
    section: str | None
    furniture: bool = False
    section_marks: str = ""


# Markup that strikes a heading through (Markdown `~~…~~`, HTML <s>, <del>, <strike>): the source withdraws what
# stands under it, which a reader weighing the page must see. The quote itself stays the plain words.
_STRUCK = re.compile(r"~~\S.*\S~~|~~\S~~|<(?:s|del|strike)\b[^>]*>", re.I)


def split_document(doc: Document) -> list[Sentence]:
    """All sentences of a document in reading order, each knowing where it came from."""
    raw, markdown = doc.text, doc.format == "markdown"
    blocks = parse_blocks(raw, body_start(raw), markdown)
    keep = hyphen_vocabulary(raw)
    front_end = _front_furniture_end(raw, blocks, doc, markdown)
    units: list[_Unit] = []
    section: str | None = None
    marks = ""
    for i, block in enumerate(blocks):
        mapped = clean_span(raw, block.start, block.end, markdown=markdown, skips=block.skips, keep_hyphen=keep)
        text = mapped.text
        if not text:
            continue
        if block.kind == "heading":
            if i >= front_end and not _is_byline(text, doc):
                section = text
                marks = "struck through" if _STRUCK.search(raw[block.start : block.end]) else ""
            continue
        if block.kind == "furniture":
            continue
        heal_into = _healable(units, block, text)
        if heal_into is not None:
            heal_into.mapped.extend(mapped, separator_at=block.start - 1)
            continue
        units.append(_Unit(mapped, block.kind, section, furniture=i < front_end, section_marks=marks))
    sentences: list[Sentence] = []
    for unit in units:
        sentences.extend(_unit_sentences(doc, unit, len(sentences)))
    return sentences


def _front_furniture_end(raw: str, blocks: list[Block], doc: Document, markdown: bool) -> int:
    """Blocks before the title line (when the title appears after other text) are site furniture."""
    title = doc.meta.title
    if title == NOT_STATED:
        return 0
    for i, block in enumerate(blocks):
        text = clean_span(raw, block.start, block.end, markdown=markdown, skips=block.skips).text
        if text.strip().lower() == title.strip().lower():
            block.kind = "heading"
            return i
    return 0


def _is_byline(text: str, doc: Document) -> bool:
    """A heading line that only names the author or organisation is a byline, not a section."""
    author = doc.meta.author.lower()
    return author != NOT_STATED and len(text) > 3 and text.lower() in author


def _healable(units: list[_Unit], block: Block, text: str) -> _Unit | None:
    """A paragraph that starts lowercase continues the last one if that stopped mid-sentence."""
    if block.kind != "para" or not text[:1].islower() or not units:
        return None
    last = next((u for u in reversed(units) if u.kind != "table"), None)
    if last is None or last.kind != "para":
        return None
    tail = last.mapped.text.rstrip()
    return last if tail and tail[-1] not in '.?!:;”"' else None


def _unit_sentences(doc: Document, unit: _Unit, first_index: int) -> list[Sentence]:
    text = unit.mapped.text
    spans = _sentence_spans(text) if unit.kind != "table" else _line_spans(unit.mapped)
    drafts = []
    for a, b in spans:
        runs = _split_at_pages(doc, _widen(doc, unit.mapped.runs(a, b)))
        if runs:
            quote = text[a:b].strip()
            kind, evidence = classify(quote, unit.kind, unit.section)
            drafts.append((quote, runs, kind, evidence))
    # A paragraph that is mostly furniture (a sign-up pitch, a contact block) is furniture throughout.
    if is_reference_entry(text) and len(text) < 800:
        drafts = [(q, r, "reference", False) for q, r, _, _ in drafts]
    furniture = unit.furniture or sum(is_boilerplate(q) for q, *_ in drafts) * 2 >= max(len(drafts), 1) + (len(drafts) == 1)
    out: list[Sentence] = []
    for quote, runs, kind, evidence in drafts:
        if furniture and kind not in ("reference", "fragment"):
            kind, evidence = "boilerplate", False
        start, end = runs[0][0], runs[-1][1]
        out.append(
            Sentence(
                id=content_id(doc.path, quote, str(start)),
                doc_id=doc.id,
                index=first_index + len(out),
                text=quote,
                start=start,
                end=end,
                parts=tuple(runs),
                section=unit.section,
                page=doc.page_of(start),
                lines=(doc.line_of(start), doc.line_of(max(start, end - 1))),
                kind=kind,
                evidence=evidence,
                section_marks=unit.section_marks,
            )
        )
    return out


_EMPHASIS = "*_~"


def _widen(doc: Document, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Take in emphasis markers hugging a quote's ends, so its raw span holds both halves of each pair."""
    if doc.format != "markdown" or not runs:
        return runs
    raw = doc.text
    a, b = runs[0]
    while a > 0 and raw[a - 1] in _EMPHASIS:
        a -= 1
    runs = [(a, b)] + runs[1:]
    a, b = runs[-1]
    while b < len(raw) and raw[b] in _EMPHASIS:
        b += 1
    return runs[:-1] + [(a, b)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries from pysbd, located in the text; over-long runs are cut at spaces."""
    spans: list[tuple[int, int]] = []
    for a, b in _chunks(text):
        cursor = a
        for piece in _segmenter().segment(text[a:b]):
            piece = piece.strip()
            if not piece:
                continue
            at = text.find(piece, cursor, b)
            if at < 0:  # pysbd changed the text; fall back to the rest of the chunk
                spans.append((cursor, b))
                break
            if spans and not any(ch.isalnum() for ch in piece):  # a closing quote or bracket left on its own
                spans[-1] = (spans[-1][0], at + len(piece))
                cursor = at + len(piece)
                continue
            spans.extend(_cut_long(text, at, at + len(piece)))
            cursor = at + len(piece)
    return [(a, b) for a, b in spans if text[a:b].strip()]


# pysbd's time grows with (sentences x length) of the text it is given (it searches the whole text for
# every sentence): a 100 kB paragraph took about a minute. Longer units go to it in bounded chunks.
PYSBD_CHUNK = 5000
_CHUNK_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Pieces of at most PYSBD_CHUNK characters, cut after a sentence end, else at a space, else anywhere."""
    out, a = [], 0
    while len(text) - a > PYSBD_CHUNK:
        window = text[a : a + PYSBD_CHUNK]
        ends = [m.end() for m in _CHUNK_END.finditer(window, PYSBD_CHUNK // 2)]
        space = window.rfind(" ", PYSBD_CHUNK // 2)
        cut = a + (ends[-1] if ends else space + 1 if space > 0 else PYSBD_CHUNK)
        out.append((a, cut))
        a = cut
    out.append((a, len(text)))
    return out


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    while b - a > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", a, a + MAX_SENTENCE_CHARS)
        cut = cut if cut > a else a + MAX_SENTENCE_CHARS
        out.append((a, cut))
        a = cut + (text[cut : cut + 1] == " ")
    out.append((a, b))
    return out


def _line_spans(mapped: MappedText) -> list[tuple[int, int]]:
    """A table is kept row by row (its rows are not sentences)."""
    text = mapped.text
    return [(m.start(), m.end()) for m in re.finditer(r"[^\t]+(?:\t+[^\t]+)*", text)] if "\t" in text else [(0, len(text))]


def _split_at_pages(doc: Document, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not doc.page_starts:
        return runs
    out = []
    for a, b in runs:
        for start in doc.page_starts:
            if a < start < b:
                out.append((a, start - 1))
                a = start
        out.append((a, b))
    return [(a, b) for a, b in out if b > a]
