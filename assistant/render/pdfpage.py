"""A PDF citation on its printed page: the page rendered as an image, and where the cited words are on it.

pypdf gives the text we index and quote; pypdfium2 (PDFium, the renderer in Chrome) renders the page and
gives each character's box. The quote is found among the page's characters by its letters and digits
alone (so line breaks, hyphenation and ligatures do not matter), taking the same occurrence as in pypdf's
text, and one box is drawn per printed line. A box is shown only if the text inside it, extracted again
from its coordinates, is the quote: otherwise the reason is given and the text view stands alone. Never a
box in the wrong place.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.records import Document, Sentence

# 2× the PDF's 72 points per inch: an A4 page is 1190 px wide, its 10-point text about 28 px tall, readable on
# a desktop at full width and zoomable on a phone. One such page is ~0.3–0.6 MB of PNG.
SCALE = 2.0
CACHED_PAGES = 12  # rendered pages kept in memory (~6 MB at most); never written to disk


@dataclass(frozen=True)
class Box:
    """One printed line of the quote, in PDF points (origin bottom left) and as fractions of the page (top left)."""

    left: float
    bottom: float
    right: float
    top: float
    x: float  # fractions of the page's width and height, for drawing over the image at any size
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Located:
    """Where a quote is on its page, or why it could not be found (`boxes` empty)."""

    page: int  # 1-based
    boxes: tuple[Box, ...] = ()
    reason: str = ""


def file_bytes(corpus: Path, doc: Document) -> bytes | None:
    """The PDF as indexed, or None when the file is gone or has changed since the index was built."""
    try:
        data = (corpus / doc.path).read_bytes()
    except OSError:
        return None
    import hashlib

    return data if hashlib.sha256(data).hexdigest() == doc.sha256 else None


def find(data: bytes, doc: Document, sentence: Sentence) -> Located:
    """The sentence on its (first) page: the parts of it printed there, found after the same text before them."""
    page = sentence.page or 1
    start = doc.page_starts[page - 1]
    on_page = [(a, b) for a, b in sentence.parts if doc.page_of(a) == page]
    quote = " ".join(doc.text[a:b] for a, b in on_page)
    return locate(data, page, quote, doc.text[start : on_page[0][0]] if on_page else "")


def letters(text: str) -> str:
    """Letters and digits only, lower case, ligatures opened ("ﬁ" → "fi"): what a quote and a page share."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def locate(data: bytes, page: int, quote: str, before: str) -> Located:
    """The boxes of `quote` on 1-based `page`; `before` is pypdf's text of that page up to the quote, to take
    the same occurrence when the words occur more than once."""
    import pypdfium2 as pdfium

    wanted = letters(quote)
    if len(wanted) < 3:
        return Located(page, reason="the quote is too short to find on the page")
    pdf = pdfium.PdfDocument(data)
    try:
        if not 1 <= page <= len(pdf):
            return Located(page, reason="the page is not in the file")
        sheet = pdf[page - 1]
        if sheet.get_rotation() % 360:
            return Located(page, reason="the page is rotated")
        text = sheet.get_textpage()
        chars, owner = [], []  # each letter of the page and the character it came from
        for i in range(text.count_chars()):
            for c in letters(text.get_text_range(i, 1)):
                chars.append(c)
                owner.append(i)
        found = "".join(chars)
        nth = letters(before).count(wanted)  # occurrences before ours in pypdf's text of the page
        starts = _occurrences(found, wanted)
        if nth >= len(starts):
            return Located(page, reason="its words could not be found among the page's characters (an unusual font encoding?)")
        a = starts[nth]
        indices = sorted(set(owner[a : a + len(wanted)]))
        left, bottom, right, top = sheet.get_bbox()  # what is rendered (get_cropbox can report a default Letter box)
        width, height = right - left, top - bottom
        boxes = tuple(
            Box(x0, y0, x1, y1, (x0 - left) / width, (top - y1) / height, (x1 - x0) / width, (y1 - y0) / height)
            for x0, y0, x1, y1 in _lines([text.get_charbox(i) for i in indices])
        )
        again = letters("".join(text.get_text_bounded(b.left, b.bottom, b.right, b.top) for b in boxes))
        if again != wanted:
            return Located(page, reason="the words inside the boxes found were not exactly the quote")
        return Located(page, boxes)
    finally:
        pdf.close()


def _occurrences(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _lines(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Character boxes, in reading order, joined into one box per printed line (a new line when the next
    character does not overlap the line's height, or jumps back to the left)."""
    lines: list[list[float]] = []
    for x0, y0, x1, y1 in boxes:
        if x1 <= x0 or y1 <= y0:  # spaces and marks without extent
            continue
        line = lines[-1] if lines else None
        if line and min(y1, line[3]) - max(y0, line[1]) > 0.5 * min(y1 - y0, line[3] - line[1]) and x0 >= line[0] - 1:
            line[:] = [min(line[0], x0), min(line[1], y0), max(line[2], x1), max(line[3], y1)]
        else:
            lines.append([x0, y0, x1, y1])
    return [(x0, y0, x1, y1) for x0, y0, x1, y1 in lines]


class PageImages:
    """Rendered pages, made on request and kept only in a small in-memory cache (least recently used goes)."""

    def __init__(self, size: int = CACHED_PAGES) -> None:
        self.size = size
        self._pages: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def png(self, sha256: str, page: int, load: Callable[[], bytes | None]) -> bytes | None:
        """The page of the PDF with this sha256 as a PNG; `load` reads the file (None: gone or changed) only when
        the page is not cached, so a cached page costs no file read."""
        key = (sha256, page)
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        data = load()
        if data is None:
            return None
        image = render(data, page)
        with self._lock:
            self._pages[key] = image
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return image


def render(data: bytes, page: int, scale: float = SCALE) -> bytes:
    """The 1-based page as a PNG."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        bitmap = pdf[page - 1].render(scale=scale)
        out = io.BytesIO()
        bitmap.to_pil().save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        pdf.close()
