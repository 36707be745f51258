"""Time `normtk report` against `normtk score` with the same options: 10 systems x 2,018 segments.

Both commands read the 10 WMT22 uk-en systems in tests/data/wmt22 with
reference A and the source, and score BLEU and chrF with entity
normalization (English, default style) and sacrebleu's paired bootstrap
against the first system (1000 resamples):

- peer: `normtk score --ref REF SYS... --normalize-entities --lang en --paired-bs`
- `normtk report --ref REF SYS... --src SRC --src-lang uk --doc-ids DOCIDS --lang en -o FILE`

The report computes the same scores (it calls the same Scorer) and on top of
them the compare-mt breakdowns, sentence chrF, normtk check's findings for
every system and the HTML page. Runs are interleaved (one of each command per
round) so that machine noise hits both alike; the figure is the median wall
and CPU time over the rounds, with the ratio to `normtk score`. Goal: at most
2x. The size of the page is printed too (goal: at most 10 MB).

Usage:  python benchmarks/report_build.py [--runs 5] [--systems 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

from score_overhead import WMT, _tool, cpu_model, run  # the same timing, one place


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--systems", type=int, default=10, help="only the first N systems")
    args = parser.parse_args()

    ref = str(WMT / "references" / "generaltest2022.uk-en.ref.A.en")
    src = str(WMT / "sources" / "generaltest2022.uk-en.src.uk")
    docids = str(WMT / "generaltest2022.uk-en.docids")
    systems = [str(p) for p in sorted((WMT / "system-outputs").glob("*.uk-en.hyp.*.en"))]
    systems = systems[: args.systems]
    normtk = _tool("normtk")
    page = Path(tempfile.mkdtemp()) / "report.html"
    common = ["--ref", ref, *systems, "--lang", "en"]
    commands = {
        "normtk score --normalize-entities --paired-bs": [
            normtk,
            "score",
            *common,
            "--normalize-entities",
            "--paired-bs",
        ],
        "normtk report": [
            normtk,
            "report",
            *common,
            "--src",
            src,
            "--src-lang",
            "uk",
            "--doc-ids",
            docids,
            "-o",
            str(page),
        ],
    }
    # One untimed round warms the file cache and normtk's gazetteer cache.
    for command in commands.values():
        run(command)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            wall, cpu = run(command)
            walls[name].append(wall)
            cpus[name].append(cpu)

    segments = len(Path(ref).read_text(encoding="utf-8").splitlines())
    print(f"# {len(systems)} uk-en systems x {segments} segments, BLEU and chrF, {args.runs} runs")
    print(
        f"# machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f} at the end"
    )
    peer = "normtk score --normalize-entities --paired-bs"
    base_wall, base_cpu = statistics.median(walls[peer]), statistics.median(cpus[peer])
    print("| command | median wall s | × score | median CPU s | × score | runs (wall s) |")
    print("|---|---:|---:|---:|---:|---|")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        each = " ".join(f"{w:.1f}" for w in walls[name])
        print(
            f"| `{name}` | {wall:.2f} | {wall / base_wall:.2f} | {cpu:.2f} | "
            f"{cpu / base_cpu:.2f} | {each} |"
        )
    size = page.stat().st_size
    print(f"# report page: {size / 1e6:.2f} MB ({size} bytes); goal <= 10 MB")
    page.unlink()
    page.parent.rmdir()
    if size > 10_000_000:
        sys.exit("the page is larger than 10 MB")


if __name__ == "__main__":
    main()
