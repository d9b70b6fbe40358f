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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from assistant.language.framing import EVALUATIVE, FRAME, who_words
from assistant.language.lexicon import MAX_WEIGHT, WORD, Lexicon, rarity, respelled_as, words_of
from assistant.language.relations import names_a_thing
from assistant.language.words import stem

_WHO_SHARE = 0.25
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
SPECIFIC = MAX_WEIGHT - 3.25
# A word under Zipf 4.5 (about thirty in a million words: "swimming" 3.9, "stretching" 3.4, but not "often" 5.4 or
# "find" 5.6) can name what a question asks about, so that a sentence holding it answers even at a low cosine.
NAMING = MAX_WEIGHT - 4.5


@dataclass(frozen=True)
class Term:
    """One key term of a question: as typed, the corpus word it was read as (or None), and its weights."""

    typed: str
    found: str | None
    weight: float  # how much the term says in English (its rarity): what coverage is judged on
    specificity: float  # the weight, less for a word most documents use or one naming who is asking about:
    # what tells one source from another
    how: str = "as typed"  # as typed | family | respelled | meaning | missing
    kin: tuple[str, ...] = ()  # stems of corpus words of its family that the stemmer keeps apart (Lexicon.kin)
    who: bool = False  # names who is asking about ("for people with motor neurone disease"), not what
    rooted: bool = False  # missing, but a corpus word shares its root (Lexicon.shares_root): spoken of in another form

    def shown(self) -> str | None:
        """How the term is shown under "Searched for": a respelling or a word found by meaning is made visible."""
        if self.found is None:
            return f"{self.typed} (in no source)" if not self.who else None
        if self.how in ("respelled", "family") and self.found != self.typed:
            return f"{self.found} (you typed ‘{self.typed}’)"
        if self.how == "meaning":
            return f"{self.found} (for ‘{self.typed}’)"
        return self.typed

    @property
    def stem(self) -> str:
        return stem(self.found or self.typed)

    @property
    def forms(self) -> frozenset[str]:
        """The stems a text may name the term by: its own, or a word of its family's."""
        return frozenset((self.stem, *self.kin))


@dataclass(frozen=True)
class Coverage:
    """A question's key terms against the corpus."""

    terms: tuple[Term, ...]
    spelled: tuple[tuple[str, str], ...] = ()  # (as typed, as meant) for each word that is not one ("shoudl", "goign")

    @property
    def missing(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.found is None and t.weight > 0)

    @property
    def searched_for(self) -> tuple[str, ...]:
        """The key terms as searched: "weights (you typed ‘weigths’)" where a word was read as another."""
        return tuple(shown for t in self.terms if t.weight > 0 and (shown := t.shown()))

    @property
    def unmentioned(self) -> tuple[Term, ...]:
        """What the question asks about that no source mentions, though the rest of it is covered ("fish oil" in "Does
        fish oil help ALS muscles?", "acupuncture"): a missing term that names a specific thing, or tells sources apart
        at least as well as every present one. The sources may speak to the rest; none speaks to the claim."""
        present = [t.specificity for t in self.terms if t.found is not None]
        best = max(present, default=0.0)
        return tuple(t for t in self.missing if not t.who and not t.rooted and (t.weight >= SPECIFIC or t.specificity >= best))

    def unnamed_by(self, texts: Sequence[frozenset[str]]) -> tuple[Term, ...]:
        """What the question asks about that the quoted texts (given by their stems) never name: the `unmentioned`
        terms, and a specific term found only by meaning whose stand-in none of them names. "vitamin" stood for the
        corpus's "supplement" (an embedding neighbour), and "does vitamin d help with als weakness" was answered "Yes"
        from sentences on weakness that name no supplement."""
        present = [t.specificity for t in self.terms if t.found is not None]
        best = max(present, default=0.0)
        stood_in = [
            t
            for t in self.terms
            if t.how == "meaning"
            and not t.who
            and (t.weight >= SPECIFIC or t.specificity >= best)
            and names_a_thing(t.typed)
            and all(text.isdisjoint(t.forms) for text in texts)
        ]
        return (*self.unmentioned, *stood_in)

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
        English uses under about thirty times in a million words ("swimming", a surname), not only "often" or "find".
        By its rarity in English, not in the corpus: "cardiovascular", in four of five sources, named nothing, so "Is cardio
        good for me?" quoted praise of exercise over "cardiovascular exercise appears safe" (ALS citation support 0.919
        → 0.946). Never a word naming who asks ("…now that I have ALS")."""
        named = [weight for forms, _, weight in self._found if weight is not None and not stems.isdisjoint(forms)]
        return bool(named) and max(named) >= NAMING and self.share(stems) >= least_share

    def share(self, stems: frozenset[str] | set[str]) -> float:
        """Share of the question's specific terms (by specificity) that a text, given by its stems, contains: a term
        is contained as itself or as a word of its family ("strength" in "strengthening")."""
        total = self._total  # over every key term: one the corpus lacks is named by no text
        return sum(telling for forms, telling, _ in self._found if not stems.isdisjoint(forms)) / total if total else 0.0

    def claim_share(self, stems: frozenset[str] | set[str]) -> float:
        """Share of what the question claims (its key terms by weight, without those naming who it is about) that a
        text contains. By weight, not specificity: whether two sentences are about the same claim does not depend
        on how many documents use its words ("strength" in every source on exercise still names the claim)."""
        claim = [(t.forms, t.weight) for t in self.terms if not t.who]
        total = sum(w for _, w in claim)
        return sum(w for forms, w in claim if not stems.isdisjoint(forms)) / total if total else 0.0

    # Asked of every candidate sentence, several times per answer: forms, telling, naming weight (None: who), once.
    @cached_property
    def _found(self) -> tuple[tuple[frozenset[str], float, float | None], ...]:
        return tuple((t.forms, self._telling(t), None if t.who else t.weight) for t in self.terms if t.found is not None)

    @cached_property
    def _total(self) -> float:
        return sum(self._telling(t) for t in self.terms)

    def _telling(self, term: Term) -> float:
        """How much a term tells sources apart: its specificity; or, when every key term the corpus has is in nearly
        every source ("Is strengthening exercise recommended?" in a corpus about exercise), its weight."""
        return term.specificity if self._some_specific else term.weight

    @property
    def _some_specific(self) -> bool:
        return any(t.specificity for t in self.terms if t.found is not None)

    def corrected(self, question: str) -> str:
        """The question as searched: each respelled word replaced by the corpus word it was read as ("weigths" →
        "weights"), and so is a word of a family the stemmer splits ("cardio" → "cardiovascular": BM25 matched neither
        to the other, and "Searched for" says the corpus word was searched), case kept where it can be, trailing
        punctuation made one "?" (so "ok", "ok?" and "ok???" ask the same). Words found by meaning are left as typed:
        the model already reads them."""
        swaps = dict(self.spelled) | {t.typed: t.found for t in self.terms if t.found and t.how in ("respelled", "family")}

        def swap(m: re.Match[str]) -> str:
            word = m.group(0)
            return swaps.get(word.lower(), word) if word.lower() in swaps else word

        text = WORD.sub(swap, question) if swaps else question
        return re.sub(r"[\s?!.]+$", "", text) + "?"


def _misspelt_frame(word: str, lexicon: Lexicon) -> bool:
    """A word the corpus lacks that is two edits from a closed-class word ("shud", "becuase", "abuot") frames the question."""
    return not lexicon.knows(word) and respelled_as(word, FRAME, edits=2, shortest=4) is not None


def coverage(question: str, lexicon: Lexicon, stands_for: Mapping[str, Sequence[str]] | None = None) -> Coverage:
    """The question's key terms, each found in the corpus (as typed, respelled, or by meaning) or missing, with its weight.

    `stands_for` maps a word the corpus never uses to corpus words near it in meaning, found by the
    embedding model (`RELATED` or closer: "gym" → "fitness"); the closest counts as the term being found."""
    stands_for = stands_for or {}
    who = who_words(question)
    words = [
        w
        for w in dict.fromkeys(words_of(question))
        if len(w) >= 2 and w not in FRAME and not EVALUATIVE.match(w) and not _misspelt_frame(w, lexicon)
    ]
    known = [w for w in words if lexicon.knows(w)]
    # Each word that is not one, as meant ("shoudl" → "should", "goign" → "going"): searched so, and weighed so.
    spelled = {w: meant for w in dict.fromkeys(words_of(question)) if (meant := lexicon.speller.correct(w))}
    terms: dict[str, Term] = {}
    for word in words:
        found = lexicon.find(word, context=known)
        how = "missing"
        if found is not None:
            how = "as typed" if found == word else "family" if lexicon.family(word) == found else "respelled"
        elif stands_for.get(word):
            found, how = stands_for[word][0], "meaning"
        # A word that is not English weighs what the word meant weighs, corpus word or not: "goign" (→ "going") says
        # as little as "going" does, and must not decline "shoudl i keep goign when im exausted" as about "goign".
        weight = rarity(found or spelled.get(word) or word)
        # A word most of the corpus's documents use does not tell them apart (only in a corpus big enough to say so).
        spread = lexicon.spread(found) if found is not None and lexicon.documents >= 4 else 0.0
        specificity = weight * min(1.0, 2.0 * (1.0 - spread)) * (_WHO_SHARE if word in who else 1.0)
        kin = lexicon.kin(found) if found is not None else ()
        rooted = found is None and lexicon.shares_root(word)
        terms[word] = Term(word, found, round(weight, 3), round(specificity, 3), how, kin, word in who, rooted)
    # English puts a modifier before its noun: a missing word just before a found key term ("gentle stretching")
    # qualifies what the sources do discuss and counts a quarter; a missing noun ("stem cell transplantation",
    # "resistance bands") counts in full.
    sequence = words_of(question)
    for word, after in zip(sequence, sequence[1:]):
        term, head = terms.get(word), terms.get(after)
        if term is not None and term.found is None and head is not None and head.found is not None:
            terms[word] = replace(term, specificity=round(term.specificity * _WHO_SHARE, 3))
    return Coverage(tuple(terms.values()), tuple(spelled.items()))
