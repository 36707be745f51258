"""Cost of getting the bundled gazetteer ready: parse, validate, generate, index, cache.

Prints, as medians of several runs:
- cold load: YAML parsing, schema and consistency checks, variant generation
  (the on-disk cache disabled);
- warm load: the same data from the on-disk cache;
- index build: the alias automaton, and the memory the loaded gazetteer and
  its index hold (tracemalloc);
- the wall time of a whole `normtk normalize` call on one line, with a cold
  and with a warm cache, against `python -c pass` as the floor.

Usage:  python benchmarks/gazetteer_load.py [--runs 5]
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
import tracemalloc
from collections.abc import Callable


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_seconds(env: dict[str, str], runs: int, args: list[str]) -> float:
    def run() -> None:
        subprocess.run(
            [sys.executable, *args], input=b"Kiev\n", capture_output=True, env=env, check=True
        )

    return median_seconds(run, runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from normtk import Gazetteer

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as cache:
        os.environ["NORMTK_CACHE_DIR"] = "off"
        cold = median_seconds(Gazetteer.load, args.runs)
        os.environ["NORMTK_CACHE_DIR"] = cache
        Gazetteer.load()
        warm = median_seconds(Gazetteer.load, args.runs)

        tracemalloc.start()
        gazetteer = Gazetteer.load()
        start = time.perf_counter()
        index = gazetteer.index
        build = time.perf_counter() - start
        memory, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        builds = [build] + [
            median_seconds(lambda: type(index)(gazetteer.aliases()), 1)
            for _ in range(args.runs - 1)
        ]

        env_cold = {**os.environ, "NORMTK_CACHE_DIR": "off"}
        env_warm = {**os.environ, "NORMTK_CACHE_DIR": cache}
        normalize = ["-m", "normtk", "normalize", "--lang", "en"]
        floor = cli_seconds(env_warm, args.runs, ["-c", "pass"])
        cli_cold = cli_seconds(env_cold, args.runs, normalize)
        cli_warm = cli_seconds(env_warm, args.runs, normalize)

    print(
        f"entities: {len(gazetteer)}, aliases: {sum(1 for _ in gazetteer.aliases())}, "
        f"automaton keys: {len(index)}"
    )
    print(f"cold load (parse, validate, generate):   {cold:6.3f} s")
    print(f"warm load (on-disk cache):               {warm:6.3f} s")
    print(f"index build:                             {statistics.median(builds):6.3f} s")
    print(f"memory held by gazetteer + index:        {memory / 1e6:6.1f} MB")
    print(f"`normtk normalize` one line, cold cache: {cli_cold:6.3f} s")
    print(f"`normtk normalize` one line, warm cache: {cli_warm:6.3f} s")
    print(f"`python -c pass` (interpreter floor):    {floor:6.3f} s")


if __name__ == "__main__":
    main()
