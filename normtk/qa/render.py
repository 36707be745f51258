"""Reports of findings: a table for people, JSON, JSON lines and TSV for programs.

Spans (``start``, ``end``) are offsets in code points into the hypothesis
segment, as Python indexes strings; SARIF and reviewdog output convert them
(:mod:`normtk.qa.interchange`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from normtk.errors import UsageError
from normtk.qa.findings import Finding, Summary

REPORT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "tsv", "sarif", "rdjsonl")
_TSV_COLUMNS = (
    "system", "segment", "doc_id", "seg_id", "severity", "kind", "start", "end", "text", "fix",
    "entity", "message",
)  # fmt: skip


def render(
    findings: Sequence[Finding],
    summaries: Sequence[Summary],
    fmt: str = "table",
    *,
    paths: Mapping[str, str] | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Return findings and summaries as text in one of :data:`REPORT_FORMATS`.

    ``json`` holds one object per system with its summary and findings;
    ``jsonl`` and ``tsv`` hold one finding a line and no summary; ``sarif``
    (SARIF 2.1.0) and ``rdjsonl`` (reviewdog) place each finding in the file
    its system was read from (``paths``, system -> file) and need each
    system's segments (``texts``) for reviewdog's byte columns.
    """
    if fmt in {"sarif", "rdjsonl"}:
        from normtk.qa import interchange
        from normtk.qa.checks import RULES

        if fmt == "sarif":
            return interchange.sarif(findings, paths or {}, RULES)
        return interchange.rdjsonl(findings, paths or {}, texts or {})
    if fmt == "json":
        systems = [
            {
                "system": summary.system,
                "summary": summary.to_dict(),
                "findings": [f.to_dict() for f in findings if f.system == summary.system],
            }
            for summary in summaries
        ]
        return json.dumps({"systems": systems}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "tsv":
        rows = ["\t".join(_TSV_COLUMNS)]
        for finding in findings:
            data = finding.to_dict()
            rows.append("\t".join(_tsv_cell(data[column]) for column in _TSV_COLUMNS))
        return "\n".join(rows) + "\n"
    if fmt != "table":
        msg = f"unknown report format {fmt!r} (choose from {', '.join(REPORT_FORMATS)})"
        raise UsageError(msg)
    return _table(findings, summaries)


def _tsv_cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


def _table(findings: Sequence[Finding], summaries: Sequence[Summary]) -> str:
    lines: list[str] = []
    several = len(summaries) > 1
    for summary in summaries:
        own = [f for f in findings if f.system == summary.system]
        if several or not lines:
            lines.append(f"== {summary.system}")
        if own:
            rows = [["where", "severity", "kind", "span", "text", "fix", "message"]]
            rows += [
                [
                    f.location,
                    str(f.severity),
                    f.kind,
                    f"{f.start}-{f.end}",
                    _short(f.text, 30),
                    _short(f.fix or "-", 24),
                    f.message,
                ]
                for f in own
            ]
            lines += _align(rows)
            lines.append("")
        counts = ", ".join(
            f"{n} {s}{'s' if n != 1 and s != 'info' else ''}"
            for s, n in summary.by_severity.items()
        )
        lines.append(
            f"{summary.system}: {summary.total} findings in {summary.segments} segments ({counts})"
        )
        if summary.by_kind:
            rows = [["kind", *summary.by_severity]]
            rows += [
                [kind, *(str(counts_.get(s, 0)) for s in summary.by_severity)]
                for kind, counts_ in summary.by_kind.items()
            ]
            lines += ["", *_align(rows)]
        if summary.entities:
            rows = [["entity", "findings", "kinds", "written"]]
            rows += [
                [
                    e.entity,
                    str(e.total),
                    ", ".join(f"{k} {n}" for k, n in e.by_kind.items()),
                    ", ".join(e.examples) or "-",
                ]
                for e in summary.entities
            ]
            lines += ["", *_align(rows)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
