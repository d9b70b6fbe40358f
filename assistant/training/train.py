"""Train the judge from public pairs, reproducibly from a seed, and score it on the halves it never saw.

`assistant train-judge` calls `train` then `score`, and writes the changed weights with a record of the
data, settings and figures (judge.json). Same seed, same data, same machine kind → same weights and
figures: one thread order, seeded shuffles, no dropout randomness outside torch's seeded generator.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.judge.model import LABELS, MAX_LENGTH, META, WEIGHTS, Judge, build_model
from assistant.training.data import Pair, augmented
from assistant.training.synth import advice_pairs


@dataclass(frozen=True)
class Recipe:
    """How the judge is trained. Chosen on the tune halves (HealthVer tune claims held out by claim)."""

    base: str = "all-MiniLM-L6-v2"
    seed: int = 0
    epochs: int = 3
    batch: int = 16
    lr: float = 8e-5
    warmup: float = 0.1  # share of steps with a rising learning rate
    freeze_below: int = 0  # encoder layers below this stay as in the base model (word embeddings always do)
    subset: int = 0  # 0: every tune pair; n: n pairs per source (for a quick reproducibility check)
    per_set: int = 1500  # tune pairs kept of each claims/ set, whole groups (twins together); 0: all of them
    replay: int = 0  # tune pairs kept of the other sets (HealthVer, SciFact, PubMedQA), whole groups; 0: all of them
    start: str = ""  # a judge folder whose weights training starts from; "": the base model with a new head
    advice: int = 2000  # written advice pairs on everyday subjects (training/synth.py); 0 for none
    augment: bool = True  # claims turned round, and claims met with another claim's evidence (judgedata.augmented)


def _subset(pairs: Sequence[Pair], n: int, seed: int) -> list[Pair]:
    if not n:
        return list(pairs)
    rng, kept = random.Random(seed), []
    for source in sorted({p.source for p in pairs}):
        mine = [p for p in pairs if p.source == source]
        kept += rng.sample(mine, min(n, len(mine)))
    return kept


def capped(pairs: Sequence[Pair], n: int, seed: int, replay: int = 0) -> list[Pair]:
    """At most about `n` pairs of each twinned (claims/) set, taken by whole groups so that a claim meets its twin in
    the same epoch; of the other sets, at most about `replay` pairs in all (0: all of them). The five claims/ sets
    hold 26,000 tune pairs: 16,000 pairs an epoch (1,500 a set) took 80 minutes on two shared cores."""
    rng, others = random.Random(seed), [p for p in pairs if not p.twinned]
    kept = [] if replay else others
    for source in sorted({p.source for p in pairs if p.twinned}):
        kept += _whole_groups([p for p in pairs if p.twinned and p.source == source], n, rng)
    return kept + (_whole_groups(others, replay, rng) if replay else [])


def _whole_groups(pairs: Sequence[Pair], n: int, rng: random.Random) -> list[Pair]:
    """About `n` of the pairs, group by group in a shuffled order (0: every one of them), each group's together."""
    groups: dict[str, list[Pair]] = {}
    for p in pairs:
        groups.setdefault(p.group, []).append(p)
    if not n:
        return [p for members in groups.values() for p in members]
    names = sorted(groups)
    kept: list[Pair] = []
    rng.shuffle(names)
    for name in names:
        if len(kept) >= n:
            break
        kept += groups[name]
    return kept


def _batches(data: Sequence[Pair], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: padding to the longest in a batch was half the work with
    random batches (HealthVer passages run to 200+ tokens, most claims and sentences to 60)."""
    order = list(range(len(data)))
    rng.shuffle(order)
    batches = []
    for start in range(0, len(order), size * 20):
        pool = sorted(order[start : start + size * 20], key=lambda i: len(data[i].claim) + len(data[i].evidence))
        batches += [pool[j : j + size] for j in range(0, len(pool), size)]
    rng.shuffle(batches)
    return batches


def train(pairs: Sequence[Pair], recipe: Recipe, log=print):
    """Fine-tune on the tune half of `pairs`: the changed tensors (name → tensor), how many pairs, each epoch's loss."""
    import torch

    torch.manual_seed(recipe.seed)
    torch.set_num_threads(min(2, torch.get_num_threads()))  # the figures are reproducible per thread count
    data = _subset(capped([p for p in pairs if p.part == "tune"], recipe.per_set, recipe.seed, recipe.replay), recipe.subset, recipe.seed)
    if recipe.augment:
        data = augmented(data, recipe.seed)
    data += advice_pairs(recipe.advice if not recipe.subset else min(recipe.advice, recipe.subset), recipe.seed)
    tokenizer, model = build_model(recipe.base)
    if recipe.start:  # a second stage: what an earlier training learned, read again from its folder
        from safetensors.torch import load_file

        model.load_state_dict({k: v.to(torch.float32) for k, v in load_file(str(Path(recipe.start) / WEIGHTS)).items()}, strict=False)
    model.train()
    for param in model.bert.embeddings.parameters():
        param.requires_grad = False
    for i, layer in enumerate(model.bert.encoder.layer):
        for param in layer.parameters():
            param.requires_grad = i >= recipe.freeze_below
    counts = Counter(p.label for p in data)
    # Classes weighted by inverse frequency: "none" is 40-60% of every set, and a judge that says "none"
    # whenever unsure would look accurate while missing the sides a patient needs.
    weight = torch.tensor([len(data) / (len(LABELS) * max(1, counts[label])) for label in LABELS])
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=recipe.lr, weight_decay=0.01)
    steps = recipe.epochs * ((len(data) + recipe.batch - 1) // recipe.batch)
    warm = max(1, int(steps * recipe.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    rng, index, started = random.Random(recipe.seed), {label: i for i, label in enumerate(LABELS)}, time.time()
    losses: list[float] = []
    for epoch in range(recipe.epochs):
        total = 0.0
        for batch in _batches(data, recipe.batch, rng):
            chunk = [data[i] for i in batch]
            features = tokenizer(
                [p.claim for p in chunk],
                [p.evidence for p in chunk],
                truncation="longest_first",
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            labels = torch.tensor([index[p.label] for p in chunk])
            loss = loss_fn(model(**features).logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            total += float(loss.detach()) * len(chunk)
        losses.append(round(total / len(data), 4))
        log(f"epoch {epoch + 1}/{recipe.epochs}: loss {losses[-1]:.4f} ({time.time() - started:.0f} s)")
    changed = {name for name, param in model.named_parameters() if param.requires_grad}
    return {k: v.detach().clone() for k, v in model.state_dict().items() if k in changed}, len(data), losses


def score(judge: Judge, pairs: Sequence[Pair]) -> dict[str, dict]:
    """Accuracy, macro-F1 and the majority-class rate per source, on the pairs given (the report halves)."""
    figures: dict[str, dict] = {}
    for source in sorted({p.source for p in pairs}):
        mine = [p for p in pairs if p.source == source]
        got = [r.stance for r in judge.read([p.claim for p in mine], [p.evidence for p in mine])]
        gold = [p.label for p in mine]
        f1s = []
        for label in LABELS:
            tp = sum(g == label and o == label for g, o in zip(gold, got))
            predicted, actual = sum(o == label for o in got), sum(g == label for g in gold)
            f1s.append(0.0 if not tp else 2 * tp / (predicted + actual))
        figures[source] = {
            "pairs": len(mine),
            "accuracy": round(sum(g == o for g, o in zip(gold, got)) / len(mine), 4),
            "macro_f1": round(sum(f1s) / len(f1s), 4),
            "majority": round(Counter(gold).most_common(1)[0][1] / len(mine), 4),
        }
    return figures


def write(folder: Path, tensors: dict, recipe: Recipe, record: dict) -> None:
    """The changed weights in float16 (half the size; readings agree with float32 to 1e-3) and judge.json."""
    import torch
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, str(folder / WEIGHTS))
    write_record(folder, recipe, record)


def write_record(folder: Path, recipe: Recipe, record: dict) -> None:
    """judge.json alone: the recipe, the data counts, the losses and (once scored) the figures."""
    meta = {"base": recipe.base, "labels": [label.value for label in LABELS], "recipe": asdict(recipe), **record}
    (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
