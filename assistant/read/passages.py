"""Sentences → passages: each section of a document cut into runs of a few sentences, embedded as one text."""

from __future__ import annotations

from assistant.records import Passage, Sentence, content_id


def make_passages(sentences: list[Sentence], size: int, stride: int) -> list[Passage]:
    """Overlapping windows of `size` sentences within one section of one document."""
    passages: list[Passage] = []
    groups: list[list[Sentence]] = []
    for s in sentences:
        if s.kind in ("boilerplate", "reference"):
            continue
        if groups and groups[-1][-1].doc_id == s.doc_id and groups[-1][-1].section == s.section:
            groups[-1].append(s)
        else:
            groups.append([s])
    for group in groups:
        for window in _windows(group, size, stride):
            head = f"{window[0].section}: " if window[0].section else ""
            text = head + " ".join(s.text for s in window)
            passages.append(Passage(content_id(*(s.id for s in window)), window[0].doc_id, tuple(s.id for s in window), text))
    return passages


def _windows(group: list[Sentence], size: int, stride: int) -> list[list[Sentence]]:
    if stride >= size:
        # Without overlap, nearly equal windows: each sentence is embedded in one passage only (cheapest for
        # large corpora) and no short remainder is left to stand alone.
        count = -(-len(group) // size)
        cuts = [round(i * len(group) / count) for i in range(count + 1)]
        return [group[a:b] for a, b in zip(cuts, cuts[1:])]
    starts = range(0, max(len(group) - size, 0) + 1, stride)
    last = list(starts)[-1]
    windows = [group[i : i + size] for i in starts]
    if last + size < len(group):  # the section's end gets a full window of its own
        windows.append(group[-size:])
    return windows
