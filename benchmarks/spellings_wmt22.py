"""One entity, one spelling: what `normtk normalize --lang en` leaves in more than one form.

Every English text of tests/data/wmt22 (the uk-en and ru-en references and
every system's output, 22 files) goes through the command a user runs,
`normtk normalize --lang en FILE`. Then every entity mention of the output
is compared with the entity's one canonical form (what
`Normalizer(..., canonical=True)` would write). A mention that differs from
it, other than in letter case, is one of:

- a spelling: another spelling of the same name (the goal: none);
- a style's name: names a house chooses between (Czech Republic / Czechia,
  `style_decides`), left as written without a style by design;
- an acronym: AFU for the Armed Forces of Ukraine, a different name;
- another script: a name in Cyrillic left in English copy by design;
- undecided: an ambiguous name left as written (and reported by --suggest).

Usage:  python benchmarks/spellings_wmt22.py [--format md|json] [--examples N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from normtk import Gazetteer, Normalizer

WMT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wmt22"


def english_files() -> list[Path]:
    return sorted(WMT.glob("references/*.en")) + sorted(WMT.glob("system-outputs/*.en"))


def kind_of(gazetteer: Gazetteer, mention_text: str, entity_id: str | None, rule: str) -> str:
    if entity_id is None:
        return "undecided"
    if not all(not c.isalpha() or ord(c) < 0x250 for c in mention_text):
        return "another script"
    if rule.startswith("abbr"):
        return "acronym"
    if gazetteer[entity_id].style_decides:
        return "a style's name"
    return "spelling"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=["md", "json"], default="md")
    parser.add_argument("--examples", type=int, default=1, help="context lines per form")
    args = parser.parse_args(argv)

    gazetteer = Gazetteer.load()
    canonical = Normalizer(gazetteer, "en", canonical=True)
    forms: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in english_files():
            out = Path(tmp) / path.name
            command = [sys.executable, "-m", "normtk", "normalize", "--lang", "en", str(path)]
            subprocess.run([*command, "-o", str(out)], check=True)
            for number, line in enumerate(out.read_text("utf-8").splitlines(), 1):
                lines += 1
                for mention in canonical.find(line):
                    if mention.replacement is None or (
                        mention.replacement.lower() == mention.text.lower()
                    ):
                        continue
                    kind = kind_of(gazetteer, mention.text, mention.entity_id, mention.rule)
                    entity = mention.entity_id or "|".join(mention.candidates)
                    forms[(kind, entity, mention.replacement)][mention.text] += 1
                    if len(examples[(entity, mention.text)]) < args.examples:
                        examples[(entity, mention.text)].append(
                            f"{path.name}:{number}: {line.strip()[:160]}"
                        )
    totals = Counter(kind for kind, _, _ in forms)
    if args.format == "json":
        rows = [
            {"kind": k, "entity": e, "canonical": c, "written": dict(w)}
            for (k, e, c), w in sorted(forms.items())
        ]
        json.dump({"lines": lines, "entities": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    files = len(english_files())
    print(f"{files} files, {lines} lines after `normtk normalize --lang en`")
    print()
    print("| kind | entities |")
    print("|---|---:|")
    for kind in ("spelling", "a style's name", "acronym", "another script", "undecided"):
        print(f"| {kind} | {totals.get(kind, 0)} |")
    print()
    print("| kind | entity | canonical form | written (count) |")
    print("|---|---|---|---|")
    for (kind, entity, form), written in sorted(forms.items()):
        shown = ", ".join(f"{text} ({count})" for text, count in written.most_common())
        print(f"| {kind} | {entity} | {form} | {shown} |")
        for text in written:
            for example in examples[(entity, text)]:
                print(f"|  |  |  | {example.replace('|', '/')} |")


if __name__ == "__main__":
    main()
