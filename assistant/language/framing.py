"""Words that frame a question rather than say what it is about: closed-class words, evaluatives, refraining words,
and who the question is about ("for people with motor neurone disease", "My mum has MND, …"). General English only.
"""

from __future__ import annotations

import re

from assistant.language.lexicon import words_of

# Adverbs claiming the whole of something ("altogether", "always"): judge/scope.whole_claim reads them. Like the
# closed-class words below, they never say what a question is about: "Should I avoid exercise altogether?" was
# declined as about "altogether", a word no source used.
WHOLE = frozenset("altogether completely entirely totally wholly fully always absolutely".split())
# Closed-class words of English: they frame a question, they never say what it is about.
FRAME = WHOLE | frozenset(
    """a an the and or but nor not no yes if then than so as at by for from in into of on onto to with without about
    over under after before during between through is are am was were be been being do does did done can could should
    would will shall may might must has have had having i me my mine myself we us our ours you your yours he him his she
    her hers it its they them their theirs this that these those there here what which who whom whose why how when where
    whether any some all each every much many more most less least very too also just still even really ok okay
    now often frequently""".split()
)
# The words that make a yes/no question a claim ("is it safe", "should I avoid", "is it harmful"): general English
# evaluatives. They say which way round the question asks (judge/claim.py), not what it is about.
REFRAINING = "avoid avoiding stop stopping quit skip refrain".split()
EVALUATIVE = re.compile(
    r"^(?:safe|safely|unsafe|good|bad|fine|ok|okay|alright|helpful|harmful|harm|useful|beneficial|effective|recommended|"
    r"advisable|advised|allowed|dangerous|risky|worth|wise|better|worse|best|worst|" + "|".join(REFRAINING) + ")$"
)
# A condition ends at a word that frames the question or refrains ("people with ALS avoid…", "…with ALS to swim",
# "patients with cancer really want…"), or at "instead"/"rather"; as the subject of a question ("Should people with ALS
# rest instead of exercising?"), its last word is then the question's verb (`_who`).
_ENDS = sorted((FRAME - {"and", "or", "of", "the", "a", "an", "with", "from", "be", "been", "being"}) | {*REFRAINING, "instead", "rather"})
_CONDITION = r"(?:(?!\b(?:" + "|".join(_ENDS) + r")\b)[^,;?.!])+"
_SUBJECT = re.compile(r"^\s*(?:should|can|could|do|does|did|will|would|may|might|must|is|are|was|were)\s+$", re.I)
_LINKS = frozenset("with have has had are is from".split())
# Who the question is about ("for people with motor neurone disease", "if I have diabetes", "in older adults"):
# the population a source may share with others, not what the question asks about it. Such words count a
# quarter in telling sources apart ("strength training", not "neurone", decides which sentence answers).
_POPULATION = re.compile(
    r"\b(?:(?:for|in|among|of|to)\s+)?(?:(?:a|an|the|my|our|his|her|their)\s+)?(?:people|persons?|patients?|someone|"
    r"somebody|anyone|those|adults?|children|kids|men|women|individuals?|sufferers?|him|her|them|me|us)\s+"
    r"(?:who\s+(?:have|has|had|are|is)|with|living\s+with|suffering\s+from|diagnosed\s+with)\s+" + _CONDITION + "|"
    r"\bif\s+(?:i|you|he|she|they|we)\s+(?:have|has|had|am|are|is|get|gets)\s+" + _CONDITION + "|"
    r"\b(?:with|in)\s+(?:my|his|her|their|our|your)\s+(?:condition|disease|illness|diagnosis)\b|"
    r"\b(?:now\s+that|since|after|as)\s+(?:i|you|he|she|they|we)\s+(?:have|has|had|am|are|is|was|were)\s+" + _CONDITION + "|"
    # "My mum has MND, should she…", "I have ALS. Can I swim?": said at the start of a clause, before the question
    r"(?:^|(?<=[,;.!?])\s*)(?:i|we|he|she|they|(?:my|our|his|her|their)\s+\w+)\s+(?:have|has|had|(?:was|were|am|is|are|got)\s+"
    r"diagnosed\s+with|(?:am|is|are)\s+living\s+with|lives?\s+with)\s+" + _CONDITION,
    re.I,
)


def who_words(question: str) -> set[str]:
    """The words naming who the question is about, wherever it says so."""
    return {w for m in _POPULATION.finditer(question) for w in _who(m, question)}


def _who(found: re.Match[str], question: str) -> list[str]:
    """The words naming who is asked about; as the subject of a question ("Should people with bulbar ALS exercise?"),
    without the condition's last word, its verb, unless a word before the verb ended it ("…with ALS really want")."""
    words = words_of(found.group(0))
    condition = len(words) - next((i for i, w in enumerate(words) if w in _LINKS), len(words)) - 1
    after = words_of(question[found.end() :])[:1]
    if _SUBJECT.match(question[: found.start()]) and condition > 1 and after in ([], ["instead"], ["rather"]):
        return words[:-1]
    return words
