"""Building on Ray (index/distributed.py) against a real two-node cluster on this machine: a head and a worker node,
each a separate raylet with one CPU, started and stopped here. The Ray build must be the single-process build."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import ClusterError, ConfigError
from assistant.index.build import build_index

ray = pytest.importorskip("ray", reason="Ray is the scale extra; make test installs it")
pytestmark = pytest.mark.slow

MODEL = "all-MiniLM-L6-v2"
# What differs between two builds of the same corpus: when, how long, and the files' checksums (they hold the build's
# own FAISS files byte for byte, which are compared as vectors instead).
_OF_THE_RUN = {"built_at", "build_seconds", "checksums"}


@pytest.fixture(scope="module")
def cluster():
    from ray.cluster_utils import Cluster

    from assistant.index import distributed

    nodes = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    nodes.add_node(num_cpus=1)
    distributed.connect(nodes.address, workers=2)
    try:
        assert len([n for n in ray.nodes() if n["Alive"]]) == 2
        yield nodes
    finally:
        ray.shutdown()
        nodes.shutdown()


def _current(index: Path) -> Path:
    return index / "builds" / (index / "CURRENT").read_text().strip()


@pytest.fixture(scope="module")
def local_build(real_encoder, corpus_copy, tmp_path_factory) -> Path:
    settings = Settings().updated(corpus=corpus_copy, index=tmp_path_factory.mktemp("local-index"), model=MODEL)
    path, _ = build_index(settings, real_encoder, progress=False)
    return path


def test_the_index_built_on_ray_is_the_single_process_index(cluster, local_build, corpus_copy, tmp_path):
    from assistant.index import distributed

    settings = Settings().updated(corpus=corpus_copy, index=tmp_path / "index", model=MODEL)
    encoder = distributed.RayEncoder(MODEL, settings.bf16, workers=2)
    path, _ = build_index(settings, encoder, progress=False, split=distributed.split_on_ray)
    for name in ("documents.json", "sentences.json", "passages.json", "vocab.json"):
        assert (path / name).read_text() == (local_build / name).read_text(), name
    ours, theirs = (json.loads((p / "manifest.json").read_text()) for p in (path, local_build))
    assert {k: v for k, v in ours.items() if k not in _OF_THE_RUN} == {k: v for k, v in theirs.items() if k not in _OF_THE_RUN}
    for name in ("sentence_vectors.npy", "vocab_vectors.npy"):
        assert np.allclose(np.load(path / name), np.load(local_build / name), atol=1e-5), name
    # Both nodes did work: the encoder actors sit one per node (each holds the node's one CPU).
    where = [actor.__ray_call__.remote(lambda _: ray.get_runtime_context().get_node_id()) for actor in encoder.actors]
    assert len(set(ray.get(where))) == 2


def test_a_worker_killed_mid_build_is_restarted_and_its_share_retried(cluster, local_build, corpus_copy, tmp_path):
    import threading

    from assistant.index import distributed

    settings = Settings().updated(corpus=corpus_copy, index=tmp_path / "index", model=MODEL)
    encoder = distributed.RayEncoder(MODEL, settings.bf16, workers=2)
    built: list = []
    thread = threading.Thread(target=lambda: built.append(build_index(settings, encoder, progress=False, split=distributed.split_on_ray)))
    thread.start()
    deadline = time.monotonic() + 60
    while not encoder.actors and time.monotonic() < deadline:  # the actors start once splitting is done
        time.sleep(0.1)
    time.sleep(2.0)  # a few seconds into embedding: each actor has shares still to do
    ray.kill(encoder.actors[0], no_restart=False)  # the process dies; Ray restarts the actor and retries its share
    thread.join(timeout=300)
    assert built, "the build did not finish"
    path, _ = built[0]
    assert np.allclose(np.load(path / "sentence_vectors.npy"), np.load(local_build / "sentence_vectors.npy"), atol=1e-5)


def test_a_worker_that_dies_fails_the_build_and_the_previous_index_keeps_serving(cluster, corpus_copy, tmp_path, real_encoder):
    from assistant.index import distributed

    settings = Settings().updated(corpus=corpus_copy, index=tmp_path / "index", model=MODEL)
    before, _ = build_index(settings, real_encoder, progress=False)
    encoder = distributed.RayEncoder(MODEL, settings.bf16, workers=1)
    encoder.encode(["warm the actor up"])  # started, then killed for good: the retry has no one to run on
    for actor in encoder.actors:
        ray.kill(actor, no_restart=True)
    (corpus_copy / "zz-new.txt").write_text("Cycling\n\nA recumbent bicycle is steady for people with poor balance.\n")
    try:
        with pytest.raises(ClusterError, match="previous index is still current"):
            build_index(settings, encoder, progress=False, split=distributed.split_on_ray)
    finally:
        (corpus_copy / "zz-new.txt").unlink()
    assert _current(settings.index) == before
    assert [p.name for p in (settings.index / "builds").iterdir()] == [before.name]  # no half-written folder


def test_a_question_set_answered_on_ray_gives_the_single_process_report(cluster, local_build, corpus_copy, tmp_path):
    """Each actor loads the index once and answers consecutive shares; the report is the same, latencies aside."""
    from assistant.evaluation.run import run_question_sets

    base = Settings().updated(corpus=corpus_copy, index=local_build.parent.parent, model=MODEL)
    files = [Path(__file__).parent.parent / "evals" / "questions.yaml"]
    reports = []
    for workers in (0, 2):
        _, paths, _ = run_question_sets(files, base, ["hybrid"], {}, {}, tmp_path / f"out-{workers}", progress=False, workers=workers)
        reports.append(json.loads(paths["json"].read_text())["columns"]["hybrid"])
    here, there = reports
    assert {k: v for k, v in here["metrics"].items() if "latency" not in k} == {
        k: v for k, v in there["metrics"].items() if "latency" not in k
    }
    same = ("id", "answered", "rank", "supported", "verdict", "lead", "citations", "stances")
    assert [{k: q.get(k) for k in same} for q in here["questions"]] == [{k: q.get(k) for k in same} for q in there["questions"]]


def test_a_beir_run_on_ray_scores_as_the_single_process_run(cluster, real_encoder, tmp_path):
    from assistant.evaluation.beir import run_beir

    root = tmp_path / "beir"
    (root / "qrels").mkdir(parents=True)
    docs = {
        "d1": ("Swimming and joints", "Swimming in warm water is gentle on stiff joints. Many people swim twice a week."),
        "d2": ("Bread", "Sourdough bread needs a starter. The dough rises overnight in a cool kitchen."),
        "d3": ("Cycling", "A stationary bicycle keeps the heart fit. Short rides are easier on tired legs."),
        "d4": ("Tax returns", "File your tax return before the deadline. Keep receipts for five years."),
        "d5": ("Stretching", "Stretching each morning eases stiffness. Hold each stretch for thirty seconds."),
    }
    queries = {"q1": "Is swimming good for painful joints?", "q2": "How do I bake bread?", "q3": "exercise bike for the heart"}
    queries |= {"q4": "when is the tax deadline", "q5": "morning stretches for stiff muscles", "q6": "gentle exercise in water"}
    qrels = {"q1": "d1", "q2": "d2", "q3": "d3", "q4": "d4", "q5": "d5", "q6": "d1"}
    (root / "corpus.jsonl").write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, (t, x) in docs.items()))
    (root / "queries.jsonl").write_text("".join(json.dumps({"_id": i, "text": t}) + "\n" for i, t in queries.items()))
    (root / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{d}\t1\n" for q, d in qrels.items()))
    settings = Settings().updated(model=MODEL)
    here = run_beir(root, settings, real_encoder, progress=False, index_dir=tmp_path / "index")
    there = run_beir(root, settings, real_encoder, progress=False, index_dir=tmp_path / "index", workers=2)
    assert here["modes"] == there["modes"] and here["modes"]["hybrid"]["ndcg@10"] > 0.5


PUBMEDQA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "pubmedqa" / "pqal_dev.json"


@pytest.mark.skipif(not PUBMEDQA.is_file(), reason="../shared/benchmarks is not beside the repository")
def test_pubmedqa_on_ray_scores_as_the_single_process_run(cluster, tmp_path):
    from assistant.evaluation.run import run_pubmedqa

    dev = json.loads(PUBMEDQA.read_text())
    sample = tmp_path / "pqal.json"
    sample.write_text(json.dumps(dict(list(dev.items())[:12])))
    settings = Settings().updated(model=MODEL)
    here = run_pubmedqa(sample, settings, "all", tmp_path / "work", progress=False)
    there = run_pubmedqa(sample, settings, "all", tmp_path / "work", progress=False, workers=2)
    assert here == there and here["questions"] == 12


def test_an_address_no_one_answers_at_is_refused_within_seconds_and_nothing_is_written(corpus_copy, tmp_path):
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "build",
            "--engine",
            "ray",
            "--address",
            "127.0.0.1:9",
            "--corpus",
            str(corpus_copy),
            "--index",
            str(tmp_path / "index"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "cannot reach a Ray cluster at 127.0.0.1:9" in result.stderr, result.stderr
    assert time.monotonic() - started < 60  # the interpreter and imports take most of it; the refusal itself, 3 s at most
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").rglob("manifest.json"))


def test_more_workers_than_the_cluster_has_cpus_is_refused_not_left_waiting(cluster):
    from assistant.index import distributed

    with pytest.raises(ConfigError, match="the Ray cluster has 2 CPUs"):
        distributed.connect(cluster.address, workers=5)


@pytest.mark.parametrize("address", ["nowhere", "host:port"])
def test_an_address_that_is_not_host_and_port_is_refused(address):
    from assistant.index.distributed import _reachable

    with pytest.raises(ConfigError):
        _reachable(address)


def test_the_default_path_never_imports_ray():
    probe = (
        "import sys; import assistant.cli, assistant.api, assistant.index.build, assistant.evaluation.run; "
        "assert 'ray' not in sys.modules, sorted(m for m in sys.modules if m.startswith('ray'))"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)
