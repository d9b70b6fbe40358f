"""The loaded index: documents, sentences, passages, FAISS, BM25 and the vocabulary, checked as they are read.

index/build.py writes a build; index/store.py says which build is current. Only JSON, NumPy (no pickles) and FAISS
files are ever loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import UnusableIndexError
from assistant.index.bm25 import Bm25Index
from assistant.index.shards import ShardedIndex, open_vectors
from assistant.index.store import FILES, checksums, current_build, read_json
from assistant.index.vectors import VectorIndex
from assistant.language.abbreviations import defined
from assistant.language.lexicon import Lexicon, words_of
from assistant.language.terms import VocabRows
from assistant.language.words import stem
from assistant.records import Document, Passage, Sentence

_TOKEN = re.compile(r"[\w-]+")  # words as written, case kept: a short form is matched as its document writes it


@dataclass
class Index:
    """Everything retrieval needs, in memory."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, Document]
    sentences: list[Sentence]
    passages: list[Passage]
    sentence_vectors: np.ndarray
    sentence_ann: VectorIndex | ShardedIndex
    passage_ann: VectorIndex | ShardedIndex
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
        self._forms: dict[str, dict[str, tuple[str, frozenset[str]]]] = {}

    @cached_property
    def lexicon(self) -> Lexicon:
        """The words of the evidence sentences (with their headings), per document: what coverage is judged on."""
        return Lexicon.from_texts((s.doc_id, s.context_text) for s in self.sentences if s.evidence)

    def stems_of(self, row: int) -> frozenset[str]:
        """The stems of one sentence with its heading (cached: the same rows come up question after question), with
        the words of a short form its document defines ("AF after CABG" names atrial fibrillation), and the short
        form of a long one it spells out."""
        found = self._stems.get(row)
        if found is None:
            text = self.sentences[row].context_text
            stems = {stem(w) for w in words_of(text)}
            forms = self._short_forms(row)
            if forms:
                tokens = set(_TOKEN.findall(text))
                for short, (short_stem, long) in forms.items():
                    if short in tokens:
                        stems |= long
                    elif long <= stems:
                        stems.add(short_stem)
            found = self._stems[row] = frozenset(stems)
        return found

    def _short_forms(self, row: int) -> dict[str, tuple[str, frozenset[str]]]:
        """The short forms the row's document defines: short → (its stem, the long form's stems). A document's
        sentences are consecutive rows; it is read once, when one of its sentences is first asked about."""
        doc_id = self.sentences[row].doc_id
        forms = self._forms.get(doc_id)
        if forms is None:
            first = last = row
            while first > 0 and self.sentences[first - 1].doc_id == doc_id:
                first -= 1
            while last + 1 < len(self.sentences) and self.sentences[last + 1].doc_id == doc_id:
                last += 1
            text = " ".join(s.text for s in self.sentences[first : last + 1])
            forms = {short: (stem(short.lower()), frozenset(stem(w) for w in words_of(long))) for short, long in defined(text).items()}
            self._forms[doc_id] = forms
        return forms

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
            found: list[Sentence] = []
            for r in rows:
                other = self.sentences[r]
                if other.doc_id != sentence.doc_id or other.section != sentence.section or len(found) == n:
                    break
                if other.kind not in ("boilerplate", "reference", "fragment"):
                    found.append(other)
            return found

        return near(range(row - 1, -1, -1))[::-1], near(range(row + 1, len(self.sentences)))


def load_index(index_dir: Path) -> Index:
    """Load the current build; UnusableIndexError says what is wrong and how to fix it."""
    build = current_build(index_dir)
    if build is None:
        raise UnusableIndexError(f"no index in {index_dir}; run `assistant build`")
    missing = [f for f in FILES if not (build / f).is_file()]
    if missing:
        raise UnusableIndexError(f"index {build} is incomplete (missing {', '.join(missing)}); run `assistant build`")
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("the manifest is not a JSON object")
        documents = {d["id"]: Document.from_dict(d) for d in read_json(build / "documents.json")}
        sentences = [Sentence.from_dict(s) for s in read_json(build / "sentences.json")]
        passages = [Passage.from_dict(p) for p in read_json(build / "passages.json")]
        vectors = np.load(build / "sentence_vectors.npy", allow_pickle=False)
        index = Index(
            build,
            manifest,
            documents,
            sentences,
            passages,
            vectors,
            open_vectors(build, "sentences", manifest.get("vector_index", {}).get("sentences")),
            open_vectors(build, "passages", manifest.get("vector_index", {}).get("passages")),
            Bm25Index.load(build / "bm25_sentences"),
            Bm25Index.load(build / "bm25_passages"),
            read_json(build / "vocab.json"),
            np.load(build / "vocab_vectors.npy", allow_pickle=False),
        )
    except UnusableIndexError:
        raise
    except Exception as exc:  # any damage to the files: say so, never show a traceback
        raise UnusableIndexError(f"index {build} is damaged ({type(exc).__name__}: {exc}); run `assistant build`") from None
    _check_consistent(index)
    return index


def _check_consistent(index: Index) -> None:
    """Files that parse can still be damaged or mixed from two builds: check sums, row counts and widths."""
    changed = [name for name, digest in checksums(index.path).items() if index.manifest.get("checksums", {}).get(name, digest) != digest]
    if changed:
        raise UnusableIndexError(f"index {index.path} is damaged ({', '.join(changed)} changed since it was built); run `assistant build`")
    vectors = index.sentence_vectors
    if not (
        len(index.sentences) == len(vectors) == index.sentence_ann.size
        and len(index.passages) == index.passage_ann.size
        and len(index.vocab["words"]) == len(index.vocab_vectors) == len(index.vocab["share"])
    ):
        raise UnusableIndexError(f"index {index.path} is inconsistent (row counts differ); run `assistant build`")
    widths = {index.manifest.get("dim"), vectors.shape[-1], index.sentence_ann.dim, index.passage_ann.dim}
    if len(index.vocab_vectors):
        widths.add(index.vocab_vectors.shape[-1])
    if len(widths) != 1:
        raise UnusableIndexError(f"index {index.path} is inconsistent (vector widths {sorted(map(str, widths))}); run `assistant build`")
