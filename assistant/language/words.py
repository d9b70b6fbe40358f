"""Words as BM25 and coverage see them: English Snowball stems, bm25s's own token pattern and stop words."""

from __future__ import annotations

import re
from functools import lru_cache

# bm25s's own defaults (scikit-learn's token pattern, its English stop words), applied by us:
# bm25s.tokenize rebuilds its stop-word set per text and starts progress bars, ~1 ms a question.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """The English Snowball stem, as BM25 uses it."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lowercased, stemmed, English stop words removed; the same for documents and questions."""
    stop, stemmer = _stopwords(), _stemmer()
    return [stemmer.stemWords([t for t in _TOKEN.findall(text.lower()) if t not in stop]) for text in texts]
