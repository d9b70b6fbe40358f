"""Follow-up questions: a question that leans on the one before is read with the parts it leaves out.

Patients write a conversation, not a list of questions: after "is swimming ok" comes "and how often?",
"is that safe for me?" or "what about yoga?". Such a question takes what it lacks from the conversation's
last answered question, and the answer says how it was read, in the user's own words only:

- no subject of its own ("and how often?", "can i do it at home") → that question's subject is added:
  "how often — swimming"; a pronoun ("is that safe") is replaced: "is swimming safe for me";
- only a new subject ("what about yoga?", "and cycling?") → the question before, asked about it: "is yoga ok";
  where the earlier subject was something to do ("Should I lift weights?"), the new one is put as a person would
  write it: "Should I swim?" (one "-ing" word, as its verb), "Should I do yoga?" (anything else);
- a subject of its own ("how many reps for weights?") → read alone.

The words that do not make a subject are general English (how often, at home, in the evening, any risks),
never words of one corpus. Nothing is kept beyond the conversation's own memory (the caller holds it).
"""

from __future__ import annotations

import re

from assistant.language.lexicon import respelled_as
from assistant.language.terms import AUX, FRAMING, OPENER_WORDS, WORD, question_terms, without_openers
from assistant.results import Reading, Understood

# What a follow-up asks *about* a subject rather than a subject itself: how much, when, where, which kind,
# and what could go wrong. "and for how long?" and "can i do it at home" have no subject of their own.
_CIRCUMSTANCE = set(
    """long often much many hard easy far soon late kind kinds type types sort sorts amount enough times minutes
    hours daily weekly monthly every each day days week weeks month morning evening night tonight today tomorrow
    home house outside indoors outdoors alone together first instead too well anyway at all whole same
    risk risks danger dangers side effects limit limits precautions frequency intensity duration""".split()
)
_PRONOUN = re.compile(r"\b(?:it|that|this|they|them|those|these)\b", re.I)
# "what about yoga?", "how about in the evening", "and cycling?", "or swimming instead" (at most a few words, no verb).
_ABOUT = re.compile(
    rf"^\s*(?:(?:{OPENER_WORDS})\b[\s,]*)*"
    r"(?:(?:what|how)\s+about|what\s+of|same\s+(?:for|with)|and|or)\s+(?P<rest>[^?!.]+?)\s*[?!.]*\s*$",
    re.I,
)
_VERB = re.compile(rf"\b(?:{AUX}|how|what|when|where|which|why|who)\b", re.I)
_TRAILING = re.compile(r"\s*(?:\b(?:instead|then|too|as well|also)\b\s*)+$", re.I)


def understand(question: str, earlier: Understood | None) -> Understood:
    """How `question` reads after `earlier`, the conversation's last answered question (None: it stands alone)."""
    alone = Understood(question, question)
    subject = subject_words(earlier.question) if earlier else ""
    if earlier is None or not subject:
        return alone
    about = _ABOUT.match(question)
    if about and len(about.group("rest").split()) <= 5 and not _VERB.search(about.group("rest")):
        rest = _TRAILING.sub("", about.group("rest"))
        if own_terms(rest):  # "what about yoga?": the question before, about yoga
            start = earlier.question.lower().index(subject.lower())
            before = earlier.question[:start]
            swapped = before + (as_verb(rest) if _DOER.search(before) else rest) + earlier.question[start + len(subject) :]
            return Understood(question, swapped, Reading.SWAPS, earlier.question, rest)
        # "how about in the evening": the question before, with the new circumstance
        added = f"{earlier.question.rstrip(' ?!.')} {rest}?"
        return Understood(question, added, Reading.INHERITS, earlier.question, subject)
    if own_terms(without_openers(question)):
        return alone
    pronoun = _PRONOUN.search(question)
    if pronoun:  # "is that safe for me?" → "is swimming safe for me?"
        read = question[: pronoun.start()] + subject + question[pronoun.end() :]
    else:  # "and how often?" → "how often — swimming"
        read = f"{without_openers(question).rstrip(' ?!.')} — {subject}"
    return Understood(question, read, Reading.INHERITS, earlier.question, subject)


# The words before a subject that is something to do: "Should I |lift weights", "is it safe for me to |lift",
# "Can people with ALS |lift weights".
_DOER = re.compile(r"\b(?:i|we|you|he|she|they|to|(?:people|patients|someone|anyone)(?:\s+with\s+\w+(?:\s+\w+)?)?)\s+$", re.I)
_ING = re.compile(r"^(?P<stem>[a-z]+?)(?P<double>([b-df-hj-np-tv-z])\3)?ing$", re.I)


def as_verb(subject: str) -> str:
    """A new subject put where the earlier question had something to do: one "-ing" word as its verb, the
    commonest English word of the stem ("swimming" → "swim", "cycling" → "cycle", "stretching" → "stretch");
    anything else done ("yoga" → "do yoga", "weight training" → "do weight training")."""
    from wordfreq import zipf_frequency

    m = _ING.match(subject.strip())
    if m is None:
        return f"do {subject}"
    stem = m.group("stem") + (m.group("double") or "")
    forms = [stem, stem + "e"] + ([m.group("stem") + m.group("double")[0]] if m.group("double") else [])
    best = max(forms, key=lambda w: zipf_frequency(w, "en"))
    return best if zipf_frequency(best, "en") >= 3 else f"do {subject}"


def own_terms(text: str) -> list[str]:
    """The words that make a subject of the question's own: its terms, less what is asked about a subject
    and less misspelt framing ("shoud my wife do it too" has none)."""
    return [t for t in question_terms(text) if t not in _CIRCUMSTANCE and not _misspelt_framing(t)]


def _misspelt_framing(word: str) -> bool:
    # A word English seldom uses (Zipf under 4) one edit from a framing word of four or more letters is that word
    # misspelt: "shoud", "ofen", "wether"; "yoga" (Zipf 3.9) is two edits from anything such.
    return respelled_as(word, (*FRAMING, *_CIRCUMSTANCE), edits=1, shortest=4) is not None


def subject_words(question: str) -> str:
    """The user's own words from the first to the last subject term: "Should I lift weights?" → "lift weights"."""
    terms = set(own_terms(question))
    spans = [m.span() for m in WORD.finditer(question.lower()) if m.group().strip("'’-") in terms]
    return question[spans[0][0] : spans[-1][1]].strip("'’-") if spans else ""


class Conversation:
    """One conversation's thread: its last answered question, as understood. In memory only, never stored."""

    def __init__(self, last: Understood | None = None) -> None:
        self.last = last

    def understand(self, question: str) -> Understood:
        return understand(question, self.last)

    def answered(self, understood: Understood) -> None:
        """Remember a question that was answered (a declined or refused one leaves the thread as it was, and so
        does one with no subject to lend, such as "how often?" asked on its own)."""
        if subject_words(understood.question):
            self.last = understood

    def clear(self) -> None:
        self.last = None
