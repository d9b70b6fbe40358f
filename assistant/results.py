"""What an answer is made of: the sides a source takes, its citations, and how a follow-up was read.

Frozen records, like the corpus's own (records.py); each citation carries its provenance.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from assistant.records import NOT_STATED


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
        """ "under “Strengthening exercises”" for a quote too short to say what it is about, or whose heading the
        source strikes through (then saying so); "" otherwise. One wording for every renderer."""
        if not self.section or (len(self.quote.split()) >= 8 and not self.section_marks):
            return ""
        return f"under “{self.section}”" + (f", {self.section_marks} in the source" if self.section_marks else "")

    def where(self) -> str:
        """Human-readable location: section, then the page for a PDF, or the lines of a text file. A PDF's line numbers
        count the extracted text across columns and tables, which no reader can count on the printed page: left out."""
        bits = []
        if self.section:
            bits.append(f"section “{self.section}”" + (f" ({self.section_marks} in the source)" if self.section_marks else ""))
        if self.page is not None:
            bits.append(f"page {self.page}")
            return ", ".join(bits)
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
    UNNEGATED = "unnegated"  # "Should I not stop…?": answered without its "not", so yes and no read one way only
    INSTEAD = "instead"  # "Should I rest instead of exercising?": answered as "Is exercising recommended for me?"


@dataclass(frozen=True)
class Understood:
    """What was answered for a question typed in a conversation, built only from the user's own words."""

    typed: str  # as typed (cleaned of invisible characters)
    question: str  # what was answered
    reading: Reading = Reading.ALONE
    earlier: str = ""  # the earlier question, as understood, that this one leans on (UNNEGATED, INSTEAD: this one, as read)
    # the words taken from the earlier question ("swimming") or swapped into it ("yoga"); the "not" left out; what would
    # take the place of what is kept ("rest")
    subject: str = ""

    def note(self) -> str:
        """ "Understood as: how often — swimming (from your question “is swimming ok”)"."""
        if self.reading is Reading.UNNEGATED:
            return f"Understood as: {self.question} (your question “{self.earlier}” without “{self.subject}”: yes and no answer this)"
        if self.reading is Reading.INSTEAD:
            return f"Understood as: {self.question} (your question “{self.earlier}” asks whether to {self.subject} in its place)"
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
    asked_against: bool = False  # the claim was asked the unfavourable way round ("Is X harmful?"): headings mirror it

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
            data["understood_as"] = {**data["understood_as"], "reading": str(self.understood_as.reading), "note": self.understood_as.note()}
        return data
