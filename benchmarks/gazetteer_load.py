"""Start-up: getting the bundled gazetteer ready, and short `normtk` calls end to end.

In this process (medians of interleaved runs):
- cold load: YAML parsing, schema and consistency checks, variant generation
  (the on-disk cache disabled), and writing the cache;
- warm load: the same from the on-disk cache;
- index build: every alias into the index and the automaton over its keys.

In fresh processes:
- memory: the resident set (RSS, as the OS counts it, allocations of the
  Rust automaton included) after loading the gazetteer and building the
  automaton, less that after importing normtk;
- commands, interleaved round by round against `python -c pass` (the
  interpreter's floor): `normtk --help`, `normtk --version`, and
  `normtk normalize` of one line with a warm cache and with none.

Usage:  python benchmarks/gazetteer_load.py [--runs 7]
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
from collections.abc import Callable
from pathlib import Path

_RSS = """
import sys
from pathlib import Path
def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from normtk import Gazetteer
before = rss()
gazetteer = Gazetteer.load()
list(gazetteer.index.scan("Kiev " * 20000))  # builds the automaton
print(rss() - before)
"""


def seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    from normtk import Gazetteer
    from normtk.match import AliasIndex

    print(
        f"# machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as cache:
        one_line = Path(cache) / "one-line.txt"
        one_line.write_text("Talks in Kiev went on.\n", encoding="utf-8")
        cold: list[float] = []
        warm: list[float] = []
        builds: list[float] = []
        for _ in range(args.runs):
            os.environ["NORMTK_CACHE_DIR"] = "off"
            cold.append(seconds(Gazetteer.load))
            os.environ["NORMTK_CACHE_DIR"] = cache
            Gazetteer.load()  # writes the cache
            warm.append(seconds(Gazetteer.load))
            gazetteer = Gazetteer.load()
            builds.append(
                seconds(lambda g=gazetteer: list(AliasIndex.build(g.aliases()).scan("x" * 70000)))
            )

        env = {**os.environ, "NORMTK_CACHE_DIR": cache}
        rss = float(
            subprocess.run(
                [sys.executable, "-c", _RSS], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        normalize = ["-m", "normtk", "normalize", "--lang", "en", str(one_line)]
        commands = {
            "python -c pass": (["-c", "pass"], env),
            "normtk --help": (["-m", "normtk", "--help"], env),
            "normtk --version": (["-m", "normtk", "--version"], env),
            "normtk normalize one line, warm": (normalize, env),
            "normtk normalize one line, no cache": (normalize, {**env, "NORMTK_CACHE_DIR": "off"}),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, environment) in commands.items():
                full = [sys.executable, *command]
                times[name].append(
                    seconds(
                        lambda c=full, e=environment: subprocess.run(
                            c, env=e, capture_output=True, check=True
                        )
                    )
                )

    aliases = sum(1 for _ in gazetteer.aliases())
    print(f"entities: {len(gazetteer)}, aliases: {aliases}, keys: {len(gazetteer.index)}")
    print(f"cold load (parse, validate, generate, cache): {statistics.median(cold):6.3f} s")
    print(f"warm load (on-disk cache):                    {statistics.median(warm):6.3f} s")
    print(f"index build (aliases, keys, automaton):       {statistics.median(builds):6.3f} s")
    print(f"RSS of gazetteer + index + automaton:         {rss:6.1f} MB")
    print()
    print("| command | median s | × `python -c pass` |")
    print("|---|---:|---:|")
    floor = statistics.median(times["python -c pass"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| `{name}` | {median:.3f} | {median / floor:.1f} |")


if __name__ == "__main__":
    main()
