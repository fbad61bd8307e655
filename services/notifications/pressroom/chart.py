"""The press pack's chart as a PNG, drawn server-side with matplotlib's Agg canvas (no display,
no pyplot global state, so concurrent requests do not share a figure).

Horizontal bars, because the categories are long Vietnamese words (sector and category
names); the value is printed at the end of each bar so the chart reads in print. The output is
deterministic: fixed size, and no "Software" or date in the PNG's metadata.
"""

from __future__ import annotations

import textwrap
from io import BytesIO
from typing import Final

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from services.notifications.domain.press.model import Chart

WIDTH_PX: Final = 1000
HEIGHT_PX: Final = 560
_DPI: Final = 100
_COLOURS: Final = ("#1f5fa8", "#e0892b", "#3a8f5c")
_LABEL_WIDTH: Final = 28
"""Characters per line of a category's label before it wraps."""
_FEWEST_ROWS: Final = 4


def chart_png(chart: Chart) -> bytes:
    figure = Figure(figsize=(WIDTH_PX / _DPI, HEIGHT_PX / _DPI), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    count = len(chart.series)
    height = 0.8 / max(count, 1)
    positions = range(len(chart.categories))
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + height * (index + 0.5) for p in positions]
        bars = axes.barh(
            offsets, series.values, height=height, label=series.name,
            color=_COLOURS[index % len(_COLOURS)],
        )  # fmt: skip
        axes.bar_label(bars, padding=3, fontsize=10)
    axes.set_yticks(
        list(positions), [textwrap.fill(c, _LABEL_WIDTH) for c in chart.categories], fontsize=10
    )
    # the first category on top; a chart of one or two categories keeps slim bars
    axes.set_ylim(max(len(chart.categories), _FEWEST_ROWS) - 0.5, -0.5)
    axes.xaxis.set_visible(False)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.margins(x=0.12)
    figure.suptitle(textwrap.fill(chart.title, 80), fontsize=13, fontweight="bold")
    if count > 1:
        figure.legend(loc="lower center", ncols=count, frameon=False)
    figure.tight_layout(rect=(0, 0.06 if count > 1 else 0, 1, 1))
    out = BytesIO()
    figure.savefig(out, format="png", dpi=_DPI, metadata={"Software": None})
    return out.getvalue()
