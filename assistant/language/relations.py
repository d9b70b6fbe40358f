"""Word relations from WordNet: what a word the corpus lacks is a kind of, or another name for, and its opposites.

WordNet 3.0 is Debian's `wordnet-base` and `wordnet-sense-index`, copied by `make setup` into the virtual environment's
nltk data folder (`python -m assistant.language.relations install`), and read with nltk's reader. Without it the
assistant still answers: a missing word is then related by the embedding model alone (api._stands_for), and no
antonym is kept out; `available()` says which.

- `related(word)`: other names for the same thing: the synonyms of its commonest senses and the words derived from
  them ("exhausted" → fatigued, exhaustion; "fasciculations" → twitching; "gym" → gymnasium). Not what it is a kind
  of: "dumbbells" → weight would be right, but "alcohol" → drug, "vibration" → motion and "acupuncture" → treatment
  made questions no source covers look covered ("Is it safe to drink alcohol with ALS?" was answered "Yes. 3 sources").
- `opposites(word)`: its antonyms' lemmas ("faster" → slow), so that a word never stands for its opposite: the
  embedding puts "faster" next to "slower" (both are about speed).
"""

from __future__ import annotations

import gzip
import logging
import re
import shutil
import sys
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_DEBIAN = Path("/usr/share/wordnet")
_LEXNAMES_MAN = Path("/usr/share/man/man5/lexnames.5WN.gz")
_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
_lock = threading.Lock()
_reader: list = []  # [reader or None] once tried


def _load():
    with _lock:
        if not _reader:
            try:
                import nltk
                from nltk.corpus.reader.wordnet import WordNetCorpusReader

                class Reader(WordNetCorpusReader):
                    def map_wn(self, version="wordnet"):  # WordNet 3.0 mapped onto itself: 9 s, only for other languages
                        return None

                with warnings.catch_warnings():  # "multilingual functions are not available": none are used
                    warnings.simplefilter("ignore")
                    _reader.append(Reader(nltk.data.find("corpora/wordnet"), None))
            except (ImportError, LookupError, OSError) as exc:
                log.warning("WordNet is not installed (%s): words are related by the embedding model alone; run `make setup`", exc)
                _reader.append(None)
        return _reader[0]


def warm() -> None:
    """Start loading WordNet in the background (about 6 s), so that the first question that needs it waits less."""
    threading.Thread(target=_load, daemon=True).start()


def available() -> bool:
    return _load() is not None


@lru_cache(maxsize=4096)
def related(word: str) -> tuple[tuple[str, int], ...]:
    """(lemma, steps) pairs for the other names of the word's commonest senses (1 step each); () without WordNet."""
    wn = _load()
    if wn is None:
        return ()
    seen: dict[str, int] = {}
    # Each part of speech's commonest sense only (WordNet orders senses by how often they were tagged): "dumbbell" is
    # a weight before it is a fool, whose synonyms "dope" and "dummy" would otherwise stand for it.
    senses = [found[0] for pos in "nvas" if (found := wn.synsets(word, pos))]
    for synset in senses:  # another name for it, or a word derived from one: one step
        for lemma in synset.lemmas():
            seen.setdefault(lemma.name().lower(), 1)
            for kin in lemma.derivationally_related_forms():
                seen.setdefault(kin.name().lower(), 1)
    seen.pop(word.lower(), None)
    return tuple(sorted(seen.items(), key=lambda kv: kv[1]))


@lru_cache(maxsize=4096)
def opposites(word: str) -> frozenset[str]:
    """Lemmas of the word's antonyms, in any of its senses ("faster" → slow); empty without WordNet."""
    wn = _load()
    if wn is None:
        return frozenset()
    return frozenset(a.name().lower() for s in wn.synsets(word) for lemma in s.lemmas() for a in lemma.antonyms())


@lru_cache(maxsize=4096)
def broader(word: str) -> frozenset[str]:
    """Lemmas of every broader term of the word, in any of its senses, up to the top ("cannabis" → drug, agent,
    substance…; "swimming" → sport, activity); empty without WordNet. A broader term never stands for the word: "What
    does a drug do for ALS?" is not asked by "does cannabis oil help?" (it answered "Yes" from praise of exercise)."""
    wn = _load()
    if wn is None:
        return frozenset()
    found: set[str] = set()
    for synset in wn.synsets(word):
        for upper in synset.closure(lambda s: s.hypernyms() + s.instance_hypernyms()):
            found.update(lemma.name().lower() for lemma in upper.lemmas())
    return frozenset(found)


@lru_cache(maxsize=4096)
def names_a_thing(word: str) -> bool:
    """The word is used mostly as a noun, by WordNet's counts of tagged uses ("vitamin", "cost", "dumbbells"; not
    "hard", "faster" or "walk"): what a question asks about, not how. False without WordNet."""
    wn = _load()
    if wn is None:
        return False
    uses = {pos: _uses(wn, word, pos) for pos in "nvar"}
    return uses["n"] >= 0 and all(uses["n"] >= n for pos, n in uses.items() if pos != "n")


@lru_cache(maxsize=4096)
def changes(word: str) -> bool:
    """The word is a verb in its base form whose commonest sense WordNet files as a change (lexname verb.change:
    "improve", "reduce", "slow", "worsen", "prolong"; not "help", "lift" or "make"). False without WordNet."""
    wn = _load()
    if wn is None or wn.morphy(word, "v") != word:
        return False
    senses = wn.synsets(word, "v")
    if not senses or senses[0].lexname() != "verb.change":
        return False
    return _uses(wn, word, "v") >= _uses(wn, word, "n")  # a verb before it is a noun: not "people" (to people a land)


def _uses(wn: Any, word: str, pos: str) -> int:
    """How often WordNet's tagged texts use the word as this part of speech (its base form's lemmas); -1 if never listed."""
    found = wn.synsets(word, pos)
    base = wn.morphy(word, pos)
    return sum(lemma.count() for s in found for lemma in s.lemmas() if lemma.name().lower() == base) if found else -1


def head_opposites(word: str) -> list[str]:
    """The direct opposites of the word as a head adjective ("safe" → dangerous, "faster" → slow), sorted; not through
    a satellite's head ("next" → preceding). Empty without WordNet."""
    wn = _load()
    if wn is None:
        return []
    base = {word, *(f for f in [wn.morphy(word, "a")] if f)}
    return sorted(
        {
            a.name()
            for s in wn.synsets(word, "a")
            if s.pos() == "a"
            for lemma in s.lemmas()
            if lemma.name() in base
            for a in lemma.antonyms()
        }
    )


def base_forms(word: str) -> frozenset[str]:
    """The word's dictionary forms in every part of speech ("slower" → slow); the word itself without WordNet."""
    wn = _load()
    if wn is None:
        return frozenset({word})
    return frozenset({word, *(f for pos in "nvar" if (f := wn.morphy(word, pos)))})


def install(target: Path) -> Path:
    """Copy Debian's WordNet into `target`/corpora/wordnet and write its `lexnames` file (which Debian ships only as
    the lexnames(5WN) manual page) in the database's format: number, name, syntactic category."""
    folder = target / "corpora" / "wordnet"
    folder.mkdir(parents=True, exist_ok=True)
    for path in _DEBIAN.iterdir():
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    lines = []
    for line in gzip.open(_LEXNAMES_MAN, "rt", encoding="utf-8"):
        if m := re.match(r"^(\d\d)\t(noun|verb|adj|adv)\.(\w+)\s", line):
            lines.append(f"{m.group(1)}\t{m.group(2)}.{m.group(3)}\t{_CATEGORY[m.group(2)]}\n")
    (folder / "lexnames").write_text("".join(lines), encoding="utf-8")
    return folder


if __name__ == "__main__":  # python -m assistant.language.relations install
    if sys.argv[1:] != ["install"] or not (_DEBIAN / "index.sense").is_file() or not _LEXNAMES_MAN.is_file():
        sys.exit("usage: python -m assistant.language.relations install (needs Debian's wordnet-base and wordnet-sense-index)")
    print(f"WordNet copied to {install(Path(sys.prefix) / 'share' / 'nltk_data')}")
