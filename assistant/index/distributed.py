"""Building past one machine, on Ray (`assistant build --engine ray`): splitting and embedding run as Ray tasks and
actors over a cluster; reading the corpus and writing the index stay here, so writing is as atomic as ever.

Only `--engine ray` imports this module, and only it imports `ray` (an optional extra, `.[scale]`): the embedded
default never pays for it. The index it builds is the single-process build's: the same documents, sentence ids and
manifest (the same encoder name), and vectors within float tolerance, because each actor runs the same encoder
(`embed.SentenceTransformerEncoder`) on an ordered share of the same texts (tests/test_distributed.py).

Faults: an actor that dies is restarted and its share retried once (`max_restarts`, `max_task_retries`); if it
fails again, the build stops with `ClusterError` before anything is written, and the previous index stays current.
An address that cannot be reached is refused within `CONNECT_SECONDS`, before Ray is started.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np

from assistant.errors import ClusterError, ConfigError
from assistant.records import Document, Sentence

CONNECT_SECONDS = 3.0
# Texts per request to an actor: big enough that Ray's per-call cost (about a millisecond) is lost in the model's time
# (a 512-text share is about half a second on one core), small enough that two workers share a small corpus.
SHARE = 512


def connect(address: str | None, workers: int) -> None:
    """Join the Ray cluster at `address` (or `RAY_ADDRESS`), or start a local one with `workers` CPUs."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: install the scale extra (pip install -e '.[scale]')") from None
    address = address or os.environ.get("RAY_ADDRESS") or None
    if not ray.is_initialized():
        if address is None:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        else:
            if address != "auto":  # "auto": the cluster `ray start` left on this machine, found by Ray itself
                _reachable(address)
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
    # Each worker holds one CPU for the whole run: more workers than the cluster has CPUs would wait for ever.
    cpus = int(ray.cluster_resources().get("CPU", 0))
    if workers > cpus:
        raise ConfigError(f"--workers {workers}: the Ray cluster has {cpus} CPUs, and each worker holds one; ask for {cpus} or fewer")


def _reachable(address: str) -> None:
    """Refuse a cluster address no one answers at, within seconds (Ray itself retries for a minute)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=CONNECT_SECONDS):
            return
    except ValueError:
        raise ConfigError(f"Ray address {address!r} is not host:port") from None
    except OSError as exc:
        raise ConfigError(f"cannot reach a Ray cluster at {address} ({exc.strerror or exc}); nothing was built") from None


class Worker:
    """One Ray actor: what `load()` gives (a model, an assistant, an index), loaded once; `work(it, share)` per call.
    The build's encoders and the evaluation's answerers (evaluation/spread.py) are both such actors."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self.loaded = load()

    def answer(self, work: Callable[[Any, Any], Any], share: Any) -> Any:
        return work(self.loaded, share)


def workers_of(load: Callable[[], Any], count: int) -> list[Any]:
    """`count` Worker actors of one CPU each, restarted once if one dies, its call then retried once."""
    import ray

    remote: Any = ray.remote(num_cpus=1, max_restarts=1, max_task_retries=1)(Worker)
    return [remote.remote(load) for _ in range(max(1, count))]


def _encoded(encoder: Any, texts: list[str], batch_size: int) -> np.ndarray:
    return encoder.encode(texts, batch_size=batch_size)


class RayEncoder:
    """An `embed.Encoder` whose work runs on `workers` Ray actors; rows come back in the order of the texts."""

    def __init__(self, model: str, bf16: bool = True, workers: int = 2) -> None:
        import ray

        self.name = model
        self._ray = ray
        self._make = (model, bf16, max(1, workers))
        self.actors: list[Any] = []  # started on the first texts: each holds a CPU, which splitting needs first

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        if not self.actors:
            from assistant.index.embed import SentenceTransformerEncoder

            model, bf16, workers = self._make
            self.actors = workers_of(partial(SentenceTransformerEncoder, model, bf16), workers)
        # Longest first, as sentence-transformers orders one call's texts, in shares of whole batches: each batch is then
        # padded as in the single-process build, and the vectors agree to float precision even under bfloat16.
        order = np.argsort([-len(t) for t in texts])  # as sentence-transformers sorts (its ties fall the same way)
        size = max(batch_size, SHARE - SHARE % batch_size)
        shares = [[texts[i] for i in order[at : at + size]] for at in range(0, len(texts), size)]
        encode = partial(_encoded, batch_size=batch_size)
        pending = [self.actors[i % len(self.actors)].answer.remote(encode, share) for i, share in enumerate(shares)]
        try:
            rows = self._ray.get(pending)
        except self._ray.exceptions.RayError as exc:
            raise ClusterError(  # with Ray's reason: a model missing on a node, a node lost
                f"a Ray worker failed while embedding ({ray_reason(exc)}); the previous index is still current"
            ) from None
        if not rows:
            return np.zeros((0, 0), np.float32)
        out = np.empty((len(texts), rows[0].shape[1]), np.float32)
        out[order] = np.vstack(rows)
        return out


def ray_reason(exc: BaseException) -> str:
    """The exception's class and the last line of what Ray says (the worker's own error comes last)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{exc.__class__.__name__}: {lines[-1][:200]}" if lines else exc.__class__.__name__


def close(encoder: RayEncoder) -> None:
    """Release the encoder's actors (and the CPUs they hold)."""
    import ray

    for actor in encoder.actors:
        ray.kill(actor)
    encoder.actors = []


def split_on_ray(docs: list[Document]) -> list[Sentence]:
    """Every document split by a Ray task (`read.split.split_document`), the sentences in the documents' order."""
    import ray

    from assistant.read.split import split_document

    task = ray.remote(max_retries=1)(split_document)
    try:
        return [s for part in ray.get([task.remote(d) for d in docs]) for s in part]
    except ray.exceptions.RayError as exc:
        raise ClusterError(f"a Ray worker failed while splitting ({ray_reason(exc)}); the previous index is still current") from None
