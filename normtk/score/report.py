"""Render score reports as a table, JSON, TSV or LaTeX."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from normtk.errors import UsageError
from normtk.score.entities import EntityScores, Estimate
from normtk.score.results import Figure, ScoreReport, SentenceReport, SystemResult

REPORT_FORMATS: tuple[str, ...] = ("table", "json", "tsv", "latex")


def _num(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _estimate(estimate: Estimate) -> dict[str, float | None]:
    return {"value": estimate.value, "low": estimate.low, "high": estimate.high}


def entities_to_dict(scores: EntityScores) -> dict[str, Any]:
    """Return entity metrics as a JSON-ready dict."""
    return {
        "precision": _estimate(scores.precision),
        "recall": _estimate(scores.recall),
        "f1": _estimate(scores.f1),
        "compliance": _estimate(scores.compliance),
        "matched": scores.matched,
        "hypothesis_mentions": scores.hypothesis_mentions,
        "reference_mentions": scores.reference_mentions,
        "in_style": scores.in_style,
        "resolved": scores.resolved,
        "f1_p_value": _num(scores.f1_p_value),
    }


def _figure_dict(figure: Figure, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("mean", "ci", "p_value"):
        value = getattr(figure, key)
        if value is not None:
            out[f"{prefix}{key}"] = _num(value)
    return out


def _metric_dict(system: SystemResult, name: str) -> dict[str, Any]:
    plain = system.views["plain"][name]
    out: dict[str, Any] = {"score": plain.score, "detail": plain.detail, **_figure_dict(plain)}
    normalized = system.views.get("entities", {}).get(name)
    if normalized is not None:
        out["normalized"] = normalized.score
        out.update(_figure_dict(normalized, "normalized_"))
    return out


def report_to_dict(report: ScoreReport) -> dict[str, Any]:
    """Return a score report as a JSON-ready dict (full precision)."""
    normalized = "entities" in report.signatures
    out: dict[str, Any] = {
        "signatures": {k: v.format() for k, v in report.signatures["plain"].items()},
    }
    if normalized:
        out["normalized_signatures"] = {
            k: v.format() for k, v in report.signatures["entities"].items()
        }
        out["entity_signature"] = report.entity_signature
    if report.test is not None:
        out["test"] = {"type": report.test, "baseline": report.baseline, "n": report.n_samples}
    systems = []
    for system in report.systems:
        row: dict[str, Any] = {
            "name": system.name,
            "scores": {name: _metric_dict(system, name) for name in system.metrics},
        }
        if normalized:
            row["changed_segments"] = system.changed_segments
        if system.entities is not None:
            row["entities"] = entities_to_dict(system.entities)
        systems.append(row)
    out["systems"] = systems
    return out


def _fmt(value: float | None, width: int = 2) -> str:
    return "-" if value is None else f"{value:.{width}f}"


def _p(value: float | None) -> str:
    if value is None:
        return ""
    star = "*" if value < 0.05 else ""
    return f"{value:.4f}{star}"


def _columns(report: ScoreReport, width: int) -> list[tuple[str, list[str]]]:
    columns: list[tuple[str, list[str]]] = [("system", [s.name for s in report.systems])]
    tested = report.test is not None
    for name in report.signatures["plain"]:
        items = [s.views["plain"][name] for s in report.systems]
        columns.append((name, [_fmt(i.score, width) for i in items]))
        if any(i.ci is not None for i in items):
            columns.append(("±", [_fmt(i.ci, width) for i in items]))
        if tested:
            columns.append(("p", [_p(i.p_value) for i in items]))
        if "entities" in report.signatures:
            normalized = [s.views["entities"][name] for s in report.systems]
            columns.append((f"{name}/ne", [_fmt(n.score, width) for n in normalized]))
            columns.append(
                (
                    "Δ",
                    [
                        f"{n.score - i.score:+.{width}f}"
                        for i, n in zip(items, normalized, strict=True)
                    ],
                )
            )
            if any(n.ci is not None for n in normalized):
                columns.append(("±", [_fmt(n.ci, width) for n in normalized]))
            if tested:
                columns.append(("p", [_p(n.p_value) for n in normalized]))
    return columns


def _interval(estimate: Estimate, width: int) -> str:
    if estimate.value is None:
        return "-"
    if estimate.low is None or estimate.high is None:
        return _fmt(estimate.value, width)
    return f"{estimate.value:.{width}f} [{estimate.low:.{width}f}, {estimate.high:.{width}f}]"


def _entity_columns(report: ScoreReport, width: int) -> list[tuple[str, list[str]]]:
    systems = [s for s in report.systems if s.entities is not None]
    ents = [s.entities for s in systems if s.entities is not None]
    columns = [
        ("system", [s.name for s in systems]),
        ("mentions", [str(e.hypothesis_mentions) for e in ents]),
        ("ref", [str(e.reference_mentions) for e in ents]),
        ("matched", [str(e.matched) for e in ents]),
        ("precision [95% CI]", [_interval(e.precision, width) for e in ents]),
        ("recall [95% CI]", [_interval(e.recall, width) for e in ents]),
        ("F1 [95% CI]", [_interval(e.f1, width) for e in ents]),
    ]
    if report.test is not None:
        columns.append(("p(F1)", [_p(e.f1_p_value) for e in ents]))
    columns.append(("in style [95% CI]", [_interval(e.compliance, width) for e in ents]))
    return columns


def _align(columns: Sequence[tuple[str, list[str]]]) -> list[str]:
    widths = [max(len(head), *(len(c) for c in cells)) for head, cells in columns]
    lines = []
    rows = len(columns[0][1])
    header = [
        head.ljust(w) if i == 0 else head.rjust(w)
        for i, ((head, _), w) in enumerate(zip(columns, widths, strict=True))
    ]
    lines.append("  ".join(header).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in range(rows):
        cells = [
            cells[r].ljust(w) if i == 0 else cells[r].rjust(w)
            for i, ((_, cells), w) in enumerate(zip(columns, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def format_table(report: ScoreReport, width: int = 2) -> str:
    """Return the report as aligned text tables with the signatures below them."""
    lines = _align(_columns(report, width))
    if "entities" in report.signatures:
        lines.append("X/ne: the same metric after entity normalization of both sides; Δ = X/ne - X")
    if report.test is not None:
        test = "paired bootstrap" if report.test == "bs" else "approximate randomization"
        lines.append(f"p: {test} ({report.n_samples}) against {report.baseline}; * p < 0.05")
    lines.append("")
    for name, sig in report.signatures["plain"].items():
        lines.append(f"{name}: {sig.format()}")
    for name, sig in report.signatures.get("entities", {}).items():
        lines.append(f"{name}/ne: {sig.format()}")
    if any(s.entities is not None for s in report.systems):
        lines.append("")
        lines.append(
            "Entities (by gazetteer id; 'in style' = hypothesis mentions already in house style)"
        )
        lines += _align(_entity_columns(report, width))
        if report.test is not None:
            lines.append(
                f"p(F1): paired bootstrap of entity F1 against {report.baseline} "
                "(resamples as in the signature); * p < 0.05"
            )
        if report.entity_signature:
            lines.append(f"entities: {report.entity_signature}")
    return "\n".join(lines) + "\n"


def format_tsv(report: ScoreReport) -> str:
    """Return the report as TSV in long form: one row per system, figure and variant."""
    head = ["system", "metric", "variant", "score", "mean", "ci", "low", "high", "p_value"]
    rows = ["\t".join(head)]

    def cell(value: float | None) -> str:
        return "" if value is None else repr(float(value))

    for system in report.systems:
        for name in system.metrics:
            for view, figures in system.views.items():
                item = figures[name]
                rows.append(
                    "\t".join(
                        [
                            system.name,
                            name,
                            "plain" if view == "plain" else "normalized",
                            cell(item.score),
                            cell(item.mean),
                            cell(item.ci),
                            "",
                            "",
                            cell(item.p_value),
                        ]
                    )
                )
        if system.entities is not None:
            e = system.entities
            for name, est, p in (
                ("entity-precision", e.precision, None),
                ("entity-recall", e.recall, None),
                ("entity-f1", e.f1, e.f1_p_value),
                ("entity-compliance", e.compliance, None),
            ):
                rows.append(
                    "\t".join(
                        [
                            system.name,
                            name,
                            "entities",
                            cell(est.value),
                            "",
                            "",
                            cell(est.low),
                            cell(est.high),
                            cell(_num(p)),
                        ]
                    )
                )
    return "\n".join(rows) + "\n"


def _latex_escape(text: str) -> str:
    for char, repl in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("_", r"\_"),
        ("#", r"\#"),
        ("$", r"\$"),
        ("{", r"\{"),
        ("}", r"\}"),
    ):
        text = text.replace(char, repl)
    return text.replace("±", r"$\pm$").replace("Δ", r"$\Delta$")


def format_latex(report: ScoreReport, width: int = 2) -> str:
    """Return the report as LaTeX ``tabular`` environments (booktabs rules)."""
    out = []
    for columns in [_columns(report, width)] + (
        [_entity_columns(report, width)] if any(s.entities for s in report.systems) else []
    ):
        spec = "l" + "r" * (len(columns) - 1)
        out.append(f"\\begin{{tabular}}{{{spec}}}")
        out.append("\\toprule")
        out.append(" & ".join(_latex_escape(head) for head, _ in columns) + r" \\")
        out.append("\\midrule")
        for r in range(len(columns[0][1])):
            out.append(" & ".join(_latex_escape(cells[r]) for _, cells in columns) + r" \\")
        out.append("\\bottomrule")
        out.append("\\end{tabular}")
        out.append("")
    for name, sig in report.signatures["plain"].items():
        out.append(f"% {name}: {sig.format()}")
    for name, sig in report.signatures.get("entities", {}).items():
        out.append(f"% {name}/ne: {sig.format()}")
    return "\n".join(out) + "\n"


def format_report(report: ScoreReport, fmt: str = "table", width: int = 2) -> str:
    """Render ``report`` in one of :data:`REPORT_FORMATS`."""
    if fmt == "table":
        return format_table(report, width)
    if fmt == "json":
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "tsv":
        return format_tsv(report)
    if fmt == "latex":
        return format_latex(report, width)
    msg = f"unknown format {fmt!r} (choose from {', '.join(REPORT_FORMATS)})"
    raise UsageError(msg)


def format_sentences(
    report: SentenceReport, segment_ids: Sequence[str], fmt: str = "table", width: int = 2
) -> str:
    """Render segment-level scores: one row per segment and system."""
    plain = report.scores["plain"]
    normalized = report.scores.get("entities")
    if fmt == "json":
        data = {
            "signatures": {k: v.format() for k, v in report.signatures.items()},
            "segments": list(segment_ids),
            "systems": {
                name: {
                    "scores": metrics,
                    **({"normalized": normalized[name]} if normalized else {}),
                }
                for name, metrics in plain.items()
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt not in ("table", "tsv"):
        msg = f"--sentence-level prints table, tsv or json, not {fmt}"
        raise UsageError(msg)
    metrics = list(report.signatures)
    head = ["segment", "system", *metrics]
    if normalized:
        head += [f"{m}/ne" for m in metrics]
    rows = ["\t".join(head)]
    for name, scores in plain.items():
        for i, seg in enumerate(segment_ids):
            cells = [seg, name, *(f"{scores[m][i]:.{width}f}" for m in metrics)]
            if normalized:
                cells += [f"{normalized[name][m][i]:.{width}f}" for m in metrics]
            rows.append("\t".join(cells))
    return "\n".join(rows) + "\n"
