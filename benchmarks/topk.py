"""The project beside a plain top-k pipeline on the same model: does it find as many answers while quoting less?

The plain pipeline is what a few lines of LangChain or txtai do: embed the question, take the FAISS top-k sentences
(or passages) of the same index, quote them all. A question counts as found when one of its gold sentences (the
question set's `evidence`) is among them. The project counts as found when it cites a gold sentence.

    .venv/bin/python benchmarks/topk.py evals/first-sight/2026-12-07.yaml [--k 4]

Prints one table; benchmarks/topk.md holds the latest run.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from assistant.api import Assistant
from assistant.evaluation.questions import load_questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--k", type=int, default=4)
    args = parser.parse_args()
    assistant = Assistant.load()
    index = assistant.index
    paths = {d.id: d.path for d in index.documents.values()}

    def gold(q, doc_id: str, text: str) -> bool:
        return any(e.source == paths[doc_id] and e.contains.lower() in text.lower() for e in q.evidence)

    rows = {"plain top-k sentences": [], "plain top-k passages": [], "this project": []}
    questions = [q for f in args.files for q in load_questions(f) if q.answerable and q.evidence]
    for q in questions:
        vector = assistant.encoder.encode([q.question], batch_size=1)[0]
        _, ids = index.sentence_ann.search(vector, args.k)
        hits = [index.sentences[i] for i in ids]
        rows["plain top-k sentences"].append((any(gold(q, s.doc_id, s.text) for s in hits), len(hits)))
        _, ids = index.passage_ann.search(vector, args.k)
        passages = [index.passages[i] for i in ids]
        quoted = [index.sentence_by_id(sid) for p in passages for sid in p.sentence_ids]
        rows["plain top-k passages"].append((any(gold(q, s.doc_id, s.text) for s in quoted), len(quoted)))
        answer = assistant.ask(q.question, as_written=True)
        found = any(e.source == c.source and e.contains.lower() in c.quote.lower() for c in answer.citations for e in q.evidence)
        rows["this project"].append((found, len(answer.citations)))
    print(f"{len(questions)} answerable questions with gold sentences ({', '.join(map(str, args.files))}), k = {args.k}\n")
    print("| pipeline | answering sentence found | sentences quoted per answer (mean) |")
    print("| --- | --- | --- |")
    for name, got in rows.items():
        print(f"| {name} | {sum(f for f, _ in got)}/{len(got)} | {statistics.mean(n for _, n in got):.1f} |")


if __name__ == "__main__":
    main()
