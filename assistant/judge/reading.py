"""Reading a question into its Claim (judge/asked.py), once per answer: the general-English parsers of judge/claim.py,
judge/finding.py, judge/scope.py and judge/stance.py, asked of the question's own words and nowhere else."""

from __future__ import annotations

from assistant.judge.asked import Claim
from assistant.judge.claim import asking, for_judge, unfavourable
from assistant.judge.finding import brought_about, claim_kind
from assistant.judge.scope import changed_by, claim_agent, compared_with, gone_without, harmed_by, strong_claim, whole_claim
from assistant.judge.stance import makes_excess
from assistant.language.terms import asks_yes_or_no


def claim_of(question: str) -> Claim:
    """Read the question once. A question for facts is read only as such: it claims nothing."""
    if not asks_yes_or_no(question):
        return Claim(question, False, question, False, False)
    asked, turned = for_judge(question)
    verbs, claimed = strong_claim(question)
    sentence = question[asking(question) :]
    return Claim(
        text=question,
        yes_or_no=True,
        asked=asked,
        turned=turned,
        unfavourable=unfavourable(question),
        effect=claim_kind(question),
        brought_about=brought_about(question),
        too_much=makes_excess(question),
        whole=whole_claim(question),
        strong=verbs,
        claimed=claimed,
        agent=claim_agent(question) if verbs else (),
        harmed=harmed_by(sentence),
        changed=changed_by(sentence),
        compared=compared_with(sentence),
        lacking=gone_without(sentence),
    )
