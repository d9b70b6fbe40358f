"""Question sets (YAML or JSONL) → validated Question records; a bad entry is named by file, entry and field."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import QuestionSetError
from assistant.results import Stance

STANCES = tuple(s.value for s in Stance)
# The leads an answer can give (Answer.verdict); a question set names the acceptable ones per question.
VERDICTS = ("yes", "yes, with conditions", "no", "sources disagree", "no position", "factual")
YES_SIDE = frozenset({"yes", "yes, with conditions"})
PARTS = ("tune", "report", "all")


def half_of(key: str) -> str:
    """ "tune" or "report" for a stable key (an id): a digest, so the halves are the same in every process (unlike
    Python's hash()) and a new item joins one half without moving others."""
    return "tune" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "report"


@dataclass(frozen=True)
class Expected:
    """One acceptable piece of evidence: a source file and a phrase the cited sentence contains."""

    source: str
    contains: str


@dataclass(frozen=True)
class Question:
    """One labelled question: what should be cited, where each source stands, whether they disagree."""

    id: str
    question: str
    answerable: bool = True
    evidence: tuple[Expected, ...] = ()
    stances: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source → acceptable stances
    disagreement: bool | None = None
    tags: tuple[str, ...] = ()
    origin: str = ""
    verdict: tuple[str, ...] = ()  # acceptable leads; () when the set does not say

    @property
    def inverted(self) -> frozenset[str]:
        """The leads that would say the opposite of the gold: a yes-side lead where only "no" is acceptable, and "no"
        where only yes-side leads are. Empty when the gold takes no side."""
        gold = set(self.verdict)
        if gold and gold <= YES_SIDE | {"no position", "factual"} and gold & YES_SIDE:
            return frozenset({"no"})
        if gold and "no" in gold and not gold & YES_SIDE:
            return YES_SIDE
        return frozenset()

    @property
    def part(self) -> str:
        """ "tune" or "report": settings are chosen on the first half, figures reported on the second."""
        return half_of(self.id)


def load_questions(path: Path, part: str = "all") -> list[Question]:
    """Read a .yaml/.yml (a list, or {questions: [...]}) or .jsonl question set; `part` keeps one half of it."""
    if part not in PARTS:
        raise QuestionSetError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc})") from None
    entries: Any
    if path.suffix.lower() == ".jsonl":
        entries = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    entries.append(json.loads(line))
                except ValueError as exc:
                    raise QuestionSetError(f"{path}: line {n} is not valid JSON ({exc})") from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise QuestionSetError(f"{path}: not valid YAML ({exc})") from None
        entries = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise QuestionSetError(f"{path}: expected a list of questions (or a mapping with a `questions` list)")
    questions = [_question(path, i, entry) for i, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuestionSetError(f"{path}: entry {q.id!r}: field `id`: duplicate id")
        seen.add(q.id)
    return [q for q in questions if part == "all" or q.part == part]


def _question(path: Path, n: int, entry: Any) -> Question:
    where = f"{path}: entry {n}"
    if not isinstance(entry, dict):
        raise QuestionSetError(f"{where}: expected a mapping, got {type(entry).__name__}")
    qid = entry.get("id", f"q{n}")
    where = f"{path}: entry {n} ({qid})"

    def fail(name: str, why: str) -> QuestionSetError:
        return QuestionSetError(f"{where}: field `{name}`: {why}")

    text = entry.get("question")
    if not isinstance(text, str) or not text.strip():
        raise fail("question", "required, a non-empty string")
    answerable = entry.get("answerable", True)
    if not isinstance(answerable, bool):
        raise fail("answerable", "must be true or false")
    evidence = []
    for e in entry.get("evidence") or []:
        if not isinstance(e, dict) or not e.get("source") or e.get("contains") in (None, ""):
            raise fail("evidence", "each item needs `source` and `contains`")
        evidence.append(Expected(str(e["source"]), str(e["contains"])))
    stances: dict[str, tuple[str, ...]] = {}
    for source, value in (entry.get("stances") or {}).items():
        allowed = tuple(value) if isinstance(value, list) else (value,)
        if not allowed or any(v not in STANCES for v in allowed):
            raise fail("stances", f"{source}: each stance must be one of {', '.join(STANCES)}")
        stances[str(source)] = allowed
    disagreement = entry.get("disagreement")
    if disagreement is not None and not isinstance(disagreement, bool):
        raise fail("disagreement", "must be true or false")
    tags = entry.get("tags") or []
    if not isinstance(tags, list):
        raise fail("tags", "must be a list")
    verdict = entry.get("verdict") or []
    verdict = [verdict] if isinstance(verdict, str) else verdict
    if not isinstance(verdict, list) or any(v not in VERDICTS for v in verdict):
        raise fail("verdict", f"each must be one of {', '.join(VERDICTS)}")
    return Question(str(qid), text, answerable, tuple(evidence), stances, disagreement, tuple(map(str, tags)), str(path), tuple(verdict))
