"""Ranked sentences → an Answer: the best few per source, each source's stance, numbered citations, the lead."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.answer.cite import citation_of, stance_of
from assistant.answer.passage import conclusions, text_of
from assistant.answer.retrieve import Hit
from assistant.answer.select import addressing, choose, lead_ins_of, ordered, speaks, with_lead_ins
from assistant.answer.wording import Side, Verdict, lead, unmentioned_lead, verdict_of
from assistant.config import Settings
from assistant.index.loaded import Index
from assistant.judge.asked import Claim
from assistant.judge.claim import on_claim
from assistant.judge.finding import effect_found, null_finding
from assistant.judge.scope import Reach
from assistant.judge.stance import NONE, Judgement, Reader, asks_about_excess, judge_sentence, read_claim
from assistant.judge.verdict import caveats, off_claim, source_order
from assistant.language.coverage import NAMING, Coverage, Term
from assistant.language.roles import Role, role_of
from assistant.language.terms import Subject
from assistant.language.words import stem
from assistant.results import Answer, Citation, SourceStance, View

NOTICE = (
    "This assistant shows what its sources say, in their own words. It informs and does not replace "
    "your care team: talk to your doctor or physical therapist before changing how you exercise."
)
NOT_COVERED = "The sources do not cover this question, so there is nothing to quote."
QUOTED = Judgement(NONE, False, False, ("quoted from another work",))
FACTUAL = Judgement(NONE, False, False, ("the question asks for facts, not for a position",))
OFF_SUBJECT = Judgement(NONE, False, False, ("not about the question's subject",))
FRAMING = Judgement(NONE, False, False, ("states an aim or a method, not a finding",))


def compose(
    index: Index,
    claim: Claim,
    hits: list[Hit],
    settings: Settings,
    subject: Subject,
    coverage: Coverage,
    view: View = View.PATIENT,
    reader: Reader | None = None,
) -> Answer:
    """Everything after retrieval: decline or choose quotes, judge sides, order by side and weight, number citations.
    What the question claims is read once, before (`claim`, judge/asked.py); its text is only quoted back."""
    question = claim.text
    if not coverage.covered:  # what the question is about is in no source ("stem cell", "acupuncture")
        return _declined(question, coverage, view, tuple(t for t in coverage.missing if not t.who) or coverage.missing)
    evidence = {h.row: h for h in hits if index.sentences[h.row].evidence}
    # Close in meaning, or naming most of what is asked ("Kalron", "swimming"): a name or a rare word has a low cosine.
    close = max((h.cosine for h in evidence.values()), default=0.0) >= settings.min_score
    named = close or any(coverage.names(index.stems_of(h.row), settings.key_share) for h in evidence.values())
    sources = addressing(index, hits, settings, coverage) if named else OrderedDict()
    if not sources:  # naming a rare word no source mentions ("…keep gardening?"), not who asks ("mum"), nor "won" or "cup"
        return _declined(question, coverage, view, tuple(t for t in coverage.missing if not t.who and t.weight >= NAMING))
    judged: dict[int, Judgement] = {}
    wholes: dict[str, tuple[tuple[int, ...], Judgement]] = {}  # a study's conclusion read whole: its rows, the judge's side
    # What is asked about is in no source ("Does fish oil help ALS muscles?"): what they say of the rest is shown, and no
    # source is for or against a claim it never mentions (praise of exercise was a "Yes" to fish oil).
    unmentioned = coverage.unmentioned
    asked_yes_or_no = claim.yes_or_no
    yes_or_no = asked_yes_or_no and not unmentioned
    turned = claim.turned  # "Is X harmful?" asked with a clean opposite: judged, worded and ordered mirrored
    cosine = {h.row: h.cosine for h in hits}

    def near(row: int) -> bool:
        """As close in meaning to the question as `about_cosine`: about it in other words."""
        return cosine.get(row, 0.0) >= settings.about_cosine

    def about(row: int, lead: list[int]) -> bool:
        # Only a sentence that is itself about the question takes a side: two studies of different things never disagree.
        # By weight too: "can be strengthened safely with moderate weight lifting" is about "Is strength training safe?"
        # though every source says "strength". ALS all 44 stance 0.670 -> 0.693; PubMedQA tuning half identical.
        return row in evidence and speaks(index, evidence[row], settings, coverage, settings.min_score, lead_ins=lead, by_weight=True)

    def unjudged(row: int) -> Judgement | None:
        """Why a sentence takes no side before anything reads it, or None if it is to be read."""
        sentence = index.sentences[row]
        if not yes_or_no:  # "How often…?" asks for facts: no source is for or against anything
            return FACTUAL
        if sentence.kind == "quote":  # the page quoting another work: shown, but not its own position
            return QUOTED
        if role_of(sentence.text, sentence.section) in (Role.AIM, Role.METHOD):
            # "Models assessed differences in cost and length of stay" says what was done, not what was found: the
            # rules read a side into such sentences (two false "Sources disagree" on the PubMedQA tuning half).
            return FRAMING
        # A sentence leaning on the one before it is about what that one names: it is quoted with it (with_lead_ins).
        lead = lead_ins_of(index, row)
        context = " ".join([*(index.sentences[r].text for r in lead), sentence.context_text])
        if not (subject.about(context) or near(row)) or not about(row, lead):
            # about something else ("Are not recommended" under another heading, another study's finding)
            return OFF_SUBJECT
        return None

    excess = asks_about_excess(subject.terms, claim.too_much)
    reach = Reach.of(claim, coverage) if yes_or_no else Reach()  # what a sentence must name to take a side
    strong = bool(reach.strong)
    row_of = {index.sentences[r].text: r for r in evidence} if strong else {}

    def on_the_claim(row: int, found: Judgement) -> Judgement:
        text, close = index.sentences[row].text, near(row)
        causes = bool(reach.strong) and effect_found(claim, text, stem) is not NONE
        claimed = reach.on_the_claim(found, reach.read_in(index.stems_of(row), text), close, settings.claim_share, causes)
        return reach.on_what_is_lacking(reach.on_the_whole(claimed, text), text, close)

    def by_rules(text: str) -> Judgement:
        found = judge_sentence(text, subject.terms, subject.related, excess)
        if found.stance is NONE and (effect := effect_found(claim, text, stem)) is not NONE:  # on the claim as asked
            return replace(found, stance=effect, cues=(*found.cues, "says it brings about what is claimed"))
        # The rules read praise or warnings of the subject: on a strong claim, only where the sentence names both the
        # claim and what it is about ("can prevent xerostomia"), not in "only when it does not cause tiredness" for
        # "Does exercise cause ALS?"
        row = row_of.get(text)
        if strong and (row is None or not all(reach.names(reach.read_in(index.stems_of(row), text), settings.claim_share))):
            return replace(found, stance=NONE, cues=(*found.cues, "the rules read no strong claim here"))
        # "No difference", "did not reduce": the study's answer to a claimed effect, where praise and warnings are
        # silent. Of the 500 PubMedQA conclusions, 35 sentences read so, 28 of them from studies whose answer is no;
        # tuning half verdict 0.601 -> 0.608. Already on the claim as asked: not turned.
        if found.stance is NONE and (null := null_finding(claim, text)) is not NONE:
            return replace(found, stance=null, cues=(*found.cues, "reports no effect"))
        return replace(found, stance=on_claim(found.stance, claim))

    def offered(doc_hits: list[Hit], takes_position: Callable[[int], bool] = lambda row: False) -> list[Hit]:
        """A source's candidate quotes in the order they are offered (conclusions, findings and advice before aims)."""
        return ordered(index, doc_hits, settings, coverage, yes_or_no, takes_position)

    # Asked whether an excess harms ("Is hard, intense exercise bad?"), the judge read praise of exercise in general
    # as praise of the excess (a false "Sources disagree" on the ALS tuning half); the rules know the difference.
    # Only then: in research questions such words name the topic ("chronic low back pain", "exercise intensity"),
    # and leaving those to the rules cost 5 verdicts on the PubMedQA tuning half.
    if reader is not None and yes_or_no and not (excess and turned):
        # Each source's first few candidate quotes, in the order they are offered, are read by the judge in one
        # batched pass, before the quotes are chosen (a sentence that takes a side is preferred among equally apt
        # ones); any other sentence is read by the rules. Reading the most relevant instead gave the judge a study's
        # aim and methods, which restate the question, and left its quoted conclusion to the rules: PubMedQA tuning
        # half verdict 0.541 → 0.571, ALS all 44 stance 0.682 → 0.693, ALS tuning half unchanged. Reading every
        # candidate (up to 60) made one answer in ten take 0.3-0.9 s.
        # Only the sources that get a turn: the round robin quotes from at most `top_k` of them, so in a big corpus
        # judging every source that addresses the question (dozens) made one answer in twenty take over a second.
        # A source further down that is quoted after all (its betters had only near-duplicates) is read by the rules.
        turns = list(sources.values())[: settings.top_k]
        rows = [h.row for doc_hits in turns for h in offered(doc_hits)[: settings.judge_per_source] if unjudged(h.row) is None]
        # A conclusion among them is also read whole, in the same pass (answer/passage.py), and the judge's own side on
        # it, when sure, speaks for its source. PubMedQA tuning half verdict 0.604 -> 0.66 at the usual confidence; ALS
        # all 44 identical. Not where the claim's reach guards what a sentence must name (judge/scope.Reach): they read
        # one sentence at a time.
        together = conclusions(index, rows) if not reach.guarded else {}
        texts = [index.sentences[r].text for r in rows] + [text_of(index, p) for p in together.values()]
        read = read_claim(reader, claim, texts, settings.judge_confidence, by_rules)
        judged.update((row, on_the_claim(row, found)) for row, found in zip(rows, read))
        wholes.update((d, (p, found)) for (d, p), found in zip(together.items(), read[len(rows) :]) if found.by_judge)

    def judge(row: int) -> Judgement:
        if row not in judged:
            found = unjudged(row)
            judged[row] = on_the_claim(row, by_rules(index.sentences[row].text)) if found is None else found
        return judged[row]

    def takes_position(row: int) -> bool:
        return judge(row).stance != NONE

    chosen = choose(index, sources, settings, lambda doc_hits: offered(doc_hits, takes_position))
    chosen = with_lead_ins(index, chosen, settings.top_k)
    by_doc: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in chosen:
        by_doc.setdefault(index.sentences[hit.row].doc_id, []).append(hit)

    def concluded(doc_id: str) -> Judgement | None:
        """The source's conclusion read whole, if one of its sentences is quoted: a side is shown with its words."""
        members, found = wholes.get(doc_id, ((), None))
        return found if any(h.row in members for h in by_doc.get(doc_id, [])) else None

    def weighed() -> tuple[list[SourceStance], Verdict]:
        drafts = [
            stance_of(index.documents[d], [(judge(h.row), index.sentences[h.row]) for h in doc_hits], concluded(d))
            for d, doc_hits in by_doc.items()
        ]
        return drafts, verdict_of([Side(d.stance, d.kind, d.date) for d in drafts], yes_or_no, turned)

    drafts, verdict = weighed()
    if yes_or_no and (unmentioned := coverage.unnamed_by([index.stems_of(h.row) for h in chosen])):
        # What is asked about was found only as a stand-in ("supplement" for "vitamin") that no quoted sentence names:
        # they speak of the rest, and none of them is for or against the claim.
        yes_or_no = False
        judged.update((h.row, FACTUAL) for h in chosen)
        wholes.clear()
        drafts, verdict = weighed()
    if verdict is Verdict.DISAGREE:  # only sentences on the same claim disagree (judge/verdict.off_claim)
        # A sentence as close as `about_cosine` is on the claim in other words ("individualized strengthening exercise"
        # on "Should I lift weights?"). PubMedQA "Sources disagree": tuning half 6.3% → 3.4%, reporting half 4.3% →
        # 1.3%; ALS all 44 unchanged. With `source_cosine` (0.55) instead, PubMedQA stayed at 6.3%: studies of the same
        # operation are that close; with no such guard, ALS stance accuracy fell 0.682 → 0.659.
        standing = {d: max(h.relevance for h in doc_hits) for d, doc_hits in by_doc.items()}  # best quote, sided or not

        def share(row: int) -> float:
            return 1.0 if near(row) else coverage.claim_share(index.stems_of(row))

        sided = [(h.row, judge(h.row).stance, h.relevance, share(h.row), standing[index.sentences[h.row].doc_id]) for h in chosen]
        # A conclusion read whole is held to the same standard (under a key of its own, below every row), by its most
        # relevant quoted sentence and the one naming most of the claim: without it, conclusions read whole set gold
        # studies against unrelated ones (PubMedQA tuning half "Sources disagree" 3.4% -> 4.5%; with it 3.7%).
        whole_of = {-1 - i: d for i, d in enumerate(wholes) if concluded(d) is not None}
        for key, d in whole_of.items():
            members, found = wholes[d]
            quoted = [h.relevance for h in by_doc[d] if h.row in members]
            sided.append((key, found.stance, max(quoted), max(map(share, members)), standing[d]))
        for row in off_claim(sided, settings.claim_share):
            if row < 0:
                del wholes[whole_of[row]]
            else:
                judged[row] = replace(judged[row], stance=NONE, cues=(*judged[row].cues, "names too little of the question to disagree"))
        drafts, verdict = weighed()
    citations: list[Citation] = []
    stances: list[SourceStance] = []
    # The sides in the order the lead names them: "No. … 2 sources say no; 1 says it depends" shows the "no" first.
    for draft in source_order(drafts, view, no_first=verdict is Verdict.NO):
        doc = index.document_by_path(draft.source)
        numbers = []
        for hit in sorted(by_doc[doc.id], key=lambda h: index.sentences[h.row].index):
            numbers.append(len(citations) + 1)
            citations.append(citation_of(numbers[-1], doc, index.sentences[hit.row], hit.relevance, judge(hit.row).stance))
        stances.append(replace(draft, citations=tuple(numbers)))
    sides = [Side(s.stance, s.kind, s.date) for s in stances]
    first = unmentioned_lead([t.typed for t in unmentioned], sides) if unmentioned else lead(question, sides, yes_or_no, turned)
    if unmentioned and asked_yes_or_no:
        verdict = Verdict.NO_POSITION
    return Answer(
        question,
        True,
        first,
        tuple(citations),
        notice=NOTICE,
        disagreement=verdict is Verdict.DISAGREE,
        stances=tuple(stances),
        caveats=tuple(caveats(citations)),
        view=view,
        verdict=verdict,
        searched_for=coverage.searched_for,
        asked_against=turned,
    )


def _declined(question: str, coverage: Coverage, view: View, missing: Sequence[Term]) -> Answer:
    """No answer: the question's words that no source mentions are named, if any."""
    unknown = ", ".join(f"“{t.typed}”" for t in missing)
    text = f"The sources do not cover this question: none of them mentions {unknown}, so there is nothing to quote."
    return Answer(question, False, text if missing else NOT_COVERED, notice=NOTICE, view=view, searched_for=coverage.searched_for)
