"""A source's stance and its numbered citations, as records that carry their provenance (document, span, page)."""

from __future__ import annotations

from assistant.judge.stance import NONE, Judgement, combine
from assistant.language.roles import Role, role_of
from assistant.records import Document, Sentence
from assistant.results import Citation, SourceStance, Stance


def stance_of(doc: Document, read: list[tuple[Judgement, Sentence]], concluded_whole: Judgement | None = None) -> SourceStance:
    # What the authors conclude speaks for their study over one finding read the other way (a secondary outcome, or
    # the judge misreading a number): PubMedQA tuning half verdict 0.571 → 0.586, with "Sources disagree" held at
    # 4.9% by judging a rival by its source's best quote (judge/verdict.off_claim); ALS unchanged (advice pages
    # rarely conclude).
    # The conclusion read whole (`concluded_whole`, answer/passage.py) speaks for it over its sentences read alone.
    judgements = [j for j, _ in read]
    concluded = [j for j, s in read if j.stance != NONE and role_of(s.text, s.section) is Role.CONCLUSION]
    if concluded_whole is not None and concluded_whole.stance != NONE:
        judgements, concluded = [*judgements, concluded_whole], [concluded_whole]
    return SourceStance(
        source=doc.path,
        title=doc.meta.display_title,
        kind=doc.meta.kind,
        date=doc.meta.date,
        stance=combine(concluded or judgements),
        citations=(),
        evidence_base=doc.meta.evidence_base,
        hedged=any(j.hedged for j in judgements if j.stance != NONE),
    )


def citation_of(n: int, doc: Document, s: Sentence, score: float, stance: Stance) -> Citation:
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
        section_marks=s.section_marks,
    )
