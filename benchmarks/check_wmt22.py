"""`normtk check` on WMT22 uk-en and ru-en: findings per kind, speed, and number checks
against a naive baseline.

For each system given (default: uk-en Online-G, uk-en PROMT, ru-en Online-G),
prints:

- findings per kind and severity, against the reference, the source, and both;
- the wall time of one check of the whole test set (median of --runs runs);
- number checks on the real output: segments flagged by normtk
  (number-changed / number-missing / number-added) and by the naive baseline,
  which compares the sets of digit strings (``re.findall(r"\\d+")``) of the
  source and the output, as a copy-editing script would;
- number checks on corrupted output: in up to --sample segments whose source
  numbers normtk finds in the output, one digit of the first shared number is
  changed; recall is the share of those segments that each method flags.

The baseline flags every formatting difference (1 500 / 1,500; 17:00 / 5 pm;
2,5 / 2.5) as an error, so its false alarms on the real output are the
point of comparison.

Usage:  python benchmarks/check_wmt22.py [--runs 3] [--sample 200]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from normtk.gazetteer import Gazetteer
from normtk.io.corpus import Corpus, read_plain
from normtk.qa import Checker, extract_numbers, summarize

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT / "tests" / "data" / "wmt22"
SYSTEMS = (("uk-en", "Online-G"), ("uk-en", "PROMT"), ("ru-en", "Online-G"))
NUMBER_KINDS = ("number-changed", "number-missing", "number-added")
DIGITS = re.compile(r"\d+")


def read(pair: str, system: str) -> Corpus:
    src_lang = pair.split("-", maxsplit=1)[0]
    return read_plain(
        [str(WMT / "system-outputs" / f"generaltest2022.{pair}.hyp.{system}.en")],
        [str(WMT / "references" / f"generaltest2022.{pair}.ref.A.en")],
        str(WMT / "sources" / f"generaltest2022.{pair}.src.{src_lang}"),
    )


def naive_flags(src: list[str], hyp: list[str]) -> set[int]:
    """Segments whose digit strings differ between source and output."""
    return {
        i
        for i, (s, h) in enumerate(zip(src, hyp, strict=True))
        if set(DIGITS.findall(s)) != set(DIGITS.findall(h))
    }


def corrupt(text: str, value_text: str, rng: random.Random) -> str | None:
    """Change one digit of the first occurrence of ``value_text`` in ``text``."""
    at = text.find(value_text)
    if at < 0:
        return None
    digits = [i for i in range(at, at + len(value_text)) if text[i].isdigit()]
    i = rng.choice(digits)
    new = str((int(text[i]) + rng.randint(1, 8)) % 10)
    return text[:i] + new + text[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    rng = random.Random(20221207)
    for pair, system in SYSTEMS:
        src_lang = pair.split("-")[0]
        corpus = read(pair, system)
        checker = Checker(gazetteer, "en", src_lang=src_lang)
        print(f"\n## {pair} {system} ({len(corpus)} segments)\n")
        print("| compared with | kind | error | warning | info |")
        print("|---|---|---:|---:|---:|")
        for label, use_ref, use_src in (
            ("ref", True, False),
            ("src", False, True),
            ("both", True, True),
        ):
            findings = checker.check(corpus, system, use_ref=use_ref, use_src=use_src)
            summary = summarize(findings, system, len(corpus))
            for kind, counts in summary.by_kind.items():
                print(
                    f"| {label} | {kind} | {counts.get('error', 0)} | {counts.get('warning', 0)} "
                    f"| {counts.get('info', 0)} |"
                )

        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            checker.check(corpus, system)
            times.append(time.perf_counter() - start)
        print(
            f"\ncheck against ref and src: median {statistics.median(times):.2f} s "
            f"over {args.runs} runs ({len(corpus) / statistics.median(times):.0f} segments/s)"
        )

        src = corpus.src or []
        hyp = corpus.hyps[system]
        real = checker.check(corpus, system, use_ref=False)
        ours = {f.segment - 1 for f in real if f.kind in NUMBER_KINDS}
        naive = naive_flags(src, hyp)
        print(
            f"\nreal output, segments flagged for numbers: normtk {len(ours)}, naive {len(naive)}"
        )

        candidates = []
        for i, (s, h) in enumerate(zip(src, hyp, strict=True)):
            if i in ours or i in naive:
                continue
            hyp_numbers = [n for n in extract_numbers(h, "en", lenient=True) if n.required]
            src_values = {v for n in extract_numbers(s, src_lang) for v in n.values}
            shared = [n for n in hyp_numbers if n.values & src_values]
            if shared:
                candidates.append((i, shared[0].text))
        sample = rng.sample(candidates, min(args.sample, len(candidates)))
        changed = list(hyp)
        for i, text in sample:
            changed[i] = corrupt(hyp[i], text, rng) or hyp[i]
        bad = Corpus(src, [], {system: changed})
        caught = {f.segment - 1 for f in checker.check(bad, system) if f.kind in NUMBER_KINDS}
        naive_caught = naive_flags(src, changed)
        picked = {i for i, _ in sample}
        recall = len(caught & picked) / len(picked)
        naive_recall = len(naive_caught & picked) / len(picked)
        print(
            f"corrupted output ({len(picked)} segments with one digit changed): "
            f"recall normtk {recall:.3f}, naive {naive_recall:.3f}"
        )


if __name__ == "__main__":
    main()
