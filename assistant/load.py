"""Corpus folder → Documents. A bad file is skipped with a reason; the rest still load."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from .errors import CorpusError
from .records import NOT_STATED, Document, SourceMeta, content_id

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
METADATA_FILE = "sources.yaml"
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_MARKDOWN_HINTS = [
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"(?m)^#{1,6} \S"),
    re.compile(r"\[[^\]\n]+\]\([^)\n]+\)"),
    re.compile(r"(?m)^> \S"),
    re.compile(r"~~[^~\n]+~~"),
]


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    path: str
    reason: str


def corpus_files(corpus: Path) -> list[Path]:
    """The indexable files under `corpus`, sorted; other files are ignored."""
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist; pass --corpus or set ASSISTANT_CORPUS")
    found: list[Path] = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() in SUFFIXES and path.is_file() and not path.name.startswith("."):
            if path.name.lower() != "readme.md":
                found.append(path)
    return found


def file_hashes(corpus: Path) -> dict[str, str]:
    """sha256 per corpus file (and the metadata file), keyed by relative path: the index's staleness key."""
    paths = corpus_files(corpus)
    meta = corpus / METADATA_FILE
    if meta.is_file():
        paths.append(meta)
    return {p.relative_to(corpus).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def load_corpus(corpus: Path) -> tuple[list[Document], list[Skipped]]:
    """Every readable document in `corpus`, plus the files skipped and why."""
    metadata = read_metadata(corpus / METADATA_FILE)
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path in corpus_files(corpus):
        rel = path.relative_to(corpus).as_posix()
        try:
            doc = load_document(path, rel, metadata.get(rel, {}))
        except (UnreadableFile, OSError) as exc:
            skipped.append(Skipped(rel, str(exc)))
            log.warning("skipped %s: %s", rel, exc)
            continue
        if doc.sha256 in seen:
            skipped.append(Skipped(rel, f"same content as {seen[doc.sha256]}"))
            log.warning("skipped %s: duplicate of %s", rel, seen[doc.sha256])
            continue
        seen[doc.sha256] = rel
        docs.append(doc)
    return docs, skipped


class UnreadableFile(Exception):
    """A file that cannot be turned into text; the message says why."""


def read_metadata(path: Path) -> dict[str, dict[str, Any]]:
    """sources.yaml: {relative path: {title, author, date, kind, audience, url, label, evidence_base}}."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CorpusError(f"{path} must map each file name to its fields")
    return data


def load_document(path: Path, rel: str, meta: dict[str, Any]) -> Document:
    """Read one file into a Document, or raise UnreadableFile with the reason."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fmt = SUFFIXES[path.suffix.lower()]
    page_starts: tuple[int, ...] = ()
    if fmt == "pdf":
        from .pdf import pdf_pages

        pages = pdf_pages(data)
        text = "\n".join(pages)
        page_starts = tuple(_starts(pages))
    else:
        text = _decode(data)
    front: dict[str, Any] = {}
    if fmt != "pdf":
        front, has_front = _front_matter(text)
        if fmt == "text" and (has_front or any(p.search(text) for p in _MARKDOWN_HINTS)):
            fmt = "markdown"
    if not text.strip() or not re.search(r"\w{2,}", _body(text)):
        raise UnreadableFile("no text in it")
    return Document(
        id=content_id(rel, sha),
        path=rel,
        format=fmt,
        text=text,
        meta=_merge_meta(meta, front, path),
        page_starts=page_starts,
        sha256=sha,
    )


def body_start(text: str) -> int:
    """Offset where the text begins after any YAML front matter."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def _body(text: str) -> str:
    return text[body_start(text) :]


def _starts(pages: list[str]) -> list[int]:
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 1
    return starts


def _decode(data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not valid UTF-8 text (byte {exc.start})") from None
    # Offsets are counted in this exact string; normalise line ends only (one char per line end).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(text: str) -> tuple[dict[str, Any], bool]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, False
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, True
    return (data if isinstance(data, dict) else {}), True


def _merge_meta(given: dict[str, Any], front: dict[str, Any], path: Path) -> SourceMeta:
    """sources.yaml wins, then front matter, then "not stated" (title falls back to a label from the name)."""
    names = {f.name for f in fields(SourceMeta)}
    values: dict[str, str] = {}
    for key in ("title", "date", "author", "url"):
        if front.get(key):
            values[key] = str(front[key])
    if "date" in values:
        values["date"] = values["date"][:10]
    values.update({k: str(v) for k, v in given.items() if k in names and v is not None})
    if "label" not in values:
        values["label"] = path.stem.replace("_", " ").replace("-", " ")
    return SourceMeta(**values)


__all__ = ["Skipped", "UnreadableFile", "corpus_files", "file_hashes", "load_corpus", "load_document", "body_start", "NOT_STATED"]
