"""The index on disk: build folders, the CURRENT pointer, manifests, why a build is stale, and old builds' removal.

A build is written to its own folder under `index/builds/` and only then made current by atomically
replacing the small `index/CURRENT` file (index/build.py), so a build killed at any point leaves the previous
index loadable, and a server can keep answering from the old build until the new one is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.read.load import file_hashes

FORMAT_VERSION = 3
CURRENT = "CURRENT"
FILES = (
    "manifest.json",
    "documents.json",
    "sentences.json",
    "passages.json",
    "sentence_vectors.npy",
    "vocab.json",
    "vocab_vectors.npy",
)
# The modules that turn files into what is indexed: a change to any of them means a rebuild.
PIPELINE = (
    "read/load.py",
    "read/metadata.py",
    "read/pdf.py",
    "read/clean.py",
    "read/parse.py",
    "read/quality.py",
    "read/split.py",
    "read/passages.py",
    "index/build.py",
    "language/words.py",
    "language/abbreviations.py",
    "index/bm25.py",
    "index/embed.py",
    "index/vectors.py",
    "index/shards.py",
    "records.py",
)


def pipeline_fingerprint() -> str:
    """Hash of the code that turns files into an index: a change to it means a rebuild."""
    here = Path(__file__).parent.parent  # the package root: PIPELINE names files below it
    digest = hashlib.sha256()
    for name in PIPELINE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def stale_reasons(settings: Settings, manifest: dict[str, Any]) -> list[str]:
    """Why an index no longer matches the corpus, model or settings (empty when it does)."""
    reasons = build_reasons(settings, manifest)
    old, new = manifest.get("files", {}), file_hashes(settings.corpus)
    for name in sorted(set(old) | set(new)):
        if name not in new:
            reasons.append(f"{name} removed")
        elif name not in old:
            reasons.append(f"{name} added")
        elif old[name] != new[name]:
            reasons.append(f"{name} changed")
    return reasons


def build_reasons(settings: Settings, manifest: dict[str, Any]) -> list[str]:
    """Why a build was made differently (format, text processing, model, index settings), whatever its corpus."""
    reasons = []
    if manifest.get("format_version") != FORMAT_VERSION:
        reasons.append(f"index format {manifest.get('format_version')!r} (this version reads {FORMAT_VERSION})")
    if manifest.get("pipeline") != pipeline_fingerprint():
        reasons.append("the assistant's text processing changed")
    if manifest.get("model") != settings.model:
        reasons.append(f"model changed ({manifest.get('model')} → {settings.model})")
    if manifest.get("settings") != jsonable(settings.index_fingerprint()):
        reasons.append("index settings changed")
    return reasons


def current_build(index_dir: Path) -> Path | None:
    """The folder of the current build, or None when there is none yet."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):  # missing, a folder, or overwritten with bytes: no current build
        return None
    path = index_dir / "builds" / name
    return path if name and "/" not in name and path.is_dir() else None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The current build's manifest, or None if there is no readable one."""
    build = current_build(index_dir)
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8")) if build else None
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def checksums(build: Path) -> dict[str, str]:
    """sha256 of every file of a build but its manifest, by relative path."""
    files = (p for p in sorted(build.rglob("*")) if p.is_file() and p.name != "manifest.json")
    return {p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def set_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)


def collect_garbage(builds: Path, keep: set[str]) -> None:
    """Keep the current build and the one before it (a server may still be reading it)."""
    finished = sorted((p for p in builds.iterdir() if p.name.startswith("b-")), key=lambda p: p.name)
    for old in finished[:-2]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in builds.glob(".tmp-*"):
        if time.time() - tmp.stat().st_mtime > 3600:  # abandoned by a killed build
            shutil.rmtree(tmp, ignore_errors=True)


def write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, default=str))
