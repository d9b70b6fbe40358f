"""Plain frozen records that carry their own provenance, so a citation falls out of the data."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

NOT_STATED = "not stated"


def content_id(*parts: str, length: int = 16) -> str:
    """Stable id derived from content, so a rebuilt index keeps eval labels valid."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class Stance(StrEnum):
    """A source's or a sentence's side on what a question asks."""

    FOR = "for"
    AGAINST = "against"
    MIXED = "mixed"  # both, or only under conditions
    NONE = "none"  # mentions it without taking a position


class View(StrEnum):
    """Which sources an answer shows first."""

    PATIENT = "patient"  # plain-language sources first
    CLINICIAN = "clinician"  # research first


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
class Span:
    """A run of characters [start, end) in a source's raw text, on a page for PDFs."""

    start: int
    end: int
    page: int | None = None


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


@dataclass(frozen=True)
class Citation:
    """One quoted sentence with everything a clinician needs to check it."""

    n: int
    source: str
    title: str
    kind: str
    date: str
    quote: str
    start: int
    end: int
    page: int | None
    section: str | None
    score: float
    lines: tuple[int, int] = (0, 0)
    sentence_id: str = ""
    parts: tuple[tuple[int, int], ...] = ()  # the raw runs joined into the quote (several when healed)
    stance: Stance | None = None
    section_marks: str = ""  # "struck through" when the source strikes its section heading through

    def heading_note(self) -> str:
        """"under “Strengthening exercises”" for a quote too short to say what it is about, or whose heading the
        source strikes through (then saying so); "" otherwise. One wording for every renderer."""
        if not self.section or (len(self.quote.split()) >= 8 and not self.section_marks):
            return ""
        return f"under “{self.section}”" + (f", {self.section_marks} in the source" if self.section_marks else "")

    def where(self) -> str:
        """Human-readable location: section, then page or lines."""
        bits = []
        if self.section:
            bits.append(f"section “{self.section}”" + (f" ({self.section_marks} in the source)" if self.section_marks else ""))
        if self.page is not None:
            bits.append(f"page {self.page}")
        a, b = self.lines
        bits.append(f"line {a}" if a == b else f"lines {a}–{b}")
        return ", ".join(bits)


@dataclass(frozen=True)
class SourceStance:
    """Where one source stands on the question, and the citations that stance rests on."""

    source: str
    title: str
    kind: str
    date: str
    stance: Stance
    citations: tuple[int, ...]
    evidence_base: str = NOT_STATED
    hedged: bool = False  # its sentences hedge ("may", "probably", "data are insufficient")


class Reading(StrEnum):
    """How a question in a conversation was read."""

    ALONE = "alone"  # it has a subject of its own
    INHERITS = "inherits"  # "and how often?", "is that safe?": the subject of the question before
    SWAPS = "swaps"  # "what about yoga?": the question before, about another subject


@dataclass(frozen=True)
class Understood:
    """What was answered for a question typed in a conversation, built only from the user's own words."""

    typed: str  # as typed (cleaned of invisible characters)
    question: str  # what was answered
    reading: Reading = Reading.ALONE
    earlier: str = ""  # the earlier question, as understood, that this one leans on
    subject: str = ""  # the words taken from the earlier question ("swimming") or swapped into it ("yoga")

    def note(self) -> str:
        """"Understood as: how often — swimming (from your question “is swimming ok”)"."""
        if self.reading is Reading.SWAPS:
            return f"Understood as: {self.question} (your earlier question “{self.earlier}”, asked about {self.subject})"
        return f"Understood as: {self.question} (“{self.subject}” from your earlier question “{self.earlier}”)"


@dataclass(frozen=True)
class Answer:
    """The whole reply: lead, citations, each source's stance, and how long it took."""

    question: str
    answered: bool
    lead: str
    citations: tuple[Citation, ...] = ()
    timing_ms: dict[str, float] = field(default_factory=dict)
    notice: str = ""
    disagreement: bool = False
    stances: tuple[SourceStance, ...] = ()
    caveats: tuple[str, ...] = ()
    view: View = View.PATIENT
    verdict: str = ""  # yes | yes, with conditions | no | sources disagree | no position | factual; "" when declined
    searched_for: tuple[str, ...] = ()  # the key terms as searched, with any respelling shown
    understood_as: Understood | None = None  # a follow-up's reading; None when the question was read alone

    @property
    def as_understood(self) -> str:
        """The question that was answered: a follow-up as read in its conversation, else as typed."""
        return self.understood_as.question if self.understood_as else self.question

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see README)."""
        data = asdict(self)
        for c in data["citations"]:
            c["lines"] = list(c["lines"])
            c["parts"] = [list(p) for p in c["parts"]]
        for s in data["stances"]:
            s["citations"] = list(s["citations"])
        data["caveats"] = list(data["caveats"])
        data["searched_for"] = list(data["searched_for"])
        data["verdict"] = str(data["verdict"])
        if self.understood_as is not None:
            data["understood_as"] = {**data["understood_as"], "reading": str(self.understood_as.reading),
                                     "note": self.understood_as.note()}
        return data
