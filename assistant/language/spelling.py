"""Is a typed word English, and if not, what was meant: a spell-checking library's English dictionary, joined with
the corpus's own words.

The dictionary is symspellpy's English frequency list (82,765 words, packaged with the library): a word in it, or
in the corpus, is a word of its own and is never respelled ("tablets", "later", "bees", "cardio", "dumbbells"). Any
other word is looked up in both, within two edits, and the candidate at the fewest edits wins; among equals, a word
the corpus uses ("weigths" → "weights", not "weighs"), then the commoner in English ("goign" → "going"). It is taken
only if it is a likelier reading than the word as typed (`slip_for`): "keto" is not "keno", "bipap" not "bias".
"""

from __future__ import annotations

import importlib.resources
import math
import threading
from collections.abc import Iterable
from functools import lru_cache

_DICTIONARY = "frequency_dictionary_en_82_765.txt"
# Two edits find "excercise", "trainning" and "exausted"; a word under five letters gets one, as a spell-checker's
# candidates for a short word are many ("ofen": open, often, oven, owen at one edit), and one under four letters none
# ("ofc" is not "of", "pt" not "at").
MAX_EDITS = 2
SHORT = 5
SHORTEST = 4
# SymSpell's index of deletes over the first letters of each word: 5 letters builds in about 1 s on this machine
# (7, the library's default, 2 s) and looks a word up in 0.13 ms.
_PREFIX = 5


@lru_cache(maxsize=1)
def english() -> dict[str, int]:
    """The packaged English dictionary: word → its count in the library's corpus."""
    path = importlib.resources.files("symspellpy") / _DICTIONARY
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if word and count.strip().isdigit():
            counts[word] = int(count)
    return counts


# Norvig's noisy channel: a word was meant when it is likelier than the string as typed even after paying for each slip
# (an edit), taken as one in a hundred (an assumed rate); how likely each is, is its frequency in English text
# (wordfreq, the same measure as a term's weight). "goign" (Zipf 1.35) for "going" (5.94, one slip): yes; "keto" (3.02)
# for "keno" (2.43): no; "bipap" (1.48) for "bias" (4.18, two slips): no; as the first word of a question, "wat"
# (3.3) for "what" (6.5): yes; "now" (6.2) for "how" (6.3): no.
SLIP_RATE = 0.01


def slip_for(typed: str, meant: str, edits: int = 1) -> bool:
    """`typed` is more likely a slip for `meant`, `edits` away, than a string meant as typed. A string English text
    never shows (not in wordfreq's lists) is a slip for any word near it: "secatuers", "weigths"."""
    from wordfreq import zipf_frequency

    seen = zipf_frequency(typed, "en")
    return not seen or zipf_frequency(meant, "en") + edits * math.log10(SLIP_RATE) > seen


def is_english(word: str) -> bool:
    """In the English dictionary, as typed or without a clitic ("that's", "i'm" are words; so is "hasn't")."""
    words = english()
    word = word.lower().replace("’", "'")
    return word in words or word.split("'")[0] in words


class Speller:
    """The English dictionary and the corpus's words, looked up together; built on the first word to respell."""

    def __init__(self, corpus_words: Iterable[str]) -> None:
        self.corpus = frozenset(corpus_words)
        self._index = None
        self._lock = threading.Lock()

    def knows(self, word: str) -> bool:
        """A word of its own: English, or one the corpus uses."""
        return word in self.corpus or is_english(word)

    def correct(self, word: str) -> str | None:
        """What a word that is not a word was most likely meant to be, or None when nothing is close enough."""
        if self.knows(word) or not word.isalpha() or len(word) < SHORTEST:
            return None
        from symspellpy import Verbosity

        edits = MAX_EDITS if len(word) >= SHORT else 1
        found = self._symspell().lookup(word, Verbosity.ALL, max_edit_distance=edits)
        if not found:
            return None
        fewest = min(s.distance for s in found)
        best = min((s for s in found if s.distance == fewest), key=lambda s: (s.term not in self.corpus, -s.count, s.term))
        return best.term if slip_for(word, best.term, fewest) else None

    def warm(self) -> None:
        """Build the look-up index in the background (about 1 s), so that the first misspelling does not wait for it."""
        threading.Thread(target=self._symspell, daemon=True).start()

    def _symspell(self):
        with self._lock:
            if self._index is None:
                from symspellpy import SymSpell

                index = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=_PREFIX)
                for word, count in english().items():
                    index.create_dictionary_entry(word, count)
                for word in self.corpus:
                    if word.isalpha() and word not in english():
                        index.create_dictionary_entry(word, 1)
                self._index = index
            return self._index
