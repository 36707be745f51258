"""normtk on a Dask LocalCluster of 2 workers: the same bytes and figures as the local run.

The inputs are the WMT22 uk-en files in tests/data/wmt22 (see its README) and
the wire story in tests/data/check; stories.en joins reference lines into
one story per WMT document (generaltest2022.uk-en.docids), blank lines
between, so that it splits at document boundaries.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from conftest import DATA, run_cli

from normtk import Gazetteer, Normalizer
from normtk import dask as cluster
from normtk.errors import ClusterError, DecodeError, UsageError
from normtk.io.corpus import Corpus, read_corpus
from normtk.qa.checker import Checker, check_corpus
from normtk.score.report import report_to_dict
from normtk.score.scorer import Scorer

pytestmark = pytest.mark.cluster

WMT = DATA / "wmt22"
SYSTEMS = ("Online-G", "PROMT", "HuaweiTSC", "Lan-Bridge")


def _hyp(system: str) -> Path:
    return WMT / "system-outputs" / f"generaltest2022.uk-en.hyp.{system}.en"


REF = WMT / "references" / "generaltest2022.uk-en.ref.A.en"


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer) -> dict[str, str]:
    """A cache folder of this module's own, holding the gazetteer: each `normtk` run loads
    it in a moment, whatever other processes do to the shared cache."""
    from normtk.gazetteer import cache
    from normtk.gazetteer.locate import fingerprint, search_path

    folder = str(tmp_path_factory.mktemp("cache"))
    before = os.environ.get("NORMTK_CACHE_DIR")
    os.environ["NORMTK_CACHE_DIR"] = folder
    try:
        cache.put(fingerprint(search_path()), gazetteer)
    finally:
        if before is None:
            del os.environ["NORMTK_CACHE_DIR"]
        else:
            os.environ["NORMTK_CACHE_DIR"] = before
    return {"NORMTK_CACHE_DIR": folder}


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with cluster.connect("local:2") as client:
        yield client


@pytest.fixture(scope="module")
def spec(client: object, gazetteer: Gazetteer) -> cluster.GazetteerSpec:
    return cluster.ship_gazetteer(client, gazetteer)  # type: ignore[arg-type]


def _stories(path: Path, documents: int | None = None) -> Path:
    """Write the reference as stories: one per WMT document, a blank line between."""
    ids = (WMT / "generaltest2022.uk-en.docids").read_text(encoding="utf-8").splitlines()
    lines = REF.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    seen = 0
    for i, (doc, line) in enumerate(zip(ids, lines, strict=True)):
        if i and doc != ids[i - 1]:
            seen += 1
            if documents is not None and seen == documents:
                break
            out.append("")
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five inputs: two system outputs (600 lines each), the wire story, the stories, and
    a long file without blank lines (the reference and two outputs, 6000 lines, 500 kB)."""
    folder = tmp_path_factory.mktemp("in")
    long = folder / "long.en"
    long.write_bytes(b"".join(p.read_bytes() for p in (REF, _hyp(SYSTEMS[2]), _hyp(SYSTEMS[3]))))
    files = [long]
    for system in SYSTEMS[:2]:
        lines = _hyp(system).read_bytes().split(b"\n")[:600]
        path = folder / f"{system}.en"
        path.write_bytes(b"\n".join(lines) + b"\n")
        files.append(path)
    story = folder / "story.en"
    story.write_bytes((DATA / "check" / "story.en").read_bytes())
    files.append(story)
    files.append(_stories(folder / "stories.en", documents=150))
    return files


def _local(args: list[str], out: Path, env: dict[str, str]) -> None:
    out.mkdir()
    log = str(out / "log")
    done = run_cli("normalize", *args, "--output-dir", str(out), "--changes", log, env=env)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "flags",
    [
        pytest.param([], id="one-document-per-file"),
        pytest.param(["--keep-styled"], id="one-document-per-file-keep-styled"),
        pytest.param(["--doc-breaks", "blank", "--keep-styled"], id="stories-keep-styled"),
    ],
)
def test_normalize_five_files_equals_the_local_run(
    client: object,
    spec: cluster.GazetteerSpec,
    inputs: list[Path],
    tmp_path: Path,
    flags: list[str],
    cli_env: dict[str, str],
) -> None:
    _local([*flags, *map(str, inputs)], tmp_path / "local", cli_env)
    blank = "--doc-breaks" in flags
    options = cluster.NormalizeOptions(
        spec, keep_styled="--keep-styled" in flags, doc_breaks="blank" if blank else "none"
    )
    # Small parts: the stories file splits into many, at its blank lines.
    parts = cluster.split_file(str(inputs[-1]), options.doc_breaks, partition_bytes=4096)
    assert (len(parts) > 3) == blank
    (tmp_path / "dask").mkdir()
    written: list[int] = []
    cluster.normalize_files(
        client,  # type: ignore[arg-type]
        [str(p) for p in inputs],
        options,
        output_dir=str(tmp_path / "dask"),
        changes=str(tmp_path / "dask" / "log"),
        partition_bytes=4096,
        progress=written.append,
    )
    # The stories split at blank lines; without breaks the long file runs as a chain of
    # parts instead, one per chunk of 64k characters.
    assert len(written) >= len(inputs) + 5
    for path in inputs:
        local = (tmp_path / "local" / path.name).read_bytes()
        assert (tmp_path / "dask" / path.name).read_bytes() == local, path.name
    log = (tmp_path / "local" / "log").read_bytes()
    assert log.count(b"\n") > 20  # the inputs do change
    assert (tmp_path / "dask" / "log").read_bytes() == log


def test_parts_start_at_blank_lines(tmp_path: Path) -> None:
    stories = _stories(tmp_path / "stories.en", documents=80)
    data = stories.read_bytes()
    parts = cluster.split_file(str(stories), "blank", partition_bytes=2000)
    assert parts[0].start == 0
    assert parts[-1].end == len(data)
    for before, after in itertools.pairwise(parts):
        assert before.end == after.start
        assert data[after.start - 1 : after.start + 1] == b"\n\n"  # a blank line starts it
    # Without document breaks the file is one document: one chained part.
    assert cluster.split_file(str(stories), "none", partition_bytes=2000) == [
        cluster.Part(str(stories.resolve()), 0, len(data), cut=2000)
    ]


def _score_corpus() -> Corpus:
    corpus = read_corpus([str(_hyp(s)) for s in SYSTEMS], [str(REF)])
    return corpus.slice(0, 200)


def test_score_four_systems_equals_the_local_run(
    client: object, spec: cluster.GazetteerSpec, gazetteer: Gazetteer
) -> None:
    corpus = _score_corpus()
    normalizer = Normalizer(gazetteer, "en")
    metrics = ("bleu", "chrf", "ter")
    asked = {"confidence": True, "paired": "bs", "baseline": SYSTEMS[0], "n_samples": 100}
    scorer = Scorer(corpus.refs, metrics, normalizer=normalizer, n_bootstrap=100)
    local = scorer.score(corpus.hyps, **asked)  # type: ignore[arg-type]
    options = cluster.ScoreOptions(metrics, spec, "en", n_bootstrap=100)
    remote = cluster.score_corpus(
        client,  # type: ignore[arg-type]
        corpus,
        options,
        normalizer,
        partition_segments=47,  # 5 ranges, the last one short
        **asked,  # type: ignore[arg-type]
    )
    assert report_to_dict(remote) == report_to_dict(local)
    # (1 + samples at least as far from the baseline) / (1 + the 100 samples)
    assert remote.systems[1].views["plain"]["BLEU"].p_value in {k / 101 for k in range(1, 102)}
    assert remote.signatures["entities"]["BLEU"].format() == (
        local.signatures["entities"]["BLEU"].format()
    )


def test_check_two_systems_equals_the_local_run(
    client: object, spec: cluster.GazetteerSpec, gazetteer: Gazetteer
) -> None:
    xml = WMT / "xml" / "wmttest2022.uk-en.all.xml"
    corpus = read_corpus([str(xml)], [], systems=["Online-G", "PROMT"]).slice(0, 250)
    local = check_corpus(Checker(gazetteer, "en", src_lang="uk"), corpus)
    options = cluster.CheckOptions(spec, "en", None, "uk")
    remote = cluster.check_corpus(client, corpus, options, partition_segments=40)  # type: ignore[arg-type]
    assert len(local[0]) > 10
    assert remote == local


def test_invalid_utf8_names_the_line_of_the_file(
    client: object, spec: cluster.GazetteerSpec, tmp_path: Path
) -> None:
    story = _stories(tmp_path / "stories.en", documents=40).read_bytes()
    bad = story + b"Talks in Kiev \xff\n"
    path = tmp_path / "bad.en"
    path.write_bytes(bad)
    options = cluster.NormalizeOptions(spec, doc_breaks="blank")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DecodeError) as caught:
        cluster.normalize_files(
            client,  # type: ignore[arg-type]
            [str(path)],
            options,
            output_dir=str(out),
            partition_bytes=1000,
        )
    line = bad.count(b"\n")
    assert str(caught.value) == (f"{path}:{line}: invalid UTF-8 at byte {len(bad) - 2} (byte 0xff)")
    assert list(out.iterdir()) == []


def test_cli_scheduler_gives_the_local_bytes(tmp_path: Path, cli_env: dict[str, str]) -> None:
    files = [str(DATA / "check" / "story.en"), str(_stories(tmp_path / "stories.en", 30))]
    local = run_cli("normalize", "--changes", str(tmp_path / "local.log"), *files, env=cli_env)
    remote = run_cli(
        "normalize",
        *("--scheduler", "local:2", "--changes", str(tmp_path / "dask.log"), *files),
        env=cli_env,
    )
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    log = (tmp_path / "local.log").read_bytes()
    assert b'"original": "Kiev"' in log
    assert (tmp_path / "dask.log").read_bytes() == log


def test_cli_rejects_an_unknown_scheduler() -> None:
    done = run_cli("normalize", "--scheduler", "local:two", str(DATA / "check" / "story.en"))
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == [
        "normtk: error: scheduler 'local:two': local:N needs a number of workers, 1 or more"
    ]


def test_connect_rejects_an_address_without_scheme() -> None:
    with pytest.raises(UsageError, match="tcp://host:8786"), cluster.connect("host:8786"):
        pass


def _worker_pids(client: object) -> list[int]:
    pids: dict[str, int] = client.run(os.getpid)  # type: ignore[attr-defined]
    return list(pids.values())


def test_a_killed_worker_leaves_the_output_identical(gazetteer: Gazetteer, tmp_path: Path) -> None:
    stories = _stories(tmp_path / "stories.en", documents=100)
    local = run_cli("normalize", "--doc-breaks", "blank", str(stories))
    assert local.returncode == 0
    killed: list[int] = []

    with cluster.connect("local:2") as client:
        # A worker started again after the kill gets the gazetteer from the plugin too.
        options = cluster.NormalizeOptions(
            cluster.ship_gazetteer(client, gazetteer), doc_breaks="blank"
        )
        pids = _worker_pids(client)

        def kill_one(written: int) -> None:
            if not killed:  # after the first part: others are running or held on the workers
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        out = tmp_path / "out.en"
        cluster.normalize_files(
            client,  # type: ignore[arg-type]
            [str(stories)],
            options,
            output=str(out),
            partition_bytes=2000,
            progress=kill_one,
        )
    assert killed
    assert out.read_bytes() == local.stdout


def test_a_job_that_loses_its_worker_fails_in_one_line_and_writes_nothing(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    import dask

    big = tmp_path / "big.en"
    big.write_bytes(REF.read_bytes() * 30)  # one document of 5 MB: one task of a second or more
    out = tmp_path / "out"
    out.mkdir()
    stop = threading.Event()
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        cluster.connect("local:2") as client,
    ):
        options = cluster.NormalizeOptions(cluster.ship_gazetteer(client, gazetteer))

        def kill_busy_workers() -> None:
            # Kill whichever worker runs the task, while it runs it, until the job ends.
            while not stop.is_set():
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy:
                    stop.wait(0.1)
                    try:
                        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                    except Exception:  # the worker is gone already
                        continue
                    os.kill(pid, signal.SIGKILL)
                stop.wait(0.05)

        killer = threading.Thread(target=kill_busy_workers)
        killer.start()
        try:
            with pytest.raises(ClusterError) as caught:
                cluster.normalize_files(
                    client,  # type: ignore[arg-type]
                    [str(big)],
                    options,
                    output_dir=str(out),
                    changes=str(out / "log"),
                )
        finally:
            stop.set()
            killer.join()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("the cluster gave up on a task after its workers died")
    assert list(out.iterdir()) == []  # no output, no change log, no temporary file


def test_cli_score_and_check_on_a_running_scheduler_print_the_local_report(
    client: object, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    assert address.startswith("tcp://")
    ref = tmp_path / "ref.en"
    ref.write_bytes(b"\n".join(REF.read_bytes().split(b"\n")[:120]) + b"\n")
    hyps = []
    for system in SYSTEMS[:2]:
        path = tmp_path / f"{system}.en"
        path.write_bytes(b"\n".join(_hyp(system).read_bytes().split(b"\n")[:120]) + b"\n")
        hyps.append(str(path))
    score = ["score", "-r", str(ref), *hyps, "--normalize-entities", "--paired-bs"]
    score += ["--n-samples", "100", "--metrics", "bleu,chrf,ter"]
    check = ["check", "--hyp", hyps[0], "--ref", str(ref), "--format", "jsonl"]
    for args, shown in ((score, b"BLEU"), (check, b'"severity": ')):
        local = run_cli(*args, env=cli_env)
        remote = run_cli(*args, "--scheduler", address, env=cli_env)
        assert remote.returncode == local.returncode == 0, remote.stderr
        assert shown in local.stdout
        assert remote.stdout == local.stdout


def test_without_the_extra_the_message_names_the_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from normtk.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    with pytest.raises(MissingExtraError) as caught:
        cluster.require()
    assert str(caught.value).splitlines() == [
        "running on a Dask cluster requires extra dependencies; install them with:",
        "    pip install 'normtk[dask]'",
    ]


def test_normalize_bag_normalizes_each_document_as_a_file_of_its_own(
    client: object, spec: cluster.GazetteerSpec, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    import dask.bag as db

    from normtk.normalize import normalize_stream

    text = _stories(tmp_path / "stories.en", documents=40).read_text(encoding="utf-8")
    documents = [story + "\n" for story in text.split("\n\n")]
    documents.insert(3, (DATA / "check" / "story.en").read_text(encoding="utf-8"))
    options = cluster.NormalizeOptions(spec, keep_styled=True)
    bag = db.from_sequence(documents, npartitions=4)
    results = cluster.normalize_bag(bag, options).compute()
    local = Normalizer(gazetteer, "en", keep_styled=True)
    expected = [list(normalize_stream(local, d.splitlines(keepends=True))) for d in documents]
    assert [r.text for r in results] == ["".join(c.text for c in e) for e in expected]
    assert [r.changes for r in results] == [[x for c in e for x in c.changes] for e in expected]
    assert len(results[3].changes) == 2  # Kiev, and Zelenskyy after Zelensky (keep-styled)
