"""Time `normtk score` against the `sacrebleu` command on the same 10 systems and metrics.

Three commands score the 10 WMT22 uk-en systems in tests/data/wmt22 against
reference A with the same metrics (BLEU and chrF by default):

- baseline: `sacrebleu REF -i SYS... -m bleu chrf -b`
- `normtk score --ref REF SYS... --metrics bleu,chrf`
- `normtk score ... --normalize-entities --lang en` (plain and normalized
  figures, entity metrics with 1000 bootstrap resamples)

With ``--paired-bs`` every command runs the paired bootstrap test against
the first system (sacrebleu's ``--paired-bs``, normtk's ``--paired-bs``);
``--systems N`` scores only the first N systems.

Runs are interleaved (one of each command per round) so that machine noise
hits all three alike; the figure is the median over the rounds of wall-clock
time and of CPU time (user + system of the child), with the ratio to
sacrebleu. Targets: plain <= 1.1x, entity-normalized <= 1.5x; with the paired
bootstrap <= 1.1x and <= 1.3x.

Usage:  python benchmarks/score_overhead.py [--runs 5] [--metrics bleu,chrf]
                                           [--paired-bs] [--systems N]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"


def _tool(name: str) -> str:
    """Return the console script `name` installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name}: command not found (pip install the project first)")
    return found


def run(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, child CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--metrics", default="bleu,chrf")
    parser.add_argument("--pair", default="uk-en")
    parser.add_argument("--paired-bs", action="store_true", help="add the paired bootstrap")
    parser.add_argument("--systems", type=int, default=0, help="only the first N systems")
    args = parser.parse_args()

    ref = str(WMT / "references" / f"generaltest2022.{args.pair}.ref.A.en")
    systems = [str(p) for p in sorted((WMT / "system-outputs").glob(f"*.{args.pair}.hyp.*.en"))]
    systems = systems[: args.systems or None]
    metrics = args.metrics.split(",")
    sacrebleu, normtk = _tool("sacrebleu"), _tool("normtk")
    commands = {
        "sacrebleu": [sacrebleu, ref, "-i", *systems, "-m", *metrics, "-b"],
        "normtk score": [normtk, "score", "--ref", ref, *systems, "--metrics", args.metrics],
        "normtk score --normalize-entities": [
            normtk,
            "score",
            "--ref",
            ref,
            *systems,
            "--metrics",
            args.metrics,
            "--normalize-entities",
            "--lang",
            "en",
        ],
    }
    if args.paired_bs:  # as a text table: its JSON output fails under numpy 2 (float32)
        commands["sacrebleu"] = [*commands["sacrebleu"][:-1], "--paired-bs", "-f", "text"]
        for name in ("normtk score", "normtk score --normalize-entities"):
            commands[name].append("--paired-bs")
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

    test = ", paired bootstrap" if args.paired_bs else ""
    print(f"# {len(systems)} {args.pair} systems, metrics {args.metrics}{test}, {args.runs} runs")
    print(
        f"# machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f} at the end"
    )
    base_wall = statistics.median(walls["sacrebleu"])
    base_cpu = statistics.median(cpus["sacrebleu"])
    print("| command | median wall s | × sacrebleu | median CPU s | × sacrebleu |")
    print("|---|---:|---:|---:|---:|")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"| `{name}` | {wall:.2f} | {wall / base_wall:.2f} | {cpu:.2f} | {cpu / base_cpu:.2f} |"
        )


if __name__ == "__main__":
    main()
