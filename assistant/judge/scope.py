"""How far a question's claim reaches, which decides what evidence can support it.

- A strong claim ("Can X cure Y?", "Does X cause Y?"): praise of X is no answer; a source takes a side only where
  it speaks of curing or causing, and of X, what the question says would do it.
- A claim about the whole ("Should I avoid X altogether?", "Is X always safe?"): any sentence against it refutes
  it, but only one that speaks of the whole supports it.

General English only, read in the sentence that asks (`claim.asking`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.judge.asked import Claim
from assistant.judge.claim import asking, prevents
from assistant.judge.stance import AGAINST, FOR, MIXED, NONE, Judgement
from assistant.language import relations
from assistant.language.coverage import Coverage, Term
from assistant.language.framing import FRAME, WHOLE
from assistant.language.lexicon import words_of
from assistant.language.words import stem

# Verbs of a strong claim ("Can X cure Y?", "Does X cause Y?", "Will X prevent Y?"): general English. Praise of X is
# no answer to such a claim, so a source takes a side on it only where it speaks of curing, causing or preventing.
_STRONG = re.compile(r"^(?:cur(?:e|es|ed|ing)|heal(?:s|ed|ing)?|revers(?:e|es|ed|ing)|prevent(?:s|ed|ing)?|caus(?:e|es|ed|ing))$", re.I)
_STOP = re.compile(r"^stop(?:s|ped|ping)?$", re.I)  # strong only where a thing stops another (`claim.prevents`)
_STOPPED = frozenset({stem("stop")})
# "Can exercise lead to faster progression?", "…result in muscle injury?": causing, in two words. The judge read general
# praise of exercise as for the first at 0.77 ("Yes, with conditions, 4 sources").
_DETERMINERS = frozenset("the a an this that its their our my your his her".split())
_CAUSING = {"lead": "to", "leads": "to", "result": "in", "results": "in", "bring": "on", "brings": "on"}
_BE = frozenset("be is are was were been being".split())


def _phrase(ends: str) -> str:
    """Up to three words, as a group, to the first word that starts a clause or a setting (`ends`, besides these)."""
    return r"([A-Za-z-]+(?:\s+(?!(?:in|on|at|if|when|after|before|during|with|for|or|and|" + ends + r")\b)[A-Za-z-]+){0,2})"


# A claim of harm to something named ("Will lifting heavy weights damage my nerves?", "Can running hurt my knees?"), or
# of a risk of it ("Does exercise increase the risk of falls?": the judge read praise of exercise as yes at 0.8; PubMedQA
# tuning half verdicts 178 → 179: two gained, one lost, "no association … and motor function" not naming "psychomotor").
_HARMS = re.compile(
    r"\b(?:damag(?:e|es|ing)|hurts?|harms?|injur(?:e|es)|weakens?|(?:risks?|chances?|odds|likelihood) of)\s+"
    r"(?:(?:my|your|his|her|their|our|the|a|an)\s+)?" + _phrase("than"),
    re.I,
)
_CHANGED = re.compile(r"\s+" + _phrase("than|to"), re.I)  # "my weakness down": only things are kept
# A comparison ("Are weights better than stretching?"): what the subject is compared with, to the end of its phrase.
# Not "versus" or "compared with": in a question they mostly name a study's arms ("Inpatient versus outpatient
# management…: is risk stratification useful?" lost its verdict).
_THAN = re.compile(r"\b(?:than|(?:superior|inferior|preferable) to)\s+(?:(?:a|an|the|my|your|doing|using)\s+)?" + _phrase("to"), re.I)

# A claim about going without something ("Is it safe to exercise without supervision?"): what it goes without.
_WITHOUT = re.compile(r"\bwithout\s+(?:(?:a|an|the|my|your|any)\s+)?" + _phrase("to"), re.I)
_DENIED = frozenset("without no not non never".split())


def _strong_verbs(words: list[str], sentence: str) -> list[int]:
    """Where the verbs of a strong claim stand among the words of the sentence that asks ("stop" only where a thing
    stops another)."""
    stops = prevents(sentence)
    linked = [  # not the noun: "Was the result in the trial…?"
        i
        for i, w in enumerate(words[:-1])
        if _CAUSING.get(w.lower()) == words[i + 1].lower() and (i == 0 or words[i - 1].lower() not in _DETERMINERS)
    ]
    return sorted({*linked, *(i for i, w in enumerate(words) if _STRONG.match(w) or (stops and _STOP.match(w)))})


# A claim about the whole of something ("Should I avoid exercise altogether?", "Is stretching always safe?"): any
# sentence against it refutes it, but only one that speaks of the whole supports it. General English.
_WHOLE_CLAIM = re.compile(r"\b(?:" + "|".join(sorted(WHOLE)) + r")\b", re.I)
_WHOLE_TEXT = re.compile(r"\b(?:altogether|completely|entirely|totally|wholly|always|never|all|any|every|absolutely)\b", re.I)


def whole_claim(question: str) -> bool:
    """The sentence that asks claims something of the whole ("altogether", "completely", "always")."""
    return bool(_WHOLE_CLAIM.search(question[asking(question) :]))


def speaks_of_whole(text: str) -> bool:
    """The sentence says "all", "any", "never", "completely"…: it can support a claim about the whole."""
    return bool(_WHOLE_TEXT.search(text))


def claim_agent(question: str) -> tuple[str, ...]:
    """What a strong claim says would do it ("stretching" in "Can stretching cure muscle cramps?"): the words before
    its verb, lower-cased; () in the passive ("can it be prevented?"), for a participle, or for any other question."""
    sentence = question[asking(question) :]
    words = words_of(sentence)  # as the key terms are read: "N-acetylcysteine" is one word
    at = next(iter(_strong_verbs(words, sentence)), None)
    # A participle modifies a noun ("mutations causing low HDL-C promote…"): the claim's own verb is another one.
    if not at or words[at - 1] in _BE or words[at].endswith(("ing", "ed")):
        return ()
    return tuple(words[:at])


def strong_claim(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words that make the question a strong claim ("cure" in "Can exercise cure ALS?") and the words naming what
    it claims to cure or cause: those after the first of them, or before it in the passive ("Facial palsy after
    surgery: can it be prevented?"); lower-cased, from the sentence that asks; ((), ()) for any other question."""
    sentence = question[asking(question) :]
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", sentence)]
    found = _strong_verbs(words, sentence)
    if not found:
        return (), ()
    at, verbs = found[0], tuple(words[i] for i in found)
    if at and words[at - 1] in _BE:
        return verbs, tuple(words[: at - 1])
    return verbs, tuple(words[at + 1 :])


def harmed_by(sentence: str) -> tuple[str, ...]:
    """What a claim of harm, in the sentence that asks, names as harmed ("nerves" in "…damage my nerves?"), or at risk."""
    return tuple(dict.fromkeys(w for m in _HARMS.finditer(sentence) for w in words_of(m.group(1))))


def changed_by(sentence: str) -> tuple[str, ...]:
    """What a claim of change, in the sentence that asks, names as changed: the words after a verb WordNet files as a
    change (`relations.changes`) to the first word that starts a clause or a setting ("survival" in "Did the programme
    improve survival in the Lunetta trial?", "muscle strength" in "Does cycling reduce muscle strength in ALS?"). Not
    after a form of "be" or a determiner, where the word is an adjective or a noun ("Is slow walking safe?")."""
    found: list[str] = []
    previous = ""
    for m in re.finditer(r"[A-Za-z-]+", sentence):
        word = m.group(0).lower()
        # Not right after an auxiliary either ("can moderate exercise…": the subject stands between), nor one itself.
        if previous and previous not in FRAME | _DETERMINERS and word not in FRAME and relations.changes(word):
            if (changed := _CHANGED.match(sentence, m.end())) is not None:
                found.extend(w for w in words_of(changed.group(1)) if relations.names_a_thing(w))  # not "down", "faster"
        previous = word
    return tuple(dict.fromkeys(found))


def compared_with(sentence: str) -> tuple[str, ...]:
    """What a comparison in the sentence that asks sets its subject against ("stretching" in "…better than stretching?")."""
    return tuple(dict.fromkeys(w for m in _THAN.finditer(sentence) for w in words_of(m.group(1))))


def gone_without(sentence: str) -> tuple[str, ...]:
    """The head of what a claim goes without ("therapist" in "…without a physical therapist?")."""
    return tuple(dict.fromkeys(words_of(m.group(1))[-1] for m in _WITHOUT.finditer(sentence)))


@dataclass(frozen=True)
class Reach:
    """How far one question's claim reaches, in its key terms: what a sentence must name to take a side on it."""

    strong: tuple[frozenset[str], ...] = ()  # the stems a strong claim's verbs are named by ("cure")
    objects: tuple[Term, ...] = ()  # what it claims to cure or cause, as terms that tell sources apart
    agents: tuple[frozenset[str], ...] = ()  # what it says would do it ("stretching" in "Can stretching cure cramps?")
    whole: bool = False  # a claim about the whole ("Should I avoid exercise altogether?")
    harmed: tuple[Term, ...] = ()  # what a claim of harm names as harmed ("nerves" in "Will weights damage my nerves?")
    compared: tuple[Term, ...] = ()  # what a comparison sets the subject against ("stretching" in "…better than stretching?")
    comparing: tuple[Term, ...] = ()  # and the question's other key terms, what it compares ("weights")
    lacking: tuple[Term, ...] = ()  # what the claim goes without ("supervision" in "…safe to exercise without supervision?")
    changed: tuple[Term, ...] = ()  # what a claim of change names as changed ("survival" in "…improve survival?")

    @classmethod
    def of(cls, claim: Claim, coverage: Coverage) -> Reach:
        """The reach of a yes/no question's claim (read once, judge/asked.py) against its key terms."""
        verbs, claimed = claim.strong, claim.claimed
        # As a key term where it is one; "stop" is no key term ("Should I stop?" frames a question) but in "Does
        # stretching stop cramps?" it makes a strong claim.
        strong = tuple(next((t.forms for t in coverage.terms if t.typed == v), frozenset({stem(v)})) for v in verbs)
        # What a strong claim is about ("hepatic fibrosis" in "Does telmisartan prevent hepatic fibrosis?"), by the terms
        # that tell sources apart: a finding that names it ("attenuated hepatic fibrosis") speaks of the claim in other
        # words. Not the disease every source names ("ALS" in "Can exercise cure ALS?", specificity 0).
        objects = tuple(t for t in coverage.terms if t.typed in claimed and t.specificity > 0)
        # What it claims would do it, as key terms: a warning sign that names cramps but not stretching says nothing of
        # whether stretching cures them (the judge read it as for, 0.78).
        agent = claim.agent if strong else ()
        agents = tuple(t.forms for t in coverage.terms if t.typed in agent and t.weight > 0)
        # What it says would be harmed, as terms that tell sources apart: a warning about weights for very weak muscles says
        # nothing of nerves ("Will lifting heavy weights damage my nerves?" was "Yes, 1 source").
        harmed = tuple(t for t in coverage.terms if t.typed in claim.harmed and t.specificity > 0)
        # What it is compared with, by weight (every source on exercise names stretching): praise of weights says
        # nothing of whether they are better than stretching ("Are weights better than stretching?" was "Yes, 5 sources").
        compared = tuple(t for t in coverage.terms if t.typed in claim.compared and t.weight > 0)
        comparing = tuple(t for t in coverage.terms if compared and t not in compared and t.weight > 0 and not t.who)
        # What it goes without: praise of supervised exercise says nothing of exercising without supervision (it was
        # "Yes, 2 sources" to "Is it safe to exercise without supervision?").
        lacking = tuple(t for t in coverage.terms if t.typed in claim.lacking and t.weight > 0 and t.found is not None)
        # What it says is changed, by weight (every source on ALS names strength): that a trial "slowed motor decline" says
        # nothing of whether it improved survival ("Did the strictly monitored exercise programme improve survival in the
        # Lunetta trial?" was "Yes", first sight 2026-12-07c), nor praise of cycling of whether it reduces muscle strength.
        changed = tuple(t for t in coverage.terms if t.typed in claim.changed and t.weight > 0 and not t.who)
        return cls(strong, objects, agents, claim.whole, harmed, compared, comparing, lacking, changed)

    @property
    def guarded(self) -> bool:
        """Whether a sentence must name more than the subject to take a side (then it is read one at a time)."""
        return bool(self.strong or self.whole or self.harmed or self.compared or self.lacking)

    def read_in(self, stems: frozenset[str], text: str) -> frozenset[str]:
        """A sentence's stems as a strong claim reads them: "stop" names the claim's verb only where a thing stops
        another (`claim.prevents`), not in advice to stop exercising ("Can exercise stop ALS getting worse?" was "Sources
        disagree": "If these occur, stop exercising and check-in…" was read as yes)."""
        return stems - _STOPPED if self.strong and not prevents(text) else stems

    def names(self, stems: frozenset[str], least_share: float) -> tuple[bool, bool]:
        """Whether a text names a strong claim's verb ("cure"), and what it claims to cure (`least_share` of it, by
        specificity)."""
        total = sum(t.specificity for t in self.objects)
        named = sum(t.specificity for t in self.objects if not stems.isdisjoint(t.forms))
        return any(not stems.isdisjoint(forms) for forms in self.strong), bool(total) and named / total >= least_share

    def on_the_claim(self, found: Judgement, stems: frozenset[str], close: bool, least_share: float, causes: bool = False) -> Judgement:
        """A strong claim ("Can exercise cure ALS?") takes a side only from a sentence that speaks of it: the judge read
        a guideline's general praise of exercise (that it helps keep muscles strong) as for a cure at 0.82. And only
        from one that names what would do it, by its words or by being `close` in meaning. PubMedQA tuning half: the 33
        questions with such a verb kept every verdict ("Do mutations causing low HDL-C promote…" would have lost one
        without skipping participles, `claim_agent`). A sentence that `causes` what is claimed in its own words ("could
        result in increased muscle weakness", `finding.effect_found`) speaks of it, though every source says "weakness"."""
        if found.stance is NONE:
            return found
        if self.harmed and all(stems.isdisjoint(t.forms) for t in self.harmed):
            return replace(found, stance=NONE, cues=(*found.cues, "does not name what the question says would be harmed"))
        if self.changed and all(stems.isdisjoint(t.forms) for t in self.changed):
            return replace(found, stance=NONE, cues=(*found.cues, "does not name what the question says is changed"))
        if self.compared and not all(any(not stems.isdisjoint(t.forms) for t in side) for side in (self.compared, self.comparing) if side):
            return replace(found, stance=NONE, cues=(*found.cues, "does not name both things the question compares"))
        if not self.strong:
            return found
        if not causes and not any(self.names(stems, least_share)):
            return replace(found, stance=NONE, cues=(*found.cues, "does not speak of what the question claims"))
        if self.agents and not close and all(stems.isdisjoint(f) for f in self.agents):
            return replace(found, stance=NONE, cues=(*found.cues, "does not name what the question says would do it"))
        return found

    def on_what_is_lacking(self, found: Judgement, text: str, close: bool) -> Judgement:
        """Asked about going without something, a sentence takes a side if it names it denied ("without supervision",
        "no supervision") or, naming it not at all, is `close` to the question in meaning (a study's own acronym for
        "devascularization without splenectomy"). One that speaks of it as present ("carefully supervised exercise")
        speaks of another case, and general praise of exercise says nothing of going without a physical therapist."""
        if found.stance is NONE or not self.lacking:
            return found
        words = words_of(text)
        named = [(i, t) for i, w in enumerate(words) for t in self.lacking if stem(w) in t.forms]
        if (not named and not close) or any(_DENIED.isdisjoint(words[max(0, i - 3) : i]) for i, _ in named):
            return replace(found, stance=NONE, cues=(*found.cues, "does not speak of going without what the question does"))
        return found

    def on_the_whole(self, found: Judgement, text: str) -> Judgement:
        """Asked of the whole, a sentence supports the claim only if it speaks of the whole: a warning about very weak
        muscles is no advice to stop exercising altogether. One that supports it only under conditions ("Is exercise
        completely safe?": safe if not too tiring) says no."""
        if not self.whole:
            return found
        if found.stance is MIXED:
            return replace(found, stance=AGAINST, cues=(*found.cues, "only under conditions: not of the whole"))
        if found.stance is FOR and not speaks_of_whole(text):
            return replace(found, stance=NONE, cues=(*found.cues, "does not speak of the whole"))
        return found
