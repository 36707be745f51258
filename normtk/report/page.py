"""Render an :class:`~normtk.report.analysis.Analysis` as one self-contained HTML page.

Every piece of input text goes through :func:`html.escape` (or, inside the
examples' JSON, has ``<``, ``>`` and ``&`` written as ``\\u`` escapes), and the
page's Content-Security-Policy allows only its own inline style and script:
nothing is loaded from anywhere, so the file opens offline from ``file://``.
Charts are static SVG with a table of the same figures beside each; the
script only builds the example rows on demand and filters the editor's view.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING

from normtk.report import charts
from normtk.report.analysis import ENTITY_KINDS, Analysis
from normtk.report.editor import editor_view
from normtk.report.escaping import e, script_json

if TYPE_CHECKING:
    from normtk.io.corpus import Corpus
    from normtk.score.entities import Estimate
    from normtk.score.results import Figure

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
SEVERITY_COLOURS: tuple[str, ...] = ("#c62828", "#ef6c00", "#78909c")


def _asset(name: str) -> str:
    return resources.files("normtk.report").joinpath("assets").joinpath(name).read_text("utf-8")


def _num(value: float | None, width: int = 2) -> str:
    return "–" if value is None else f"{value:.{width}f}"


def _p(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    star = "*" if value < 0.05 else ""
    return f"{value:.4f}{star}"


_FIGURE = re.compile(r"[-+–]?[0-9][0-9.,]*\*?( ± [0-9.]+| \[.*\]| \(.*\))?|–|")


def _table(
    head: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "", cls: str = "data"
) -> str:
    """Return a table; columns of words (names, n-grams) align left, figures right."""
    rows = [list(row) for row in rows]
    text = [
        any(not _FIGURE.fullmatch(str(row[i])) for row in rows if i < len(row))
        for i in range(len(head))
    ]
    out = [f'<table class="{e(cls)}">']
    if caption:
        out.append(f"<caption>{e(caption)}</caption>")
    left = ' class="t"'
    cells = "".join(f"<th{left if t else ''}>{e(h)}</th>" for h, t in zip(head, text, strict=True))
    out.append(f"<thead><tr>{cells}</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f"<td{left if i < len(text) and text[i] else ''}>{e(c)}</td>" for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _figure(chart: str, table: str, caption: str) -> str:
    return (
        f'<figure class="chart-box">{chart}<figcaption>{e(caption)}</figcaption>'
        f'<details class="as-table"><summary>the figures as a table</summary>{table}'
        "</details></figure>"
    )


def _interval(figure: Figure) -> tuple[float, float] | None:
    if figure.mean is None or figure.ci is None:
        return None
    return (figure.mean - figure.ci, figure.mean + figure.ci)


def _estimate(estimate: Estimate) -> str:
    if estimate.value is None:
        return "–"
    if estimate.low is None or estimate.high is None:
        return f"{estimate.value:.2f}"
    return f"{estimate.value:.2f} [{estimate.low:.2f}, {estimate.high:.2f}]"


def _bounds(estimate: Estimate) -> tuple[float, float] | None:
    if estimate.low is None or estimate.high is None:
        return None
    return (estimate.low, estimate.high)


# The sections.


def _metric_blocks(data: Analysis) -> list[str]:
    """Return each metric's ranked table and dot chart."""
    report = data.score
    views = report.views
    test = report.test is not None
    parts = []
    for metric in report.signatures["plain"]:
        # TER counts edits: lower is better.
        sign = 1.0 if metric.startswith("TER") else -1.0
        ranked = sorted(report.systems, key=lambda s: sign * s.views["plain"][metric].score)
        head = ["rank", "system", metric, "μ ± 95%"]
        if test:
            head.append("p")
        if "entities" in views:
            head += [f"{metric}/ne", "μ ± 95%"] + (["p"] if test else []) + ["Δ"]
        rows = []
        for rank, system in enumerate(ranked, start=1):
            plain = system.views["plain"][metric]
            row: list[object] = [rank, system.name, _num(plain.score), _pm(plain)]
            if test:
                row.append(_p(plain.p_value))
            if "entities" in views:
                norm = system.views["entities"][metric]
                row += [_num(norm.score), _pm(norm)]
                if test:
                    row.append(_p(norm.p_value))
                row.append(f"{norm.score - plain.score:+.2f}")
            rows.append(row)
        series = ["plain", "entity-normalized"] if "entities" in views else ["plain"]
        chart = charts.bar_chart(
            f"{metric} by system (ranked)",
            [s.name for s in ranked],
            series,
            {s.name: [s.views[v][metric].score for v in views] for s in ranked},
            {s.name: [_interval(s.views[v][metric]) for v in views] for s in ranked},
            dots=True,
            digits=2,
        )
        table = _table(head, rows, f"{metric}, systems ranked by the plain score")
        parts.append(
            f'<div class="pair">{table}<figure class="chart-box">{chart}'
            f"<figcaption>{e(metric)}: dots are the corpus score, whiskers μ ± 95%"
            "</figcaption></figure></div>"
        )
    return parts


def _entity_block(data: Analysis) -> str:
    """Return the entity metrics table and chart (empty without entity metrics)."""
    report = data.score
    test = report.test is not None
    parts: list[str] = []
    with_entities = [s for s in report.systems if s.entities is not None]
    if with_entities:
        ranked_e = sorted(with_entities, key=lambda s: -((s.entities and s.entities.f1.value) or 0))
        head = ["system", "mentions", "ref", "matched", "precision", "recall", "F1"]
        head += ["p(F1)"] if test else []
        head += ["in style"]
        rows = []
        for s in ranked_e:
            ent = s.entities
            if ent is None:
                continue
            row = [
                s.name,
                ent.hypothesis_mentions,
                ent.reference_mentions,
                ent.matched,
                _estimate(ent.precision),
                _estimate(ent.recall),
                _estimate(ent.f1),
            ]
            if test:
                row.append(_p(ent.f1_p_value))
            row.append(_estimate(ent.compliance))
            rows.append(row)
        chart = charts.bar_chart(
            "Entity F1 and house-style compliance",
            [s.name for s in ranked_e],
            ["entity F1", "in house style"],
            {
                s.name: [s.entities.f1.value, s.entities.compliance.value]
                for s in ranked_e
                if s.entities
            },
            {
                s.name: [_bounds(s.entities.f1), _bounds(s.entities.compliance)]
                for s in ranked_e
                if s.entities
            },
            unit="%",
            dots=True,
            digits=2,
        )
        table = _table(
            head,
            rows,
            "Entities by gazetteer id, with bootstrap 95% intervals; "
            "in style: hypothesis mentions already in the house style",
        )
        parts.append(
            f'<h3>Entities</h3><div class="pair">{table}<figure class="chart-box">{chart}'
            "<figcaption>entity F1 and compliance, whiskers: 95% interval</figcaption>"
            "</figure></div>"
        )
    return "".join(parts)


def _overview(data: Analysis) -> str:
    report = data.score
    test = report.test is not None
    parts = ['<section id="overview"><h2>Overview</h2>']
    if test:
        parts.append(
            f"<p>Significance: sacrebleu's paired bootstrap ({report.n_samples} resamples) "
            f"against the baseline <b>{e(report.baseline)}</b>; * p &lt; 0.05. ± is the "
            "half-width of the 95% interval around the bootstrap mean μ. "
            "“/ne”: the same metric with entity names brought to one form on both sides "
            "(Kiev and Kyiv count as the same word).</p>"
        )
    else:
        parts.append("<p>± is the half-width of sacrebleu's bootstrap 95% interval.</p>")
    parts += _metric_blocks(data)
    parts.append(_entity_block(data))
    parts.append(_findings_overview(data))
    parts.append('<h3>Signatures</h3><dl class="sigs">')
    for view, signatures in report.signatures.items():
        for metric, sig in signatures.items():
            name = metric if view == "plain" else f"{metric}/ne"
            parts.append(f"<dt>{e(name)}</dt><dd><code>{e(sig.format())}</code></dd>")
    if report.entity_signature:
        parts.append(f"<dt>entities</dt><dd><code>{e(report.entity_signature)}</code></dd>")
    parts.append("</dl></section>")
    return "".join(parts)


def _pm(figure: Figure) -> str:
    if figure.mean is None or figure.ci is None:
        return "–"
    return f"{figure.mean:.2f} ± {figure.ci:.2f}"


def _findings_overview(data: Analysis) -> str:
    summaries = {s.system: s for s in data.summaries}
    severities = ["error", "warning", "info"]
    rows = []
    values = {}
    for system in data.systems:
        summary = summaries[system]
        counts = [summary.by_severity.get(s, 0) for s in severities]
        values[system] = [float(c) for c in counts]
        rows.append([system, summary.segments, summary.total, *counts])
    chart = charts.bar_chart(
        "Check findings by system",
        data.systems,
        severities,
        values,
        colours=SEVERITY_COLOURS,
        digits=0,
    )
    table = _table(["system", "segments", "findings", *severities], rows, "normtk check findings")
    return (
        '<h3>What an editor must fix</h3><div class="pair">'
        f'{table}<figure class="chart-box">{chart}<figcaption>findings of normtk check, '
        "by severity</figcaption></figure></div>"
    )


def _analysis(data: Analysis) -> str:
    systems = data.systems
    parts = ['<section id="analysis"><h2>Analysis</h2>']
    labels = [b.label for b in data.length_buckets]
    sizes = [len(b.indices) for b in data.length_buckets]
    parts.append(
        "<h3>Scores by reference length</h3><p>Corpus scores of the segments in each bucket "
        "of reference length (13a tokens), from the same segment statistics as the "
        "overall score.</p>"
    )
    for metric, per_system in data.length_scores.items():
        chart = charts.column_chart(f"{metric} by reference length", labels, systems, per_system)
        table = _table(
            ["system", *(f"{label} ({n})" for label, n in zip(labels, sizes, strict=True))],
            [[s, *(_num(v) for v in per_system[s])] for s in systems],
            f"{metric} per length bucket (segments in brackets)",
        )
        parts.append(_figure(chart, table, f"{metric} per reference-length bucket"))
    metric = data.sentence_metric
    chart = charts.column_chart(
        f"Segments by sentence {metric}",
        data.score_buckets,
        systems,
        {s: [float(c) for c in data.score_counts[s]] for s in systems},
    )
    table = _table(
        ["system", *data.score_buckets],
        [[s, *data.score_counts[s]] for s in systems],
        f"segments per sentence-{metric} bucket",
    )
    parts.append(f"<h3>Segments by sentence {e(metric)}</h3>")
    parts.append(_figure(chart, table, f"how many segments score in each {metric} bucket"))
    word_labels = [b.label for b in next(iter(data.word_buckets.values()))]
    chart = charts.column_chart(
        "Word F-measure by frequency in the reference",
        word_labels,
        systems,
        {s: [b.f_measure for b in data.word_buckets[s]] for s in systems},
    )
    rows = []
    for s in systems:
        rows.append(
            [
                s,
                *(
                    f"{b.f_measure:.1f} (P {_num(b.precision, 1)}, R {_num(b.recall, 1)})"
                    for b in data.word_buckets[s]
                ),
            ]
        )
    table = _table(["system", *word_labels], rows, "word F-measure (precision, recall)")
    parts.append(
        "<h3>Word accuracy by frequency</h3><p>Words (13a tokens) bucketed by how often the "
        "reference uses them (0: words the reference never uses); F-measure of the words "
        "each system matches in the reference, segment by segment.</p>"
    )
    parts.append(_figure(chart, table, "word F-measure per frequency bucket"))
    if data.ngrams:
        parts.append(
            "<h3>N-grams one system gets right more often</h3><p>Reference n-grams (1–4) "
            "matched by one system more often than by the other, ranked by compare-mt's "
            "smoothed ratio (a+1)/(a+b+2).</p>"
        )
        for number, comparison in enumerate(data.ngrams):
            left, right = comparison.left, comparison.right
            tables = []
            for title, rows_ in (
                (f"{left} better than {right}", comparison.left_better),
                (f"{right} better than {left}", comparison.right_better),
            ):
                tables.append(
                    _table(
                        ["n-gram", left, right, "ratio"],
                        [[r.ngram, r.left, r.right, f"{r.ratio:.2f}"] for r in rows_],
                        title,
                        "data ngrams",
                    )
                )
            parts.append(
                f'<details class="ngrams"{" open" if number == 0 else ""}>'
                f"<summary>{e(left)} vs {e(right)}</summary>"
                f'<div class="pair">{"".join(tables)}</div></details>'
            )
    parts.append(_entities(data))
    parts.append("</section>")
    return "".join(parts)


def _entities(data: Analysis) -> str:
    kinds = list(ENTITY_KINDS.values())
    if not data.entities:
        return "<h3>Entities by system</h3><p>No entity was dropped, misspelled or added.</p>"
    columns = [system for _ in kinds for system in data.systems]
    groups = [kind for kind in kinds for _ in data.systems]
    values = [
        [row.counts.get(system, {}).get(kind, 0) for kind in kinds for system in data.systems]
        for row in data.entities
    ]
    chart = charts.heat_map(
        "Entities × systems: findings per kind",
        [row.name for row in data.entities],
        columns,
        values,
        groups,
    )
    head = ["entity", *(f"{kind}: {system}" for kind in kinds for system in data.systems)]
    table = _table(
        head,
        [[row.name, *v] for row, v in zip(data.entities, values, strict=True)],
        "findings per entity, kind and system",
    )
    return (
        "<h3>Entities by system</h3><p>The entities most often dropped (missing-entity), "
        "misspelled (off-style) or added (added-entity) by each system.</p>"
        + _figure(chart, table, "entities × systems heat map")
    )


def _examples(data: Analysis, corpus: Corpus) -> str:
    rows = []
    for ex in data.examples:
        i = ex.index
        rows.append(
            {
                "loc": ex.location,
                "spread": round(ex.spread, 2),
                "src": corpus.src[i] if corpus.src is not None else None,
                "refs": [ref[i] for ref in corpus.refs],
                "hyps": [corpus.hyps[s][i] for s in data.systems],
                "scores": [round(ex.chrf[s], 2) for s in data.systems],
            }
        )
    payload = {"systems": data.systems, "metric": data.sentence_metric, "rows": rows}
    return (
        '<section id="examples"><h2>Examples</h2>'
        + (
            f"<p>The {len(rows)} segments whose sentence {e(data.sentence_metric)} differs "
            "most between systems. Words of an output that the reference does not have are "
            "highlighted; the best and worst score of each segment are marked.</p>"
            if rows
            else "<p>Examples compare two systems or more.</p>"
        )
        + '<div id="examples-list" class="examples"></div>'
        '<p><button type="button" id="examples-more">Show more examples</button> '
        '<span id="examples-count"></span></p>'
        f'<script type="application/json" id="examples-data">{script_json(payload)}</script>'
        "</section>"
    )


def _options(options: Mapping[str, str], systems: Sequence[str]) -> str:
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in options.items())
    names = "".join(
        f'<li><span class="swatch" style="background:{charts.colour(i)}"></span>{e(name)}</li>'
        for i, name in enumerate(systems)
    )
    return f'<dl class="options">{items}</dl><ul class="systems">{names}</ul>'


def render(data: Analysis, corpus: Corpus, *, title: str | None = None) -> str:
    """Return the whole page for ``data`` computed from ``corpus``."""
    from normtk import __version__

    heading = title or f"normtk report: {len(data.systems)} systems"
    body = [
        _overview(data),
        _analysis(data),
        _examples(data, corpus),
        editor_view(data, corpus),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="normtk {e(__version__)}">'
        f"<title>{e(heading)}</title><style>{_asset('report.css')}</style></head>"
        f"<body><header><h1>{e(heading)}</h1>{_options(data.options, data.systems)}"
        '<nav><a href="#overview">Overview</a> <a href="#analysis">Analysis</a> '
        '<a href="#examples">Examples</a> <a href="#editor">Editor’s view</a></nav></header>'
        f"<main>{''.join(body)}</main>"
        f"<footer>normtk {e(__version__)}</footer>"
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )
