"""Does this evidence support the claim, contradict it, or neither? A learned cross-encoder's reading.

The judge is the bundled all-MiniLM-L6-v2 fine-tuned as a cross-encoder on public claim–evidence
pairs (`assistant train-judge`, training/train.py). Only what training changed is stored, in
`assistant/models/judge.safetensors` (the encoder layers, pooler and classifier, float16); the frozen
word embeddings come from the installed model package. So the judge needs no download and no GPU, and
every (claim, sentence) pair of one answer is read in one batched forward pass.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.errors import ConfigError
from assistant.index.embed import resolve_model
from assistant.results import Stance

LABELS = (Stance.FOR, Stance.AGAINST, Stance.NONE)  # the judge's closed set of answers, in its output order
MODEL_DIR = Path(__file__).parent.parent / "models"
WEIGHTS = "judge.safetensors"
META = "judge.json"
MAX_LENGTH = 256  # tokens of claim + evidence; 99% of the public pairs fit in 216 (measured with the tokenizer)


@dataclass(frozen=True)
class Reading:
    """The judge's side on one (claim, evidence) pair and how sure it is (the winning class's probability)."""

    stance: Stance
    confidence: float
    scores: tuple[float, float, float]  # probabilities of for, against, none

    def to_dict(self) -> dict:
        return {"stance": self.stance.value, "confidence": round(self.confidence, 4)}


def build_model(base: str):
    """The untrained cross-encoder: the base transformer with a fresh 3-way head."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    location = resolve_model(base)
    try:
        tokenizer = AutoTokenizer.from_pretrained(location)
        model = AutoModelForSequenceClassification.from_pretrained(location, num_labels=len(LABELS))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot load the judge's base model {base!r} offline ({exc.__class__.__name__})") from None
    return tokenizer, model


class Judge:
    """The trained judge, loaded lazily once; `read` takes many pairs in one batched pass."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._loaded = None

    @cached_property
    def meta(self) -> dict:
        """judge.json: the base model, the recipe and the measured figures (read once)."""
        path = self.folder / META
        if not path.is_file():
            raise ConfigError(f"the judge is not trained: {path} is missing (run: assistant train-judge)")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path} is not JSON ({exc}); retrain with: assistant train-judge") from None

    def _load(self):
        with self._lock:
            if self._loaded is None:
                import torch
                from safetensors.torch import load_file

                meta = self.meta
                tokenizer, model = build_model(meta["base"])
                trained = {k: v.to(torch.float32) for k, v in load_file(str(self.folder / WEIGHTS)).items()}
                missing = set(trained) - set(model.state_dict())
                if missing:
                    raise ConfigError(f"{self.folder / WEIGHTS} does not fit the base model ({sorted(missing)[:3]}…)")
                model.load_state_dict(trained, strict=False)
                model.eval()
                self._loaded = (tokenizer, model)
        return self._loaded

    def read(self, claims: Sequence[str], evidence: Sequence[str], batch: int = 64) -> list[Reading]:
        """One Reading per (claim, evidence) pair, in order."""
        if len(claims) != len(evidence):
            raise ValueError("claims and evidence must pair up")
        if not claims:
            return []
        import torch

        tokenizer, model = self._load()
        readings: list[Reading] = []
        for start in range(0, len(claims), batch):
            features = tokenizer(
                list(claims[start : start + batch]),
                list(evidence[start : start + batch]),
                truncation="longest_first",
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            with torch.inference_mode():
                probs = torch.softmax(model(**features).logits, dim=-1).tolist()
            for p in probs:
                best = max(range(len(LABELS)), key=p.__getitem__)
                readings.append(Reading(LABELS[best], p[best], (p[0], p[1], p[2])))
        return readings


_SHARED: Judge | None = None
_SHARED_LOCK = threading.Lock()


def shared_judge() -> Judge:
    """The bundled judge, one per process: every Assistant loaded in a process (a chat server following new
    builds, an evaluation with several columns, a test run) reads with the same weights, loaded once."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Judge()
        return _SHARED
