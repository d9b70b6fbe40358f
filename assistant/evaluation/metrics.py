"""Run a question set against an Assistant: per-question results and overall metrics with counts."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.evaluation.questions import Question
from assistant.read.clean import hyphen_vocabulary, normalise
from assistant.records import Document
from assistant.results import Answer, Citation, Stance

K_VALUES = (1, 3, 5, 10)


@dataclass
class Result:
    """What happened for one question."""

    question: Question
    answer: Answer
    rank: int | None  # 1-based rank of the first expected sentence among retrieved quotable sentences
    invalid: list[str] = field(default_factory=list)  # citations whose quote is not verbatim in the source
    stance_pairs: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (source, got, allowed)

    @property
    def supported(self) -> bool | None:
        """The answer cites an expected sentence (None when nothing is expected)."""
        if not self.question.evidence:
            return None
        return any(_matches(c.source, c.quote, self.question) for c in self.answer.citations)


def run(assistant: Any, questions: Iterable[Question], progress: Any = None, **overrides: Any) -> list[Result]:
    """Ask every question (settings overridden per call) and record the results."""
    results = []
    for q in questions:
        answer, hits = assistant.ask_ranked(q.question, as_written=True, **overrides)  # the gold is for the question as asked
        index = assistant.index
        ranked = [index.sentences[h.row] for h in hits if index.sentences[h.row].evidence]
        rank = next((i for i, s in enumerate(ranked, 1) if _matches(index.documents[s.doc_id].path, s.text, q)), None)
        docs = {d.path: d for d in index.documents.values()}
        got = {s.source: s.stance for s in answer.stances}
        pairs = [(src, got.get(src, Stance.NONE), allowed) for src, allowed in q.stances.items()]
        results.append(Result(q, answer, rank, [c.quote for c in answer.citations if not verbatim(c, docs[c.source])], pairs))
        if progress is not None:
            progress.update(1)
    return results


def verbatim(c: Citation, doc: Document) -> bool:
    """The quote is exactly the source's words at the cited runs (after whitespace and markup cleaning)."""
    page = doc.page_starts[(c.page or 1) - 1] if doc.page_starts else 0
    raw = " ".join(doc.text[page + a : page + b] for a, b in c.parts)
    return normalise(raw, markdown=doc.format == "markdown", keep_hyphen=hyphen_vocabulary(doc.text)) == c.quote


def metrics(results: Sequence[Result]) -> dict[str, Any]:
    """Overall metrics; each is {"value": float | None, "n": count it is computed over, ...}."""
    with_evidence = [r for r in results if r.question.evidence and r.question.answerable]
    out: dict[str, Any] = {}
    for k in K_VALUES:
        hits = sum(1 for r in with_evidence if r.rank is not None and r.rank <= k)
        out[f"evidence_recall@{k}"] = _ratio(hits, len(with_evidence))
    out["mrr"] = _ratio(sum(1 / r.rank for r in with_evidence if r.rank), len(with_evidence))
    out["citation_support"] = _ratio(sum(1 for r in with_evidence if r.supported), len(with_evidence))
    cited = sum(len(r.answer.citations) for r in results)
    out["citation_validity"] = _ratio(cited - sum(len(r.invalid) for r in results), cited)
    pairs = [p for r in results for p in r.stance_pairs]
    out["stance_accuracy"] = _ratio(sum(1 for _, got, allowed in pairs if got in allowed), len(pairs))
    labelled = [r for r in results if r.question.disagreement is not None]
    tp = sum(1 for r in labelled if r.answer.disagreement and r.question.disagreement)
    out["disagreement_accuracy"] = _ratio(sum(1 for r in labelled if r.answer.disagreement == r.question.disagreement), len(labelled))
    out["disagreement_precision"] = _ratio(tp, sum(1 for r in labelled if r.answer.disagreement))
    out["disagreement_recall"] = _ratio(tp, sum(1 for r in labelled if r.question.disagreement))
    led = [r for r in results if r.question.verdict]
    out["verdict_accuracy"] = _ratio(sum(1 for r in led if r.answer.verdict in r.question.verdict), len(led))
    out["verdict_inverted"] = _ratio(sum(1 for r in led if r.answer.verdict in r.question.inverted), len(led))
    declined = [r for r in results if not r.answer.answered]
    unanswerable = [r for r in results if not r.question.answerable]
    correct = sum(1 for r in declined if not r.question.answerable)
    out["abstention_precision"] = _ratio(correct, len(declined))
    out["abstention_recall"] = _ratio(correct, len(unanswerable))
    latencies = sorted(r.answer.timing_ms.get("total", 0.0) for r in results)
    out["latency_p50_ms"] = {"value": percentile(latencies, 50), "n": len(latencies)}
    out["latency_p95_ms"] = {"value": percentile(latencies, 95), "n": len(latencies)}
    return out


def _matches(source: str, text: str, q: Question) -> bool:
    return any(e.source == source and e.contains.lower() in text.lower() for e in q.evidence)


def _ratio(num: float, den: int) -> dict[str, Any]:
    return {"value": (num / den) if den else None, "n": den, "hits": num}


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The pct-th percentile (inclusive method), None for no values."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]
