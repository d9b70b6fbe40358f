"""Follow the index while serving: when another process's `assistant build` becomes current, switch to it.

A build becomes current only once it is complete (see index/build.py), so the `CURRENT` pointer is the
signal. Checking it costs one stat() per request. The new build is loaded in a background thread
while questions keep being answered from the index in use; it then replaces that index with one
reference assignment, so a request sees either the old index or the new one, never a mix. A build
that cannot be loaded, or was embedded with another model, is refused with a warning and the index
in use stays.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from assistant.index.loaded import Index, load_index
from assistant.index.store import CURRENT, current_build

log = logging.getLogger(__name__)


class IndexWatcher:
    """Loads a newer current build in the background and hands it to `use` when it is ready."""

    def __init__(self, index_dir: Path, in_use: Callable[[], Index], use: Callable[[Index], None], encoder_name: str) -> None:
        self.index_dir = index_dir
        self._in_use = in_use
        self._use = use
        self._encoder_name = encoder_name
        self._seen: tuple[int, int, int] | None = None
        self._loader: threading.Thread | None = None
        self._lock = threading.Lock()

    def poll(self) -> None:
        """Start loading the current build if it is not the one in use; cheap when nothing changed."""
        key = _pointer_key(self.index_dir)
        with self._lock:
            # While a load runs, the pointer is not marked as seen: a build made meanwhile is picked up next.
            if key == self._seen or (self._loader is not None and self._loader.is_alive()):
                return
            self._seen = key
            build = current_build(self.index_dir)
            if build is None or build.name == self._in_use().path.name:
                return
            self._loader = threading.Thread(target=self._load, name="index-refresh", daemon=True)
            self._loader.start()

    def wait(self, timeout: float | None = None) -> None:
        """Block until a load in progress has finished (for tests and orderly shutdown)."""
        loader = self._loader
        if loader is not None:
            loader.join(timeout)

    def _load(self) -> None:
        in_use = self._in_use().path.name
        try:
            index = load_index(self.index_dir)  # whatever is current now: always a complete build
        except Exception as exc:  # a damaged or vanished build must never take the server down
            log.warning("A new index is current but could not be loaded (%s); still answering from %s.", exc, in_use)
            return
        built_with = index.manifest.get("encoder")
        if built_with != self._encoder_name:
            log.warning(
                "The new index %s was embedded with %s, but this server embeds questions with %s; "
                "still answering from %s (restart the chat to use it).",
                index.path.name,
                built_with,
                self._encoder_name,
                in_use,
            )
            return
        self._use(index)
        log.info("Now answering from index %s (was %s).", index.path.name, in_use)


def _pointer_key(index_dir: Path) -> tuple[int, int, int] | None:
    """Identity of the pointer file: os.replace gives it a new inode, so any new build changes this."""
    try:
        st = os.stat(index_dir / CURRENT)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
