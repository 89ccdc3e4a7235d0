"""Charts of timelines and counts: SVG written by hand (no dependency), PNG through matplotlib.

The SVG scales with its ``viewBox`` (a phone shows the whole chart), carries a ``<title>`` and
``role="img"`` for screen readers, and escapes every text it draws. Colours are the Okabe-Ito palette,
which readers with the common colour-vision deficiencies can tell apart; "other" is grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from onrecord.errors import ConfigError
from onrecord.timeline import OTHER, Timeline

__all__ = ["PALETTE", "colour", "dashed", "svg_bars", "svg_timeline", "write_chart", "y_ticks"]

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
GREY = "#999999"
FONT = 12  # px
CHAR = 7.0  # px: a generous average width of one character at FONT, to keep labels apart
_LEGEND_LINE = 18


def colour(index: int, label: str) -> str:
    return GREY if label == OTHER else PALETTE[index % len(PALETTE)]


def dashed(index: int, label: str) -> bool:
    """Lines past the palette's length repeat its colours, dashed."""
    return label != OTHER and index >= len(PALETTE)


def y_ticks(maximum: int) -> tuple[int, ...]:
    """3 to 5 evenly spaced integer ticks from 0 that reach ``maximum`` (steps of 1, 2 or 5 times 10^n)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(maximum / step) <= 4:
                return tuple(step * i for i in range(max(2, math.ceil(maximum / step)) + 1))
        magnitude *= 10


def _svg_open(width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" style="max-width:100%;height:auto"'
        f' font-family="system-ui, sans-serif" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" font-size="{FONT + 3}" font-weight="bold">{escape(title)}</text>',
    ]


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _legend(tl: Timeline, width: int) -> list[list[tuple[int, str]]]:
    """The legend's lines: (series index, shown label), wrapped to ``width``."""
    lines: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for i, s in enumerate(tl.series):
        label = f"{_short(s.label)} ({s.total})"
        room = 24 + len(label) * CHAR
        if lines[-1] and used + room > width:
            lines.append([])
            used = 0.0
        lines[-1].append((i, label))
        used += room
    return lines


def svg_timeline(tl: Timeline, title: str, width: int = 720, height: int = 320) -> str:
    """A line chart of ``tl``: one line with dots per series, integer y ticks, a legend."""
    first, last = (tl.periods[0], tl.periods[-1]) if tl.periods else ("", "")
    description = f"{tl.total} statements by {tl.period}" + (f", {first} to {last}" if first else "")
    out = _svg_open(width, height, title, description)
    legend = _legend(tl, width - 16)
    left, right, top = 48, width - 28, 36
    bottom = height - 30 - len(legend) * _LEGEND_LINE
    ticks = y_ticks(max((max(s.counts, default=0) for s in tl.series), default=0))

    def y(count: int) -> float:
        return bottom - (bottom - top) * count / ticks[-1]

    n = len(tl.periods)

    def x(index: int) -> float:
        return (left + right) / 2 if n == 1 else left + (right - left) * index / (n - 1)

    for tick in ticks:
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    if not n:
        middle = f'x="{(left + right) / 2}" y="{(top + bottom) / 2}" text-anchor="middle"'
        out.append(f"<text {middle}>no dated statements</text>")
    # thin the x labels: each needs its width and a gap before the next one shown
    slot = (right - left) / max(n - 1, 1)
    every = max(1, math.ceil((max((len(p) for p in tl.periods), default=0) * CHAR + 12) / slot))
    for i, label in enumerate(tl.periods):
        if i % every == 0:
            out.append(
                f'<text class="x-label" x="{x(i):.1f}" y="{bottom + 18}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    radius = 3 if n <= 24 else 2
    for i, s in enumerate(tl.series):
        fill = colour(i, s.label)
        points = " ".join(f"{x(j):.1f},{y(c):.1f}" for j, c in enumerate(s.counts))
        out.append(f'<g class="series" fill="{fill}" stroke="{fill}">')
        dash = ' stroke-dasharray="6 3"' if dashed(i, s.label) else ""
        out.append(f'<polyline points="{points}" fill="none" stroke-width="2"{dash}/>')
        for j, c in enumerate(s.counts):
            tip = escape(f"{s.label}, {tl.periods[j]}: {c}")
            out.append(f'<circle cx="{x(j):.1f}" cy="{y(c):.1f}" r="{radius}"><title>{tip}</title></circle>')
        out.append("</g>")
    for line_no, line in enumerate(legend):
        at, base = 8.0, height - 12 - (len(legend) - 1 - line_no) * _LEGEND_LINE
        for i, label in line:
            fill = colour(i, tl.series[i].label)
            out.append(f'<rect x="{at:.1f}" y="{base - 10}" width="14" height="10" fill="{fill}"/>')
            out.append(f'<text class="legend" x="{at + 18:.1f}" y="{base}">{escape(label)}</text>')
            at += 24 + len(label) * CHAR
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_bars(rows: Sequence[tuple[str, int]], title: str, width: int = 720) -> str:
    """A horizontal bar chart: one row per (label, count), in the order given."""
    bar_height, gap, top = 16, 6, 36
    height = top + max(len(rows), 1) * (bar_height + gap) + 12
    out = _svg_open(width, height, title, f"{len(rows)} bars, {sum(n for _, n in rows)} in all")
    label_width = min(max((len(_short(label)) for label, _ in rows), default=0) * CHAR + 8, width * 0.4)
    count_width = max((len(str(n)) for _, n in rows), default=1) * CHAR + 8
    span = width - 8 - label_width - count_width
    most = max((n for _, n in rows), default=0) or 1
    if not rows:
        out.append(f'<text x="8" y="{top + bar_height}">nothing to show</text>')
    for i, (label, count) in enumerate(rows):
        y = top + i * (bar_height + gap)
        length = span * count / most
        out.append(
            f'<text x="{label_width:.1f}" y="{y + 12}" text-anchor="end">{escape(_short(label))}'
            f"<title>{escape(label)}</title></text>"
        )
        out.append(
            f'<rect class="bar" x="{label_width + 4:.1f}" y="{y}" width="{length:.1f}"'
            f' height="{bar_height}" fill="{PALETTE[0]}"/>'
        )
        out.append(f'<text x="{label_width + 8 + length:.1f}" y="{y + 12}">{count}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_chart(tl: Timeline, path: Path, title: str) -> None:
    """Draw ``tl`` into ``path``: SVG for ``.svg``, PNG (through matplotlib) for ``.png``."""
    suffix = path.suffix.lower()
    if suffix not in {".svg", ".png"}:
        raise ConfigError(f"cannot draw a chart into {path.name!r}: name a .svg or .png file")
    if not path.parent.is_dir():
        raise ConfigError(f"cannot write {path.name}: there is no folder {path.parent}")
    if suffix == ".svg":
        path.write_text(svg_timeline(tl, title), encoding="utf-8")
    else:
        _write_png(tl, path, title)


def _write_png(tl: Timeline, path: Path, title: str) -> None:
    try:  # imported here: only PNG needs it, and it is an extra
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        raise ConfigError(
            "PNG charts need matplotlib: pip install 'onrecord[charts]' (or write a .svg)"
        ) from None
    figure = Figure(figsize=(7.2, 3.2), dpi=150)
    FigureCanvasAgg(figure)  # the Agg backend, without pyplot's global state
    axes = figure.add_subplot()
    positions = range(len(tl.periods))
    for i, s in enumerate(tl.series):
        axes.plot(
            positions,
            s.counts,
            marker="o",
            color=colour(i, s.label),
            linestyle="--" if dashed(i, s.label) else "-",
            label=f"{s.label} ({s.total})",
        )
    every = max(1, math.ceil(len(tl.periods) / 12))
    axes.set_xticks(list(positions)[::every], list(tl.periods)[::every])
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    axes.set_ylim(bottom=0)
    axes.set_title(title, loc="left", fontsize=10)
    axes.grid(axis="y", color="#dddddd")
    axes.spines[["top", "right"]].set_visible(False)
    if tl.series:
        axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    figure.tight_layout()
    figure.savefig(path, format="png")
