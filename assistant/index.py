"""Build, save and load the index: documents, sentences, passages, FAISS, BM25 and a manifest.

A build is written to its own folder under `index/builds/` and only then
made current by atomically replacing the small `index/CURRENT` file, so a
build killed at any point leaves the previous index loadable, and a server
can keep answering from the old build until the new one is complete. Only
JSON, NumPy (no pickles) and FAISS files are ever loaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .config import Settings
from .coverage import Lexicon, words_of
from .embed import Encoder
from .errors import CorpusError, IndexError_
from .lexical import Bm25Index, stem
from .load import Skipped, file_hashes, load_corpus
from .records import Document, Passage, Sentence, SourceMeta
from .split import make_passages, split_document
from .terms import VocabRows
from .vectors import VectorIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
CURRENT = "CURRENT"
FILES = (
    "manifest.json", "documents.json", "sentences.json", "passages.json", "sentence_vectors.npy",
    "sentences.faiss", "passages.faiss", "vocab.json", "vocab_vectors.npy",
)


@dataclass
class Index:
    """Everything retrieval needs, in memory."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, Document]
    sentences: list[Sentence]
    passages: list[Passage]
    sentence_vectors: np.ndarray
    sentence_ann: VectorIndex
    passage_ann: VectorIndex
    sentence_bm25: Bm25Index
    passage_bm25: Bm25Index
    vocab: dict[str, list]  # {"words": [...], "share": [...]}: corpus words and the share of sentences holding each
    vocab_vectors: np.ndarray

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.sentences}
        self.by_path = {d.path: d for d in self.documents.values()}
        self.vocab_row = VocabRows(self.vocab["words"])
        self.vocab_share = np.asarray(self.vocab["share"], dtype=np.float32)
        self.position = {s.id: i for i, s in enumerate(self.sentences)}
        self.passage_members = [np.array([self.position[sid] for sid in p.sentence_ids]) for p in self.passages]
        self._stems: dict[int, frozenset[str]] = {}

    @cached_property
    def lexicon(self) -> Lexicon:
        """The words of the evidence sentences (with their headings), per document: what coverage is judged on."""
        return Lexicon.from_texts((s.doc_id, s.context_text) for s in self.sentences if s.evidence)

    def stems_of(self, row: int) -> frozenset[str]:
        """The stems of one sentence with its heading (cached: the same rows come up question after question)."""
        found = self._stems.get(row)
        if found is None:
            found = self._stems[row] = frozenset(stem(w) for w in words_of(self.sentences[row].context_text))
        return found

    def document_by_path(self, path: str) -> Document:
        """The document with this corpus path (KeyError if there is none)."""
        return self.by_path[path]

    def sentence_by_id(self, sentence_id: str) -> Sentence:
        """The sentence with this id (KeyError if there is none)."""
        return self.by_id[sentence_id]

    def neighbours(self, sentence: Sentence, n: int) -> tuple[list[Sentence], list[Sentence]]:
        """Up to n readable sentences before and after, in the same document and section."""
        row = self.position[sentence.id]

        def near(rows: range) -> list[Sentence]:
            found = []
            for r in rows:
                other = self.sentences[r]
                if other.doc_id != sentence.doc_id or other.section != sentence.section or len(found) == n:
                    break
                if other.kind not in ("boilerplate", "reference", "fragment"):
                    found.append(other)
            return found

        return near(range(row - 1, -1, -1))[::-1], near(range(row + 1, len(self.sentences)))


def build_index(settings: Settings, encoder: Encoder, progress: bool = True) -> tuple[Path, list[Skipped]]:
    """Build from settings.corpus into a new folder, then make it current; returns (path, skipped)."""
    hashes = file_hashes(settings.corpus)
    docs, skipped = load_corpus(settings.corpus)
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no .txt, .md or .pdf files"
        raise CorpusError(f"nothing in {settings.corpus} could be indexed ({reasons})")
    return write_index(docs, settings, encoder, progress, hashes=hashes, skipped=skipped), skipped


def write_index(
    docs: list[Document],
    settings: Settings,
    encoder: Encoder,
    progress: bool = True,
    *,
    hashes: dict[str, str] | None = None,
    skipped: list[Skipped] = (),  # type: ignore[assignment]
    with_vocabulary: bool = True,
    sentences: list[Sentence] | None = None,
) -> Path:
    """Split (unless `sentences` are given), embed and index documents into a new build, then make it current."""
    started = time.perf_counter()
    previous = _previous_build(settings)
    sentences = _split(docs, previous, progress) if sentences is None else sentences
    passages = make_passages(sentences, settings.passage_sentences, settings.passage_stride)
    vocab, share = vocabulary(sentences) if with_vocabulary else ([], [])
    texts = texts_to_embed(sentences, passages, vocab)
    vectors = _embed_with_cache(previous, encoder, texts, settings.batch_size, progress)
    del previous  # its vectors can be large; the new build's files are written next
    n_s, n_p = len(sentences), len(passages)
    sentence_vectors, passage_vectors, vocab_vectors = vectors[:n_s], vectors[n_s : n_s + n_p], vectors[n_s + n_p :]

    builds = settings.index / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        _write_json(tmp / "documents.json", [_doc_to_json(d) for d in docs])
        _write_json(tmp / "sentences.json", [asdict(s) for s in sentences])
        _write_json(tmp / "passages.json", [asdict(p) for p in passages])
        np.save(tmp / "sentence_vectors.npy", sentence_vectors, allow_pickle=False)
        _write_json(tmp / "vocab.json", {"words": vocab, "share": share})
        np.save(tmp / "vocab_vectors.npy", vocab_vectors, allow_pickle=False)
        sentence_ann = VectorIndex.build(sentence_vectors, settings.exact_limit, settings.nprobe)
        passage_ann = VectorIndex.build(passage_vectors, settings.exact_limit, settings.nprobe)
        sentence_ann.save(tmp / "sentences.faiss")
        passage_ann.save(tmp / "passages.faiss")
        Bm25Index.build([s.context_text for s in sentences]).save(_mkdir(tmp / "bm25_sentences"))
        Bm25Index.build([p.text for p in passages]).save(_mkdir(tmp / "bm25_passages"))
        manifest = {
            "format_version": FORMAT_VERSION,
            "pipeline": pipeline_fingerprint(),
            "model": settings.model,
            "encoder": encoder.name,
            "dim": int(vectors.shape[1]),
            "settings": _jsonable(settings.index_fingerprint()),
            "corpus": str(settings.corpus),
            "files": hashes or {},
            "skipped": [asdict(s) for s in skipped],
            "counts": {"documents": len(docs), "sentences": len(sentences), "passages": len(passages)},
            # Chosen by size (settings.exact_limit): exact up to it, approximate above it.
            "vector_index": {"sentences": sentence_ann.describe(), "passages": passage_ann.describe()},
            "checksums": _checksums(tmp),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        # The manifest goes last: a folder without one is never a finished build.
        _write_json(tmp / "manifest.json", manifest)
        final = builds / f"b-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        os.replace(tmp, final)
        _set_current(settings.index, final.name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _collect_garbage(builds, keep={final.name})
    return final


def texts_to_embed(sentences: list[Sentence], passages: list[Passage], vocab: list[str]) -> list[str]:
    """What a build embeds, in order: each sentence with its heading, each passage, each vocabulary word."""
    return [s.context_text for s in sentences] + [p.text for p in passages] + vocab


def _progress(items: list, enabled: bool, desc: str):  # type: ignore[no-untyped-def]
    if not enabled or len(items) < 50:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc")


def pipeline_fingerprint() -> str:
    """Hash of the code that turns files into an index: a change to it means a rebuild."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("load.py", "pdf.py", "clean.py", "parse.py", "quality.py", "split.py", "index.py", "lexical.py", "records.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def vocabulary(sentences: list[Sentence]) -> tuple[list[str], list[float]]:
    """Distinct words of the quotable sentences, with the share of sentences using the word's stem.

    Embedded once at build time, so a question's words can be matched by meaning for free. The share is
    counted over the sentences' own words (not their headings) and by stem ("exercise", "exercises")."""
    from .lexical import stem

    quotable = [s for s in sentences if s.evidence]
    words: set[str] = set()
    stem_counts: dict[str, int] = {}
    for s in quotable:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", s.context_text))
        for root in {stem(w.lower()) for w in re.findall(r"[A-Za-z]{3,}", s.text)}:
            stem_counts[root] = stem_counts.get(root, 0) + 1
    ordered = sorted(words)
    return ordered, [stem_counts.get(stem(w), 0) / max(len(quotable), 1) for w in ordered]


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
    if manifest.get("settings") != _jsonable(settings.index_fingerprint()):
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


def load_index(index_dir: Path) -> Index:
    """Load the current build; IndexError_ says what is wrong and how to fix it."""
    build = current_build(index_dir)
    if build is None:
        raise IndexError_(f"no index in {index_dir}; run `assistant build`")
    missing = [f for f in FILES if not (build / f).is_file()]
    if missing:
        raise IndexError_(f"index {build} is incomplete (missing {', '.join(missing)}); run `assistant build`")
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("the manifest is not a JSON object")
        documents = {d["id"]: _doc_from_json(d) for d in _read_json(build / "documents.json")}
        sentences = [_sentence_from_json(s) for s in _read_json(build / "sentences.json")]
        passages = [Passage(**{**p, "sentence_ids": tuple(p["sentence_ids"])}) for p in _read_json(build / "passages.json")]
        vectors = np.load(build / "sentence_vectors.npy", allow_pickle=False)
        index = Index(
            build, manifest, documents, sentences, passages, vectors,
            VectorIndex.load(build / "sentences.faiss"), VectorIndex.load(build / "passages.faiss"),
            Bm25Index.load(build / "bm25_sentences"), Bm25Index.load(build / "bm25_passages"),
            _read_json(build / "vocab.json"), np.load(build / "vocab_vectors.npy", allow_pickle=False),
        )
    except IndexError_:
        raise
    except Exception as exc:  # any damage to the files: say so, never show a traceback
        raise IndexError_(f"index {build} is damaged ({type(exc).__name__}: {exc}); run `assistant build`") from None
    _check_consistent(index)
    return index


def _check_consistent(index: Index) -> None:
    """Files that parse can still be damaged or mixed from two builds: check sums, row counts and widths."""
    changed = [name for name, digest in _checksums(index.path).items() if index.manifest.get("checksums", {}).get(name, digest) != digest]
    if changed:
        raise IndexError_(f"index {index.path} is damaged ({', '.join(changed)} changed since it was built); run `assistant build`")
    vectors = index.sentence_vectors
    if not (
        len(index.sentences) == len(vectors) == index.sentence_ann.size
        and len(index.passages) == index.passage_ann.size
        and len(index.vocab["words"]) == len(index.vocab_vectors) == len(index.vocab["share"])
    ):
        raise IndexError_(f"index {index.path} is inconsistent (row counts differ); run `assistant build`")
    widths = {index.manifest.get("dim"), vectors.shape[-1], index.sentence_ann.dim, index.passage_ann.dim}
    if len(index.vocab_vectors):
        widths.add(index.vocab_vectors.shape[-1])
    if len(widths) != 1:
        raise IndexError_(f"index {index.path} is inconsistent (vector widths {sorted(map(str, widths))}); run `assistant build`")


def _checksums(build: Path) -> dict[str, str]:
    """sha256 of every file of a build but its manifest, by relative path."""
    files = (p for p in sorted(build.rglob("*")) if p.is_file() and p.name != "manifest.json")
    return {p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _previous_build(settings: Settings) -> Index | None:
    """The current build, if any: what it split and embedded need not be done again."""
    try:
        return load_index(settings.index)
    except IndexError_:
        return None


def _split(docs: list[Document], previous: Index | None, progress: bool) -> list[Sentence]:
    """Sentences of every document; an unchanged document (same bytes, metadata and code) keeps its old ones."""
    kept: dict[str, list[Sentence]] = {}
    if previous is not None and previous.manifest.get("pipeline") == pipeline_fingerprint():
        for s in previous.sentences:
            kept.setdefault(s.doc_id, []).append(s)
    out: list[Sentence] = []
    for doc in _progress(docs, progress, "splitting"):
        unchanged = previous is not None and previous.documents.get(doc.id) == doc and doc.id in kept
        out.extend(kept[doc.id] if unchanged else split_document(doc))
    return out


def _embed_with_cache(previous: Index | None, encoder: Encoder, texts: list[str], batch_size: int, progress: bool) -> np.ndarray:
    """Embed texts, reusing the vectors the previous build computed with the same model for the same texts.

    The key is the exact text (heading included) and the model's name: a rebuild after one document
    changed embeds only that document's new sentences and passages, and words new to the vocabulary."""
    cache: dict[str, np.ndarray] = {}
    if previous is not None and previous.manifest.get("encoder") == encoder.name:
        cache.update(zip((s.context_text for s in previous.sentences), previous.sentence_vectors))
        cache.update(zip((p.text for p in previous.passages), previous.passage_ann.vectors()))
        cache.update(zip(previous.vocab["words"], previous.vocab_vectors))
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        fresh = encoder.encode(todo, batch_size=batch_size, progress=progress)
        cache.update(zip(todo, fresh))
    dim = next(iter(cache.values())).shape[0] if cache else 0
    return np.vstack([cache[t] for t in texts]).astype(np.float32) if texts else np.zeros((0, dim), np.float32)


def _set_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)


def _collect_garbage(builds: Path, keep: set[str]) -> None:
    """Keep the current build and the one before it (a server may still be reading it)."""
    finished = sorted((p for p in builds.iterdir() if p.name.startswith("b-")), key=lambda p: p.name)
    for old in finished[:-2]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in builds.glob(".tmp-*"):
        if time.time() - tmp.stat().st_mtime > 3600:  # abandoned by a killed build
            shutil.rmtree(tmp, ignore_errors=True)


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, default=str))


def _doc_to_json(doc: Document) -> dict[str, Any]:
    data = asdict(doc)
    data["page_starts"] = list(doc.page_starts)
    return data


def _doc_from_json(data: dict[str, Any]) -> Document:
    return Document(**{**data, "meta": SourceMeta(**data["meta"]), "page_starts": tuple(data["page_starts"])})


def _sentence_from_json(data: dict[str, Any]) -> Sentence:
    return Sentence(**{**data, "parts": tuple(tuple(p) for p in data["parts"]), "lines": tuple(data["lines"])})
