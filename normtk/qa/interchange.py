"""Findings for code-review tools: SARIF 2.1.0 and reviewdog's diagnostic format (rdjsonl).

Both name the file a finding is in and its line and columns there. A finding
is in the file its system was read from (``paths``), on the line of its
segment (the line number for plain text; for WMT XML, TSV and JSONL input,
the segment's position). Columns are 1-based: SARIF counts code points (its
run says ``columnKind: unicodeCodePoints``); reviewdog counts UTF-8 bytes, as
its format prescribes. The spans of :class:`~normtk.qa.findings.Finding` are
0-based code points.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from normtk.qa.findings import Finding, Severity

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RD_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _path(finding: Finding, paths: Mapping[str, str]) -> str:
    return paths.get(finding.system, finding.system)


def sarif(findings: Sequence[Finding], paths: Mapping[str, str], rules: Mapping[str, str]) -> str:
    """Return ``findings`` as one SARIF 2.1.0 log, one run, rules listed by id.

    ``rules`` maps each kind to its rule id (:data:`normtk.qa.checks.RULES`).
    """
    from normtk import __version__

    rule_ids = list(dict.fromkeys(rules.values()))
    index = {rule: i for i, rule in enumerate(rule_ids)}
    results = []
    for f in findings:
        region = {
            "startLine": f.segment,
            "startColumn": f.start + 1,
            "endLine": f.segment,
            "endColumn": f.end + 1,
            "snippet": {"text": f.text},
        }
        location = {
            "physicalLocation": {"artifactLocation": {"uri": _path(f, paths)}, "region": region}
        }
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index.get(f.rule, 0),
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "properties": {"system": f.system, "segment": f.location, "kind": f.kind},
        }
        if f.entity:
            result["properties"]["entity"] = f.entity
        if f.replacement is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace with {f.replacement!r}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _path(f, paths)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        k: region[k]
                                        for k in (
                                            "startLine",
                                            "startColumn",
                                            "endLine",
                                            "endColumn",
                                        )
                                    },
                                    "insertedContent": {"text": f.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "normtk",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/normtk/",
                        "rules": [
                            {"id": rule, "name": rule, "shortDescription": {"text": kind}}
                            for kind, rule in rules.items()
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _byte_column(line: str, offset: int) -> int:
    return len(line[:offset].encode("utf-8")) + 1


def rdjsonl(
    findings: Sequence[Finding], paths: Mapping[str, str], texts: Mapping[str, Sequence[str]]
) -> str:
    """Return ``findings`` as reviewdog diagnostics, one JSON object a line.

    ``texts`` holds each system's segments, to count the UTF-8 bytes before a
    span; a finding whose fix replaces its span carries it as a suggestion.
    """
    lines = []
    for f in findings:
        segments = texts.get(f.system, ())
        hyp = segments[f.segment - 1] if 0 < f.segment <= len(segments) else f.text
        span = {
            "start": {"line": f.segment, "column": _byte_column(hyp, f.start)},
            "end": {"line": f.segment, "column": _byte_column(hyp, f.end)},
        }
        diagnostic: dict[str, Any] = {
            "message": f.message,
            "location": {"path": _path(f, paths), "range": span},
            "severity": _RD_SEVERITIES[f.severity],
            "source": {"name": "normtk"},
            "code": {"value": f.rule},
        }
        if f.replacement is not None:
            diagnostic["suggestions"] = [{"range": span, "text": f.replacement}]
        lines.append(json.dumps(diagnostic, ensure_ascii=False) + "\n")
    return "".join(lines)
