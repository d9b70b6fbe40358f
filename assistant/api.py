"""The Python API: `Assistant.load(...).ask(question)` → Answer. Loads the model and index once."""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.answer.compose import compose
from assistant.answer.retrieve import Hit, retrieve, serial_math
from assistant.config import JudgeMode, Settings
from assistant.errors import UnusableIndexError
from assistant.index.current import ensure_index
from assistant.index.embed import Encoder, SentenceTransformerEncoder
from assistant.index.loaded import Index
from assistant.index.refresh import IndexWatcher
from assistant.judge.claim import instead, unnegated
from assistant.judge.model import shared_judge
from assistant.judge.reading import claim_of
from assistant.language import relations
from assistant.language.coverage import RELATED, coverage
from assistant.language.followup import Conversation
from assistant.language.framing import FRAME
from assistant.language.terms import MAX_UNKNOWN_WORDS, asks_yes_or_no, nearest_words, subject_of, unknown_words
from assistant.language.typed import clean_question
from assistant.results import Answer, Reading, Understood

log = logging.getLogger(__name__)


class Assistant:
    """Answers questions from one index with one embedding model."""

    def __init__(self, index: Index, encoder: Encoder, settings: Settings) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings
        self.reader = shared_judge()  # the claim–evidence judge, loaded on first use, one per process
        # A server follows new builds made by other processes (index/refresh.py); see for_request.
        self.watcher = IndexWatcher(settings.index, lambda: self.index, lambda new: setattr(self, "index", new), encoder.name)

    @classmethod
    def load(
        cls,
        corpus: str | Path | None = None,
        index: str | Path | None = None,
        *,
        settings: Settings | None = None,
        encoder: Encoder | None = None,
        progress: bool = False,
        notify: Callable[[str], None] | None = None,
        **overrides: Any,
    ) -> Assistant:
        """Load the index, building or rebuilding it first when it is missing or stale."""
        settings = (settings or Settings.from_env()).updated(
            **{k: v for k, v in {"corpus": corpus, "index": index, **overrides}.items() if v is not None}
        )
        encoder = encoder or SentenceTransformerEncoder(settings.model, settings.bf16)
        notify = notify or log.warning
        loaded = ensure_index(settings, encoder, progress=progress, notify=notify)
        # Load the model now, not inside the first answer's timing; and check it makes the index's vectors.
        width = encoder.encode(["warm-up"], batch_size=1).shape[1]
        if width != loaded.sentence_ann.dim:
            raise UnusableIndexError(
                f"the index holds {loaded.sentence_ann.dim}-dimensional vectors but the model {settings.model!r} "
                f"makes {width}-dimensional ones (was the model replaced?); run `assistant build`"
            )
        assistant = cls(loaded, encoder, settings)
        if settings.judge is JudgeMode.LEARNED:
            assistant.reader.read(["warm-up"], ["warm-up"])  # the judge too: loaded now, checked now
        return assistant

    def for_request(self) -> Assistant:
        """This assistant fixed to its newest loaded index for one request; a newer build starts loading meanwhile."""
        pinned = copy.copy(self)  # shares model and watcher; keeps this index even if a new one is swapped in
        # Pinned before polling: a small build loaded by the background thread could otherwise be swapped in
        # between the poll and the copy (seen under load in tests/test_refresh.py).
        self.watcher.poll()
        return pinned

    def judge(self, claim: str, evidence: str) -> dict:
        """The judge's side on one (claim, evidence) pair: {"stance": "for"|"against"|"none", "confidence": …}."""
        return self.reader.read([claim], [evidence])[0].to_dict()

    def ask(self, question: str, conversation: Conversation | None = None, as_written: bool = False, **overrides: Any) -> Answer:
        """Answer one question from the sources; settings may be overridden for this call.

        In a `conversation`, a follow-up ("and how often?") is read with what it leaves out of the last answered
        question, unless `as_written`; the answer's `understood_as` says how, and an answered question joins the thread."""
        return self.ask_ranked(question, conversation, as_written, **overrides)[0]

    def ask_ranked(
        self, question: str, conversation: Conversation | None = None, as_written: bool = False, **overrides: Any
    ) -> tuple[Answer, list[Hit]]:
        """The answer and the retrieval ranking behind it (for evaluation)."""
        settings = self.settings.updated(**overrides) if overrides else self.settings
        started = time.perf_counter()
        typed = clean_question(question, settings.max_question_chars)
        understood = conversation.understand(typed) if conversation is not None and not as_written else Understood(typed, typed)
        if not as_written and asks_yes_or_no(understood.question) and (plain := unnegated(understood.question)):
            understood = Understood(typed, plain[0], Reading.UNNEGATED, understood.question, plain[1])
        kept = instead(understood.question) if asks_yes_or_no(understood.question) else None
        if kept and not as_written:  # "Should I rest instead of exercising?" → "Is exercising recommended for me?"
            understood = Understood(typed, kept[0], Reading.INSTEAD, understood.question, kept[1])
        question = understood.question
        # What the sources' sides are read on: what would be given up (as written, `for_judge` turns them back). Read on
        # "rest" too, only sentences naming rest took a side ("rest" is the rarer word).
        about = kept[0] if kept else question
        index = self.index
        # Words the corpus never uses ride along in the same model call as the question, to be matched by meaning.
        first = coverage(about, index.lexicon)
        missing = [t.typed for t in first.missing]
        searched = first.corrected(about)  # "can i lift weigths" is searched as "can i lift weights?"
        unknown = list(dict.fromkeys([*unknown_words(searched, index.vocab_row), *missing]))[:MAX_UNKNOWN_WORDS]
        vectors = self.encoder.encode([searched, *unknown], batch_size=1 + len(unknown))
        embedded = time.perf_counter()
        with serial_math():
            word_vectors = dict(zip(unknown, vectors[1:]))
            # Read again only when a word was missing: the first pass said which words to embed (no model call here).
            found = coverage(about, index.lexicon, _stands_for(index, missing, word_vectors)) if missing else first
            subject = subject_of(searched, index.vocab_row, index.vocab_vectors, index.vocab_share, word_vectors)
            hits = retrieve(index, vectors[0], searched, settings, subject.focus)
        retrieved = time.perf_counter()
        # Outside serial_math: the judge's matrices want both threads (8 pairs: 30 ms, 51 ms on one thread).
        reader = self.reader if settings.judge is JudgeMode.LEARNED else None
        answer = compose(index, claim_of(question), hits, settings, subject, found, view=settings.view, reader=reader)
        done = time.perf_counter()
        timing = {
            "embed": _ms(embedded - started),
            "search": _ms(retrieved - embedded),
            "compose": _ms(done - retrieved),
            "total": _ms(done - started),
        }
        leans = understood.reading is not Reading.ALONE
        answer = replace(answer, question=typed, timing_ms=timing, understood_as=understood if leans else None)
        if conversation is not None and answer.answered:
            conversation.answered(understood)
        return answer, hits


def _stands_for(index: Index, words: list[str], vectors: dict[str, Any]) -> dict[str, list[str]]:
    """Each word the corpus never uses → corpus words that stand for it, best first.

    First what WordNet relates it to and the corpus uses (language/relations.py: "dumbbells" → weight, "exhausted" →
    fatigued), the model's closest first. Then corpus words the model puts at least `RELATED` close, but never one of
    its opposites ("faster" is 0.7 from "slower"), and a word it begins first: a clipped form stands for its full word
    ("cardio" → "cardiovascular" at 0.66, though "exercising" is 0.69; "later" begins "lateral" at 0.22). Nor one of its
    broader terms (`relations.broader`)."""
    out, rows = {}, index.vocab_row
    for w in words:
        if w not in vectors:
            continue
        vector = vectors[w]
        # Never a word that only frames a question: WordNet lists "be" beside "cost" ("be priced at"), and "how much does a
        # physio session cost" was then covered and answered with praise of physiotherapy.
        lemmas = [(c, steps) for c, steps in relations.related(w) if "_" not in c and c not in FRAME and index.lexicon.knows(c)]
        close = {c: float(index.vocab_vectors[rows[c]] @ vector) if c in rows else 0.0 for c, _ in lemmas}
        vouched = [c for c, _ in sorted(lemmas, key=lambda cs: (cs[1], -close[cs[0]]))]
        # Never one of its opposites, nor a broader term: "cannabis" is 0.64 from "drug", and a source on drugs in general
        # says nothing of cannabis (hypernyms from WordNet were dropped for the same reason, "alcohol" → drug).
        unlike = relations.opposites(w) | relations.broader(w)
        near = [
            c
            for c in nearest_words(vector, rows, index.vocab_vectors, RELATED, n=10)
            if c not in vouched and not relations.base_forms(c) & unlike
        ]
        out[w] = [*vouched, *sorted(near, key=lambda c: not (c.startswith(w) and len(c) > len(w)))][:3]
    return out


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
