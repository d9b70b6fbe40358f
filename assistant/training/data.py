"""Public claim–evidence pairs for the judge: HealthVer, SciFact rationales and PubMedQA conclusions.

Each reader turns one public file into `Pair`s labelled for / against / none and tagged with the half
they belong to. The halves never mix: the judge is trained on "tune" pairs only and reported on the
"report" pairs (HealthVer and PubMedQA dev are split by claim/question with a digest, so one claim's
pairs all fall in one half; SciFact's own train/dev files are its halves). The published test splits
of these sets are not here and are never read.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from assistant.evaluation.questions import half_of
from assistant.results import Stance


@dataclass(frozen=True)
class Pair:
    """One claim, one piece of evidence, the side it takes, and where the pair came from."""

    claim: str
    evidence: str
    label: Stance
    source: str  # "healthver", "scifact", "pubmedqa"
    part: str  # "tune" or "report"
    group: str  # the claim's id: pairs of one claim share it
    twinned: bool = False  # its set already meets the claim's turned-round twin with the same evidence (claims/)


_HEALTHVER = {"supports": Stance.FOR, "refutes": Stance.AGAINST, "neutral": Stance.NONE}
_SCIFACT = {"SUPPORT": Stance.FOR, "CONTRADICT": Stance.AGAINST}
_OPENING = re.compile(r"BACKGROUND|OBJECTIVE|PURPOSE|AIM|INTRODUCTION", re.I)  # a structured abstract's opening sections
_PUBMEDQA = {"yes": Stance.FOR, "no": Stance.AGAINST, "maybe": Stance.NONE}


def _need(path: Path) -> Path:
    if not path.is_file():
        raise ConfigError(f"benchmark file not found: {path}")
    return path


def healthver(path: Path) -> Iterator[Pair]:
    """HealthVer dev: (claim, evidence passage, Supports/Refutes/Neutral), halved by claim."""
    with _need(path).open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            label = _HEALTHVER.get(row["label"].strip().lower())
            if label is None:
                raise ConfigError(f"{path}: row {row.get('id')} has unknown label {row['label']!r}")
            claim = row["claim"].strip()
            yield Pair(claim, row["evidence"].strip(), label, "healthver", half_of(claim.lower()), claim.lower())


def scifact(claims_path: Path, corpus_path: Path, part: str, seed: int = 0) -> Iterator[Pair]:
    """SciFact claims with their rationale sentences (SUPPORT → for, CONTRADICT → against), one pair per
    rationale sentence and one for the whole rationale; and `none` pairs from sentences of the same cited
    abstracts that are not rationales (on topic, but not evidence: what the judge most needs to tell apart)."""
    abstracts = {}
    with _need(corpus_path).open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            abstracts[str(doc["doc_id"])] = doc["abstract"]
    rng = random.Random(seed)
    with _need(claims_path).open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            claim, group = item["claim"].strip(), f"scifact-{item['id']}"
            used: dict[str, set[int]] = {}
            for doc_id, sets in item.get("evidence", {}).items():
                sentences = abstracts.get(str(doc_id), [])
                for evidence_set in sets:
                    label = _SCIFACT[evidence_set["label"]]
                    picked = [i for i in evidence_set["sentences"] if i < len(sentences)]
                    used.setdefault(str(doc_id), set()).update(picked)
                    for i in picked:
                        yield Pair(claim, sentences[i].strip(), label, "scifact", part, group)
                    if len(picked) > 1:
                        yield Pair(claim, " ".join(sentences[i].strip() for i in picked), label, "scifact", part, group)
            for doc_id in item.get("cited_doc_ids", []):
                sentences = abstracts.get(str(doc_id), [])
                others = [i for i in range(len(sentences)) if i not in used.get(str(doc_id), set())]
                for i in rng.sample(others, min(1, len(others))):
                    yield Pair(claim, sentences[i].strip(), Stance.NONE, "scifact", part, group)


def pubmedqa(path: Path, seed: int = 0) -> Iterator[Pair]:
    """PubMedQA PQA-L: the research question against its conclusion (yes → for, no → against, maybe → none),
    and against one sentence of its own background or aim (→ none: restating a question answers nothing).
    Halved by PubMed id, as `assistant eval --pubmedqa` halves it."""
    try:
        data = json.loads(_need(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not JSON ({exc})") from None
    rng = random.Random(seed)
    for pmid, item in data.items():
        question, part, group = item["QUESTION"].strip(), half_of(str(pmid)), f"pubmedqa-{pmid}"
        yield Pair(question, item["LONG_ANSWER"].strip(), _PUBMEDQA[item["final_decision"]], "pubmedqa", part, group)
        opening = [c for c, label in zip(item["CONTEXTS"], item["LABELS"]) if _OPENING.search(label)]
        if opening:
            yield Pair(question, rng.choice(opening).strip(), Stance.NONE, "pubmedqa", part, group)


_AUX = re.compile(r"\b(is|are|was|were|can|could|will|would|should|may|might|must|does|do|did|has|have|had)\b(?! not\b)", re.I)
_NOT = re.compile(r"\b(can)not\b|\b(\w+?)n't\b|\b(\w+) not\b", re.I)
_IRREGULAR = {"wo": "will", "ca": "can", "sha": "shall"}


def negated(claim: str) -> str:
    """The claim turned round in general English: the first "not" taken out ("does not help" → "does help",
    "can't" → "can"), else put after the first auxiliary ("can help" → "cannot help"), else "It is not true
    that …". Used to teach the judge that the claim's wording decides the side, not the evidence alone."""
    found = _NOT.search(claim)
    if found:
        word = found.group(1) or _IRREGULAR.get((found.group(2) or "").lower(), found.group(2)) or found.group(3)
        return claim[: found.start()] + word + claim[found.end() :]
    aux = _AUX.search(claim)
    if aux:
        joined = "cannot" if aux.group(1).lower() == "can" else aux.group(1) + " not"
        return claim[: aux.start()] + joined + claim[aux.end() :]
    return "It is not true that " + claim[:1].lower() + claim[1:]


def augmented(pairs: list[Pair], seed: int = 0) -> list[Pair]:
    """The tune pairs plus two kinds the public sets lack. Each statement claim with a side is also asked
    turned round, with the side flipped (questions are left alone: turning one round does not flip its
    answer). And each claim meets one piece of evidence from another claim, labelled none: without it the
    judge learns to read the evidence's tone and ignore the claim ("The clinic opens on Tuesdays" → for)."""
    rng = random.Random(seed)
    tune = [p for p in pairs if p.part == "tune"]
    flip = {Stance.FOR: Stance.AGAINST, Stance.AGAINST: Stance.FOR}
    extra = [
        Pair(negated(p.claim), p.evidence, flip[p.label], p.source, p.part, p.group)
        for p in tune
        if p.label in flip and not p.claim.rstrip().endswith("?") and not p.twinned
    ]
    first: dict[str, Pair] = {}
    for p in tune:
        first.setdefault(p.group, p)
    groups = sorted(first)
    for group in groups:
        other = first[rng.choice([g for g in rng.sample(groups, 3) if g != group] or groups)]
        if other.group != group:
            extra.append(Pair(first[group].claim, other.evidence, Stance.NONE, first[group].source, "tune", group))
    return [*pairs, *extra]


_CLAIMS = {"support": Stance.FOR, "refute": Stance.AGAINST, "neutral": Stance.NONE}


def claims(folder: Path) -> Iterator[Pair]:
    """The claim–evidence sets of `claims/` (README there): each `<set>_train.jsonl` is the tune half and its
    `<set>_dev.jsonl` the report half; a set with no dev file is halved by `group` with a digest, so a claim and
    its negated or antonym twins always fall in one half. Labels support/refute/neutral → for/against/none."""
    if not folder.is_dir():
        raise ConfigError(f"benchmark folder not found: {folder}")
    for train in sorted(folder.glob("*_train.jsonl")):
        dev = train.with_name(train.name.replace("_train.", "_dev."))
        for path, fixed in ((train, "tune" if dev.is_file() else ""), (dev, "report")):
            if not path.is_file():
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    label = _CLAIMS[item["label"]]
                    source, group = str(item["source"]), str(item["group"])
                    yield Pair(item["claim"].strip(), item["evidence"].strip(), label, source, fixed or half_of(group), group, True)
                except (ValueError, KeyError, AttributeError) as exc:
                    raise ConfigError(f"{path}: line {n} is not a claim–evidence pair ({exc!r})") from None


def public_pairs(root: Path, seed: int = 0) -> list[Pair]:
    """Every pair from the benchmark folder (`../shared/benchmarks` or a copy), both halves."""
    sci = root / "scifact" / "original"
    return [
        *claims(root / "claims"),
        *healthver(root / "healthver" / "healthver_dev.csv"),
        *scifact(sci / "claims_train.jsonl", sci / "corpus.jsonl", "tune", seed),
        *scifact(sci / "claims_dev.jsonl", sci / "corpus.jsonl", "report", seed),
        *pubmedqa(root / "pubmedqa" / "pqal_dev.json", seed),
    ]
