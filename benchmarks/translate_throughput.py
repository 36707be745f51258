"""Sentences per second of `normtk translate` against argostranslate's own `translate()`.

Every side gets the same argos package and the same input in the same run,
each in a child process of its own (argostranslate reads its settings once,
at import), with the model loaded before the clock starts; the figure is the
median of `--runs` runs:

- argostranslate: `argostranslate.translate.translate(sentence, from, to)`
  called once per sentence, as an application translating sentence by
  sentence would — once with its shipped settings (CTranslate2 picks its own
  thread count) and once with `ARGOS_INTRA_THREADS=1`, the thread count
  normtk chooses on this 2-core machine. Its default sentence splitter
  downloads a model on first use; here it uses a blank spaCy pipeline saved
  in the package's `spacy/` folder with `ARGOS_CHUNK_TYPE=SPACY`, which needs
  no network.
- normtk: `TranslateJob.lines`, the code path of `normtk translate`: wire
  pieces, SentencePiece, one CTranslate2 call per batch of sentences; with its
  defaults, then with one option changed at a time.

The sentences are those `normtk translate` sends to the model (the input's
lines cut by normtk.translate.segment), so both sides translate the same ones.
Both use beam 4 (argostranslate's default) unless the row says otherwise,
and CTranslate2's `compute_type="auto"` (int8 on this CPU).

Without `--package` the model is the test suite's hand-wired *copy* model in
the shape of an argos Transformer-base package (6 + 6 layers, width 512,
feed-forward 2048, a SentencePiece vocabulary of ~6k trained on the input):
its extra layers hold zeros, but CTranslate2 multiplies them all the same,
so a token costs about what it costs in a real model of that shape (real
vocabularies are larger, 32k-50k, which adds to the output layer). It says
nothing about translation quality, and a real model's output lengths differ.
For real-model figures, install a real package and pass its folder:

    normtk models install --from uk --to en     # online, once
    python benchmarks/translate_throughput.py --from uk --to en --package \\
        PATH   # the path `normtk models list` shows

Input: the first `--lines` lines of the WMT22 Ukrainian→English test sources
in tests/data/wmt22 (one segment a line).

Usage:  python benchmarks/translate_throughput.py [--lines 60] [--runs 3]
Needs:  pip install '.[translate]'
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "data" / "wmt22" / "sources" / "generaltest2022.uk-en.src.uk"


def machine() -> str:
    """Describe the machine: cores, CPU model, Python."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}"


def prepare(args: argparse.Namespace, work: Path) -> tuple[Path, str, str]:
    """Put the package into a fresh argos home under ``work`` with a blank spaCy splitter."""
    sys.path.insert(0, str(REPO / "tests"))
    import tinymodel

    packages = work / "packages"
    packages.mkdir()
    if args.package:
        source = Path(args.package).expanduser()
        target = packages / source.name
        shutil.copytree(source, target)
        from_code, to_code = args.from_code, args.to_code
    else:
        archive = tinymodel.build_copy_package(
            work / "copy.argosmodel",
            "uk",
            "en",
            shape=tinymodel.BASE,
            vocab_size=8000,
            training=SOURCE.read_text("utf-8").splitlines(),
        )
        from normtk.translate.packages import install_file

        target = install_file(archive, packages).path
        from_code, to_code = "uk", "en"
    if not (target / "spacy").exists():
        import spacy

        spacy.blank("xx").to_disk(target / "spacy")
    return target, from_code, to_code


def worker(args: argparse.Namespace) -> None:
    """Time one side in this process; print its rates (sentences/s) as JSON."""
    lines = Path(args.input).read_text("utf-8").splitlines(keepends=True)
    from normtk.translate import segment

    sentences = [p.text for line in lines for p in segment.pieces(line.rstrip("\n")) if p.translate]
    if args.worker == "argos":
        import argostranslate.translate as argos

        def run(batch: list[str]) -> int:
            count = 0
            for line in batch:
                for piece in segment.pieces(line.rstrip("\n")):
                    if piece.translate:
                        if argos.translate(piece.text, args.from_code, args.to_code) != piece.text:
                            agree[0] = False
                        count += 1
            return count

    else:
        from normtk.translate import TranslateJob

        job = TranslateJob(
            args.from_code,
            args.to_code,
            threads=args.threads,
            batch_size=args.batch_size,
            beam_size=args.beam_size,
        )

        def run(batch: list[str]) -> int:
            out = list(job.lines(batch))
            if out != batch:
                agree[0] = False
            return sum(p.translate for line in batch for p in segment.pieces(line.rstrip("\n")))

    agree = [True]
    run(lines[:8])  # warm-up: load the model, fill caches
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        count = run(lines)
        rates.append(count / (time.perf_counter() - start))
    print(json.dumps({"rates": rates, "sentences": len(sentences), "copy_exact": agree[0]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--package", help="an installed package folder (a real model)")
    parser.add_argument("--from", dest="from_code", default="uk")
    parser.add_argument("--to", dest="to_code", default="en")
    parser.add_argument("--worker", choices=["argos", "normtk"], help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, default=32, help=argparse.SUPPRESS)
    parser.add_argument("--beam-size", type=int, default=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    work = Path(tempfile.mkdtemp(prefix="normtk-bench-"))
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(work / "packages"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "ARGOS_CHUNK_TYPE": "SPACY",
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
    }
    env.pop("ARGOS_INTRA_THREADS", None)
    # With ARGOS_CHUNK_TYPE=SPACY argostranslate fetches a multilingual spaCy model at
    # import unless one is cached; the package's own blank model is what it will use.
    (work / "cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(parents=True)
    os.environ.update({k: env[k] for k in ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME")})
    try:
        package, from_code, to_code = prepare(args, work)
        lines = SOURCE.read_text("utf-8").splitlines(keepends=True)[: args.lines]
        source = work / "input.txt"
        source.write_text("".join(lines), encoding="utf-8")
        print(f"machine: {machine()}")
        print(f"package: {package.name} ({from_code} → {to_code}); input: {len(lines)} lines")
        print(
            f"command: python benchmarks/translate_throughput.py --lines {args.lines} "
            f"--runs {args.runs}" + (f" --package {args.package}" if args.package else "")
        )

        def side(name: str, extra_env: dict[str, str], *options: str) -> tuple[str, float]:
            command = [
                sys.executable,
                __file__,
                "--worker",
                name,
                "--input",
                str(source),
                "--from",
                from_code,
                "--to",
                to_code,
                "--runs",
                str(args.runs),
                *options,
            ]
            child = subprocess.run(
                command, env={**env, **extra_env}, capture_output=True, text=True, check=False
            )
            if child.returncode != 0:
                raise SystemExit(child.stderr)
            result = json.loads(child.stdout.splitlines()[-1])
            return result, statistics.median(result["rates"])

        rows = [
            ("argostranslate translate() per sentence, as shipped", "argos", {}, ()),
            (
                "argostranslate translate() per sentence, 1 thread",
                "argos",
                {"ARGOS_INTRA_THREADS": "1"},
                (),
            ),
            ("normtk translate (defaults: batch 32, beam 4)", "normtk", {}, ()),
            ("normtk translate --batch-size 1", "normtk", {}, ("--batch-size", "1")),
            ("normtk translate --beam-size 1", "normtk", {}, ("--beam-size", "1")),
            ("normtk translate --threads 2", "normtk", {}, ("--threads", "2")),
        ]
        rates: dict[str, float] = {}
        for label, name, extra_env, options in rows:
            result, rate = side(name, extra_env, *options)
            rates[label] = rate
            spread = ", ".join(f"{r:.1f}" for r in result["rates"])
            exact = "" if args.package else f"  copy exact: {result['copy_exact']}"
            print(f"{label:52s} {rate:7.1f} sentences/s  (runs: {spread}){exact}", flush=True)
        shipped, single = rates[rows[0][0]], rates[rows[1][0]]
        ours = rates[rows[2][0]]
        print(f"normtk default vs argostranslate as shipped:   {ours / shipped:5.1f}×")
        print(f"normtk default vs argostranslate at 1 thread:  {ours / single:5.1f}×")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
