"""Which sentences may be shown as evidence: prose, not page furniture, tables or reference lists.

Everything stays searchable; only `evidence=True` sentences are ever quoted
in an answer. The cues are generic to web pages and papers, not to any one
document.
"""

from __future__ import annotations

import re

# Back matter of papers and web pages: what is under these headings is never evidence.
_BACK_MATTER = re.compile(
    r"^\s*(references?|bibliography|works cited|literature cited|sources|notes|footnotes|declarations?|"
    r"conflicts? of interests?|competing interests?|funding|acknowledge?ments?|data availability( statement)?|"
    r"author contributions?|ethics( statement)?|ai usage statement|abbreviations|keywords|comments?)\s*$",
    re.I,
)
# An e-mail address is matched from its first character only: a long run of letters would backtrack quadratically.
_CONTACT = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|\[email[^\]]*\]|\bwww\.|https?://|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b|"
    r"\b\d{1,5}\s+\w+(\s\w+)?\s+(avenue|street|road|suite|boulevard|ave|st)\b",
    re.I,
)
_WEB_FURNITURE = re.compile(
    r"\b(comments?|commenting|post as|fill out|sign up|subscribe|newsletter|log ?in|privacy policy|cookies?|"
    r"terms of (use|service)|all rights reserved|copyright|contact us|click here|share this|"
    r"for more information|this (site|website|page)|online (profile )?form|email form|inquiries)\b",
    re.I,
)
# "Pinto, A.C., Alves, M." / "Lopes de Almeida, Silvestre R" and a year with volume:pages.
_AUTHOR = re.compile(r"\b[A-Z][a-z’'-]+,?\s(?:[A-Z]\.\s?){1,3}|\b[A-Z][a-z’'-]+\s[A-Z]{1,3}\b[,.]")
_CITATION_TAIL = re.compile(r"\b(19|20)\d{2}\b.*?(\d+\s*[;:(]\s*\d+|\d+\s*[-–]\s*\d+|\bCD\d+)")


_LABEL = re.compile(r"^\s*(sources?|references?|keywords?|abbreviations?|note|doi)\s*:", re.I)


def is_back_matter(section: str | None) -> bool:
    """True for headings like References, Declarations, Conflict of Interest."""
    return bool(section and _BACK_MATTER.match(section))


def is_reference_entry(text: str) -> bool:
    """A bibliography entry: several author names, a year, and volume/pages."""
    return len(_AUTHOR.findall(text)) >= 2 and bool(_CITATION_TAIL.search(text))


def is_boilerplate(text: str) -> bool:
    """Contact details, forms, comment policies, links: site furniture."""
    return bool(_CONTACT.search(text) or _WEB_FURNITURE.search(text))


def is_fragment(text: str) -> bool:
    """Too short, unfinished, or mostly capitalised words (titles, table cells, author lines)."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < 3 or text.rstrip("”\"’')]*")[-1:] not in ".?!":
        return True
    lower = sum(1 for w in words if w[0].islower())
    return lower < 0.4 * len(words) or len(text) > 1500


def classify(text: str, block_kind: str, section: str | None) -> tuple[str, bool]:
    """(kind, evidence) for one sentence given the block it came from and its section."""
    if block_kind == "table":
        return "fragment", False
    if is_back_matter(section) or is_reference_entry(text) or _LABEL.match(text):
        return "reference", False
    if is_boilerplate(text):
        return "boilerplate", False
    if is_fragment(text):
        return "fragment", False
    return ("prose" if block_kind == "para" else block_kind), True
