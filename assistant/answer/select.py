"""Ranked sentences → the quotes: which sources address the question, which of their sentences answer it.

Three decisions, each judged per source against an absolute standard rather than against the
other sources (a runner-up is not thereby about the question):

- a source is quoted only if one of its sentences is close to the question in meaning, or is
  fairly close and names a good share of the question's key terms (`addressing`);
- asked whether something works or is advised, a source's sentences that state a conclusion,
  a finding or advice come before the aim or method that only restates the question (`ordered`);
- a sentence that leans on the one before it ("If these occur…") is quoted with that sentence
  (`with_lead_ins`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from assistant.answer.retrieve import Hit
from assistant.config import Settings
from assistant.index.loaded import Index
from assistant.language.coverage import Coverage
from assistant.language.roles import leans_back, role_of

MAX_LEAD_INS = 2  # "These include… If these occur…": at most two sentences back, or the quote stops being one


def addressing(index: Index, hits: list[Hit], settings: Settings, coverage: Coverage) -> OrderedDict[str, list[Hit]]:
    """Each source that addresses the question → its evidence hits, best first; sources by their best hit.

    A source addresses the question if one of its sentences is close to it in meaning (cosine at least
    `source_cosine`), or fairly close (`source_min_score`) while naming at least `source_coverage` of the
    question's key terms by weight, or names `key_share` of them."""
    by_source: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in sorted((h for h in hits if index.sentences[h.row].evidence), key=lambda h: -h.relevance):
        by_source.setdefault(index.sentences[hit.row].doc_id, []).append(hit)

    # Filled from hits best first, so the sources are already in order of their best hit.
    return OrderedDict(
        (doc, doc_hits) for doc, doc_hits in by_source.items() if any(speaks(index, h, settings, coverage) for h in doc_hits)
    )


def speaks(
    index: Index,
    hit: Hit,
    settings: Settings,
    coverage: Coverage,
    fairly: float | None = None,
    lead_ins: Sequence[int] = (),
    by_weight: bool = False,
) -> bool:
    """The sentence is about the question: close in meaning, or fairly close (`fairly`, by default `source_min_score`)
    and naming enough of its key terms, or naming most of them (a name or a rare word, "Kalron", "swimming", is
    matched by its letters). A sentence that leans on the ones before it (`lead_ins`, from `lead_ins_of`) names what
    they name ("…should not be subjected to this kind of exercise" after the sentence saying which kind). With `by_weight`, a
    sentence naming enough of the claim by weight counts too (`Coverage.claim_share`): "strength" in "strength
    training" is in every source on exercise, so by specificity only "training" named the question."""
    if hit.cosine >= settings.source_cosine:
        return True
    stems = index.stems_of(hit.row)
    if lead_ins:
        stems = stems.union(*(index.stems_of(r) for r in lead_ins))
    if coverage.names(stems, settings.key_share):
        return True
    least = settings.source_min_score if fairly is None else fairly
    share = max(coverage.share(stems), coverage.claim_share(stems) if by_weight else 0.0)
    return hit.cosine >= least and share >= settings.source_coverage


def ordered(
    index: Index, doc_hits: list[Hit], settings: Settings, coverage: Coverage, yes_or_no: bool, takes_position: Callable[[int], bool]
) -> list[Hit]:
    """One source's candidate quotes in the order they should be offered.

    A sentence naming most of the question's key terms comes before one that does not. Asked for facts,
    then the most relevant first. Asked yes or no, among the sentences nearly as relevant as
    the source's best, what answers (a conclusion; then findings, advice or a position) before what frames
    (background, methods, the aim). On the PubMedQA tuning half (268 questions over 500 abstracts) the share of
    answers quoting the study's conclusion went from 0.33 (by relevance alone) to 0.84 with a margin of 0.5 and
    0.88 with 0.7, the gold abstract cited in 0.98 either way; the ALS tuning half did not change."""
    best = doc_hits[0].relevance
    margin = settings.answer_margin if yes_or_no else settings.per_source_margin

    # Naming most of what is asked ("Kalron", "swimming"), however low its cosine.
    naming = {h.row: coverage.names(index.stems_of(h.row), settings.key_share) for h in doc_hits}

    def names(hit: Hit) -> bool:
        return naming[hit.row]

    near = [h for h in doc_hits if (h.relevance >= best - margin and h.cosine >= settings.source_min_score) or names(h)]
    near = near or doc_hits[:1]
    if not yes_or_no:
        return sorted(near, key=lambda h: (not names(h), -h.relevance))

    def key(hit: Hit) -> tuple[int, bool, int, float]:
        s = index.sentences[hit.row]
        return (role_of(s.text, s.section).rank, not names(hit), 0 if takes_position(hit.row) else 1, -hit.relevance)

    return sorted(near, key=key)


def choose(index: Index, sources: OrderedDict[str, list[Hit]], settings: Settings, order: Callable[[list[Hit]], list[Hit]]) -> list[Hit]:
    """Round robin over the sources, best first, so every source is heard before any is heard twice."""
    chosen: list[Hit] = []
    offered: dict[str, list[Hit]] = {}
    for _ in range(settings.per_source):
        for doc_id, doc_hits in sources.items():
            if len(chosen) >= settings.top_k:
                return chosen
            if doc_id not in offered:  # ordered (and judged) only when its turn comes: most sources of a big corpus never get one
                offered[doc_id] = order(doc_hits)
            for hit in offered[doc_id]:
                if hit not in chosen and not _near_duplicate(index, hit, chosen, settings.duplicate_cosine):
                    chosen.append(hit)
                    break
    return chosen


def with_lead_ins(index: Index, chosen: list[Hit], limit: int) -> list[Hit]:
    """The chosen hits, each sentence that leans on the one before it preceded by that sentence (same section).

    A lead-in is shown as its own adjacent citation, scored as the sentence it introduces. A sentence
    whose lead-in cannot be found, or would not fit within `limit` citations, is dropped, never quoted alone."""
    rows = {h.row for h in chosen}
    out: list[Hit] = []
    for hit in chosen:
        before = _lead_ins(index, hit.row, rows)
        if before is None or len(out) + len(before) + 1 > limit:
            continue
        for row in before:
            out.append(Hit(row, hit.fused, hit.cosine, hit.lexical, hit.relevance, hit.focus))
            rows.add(row)
        out.append(hit)
    return out


def lead_ins_of(index: Index, row: int) -> list[int]:
    """The sentences before `row` that it leans on ([] when it reads on its own or they cannot be found)."""
    return _lead_ins(index, row, set()) or []


def _lead_ins(index: Index, row: int, taken: set[int]) -> list[int] | None:
    """The rows to quote before `row` so that it reads on its own; None if it cannot be made to."""
    needed: list[int] = []
    current = row
    while leans_back(index.sentences[current].text):
        previous = current - 1
        here = index.sentences[current]
        if len(needed) == MAX_LEAD_INS or previous < 0:
            return None
        prior = index.sentences[previous]
        if prior.doc_id != here.doc_id or prior.section != here.section or not prior.evidence:
            return None
        if previous in taken:  # already quoted: it will be numbered just before
            break
        needed.insert(0, previous)
        current = previous
    return needed


def _near_duplicate(index: Index, hit: Hit, chosen: list[Hit], limit: float) -> bool:
    if not chosen:
        return False
    text = index.sentences[hit.row].text
    if any(index.sentences[h.row].text == text for h in chosen):  # the same words under another heading
        return True
    vectors = index.sentence_vectors[[h.row for h in chosen]]
    return bool(np.max(vectors @ index.sentence_vectors[hit.row]) >= limit)
