"""Evaluation results → report.json, report.md (a table per metric, every failure) and metrics.png."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from assistant.evaluation.metrics import Result

RATIO_METRICS = (
    "evidence_recall@1",
    "evidence_recall@3",
    "evidence_recall@5",
    "evidence_recall@10",
    "mrr",
    "citation_support",
    "citation_validity",
    "stance_accuracy",
    "verdict_accuracy",
    "verdict_inverted",
    "disagreement_accuracy",
    "disagreement_precision",
    "disagreement_recall",
    "abstention_precision",
    "abstention_recall",
)
LATENCY_METRICS = ("latency_p50_ms", "latency_p95_ms")


def write_report(out: Path, columns: dict[str, tuple[dict[str, Any], list[Result]]], meta: dict[str, Any]) -> dict[str, Path]:
    """Write the three files into `out` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "meta": meta,
        "columns": {name: {"metrics": m, "questions": [_question_row(r) for r in rs]} for name, (m, rs) in columns.items()},
    }
    paths = {"json": out / "report.json", "markdown": out / "report.md", "chart": out / "metrics.png"}
    paths["json"].write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    paths["markdown"].write_text(markdown(columns, meta), encoding="utf-8")
    chart(columns, paths["chart"])
    return paths


def markdown(columns: dict[str, tuple[dict[str, Any], list[Result]]], meta: dict[str, Any]) -> str:
    """Summary table, one table per metric (value, hits, n per column), then every failure."""
    names = list(columns)
    lines = [f"# Evaluation report — {meta.get('when', time.strftime('%Y-%m-%d %H:%M'))}", ""]
    lines += [f"- {k}: {v}" for k, v in meta.items() if k != "when"]
    lines += ["", "## Summary", "", "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for metric in RATIO_METRICS + LATENCY_METRICS:
        lines.append(f"| {metric} | " + " | ".join(_cell(columns[c][0][metric]) for c in names) + " |")
    for metric in RATIO_METRICS + LATENCY_METRICS:
        lines += ["", f"### {metric}", "", "| column | value | hits | n |", "|---|---|---|---|"]
        for c in names:
            m = columns[c][0][metric]
            lines.append(f"| {c} | {_fmt(m['value'])} | {_fmt(m.get('hits', ''))} | {m['n']} |")
    primary = names[-1]
    lines += ["", f"## Failures ({primary})", ""]
    failures = [r for r in columns[primary][1] if _failed(r)]
    if not failures:
        lines.append("None.")
    for r in failures:
        lines += _failure(r)
    return "\n".join(lines) + "\n"


def chart(columns: dict[str, tuple[dict[str, Any], list[Result]]], path: Path) -> None:
    """Grouped bars of the ratio metrics per column, and the latency percentiles."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(columns)
    metrics = [m for m in RATIO_METRICS if any(columns[c][0][m]["value"] is not None for c in names)]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 5.5), gridspec_kw={"width_ratios": [4, 1]})
    width = 0.8 / max(len(names), 1)
    for i, c in enumerate(names):
        values = [columns[c][0][m]["value"] or 0.0 for m in metrics]
        ax1.bar([x + i * width for x in range(len(metrics))], values, width, label=c)
        lat = [columns[c][0][m]["value"] or 0.0 for m in LATENCY_METRICS]
        ax2.bar([x + i * width for x in range(len(LATENCY_METRICS))], lat, width, label=c)
    ax1.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(metrics))], metrics, rotation=45, ha="right")
    ax1.set_ylim(0, 1.05)
    ax1.set_title("Metrics per column")
    ax1.legend()
    ax2.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(LATENCY_METRICS))], ["p50", "p95"])
    ax2.set_title("Latency (ms)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _failed(r: Result) -> bool:
    wrong_stance = any(got not in allowed for _, got, allowed in r.stance_pairs)
    wrong_abstain = r.answer.answered != r.question.answerable
    wrong_disagreement = r.question.disagreement is not None and r.answer.disagreement != r.question.disagreement
    wrong_verdict = bool(r.question.verdict) and r.answer.answered and r.answer.verdict not in r.question.verdict
    return r.supported is False or bool(r.invalid) or wrong_stance or wrong_abstain or wrong_disagreement or wrong_verdict


def _failure(r: Result) -> list[str]:
    q = r.question
    out = [f"### {q.id}: {q.question}", ""]
    if r.answer.answered != q.answerable:
        out.append(f"- answered: {r.answer.answered}, expected {'an answer' if q.answerable else 'a refusal'}")
    if q.verdict and r.answer.answered and r.answer.verdict not in q.verdict:
        inverted = " (inverted)" if r.answer.verdict in q.inverted else ""
        out.append(f"- lead: {r.answer.verdict!r}{inverted}, expected one of {', '.join(q.verdict)}")
    if r.supported is False:
        expected = "; ".join(f"{e.source} containing “{e.contains}”" for e in q.evidence)
        out.append(f"- expected evidence (any of): {expected}; first retrieved at rank {r.rank or 'not retrieved'}")
    for quote in r.invalid:
        out.append(f"- NOT VERBATIM: “{quote}”")
    for source, got, allowed in r.stance_pairs:
        if got not in allowed:
            out.append(f"- stance of {source}: got {got}, expected {' or '.join(allowed)}")
    if q.disagreement is not None and r.answer.disagreement != q.disagreement:
        out.append(f"- disagreement: got {r.answer.disagreement}, expected {q.disagreement}")
    out.append(f"- lead: {r.answer.lead}")
    out += [f"  - cited [{c.n}] {c.source} ({c.stance}): “{c.quote}”" for c in r.answer.citations]
    return out + [""]


def _question_row(r: Result) -> dict[str, Any]:
    return {
        "id": r.question.id,
        "question": r.question.question,
        "answered": r.answer.answered,
        "rank": r.rank,
        "supported": r.supported,
        "invalid": r.invalid,
        "disagreement": r.answer.disagreement,
        "stances": {s: got for s, got, _ in r.stance_pairs},
        "lead": r.answer.lead,
        "verdict": r.answer.verdict,
        "verdict_expected": list(r.question.verdict),
        "citations": [{"n": c.n, "source": c.source, "quote": c.quote, "stance": c.stance} for c in r.answer.citations],
        "latency_ms": r.answer.timing_ms.get("total"),
    }


def _cell(m: dict[str, Any]) -> str:
    if m["value"] is None:
        return "–"
    hits = m.get("hits")
    return f"{_fmt(m['value'])} ({_fmt(hits)}/{m['n']})" if hits is not None else _fmt(m["value"])


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"
    return str(x)
