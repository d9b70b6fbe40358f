"""An evaluation's questions spread over Ray actors (`assistant eval --engine ray`): each actor loads what it answers
with (the assistant, or a BEIR index) once and answers a share of the questions in order; the shares come back in the
questions' order, so the report is the single-process report (only the latencies differ). The index must already be
built where the actors can read it: the driver loads it first (building it if need be), so no two actors build it.

Only `--engine ray` imports this module; Ray itself is imported inside `spread`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from assistant.config import Settings
from assistant.errors import ClusterError
from assistant.index.distributed import ray_reason, workers_of

T = TypeVar("T")
R = TypeVar("R")
# Shares per actor: an actor that finishes early takes the next share, so one slow share does not hold the run up.
SHARES_PER_ACTOR = 4


def assistant_of(settings: Settings) -> Any:
    """The assistant an actor answers question sets and PubMedQA with: the index the driver built, never rebuilt by an
    actor (a stale one fails with the reason), at the folders as the driver resolved them (`absolute`)."""
    from assistant.api import Assistant

    return Assistant.load(settings=settings.updated(auto_rebuild=False))


def absolute(settings: Settings) -> Settings:
    """The corpus and index folders as absolute paths: an actor's working folder is not the driver's."""
    return settings.updated(corpus=settings.corpus.resolve(), index=settings.index.resolve())


def spread(load: Callable[[], Any], work: Callable[[Any, list[T]], list[R]], items: Sequence[T], workers: int) -> list[R]:
    """`work(load(), share)` for consecutive shares of `items` on `workers` actors, each calling `load` once; the
    results in items' order."""
    import ray

    if not items:
        return []
    actors = workers_of(load, workers)
    count = min(len(items), len(actors) * SHARES_PER_ACTOR)
    bounds = [round(i * len(items) / count) for i in range(count + 1)]
    shares = [list(items[a:b]) for a, b in zip(bounds, bounds[1:])]
    pool = ray.util.ActorPool(actors)
    try:
        done = list(pool.map(lambda actor, share: actor.answer.remote(work, share), shares))
    except ray.exceptions.RayError as exc:
        raise ClusterError(f"a Ray worker failed during the evaluation ({ray_reason(exc)}); no report was written") from None
    finally:
        for actor in actors:
            ray.kill(actor)
    return [result for share in done for result in share]
