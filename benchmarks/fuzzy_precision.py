"""Precision of fuzzy suggestions on the WMT22 English texts, from judgments in context.

Normalizes every English text of WMT22 uk-en and ru-en in tests/data/wmt22 (the
references and every system's output) with fuzzy suggestions on, and lists each
suggestion at or above the default threshold. Each is judged by reading its
sentence; the judgments are in benchmarks/data/fuzzy-judgments.tsv (file, line,
start, written, proposed, verdict, reason). The figure is the share judged
correct; a suggestion without a judgment is reported and counts as not judged.

Usage:  python benchmarks/fuzzy_precision.py            # precision from the judgments
        python benchmarks/fuzzy_precision.py --dump     # every suggestion, with its sentence
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from normtk import Gazetteer, Normalizer
from normtk.normalize import normalize_stream
from normtk.normalize.fuzzy import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT / "tests" / "data" / "wmt22"
JUDGMENTS = ROOT / "benchmarks" / "data" / "fuzzy-judgments.tsv"
FIELDS = ["file", "line", "start", "written", "proposed", "score", "verdict", "reason"]


def suggestions() -> list[dict[str, str]]:
    normalizer = Normalizer(Gazetteer.load(), "en", fuzzy=True)
    files = sorted(WMT.glob("references/*.en")) + sorted(WMT.glob("system-outputs/*.en"))
    out = []
    for file in files:
        lines = file.read_text("utf-8").splitlines(keepends=True)
        for result in normalize_stream(normalizer, lines):
            for s in result.suggestions:
                out.append(
                    {
                        "file": file.name,
                        "line": str(s.line),
                        "start": str(s.start),
                        "written": s.text,
                        "proposed": s.proposed,
                        "score": f"{s.score:.3f}",
                        "sentence": lines[s.line - 1].strip(),
                    }
                )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", action="store_true", help="list suggestions with sentences")
    args = parser.parse_args()
    found = suggestions()
    if args.dump:
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        for s in found:
            writer.writerow(
                [
                    s["file"],
                    s["line"],
                    s["start"],
                    s["written"],
                    s["proposed"],
                    s["score"],
                    s["sentence"],
                ]
            )
        return
    judged: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    with JUDGMENTS.open(encoding="utf-8") as f:
        for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
            judged[(row["file"], row["line"], row["start"], row["written"], row["proposed"])] = row
    correct = wrong = missing = 0
    for s in found:
        row = judged.get((s["file"], s["line"], s["start"], s["written"], s["proposed"]))
        if row is None:
            missing += 1
            print(f"not judged: {s['file']}:{s['line']}: {s['written']} -> {s['proposed']}")
        elif row["verdict"] == "correct":
            correct += 1
        else:
            wrong += 1
    total = correct + wrong
    print(
        f"suggestions at or above {DEFAULT_THRESHOLD}: {len(found)}; judged {total}, "
        f"correct {correct}, wrong {wrong}, not judged {missing}"
    )
    if total:
        print(f"precision: {correct / total:.1%}")


if __name__ == "__main__":
    main()
