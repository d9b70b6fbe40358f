"""A study's conclusion as one passage: the sentences under a conclusion heading, read together by the judge.

Read one by one, a conclusion's sentences lose what they share: "They use more somatic drugs than controls" has
no subject, and "PSNs appear to be a promising model" no comparison. The judge was trained on whole conclusions
(PubMedQA) and whole rationales (SciFact); read whole, a study's conclusion gives its answer where its sentences
alone give none or the wrong one (PubMedQA tuning half, the judge at the usual confidence: see compose)."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.index.loaded import Index
from assistant.language.roles import Role, section_role

# Sentences on each side of a conclusion read with it, within its section: 482 of the 500 PubMedQA conclusions are
# one to three sentences, so this holds nearly all of each; a long "Discussion" gives a window of five.
AROUND = 2


def conclusion_passage(index: Index, row: int) -> tuple[int, ...]:
    """The rows of the passage a sentence under a conclusion heading belongs to (itself and up to `AROUND` readable
    sentences each side in its section), or () when it stands under no such heading, or alone."""
    sentence = index.sentences[row]
    if section_role(sentence.section) is not Role.CONCLUSION:
        return ()
    before, after = index.neighbours(sentence, AROUND)
    if not before and not after:
        return ()
    return tuple(index.position[s.id] for s in (*before, sentence, *after))


def conclusions(index: Index, rows: Iterable[int]) -> dict[str, tuple[int, ...]]:
    """Each document's first conclusion passage among the rows about to be judged, by document id."""
    found: dict[str, tuple[int, ...]] = {}
    for row in rows:
        doc_id = index.sentences[row].doc_id
        if doc_id not in found and (passage := conclusion_passage(index, row)):
            found[doc_id] = passage
    return found


def text_of(index: Index, rows: Iterable[int]) -> str:
    """The passage as the judge reads it: its sentences, as shown, in order."""
    return " ".join(index.sentences[r].text for r in rows)
