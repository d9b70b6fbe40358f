"""What the command line reads and prints besides answers: standard input, NAME=VALUE options, the BEIR table."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click


def stdin_lines() -> Iterator[str]:
    """Standard input line by line; bytes that are not UTF-8 become U+FFFD instead of stopping the run."""
    stream = getattr(sys.stdin, "buffer", None)
    for line in stream if stream is not None else sys.stdin:
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        yield text.rstrip("\r\n")


def parse_sets(sets: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in sets:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--set")
        out[name.strip()] = value.strip()
    return out


def parse_minimums(minimums: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for item in minimums:
        name, sep, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"expected METRIC=NUMBER, got {item!r}", param_hint="--min") from None
        if not sep:
            raise click.BadParameter(f"expected METRIC=NUMBER, got {item!r}", param_hint="--min")
    return out


def beir_table(result: dict) -> str:
    lines = [
        f"{result['dataset']} ({result['split']}): {result['queries']} queries, {result['documents']} documents",
        f"{'mode':8} {'nDCG@10':>8} {'Recall@100':>11} {'MRR@10':>8}",
    ]
    for mode, m in result["modes"].items():
        lines.append(f"{mode:8} {m['ndcg@10']:8.4f} {m['recall@100']:11.4f} {m['mrr@10']:8.4f}")
    return "\n".join(lines)


# What every command that reads the corpus takes, and the settings they make.
PATH = click.Path(path_type=Path)
_common = [
    click.option("--corpus", type=PATH, default=None, help="Folder of source documents [env ASSISTANT_CORPUS; default corpus/]."),
    click.option("--index", "index_dir", type=PATH, default=None, help="Index folder [env ASSISTANT_INDEX; default index/]."),
    click.option("--model", default=None, help="Embedding model name or local folder [env ASSISTANT_MODEL]."),
    click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="Override any setting, e.g. --set top_k=5."),
]


def common(func):
    """--corpus, --index, --model and --set on a command."""
    for option in reversed(_common):
        func = option(func)
    return func


def engine_options(what: str):
    """--engine, --address and --workers on a command that can run on Ray; `what` says what the workers do."""

    def wrap(func):
        from assistant.config import Engine

        for option in reversed(
            [
                click.option(
                    "--engine",
                    type=click.Choice([e.value for e in Engine]),
                    default=Engine.LOCAL.value,
                    show_default=True,
                    help=f"local: this process. ray: {what} on a Ray cluster (the scale extra).",
                ),
                click.option(
                    "--address", default=None, help="With --engine ray: the cluster's host:port (default RAY_ADDRESS, else a local Ray)."
                ),
                click.option("--workers", type=click.IntRange(1), default=2, show_default=True, help="With --engine ray: Ray actors."),
            ]
        ):
            func = option(func)
        return func

    return wrap


def settings_from(corpus: Path | None, index_dir: Path | None, model: str | None, sets: tuple[str, ...], **more: Any):
    from assistant.config import Settings

    return Settings.from_env(corpus=corpus, index=index_dir, model=model, **parse_sets(sets), **more)
