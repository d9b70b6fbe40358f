"""What `assistant eval` does: question sets → columns of metrics and a report; BEIR → retrieval scores."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any

from assistant.api import Assistant
from assistant.config import Mode, Settings
from assistant.errors import ConfigError
from assistant.evaluation.metrics import metrics, run
from assistant.evaluation.questions import load_questions
from assistant.evaluation.report import LATENCY_METRICS, RATIO_METRICS, write_report
from assistant.index.embed import SentenceTransformerEncoder


def run_question_sets(
    files: list[Path],
    base: Settings,
    modes: list[str],
    overrides: dict[str, str],
    thresholds: dict[str, float],
    out: Path,
    progress: bool = True,
    part: str = "all",
    workers: int = 0,
) -> tuple[dict[str, Any], dict[str, Path], list[str]]:
    """One column per mode, plus one for the --set overrides; the last column is checked against --min. With
    `workers`, the questions are answered by that many Ray actors (evaluation/spread.py; Ray already connected)."""
    questions = [q for f in files for q in load_questions(f, part)]
    columns_settings = {mode: base.updated(mode=mode) for mode in modes}
    if overrides:
        label = "hybrid, " + ", ".join(f"{k}={v}" for k, v in overrides.items())
        columns_settings[label] = base.updated(mode=Mode.HYBRID, **overrides)
    unknown = [name for name in thresholds if name not in RATIO_METRICS + LATENCY_METRICS]
    if unknown:
        raise ConfigError(f"unknown metric(s) for --min: {', '.join(unknown)}; known: {', '.join(RATIO_METRICS)}")
    encoder = SentenceTransformerEncoder(base.model, base.bf16)
    loaded: dict[str, Assistant] = {}
    columns = {}
    bar = _bar(len(questions) * len(columns_settings), progress and not workers)
    for name, settings in columns_settings.items():
        key = repr(sorted(settings.index_fingerprint().items()))
        index_dir = base.index if settings.index_fingerprint() == base.index_fingerprint() else base.index / f"eval-{_digest(key)}"
        # Loaded with the base settings; each column's query-time settings are passed per call.
        loading = base.updated(index=index_dir, **settings.index_fingerprint())
        if key not in loaded:  # settings that change the index get their own; built here, before any actor reads it
            loaded[key] = Assistant.load(settings=loading, encoder=encoder)
        if workers:
            from assistant.evaluation.spread import absolute, assistant_of, spread

            results = spread(partial(assistant_of, absolute(loading)), partial(run, **_query_overrides(settings, base)), questions, workers)
        else:
            results = run(loaded[key], questions, progress=bar, **_query_overrides(settings, base))
        columns[name] = (metrics(results), results)
    if bar is not None:
        bar.close()
    meta = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "question files": ", ".join(map(str, files)),
        "part": part,
        "questions": len(questions),
        "model": base.model,
        "corpus": str(base.corpus),
    }
    stamp = time.strftime("%Y%m%d-%H%M%S")
    paths = write_report(out / stamp, columns, meta)
    primary = list(columns)[-1]
    values = {name: _value(columns[primary][0][name]) for name in thresholds}
    failed = [f"{primary} {name}={values[name]} < {v}" for name, v in thresholds.items() if (got := values[name]) is None or got < v]
    summary = {
        "meta": meta,
        "report": str(paths["markdown"]),
        "columns": {n: {k: v["value"] for k, v in m.items()} for n, (m, _) in columns.items()},
        "table": _table(columns),
    }
    return summary, paths, failed


def run_beir_command(
    root: Path, settings: Settings, split: str, modes: list[str], progress: bool = True, index_dir: Path | None = None, workers: int = 0
) -> dict[str, Any]:
    """Score retrieval on a BEIR dataset: a temporary index of its corpus, or one kept in `index_dir` and reused; with
    `workers`, the queries ranked by that many Ray actors."""
    from assistant.evaluation.beir import run_beir

    encoder = SentenceTransformerEncoder(settings.model, settings.bf16)
    return run_beir(root, settings, encoder, split=split, progress=progress, modes=modes, index_dir=index_dir, workers=workers)


def run_pubmedqa(path: Path, settings: Settings, part: str, work: Path, progress: bool = True, workers: int = 0) -> dict[str, Any]:
    """PubMedQA through the whole pipeline: every abstract of `path` indexed (so that the other half's studies are
    there to be wrongly cited), each question of one half asked, the four selection figures and the verdict scored.
    With `workers`, asked by that many Ray actors (evaluation/spread.py; Ray already connected)."""
    from assistant.evaluation.pubmedqa import load_studies, summarise, write_corpus

    studies = load_studies(path)
    corpus = write_corpus(studies, work / "corpus")
    loading = settings.updated(corpus=corpus, index=work / "index")
    assistant = Assistant.load(settings=loading, progress=progress)  # built here, before any actor reads it
    asked = load_studies(path, part)
    if workers:
        from assistant.evaluation.spread import absolute, assistant_of, spread

        outcomes = spread(partial(assistant_of, absolute(loading)), _outcomes, asked, workers)
    else:
        outcomes = _outcomes(assistant, asked, _bar(len(asked), progress))
    return {"dataset": str(path), "part": part, **summarise(outcomes)}


def _outcomes(assistant: Assistant, studies: list[Any], bar: Any = None) -> list[Any]:
    """Each study's question asked as written (the gold answers the question as asked, not one read without its
    "not": api.ask_ranked), and what the answer did with it."""
    from assistant.evaluation.pubmedqa import outcome

    found = []
    for study in studies:
        found.append(outcome(study, assistant.ask(study.question, as_written=True)))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return found


def _digest(text: str) -> str:
    """A folder name that is the same in every process (Python's hash() of a string is not)."""
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _query_overrides(settings: Settings, base: Settings) -> dict[str, Any]:
    """The per-call settings that differ from what the assistant was loaded with."""
    from dataclasses import fields

    return {
        f.name: getattr(settings, f.name)
        for f in fields(settings)
        if not f.metadata.get("index") and f.name not in ("corpus", "index") and getattr(settings, f.name) != getattr(base, f.name)
    }


def _value(m: dict[str, Any]) -> float | None:
    return m["value"]


def _table(columns: dict[str, tuple[dict[str, Any], list]]) -> str:
    names = list(columns)
    width = max(len(n) for n in names + ["metric"]) + 2
    lines = ["metric".ljust(24) + "".join(n.rjust(width) for n in names)]
    for metric in RATIO_METRICS + LATENCY_METRICS:
        cells = []
        for n in names:
            v = columns[n][0][metric]["value"]
            cells.append(("–" if v is None else (f"{v:.3f}" if v < 10 else f"{v:.1f}")).rjust(width))
        lines.append(metric.ljust(24) + "".join(cells))
    return "\n".join(lines)


def _bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="questions", unit="q")
