"""The index to answer from: the current build, loaded; built first when there is none, rebuilt when it is stale."""

from __future__ import annotations

import logging
from collections.abc import Callable

from assistant.config import Settings
from assistant.errors import UnusableIndexError
from assistant.index.build import build_index
from assistant.index.embed import Encoder
from assistant.index.loaded import Index, load_index
from assistant.index.store import read_manifest, stale_reasons

log = logging.getLogger(__name__)


def ensure_index(settings: Settings, encoder: Encoder, progress: bool = False, notify: Callable[[str], None] = log.warning) -> Index:
    """The loaded index: built if there is none, rebuilt if the corpus, model or settings changed."""
    manifest = read_manifest(settings.index)
    if manifest is None:
        notify(f"No index yet in {settings.index}/: building it from {settings.corpus}/ (first run only).")
    else:
        reasons = stale_reasons(settings, manifest)
        if not reasons:
            try:
                return load_index(settings.index)
            except UnusableIndexError as exc:
                reasons = [str(exc)]
        if not settings.auto_rebuild:
            raise UnusableIndexError(f"the index is out of date ({'; '.join(reasons)}); run `assistant build`")
        notify(f"The index is out of date ({'; '.join(reasons)}): rebuilding.")
    _, skipped = build_index(settings, encoder, progress=progress)
    for s in skipped:
        notify(f"Skipped {s.path}: {s.reason}")
    return load_index(settings.index)
