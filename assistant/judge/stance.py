"""Where does each source stand on what the question asks? Judged from its own sentences.

A transparent, rule-based reading of each cited sentence: cue words that
recommend or find benefit (for) or advise against or find harm (against),
with negation flipping a cue ("not recommended", "no adverse effects"),
contrast ("rather than pushing through it"), hedges ("may", "probably",
"data are insufficient") and conditions ("muscles that are very weak
should not…", "as weakness progresses"). The question decides what "it"
is: asked about something the cues themselves call excess ("push through
tiredness", "intense exercise"), a warning about it is `against` it.
No topic, source or answer is listed anywhere; the cues are general English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.judge.asked import Claim
from assistant.judge.claim import opposite
from assistant.language.terms import WORD as _WORD
from assistant.results import Stance

FOR, AGAINST, MIXED, NONE = Stance.FOR, Stance.AGAINST, Stance.MIXED, Stance.NONE

# Cue words, general English. "support" the verb, not the noun: "these data support the use of…", but not "support
# equipment may be needed".
_POSITIVE = (
    r"recommend\w*|benefi\w*|safe(ly|ty)?|effective\w*|improv\w*|help(s|ed|ful)?|useful|good|preserv\w*|maintain\w*|"
    r"prolong\w*|superior|favou?rable|well tolerated|"
    r"supports|supported|support(?=\s+(?:the|a|an|this|these|that|those|its|their|our|such|further)\b)|"
    r"encourag\w*|positive|protective|slow(s|ed)? (\w+ )?(decline|progression|deterioration)|boost\w*"
)
_NEGATIVE = (
    r"harm\w*|bad|detrimental|deleterious|damag\w*|worsen\w*|hasten\w*|accelerat\w*|avoid\w*|overdone|overdo\w*|"
    r"overstress\w*|overwork\w*|overexertion|excessive|exhaustive|too much|not feasible|(adverse|negative|ill) effects?|"
    r"risk\w*|stop(s|ped)?|(should|must) not|never|discourag\w*|inadvisable|(advised?|recommended) against|"
    r"not (be )?advis(ed|able)"
)
# Explicit advice, for or against. Where the rules read a side from one of these and the judge reads the other
# side, the rules' reading stands (`read_claim`).
_ADVICE = re.compile(r"\b(recommend\w*|advis\w*|discourag\w*|encourag\w*|(should|must) not|never|contraindicated)\b", re.I)
# Advice given as an instruction ("Try it twice a week", "Use a cane") recommends what it names.
_IMPERATIVE = re.compile(r"^(perform|do|use|try|include|start|consider)\b", re.I)
_NEGATORS = {"not", "no", "never", "without", "cannot", "can't", "don't", "doesn't", "won't", "neither", "nor", "n't"}
_CONTRAST = re.compile(r"\b(rather than|instead of)\b", re.I)
# A contrast names what not to do only in advice ("stop when tired, rather than pushing through it"); in a statement
# it names the alternative set aside ("…a genetic predisposition, rather than intense exertion itself, as a cause" says
# nothing against intense exertion: read as advice, it answered "Is high intensity training dangerous?" yes).
_ADVISING = re.compile(
    r"\b(?:should|must|ought to|(?:better|best) to|recommend\w*|advis\w*)\b"
    r"|(?:^|[:;]\s*)(?:do|don't|avoid|try|stop|start|keep|use|choose)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(may|might|could|probably|possibly|perhaps|suggests?|appears?|likely|potentially|anecdotal|inconclusive|"
    r"insufficient|unclear|unknown|remains? to be|more studies|studies are (clearly )?needed|further studies)\b",
    re.I,
)
_NO_POSITION = re.compile(
    r"\b(insufficient|inconclusive|remains? unknown|unclear|no significant (benefit|difference|changes?|improvements?)|"
    r"hopes? to|aims? to|(was|is|were) to (evaluate|determine|examine|compare|assess)|whether)\b",
    re.I,
)
_CONDITION = re.compile(
    r"\b(only|if|when|unless|as long as|provided|depending on|moderate\w*|moderation|light|gentle|gradual\w*|"
    r"individuali[sz]ed|tailored|carefully|monitored|supervis\w*)\b",
    re.I,
)
# Words that name excess: a question about doing one of these asks about something the cues warn against.
_EXCESS = re.compile(
    r"^(push\w*|tired\w*|tiredness|fatigu\w*|exhaust\w*|intense|intensity|hard|heavy|strenuous|vigorous|overdo\w*|"
    r"overwork\w*|excessive|sore\w*|ache|aching|pain\w*|max\w*|failure)$",
    re.I,
)
# Degree words that make what follows an excess, as a question puts it ("too much exercise", "exercising too hard").
_TOO = re.compile(
    r"\b(?:too|overly|excessively)\s+(?:much|many|hard|often|long|far|fast|heavy|heavily|intense|intensely|strenuous|vigorous)\b",
    re.I,
)
# "…without excessive fatigue", "…without pushing through pain": doing something without an excess warns against it.
# Not any "without": "…was well tolerated without raising the risk of falls" denies a harm of the subject in
# moderation, and "a steady decline without pauses" says nothing of the subject at all.
_WITHOUT_EXCESS = re.compile(r"\bwithout\s+(?:\w+\s+){0,2}?(?:" + _EXCESS.pattern.strip("^$") + r")\b", re.I)
# Degree words a warning is said of: the subject is bad done so, not done at all.
_IMMODERATE = re.compile(
    r"\b(?:intense|intensive|exhaustive|excessive\w*|strenuous|vigorous|overdo\w*|overwork\w*|overstress\w*|overexert\w*|"
    r"too (?:much|hard|heavy|long|often)|heavy|maximal)\b"
)
_POS_RE = re.compile(r"\b(" + _POSITIVE + r")\b", re.I)
_NEG_RE = re.compile(r"\b(" + _NEGATIVE + r")\b", re.I)


@dataclass(frozen=True)
class Judgement:
    """One sentence's stance on the question's subject, and the cue words it rests on."""

    stance: Stance
    hedged: bool
    conditional: bool
    cues: tuple[str, ...]
    by_judge: bool = False  # the side is the judge's own, read at least as sure as asked (not the rules')


class Reading(Protocol):
    @property
    def stance(self) -> Stance: ...

    @property
    def confidence(self) -> float: ...


class Reader(Protocol):
    """Anything that reads (claim, evidence) pairs in one batch: the learned judge (judge/model.py), or a fake in tests."""

    def read(self, claims: Sequence[str], evidence: Sequence[str]) -> Sequence[Reading]: ...


def read_claim(reader: Reader, claim: Claim, texts: Sequence[str], least: float, rules: Callable[[str], Judgement]) -> list[Judgement]:
    """Each sentence's side on the question read as a claim, by the judge, in one batched pass.

    The judge is asked the question the favourable way round ("Is stretching harmful?" → "Is stretching
    helpful?", `Claim.asked`) and its side is turned back here: the direction is general English and
    exact, while the model's reading of an unfavourable question was mostly the evidence's tone (it read "could
    result in muscle damage" as against "Should I avoid weights?"). Where the judge sees no side or is less
    sure than `least`, the general-English `rules` may still take one (on the ALS tuning half: 0.676 stance
    accuracy with them, 0.294 with the judge alone at this confidence, 0.529 at 0.5, where it sees sides
    everywhere). Hedges and conditions are read from general English."""
    readings = reader.read([claim.asked] * len(texts), list(texts))
    out = []
    for text, reading in zip(texts, readings):
        lowered = text.lower()
        sure = reading.stance is not NONE and reading.confidence >= least
        side = opposite(reading.stance) if claim.turned else reading.stance
        stance = side if sure else rules(text).stance
        why = f"judge: {reading.stance.value} {reading.confidence:.2f}" + ("" if sure else "; rules decide")
        if sure and _ADVICE.search(lowered):
            ruled = rules(text).stance
            if {ruled, side} == {FOR, AGAINST}:
                stance, why = ruled, why + "; explicit advice, rules decide"
        by_judge = sure and stance is side
        out.append(Judgement(stance, bool(_HEDGE.search(lowered)), bool(_CONDITION.search(lowered)), (why,), by_judge))
    return out


def asks_about_excess(terms: Sequence[str], too_much: bool = False) -> bool:
    """True when the question's subject is itself a kind of excess ("push through tiredness"), or the question makes
    it one (`too_much`, `makes_excess`)."""
    return too_much or any(_EXCESS.match(t) for t in terms)


def makes_excess(question: str) -> bool:
    """The question's own words make its subject an excess ("Can too much exercise speed up muscle loss?": "too" and
    "much" are not key terms)."""
    return bool(_TOO.search(question))


def judge_sentence(text: str, terms: Sequence[str], related: Callable[[str], bool], excess: bool | None = None) -> Judgement:
    """The sentence's stance on the question's subject; `related(word)` says if a word is about it; `excess` whether
    the question asks about an excess (by default, whether one of its terms names one)."""
    lowered = text.lower()
    cues: list[str] = []
    score_pos = score_neg = 0
    for polarity, pattern in ((1, _POS_RE), (-1, _NEG_RE)):
        for m in pattern.finditer(lowered):
            if _THAN.search(lowered, max(0, m.start() - 30), m.start()) or _WHENEVER.search(lowered, 0, m.start()):
                continue  # "more beneficial than deleterious", "…whenever it is being recommended": not what it says
            sign = -polarity if _negated(lowered, m.start()) else polarity
            cues.append(("not " if sign != polarity else "") + m.group(0))
            if sign > 0:
                score_pos += 1
            else:
                score_neg += 1
    imperative = _IMPERATIVE.match(lowered)
    if imperative:
        score_pos += 1
        cues.append(imperative.group(0))
    contrast = _CONTRAST.search(lowered)
    if (
        contrast
        and _ADVISING.search(lowered, 0, contrast.start())
        and any(related(w) for w in _WORD.findall(lowered[contrast.end() : contrast.end() + 60]))
    ):
        score_neg += 2  # "stop when tired, rather than pushing through it": the subject is what not to do
        cues.append(contrast.group(0))
    hedged = bool(_HEDGE.search(lowered))
    conditional = bool(_CONDITION.search(lowered))
    no_position = _NO_POSITION.search(lowered)
    if no_position and not contrast:
        return Judgement(NONE, True, conditional, tuple(cues + [no_position.group(0)]))
    excess = asks_about_excess(terms) if excess is None else excess
    stance = _on_excess(score_pos, score_neg, lowered, related) if excess else _net(score_pos, score_neg)
    if stance is AGAINST and not excess and (much := _IMMODERATE.search(lowered)):
        # "Intense or exhaustive exercise is probably bad" warns against an excess: on "Is walking bad?" it says "only
        # in moderation", not "yes" (it answered that question yes from a sentence not about walking).
        stance = MIXED
        cues.append(much.group(0))
    return Judgement(stance, hedged, conditional, tuple(cues))


def _on_excess(pos: int, neg: int, lowered: str, related: Callable[[str], bool]) -> Stance:
    """Asked about an excess: warnings are against it; only a denied harm ("not necessarily harmful") is for it."""
    if neg:
        return AGAINST
    if re.search(r"\bonly\b.*\bwhen\b|\bdoes not cause\b", lowered) or _WITHOUT_EXCESS.search(lowered):
        return AGAINST
    if re.search(r"\bnot (necessarily )?(harm\w*|bad|detrimental|deleterious)\b|\bno (adverse|negative|ill) effects?\b", lowered):
        mentions = any(related(w) for w in _WORD.findall(lowered))
        return FOR if mentions else NONE
    return NONE


def _net(pos: int, neg: int) -> Stance:
    if pos and neg:
        return MIXED
    if pos:
        return FOR
    if neg:
        return AGAINST
    return NONE


_THAN = re.compile(r"\bthan (?:\w+ )?$")  # a cue right after "than" (one word between at most) is the other term of a comparison
_WHENEVER = re.compile(r"\bwhenever\b[^,;]*$")  # a cue in a "whenever…" clause names an occasion, not a position


def _negated(text: str, at: int) -> bool:
    """A negator among the four words before a cue, within the same clause, flips it."""
    before = re.split(r"[,;:.()]", text[max(0, at - 40) : at])[-1]
    words = _WORD.findall(before)[-4:]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


def combine(judgements: Sequence[Judgement]) -> Stance:
    """A source's stance from its sentences: both directions, or conditions on a position, make it mixed."""
    stances = {j.stance for j in judgements} - {NONE}
    if not stances:
        return NONE
    if stances == {FOR} and not any(j.conditional and j.stance == AGAINST for j in judgements):
        return FOR
    if stances == {AGAINST}:
        return AGAINST
    return MIXED
