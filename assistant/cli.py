"""The `assistant` command: build, ask, chat (eval in evalcli.py; judge, train-judge in judgecli.py). Errors become
one-line messages here."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from assistant.clitext import common, engine_options, settings_from, stdin_lines
from assistant.config import Engine, Mode
from assistant.errors import AssistantError
from assistant.results import View


class Cli(click.Group):
    """Turns domain errors into a plain message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except OSError as exc:  # a full disk, a folder where a file should be, no permission: say which
            where = f" ({exc.filename})" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None


@click.group(cls=Cli)
@click.option("-v", "--verbose", is_flag=True, help="Show progress details.")
def main(verbose: bool) -> None:
    """Cited, verbatim answers about exercise in ALS from a fixed set of sources."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", stream=sys.stderr)
    for noisy in ("sentence_transformers", "transformers", "bm25s", "faiss", "httpx", "pypdf"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


@main.command()
@common
@engine_options("split and embed")
def build(
    corpus: Path | None, index_dir: Path | None, model: str | None, sets: tuple[str, ...], engine: str, address: str | None, workers: int
) -> None:
    """Build the index from the corpus folder (atomically: a killed build leaves the old index)."""
    from assistant.index.build import build_index
    from assistant.index.embed import SentenceTransformerEncoder

    settings = settings_from(corpus, index_dir, model, sets)
    if Engine(engine) is Engine.RAY:
        from assistant.index import distributed

        distributed.connect(address, workers)
        encoder = distributed.RayEncoder(settings.model, settings.bf16, workers)
        try:
            path, skipped = build_index(settings, encoder, progress=False, split=distributed.split_on_ray)
        finally:
            distributed.close(encoder)
    else:
        path, skipped = build_index(settings, SentenceTransformerEncoder(settings.model, settings.bf16), progress=sys.stderr.isatty())
    manifest = json.loads((path / "manifest.json").read_text())
    counts = manifest["counts"]
    # The summary comes last, on stdout: what was indexed, then every file left out and why.
    click.echo(
        f"Indexed {counts['documents']} documents ({counts['sentences']} sentences, {counts['passages']} passages) "
        f"in {manifest['build_seconds']} s → {path}"
    )
    if skipped:
        click.echo(f"Skipped {len(skipped)} {'file' if len(skipped) == 1 else 'files'}:")
        for s in skipped:
            click.echo(f"  {s.path}: {s.reason}")


@main.command()
@click.argument("question")
@common
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (one per line with '-').")
@click.option("--mode", type=click.Choice([m.value for m in Mode]), default=None, help="Retrieval mode.")
@click.option(
    "--view",
    type=click.Choice([v.value for v in View]),
    default=None,
    help="patient: plain-language sources first; clinician: research first.",
)
@click.option(
    "--follow-up",
    "follow_up",
    is_flag=True,
    help="With '-': the lines are one conversation, and a follow-up ('and how often?') is read with the question before.",
)
def ask(
    question: str,
    corpus: Path | None,
    index_dir: Path | None,
    model: str | None,
    sets: tuple[str, ...],
    as_json: bool,
    mode: str | None,
    view: str | None,
    follow_up: bool,
) -> None:
    """Answer QUESTION from the sources ('-' reads one question per line from stdin)."""
    from assistant.api import Assistant
    from assistant.errors import QuestionError
    from assistant.language.followup import Conversation
    from assistant.render.text import to_text

    if follow_up and question != "-":
        raise click.UsageError("--follow-up reads a conversation from stdin: pass '-' as the question")

    settings = settings_from(corpus, index_dir, model, sets, mode=mode, view=view)
    assistant = Assistant.load(settings=settings, progress=sys.stderr.isatty(), notify=lambda m: click.echo(m, err=True))
    questions = stdin_lines() if question == "-" else iter([question])
    conversation = Conversation() if follow_up else None  # one conversation per batch, in memory only
    failed = False
    for q in questions:
        if question == "-" and not q.strip():
            continue
        try:
            answer = assistant.ask(q, conversation=conversation)
        except QuestionError as exc:
            failed = True
            if as_json:
                # As given, but encodable: a lone surrogate (from invalid UTF-8 input) cannot be written out.
                given = q.encode("utf-8", "replace").decode("utf-8")
                click.echo(json.dumps({"question": given, "answered": False, "error": str(exc)}, ensure_ascii=False))
            else:
                click.echo(f"Error: {exc}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        elif question == "-":
            click.echo(f"Q: {answer.question}\n\n{to_text(answer)}\n{'=' * 88}")
        else:
            click.echo(to_text(answer))
    if failed and question != "-":
        sys.exit(2)


@main.command()
@common
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to listen on.")
def chat(corpus: Path | None, index_dir: Path | None, model: str | None, sets: tuple[str, ...], host: str, port: int) -> None:
    """Serve the chat in the browser (loads the model and index once, then prints the address).

    To share it behind a password, set ASSISTANT_AUTH=user:password (or ASSISTANT_AUTH_FILE to a file of
    such lines) in the environment; credentials are never taken on the command line."""
    from assistant.api import Assistant
    from assistant.ui.access import ENV_AUTH, credentials_from_env, is_loopback
    from assistant.ui.app import serve, steady_memory

    auth = credentials_from_env()
    if not is_loopback(host):
        click.echo(f"Warning: listening on {host} makes the chat reachable from other machines.", err=True)
        if auth is None:
            click.echo(
                f"Warning: no password is set, so anyone who can reach {host}:{port} can use it; "
                f"set {ENV_AUTH}=user:password and put it behind HTTPS (see README, Security and privacy).",
                err=True,
            )
    settings = settings_from(corpus, index_dir, model, sets)
    steady_memory()  # before the model's threads start
    assistant = Assistant.load(settings=settings, progress=sys.stderr.isatty(), notify=lambda m: click.echo(m, err=True))
    from assistant.language import relations

    relations.warm()  # WordNet is read for words the corpus lacks: a server loads it now, meanwhile (about 6 s)
    assistant.index.lexicon.speller.warm()  # and the spell-checker's index, read for words that are not words (1 s)
    serve(assistant, host=host, port=port, auth=auth)


from assistant.evalcli import eval_cmd  # noqa: E402  (commands kept in their own modules)
from assistant.judgecli import judge_cmd, train_judge_cmd  # noqa: E402

main.add_command(eval_cmd)
main.add_command(judge_cmd)
main.add_command(train_judge_cmd)

if __name__ == "__main__":
    main()
