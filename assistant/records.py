"""Plain frozen records that carry their own provenance, so a citation falls out of the data."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

NOT_STATED = "not stated"


def content_id(*parts: str, length: int = 16) -> str:
    """Stable id derived from content, so a rebuilt index keeps eval labels valid."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class SourceMeta:
    """What a document says about itself (or "not stated"), plus how we describe it."""

    title: str = NOT_STATED
    author: str = NOT_STATED
    date: str = NOT_STATED
    kind: str = NOT_STATED
    audience: str = NOT_STATED
    url: str = NOT_STATED
    label: str = ""  # our own short description, shown when the title is not stated
    evidence_base: str = NOT_STATED  # e.g. "6 RCTs, 289 participants", only as the source states it

    @property
    def display_title(self) -> str:
        """The stated title, or our label marked as ours in brackets."""
        if self.title != NOT_STATED:
            return self.title
        return f"[untitled: {self.label}]" if self.label else "[untitled]"


@dataclass(frozen=True)
class Document:
    """One source file: its raw text, where its pages begin, and its metadata."""

    id: str
    path: str  # relative to the corpus folder
    format: str  # "text" | "markdown" | "pdf"
    text: str  # raw text: the file for .txt/.md; the pages pypdf extracts, joined by "\n", for .pdf
    meta: SourceMeta
    page_starts: tuple[int, ...] = ()  # offsets in `text` where each page begins (PDF only)
    sha256: str = ""

    def page_of(self, offset: int) -> int | None:
        """1-based page number holding `offset`, or None for non-paged text."""
        if not self.page_starts:
            return None
        return max(bisect_right(self.page_starts, offset) - 1, 0) + 1

    def line_of(self, offset: int) -> int:
        """1-based line number of `offset` (within its page for PDFs)."""
        base = 0
        if self.page_starts:
            base = self.page_starts[(self.page_of(offset) or 1) - 1]
        # Looked up, not counted: counting from the start for every sentence is quadratic in a long document.
        return bisect_left(self._newlines, offset) - bisect_left(self._newlines, base) + 1

    @cached_property
    def _newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def local(self, offset: int) -> int:
        """Offset within its page for PDFs (what pypdf extracts), else unchanged."""
        if not self.page_starts:
            return offset
        return offset - self.page_starts[(self.page_of(offset) or 1) - 1]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "page_starts": list(self.page_starts)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(**{**data, "meta": SourceMeta(**data["meta"]), "page_starts": tuple(data["page_starts"])})


@dataclass(frozen=True)
class Sentence:
    """One sentence: its words as shown, where they are in the source, and its setting."""

    id: str
    doc_id: str
    index: int  # position in the document, 0-based
    text: str  # the quote: whitespace collapsed, line-end hyphens joined, markup removed
    start: int  # in Document.text
    end: int
    parts: tuple[tuple[int, int], ...]  # raw runs the sentence is made of (more than one when healed)
    section: str | None
    page: int | None
    lines: tuple[int, int]
    kind: str  # "prose" | "item" | "quote" | "heading" | "fragment" | "boilerplate" | "reference"
    evidence: bool  # may be shown as answer evidence
    section_marks: str = ""  # what the source's markup says of its section heading: "struck through", or ""

    @property
    def context_text(self) -> str:
        """What is embedded and BM25-indexed: the heading gives a bare sentence its subject."""
        return f"{self.section}: {self.text}" if self.section else self.text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(**{**data, "parts": tuple(tuple(p) for p in data["parts"]), "lines": tuple(data["lines"])})


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of one section, for retrieval."""

    id: str
    doc_id: str
    sentence_ids: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(**{**data, "sentence_ids": tuple(data["sentence_ids"])})
