"""What a sentence does in its document: state a finding or a recommendation, or set out an aim,
a method or background. Read from the section it sits under and from how it is phrased.

Asked whether something works or is advised, a reader wants the sentence that answers: the
result, the conclusion, the advice. Research text puts its most question-like sentence first,
the aim ("To evaluate whether…"), which only restates the question. The cues here are the
general conventions of scientific and advisory writing (IMRaD section names, the stock phrases
of aims and findings), never the wording of any one document.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache


class Role(StrEnum):
    """A sentence's function; FINDING and ADVICE answer a question, the rest frame it."""

    CONCLUSION = "conclusion"  # what the authors conclude: the answer, in research writing
    FINDING = "finding"  # a result
    ADVICE = "advice"  # a recommendation or an instruction
    AIM = "aim"  # what a study set out to do, what is not known, or what research should do next
    METHOD = "method"  # how it was done, who took part
    BACKGROUND = "background"
    OTHER = "other"

    @property
    def answers(self) -> bool:
        return self in (Role.CONCLUSION, Role.FINDING, Role.ADVICE)

    @property
    def rank(self) -> int:
        """Quoting order for a question of whether something works or is advised: answers first, the aim last."""
        return _RANK[self]


# Section names, by the role of what stands under them. A combined label ("METHODS AND RESULTS",
# "BACKGROUND AND AIMS") takes the role of the part that speaks last in the order of a paper.
_SECTION_ROLES = [
    (
        Role.CONCLUSION,
        r"conclusions?|summary|implications?|interpretation|key (points|messages)|take[- ]home|"
        r"authors'? conclusions|discussion",
    ),
    (Role.FINDING, r"results?|findings|outcomes?"),
    (Role.ADVICE, r"recommendations?|advice|guidance|practice points|what (you|to) do|tips"),
    (
        Role.METHOD,
        r"methods?|methodology|design|setting|participants|patients|subjects|materials|interventions?|"
        r"measures|measurements|data (sources|collection|extraction)|study selection|statistical analysis|"
        r"search strategy|eligibility criteria|procedures?",
    ),
    (Role.AIM, r"aims?|objectives?|purpose|goals?|questions?|hypothes[ie]s"),
    (Role.BACKGROUND, r"background|introduction|context|rationale|importance|overview"),
]
_SECTION_RES = [(role, re.compile(rf"\b(?:{pattern})\b", re.I)) for role, pattern in _SECTION_ROLES]

_CONCLUDES = re.compile(
    r"\b(?:we conclude|(?:in|to) conclu(?:sion|de)|(?:these|our|the) (?:results|findings|data) (?:suggest|indicate|show|"
    r"demonstrate|support|confirm)|(?:this|our|the present) (?:study|review|trial|analysis) (?:shows|showed|suggests|"
    r"indicates|demonstrates|confirms|found))\b",
    re.I,
)
_AIM = re.compile(
    r"^(?:to (?:evaluate|determine|assess|examine|investigate|compare|explore|describe|identify|test|establish|"
    r"characteri[sz]e|quantify|analy[sz]e|clarify|review)\b"
    r"|(?:the|our|this) (?:aim|purpose|objective|goal)s?\b"
    r"|(?:this|the present|the current|our) (?:study|review|trial|analysis|paper|article|work|survey) "
    r"(?:aim|sought|seek|was designed|is designed|investigat|examin|evaluat|assess|explor|compar|describ|test)"
    r"|we (?:aim|sought|seek|hypothesi[sz]|set out|wanted|asked|investigat|examin|evaluat|assess|explor|compar|test))"
    r"|\b(?:(?:is|was|remains?) (?:unknown|unclear|not (?:yet )?(?:known|clear|established))|little is known|"
    r"(?:has|have) not been (?:studied|established|investigated)|"
    # what the evidence cannot tell ("it is difficult to ascertain the relative risk…"): no finding, whatever it names
    r"(?:is|it's|remains?) (?:difficult|hard|impossible|not possible) to (?:ascertain|determine|establish|say|know|tell|"
    r"conclude|draw (?:firm |definite )?conclusions))\b"
    # What research should do next, as the sentence's main clause ("Further studies are needed to…", "Future research
    # should focus on…"): an agenda, not a finding, though it stands under Conclusions.
    r"|^(?:(?:however|therefore|thus|hence|nevertheless|still|finally|so|but),?\s+)?(?:[\w,-]+\s+){0,3}?"
    r"(?:research|studies|study|trials?|investigations?|work|data|evidence)\s+(?:\w+\s+){0,2}?"
    r"(?:is|are|will be|would be|should|must|may be|might be|could be)\s+(?:\w+\s+)?(?:needed|required|warranted|"
    r"necessary|essential|focus\w*|examine|determine|clarify|confirm|address|explore|investigate|establish|elucidate)\b",
    re.I,
)
_FINDING = re.compile(
    r"\b(?:we (?:found|observed|showed|demonstrated|conclude|concluded|noted|report)|in conclusion|to conclude|"
    r"(?:results?|findings|data|analys[ie]s|trials?|studies|evidence) (?:show|showed|shown|suggest|suggested|indicate|"
    r"indicated|demonstrate|demonstrated|reveal|revealed|support|supported|confirm|confirmed)|"
    r"(?:was|were|is|are) (?:significantly |not significantly |independently )?(?:associated|correlated|linked|"
    r"higher|lower|greater|smaller|reduced|increased|improved|decreased|better|worse|superior|inferior|similar|"
    r"comparable|effective|ineffective|safe|feasible)|"
    r"(?:no|a|did not (?:find|show)(?: a| any)?) (?:statistically )?significant|significantly|"
    r"odds ratio|hazard ratio|relative risk|confidence interval|95\s?% ?ci|\bp\s?[<=>≤]\s?0?\.\d|"
    r"(?:suggests?|indicates?|demonstrates?|shows?|confirms?) that|(?:is|are|was|were) (?:well )?tolerated)\b",
    re.I,
)
_ADVICE = re.compile(
    r"\b(?:(?:is|are) (?:not )?(?:recommended|advised|advisable|encouraged|discouraged|indicated|contraindicated)|"
    r"(?:we|experts?|guidelines?) (?:recommend|advise|suggest)|should(?: not|n't)?|must(?: not|n't)?|"
    r"(?:it is|it's) (?:important|best|wise|safe|unsafe) to)\b"
    r"|^(?:do|don't|do not|avoid|try|stop|start|keep|make sure|remember|talk to|ask|consider|use)\b",
    re.I,
)


_METHODISH = re.compile(r"^(?:we (?:included|enrolled|recruited|measured|used)|data were|patients were (?:randomi[sz]ed|enrolled))\b", re.I)
# A conclusion answers best. Advice and results rank with sentences of no marked role: in a page of advice nearly
# every sentence advises, and putting them first would pass over the one that names what was asked about.
_RANK = {Role.CONCLUSION: 0, Role.ADVICE: 1, Role.FINDING: 1, Role.OTHER: 1, Role.BACKGROUND: 2, Role.METHOD: 2, Role.AIM: 3}


def section_role(section: str | None) -> Role:
    """The role a section's heading gives what stands under it (OTHER for a heading that says none)."""
    if not section:
        return Role.OTHER
    # "Methods and results": the later part of a combined label speaks for it.
    found = [(m.start(), role) for role, pattern in _SECTION_RES for m in pattern.finditer(section)]
    return max(found)[1] if found else Role.OTHER


# Asked of the same sentences question after question, several times per answer.
@lru_cache(maxsize=1 << 16)
def role_of(text: str, section: str | None = None) -> Role:
    """The sentence's role: its own phrasing first (an aim under "Results" is still an aim), then its section's."""
    if _AIM.search(text):
        return Role.AIM
    by_section = section_role(section)
    if _CONCLUDES.search(text) or (by_section == Role.CONCLUSION and not _METHODISH.search(text)):
        return Role.CONCLUSION
    if _FINDING.search(text):
        return Role.FINDING
    if _ADVICE.search(text):
        return Role.ADVICE
    return by_section


# A sentence that opens by pointing back ("These…", "If this occurs…", "They…", "Such programmes…",
# "This means…") cannot be read alone: its subject is in the sentence before it.
_LEANS_BACK = re.compile(
    # A connective that itself points back: "In this case…", "For these reasons…", "As a result…".
    r"^(?:in (?:this|that|these|those|such) (?:case|cases|way|situation|situations)|for (?:this|that|these) reasons?|"
    r"despite (?:this|that|these)|because of (?:this|that|these)|as a result|otherwise)\b"
    # Or a pronoun or demonstrative subject, after an optional plain connective: "If these occur…", "However, they…".
    r"|^(?:(?:if|when|once|because|since|although|while|as|so|and|but|yet|however|therefore|thus|hence),?\s+)?"
    r"(?:th(?:ese|ose|is|at|ey|em|eir)|it|its|such|both|either|neither|the latter|the former|the same)\b",
    re.I,
)


# Two openings that look like pointing back and do not: the work speaking of itself as it concludes ("This study
# shows…", "These findings suggest…"; in research writing, what "these" means is the whole study, which the citation
# names), and the "it" of "It is likely that…", which stands for the clause that follows. In the conclusions of the 500
# PubMedQA abstracts, 114 of 973 sentences looked like leaning back, and a conclusion whose sentence before it is
# under another heading was never quoted.
_SELF_CONTAINED = re.compile(
    r"^(?:(?:however|therefore|thus|hence|overall|together|taken together),?\s+)?"
    r"(?:(?:th(?:is|ese)|our)\s+(?:[\w-]+\s+){0,2}?(?:study|studies|findings?|results?|data|observations?|analys[ie]s|"
    r"trials?|review|survey|series|report|work|experience|investigation|paper|article)\s+(?:\w+\s+)?"
    r"(?:suggests?|indicates?|shows?|showed|demonstrates?|demonstrated|supports?|confirms?|confirmed|highlights?|"
    r"implies|imply|provides?|reveals?|revealed|underlines?|emphasi[sz]es?|found|finds|adds?|argues?)\b"
    r"|it\s+(?:is|was|seems|seemed|appears|appeared|remains|may be|might be|would be|could be)\s+(?:not\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:that|whether)\b)",
    re.I,
)


# Anywhere in the sentence, a kind named only by pointing back: "…should not be subjected to this kind of exercise".
_THIS_KIND = re.compile(r"\b(?:this|that|these|those|such)\s+(?:kinds?|types?|sorts?|forms?)\s+of\b", re.I)


def leans_back(text: str) -> bool:
    """True when the sentence's subject, or the kind of thing it speaks of, is in the sentence before it, so it must
    not be quoted alone."""
    opening = text.strip().lstrip("“\"'‘(")
    return (bool(_LEANS_BACK.match(opening)) and not _SELF_CONTAINED.match(opening)) or bool(_THIS_KIND.search(opening))
