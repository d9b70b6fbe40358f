"""PubMedQA through the whole pipeline: index the expert-labelled abstracts, ask each study's own question.

Each abstract becomes one Markdown file whose headings are its section labels (BACKGROUND,
METHODS, RESULTS, …) followed by its conclusion under "CONCLUSIONS"; no title, as in the data.
Four numbers say whether answers quote what answers the question (issue 12): the gold abstract is
cited; a sentence of its conclusion is quoted; how many sources an answer cites; how often an
answer says "Sources disagree". The verdict is scored against the expert's yes/no/maybe (issue 11).

The dev file is split by a stable hash of the PubMed id (`split_of`): the "tune" half may be used
for choosing settings and training, the "report" half only for reporting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.evaluation.questions import PARTS, half_of
from assistant.results import Stance

CONCLUSIONS = "CONCLUSIONS"
SPLITS = PARTS


@dataclass(frozen=True)
class Study:
    """One PubMedQA instance: its question, sections, conclusion and the expert's decision."""

    pmid: str
    question: str
    sections: tuple[tuple[str, str], ...]  # (label, text) in the abstract's order, conclusion excluded
    conclusion: str
    decision: str  # yes | no | maybe
    year: str

    @property
    def part(self) -> str:
        return split_of(self.pmid)

    @property
    def file(self) -> str:
        return f"{self.pmid}.md"

    def markdown(self) -> str:
        """The abstract as a document: each section label a heading, the conclusion last."""
        parts = [f"## {label}\n\n{text.strip()}\n" for label, text in (*self.sections, (CONCLUSIONS, self.conclusion))]
        return "\n".join(parts)


def split_of(pmid: str) -> str:
    """ "tune" or "report": the same stable halves as the question sets (questions.half_of)."""
    return half_of(pmid)


def load_studies(path: Path, split: str = "all") -> list[Study]:
    """The studies of pqal_dev.json (or any PQA-L file), optionally only one half of the split."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    studies = []
    for pmid, item in data.items():
        labels = item.get("LABELS") or ["TEXT"] * len(item["CONTEXTS"])
        sections = tuple((_label(label), text) for label, text in zip(labels, item["CONTEXTS"]))
        studies.append(Study(str(pmid), item["QUESTION"], sections, item["LONG_ANSWER"], item["final_decision"], str(item.get("YEAR", ""))))
    return [s for s in studies if split == "all" or split_of(s.pmid) == split]


def _label(label: str) -> str:
    # One label per paragraph; "UNLABELLED" carries no meaning as a heading.
    return label.strip().upper() if label and label.strip().upper() != "UNLABELLED" else "ABSTRACT"


def write_corpus(studies: Iterable[Study], folder: Path) -> Path:
    """One Markdown file per abstract, and a sources.yaml saying what each is."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {}
    for s in studies:
        (folder / s.file).write_text(s.markdown(), encoding="utf-8")
        meta[s.file] = {"kind": "research abstract", "date": s.year or "not stated", "label": f"PubMed {s.pmid}"}
    (folder / "sources.yaml").write_text(yaml.safe_dump(meta, sort_keys=True), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Outcome:
    """What one answer did for its study."""

    pmid: str
    answered: bool
    gold_cited: bool
    conclusion_quoted: bool
    sources: int
    disagreement: bool
    verdict: str  # yes | no | maybe: what the answer's sides amount to
    decision: str


def outcome(study: Study, answer: Any) -> Outcome:
    """Score one Answer against its study."""
    gold = [c for c in answer.citations if c.source == study.file]
    sources = {c.source for c in answer.citations}
    return Outcome(
        study.pmid,
        answer.answered,
        bool(gold),
        any(c.section == CONCLUSIONS for c in gold),
        len(sources),
        answer.disagreement,
        verdict_of(answer, study.file),
        study.decision,
    )


def verdict_of(answer: Any, gold_file: str | None = None) -> str:
    """yes / no / maybe from the answer's per-source stances (the gold study's own, when it is cited)."""
    stances = [s.stance for s in answer.stances if gold_file is None or s.source == gold_file]
    if not stances:
        stances = [s.stance for s in answer.stances]
    found = {Stance(s) for s in stances} - {Stance.NONE}
    if found == {Stance.FOR}:
        return "yes"
    if found == {Stance.AGAINST}:
        return "no"
    return "maybe"


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    """The four selection figures and the verdict accuracy, each with its count."""
    n = len(outcomes)

    def share(flags: Iterable[bool]) -> float | None:
        return round(sum(flags) / n, 4) if n else None

    majority = max(("yes", "no", "maybe"), key=lambda d: sum(o.decision == d for o in outcomes)) if n else "yes"
    return {
        "questions": n,
        "answered": share(o.answered for o in outcomes),
        "gold_cited": share(o.gold_cited for o in outcomes),
        "conclusion_quoted": share(o.conclusion_quoted for o in outcomes),
        "mean_sources": round(sum(o.sources for o in outcomes) / n, 3) if n else None,
        "disagreement_rate": share(o.disagreement for o in outcomes),
        "verdict_accuracy": share(o.verdict == o.decision for o in outcomes),
        "majority_baseline": share(o.decision == majority for o in outcomes),
        # A side stated (yes or no, not maybe): how often, and how often it is the study's own answer. A wrong yes
        # or no is what turns a patient's answer round; "maybe" is the answer that says the sources do not decide.
        "verdict_coverage": share(o.verdict in ("yes", "no") for o in outcomes),
        "selective_accuracy": _selective(outcomes),
    }


def _selective(outcomes: list[Outcome]) -> float | None:
    stated = [o for o in outcomes if o.verdict in ("yes", "no")]
    return round(sum(o.verdict == o.decision for o in stated) / len(stated), 4) if stated else None
