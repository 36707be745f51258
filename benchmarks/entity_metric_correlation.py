"""System-level correlation of BLEU / chrF, plain and entity-normalized, with WMT22 human scores.

For uk-en and ru-en, every system in tests/data/wmt22 is scored against
reference A with `normtk.score.Scorer` (sacrebleu BLEU and chrF, each also on
entity-normalized text; entity F1 and house-style compliance as well), then
correlated with the WMT22 system-level human direct assessment
(benchmarks/data/wmt22-humaneval/ad-sys-scores-*.csv; system names there carry
a numeric suffix, `Online-Y.3`, which is dropped to match). Figures: Pearson r
and Kendall tau-b against the z-normalized (Z.SCR) and raw (RAW.SCR) human
scores, over the systems that have both (uk-en: 9, GTCOM has no human score).

Usage:  python benchmarks/entity_metric_correlation.py [--style S]
"""

from __future__ import annotations

import argparse
import math
import re
from itertools import combinations
from pathlib import Path

from normtk.gazetteer import Gazetteer
from normtk.io.corpus import read_plain
from normtk.normalize import Normalizer
from normtk.score import Scorer

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT / "tests" / "data" / "wmt22"
HUMAN = ROOT / "benchmarks" / "data" / "wmt22-humaneval"
PAIRS = ("uk-en", "ru-en")


def human_scores(pair: str) -> dict[str, tuple[float, float]]:
    """Return system -> (z score, raw score) from the WMT22 system-level human evaluation."""
    lines = (HUMAN / f"ad-sys-scores-{pair}.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split()
    raw_col, z_col, sys_col = header.index("RAW.SCR"), header.index("Z.SCR"), header.index("SYS")
    out = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split()
        name = re.sub(r"\.\d+$", "", cells[sys_col])
        out[name] = (float(cells[z_col]), float(cells[raw_col]))
    return out


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


def kendall_tau_b(x: list[float], y: list[float]) -> float:
    concordant = discordant = ties_x = ties_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator


def metric_table(pair: str, normalizer: Normalizer) -> dict[str, dict[str, float]]:
    """Return system -> metric name -> score."""
    files = sorted((WMT / "system-outputs").glob(f"generaltest2022.{pair}.hyp.*.en"))
    corpus = read_plain(
        [str(f) for f in files], [str(WMT / "references" / f"generaltest2022.{pair}.ref.A.en")]
    )
    report = Scorer(corpus.refs, ["bleu", "chrf"], normalizer=normalizer, n_bootstrap=0).score(
        corpus.hyps
    )
    table: dict[str, dict[str, float]] = {}
    for system in report.systems:
        row = {}
        for name, item in system.metrics.items():
            row[name] = item.score
            if "entities" in system.views:
                row[f"{name} (entity-normalized)"] = system.views["entities"][name].score
        if system.entities is not None:
            if system.entities.f1.value is not None:
                row["entity F1"] = system.entities.f1.value
            if system.entities.compliance.value is not None:
                row["house-style compliance"] = system.entities.compliance.value
        table[system.name] = row
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--style", default=None)
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    normalizer = Normalizer(gazetteer, lang="en", style=args.style)
    print(
        f"# gazetteer: {len(gazetteer)} entities, digest {gazetteer.digest[:12]}; "
        f"style: {args.style or '-'}"
    )
    print(
        "| pair | metric | systems | Pearson r (z) | Kendall τ (z) "
        "| Pearson r (raw) | Kendall τ (raw) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for pair in PAIRS:
        human = human_scores(pair)
        scores = metric_table(pair, normalizer)
        systems = sorted(set(human) & set(scores))
        missing = sorted(set(scores) - set(human))
        metrics = list(next(iter(scores.values())))
        z = [human[s][0] for s in systems]
        raw = [human[s][1] for s in systems]
        for metric in metrics:
            values = [scores[s][metric] for s in systems]
            print(
                f"| {pair} | {metric} | {len(systems)} | {pearson(values, z):.3f} "
                f"| {kendall_tau_b(values, z):.3f} | {pearson(values, raw):.3f} "
                f"| {kendall_tau_b(values, raw):.3f} |"
            )
        if missing:
            print(f"| {pair} | (no human score: {', '.join(missing)}) | | | | | |")
    print()
    print("System scores:")
    for pair in PAIRS:
        human = human_scores(pair)
        scores = metric_table(pair, normalizer)
        metrics = list(next(iter(scores.values())))
        print(f"\n{pair}\n")
        print("| system | human z | human raw | " + " | ".join(metrics) + " |")
        print("|---|---:|---:|" + "---:|" * len(metrics))
        for system, row in scores.items():
            z, raw = human.get(system, (math.nan, math.nan))
            cells = " | ".join(f"{row[m]:.2f}" for m in metrics)
            print(f"| {system} | {z:.4f} | {raw:.2f} | {cells} |")


if __name__ == "__main__":
    main()
