"""Which way round a yes/no question asks its claim.

Sources are judged on what the question is about ("stretching"): for it (they recommend it, find
it helps) or against it. "Is stretching helpful?" asks that claim the favourable way round, so a
source for stretching says yes. "Is stretching harmful?", "Will exercise make my ALS worse?" and
"Should I avoid weights?" ask it the unfavourable way round: the same source says no. The words
that turn a question round are general English evaluatives, never a corpus's own phrases; a
negation before one ("is it not harmful") turns it back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.judge.asked import Claim
from assistant.judge.opposites import ADJECTIVES, OPPOSITE
from assistant.results import Stance

# Words that may follow an adjective used of the subject ("Is it bad for me?", "safe to do", "worse than before").
_AFTER_PREDICATE = frozenset(
    """for to in at on with when if or and than during after before because since as now anymore still too overall long later today""".split()
)

# Evaluatives of harm or of refraining, as a question puts them ("harmful", "make it worse", "should I avoid").
# The nouns count too: "Does X increase the risk of Y?" asks whether X does harm, and the rules, which read a
# sentence's side on X, must be turned round for it (PubMedQA tuning half: "Sources disagree" in 6.0% of answers
# with them, 7.8% without). "Should I never/not X?" asks whether to refrain from X, as "Should I avoid X?" does (it was
# answered as "Should I X?"). "Useless", "pointless", "a waste of time" judge worth the same way round ("Is exercise a waste
# of time with ALS?" was "Sources disagree": the rules read the sources' praise as yes).
_UNFAVOURABLE = re.compile(
    r"\b(?:harm(?:s|ful|ed)?|hurts?|damag(?:e|es|ing)|dangerous|danger|unsafe|risky|risks?|bad|worse|worsens?|worsening|weaker|weakens?|"
    r"detrimental|deleterious|counterproductive|contraindicated|injur(?:e|es|ious|y)|hasten(?:s|ed|ing)?|"
    r"accelerat(?:e|es|ed|ing)|speed(?:s|ing)? up|sped up|warning signs?|danger signs?|red flags?|cause for concern|"
    r"avoid(?:ed|ing)?|stop(?:ped|ping)?|quit|give up|refrain|skip|cut out|steer clear|shouldn'?t|should not|"
    r"not (?:recommended|advised|advisable|allowed|safe)|(?<=\bshould i )(?:never|not)|(?<=\bshould we )(?:never|not)|"
    # only said of the subject ("Is it useless for me?"), never naming a thing ("Are ineffective sprays harmful?")
    r"(?:useless|pointless|futile|worthless|ineffective|unhelpful|a waste of (?:time|effort|energy))"
    r"(?=\s*(?:[?.!,;]|$|(?:" + "|".join(sorted(_AFTER_PREDICATE)) + r")\b)))\b",
    re.I,
)
# "Should I rest instead of exercising?" asks whether to give up exercising for resting: the sources' sides on exercising,
# turned. The judge is asked "Is exercising recommended for me?" (asked as typed, it read the sources' praise of exercise
# as against at 0.54-0.56, under `judge_confidence`; asked "Should people with ALS exercise?", for at 0.73-0.76; asked
# "…keep exercising?", the website's "stop exercising when tired" was against). Only a gerund after the contrast, in a
# question about what someone should do: "Chemoradiation instead of surgery…: is it safe?" weighs two treatments.
_WHO = r"i|we|you|he|she|they|me|us|him|her|them|(?:my|his|her|our|their)\s+\w+|(?:people|patients|someone|anyone)(?:\s+(?:with|who\s+have)\s+\w+)?"
_INSTEAD = re.compile(
    rf"^\s*(?:(?:should|can|could|would|must|may|might)\s+(?P<who>{_WHO})|(?:is|would)\s+it\s+(?:be\s+)?"
    rf"(?:better|best|wiser|safer)\s+(?:for\s+(?P<for>{_WHO})\s+)?to)\s+(?P<done>(?:\w+\s+){{1,3}}?)"
    r"(?P<turn>instead\s+of|rather\s+than)\s+(?P<given_up>\w+ing\b[^?]*)\?\s*$",
    re.I,
)
# A clause saying when, opened after the claim ("…as I get weaker", "…when my legs feel worse"): its evaluatives say how
# the asker is, and do not turn the claim. Only one with someone in it, up to the word: "Is it bad when done daily?" asks
# of the subject.
_CONDITION_CLAUSE = re.compile(rf"\S\s+\b(?:as|when|whenever|if|while|once|because|since|until)\s+(?:{_WHO}|it)\s+(?:\w+\s+){{0,3}}$", re.I)
_OBJECT = {"i": "me", "we": "us", "he": "him", "she": "her", "they": "them"}
_STOPS = re.compile(r"^(?:stop(?:ped|ping)?|quit)$", re.I)
_PEOPLE = frozenset("i you we he she they one someone people patients".split())
_WHOSE = frozenset("my your his her our their".split())
_AUXILIARY = frozenset("should must can could will would may might do does did why when".split())
# "damage" is a verb in "Can weights damage my muscles?" (it can be turned: "help"), a noun in "kidney damage".
_MODAL = re.compile(r"\b(?:can|could|will|would|may|might|does|do|did)\b[^?]*$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|isn'?t|aren'?t|won'?t|doesn'?t|don'?t|can'?t|without)\s+(?:\w+\s+)?$", re.I)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_DROPPED = ("never", "not")  # "Should I never/not X?": turned by leaving the word out
_FLIP = {Stance.FOR: Stance.AGAINST, Stance.AGAINST: Stance.FOR, Stance.MIXED: Stance.MIXED, Stance.NONE: Stance.NONE}


@lru_cache(maxsize=256)  # asked once per judged sentence of an answer, always of the same question
def unfavourable(question: str) -> bool:
    """True when the question asks its claim the unfavourable way round ("Is X harmful?", "Should I avoid X?").

    Read in the sentence that asks (the last with a question mark): "I read it could make things worse. Is it
    safe?" asks whether it is safe."""
    return len(_turning(question[asking(question) :])) % 2 == 1  # "is it bad to stop?" is turned twice


def asking(question: str) -> int:
    """Where the question proper starts: the last sentence with a question mark (to the end of the text)."""
    last = question.rfind("?")
    return max((m.end() for m in _SENTENCES.finditer(question) if m.end() <= last), default=0) if last != -1 else 0


def _turning(sentence: str) -> list[re.Match[str]]:
    """The evaluatives that turn the sentence round (a negated one, "is it not harmful", does not; "shouldn't"
    and "not recommended" carry their own negation and do)."""
    found = []
    for m in _UNFAVOURABLE.finditer(sentence):
        if _CONDITION_CLAUSE.search(sentence[: m.start()]):
            continue  # "Should I do fewer reps as I get weaker?": how the asker is, not what the claim says of the subject
        if _STOPS.match(m.group(0)) and not _refraining(m, sentence):
            continue  # "Does stretching stop cramps?" asks whether it prevents them
        negated = _NEGATION.search(sentence[: m.start()])
        if m.group(0).lower().startswith(("shouldn", "should not", "not ")) or not negated:
            found.append(m)
        elif found and found[-1].group(0).lower() in _DROPPED and found[-1].start() >= negated.start():
            found.append(m)  # "Should I not stop…?": the refraining "not" and the "stop" it negates turn it twice
    instead = _INSTEAD.match(sentence)
    return found + [instead] if instead else found


def prevents(sentence: str) -> bool:
    """The sentence says a thing stops another ("Does stretching stop cramps?"): a strong claim, as "prevent" is."""
    return any(_STOPS.match(m.group(0)) and not _refraining(m, sentence) for m in _UNFAVOURABLE.finditer(sentence))


def _refraining(m: re.Match[str], sentence: str) -> bool:
    """ "Stop" and "quit" ask about refraining when someone stops doing something ("Should I stop lifting?", "is it
    bad to stop?", "Should my wife quit yoga?"), not when a thing stops another ("Does stretching stop cramps?",
    "Does stretching stop cramping?", "Can exercise stop ALS?": that asks whether it prevents it)."""
    before = sentence[: m.start()].lower().split()
    while before and before[-1] in _DROPPED:  # "Should I never stop pruning?": who stops is before the negation
        before.pop()
    if before and (before[-1] in _PEOPLE or before[-1] == "to" or (len(before) > 1 and before[-2] in _WHOSE)):
        return True
    after = [w.strip("?.!,;") for w in sentence[m.end() :].lower().split()]
    if not after or after[0] in _AFTER_PREDICATE:  # "Should exercise be stopped when…?"
        return True
    # A gerund after "stop" with no one named before it ("Why stop exercising?"), not after a thing that would stop it
    # …or at the start of a clause ("If these occur, stop exercising and check-in…": advice to refrain).
    return after[0].endswith("ing") and (not before or before[-1] in _AUXILIARY or before[-1].endswith((",", ";", ":")))


def _turnable(m: re.Match[str], sentence: str) -> bool:
    """The word has a clean opposite here: not a noun such as "the risk of", "danger" or "kidney damage"."""
    if m.re is _INSTEAD:
        return True
    word = " ".join(m.group(0).lower().split())
    if word in ("damage", "damages"):
        return bool(_MODAL.search(sentence[: m.start()]))
    if word in ADJECTIVES:  # "unsafe sexual behaviour" names a thing; "unsafe for me", "bad to stop" judge one
        following = re.match(r"\s*([A-Za-z]+)", sentence[m.end() :])
        if following and following.group(1).lower() not in _AFTER_PREDICATE:
            return False
    return word.startswith("not ") or word in _DROPPED or word in OPPOSITE


def for_judge(question: str) -> tuple[str, bool]:
    """What the judge is asked, and whether its side must be turned back: an unfavourable question whose
    evaluatives all have clean opposites is asked the favourable way round ("Is X harmful?" → "Is X helpful?",
    "Should I avoid X?" → "Should I try X?", "Should I not…" → "Should I…"), since asked as typed the judge
    mostly read the evidence's tone. Any other question is asked as typed ("Does X increase the risk of Y?":
    "the benefit of Y" would be nonsense), and the judge's side on it stands."""
    start = asking(question)  # "I read it could make things worse. Is it unsafe?": only the question turns
    sentence = question[start:]
    found = _turning(sentence)
    turned = len(found) % 2 == 1
    # Turned twice, it is asked without either ("Should I not stop when tired?" → "Should I continue when tired?"):
    # asked as typed, the judge read "should stop" as yes to it.
    if not found or not all(_turnable(m, sentence) for m in found):
        return question, False
    if found[-1].re is _INSTEAD:  # "Should I rest instead of exercising?" → "Is exercising recommended for me?"
        kept = instead(question)
        return (kept[0], True) if kept else (question, False)

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        lowered = " ".join(word.lower().split())
        if lowered.startswith("not "):
            return word[4:].lstrip()
        if lowered in _DROPPED:  # "Should I never exercise?", "Should I not swim?" → "Should I exercise?"
            return ""
        opposite = OPPOSITE[lowered]
        if word.isupper() and len(word) > 1:  # "Is a sauna BAD for me?"
            return opposite.upper()
        return opposite[:1].upper() + opposite[1:] if word[:1].isupper() else opposite

    for m in reversed(found):
        rest = sentence[m.end() :]
        if m.group(0).lower() in _DROPPED:  # dropped with the space after it
            rest = rest.lstrip()
        sentence = sentence[: m.start()] + swap(m) + rest
    return question[:start] + sentence, turned


def unnegated(question: str) -> tuple[str, str] | None:
    """The question without the "not" or "never" that asks whether to refrain ("Should I not stop when I get
    tired?" → "Should I stop when I get tired?", "Shouldn't I rest?" → "Should I rest?"), and the word left out; None
    when it has none. "Yes" or "No" to a negated question can be read either way round; to this one it cannot."""
    start = asking(question)
    sentence = question[start:]
    negations = [m for m in _turning(sentence) if " ".join(m.group(0).lower().split()) in _NEGATING]
    if not negations:
        return None
    for m in reversed(negations):
        word = m.group(0)
        kept = "" if word.lower() in _DROPPED else word[:6]  # "Shouldn't", "should not" → "Should", "should"
        rest = sentence[m.end() :].lstrip() if not kept else sentence[m.end() :]
        sentence = sentence[: m.start()] + kept + rest
    left_out = "never" if any(m.group(0).lower() == "never" for m in negations) else "not"
    return question[:start] + sentence, left_out


def instead(question: str) -> tuple[str, str] | None:
    """ "Should I rest instead of exercising?" → ("Is exercising recommended for me?", "rest"): the question about what
    would be given up, and what would take its place; None for any other question, or one turned by other words as
    well ("Should I avoid resting instead of walking?" has no clean rewriting)."""
    start = asking(question)
    found = _turning(question[start:])
    if len(found) != 1 or found[0].re is not _INSTEAD:
        return None
    m = found[0]
    who = m["who"] or m["for"]
    whom = f" for {_OBJECT.get(who.lower(), who)}" if who else ""
    given_up = m["given_up"].rstrip()
    return f"{question[:start]}Is {given_up} recommended{whom}?", m["done"].strip()


_NEGATING = frozenset((*_DROPPED, "shouldn't", "shouldnt", "should not"))


def opposite(stance: Stance) -> Stance:
    """The side turned round: for ↔ against; mixed and none stay."""
    return _FLIP[stance]


def on_claim(stance: Stance, claim: Claim) -> Stance:
    """A source's side on the question's claim, from its side on what the question is about."""
    return _FLIP[stance] if claim.unfavourable else stance
