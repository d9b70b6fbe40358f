"""Ranked sentences → an Answer: the best few per source, each source's stance, numbered citations, the lead."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from .config import Settings
from .index import Index
from .records import Answer, Citation, Document, Sentence, SourceStance
from .retrieve import Hit
from .stance import NONE, Judgement, combine, judge_sentence
from .terms import Subject, asks_yes_or_no
from .verdict import caveats, is_disagreement, lead, source_order

NOTICE = (
    "This assistant shows what its sources say, in their own words. It informs and does not replace "
    "your care team: talk to your doctor or physical therapist before changing how you exercise."
)
NOT_COVERED = "The sources do not cover this question, so there is nothing to quote."
QUOTED = Judgement(NONE, False, False, ("quoted from another work",))
FACTUAL = Judgement(NONE, False, False, ("the question asks for facts, not for a position",))


def compose(index: Index, question: str, hits: list[Hit], settings: Settings, subject: Subject, view: str = "patient") -> Answer:
    """Everything after retrieval: choose quotes, judge stances, order by side and weight, number citations."""
    best = max((h.cosine for h in hits if index.sentences[h.row].evidence), default=0.0)
    if best < settings.min_score:
        return Answer(question, False, NOT_COVERED, notice=NOTICE, view=view)
    if not subject.covered:  # close in meaning overall, but the sources never name what is asked about
        named = ", ".join(f"“{w}”" for w in subject.unknown)
        text = f"The sources do not cover this question: none of them mentions {named}, so there is nothing to quote."
        return Answer(question, False, text, notice=NOTICE, view=view)
    judged: dict[int, Judgement] = {}
    yes_or_no = asks_yes_or_no(question)
    cosine = {h.row: h.cosine for h in hits}

    def judge(row: int) -> Judgement:
        if row not in judged:
            sentence = index.sentences[row]
            if not yes_or_no:  # "How often…?" asks for facts: no source is for or against anything
                judged[row] = FACTUAL
            elif sentence.kind == "quote":  # the page quoting another work: shown, but not its own position
                judged[row] = QUOTED
            elif not (subject.about(sentence.context_text) or cosine.get(row, 0.0) >= settings.about_cosine):
                # about something else ("Are not recommended" under another heading)
                judged[row] = Judgement(NONE, False, False, ("not about the question's subject",))
            else:
                judged[row] = judge_sentence(sentence.text, subject.terms, subject.related)
        return judged[row]

    chosen = select(index, hits, settings, takes_position=lambda row: judge(row).stance != NONE)
    by_doc: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in chosen:
        by_doc.setdefault(index.sentences[hit.row].doc_id, []).append(hit)
    drafts = [_stance_of(index.documents[d], [judge(h.row) for h in doc_hits]) for d, doc_hits in by_doc.items()]
    citations: list[Citation] = []
    stances: list[SourceStance] = []
    for draft in source_order(drafts, view):
        doc = next(d for d in index.documents.values() if d.path == draft.source)
        rows = sorted((h for h in by_doc[doc.id]), key=lambda h: index.sentences[h.row].index)
        numbers = []
        for hit in rows:
            numbers.append(len(citations) + 1)
            citations.append(_citation(numbers[-1], doc, index.sentences[hit.row], hit.relevance, judge(hit.row).stance))
        stances.append(SourceStance(**{**draft.__dict__, "citations": tuple(numbers)}))
    return Answer(
        question, True, lead(stances), tuple(citations), notice=NOTICE, disagreement=is_disagreement(stances),
        stances=tuple(stances), caveats=tuple(caveats(citations)), view=view,
    )


def select(index: Index, hits: list[Hit], settings: Settings, takes_position: Callable[[int], bool] = lambda row: True) -> list[Hit]:
    """The best sentences per relevant source, near-duplicates dropped, within the citation budget.

    Among a source's sentences that are nearly as relevant as its best, one that takes a position
    (recommends, warns, finds benefit or harm) is preferred to one that only describes.
    """
    eligible = [h for h in hits if index.sentences[h.row].evidence]
    bests: dict[str, float] = {}
    for h in eligible:
        doc_id = index.sentences[h.row].doc_id
        bests[doc_id] = max(bests.get(doc_id, 0.0), h.relevance)
    ranked = sorted(bests.values(), reverse=True) or [0.0]
    # A source speaks to the question if its best sentence comes close to the runner-up source's best
    # (not the top: one near-verbatim match must not silence every other source); the best is always heard.
    reference = ranked[1] if len(ranked) > 1 else ranked[0]
    gate = min(ranked[0], max(settings.source_min_score, reference * settings.source_ratio))
    by_source: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in sorted(eligible, key=lambda h: -h.relevance):
        if hit.relevance >= gate:
            by_source.setdefault(index.sentences[hit.row].doc_id, []).append(hit)
    ordered: dict[str, list[Hit]] = {}

    def in_order(doc_id: str) -> list[Hit]:
        # Judged only when the round-robin reaches the source: in a large corpus most never get a turn.
        if doc_id not in ordered:
            doc_hits = by_source[doc_id]
            near = [h for h in doc_hits if h.relevance >= doc_hits[0].relevance - settings.per_source_margin]
            # Among near-equals, the position most squarely about the question's subject speaks first
            # ("Working out with weights will not strengthen…" before "Exercise may have many benefits…").
            positions = sorted((h for h in near if takes_position(h.row)), key=lambda h: -h.focus)
            ordered[doc_id] = positions + [h for h in near if not takes_position(h.row)]
        return ordered[doc_id]

    chosen: list[Hit] = []
    # Round-robin over sources (best first) so every source that speaks gets its voice before any gets two.
    for _ in range(settings.per_source):
        for doc_id in by_source:
            if len(chosen) >= settings.top_k:
                return chosen
            for hit in in_order(doc_id):
                if hit not in chosen and not _near_duplicate(index, hit, chosen, settings.duplicate_cosine):
                    chosen.append(hit)
                    break
    return chosen


def _stance_of(doc: Document, judgements: list[Judgement]) -> SourceStance:
    return SourceStance(
        source=doc.path, title=doc.meta.display_title, kind=doc.meta.kind, date=doc.meta.date,
        stance=combine(judgements), citations=(), evidence_base=doc.meta.evidence_base,
        hedged=any(j.hedged for j in judgements if j.stance != NONE),
    )


def _near_duplicate(index: Index, hit: Hit, chosen: list[Hit], limit: float) -> bool:
    if not chosen:
        return False
    text = index.sentences[hit.row].text
    if any(index.sentences[h.row].text == text for h in chosen):  # the same words under another heading
        return True
    vectors = index.sentence_vectors[[h.row for h in chosen]]
    return bool(np.max(vectors @ index.sentence_vectors[hit.row]) >= limit)


def _citation(n: int, doc: Document, s: Sentence, score: float, stance: str) -> Citation:
    start = doc.local(s.start)
    same_page = doc.page_of(s.end - 1) == s.page
    return Citation(
        n=n,
        source=doc.path,
        title=doc.meta.display_title,
        kind=doc.meta.kind,
        date=doc.meta.date,
        quote=s.text,
        start=start,
        end=doc.local(s.end) if same_page else start + (s.end - s.start),
        page=s.page,
        section=s.section,
        score=round(score, 4),
        lines=s.lines,
        sentence_id=s.id,
        parts=tuple((doc.local(a), doc.local(a) + (b - a)) for a, b in s.parts),
        stance=stance,
    )
