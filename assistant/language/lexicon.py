"""The corpus's words, and how they are found as patients type them.

A word's rarity in general English (word frequencies from `wordfreq`) says how much it tells; the
corpus's `Lexicon` knows which stems each document uses, and finds a word the corpus lacks as a word of its
family ("tired" → "tiredness"), an abbreviation of a corpus word ("reps" → "repetitions") or, for a word that is
not English (language/spelling.py), its respelling ("weigths" → "weights").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.language.spelling import Speller, is_english, slip_for
from assistant.language.words import stem

WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FAMILY = 5  # letters two words of one family share at least ("tiredness", "tired")
# Endings that make another word of the same family, which the Snowball stemmer keeps apart ("strength",
# "strengthen"; "tired", "tiredness"; "care", "careful" is too short to count).
_ENDINGS = frozenset("en ens ened ening ness ful fully ly ity ities ive ively ion ions al ally ic ically est".split())
MAX_WEIGHT = 7.0  # the Zipf scale tops out near 7 ("the"); an unknown word or a name weighs the most


# Clipped words and initials that people type for everyday English words, in the order to try them: general
# English, kept to forms with one reading. Used only where the corpus has the full form, and always shown
# ("repetitions (you typed ‘reps’)"). Prefixes ("cardio" → "cardiovascular") need no entry: respell finds them.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rep": ("repetition", "repetitions"),
    "reps": ("repetitions", "repetition"),
    "pt": ("physiotherapy", "physiotherapist", "therapist", "therapy"),
    "physio": ("physiotherapy", "physiotherapist"),
    "ot": ("occupational",),
    "rehab": ("rehabilitation",),
    "meds": ("medications", "medication", "medicines"),
    "doc": ("doctor",),
    "dr": ("doctor",),
    "docs": ("doctors",),
    "mins": ("minutes",),
    "hrs": ("hours",),
    "hr": ("hour",),
    "wk": ("week",),
    "wks": ("weeks",),
    "yr": ("year",),
    "yrs": ("years",),
    "approx": ("approximately",),
    "info": ("information",),
    "temp": ("temperature",),
    "vs": ("versus",),
    "w/o": ("without",),
}


@lru_cache(maxsize=4096)
def rarity(word: str) -> float:
    """7 − the word's Zipf frequency in English: 0 for the commonest words, 7 for words English never uses."""
    from wordfreq import zipf_frequency

    return max(0.0, MAX_WEIGHT - zipf_frequency(word, "en"))


def words_of(text: str) -> list[str]:
    """Lower-cased words, apostrophes and hyphens at their edges removed."""
    return [w.strip("'’-") for w in WORD.findall(text.lower())]


@dataclass(frozen=True)
class Lexicon:
    """The corpus's words: which stems each document uses, and how many documents use each stem."""

    documents: int
    doc_stems: dict[str, frozenset[str]]
    document_frequency: dict[str, int]
    words: frozenset[str]  # every word form, for matching misspellings and abbreviations
    _by_length: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _texts_of: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)  # word → texts using it
    speller: Speller = field(default_factory=lambda: Speller(()), repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[tuple[str, str]]) -> Lexicon:
        """Built from (document id, text) pairs."""
        stems: dict[str, set[str]] = {}
        texts_of: dict[str, set[int]] = {}
        for n, (doc_id, text) in enumerate(texts):
            found = set(words_of(text))
            for w in found:
                texts_of.setdefault(w, set()).add(n)
            stems.setdefault(doc_id, set()).update(stem(w) for w in found)
        words = set(texts_of)
        frequency: dict[str, int] = {}
        for doc in stems.values():
            for s in doc:
                frequency[s] = frequency.get(s, 0) + 1
        by_length: dict[int, list[str]] = {}
        by_prefix: dict[str, list[str]] = {}
        for w in sorted(words):
            by_length.setdefault(len(w), []).append(w)
            by_prefix.setdefault(w[:_FAMILY], []).append(w)
        return cls(
            len(stems),
            {d: frozenset(s) for d, s in stems.items()},
            frequency,
            frozenset(words),
            {n: tuple(ws) for n, ws in by_length.items()},
            {p: tuple(ws) for p, ws in by_prefix.items()},
            {w: frozenset(ns) for w, ns in texts_of.items()},
            Speller(words),
        )

    def knows(self, word: str) -> bool:
        """The corpus uses the word, or another with its stem."""
        return stem(word) in self.document_frequency

    def find(self, word: str, context: Sequence[str] = ()) -> str | None:
        """The corpus word standing for `word`: itself (by stem), one of its family, or its respelling.

        `context` (the question's other words found in the corpus) picks between an abbreviation's
        possible full forms: the one used in the same texts as they are."""
        if self.knows(word):
            return word
        return self.expanded(word) or self.family(word) or self.respell(word, context)

    def expanded(self, word: str) -> str | None:
        """An abbreviation's full form, when the corpus uses it: "reps" → "repetitions", "physio" → "physiotherapy"."""
        return next((f for f in ABBREVIATIONS.get(word, ()) if self.knows(f)), None)

    def family(self, word: str) -> str | None:
        """A corpus word of the same family that the stemmer keeps apart: one is the other plus an English ending
        ("tired" and "tiredness", "strength" and "strengthen"), and the shorter has five letters or more. Not two
        English words that only share letters ("tablets" and "table"): then the word is one of its own."""
        kin = self._ending_apart(word)
        return min(kin, key=lambda w: (abs(len(w) - len(word)), w)) if kin else None

    def shares_root(self, word: str) -> bool:
        """A corpus word shares all but the last two letters of the shorter of the two, five at least ("mammographic"
        and "mammography", "psychiatry" and "psychiatric", "pleural" and "pleura"); a hyphenated word, when each of its
        parts is known or shares a root ("reperfusion-induced"). Not a reading of the word (that needs `family`), only
        a sign that the corpus speaks of it in another form."""
        parts = [p for p in re.split(r"[-‐–]", word) if p]
        if len(parts) > 1:
            return all(self.knows(p) or self.shares_root(p) for p in parts)
        if len(word) < _FAMILY:
            return False
        for w in self._by_prefix.get(word[:_FAMILY], ()):
            common = len(os.path.commonprefix([w, word]))
            if common >= max(_FAMILY, min(len(w), len(word)) - 2):
                return True
        return False

    def kin(self, word: str) -> tuple[str, ...]:
        """The stems of the corpus words that are this word plus an English ending the stemmer keeps apart
        ("strength" → strengthen, strengthening), or that it is such a word's root: a sentence holding one of
        them names the word. Only the endings in `_ENDINGS`: "heart" and "heartburn" share letters, not a meaning."""
        return tuple(sorted({stem(w) for w in self._ending_apart(word)} - {stem(word)}))

    def _ending_apart(self, word: str) -> list[str]:
        """Corpus words that are `word` plus one of `_ENDINGS`, or that `word` is, the shorter five letters or more."""
        if len(word) < _FAMILY:
            return []
        return [
            w
            for w in self._by_prefix.get(word[:_FAMILY], ())
            if (w.startswith(word) and w[len(word) :] in _ENDINGS) or (word.startswith(w) and word[len(w) :] in _ENDINGS)
        ]

    def spread(self, word: str) -> float:
        """Share of documents that use the word's stem."""
        return self.document_frequency.get(stem(word), 0) / max(self.documents, 1)

    def respell(self, word: str, context: Sequence[str] = ()) -> str | None:
        """The corpus word a patient most likely meant, for a word that is not English: a corpus word it begins
        ("swimmin", "physiolog") or the spell-checker's correction when the corpus uses it. A real word is never
        respelled: "tablets" is not "table", "bees" is not "been"."""
        if self.speller.knows(word):
            return None
        base = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if len(base) >= 4:
            longer = [w for n in range(len(base) + 2, len(base) + 16) for w in self._by_length.get(n, ()) if w.startswith(base)]
            if longer:
                together = {w: self._with(w, context) for w in longer}
                return min(longer, key=lambda w: (-together[w], -self.spread(w), len(w), w))
        fixed = self.speller.correct(word)
        return fixed if fixed is not None and self.knows(fixed) else None

    def _with(self, word: str, context: Sequence[str]) -> int:
        """In how many texts `word` appears together with any of the context words."""
        mine = self._texts_of.get(word, frozenset())
        return len(mine & frozenset().union(*(self._texts_of.get(c, frozenset()) for c in context))) if context else 0


def respelled_as(word: str, words: Iterable[str], edits: int, shortest: int) -> str | None:
    """The first of `words` within `edits` edits of `word` and starting with its letter, both at least `shortest`
    letters long, when `word` is not English (language/spelling.py) or, if it is, more likely a slip for it than
    meant as typed (`slip_for`): "shoud" → "should", "wich" → "which", "wat" → "what".

    For closed-class words typed wrong, which must not be read as what a question is about; "now", "that",
    "arms" are words of their own."""
    if len(word) < shortest:
        return None
    from rapidfuzz.distance import DamerauLevenshtein

    return next(
        (
            w
            for w in words
            if len(w) >= shortest
            and w[0] == word[0]
            and (d := DamerauLevenshtein.distance(word, w, score_cutoff=edits)) <= edits
            and (not is_english(word) or slip_for(word, w, d))
        ),
        None,
    )
