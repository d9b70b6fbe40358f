"""Build an index from the corpus: split, embed (reusing the previous build's vectors), write, make current.

Only JSON, NumPy (no pickles) and FAISS files are written; index/store.py keeps the folders and the pointer.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import CorpusError, UnusableIndexError
from assistant.index.bm25 import Bm25Index
from assistant.index.embed import Encoder
from assistant.index.loaded import Index, load_index
from assistant.index.shards import build_vectors, write_vectors
from assistant.index.store import FORMAT_VERSION, checksums, collect_garbage, jsonable, pipeline_fingerprint, set_current, write_json
from assistant.language.abbreviations import both_forms, defined
from assistant.read.load import Skipped, file_hashes, load_corpus
from assistant.read.passages import make_passages
from assistant.read.split import split_document
from assistant.records import Document, Passage, Sentence


def build_index(
    settings: Settings, encoder: Encoder, progress: bool = True, split: Callable[[list[Document]], list[Sentence]] | None = None
) -> tuple[Path, list[Skipped]]:
    """Build from settings.corpus into a new folder, then make it current; returns (path, skipped). `split` splits
    the documents elsewhere (on Ray: index/distributed.py); by default here, reusing the previous build's sentences."""
    hashes = file_hashes(settings.corpus)
    docs, skipped = load_corpus(settings.corpus)
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no .txt, .md or .pdf files"
        raise CorpusError(f"nothing in {settings.corpus} could be indexed ({reasons})")
    sentences = split(docs) if split is not None else None
    return write_index(docs, settings, encoder, progress, hashes=hashes, skipped=skipped, sentences=sentences), skipped


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
        write_json(tmp / "documents.json", [d.to_dict() for d in docs])
        write_json(tmp / "sentences.json", [s.to_dict() for s in sentences])
        write_json(tmp / "passages.json", [p.to_dict() for p in passages])
        np.save(tmp / "sentence_vectors.npy", sentence_vectors, allow_pickle=False)
        write_json(tmp / "vocab.json", {"words": vocab, "share": share})
        np.save(tmp / "vocab_vectors.npy", vocab_vectors, allow_pickle=False)
        shape = (settings.shards, settings.exact_limit, settings.nprobe, settings.pq_limit)
        sentence_ann, passage_ann = build_vectors(sentence_vectors, *shape), build_vectors(passage_vectors, *shape)
        write_vectors(sentence_ann, tmp, "sentences")
        write_vectors(passage_ann, tmp, "passages")
        sentence_texts, passage_texts = lexical_texts(sentences, passages)
        Bm25Index.build(sentence_texts).save(_mkdir(tmp / "bm25_sentences"))
        Bm25Index.build(passage_texts).save(_mkdir(tmp / "bm25_passages"))
        manifest = {
            "format_version": FORMAT_VERSION,
            "pipeline": pipeline_fingerprint(),
            "model": settings.model,
            "encoder": encoder.name,
            "dim": int(vectors.shape[1]),
            "settings": jsonable(settings.index_fingerprint()),
            "corpus": str(settings.corpus),
            "files": hashes or {},
            "skipped": [asdict(s) for s in skipped],
            "counts": {"documents": len(docs), "sentences": len(sentences), "passages": len(passages)},
            # Chosen by size (settings.exact_limit): exact up to it, approximate above it.
            "vector_index": {"sentences": sentence_ann.describe(), "passages": passage_ann.describe()},
            "checksums": checksums(tmp),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        # The manifest goes last: a folder without one is never a finished build.
        write_json(tmp / "manifest.json", manifest)
        final = builds / f"b-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        os.replace(tmp, final)
        set_current(settings.index, final.name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    collect_garbage(builds, keep={final.name})
    return final


def texts_to_embed(sentences: list[Sentence], passages: list[Passage], vocab: list[str]) -> list[str]:
    """What a build embeds, in order: each sentence with its heading, each passage, each vocabulary word."""
    return [s.context_text for s in sentences] + [p.text for p in passages] + vocab


def lexical_texts(sentences: list[Sentence], passages: list[Passage]) -> tuple[list[str], list[str]]:
    """What BM25 indexes: each sentence with its heading, and each passage, with both forms of its document's short
    forms (`abbreviations.both_forms`). On SciFact's train split (809 claims, 5,183 abstracts, 3,231 of which define
    6,723 short forms) BM25 nDCG@10 went from 0.673 to 0.676 and hybrid from 0.728 to 0.730."""
    text_of: dict[str, list[str]] = {}
    for s in sentences:
        text_of.setdefault(s.doc_id, []).append(s.text)
    forms = {doc_id: defined(" ".join(texts)) for doc_id, texts in text_of.items()}
    doc_of = {s.id: s.doc_id for s in sentences}
    return (
        [both_forms(s.context_text, forms[s.doc_id]) for s in sentences],
        [both_forms(p.text, forms[doc_of[p.sentence_ids[0]]]) if p.sentence_ids else p.text for p in passages],
    )


def _progress(items: list, enabled: bool, desc: str):
    if not enabled or len(items) < 50:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc")


def vocabulary(sentences: list[Sentence]) -> tuple[list[str], list[float]]:
    """Distinct words of the quotable sentences, with the share of sentences using the word's stem.

    Embedded once at build time, so a question's words can be matched by meaning for free. The share is
    counted over the sentences' own words (not their headings) and by stem ("exercise", "exercises")."""
    from assistant.language.words import stem

    quotable = [s for s in sentences if s.evidence]
    words: set[str] = set()
    stem_counts: dict[str, int] = {}
    for s in quotable:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", s.context_text))
        for root in {stem(w.lower()) for w in re.findall(r"[A-Za-z]{3,}", s.text)}:
            stem_counts[root] = stem_counts.get(root, 0) + 1
    ordered = sorted(words)
    return ordered, [stem_counts.get(stem(w), 0) / max(len(quotable), 1) for w in ordered]


def _previous_build(settings: Settings) -> Index | None:
    """The current build, if any: what it split and embedded need not be done again."""
    try:
        return load_index(settings.index)
    except UnusableIndexError:
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
        if previous.passage_ann.keeps_vectors:  # IVF-PQ's compressed rows are not the vectors
            cache.update(zip((p.text for p in previous.passages), previous.passage_ann.vectors()))
        cache.update(zip(previous.vocab["words"], previous.vocab_vectors))
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        fresh = encoder.encode(todo, batch_size=batch_size, progress=progress)
        cache.update(zip(todo, fresh))
    dim = next(iter(cache.values())).shape[0] if cache else 0
    return np.vstack([cache[t] for t in texts]).astype(np.float32) if texts else np.zeros((0, dim), np.float32)


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path
