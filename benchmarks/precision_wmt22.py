"""Every rewrite `normtk normalize --lang en` makes on real English text, with counts.

Normalizes each WMT22 English reference and system output (uk-en and ru-en,
copied in tests/data/wmt22) with the bundled gazetteer and lists each
distinct rewrite (original → replacement, entity, rule) with how often it
occurs, most frequent first. The list is for reading: every line must be a
correct rewrite in English copy. `--examples N` prints N lines of context
for each rewrite, to check it against the text.

Usage:  python benchmarks/precision_wmt22.py [--style S] [--examples 1] [--format md]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from normtk import Gazetteer, Normalizer

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"


def english_files() -> list[Path]:
    return sorted(WMT.glob("references/*.en")) + sorted(WMT.glob("system-outputs/*.en"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", default=None)
    parser.add_argument("--examples", type=int, default=0, help="context lines per rewrite")
    parser.add_argument("--format", choices=["text", "md"], default="text")
    args = parser.parse_args(argv)

    normalizer = Normalizer(Gazetteer.load(), lang="en", style=args.style)
    counts: Counter[tuple[str, str, str, str]] = Counter()
    examples: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    lines = 0
    for path in english_files():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            lines += 1
            for change in normalizer.normalize(line).changes:
                key = (change.original, change.replacement, change.entity, change.rule)
                counts[key] += 1
                if len(examples[key]) < args.examples:
                    examples[key].append(f"{path.name}:{number}: {line.strip()}")

    total = sum(counts.values())
    print(f"{len(english_files())} files, {lines} lines, {total} rewrites, {len(counts)} distinct")
    if args.format == "md":
        print("\n| count | original | replacement | entity | rule |\n|---:|---|---|---|---|")
    for (original, replacement, entity, rule), count in counts.most_common():
        if args.format == "md":
            print(f"| {count} | {original} | {replacement} | {entity} | {rule} |")
        else:
            print(f"{count:6d}  {original} → {replacement}  [{entity}; {rule}]")
        for example in examples[(original, replacement, entity, rule)]:
            print(f"        {example}")


if __name__ == "__main__":
    main()
