"""What a question is about: its subject words, their near-synonyms in the corpus, and a focus vector.

The subject is what is left of the question once framing ("should I", "is it safe",
"people with ALS") is removed: "Is strength training recommended for people with motor
neurone disease?" is about "strength training". Word vectors for the corpus vocabulary
are computed at build time, so none of this costs an extra embedding at question time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from assistant.language.coverage import RELATED
from assistant.language.lexicon import respelled_as

WORD = re.compile(r"[a-z][a-z'’-]*")
MAX_UNKNOWN_WORDS = 8

FRAMING = set(
    """should can could would will is are am was be do does did ok okay safe safely good bad harmful recommended recommend
    advisable allowed fine helpful help helps need i my me we our you your he she him her his they them their it
    als mnd people person patients patient someone anyone a an the to for of in on with and or if when what which how
    about any some this that there keep still really too much many often also do my wife husband mum dad mother father
    motor neurone neuron disease amyotrophic lateral sclerosis worth idea try trying beneficial benefit benefits
    effective useful dangerous risky harm evidence there have has had get gets got feel feels felt day days week
    weeks after before during out up down fast now time times thing things way lot problem problems anything
    something everything okay alright right wrong through into over under while then than just even very more
    most less least again back going go better worse best worst
    avoid avoiding stop stopping quit skip refrain damage hurt unsafe altogether""".split()
)

AUX = r"(?:is|are|am|was|were|can|could|should|would|will|do|does|did|may|might|must|has|have)"
# "When should I…?" asks when; "When I get tired…, should I…?" opens with a clause and asks yes or no.
_WH_QUESTION = re.compile(r"^\s*(?:what|which|who|whom|whose|why|how)\b|^\s*(?:when|where)\s+" + AUX + r"\b", re.I)
_LATER_YES_NO = re.compile(r"(?:[,;:.?!-]\s*|\b(?:and|or|but|so)\s+)" + AUX + r"\b", re.I)


class VocabRows(dict):
    """Corpus word → its row in the vocabulary vectors, with the words also grouped by first five letters."""

    def __init__(self, words: Sequence[str]) -> None:
        super().__init__((w, i) for i, w in enumerate(words))
        self.words = list(words)
        self.by_prefix: dict[str, list[str]] = {}
        for w in self.words:
            if len(w) >= 5:
                self.by_prefix.setdefault(w[:5], []).append(w)


# Words a patient opens a follow-up with ("and how often?", "ok so what kind…"): they do not change what is asked.
OPENER_WORDS = r"and|so|ok|okay|but|also|then|well|um+|hmm+|right|alright|oh"
_OPENERS = re.compile(rf"^\s*(?:(?:{OPENER_WORDS})\b[\s,.!…-]*)+", re.I)


def without_openers(question: str) -> str:
    """The question without the words a patient opens a follow-up with ("and how often?" → "how often?")."""
    return _OPENERS.sub("", question).strip() or question.strip()


def asks_yes_or_no(question: str) -> bool:
    """ "Should I…?", "Is it safe…?", "…, is it OK?" take a side; "How often should I…?" asks for facts, however it
    opens ("and how often?", "ok so how much…", "for how long", "whats the best time", "hw often")."""
    text = _wh_respelled(_LEADING_PREPOSITION.sub("", without_openers(question)))
    word = first.group(1).lower() if (first := _FIRST_WORD.match(text)) else ""
    opens_yes_no = bool({word, word.removesuffix("nt"), word.removesuffix("n")} & _AUX_WORDS)  # "isn't", "doesnt"
    if not _WH_QUESTION.match(text) and not opens_yes_no and (after := _FRONTED.match(text)):
        text = _wh_respelled(_LEADING_PREPOSITION.sub("", text[after.end() :]))  # "In the Clawson trial, which groups…?"
    return not _WH_QUESTION.match(text) or bool(_LATER_YES_NO.search(text))


# A question may open with a phrase or a clause that sets the scene before it asks: "In the Clawson trial, which…?",
# "my balance isnt great, what kind of cardio…?" (both were given a "Yes" or declined as yes/no questions). No
# PubMedQA dev question has a question word after a comma: their verdicts are untouched.
_AUX_WORDS = frozenset(AUX.removeprefix("(?:").removesuffix(")").split("|"))
_FRONTED = re.compile(r"^[^,;:?]*[,;:]\s*")

# "for how long?", "at what age…", "in which…": a preposition before the question word.
_LEADING_PREPOSITION = re.compile(
    r"^\s*(?:for|in|at|to|from|by|with|on|of|after|before|until|till)\s+(?=(?:what|which|how|when|where|who|whom|whose)\b)", re.I
)
_WH_WORDS = ("what", "which", "who", "whom", "whose", "why", "how", "when", "where")
_FIRST_WORD = re.compile(r"^\s*([A-Za-z]+)(?:['’]?s\b)?")


def _wh_respelled(text: str) -> str:
    """A first word English seldom uses one edit from a question word is that word: "hw", "wich", "wat";
    "whats" and "hows" are "what's" and "how's". "now", "that", "there" are words of their own (Zipf over 4)."""
    m = _FIRST_WORD.match(text)
    if not m or m.group(1).lower() in _WH_WORDS:
        return text
    word = m.group(1).lower()
    if word.endswith("s") and word[:-1] in _WH_WORDS:  # "whats the best time", "hows that"
        return word[:-1] + " is" + text[m.end() :]
    near = respelled_as(word, _WH_WORDS, edits=1, shortest=2)
    return near + text[m.end() :] if near else text


def question_terms(question: str) -> list[str]:
    """The words that say what the question is about, framing words ("should I", "safe") removed."""
    words = [w.strip("'’-") for w in WORD.findall(question.lower())]
    terms = [w for w in words if w and w not in FRAMING]
    specific = [w for w in terms if not w.startswith("exercis")]
    return specific or terms


@dataclass(frozen=True)
class Subject:
    """What a question is about, as words: its terms, and the corpus words that mean the same."""

    terms: tuple[str, ...]  # the question's subject words, plus the corpus words standing in for unknown ones
    specific: tuple[str, ...]  # terms rare enough in the corpus to tell one topic from another
    close: frozenset[str]  # corpus words near any term (for negation and contrast scopes)
    on_topic: frozenset[str]  # corpus words near a specific term (for "is this sentence about it?")
    unknown: tuple[str, ...] = ()  # subject words with no counterpart anywhere in the corpus
    focus: np.ndarray | None = None  # mean vector of the subject words

    @property
    def covered(self) -> bool:
        """False when the question has a subject and the corpus has no word for any of it ("alcohol")."""
        return not self.unknown or len(self.unknown) < len(self.terms)

    def related(self, word: str) -> bool:
        """The word is a term, shares its first five letters, or means much the same."""
        return _matches(word.lower(), self.close, self._term_prefixes)

    def about(self, text: str) -> bool:
        """True when the text names the question's specific subject (always, for a general question)."""
        if not self.specific:
            return True
        return any(_matches(w, self.on_topic, self._specific_prefixes) for w in _words_of(text))

    # Computed once per question, not once per word checked (the dataclass is frozen, not slotted).
    @cached_property
    def _term_prefixes(self) -> frozenset[str]:
        return _prefixes(self.terms)

    @cached_property
    def _specific_prefixes(self) -> frozenset[str]:
        return _prefixes(self.specific)


@lru_cache(maxsize=65536)
def _words_of(text: str) -> tuple[str, ...]:
    """The lower-cased words of a text; sentences are checked again and again, question after question."""
    return tuple(WORD.findall(text.lower()))


def unknown_words(question: str, vocab_row: dict[str, int]) -> list[str]:
    """Subject words the corpus never uses, even by their first five letters: these need a vector."""
    unknown = [t for t in dict.fromkeys(question_terms(question)) if t not in vocab_row and not _proxies(t, vocab_row)]
    # Each is embedded with the question, padded to its length: "swim " x 400 once took 20 s. The rest stay unknown.
    return unknown[:MAX_UNKNOWN_WORDS]


def subject_of(
    question: str,
    vocab_row: dict[str, int],
    vocab_vectors: np.ndarray,
    vocab_share: np.ndarray,
    word_vectors: dict[str, np.ndarray] | None = None,
) -> Subject:
    """The question's subject, matched against the corpus vocabulary.

    Words the corpus uses are matched through vectors computed at build time; `word_vectors` holds
    vectors (embedded with the question, in one call) for the words it never uses ("cardio"), which
    then stand for their nearest corpus words ("aerobic", "cardiovascular").
    """
    word_vectors = word_vectors or {}
    terms: list[str] = []
    unknown: list[str] = []
    for term in question_terms(question):
        found = [term] if term in vocab_row else _proxies(term, vocab_row)
        if not found and term in word_vectors:
            found = nearest_words(word_vectors[term], vocab_row, vocab_vectors, STANDS_FOR)
        if found:
            terms.extend(w for w in [term, *found] if w not in terms)
        else:
            unknown.append(term)
            terms.append(term)

    # Words found in more than a tenth of the sentences ("exercise", "muscle") cannot tell topics apart.
    def rare(word: str) -> bool:
        return word in vocab_row and 0 < vocab_share[vocab_row[word]] < COMMON_SHARE

    specific = tuple(t for t in terms if rare(t))
    on_topic = {w for w in _near(specific, vocab_row, vocab_vectors, ON_TOPIC) if rare(w)}
    return Subject(
        tuple(terms),
        specific,
        frozenset(_near(terms, vocab_row, vocab_vectors, NEAR)),
        frozenset(on_topic),
        tuple(unknown),
        focus_vector(terms, vocab_row, vocab_vectors),
    )


# Cosine between single-word vectors. Read off the corpus vocabulary: "cardio"→"cardiovascular" 0.66,
# "gym"→"fitness" 0.74, "biking"→"cycling" 0.90 stand for each other; "drink"→"water" 0.62,
# "alcohol"→"drugs" 0.59, "wheelchair"→"disability" 0.61 do not.
NEAR = 0.6  # close enough to count in a negation or contrast scope
STANDS_FOR = RELATED  # an unknown word is represented by up to three corpus words at least this close (one cut-off with coverage)
ON_TOPIC = 0.65  # a sentence is about the subject if it has a word at least this close to a specific term
COMMON_SHARE = 0.1


def nearest_words(vector: np.ndarray, vocab_row: dict[str, int], vocab_vectors: np.ndarray, floor: float, n: int = 3) -> list[str]:
    """Up to `n` corpus words whose vectors are at least `floor` close to `vector`, closest first."""
    if not len(vocab_vectors):
        return []
    sims = vocab_vectors @ vector
    words = _words(vocab_row)
    return [words[i] for i in np.argsort(-sims)[:n] if sims[i] >= floor]


def _proxies(term: str, vocab_row: dict[str, int]) -> list[str]:
    """A word the corpus never uses ("tiredness") stands in for the corpus words it starts like ("tired")."""
    if len(term) < 5:
        return []
    if isinstance(vocab_row, VocabRows):  # a dictionary look-up instead of a scan of every corpus word
        return list(vocab_row.by_prefix.get(term[:5], ()))
    return [w for w in vocab_row if len(w) >= 5 and w[:5] == term[:5]]


def _words(vocab_row: dict[str, int]) -> list[str]:
    return vocab_row.words if isinstance(vocab_row, VocabRows) else list(vocab_row)


def _near(terms: Sequence[str], vocab_row: dict[str, int], vocab_vectors: np.ndarray, floor: float) -> set[str]:
    close = set(terms)
    words = _words(vocab_row)
    for term in terms:
        row = vocab_row.get(term)
        if row is not None:
            sims = vocab_vectors @ vocab_vectors[row]
            close.update(words[i] for i in np.flatnonzero(sims >= floor))
    return close


def _prefixes(terms: Sequence[str]) -> frozenset[str]:
    return frozenset(t[:5] for t in terms if len(t) >= 5)


def _matches(word: str, close: frozenset[str], prefixes: frozenset[str]) -> bool:
    return word in close or (len(word) >= 5 and word[:5] in prefixes)


def focus_vector(terms: Sequence[str], vocab_row: dict[str, int], vocab_vectors: np.ndarray) -> np.ndarray | None:
    """The normalised mean of the subject words' vectors, or None when none is in the vocabulary."""
    rows = [vocab_row[t] for t in terms if t in vocab_row]
    if not rows:
        return None
    mean = vocab_vectors[rows].mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None
