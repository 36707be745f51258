"""`normtk normalize` on a Dask LocalCluster of 1 and 2 workers against the local run.

Input: ~200 MB of real English news copy: the WMT22 uk-en reference and the
ten system outputs in tests/data/wmt22, each cut into its WMT documents
(generaltest2022.uk-en.docids) with a blank line between stories, repeated
until the size is reached. Each round runs, as a user would:

- local:     normtk normalize --lang en --doc-breaks blank IN -o OUT
- 1 worker:  the same with --scheduler local:1
- 2 workers: the same with --scheduler local:2

in turn (local, 1, 2, local, 1, 2 ...), so machine drift hits all alike; each
figure is the median wall time of the whole command (cluster start-up
included), and every output is compared with the local one byte for byte.
Speed-up is 1 worker / 2 workers; overhead is 1 worker / local. The gazetteer
cache lives in a folder of the benchmark's own (one untimed run fills it).

Usage:  python benchmarks/dask_scaling.py [--mb 200] [--runs 3]
Needs:  pip install '.[dask]'
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"


def stories() -> bytes:
    """Return the uk-en reference and system outputs as stories, a blank line between."""
    ids = (WMT / "generaltest2022.uk-en.docids").read_text("utf-8").splitlines()
    files = [WMT / "references" / "generaltest2022.uk-en.ref.A.en"]
    files += sorted(WMT.glob("system-outputs/generaltest2022.uk-en.hyp.*.en"))
    out: list[str] = []
    for path in files:
        lines = path.read_text("utf-8-sig").splitlines()
        for i, (doc, line) in enumerate(zip(ids, lines, strict=True)):
            if i and doc != ids[i - 1]:
                out.append("")
            out.append(line)
        out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")


def build(path: Path, megabytes: float) -> int:
    block = stories()
    size = 0
    with path.open("wb") as out:
        while size < megabytes * 1e6:
            out.write(block)
            size += len(block)
    return size


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "normtk", "normalize", *args],
        env=env,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"normtk normalize {' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "stories.en"
        size = build(source, options.mb)
        env = {**os.environ, "NORMTK_CACHE_DIR": str(tmp / "cache")}
        common = ["--lang", "en", "--doc-breaks", "blank", str(source)]
        configs = {
            "local": [],
            "1 worker": ["--scheduler", "local:1"],
            "2 workers": ["--scheduler", "local:2"],
        }
        outputs = {name: tmp / f"out-{i}.en" for i, name in enumerate(configs)}
        run([*common, "-o", str(tmp / "warm.en")], env)  # fills the gazetteer cache
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(options.runs):
            for name, extra in configs.items():
                times[name].append(run([*common, *extra, "-o", str(outputs[name])], env))
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        reference = outputs["local"].read_bytes()
        same = {name: path.read_bytes() == reference for name, path in outputs.items()}
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {python}")
    print(f"load average before: {' '.join(load_before)}, after: {' '.join(load_after)}")
    print(f"input: {size / 1e6:.1f} MB of WMT22 uk-en stories, --doc-breaks blank")
    print()
    print(f"{'run':<10} {'median s':>9} {'MB/s':>6}  runs (s)     output = local")
    medians = {}
    for name, values in times.items():
        medians[name] = statistics.median(values)
        runs = " ".join(f"{v:.1f}" for v in values)
        speed = size / 1e6 / medians[name]
        print(f"{name:<10} {medians[name]:>9.1f} {speed:>6.1f}  {runs:<12} {same[name]}")
    print()
    print(f"speed-up, 2 workers over 1: {medians['1 worker'] / medians['2 workers']:.2f}x")
    print(f"overhead, 1 worker over local: {medians['1 worker'] / medians['local']:.2f}x")
    print(f"2 workers over local: {medians['local'] / medians['2 workers']:.2f}x")


if __name__ == "__main__":
    main()
