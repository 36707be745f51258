"""Static SVG charts, drawn in Python: no script is needed to see them.

Every label is XML-escaped here, so callers pass raw strings. Each chart is
one ``<svg class="chart">`` element that scales to the page's width; each bar
and cell carries a ``<title>`` with its exact figure, shown on hover.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

#: One colour per system (Tableau 10), repeated past ten systems.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
#: Two shades for the plain and the entity-normalized view.
VIEW_COLOURS: tuple[str, ...] = ("#4e79a7", "#f28e2b")

_FONT = 12
_CHAR = 6.6  # average width of a character at _FONT px, for laying out labels


def colour(i: int) -> str:
    """Return the colour of the ``i``-th system."""
    return PALETTE[i % len(PALETTE)]


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{escape(label)}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-size="{_FONT}">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def _scale(values: Sequence[float | None], floor: float = 0.0) -> tuple[float, float]:
    present = [v for v in values if v is not None]
    high = max(present, default=1.0)
    low = min(floor, *present) if present else floor
    if high <= low:
        high = low + 1.0
    return low, high


def _legend(names: Sequence[str], colours: Sequence[str], x: float, y: float) -> list[str]:
    out = []
    for i, (name, fill) in enumerate(zip(names, colours, strict=True)):
        top = y + i * 16
        out.append(f'<rect x="{x:.1f}" y="{top - 9:.1f}" width="10" height="10" fill="{fill}"/>')
        out.append(_text(x + 14, top, name))
    return out


def bar_chart(
    label: str,
    categories: Sequence[str],
    series: Sequence[str],
    values: Mapping[str, Sequence[float | None]],
    intervals: Mapping[str, Sequence[tuple[float, float] | None]] | None = None,
    unit: str = "",
    colours: Sequence[str] = VIEW_COLOURS,
    dots: bool = False,
    digits: int = 1,
) -> str:
    """Draw horizontal bars: one group per category (a system), one bar per series.

    ``values[category][k]`` is series ``k``'s figure; ``intervals`` gives
    each bar's (low, high) whisker; ``colours`` one colour per series. With
    ``dots`` each figure is a dot on an axis zoomed to the figures and their
    whiskers (scores whose differences a bar from zero would hide).
    """
    left = max(60.0, _CHAR * max((len(c) for c in categories), default=4) + 12)
    plot = 360.0
    legend = max(80.0, _CHAR * max((len(s) for s in series), default=4) + 30)
    bar, gap = 12.0, 8.0
    group = bar * len(series) + gap
    top = 24.0
    height = top + group * len(categories) + 24
    width = left + plot + 60 + legend
    every = [v for c in categories for v in values[c]]
    for c in categories:
        for whisker in (intervals or {}).get(c, ()):
            if whisker is not None:
                every.extend(whisker)
    if dots:
        present = [v for v in every if v is not None]
        lowest, highest = min(present, default=0.0), max(present, default=1.0)
        pad = max((highest - lowest) * 0.1, 0.5)
        low, high = lowest - pad, highest + pad
    else:
        low, high = _scale(every)
    span = high - low

    def x(value: float) -> float:
        return left + plot * (value - low) / span

    body = [_text(left, 14, label, extra=' font-weight="bold"')]
    for tick in _ticks(low, high):
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 4:.1f}" x2="{x(tick):.1f}" '
            f'y2="{height - 20:.1f}" stroke="#ddd"/>'
        )
        body.append(_text(x(tick), height - 6, f"{tick:g}", "middle"))
    for row, category in enumerate(categories):
        y0 = top + row * group
        body.append(_text(left - 6, y0 + group / 2 + 2, category, "end"))
        for k, name in enumerate(series):
            value = values[category][k]
            if value is None:
                continue
            y = y0 + k * bar
            fill = colours[k % len(colours)]
            tip = f"{category} · {name}: {value:.2f}{unit}"
            whisker = (intervals or {}).get(category, [None] * len(series))[k]
            if whisker is not None:
                tip += f" [{whisker[0]:.2f}, {whisker[1]:.2f}]"
            if dots:
                body.append(
                    f'<circle cx="{x(value):.1f}" cy="{y + (bar - 2) / 2:.1f}" r="4" '
                    f'fill="{fill}"><title>{escape(tip)}</title></circle>'
                )
            else:
                body.append(
                    f'<rect x="{left:.1f}" y="{y:.1f}" width="{max(x(value) - left, 0.5):.1f}" '
                    f'height="{bar - 2:.1f}" fill="{fill}"><title>{escape(tip)}</title></rect>'
                )
            if whisker is not None:
                mid = y + (bar - 2) / 2
                body.append(
                    f'<path d="M{x(whisker[0]):.1f} {mid:.1f}H{x(whisker[1]):.1f}'
                    f"M{x(whisker[0]):.1f} {mid - 3:.1f}v6M{x(whisker[1]):.1f} {mid - 3:.1f}v6"
                    '" stroke="#222" fill="none"/>'
                )
            label_x = max(x(value), x(whisker[1]) if whisker is not None else 0.0) + 6
            body.append(_text(label_x, y + bar - 3, f"{value:.{digits}f}", extra=' font-size="10"'))
    if len(series) > 1:
        body += _legend(
            series,
            [colours[k % len(colours)] for k in range(len(series))],
            left + plot + 60,
            top + 8,
        )
    return _svg(width, height, label, body)


def column_chart(
    label: str,
    groups: Sequence[str],
    series: Sequence[str],
    values: Mapping[str, Sequence[float | None]],
    unit: str = "",
) -> str:
    """Draw vertical bars: one group per bucket on the x axis, one bar per system (series).

    ``values[system][g]`` is the figure of group ``g``.
    """
    plot_h = 220.0
    bar = max(3.0, min(14.0, 560.0 / max(1, len(groups) * len(series))))
    group = bar * len(series) + 10
    left, top = 44.0, 24.0
    legend = max(80.0, _CHAR * max((len(s) for s in series), default=4) + 30)
    width = left + group * len(groups) + 20 + legend
    height = top + plot_h + 40
    low, high = _scale([v for s in series for v in values[s]])
    span = high - low

    def y(value: float) -> float:
        return top + plot_h - plot_h * (value - low) / span

    body = [_text(left, 14, label, extra=' font-weight="bold"')]
    for tick in _ticks(low, high):
        body.append(
            f'<line x1="{left:.1f}" y1="{y(tick):.1f}" x2="{left + group * len(groups):.1f}" '
            f'y2="{y(tick):.1f}" stroke="#ddd"/>'
        )
        body.append(_text(left - 4, y(tick) + 4, f"{tick:g}", "end"))
    for g, name in enumerate(groups):
        x0 = left + g * group + 5
        body.append(_text(x0 + bar * len(series) / 2, top + plot_h + 16, name, "middle"))
        for k, system in enumerate(series):
            value = values[system][g]
            if value is None:
                continue
            tip = f"{system} · {name}: {value:.2f}{unit}"
            base = y(max(low, 0.0))
            body.append(
                f'<rect x="{x0 + k * bar:.1f}" y="{min(y(value), base):.1f}" '
                f'width="{bar - 1:.1f}" height="{max(abs(base - y(value)), 0.5):.1f}" '
                f'fill="{colour(k)}"><title>{escape(tip)}</title></rect>'
            )
    body += _legend(series, [colour(k) for k in range(len(series))], width - legend + 10, top + 8)
    return _svg(width, height, label, body)


def heat_map(
    label: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[int]],
    column_groups: Sequence[str] = (),
) -> str:
    """Draw a grid of counts, darker for more: ``values[row][column]``.

    ``column_groups`` (one per column) are written above runs of columns.
    """
    cell_w, cell_h = 30.0, 18.0
    left = max(60.0, _CHAR * max((len(r) for r in rows), default=4) + 12)
    head = 18.0 + _CHAR * max((len(c) for c in columns), default=4) * 0.72
    top = 24.0 + (14.0 if column_groups else 0.0) + head
    width = left + cell_w * len(columns) + head
    height = top + cell_h * len(rows) + 10
    peak = max((v for row in values for v in row), default=0) or 1
    body = [_text(4, 14, label, extra=' font-weight="bold"')]
    previous = None
    for c, group in enumerate(column_groups):
        if group != previous:
            x = left + c * cell_w
            body.append(_text(x + 2, 36, group, extra=' font-weight="bold"'))
            body.append(
                f'<line x1="{x:.1f}" y1="40" x2="{x:.1f}" y2="{height - 10:.1f}" stroke="#888"/>'
            )
            previous = group
    for c, name in enumerate(columns):
        x = left + c * cell_w + cell_w / 2
        body.append(
            f'<text transform="translate({x + 4:.1f},{top - 4:.1f}) rotate(-45)" '
            f'font-size="10">{escape(name)}</text>'
        )
    for r, name in enumerate(rows):
        y = top + r * cell_h
        body.append(_text(left - 6, y + cell_h - 5, name, "end"))
        for c, value in enumerate(values[r]):
            shade = value / peak
            fill = f"rgba(200,30,30,{0.08 + 0.92 * shade:.2f})" if value else "#f4f4f4"
            tip = f"{name} · {columns[c]}"
            if column_groups:
                tip += f" ({column_groups[c]})"
            body.append(
                f'<rect x="{left + c * cell_w:.1f}" y="{y:.1f}" width="{cell_w - 1:.1f}" '
                f'height="{cell_h - 1:.1f}" fill="{fill}"><title>{escape(tip)}: {value}'
                "</title></rect>"
            )
            if value:
                ink = "#fff" if shade > 0.5 else "#222"
                body.append(
                    _text(
                        left + c * cell_w + cell_w / 2,
                        y + cell_h - 5,
                        str(value),
                        "middle",
                        f' fill="{ink}" font-size="10"',
                    )
                )
    return _svg(width, height, label, body)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values spanning ``low``-``high``."""
    raw = (high - low) / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    while raw < magnitude and magnitude > 1e-6:
        magnitude /= 10
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = step * int(low / step)
    ticks = []
    value = start
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(round(value, 6))
        value += step
    return ticks
