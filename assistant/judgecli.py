"""`assistant judge` and `assistant train-judge`: the claim–evidence judge on its own, apart from retrieval."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assistant.clitext import PATH, stdin_lines
from assistant.errors import ConfigError

BENCHMARKS = Path("../shared/benchmarks")


@click.command("judge")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    required=True,
    help='Read JSON lines {"claim": …, "evidence": …} from standard input (-) and print one JSON line each.',
)
@click.argument("source", default="-")
def judge_cmd(as_json: bool, source: str) -> None:
    """Judge claim–evidence pairs: prints {"stance": "for"|"against"|"none", "confidence": …} per line.

    A line that is not a JSON object with two strings gets {"error": …} in its place, and the rest go on."""
    from assistant.judge.model import Judge

    if source != "-":
        raise click.BadParameter("only '-' (standard input) is read", param_hint="SOURCE")
    judge = Judge()
    _ = judge.meta  # fail now, in one line, if the judge is not trained
    lines = [line for line in stdin_lines() if line.strip()]
    pairs, errors = [], {}
    for n, line in enumerate(lines):
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("claim", "evidence")):
                raise ValueError('expected {"claim": "…", "evidence": "…"}')
            pairs.append((n, item["claim"], item["evidence"]))
        except ValueError as exc:
            errors[n] = f"line {n + 1}: {exc}"
    readings = dict(zip((n for n, _, _ in pairs), judge.read([c for _, c, _ in pairs], [e for _, _, e in pairs])))
    for n in range(len(lines)):
        out = {"error": errors[n]} if n in errors else readings[n].to_dict()
        click.echo(json.dumps(out, ensure_ascii=False))
    if errors:
        sys.exit(1)


@click.command("train-judge")
@click.option("--benchmarks", type=PATH, default=BENCHMARKS, show_default=True, help="Folder of the public benchmark files.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for shuffles, sampling and the new head.")
@click.option("--epochs", type=int, default=None, help="Passes over the training pairs (default: the recipe's).")
@click.option("--subset", type=int, default=0, show_default=True, help="Train on this many pairs per source, for a quick check (0: all).")
@click.option("--out", type=PATH, default=None, help="Folder for judge.safetensors and judge.json (default: the package's).")
@click.option("--start", type=PATH, default=None, help="Start from this judge folder's weights (a second stage) instead of the base model.")
@click.option("--per-set", type=int, default=None, help="Tune pairs of each claims/ set (default: the recipe's).")
@click.option("--replay", type=int, default=None, help="Tune pairs of the other sets kept, 0 for all (default: the recipe's).")
@click.option("--lr", type=float, default=None, help="Peak learning rate (default: the recipe's).")
@click.option(
    "--calibrate-only", is_flag=True, help="Keep the judge's weights; only calibrate its confidence again (training/calibrate.py)."
)
def train_judge_cmd(
    benchmarks: Path,
    seed: int,
    epochs: int | None,
    subset: int,
    out: Path | None,
    start: Path | None,
    per_set: int | None,
    replay: int | None,
    lr: float | None,
    calibrate_only: bool,
) -> None:
    """Train the judge on the tune halves of the public sets (claims/, HealthVer, SciFact, PubMedQA); score it on the
    report halves; calibrate the confidence its sides need on held-out claims/ groups."""
    from dataclasses import replace

    from assistant.judge.model import MODEL_DIR, Judge
    from assistant.training import calibrate
    from assistant.training.data import public_pairs
    from assistant.training.train import Recipe, capped, score, train, write, write_record

    if not benchmarks.is_dir():
        raise ConfigError(f"benchmark folder not found: {benchmarks} (give --benchmarks)")
    folder = out or MODEL_DIR
    pairs = public_pairs(benchmarks, seed)
    if calibrate_only:
        record = Judge(folder).meta
        recipe = Recipe(**record.get("recipe", {}))
    else:
        recipe = replace(Recipe(), seed=seed, subset=subset)
        recipe = replace(recipe, epochs=epochs or recipe.epochs, lr=lr or recipe.lr, start=str(start) if start else recipe.start)
        recipe = replace(recipe, per_set=recipe.per_set if per_set is None else per_set, replay=recipe.replay if replay is None else replay)
        tensors, trained, losses = train(pairs, recipe, log=lambda line: click.echo(line, err=True))
        write(folder, tensors, recipe, {"trained_pairs": trained, "train_loss": losses})
        report = [p for p in pairs if p.part == "report"]
        if subset:
            report = _first(report, subset)
        record = {"trained_pairs": trained, "train_loss": losses, "report": score(Judge(folder), report)}
    # Pairs the training never read: what the judge read was capped per set, by group, with the recipe's seed.
    seen = capped([p for p in pairs if p.part == "tune"], recipe.per_set, recipe.seed, recipe.replay)
    curves = calibrate.curve(Judge(folder), calibrate.held_out(pairs, seen, seed, subset or calibrate.PER_SET))
    least = calibrate.least_confidence(curves)
    at = calibrate.GRID.index(least)
    record = {k: v for k, v in record.items() if k not in ("base", "labels", "recipe")}
    record |= {"side_confidence": least, "calibration": {s: c[at].to_dict() for s, c in curves.items()}}
    write_record(folder, recipe, record)
    click.echo(json.dumps({"train_loss": record.get("train_loss"), **record.get("report", {}), "side_confidence": least}, indent=2))


def judge_figures(healthver_file: Path | None, scifact_dir: Path | None, part: str) -> dict:
    """The judge alone on one public set's half: accuracy, macro-F1, the majority-class rate, pairs.

    `all` scores the report half: the tune half is what the judge learned from, so a figure on it says
    nothing. SciFact's halves are its own files: claims_train.jsonl (tune) and claims_dev.jsonl (report)."""
    from assistant.judge.model import Judge
    from assistant.training.data import healthver, scifact
    from assistant.training.train import score

    part = "report" if part == "all" else part
    if healthver_file is not None:
        pairs = [p for p in healthver(healthver_file) if p.part == part]
        name = "healthver"
    else:
        split = "train" if part == "tune" else "dev"
        assert scifact_dir is not None  # the command gives one of the two
        pairs = list(scifact(scifact_dir / f"claims_{split}.jsonl", scifact_dir / "corpus.jsonl", part))
        name = "scifact"
    figures = score(Judge(), pairs)[name]
    return {"set": name, "part": part, **figures}


def _first(pairs, n):
    """The first n report pairs of each source, in file order: a quick check scores the same pairs every time."""
    out = []
    for source in sorted({p.source for p in pairs}):
        out += [p for p in pairs if p.source == source][:n]
    return out
