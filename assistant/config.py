"""One place for settings: defaults here, environment overrides, per-call overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError
from assistant.results import View

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class JudgeMode(StrEnum):
    """Who takes each quoted sentence's side on a yes/no question."""

    LEARNED = "learned"  # the trained claim–evidence judge (judge/model.py), the general-English rules where it is unsure
    RULES = "rules"  # the general-English rules alone (judge/stance.py): no model, for comparison


class Engine(StrEnum):
    """Where a build runs: in this process (the default), or on a Ray cluster (`index/distributed.py`)."""

    LOCAL = "local"
    RAY = "ray"


class Mode(StrEnum):
    """How sentences and passages are retrieved."""

    HYBRID = "hybrid"  # dense and BM25 rankings fused (the default)
    DENSE = "dense"  # the embedding model alone
    BM25 = "bm25"  # words alone


ENV_PREFIX = "ASSISTANT_"


def _setting(default: Any, help: str, index: bool = False) -> Any:
    return field(default=default, metadata={"help": help, "index": index})


@dataclass(frozen=True)
class Settings:
    """Every knob in one place; fields marked index=True change what a build produces."""

    corpus: Path = _setting(Path("corpus"), "Folder of source documents (.txt, .md, .pdf) and sources.yaml.")
    index: Path = _setting(Path("index"), "Folder where the built index lives.")
    model: str = _setting(DEFAULT_MODEL, "Embedding model: a name or a local folder.", index=True)
    batch_size: int = _setting(32, "Texts per embedding batch.")
    bf16: bool = _setting(
        True, "Embed under bfloat16 autocast where the CPU supports it natively (about 1.7x faster; same vectors to 1e-4)."
    )
    passage_sentences: int = _setting(4, "Sentences per retrieval passage.", index=True)
    passage_stride: int = _setting(4, "Sentences between passage starts (equal to passage_sentences: no overlap).", index=True)
    exact_limit: int = _setting(50_000, "Up to this many rows a vector index is exact (flat); above it, approximate (IVF).", index=True)
    shards: int = _setting(1, "FAISS shards per vector index, searched in parallel and merged (index/shards.py); 1: one file.", index=True)
    pq_limit: int = _setting(
        5_000_000, "Above this many rows a shard is IVF-PQ (product-quantised, 48 bytes a row) instead of IVF-Flat.", index=True
    )
    nprobe: int = _setting(32, "Cells an approximate (IVF) index scans per question (more: higher recall, slower).")
    mode: Mode = _setting(Mode.HYBRID, "Retrieval mode: hybrid, dense or bm25.")
    candidates: int = _setting(60, "How many sentences and passages each retriever returns.")
    rrf_k: int = _setting(60, "Reciprocal rank fusion constant.")
    focus_weight: float = _setting(0.2, "Share of the similarity to the question's subject words added when choosing quotes.")
    lexical_weight: float = _setting(0.15, "Share of the relative BM25 score added to cosine when choosing quotes (hybrid).")
    min_score: float = _setting(0.33, "Lowest cosine similarity a question must reach to be answered.")
    key_share: float = _setting(
        0.5, "A question is answered below `min_score` if a sentence names at least this share of its key terms (a name, a rare word)."
    )
    source_cosine: float = _setting(0.55, "A source addresses the question if one of its sentences is at least this similar to it.")
    source_min_score: float = _setting(
        0.33,
        "…or at least this similar while naming `source_coverage` of its key terms; no quote is less similar (tuned with source_cosine on the ALS and PubMedQA tuning halves).",
    )
    source_coverage: float = _setting(0.40, "Share of the question's key terms (by weight) a fairly similar sentence must name.")
    claim_share: float = _setting(
        0.45,
        "In a disagreement, a sentence naming less than this share of what the question claims (key terms by weight, not "
        "who it is about) and less relevant than a source on the other side takes no side (PubMedQA tuning half: "
        "'Sources disagree' 5.2% at 0.40, 3.0% at 0.45, 2.2% at 0.50; ALS all 44 stance 0.693, 0.693, 0.682).",
    )
    about_cosine: float = _setting(0.66, "A sentence this similar to the question counts as about its subject even without its words.")
    judge: JudgeMode = _setting(
        JudgeMode.LEARNED,
        "Who takes each sentence's side on a yes/no question: learned (the trained judge) or rules (general-English cues).",
    )
    judge_confidence: float = _setting(
        0.7, "A learned reading less sure than this leaves the side to the general-English rules (chosen on the ALS tuning half)."
    )
    judge_per_source: int = _setting(
        4, "Sentences of each source (its first candidate quotes, conclusions first) read by the learned judge; the rules read the rest."
    )
    per_source: int = _setting(2, "Most sentences quoted from one source.")
    top_k: int = _setting(8, "Most sentences (citations) in one answer.")
    per_source_margin: float = _setting(0.10, "Asked for facts, quotes from a source score within this of its best.")
    answer_margin: float = _setting(
        0.70, "Asked yes or no, quotes from a source score within this of its best (conclusions, findings and advice first)."
    )
    duplicate_cosine: float = _setting(0.92, "Sentences more similar than this count as near-duplicates.")
    view: View = _setting(View.PATIENT, "Answer view: patient (plain-language sources first) or clinician (research first).")
    max_question_chars: int = _setting(2000, "Longest question accepted.")
    auto_rebuild: bool = _setting(True, "Rebuild a stale index when asking instead of failing.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, /, **overrides: Any) -> Settings:
        """Defaults, then ASSISTANT_* environment variables, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().updated(**values)

    def updated(self, **changes: Any) -> Settings:
        """A copy with some fields changed; strings are converted to each field's type."""
        known = {f.name: f for f in fields(self)}
        typed: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            typed[name] = _convert(name, type(getattr(self, name)), value)
        result = replace(self, **typed)
        result.validate()
        return result

    def validate(self) -> None:
        """Raise ConfigError for values that cannot work."""
        if self.view not in set(View):
            raise ConfigError(f"view must be patient or clinician, not {self.view!r}")
        if self.mode not in set(Mode):
            raise ConfigError(f"mode must be hybrid, dense or bm25, not {self.mode!r}")
        for name in (
            "judge_per_source",
            "batch_size",
            "passage_sentences",
            "passage_stride",
            "candidates",
            "per_source",
            "top_k",
            "nprobe",
        ):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")
        if self.passage_stride > self.passage_sentences:
            raise ConfigError("passage_stride must not exceed passage_sentences")

    def index_fingerprint(self) -> dict[str, Any]:
        """The settings a built index depends on, for its manifest."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("index")}

    @staticmethod
    def describe() -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, for --help and the README."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]


def _convert(name: str, kind: Any, value: Any) -> Any:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if issubclass(kind, StrEnum):
            try:
                return kind(str(value).strip().lower())
            except ValueError:
                raise ConfigError(f"setting {name} must be one of {', '.join(kind)}, not {value!r}") from None
        if issubclass(kind, Path):
            return Path(value)
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name} expects {kind.__name__}, got {value!r}") from None
