"""`assistant eval`: question sets with a report, or a public benchmark (BEIR retrieval, PubMedQA through the
pipeline, the judge alone on HealthVer or SciFact rationales)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assistant.clitext import PATH, beir_table, common, engine_options, parse_minimums, parse_sets, settings_from
from assistant.config import Engine, Mode


@click.command("eval")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@common
@click.option("--beir", "beir_dir", type=PATH, default=None, help="Score retrieval on a BEIR-format dataset folder instead.")
@click.option("--split", default="test", show_default=True, help="BEIR qrels split to score (tune on train, report test).")
@click.option(
    "--part",
    type=click.Choice(["tune", "report", "all"]),
    default="all",
    show_default=True,
    help="Half of a question set or of PubMedQA to run: tune on one, report the other.",
)
@click.option(
    "--pubmedqa",
    "pubmedqa_file",
    type=PATH,
    default=None,
    help="Run PubMedQA's expert-labelled file (pqal_dev.json) through the whole pipeline instead.",
)
@click.option(
    "--healthver",
    "healthver_file",
    type=PATH,
    default=None,
    help="Score the claim–evidence judge alone on HealthVer (healthver_dev.csv) instead.",
)
@click.option(
    "--scifact-claims",
    "scifact_dir",
    type=PATH,
    default=None,
    help="Score the judge alone on SciFact's rationale sentences (the folder with claims_dev.jsonl) instead.",
)
@click.option(
    "--metamorphic",
    is_flag=True,
    help="Mirror each yes/no question of the files through a WordNet antonym and report how often the lead turns round.",
)
@click.option("--modes", default="bm25,dense,hybrid", show_default=True, help="Retrieval modes, one column each.")
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Fail (exit 1) when the last column's METRIC is below VALUE, e.g. --min citation_validity=1.0.",
)
@click.option("--out", type=PATH, default=Path("evals/reports"), show_default=True, help="Where reports go.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
@engine_options("question sets, PubMedQA and BEIR answered by actors, each loading the index once,")
def eval_cmd(
    files: tuple[Path, ...],
    corpus: Path | None,
    index_dir: Path | None,
    model: str | None,
    sets: tuple[str, ...],
    beir_dir: Path | None,
    split: str,
    part: str,
    pubmedqa_file: Path | None,
    healthver_file: Path | None,
    scifact_dir: Path | None,
    metamorphic: bool,
    modes: str,
    minimums: tuple[str, ...],
    out: Path,
    as_json: bool,
    engine: str,
    address: str | None,
    workers: int,
) -> None:
    """Run question sets (YAML or JSONL) and write a report; or score retrieval on a BEIR dataset."""
    from assistant.evaluation.run import run_beir_command, run_question_sets

    actors = 0
    if Engine(engine) is Engine.RAY:
        if metamorphic or healthver_file is not None or scifact_dir is not None:
            raise click.UsageError("--engine ray spreads question sets, --pubmedqa and --beir; the other runs are single-process")
        from assistant.index import distributed

        distributed.connect(address, workers)
        actors = workers

    mode_list = [m.strip() for m in modes.split(",") if m.strip()]
    bad = [m for m in mode_list if m not in set(Mode)]
    if bad or not mode_list:
        raise click.BadParameter(f"unknown mode(s): {', '.join(bad) or '(none)'}", param_hint="--modes")
    thresholds = parse_minimums(minimums)
    base = settings_from(corpus, index_dir, model, ())
    overrides = parse_sets(sets)
    if healthver_file is not None or scifact_dir is not None:
        from assistant.judgecli import judge_figures

        result = judge_figures(healthver_file, scifact_dir, part)
        click.echo(json.dumps(result, ensure_ascii=False) if as_json else "\n".join(f"{k:24}{v}" for k, v in result.items()))
        failed = _below(result, thresholds)
    elif pubmedqa_file is not None:
        from assistant.evaluation.run import run_pubmedqa

        work = index_dir or Path("index") / "pubmedqa"
        result = run_pubmedqa(pubmedqa_file, base.updated(**overrides), part, work, progress=not as_json, workers=actors)
        click.echo(json.dumps(result, ensure_ascii=False) if as_json else "\n".join(f"{k:24}{v}" for k, v in result.items()))
        failed = _below(result, thresholds)
    elif metamorphic:
        from assistant.api import Assistant
        from assistant.evaluation.metamorphic import check
        from assistant.evaluation.questions import load_questions

        questions = [q.question for f in files for q in load_questions(f, part) if q.answerable]
        result = check(Assistant.load(settings=base.updated(**overrides)), questions)
        rows = result.pop("rows")
        lines = [
            f"{'✓' if r['consistent'] else '✗'} {r['lead']:>20} | {r['mirrored_lead']:<20} {r['question']} → {r['mirrored']}" for r in rows
        ]
        click.echo(json.dumps({**result, "rows": rows}, ensure_ascii=False) if as_json else "\n".join([*lines, json.dumps(result)]))
        failed = _below(result, thresholds)
    elif beir_dir is not None:
        result = run_beir_command(
            beir_dir, base.updated(**overrides), split, mode_list, progress=not as_json, index_dir=index_dir, workers=actors
        )
        click.echo(json.dumps(result, ensure_ascii=False) if as_json else beir_table(result))
        failed = [
            f"{m} {name}={result['modes'][m][name]:.4f} < {v}"
            for name, v in thresholds.items()
            for m in [mode_list[-1]]
            if name in result["modes"][m] and result["modes"][m][name] < v
        ]
    else:
        if not files:
            raise click.UsageError("give one or more question files (e.g. evals/questions.yaml), or --beir DIR")
        summary, paths, failed = run_question_sets(
            list(files), base, mode_list, overrides, thresholds, out, progress=not as_json, part=part, workers=actors
        )
        if as_json:
            click.echo(json.dumps(summary, ensure_ascii=False))
        else:
            click.echo(summary["table"])
            click.echo(f"Report: {paths['markdown']}  ({paths['json'].name}, {paths['chart'].name})")
    for line in failed:
        click.echo(f"Below threshold: {line}", err=True)
    if failed:
        sys.exit(1)


def _below(result: dict, thresholds: dict[str, float]) -> list[str]:
    """The figures under their --min, or missing."""
    return [
        f"{name}={result.get(name)} < {v}"
        for name, v in thresholds.items()
        if not isinstance(result.get(name), (int, float)) or result[name] < v
    ]
