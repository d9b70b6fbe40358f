"""Run `assistant build` and SIGKILL it at a named point: python tests/killpoints.py STAGE [build options].

The kill is real (the process gets SIGKILL from itself, nothing is cleaned up) but lands at a known place
instead of after a guessed delay, so each point of a build is tested every run.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def wrap(owner: Any, name: str, before: Callable[..., None] | None = None, after: Callable[..., None] | None = None, call: int = 1) -> None:
    """Replace owner.name so that its `call`-th call runs `before` (then the original) and `after`."""
    original = getattr(owner, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call and before:
            before(*args, **kwargs)
        result = original(*args, **kwargs)
        if calls[0] == call and after:
            after(*args, **kwargs)
        return result

    setattr(owner, name, patched)


def embed_half_then_die(self: Any, texts: list[str], *args: Any, **kwargs: Any) -> None:
    if len(texts) > 1:  # the warm-up is one text; the build's texts are many
        ENCODE(self, texts[: len(texts) // 2], *args, **kwargs)
        die()


def cut_file_in_half(self: Any, path: Path) -> None:
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])  # as if the disk stopped mid-write
    die()


def install(stage: str) -> None:
    """Arrange the kill for one stage of a build."""
    import numpy as np

    from assistant.index import build, embed, vectors

    global ENCODE
    ENCODE = embed.SentenceTransformerEncoder.encode
    stages: dict[str, Callable[[], None]] = {
        "splitting": lambda: wrap(build, "split_document", before=lambda *a, **k: die()),
        "embedding": lambda: wrap(embed.SentenceTransformerEncoder, "encode", before=embed_half_then_die, call=1),
        "writing-arrays": lambda: wrap(np, "save", after=lambda *a, **k: die()),
        "writing-faiss-half": lambda: wrap(vectors.VectorIndex, "save", after=cut_file_in_half),
        "before-rename": lambda: wrap(build.os, "replace", before=lambda *a, **k: die()),
        "before-current": lambda: wrap(build, "set_current", before=lambda *a, **k: die()),
        "current-pointer-written": lambda: wrap(build.os, "replace", before=lambda *a, **k: die(), call=2),
        "after-current": lambda: wrap(build, "collect_garbage", before=lambda *a, **k: die()),
    }
    stages[stage]()


STAGES = [
    "splitting",
    "embedding",
    "writing-arrays",
    "writing-faiss-half",
    "before-rename",
    "before-current",
    "current-pointer-written",
    "after-current",
]

if __name__ == "__main__":
    install(sys.argv[1])
    from assistant.cli import main

    main.main(sys.argv[2:], prog_name="assistant", standalone_mode=False)
    sys.exit(3)  # the build finished: the stage was never reached, and the test must fail
