"""Corpus folder → Documents. A bad file is skipped with a reason; the rest still load."""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import CorpusError, UnreadableFile
from assistant.read.metadata import METADATA_FILE, body_start, front_matter, merged_meta, read_metadata
from assistant.records import Document, content_id

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
_IGNORED = {METADATA_FILE, "readme.md"}
MAX_FILE_BYTES = 50_000_000  # far beyond any source document; a bigger file is a mistake, not a source
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
    """The indexable files under `corpus`, sorted; see scan_corpus for what is passed over."""
    return scan_corpus(corpus)[0]


def scan_corpus(corpus: Path) -> tuple[list[Path], list[Skipped]]:
    """The indexable files under `corpus` (sorted), and the other entries with the reason each is not read.

    Hidden files, README.md and sources.yaml are passed over silently. Linked folders are never followed
    (a link to a parent folder would loop), and a linked file is read only when it lies inside the corpus
    folder: the chat serves whole sources, so nothing outside the folder may end up in the index.
    """
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist; pass --corpus or set ASSISTANT_CORPUS")
    root = corpus.resolve()
    found: list[Path] = []
    skipped: list[Skipped] = []

    def unreadable_folder(exc: OSError) -> None:
        where = Path(exc.filename or corpus)
        skipped.append(Skipped(_rel(where, corpus) + "/", f"folder cannot be read ({exc.strerror})"))

    for folder, dirs, names in os.walk(corpus, onerror=unreadable_folder):  # never follows linked folders
        here = Path(folder)
        for name in [d for d in dirs if (here / d).is_symlink() and not d.startswith(".")]:
            skipped.append(Skipped(_rel(here / name, corpus) + "/", "a linked folder (links to folders are not followed)"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or name.lower() in _IGNORED:
                continue
            reason = _unindexable(path, root)
            if reason:
                skipped.append(Skipped(_rel(path, corpus), reason))
            else:
                found.append(path)
    return sorted(found), sorted(skipped, key=lambda s: s.path)


def _unindexable(path: Path, root: Path) -> str | None:
    """Why this file is not read, or None when it is an indexable regular file."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
            return "a broken or looping link"
        if not target.is_relative_to(root):
            return "a link to a file outside the corpus folder (not followed)"
    if path.suffix.lower() not in SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "without an extension"
        return f"unsupported file type {kind} (only {', '.join(SUFFIXES)} are read)"
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_FILE_BYTES:
        return f"too large ({info.st_size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"
    return None


def _rel(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def file_hashes(corpus: Path) -> dict[str, str]:
    """sha256 per corpus file (and the metadata file), keyed by relative path: the index's staleness key."""
    paths = corpus_files(corpus)
    meta = corpus / METADATA_FILE
    if meta.is_file():
        paths.append(meta)
    return {_rel(p, corpus): _sha256(p) for p in paths}


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # unreadable now: a different key, so the index notices once it can be read
        return "unreadable"


def load_corpus(corpus: Path) -> tuple[list[Document], list[Skipped]]:
    """Every readable document in `corpus`, plus the files skipped and why."""
    metadata = read_metadata(corpus / METADATA_FILE)
    files, skipped = scan_corpus(corpus)
    docs: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        rel = _rel(path, corpus)
        try:
            doc = load_document(path, rel, metadata.get(rel, {}))
        except UnreadableFile as exc:
            skipped.append(Skipped(rel, str(exc)))
            continue
        except OSError as exc:  # removed or locked since the scan
            skipped.append(Skipped(rel, f"cannot be read ({exc.strerror or type(exc).__name__})"))
            continue
        if doc.sha256 in seen:
            skipped.append(Skipped(rel, f"same content as {seen[doc.sha256]}"))
            continue
        seen[doc.sha256] = rel
        docs.append(doc)
    skipped.sort(key=lambda s: s.path)
    for s in skipped:  # the callers report these to the user; here they are progress details
        log.info("skipped %s: %s", s.path, s.reason)
    return docs, skipped


def load_document(path: Path, rel: str, meta: dict[str, Any]) -> Document:
    """Read one file into a Document, or raise UnreadableFile with the reason."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fmt = SUFFIXES[path.suffix.lower()]
    page_starts: tuple[int, ...] = ()
    if fmt == "pdf":
        from assistant.read.pdf import pdf_pages

        pages = pdf_pages(data)
        text = "\n".join(pages)
        page_starts = tuple(_starts(pages))
    else:
        text = _decode(data)
    front: dict[str, Any] = {}
    if fmt != "pdf":
        front, has_front = front_matter(text)
        if fmt == "text" and (has_front or any(p.search(text) for p in _MARKDOWN_HINTS)):
            fmt = "markdown"
    if not text.strip() or not re.search(r"\w{2,}", _body(text)):
        raise UnreadableFile("no text in it")
    return Document(
        id=content_id(rel, sha),
        path=rel,
        format=fmt,
        text=text,
        meta=merged_meta(meta, front, path),
        page_starts=page_starts,
        sha256=sha,
    )


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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows editors' "Unicode" text
        try:
            return _lines(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise UnreadableFile("not valid UTF-16 text despite its byte order mark") from None
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not valid UTF-8 text (byte {exc.start})") from None
    return _lines(text)


def _lines(text: str) -> str:
    # Offsets are counted in this exact string; normalise line ends only (one char per line end).
    return text.replace("\r\n", "\n").replace("\r", "\n")
