"""Mine WMT22 uk-en and ru-en (every system) for spellings, and report the judged precision.

Runs :func:`normtk.mining.mine_files` (what `normtk gazetteer mine`
runs) on every system output of tests/data/wmt22 with the reference, the source
and its language, against the bundled gazetteer as it was before the places
mined here was added to it (gazetteers/mined/ left out, so that a rerun finds
it again). The proposals of both pairs are ranked together by
count (then pair, entity, spelling) and written to
benchmarks/data/mined-proposals.tsv, keeping the judgment and reason already
written there for each (pair, entity, spelling); the patches go to --patches.
Prints the counts and the precision of the top --top proposals.

With gender-guesser installed (the `geonames` extra), its given names keep a
given name alone from being proposed as a new entity; the figures in
benchmarks/RESULTS.md were made with it.

Usage:
  python benchmarks/mine_wmt22.py [--top 50] [--patches DIR] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from normtk.gazetteer.locate import bundled_dir
from normtk.mining import TSV_COLUMNS, mine_files

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "wmt22"
OUT = ROOT / "benchmarks" / "data" / "mined-proposals.tsv"
COLUMNS = ("rank", "pair", *TSV_COLUMNS, "judgment", "reason")
MINED_DIR = "mined"


def _before() -> list[Path]:
    return sorted(p for p in bundled_dir().rglob("*.yaml") if p.parent.name != MINED_DIR)


def mine_pair(pair: str, patches: Path) -> list[dict[str, str]]:
    """Mine one language pair; return its summary rows."""
    src_lang = pair.split("-", maxsplit=1)[0]
    hyps = sorted(str(p) for p in (DATA / "system-outputs").glob(f"generaltest2022.{pair}.hyp.*"))
    summary = patches / f"{pair}.tsv"
    mine_files(
        hyps,
        str(DATA / "references" / f"generaltest2022.{pair}.ref.A.en"),
        str(DATA / "sources" / f"generaltest2022.{pair}.src.{src_lang}"),
        src_lang=src_lang,
        output=str(patches / f"{pair}.yaml"),
        summary=str(summary),
        corpus_name=f"WMT22 {pair} (generaltest2022)",
        gazetteer=_before(),
        bundled=False,
    )
    with summary.open(encoding="utf-8", newline="") as file:
        return [dict(row, pair=pair) for row in csv.DictReader(file, delimiter="\t")]


def main() -> None:
    """Mine both pairs, merge the judgments, write the TSV and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--patches", type=Path, default=None)
    parser.add_argument("--show", type=int, default=0, help="print the first N with examples")
    args = parser.parse_args()
    patches = args.patches or Path(tempfile.mkdtemp(prefix="mined-"))
    patches.mkdir(parents=True, exist_ok=True)
    rows = [row for pair in ("uk-en", "ru-en") for row in mine_pair(pair, patches)]
    rows.sort(key=lambda r: (-int(r["count"]), r["pair"], r["entity"], r["spelling"]))
    judged: dict[tuple[str, str, str], tuple[str, str]] = {}
    if OUT.exists():
        with OUT.open(encoding="utf-8", newline="") as file:
            for old in csv.DictReader(file, delimiter="\t"):
                judged[(old["pair"], old["entity"], old["spelling"])] = (
                    old["judgment"],
                    old["reason"],
                )
    for rank, row in enumerate(rows, 1):
        row["rank"] = str(rank)
        row["judgment"], row["reason"] = judged.get(
            (row["pair"], row["entity"], row["spelling"]), ("", "")
        )
    with OUT.open("w", encoding="utf-8", newline="") as file:
        file.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            file.write("\t".join(row[c] for c in COLUMNS) + "\n")
    top = rows[: args.top]
    correct = sum(r["judgment"] == "correct" for r in top)
    unjudged = sum(not r["judgment"] for r in top)
    known = [r for r in rows if r["new"] == "no"]
    known_correct = sum(r["judgment"] == "correct" for r in known)
    known_judged = sum(bool(r["judgment"]) for r in known)
    print(
        f"proposals: {len(rows)} ({len(known)} variants of known entities, "
        f"{len(rows) - len(known)} of new ones); patches in {patches}"
    )
    print(
        f"top {len(top)} by count: {correct} correct, {len(top) - correct - unjudged} wrong, "
        f"{unjudged} unjudged; precision {correct / max(len(top) - unjudged, 1):.0%}"
    )
    print(f"variants of known entities: {known_correct} correct of {known_judged} judged")
    for row in rows[: args.show]:
        print(
            f"#{row['rank']} {row['pair']} {row['entity']} {row['spelling']!r} "
            f"<- {row['closest']!r} x{row['count']} [{row['judgment']}]",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
