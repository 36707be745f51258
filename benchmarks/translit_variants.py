"""How fast `latin_variants` is, and how often each scheme gives the gazetteer's forms.

Inputs are the native names of the bundled gazetteer (`native: {uk: ..., ru: ...}`).

Speed: `latin_variants(name, lang)` for every native name of a language, all
schemes of the language at once. The first pass in the process (cold: scheme
files read, no word remembered) and the median of the following runs (warm)
are printed; the baseline is the same work for Russian done by calling the
iuliia schemas directly, with nothing remembered, median of the same runs.

Agreement: for each entity of the country of the language (UA for uk, RU for
ru) and each output language of the gazetteer, the share of names for which
a scheme writes exactly the gazetteer's form (persons: given name and
surname). The national / Wikipedia scheme is the baseline each press scheme
is compared with. The gazetteer is curated by hand and holds press
exceptions (Kiew, Odessa) on purpose, so 100 % is not the goal.

Usage:  python benchmarks/translit_variants.py [--runs 5]
"""

from __future__ import annotations

import argparse
import functools
import platform
import statistics
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import iuliia

from normtk.gazetteer import Entity, Gazetteer
from normtk.translit import latin_variants, schemes

PRESS = {
    "uk": {"en": "uk-national", "de": "uk-de-press", "fr": "uk-fr-press", "es": "uk-es-press"},
    "ru": {"en": "ru-wikipedia", "de": "ru-de-press", "fr": "ru-fr-press", "es": "ru-es-press"},
}
BASELINE = {"uk": "uk-national", "ru": "ru-wikipedia"}
COUNTRY = {"uk": "UA", "ru": "RU"}


def natives(gazetteer: Gazetteer, lang: str) -> list[str]:
    """Return the native names in ``lang`` of every entity that has one."""
    return [e.native[lang] for e in gazetteer.entities.values() if e.native.get(lang)]


def timed(call: Callable[[str], object], names: list[str], runs: int) -> tuple[float, float]:
    """Return (first pass, median of ``runs`` further passes) in microseconds per name."""
    passes = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        for name in names:
            call(name)
        passes.append((time.perf_counter() - start) / len(names) * 1e6)
    return passes[0], statistics.median(passes[1:])


def variants_of(name: str, lang: str) -> dict[str, str]:
    """The measured call."""
    return latin_variants(name, lang)


def iuliia_direct(direct: list[Any], name: str) -> list[str]:
    """The baseline: every iuliia schema on ``name``, nothing remembered."""
    return [schema.translate(name) for schema in direct]


def speed(gazetteer: Gazetteer, runs: int) -> None:
    print("## Speed (microseconds per name, all schemes of the language)\n")
    print("| lang | names | schemes | normtk cold | normtk warm | iuliia direct (baseline) |")
    print("|---|---|---|---|---|---|")
    for lang in ("uk", "ru", "be"):
        names = natives(gazetteer, lang)
        cold, warm = timed(functools.partial(variants_of, lang=lang), names, runs)
        baseline = "-"
        if lang == "ru":
            direct = [schema for _, schema in iuliia.schemas.items()]
            _, median = timed(functools.partial(iuliia_direct, direct), names, runs)
            baseline = f"{median:.0f} ({len(direct)} schemas)"
        count = len(schemes(lang))
        print(f"| {lang} | {len(names)} | {count} | {cold:.0f} | {warm:.0f} | {baseline} |")
    print()


def expected_form(entity: Entity, out: str) -> str | None:
    """Return the entity's form in ``out`` (given name and surname for a person)."""
    forms = entity.forms
    if "name" in forms:
        return forms["name"].get(out)
    given, surname = forms.get("given", {}).get(out), forms.get("surname", {}).get(out)
    return f"{given} {surname}" if given and surname else None


def strip_accents(text: str) -> str:
    """Drop combining marks (the Spanish stress accents)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def agreement(gazetteer: Gazetteer) -> None:
    print("## Agreement with the gazetteer's forms\n")
    print("| source | output lang | entities | baseline scheme | agrees | press scheme | agrees |")
    print("|---|---|---|---|---|---|---|")
    for lang, by_out in PRESS.items():
        entities = [
            e
            for e in gazetteer.entities.values()
            if e.native.get(lang) and e.country == COUNTRY[lang]
        ]
        for out, press in by_out.items():
            pairs = [(e.native[lang], form) for e in entities if (form := expected_form(e, out))]
            if out == "es":  # stress accents are editorial; compare without them
                pairs = [(native, strip_accents(form)) for native, form in pairs]
            variants = [latin_variants(native, lang) for native, _ in pairs]
            base = sum(
                v[BASELINE[lang]] == form for v, (_, form) in zip(variants, pairs, strict=True)
            )
            hits = sum(v[press] == form for v, (_, form) in zip(variants, pairs, strict=True))
            total = len(pairs)
            print(
                f"| {lang} | {out} | {total} | {BASELINE[lang]} | {base / total:.0%} "
                f"| {press} | {hits / total:.0%} |"
            )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    print(f"# normtk.translit, {platform.python_implementation()} {platform.python_version()}\n")
    speed(gazetteer, args.runs)
    agreement(gazetteer)


if __name__ == "__main__":
    main()
