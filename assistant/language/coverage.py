"""Which of a question's key terms the sources contain, and how much each term says.

A term's weight is how rare it is in general English (word frequencies from `wordfreq`): "yoga"
or a surname says more about what is asked than "help" or "people". Words found in most of the
corpus's documents say little about which document answers (in a corpus about one disease, its
name is everywhere) and are discounted. A term the corpus does not contain is looked up as
patients type it: a misspelling within a small edit distance of a corpus word, or an
abbreviation of one ("reps" → "repetitions"). What is still missing is named when declining.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.language.words import stem

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Closed-class words of English: they frame a question, they never say what it is about.
_FRAME = frozenset(
    """a an the and or but nor not no yes if then than so as at by for from in into of on onto to with without about
    over under after before during between through is are am was were be been being do does did done can could should
    would will shall may might must has have had having i me my mine myself we us our ours you your yours he him his she
    her hers it its they them their theirs this that these those there here what which who whom whose why how when where
    whether any some all each every much many more most less least very too also just still even really ok okay
    now often frequently""".split()
)
# The words that make a yes/no question a claim ("is it safe", "should I avoid", "is it harmful"): general English
# evaluatives. They say which way round the question asks (claim.py), not what it is about.
_EVALUATIVE = re.compile(
    r"^(?:safe|safely|unsafe|good|bad|fine|ok|okay|alright|helpful|harmful|harm|useful|beneficial|effective|"
    r"recommended|advisable|advised|allowed|dangerous|risky|worth|wise|better|worse|best|worst|avoid|avoiding|"
    r"stop|stopping|quit|skip|refrain)$"
)
# Who the question is about ("for people with motor neurone disease", "if I have diabetes", "in older adults"):
# the population a source may share with others, not what the question asks about it. Such words count a
# quarter in telling sources apart ("strength training", not "neurone", decides which sentence answers).
_POPULATION = re.compile(
    r"\b(?:(?:for|in|among|of|to)\s+)?(?:(?:a|an|the|my|our|his|her|their)\s+)?(?:people|persons?|patients?|someone|"
    r"somebody|anyone|those|adults?|children|kids|men|women|individuals?|sufferers?|him|her|them|me|us)\s+"
    r"(?:who\s+(?:have|has|had|are|is)|with|living\s+with|suffering\s+from|diagnosed\s+with)\s+[^,;?.!]+"
    r"|\bif\s+(?:i|you|he|she|they|we)\s+(?:have|has|had|am|are|is|get|gets)\s+[^,;?.!]+"
    r"|\b(?:with|in)\s+(?:my|his|her|their|our|your)\s+(?:condition|disease|illness|diagnosis)\b"
    r"|\b(?:now\s+that|since|after|as)\s+(?:i|you|he|she|they|we)\s+(?:have|has|had|am|are|is|was|were)\s+[^,;?.!]+",
    re.I,
)
_WHO_SHARE = 0.25
_FAMILY = 5  # letters two words of one family share at least ("tiredness", "tired")
_MAX_WEIGHT = 7.0  # the Zipf scale tops out near 7 ("the"); an unknown word or a name weighs the most
# Respelled only when English seldom uses the word as typed (Zipf below 4, under ten in a million words):
# "weigths" and "excercise" are near 0, "cardio" 3.4, "reps" 3.6, while "arms" (4.6), "bees" (4.2) or
# "diet" (4.5) are words of their own.
_RESPELL_RARITY = _MAX_WEIGHT - 4.0
# Cosine between single-word vectors above which a corpus word stands for a word the corpus never uses, for
# deciding whether the sources cover a question. Read off the bundled model on a corpus about exercise: the
# same thing comes out high ("gym"→"fitness" 0.74, "biking"→"cycling" 0.90), another topic at 0.52 or less
# ("creatine" 0.52, "ketogenic" 0.51, "acupuncture" 0.48, "transplantation" 0.47), but between the two the
# model does not separate an instance ("dumbbells"→"weights" 0.60, "pilates"→"exercises" 0.60) from a
# neighbour ("alcohol"→"drugs" 0.59, "wheelchair"→"disability" 0.61, "drink"→"water" 0.62). Declining
# wrongly is the safer error, so the cut-off sits above that band (terms.STANDS_FOR is this value).
RELATED = 0.64
# A word this rare in English (Zipf 3.25 or less, under about two in a million words: "acupuncture" 3.0,
# "transplantation" 3.2, "ketogenic" 2.4, most surnames) names a specific thing.
SPECIFIC = _MAX_WEIGHT - 3.25
# A word under Zipf 4.5 (about thirty in a million words: "swimming" 3.9, "stretching" 3.4, but not "often" 5.4 or
# "find" 5.6) can name what a question asks about, so that a sentence holding it answers even at a low cosine.
NAMING = _MAX_WEIGHT - 4.5


# Clipped words and initials that people type for everyday English words, in the order to try them: general
# English, kept to forms with one reading. Used only where the corpus has the full form, and always shown
# ("repetitions (you typed ‘reps’)"). Prefixes ("cardio" → "cardiovascular") need no entry: respell finds them.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rep": ("repetition", "repetitions"), "reps": ("repetitions", "repetition"),
    "pt": ("physiotherapy", "physiotherapist", "therapist", "therapy"), "physio": ("physiotherapy", "physiotherapist"),
    "ot": ("occupational",), "rehab": ("rehabilitation",), "meds": ("medications", "medication", "medicines"),
    "doc": ("doctor",), "dr": ("doctor",), "docs": ("doctors",), "mins": ("minutes",), "hrs": ("hours",), "hr": ("hour",),
    "wk": ("week",), "wks": ("weeks",), "yr": ("year",), "yrs": ("years",), "approx": ("approximately",),
    "info": ("information",), "temp": ("temperature",), "vs": ("versus",), "w/o": ("without",),
}


@lru_cache(maxsize=4096)
def rarity(word: str) -> float:
    """7 − the word's Zipf frequency in English: 0 for the commonest words, 7 for words English never uses."""
    from wordfreq import zipf_frequency

    return max(0.0, _MAX_WEIGHT - zipf_frequency(word, "en"))


def words_of(text: str) -> list[str]:
    """Lower-cased words, apostrophes and hyphens at their edges removed."""
    return [w.strip("'’-") for w in _WORD.findall(text.lower())]


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
        return cls(len(stems), {d: frozenset(s) for d, s in stems.items()}, frequency, frozenset(words),
                   {n: tuple(ws) for n, ws in by_length.items()}, {p: tuple(ws) for p, ws in by_prefix.items()},
                   {w: frozenset(ns) for w, ns in texts_of.items()})

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
        """A corpus word of the same family that the stemmer keeps apart: one is the other plus an ending
        ("tired" and "tiredness", "worse" and "worsening"), and the shorter has five letters or more."""
        if len(word) < _FAMILY:
            return None
        kin = [w for w in self._by_prefix.get(word[:_FAMILY], ()) if w.startswith(word) or word.startswith(w)]
        return min(kin, key=lambda w: (abs(len(w) - len(word)), w)) if kin else None

    def spread(self, word: str) -> float:
        """Share of documents that use the word's stem."""
        return self.document_frequency.get(stem(word), 0) / max(self.documents, 1)

    def respell(self, word: str, context: Sequence[str] = ()) -> str | None:
        """The corpus word a patient most likely meant: an abbreviation's full form, or a word one or two edits away.

        Only for words English itself hardly uses: "arms" is not a misspelling of "aims"."""
        if rarity(word) < _RESPELL_RARITY:
            return None
        base = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if len(base) >= 3:
            longer = [w for n in range(len(base) + 2, len(base) + 16) for w in self._by_length.get(n, ()) if w.startswith(base)]
            # A short abbreviation could stand for many words ("rep": report, repeat, repetitions): the one used in
            # the same texts as the question's other words. Four letters or more ("cardio") usually say enough.
            together = {w: self._with(w, context) for w in longer}
            if len(base) < 4:
                longer = [w for w in longer if together[w]]
            if longer:
                return min(longer, key=lambda w: (-together[w], -self.spread(w), len(w), w))
        if len(word) < 4:
            return None
        from rapidfuzz.distance import DamerauLevenshtein
        from rapidfuzz.process import extract

        # One edit for short words, two for longer ones: "weigths" → "weights", "excercise" → "exercise".
        limit = 1 if len(word) < 7 else 2
        pool = [w for n in range(len(word) - limit, len(word) + limit + 1) for w in self._by_length.get(n, ()) if w[0] == word[0]]
        near = extract(word, pool, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None)
        return min(near, key=lambda m: (m[1], -self.spread(m[0]), m[0]))[0] if near else None


    def _with(self, word: str, context: Sequence[str]) -> int:
        """In how many texts `word` appears together with any of the context words."""
        mine = self._texts_of.get(word, frozenset())
        return len(mine & frozenset().union(*(self._texts_of.get(c, frozenset()) for c in context))) if context else 0


@dataclass(frozen=True)
class Term:
    """One key term of a question: as typed, the corpus word it was read as (or None), and its weights."""

    typed: str
    found: str | None
    weight: float  # how much the term says in English (its rarity): what coverage is judged on
    specificity: float  # the weight, less for a word most documents use or one naming who is asking about:
    # what tells one source from another
    how: str = "as typed"  # as typed | family | respelled | meaning | missing

    def shown(self) -> str | None:
        """How the term is shown under "Searched for": a respelling or a word found by meaning is made visible."""
        if self.found is None:
            return None
        if self.how in ("respelled", "family") and self.found != self.typed:
            return f"{self.found} (you typed ‘{self.typed}’)"
        if self.how == "meaning":
            return f"{self.found} (for ‘{self.typed}’)"
        return self.typed

    @property
    def stem(self) -> str:
        return stem(self.found or self.typed)


@dataclass(frozen=True)
class Coverage:
    """A question's key terms against the corpus."""

    terms: tuple[Term, ...]

    @property
    def missing(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.found is None and t.weight > 0)

    @property
    def respelled(self) -> tuple[Term, ...]:
        """Terms read as another corpus word ("weigths" as "weights"), to show the patient what was searched."""
        return tuple(t for t in self.terms if t.found is not None and t.found != t.typed)

    @property
    def covered(self) -> bool:
        """False when what the question is about is in no source: a missing term outweighs every present one in
        telling sources apart (or is a word English rarely uses, naming a specific thing: "acupuncture"), and the
        missing terms carry at least a third of the question's weight.

        Which term is heaviest is judged by specificity: a word every source uses ("ALS" in a corpus about ALS)
        cannot make "Is it safe to drink alcohol with ALS?" covered. The share is judged against the present
        terms' full weight: "gentle" must not outweigh "stretching" merely because every source mentions
        stretching. A missing word just before a present one ("gentle stretching") only qualifies it."""
        present = [t for t in self.terms if t.found is not None]
        absent = self.missing
        if not absent:
            return True
        if not present:
            return False
        heavy = max(t.specificity for t in absent) >= max(t.specificity for t in present) or max(t.weight for t in absent) >= SPECIFIC
        missing_share = sum(t.specificity for t in absent) / (sum(t.specificity for t in absent) + sum(t.weight for t in present))
        return not (heavy and missing_share >= 1 / 3)

    def names(self, stems: frozenset[str] | set[str], least_share: float) -> bool:
        """The text names what is asked: at least `least_share` of the key terms by specificity, and among them a word
        English uses under about thirty times in a million words ("swimming", a surname), not only "often" or "find"."""
        named = [self._telling(t) for t in self.terms if t.found is not None and t.stem in stems]
        return bool(named) and max(named) >= NAMING and self.share(stems) >= least_share

    def share(self, stems: frozenset[str] | set[str]) -> float:
        """Share of the question's specific terms (by specificity) that a text, given by its stems, contains."""
        total = sum(self._telling(t) for t in self.terms)
        held = sum(self._telling(t) for t in self.terms if t.found is not None and t.stem in stems)
        return held / total if total else 0.0

    def _telling(self, term: Term) -> float:
        """How much a term tells sources apart: its specificity; or, when every key term the corpus has is in nearly
        every source ("Is strengthening exercise recommended?" in a corpus about exercise), its weight."""
        return term.specificity if self._some_specific else term.weight

    @property
    def _some_specific(self) -> bool:
        return any(t.specificity for t in self.terms if t.found is not None)

    def corrected(self, question: str) -> str:
        """The question as searched: each respelled word replaced by the corpus word it was read as ("weigths" →
        "weights"), case kept where it can be, trailing punctuation made one "?" (so "ok", "ok?" and "ok???" ask the
        same). Words found by meaning are left as typed: the model already reads them."""
        swaps = {t.typed: t.found for t in self.terms if t.found and t.how == "respelled"}

        def swap(m: re.Match[str]) -> str:
            word = m.group(0)
            return swaps.get(word.lower(), word) if word.lower() in swaps else word

        text = _WORD.sub(swap, question) if swaps else question
        return re.sub(r"[\s?!.]+$", "", text) + "?"


def _misspelt_frame(word: str, lexicon: Lexicon) -> bool:
    """A word the corpus lacks that is two edits from a closed-class word ("shud", "becuase", "abuot") frames the question."""
    if len(word) < 4 or lexicon.knows(word) or rarity(word) < _RESPELL_RARITY:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    return any(DamerauLevenshtein.distance(word, f, score_cutoff=2) <= 2 for f in _FRAME if len(f) >= 4 and f[0] == word[0])


def coverage(question: str, lexicon: Lexicon, stands_for: Mapping[str, Sequence[str]] | None = None) -> Coverage:
    """The question's key terms, each found in the corpus (as typed, respelled, or by meaning) or missing, with its weight.

    `stands_for` maps a word the corpus never uses to corpus words near it in meaning, found by the
    embedding model (`RELATED` or closer: "gym" → "fitness"); the closest counts as the term being found."""
    stands_for = stands_for or {}
    who = set(words_of(" ".join(m.group(0) for m in _POPULATION.finditer(question))))
    words = [w for w in dict.fromkeys(words_of(question))
             if len(w) >= 2 and w not in _FRAME and not _EVALUATIVE.match(w) and not _misspelt_frame(w, lexicon)]
    known = [w for w in words if lexicon.knows(w)]
    terms: dict[str, Term] = {}
    for word in words:
        found = lexicon.find(word, context=known)
        how = "missing"
        if found is not None:
            how = "as typed" if found == word else "family" if lexicon.family(word) == found else "respelled"
        elif stands_for.get(word):
            found, how = stands_for[word][0], "meaning"
        weight = rarity(found or word)
        # A word most of the corpus's documents use does not tell them apart (only in a corpus big enough to say so).
        spread = lexicon.spread(found) if found is not None and lexicon.documents >= 4 else 0.0
        specificity = weight * min(1.0, 2.0 * (1.0 - spread)) * (_WHO_SHARE if word in who else 1.0)
        terms[word] = Term(word, found, round(weight, 3), round(specificity, 3), how)
    # English puts a modifier before its noun: a missing word just before a found key term ("gentle stretching")
    # qualifies what the sources do discuss and counts a quarter; a missing noun ("stem cell transplantation",
    # "resistance bands") counts in full.
    sequence = words_of(question)
    for word, after in zip(sequence, sequence[1:]):
        term, head = terms.get(word), terms.get(after)
        if term is not None and term.found is None and head is not None and head.found is not None:
            terms[word] = replace(term, specificity=round(term.specificity * _WHO_SHARE, 3))
    return Coverage(tuple(terms.values()))

