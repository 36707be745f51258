"""Judged precision of `normtk check` on WMT22 uk-en and ru-en.

Runs `normtk check --format jsonl` (through the command line, as users run it)
on every system output of WMT22 uk-en and ru-en in tests/data/wmt22, with the
reference, the source and the source language, and matches each finding to the
judgments in benchmarks/data/check-judgments.tsv, where a reader of the
hypothesis, reference and source said whether an editor would want to see it
(`true`) or not (`false`). Prints, per kind and severity, the findings, how
many are judged, how many of those are true and the precision; per kind, the
findings nobody has judged yet (and how many of them did not exist in the
frozen baseline run, benchmarks/data/check-baseline.tsv); every judged-true
finding that no longer appears (lost) and every judged-false one that still
does.

A finding is keyed by (pair, system, line, rule, text, entity): `rule` is the
kind mapped through RULES below, so judgments written with today's kinds
match a checker that names its rules differently; `text` is left out of the
key for findings about the whole segment (a missing entity or number).
Findings sharing a key are told apart by their span, then their fix.

Usage:
  python benchmarks/check_precision.py [--format md|json] [--unjudged FILE [--new-only]]
  python benchmarks/check_precision.py --judgments /dev/null --sample FILE --per-stratum 30
  python benchmarks/check_precision.py --write-baseline
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT / "tests" / "data" / "wmt22"
DATA = ROOT / "benchmarks" / "data"
JUDGMENTS = DATA / "check-judgments.tsv"
BASELINE = DATA / "check-baseline.tsv"

#: Today's kind -> the rule id a rewritten checker gives it. A finding matches a judgment
#: when both map to the same rule; kinds missing here stand for themselves. Edit this
#: table (and only this) when the checker renames its rules.
RULES: dict[str, str] = {
    "off-style": "entity.off-style",
    "ambiguous-name": "entity.ambiguous",
    "missing-entity": "entity.missing",
    "added-entity": "entity.added",
    "inconsistent-spelling": "entity.inconsistent",
    "number-changed": "number.changed",
    "number-missing": "number.missing",
    "number-added": "number.added",
    "untranslated": "text.untranslated",
    "untranslated-words": "text.untranslated-words",
    "unbalanced": "text.unbalanced",
    "possible-variant": "entity.possible-variant",
}

#: Language pair -> (source language, systems checked). Every system of the test set.
PAIRS: dict[str, tuple[str, tuple[str, ...]]] = {
    "uk-en": (
        "uk",
        (
            "ALMAnaCH-Inria", "ARC-NKUA", "GTCOM", "HuaweiTSC", "Lan-Bridge",
            "Online-A", "Online-B", "Online-G", "Online-Y", "PROMT",
        ),
    ),
    "ru-en": (
        "ru",
        (
            "ALMAnaCH-Inria", "HuaweiTSC", "JDExploreAcademy", "Lan-Bridge", "Online-A",
            "Online-B", "Online-G", "Online-W", "Online-Y", "SRPOL",
        ),
    ),
}  # fmt: skip

COLUMNS = (
    "pair", "system", "line", "kind", "severity", "start", "end", "text", "entity", "fix",
    "message", "verdict", "reason",
)  # fmt: skip
BASELINE_COLUMNS = COLUMNS[:-2]
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("true", "false")


class BenchError(Exception):
    """A problem with the inputs of the benchmark, told in one line."""


@dataclass(frozen=True)
class Row:
    """One finding, as the checker reports it or as the judgment file records it."""

    pair: str
    system: str
    line: int
    kind: str
    severity: str
    start: int
    end: int
    text: str
    entity: str
    fix: str
    message: str
    verdict: str = ""
    reason: str = ""
    where: str = ""  # file:line of a judgment, for messages


def paths(pair: str, system: str) -> tuple[Path, Path, Path]:
    """Return the hypothesis, reference and source files of ``system`` in ``pair``."""
    src_lang = PAIRS[pair][0]
    return (
        WMT / "system-outputs" / f"generaltest2022.{pair}.hyp.{system}.en",
        WMT / "references" / f"generaltest2022.{pair}.ref.A.en",
        WMT / "sources" / f"generaltest2022.{pair}.src.{src_lang}",
    )


def docids(pair: str) -> Path:
    """Return the document-id file of ``pair`` (one WMT document id per line)."""
    return WMT / f"generaltest2022.{pair}.docids"


def write_docids(pair: str) -> None:
    """Write the document ids of ``pair`` from its WMT XML, one per segment, in order."""
    import xml.etree.ElementTree as ET

    root = ET.parse(WMT / "xml" / f"wmttest2022.{pair}.all.xml").getroot()
    ids = [
        doc.get("id", "")
        for doc in root.iter("doc")
        for src in doc.iter("src")
        for _ in src.iter("seg")
    ]
    docids(pair).write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")


def command(pair: str, system: str) -> list[str]:
    """Return the `normtk check` command line for one system (paths relative to the root).

    Documents come from the WMT document ids where the test set has them (uk-en:
    tests/data/wmt22/generaltest2022.uk-en.docids, written from the WMT XML by
    `--write-docids`); a plain-text line is a story of its own otherwise. `--no-config`
    keeps a .normtk.toml above the checkout from changing the rules.
    """
    hyp, ref, src = (str(p.relative_to(ROOT)) for p in paths(pair, system))
    docs = ["--doc-ids", str(docids(pair).relative_to(ROOT))] if docids(pair).exists() else []
    return [
        "normtk", "check", "--hyp", hyp, "--ref", ref, "--src", src,
        "--src-lang", PAIRS[pair][0], "--lang", "en", "--format", "jsonl", "--no-config", *docs,
    ]  # fmt: skip


def run_check(pair: str, system: str) -> list[Row]:
    """Run the CLI on one system and return its findings."""
    argv = [sys.executable, "-m", "normtk", *command(pair, system)[1:]]
    # Only the bundled gazetteer: a user's extra data would change the findings.
    env = {k: v for k, v in os.environ.items() if k != "NORMTK_GAZETTEER_PATH"}
    done = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        msg = f"normtk check on {pair} {system} exited {done.returncode}: {last}"
        raise BenchError(msg)
    rows = []
    for number, line in enumerate(done.stdout.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            msg = f"normtk check on {pair} {system}: output line {number} is not JSON"
            raise BenchError(msg) from None
        if not isinstance(data, dict) or not ({"kind", "rule"} & data.keys()):
            continue  # a summary record, not a finding
        try:
            rows.append(
                Row(
                    pair=pair,
                    system=system,
                    line=int(data.get("line") or data["segment"]),
                    kind=str(data.get("rule") or data["kind"]),
                    severity=str(data["severity"]),
                    start=int(data["start"]),
                    end=int(data["end"]),
                    text=str(data["text"]),
                    entity=str(data.get("entity") or ""),
                    fix=str(data.get("fix") or ""),
                    message=str(data.get("message") or ""),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            msg = f"normtk check on {pair} {system}: output line {number}: bad finding ({error!r})"
            raise BenchError(msg) from None
    return rows


def run_all(jobs: int) -> list[Row]:
    """Run the CLI on every system of every pair."""
    runs = [(pair, system) for pair, (_, systems) in PAIRS.items() for system in systems]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(lambda run: run_check(*run), runs))
    return [row for rows in results for row in rows]


def _cell(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _uncell(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"t": "\t", "n": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _order(row: Row) -> tuple[str, str, int, int, int, str, str]:
    return (row.pair, row.system, row.line, row.start, row.end, row.kind, row.fix)


def write_rows(path: Path, rows: Iterable[Row], columns: Sequence[str] = COLUMNS) -> None:
    """Write ``rows`` as TSV with a header, sorted by pair, system, line and span."""
    ordered = sorted(rows, key=_order)
    lines = ["\t".join(columns)]
    lines += ["\t".join(_cell(getattr(r, c)) for c in columns) for r in ordered]
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_rows(path: Path, *, judged: bool) -> list[Row]:
    """Read a judgment (``judged``) or baseline TSV; a bad row is a BenchError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read: {error}"
        raise BenchError(msg) from None
    lines = text.splitlines()
    if not lines:
        return []
    header = lines[0].split("\t")
    needed = COLUMNS if judged else BASELINE_COLUMNS
    missing = [c for c in needed if c not in header]
    if missing:
        msg = f"{path}:1: header lacks {', '.join(missing)}"
        raise BenchError(msg)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            msg = f"{path}:{number}: {len(cells)} cells for {len(header)} columns"
            raise BenchError(msg)
        data = {name: _uncell(cell) for name, cell in zip(header, cells, strict=True)}
        where = f"{path.name}:{number}"
        if data["pair"] not in PAIRS or data["system"] not in PAIRS[data["pair"]][1]:
            msg = f"{path}:{number}: unknown pair/system {data['pair']} {data['system']}"
            raise BenchError(msg)
        if data["severity"] not in SEVERITIES:
            msg = f"{path}:{number}: unknown severity {data['severity']!r}"
            raise BenchError(msg)
        if judged and data["verdict"] not in VERDICTS:
            msg = f"{path}:{number}: verdict must be true or false, not {data['verdict']!r}"
            raise BenchError(msg)
        if judged and not data["reason"].strip():
            msg = f"{path}:{number}: the verdict has no reason"
            raise BenchError(msg)
        try:
            rows.append(
                Row(
                    **{c: data[c] for c in needed if c not in ("line", "start", "end")},
                    line=int(data["line"]),
                    start=int(data["start"]),
                    end=int(data["end"]),
                    where=where,
                )
            )
        except ValueError:
            msg = f"{path}:{number}: line, start and end must be integers"
            raise BenchError(msg) from None
    return rows


def rule(kind: str) -> str:
    """Return the rule id of ``kind`` (today's kind or a rule id)."""
    return RULES.get(kind, kind)


class Keys:
    """Match keys of findings: whole-segment findings are keyed without their text."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, str], list[str]] = {}

    def _line(self, pair: str, system: str, line: int) -> str:
        if (pair, system) not in self._lines:
            text = paths(pair, system)[0].read_text(encoding="utf-8").lstrip("\ufeff")
            self._lines[pair, system] = text.split("\n")
        lines = self._lines[pair, system]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def whole(self, row: Row) -> bool:
        """Tell whether ``row`` is about its whole segment rather than a span of it."""
        text = row.text.strip().lstrip("\ufeff")
        return not text or text == self._line(row.pair, row.system, row.line).strip()

    def key(self, row: Row) -> tuple[str, str, int, str, str, str]:
        """Return the match key of ``row``."""
        text = "" if self.whole(row) else row.text
        return (row.pair, row.system, row.line, rule(row.kind), text, row.entity)


def _same_span_and_fix(f: Row, j: Row) -> bool:
    return (f.start, f.end, f.fix) == (j.start, j.end, j.fix)


def _same_span(f: Row, j: Row) -> bool:
    return (f.start, f.end) == (j.start, j.end)


def _same_fix(f: Row, j: Row) -> bool:
    return f.fix == j.fix


def _pair_up(
    found: list[Row], judged: list[Row], *, spanned: bool
) -> tuple[list[tuple[Row, Row]], list[Row], list[Row]]:
    """Pair rows sharing one key: by span and fix, then span (or fix for whole segments)."""
    found, judged = list(found), list(judged)
    pairs: list[tuple[Row, Row]] = []
    for same in (_same_span_and_fix, _same_span if spanned else _same_fix):
        for f in list(found):
            j = next((j for j in judged if same(f, j)), None)
            if j is not None:
                pairs.append((f, j))
                found.remove(f)
                judged.remove(j)
    if len(found) == 1 and len(judged) == 1:
        pairs.append((found.pop(), judged.pop()))
    return pairs, found, judged


def match(
    findings: Sequence[Row], judged: Sequence[Row], keys: Keys
) -> tuple[list[tuple[Row, Row]], list[Row], list[Row]]:
    """Pair findings with judgments; return the pairs, unmatched findings and judgments."""
    by_key: dict[tuple[str, str, int, str, str, str], list[Row]] = defaultdict(list)
    for row in judged:
        by_key[keys.key(row)].append(row)
    found: dict[tuple[str, str, int, str, str, str], list[Row]] = defaultdict(list)
    for row in findings:
        found[keys.key(row)].append(row)
    pairs: list[tuple[Row, Row]] = []
    alone: list[Row] = []
    for key, rows in found.items():
        matched, unmatched, left = _pair_up(rows, by_key.pop(key, []), spanned=bool(key[4]))
        pairs += matched
        alone += unmatched
        by_key[key] = left
    gone = [row for rows in by_key.values() for row in rows]
    return pairs, alone, gone


@dataclass
class Report:
    """What the benchmark measured."""

    findings: list[Row]
    pairs: list[tuple[Row, Row]]
    unjudged: list[Row]
    new: list[Row]
    lost: list[Row]
    false_present: list[tuple[Row, Row]]

    def cells(self) -> list[dict[str, object]]:
        """Return one record per kind and severity present in findings or judgments."""
        counts: Counter[tuple[str, str]] = Counter((r.kind, r.severity) for r in self.findings)
        judged = Counter((f.kind, f.severity) for f, _ in self.pairs)
        true = Counter((f.kind, f.severity) for f, j in self.pairs if j.verdict == "true")
        records = []
        for kind, severity in sorted(counts, key=lambda ks: (ks[0], SEVERITIES.index(ks[1]))):
            n = judged[kind, severity]
            records.append(
                {
                    "kind": kind,
                    "severity": severity,
                    "findings": counts[kind, severity],
                    "judged": n,
                    "true": true[kind, severity],
                    "precision": round(true[kind, severity] / n, 3) if n else None,
                }
            )
        return records

    def still_flagged(self) -> dict[int, str]:
        """For each lost finding whose line still has a finding on its entity, that finding."""
        by_line: dict[tuple[str, str, int, str], Row] = {}
        for f in self.findings:
            by_line.setdefault((f.pair, f.system, f.line, f.entity), f)
        out = {}
        for j in self.lost:
            f = by_line.get((j.pair, j.system, j.line, j.entity))
            if f is not None and j.entity:
                out[id(j)] = f"{f.kind} {f.text[:30]!r} → {f.fix[:30]!r}"
        return out

    def kinds(self) -> list[dict[str, object]]:
        """Return per kind: precision at warning+error and at error, unjudged and new counts."""
        unjudged = Counter(r.kind for r in self.unjudged)
        new = Counter(r.kind for r in self.new)
        records = []
        for kind in sorted({r.kind for r in self.findings}):
            own = [(f, j) for f, j in self.pairs if f.kind == kind]
            record: dict[str, object] = {"kind": kind}
            for label, levels in (("warning+error", ("warning", "error")), ("error", ("error",))):
                judged = [j for f, j in own if f.severity in levels]
                true = sum(j.verdict == "true" for j in judged)
                record[label] = round(true / len(judged), 3) if judged else None
                record[f"{label} judged"] = len(judged)
            record["unjudged"] = unjudged[kind]
            record["new"] = new[kind]
            records.append(record)
        return records


def measure(findings: list[Row], judged: list[Row], baseline: list[Row]) -> Report:
    """Match ``findings`` with the judgments and the baseline."""
    keys = Keys()
    pairs, unjudged, gone = match(findings, judged, keys)
    _, new, _ = match(unjudged, baseline, keys)
    lost = sorted((j for j in gone if j.verdict == "true"), key=_order)
    false_present = sorted(
        ((f, j) for f, j in pairs if j.verdict == "false"), key=lambda fj: _order(fj[0])
    )
    return Report(findings, pairs, unjudged, new, lost, false_present)


def sample(rows: Sequence[Row], per_stratum: int, seed: int) -> list[Row]:
    """Draw up to ``per_stratum`` rows of each (kind, severity), systems taking turns.

    Within a stratum, the systems (in a seeded random order) each give one row
    (drawn at random) in turn until the quota is met, so that one system's many
    findings of a kind do not crowd out the others'.
    """
    strata: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        strata[row.kind, row.severity].append(row)
    rng = random.Random(seed)
    chosen: list[Row] = []
    for stratum in sorted(strata):
        by_system: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in sorted(strata[stratum], key=lambda r: (r.pair, r.system, r.line, r.start)):
            by_system[row.pair, row.system].append(row)
        for items in by_system.values():
            rng.shuffle(items)
        turns = sorted(by_system)
        rng.shuffle(turns)
        taken = 0
        while taken < per_stratum and any(by_system.values()):
            for system in turns:
                if by_system[system] and taken < per_stratum:
                    chosen.append(by_system[system].pop())
                    taken += 1
    return chosen


def _pct(value: object) -> str:
    return "—" if value is None else f"{float(str(value)):.0%}"


def _brief(row: Row) -> str:
    what = row.text if len(row.text) <= 60 else row.text[:59] + "…"
    extra = f" ({row.entity})" if row.entity else (f" (fix {row.fix!r})" if row.fix else "")
    return f"{row.pair} {row.system}:{row.line} {row.kind}/{row.severity} {what!r}{extra}"


def render_md(report: Report) -> str:
    """Return the report as markdown."""
    out = [
        "Command per system (uk-en shown; ru-en uses its own files and --src-lang ru):",
        "",
        "    " + " ".join(command("uk-en", "Online-B")),
        "",
        (
            f"{sum(len(s) for _, s in PAIRS.values())} systems, {len(report.findings)} "
            f"findings, {len(report.pairs)} judged, {len(report.unjudged)} unjudged "
            f"({len(report.new)} not in the baseline run)."
        ),
        "",
        "| kind | severity | findings | judged | judged true | precision |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for c in report.cells():
        out.append(
            f"| {c['kind']} | {c['severity']} | {c['findings']} | {c['judged']} | {c['true']} "
            f"| {_pct(c['precision'])} |"
        )
    out += [
        "",
        (
            "| kind | precision, warning+error (judged) | precision, error (judged) "
            "| unjudged | of which new |"
        ),
        "|---|---:|---:|---:|---:|",
    ]
    for k in report.kinds():
        out.append(
            f"| {k['kind']} | {_pct(k['warning+error'])} ({k['warning+error judged']}) "
            f"| {_pct(k['error'])} ({k['error judged']}) | {k['unjudged']} | {k['new']} |"
        )
    still = report.still_flagged()
    out += ["", f"Judged-true findings lost: {len(report.lost)}"]
    out += [
        f"- {_brief(j)} [{j.where}]"
        + (f" — still flagged on its line as {still[id(j)]}" if id(j) in still else "")
        for j in report.lost
    ]
    out += ["", f"Judged-false findings still present: {len(report.false_present)}"]
    out += [f"- {_brief(f)}: {j.reason} [{j.where}]" for f, j in report.false_present]
    return "\n".join(out)


def render_json(report: Report) -> str:
    """Return the report as JSON."""

    def brief(row: Row) -> dict[str, object]:
        return {c: getattr(row, c) for c in (*BASELINE_COLUMNS, "verdict", "reason", "where")}

    return json.dumps(
        {
            "findings": len(report.findings),
            "judged": len(report.pairs),
            "unjudged": len(report.unjudged),
            "new": len(report.new),
            "by_kind_severity": report.cells(),
            "by_kind": report.kinds(),
            "lost": [brief(j) for j in report.lost],
            "false_present": [brief(j) for _, j in report.false_present],
        },
        ensure_ascii=False,
        indent=2,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=["md", "json"], default="md")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS, help="judgment TSV")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="baseline findings TSV")
    parser.add_argument(
        "--unjudged", type=Path, help="write the unjudged findings here, in the judgment shape"
    )
    parser.add_argument(
        "--new-only", action="store_true", help="with --unjudged: only those not in the baseline"
    )
    parser.add_argument(
        "--sample", type=Path, help="write a stratified sample of the unjudged findings here"
    )
    parser.add_argument(
        "--per-stratum", type=int, default=30, help="sample size per kind x severity"
    )
    parser.add_argument("--seed", type=int, default=20221207, help="sampling seed")
    parser.add_argument(
        "--write-baseline", action="store_true", help="record this run as the baseline"
    )
    parser.add_argument("--jobs", type=int, default=2, help="checks run at once")
    parser.add_argument(
        "--write-docids", action="store_true", help="write the uk-en docids file from its XML"
    )
    args = parser.parse_args(argv)
    if args.write_docids:
        write_docids("uk-en")
    try:
        judged = read_rows(args.judgments, judged=True)
        findings = run_all(args.jobs)
        if args.write_baseline:
            write_rows(args.baseline, findings, BASELINE_COLUMNS)
        baseline = read_rows(args.baseline, judged=False)
        report = measure(findings, judged, baseline)
        blank = [replace(r, verdict="", reason="") for r in report.unjudged]
        if args.unjudged:
            write_rows(args.unjudged, report.new if args.new_only else blank)
        if args.sample:
            write_rows(args.sample, sample(blank, args.per_stratum, args.seed))
    except BenchError as error:
        print(f"check_precision: {error}", file=sys.stderr)
        return 1
    print(render_md(report) if args.format == "md" else render_json(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
