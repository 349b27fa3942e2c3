"""Server-rendered SVG bar charts (no JavaScript, no CDN).

A chart is computed here as plain geometry; the template
``reporting/includes/bar_chart.html`` draws it as SVG with a text table
beside it for screen readers and for printing.
"""

from dataclasses import dataclass, field

# Colour-blind friendly palette (Okabe–Ito), one colour per series.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

WIDTH = 720
HEIGHT = 260
MARGIN_LEFT = 36
MARGIN_BOTTOM = 40
MARGIN_TOP = 10
PLOT_HEIGHT = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP


@dataclass
class Series:
    label: str
    values: list[int]
    colour: str = ""
    # The list page of the records behind each value ("" for none).
    links: list[str] = field(default_factory=list)

    def link(self, index: int) -> str:
        return self.links[index] if index < len(self.links) else ""


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    url: str = ""


@dataclass
class BarChart:
    title: str
    categories: list[str]
    series: list[Series]
    stacked: bool = True
    rects: list[Rect] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    left: int = MARGIN_LEFT

    @property
    def table_rows(self) -> list[tuple[str, list[tuple[int, str]], int]]:
        """(category, [(value, link) per series], total) for the text table."""
        return [
            (
                category,
                [(s.values[i], s.link(i)) for s in self.series],
                sum(s.values[i] for s in self.series),
            )
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(value for s in self.series for value in s.values)


def _nice_max(value: int) -> int:
    """The smallest round axis maximum (four equal steps) that holds ``value``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if magnitude * factor * 4 >= value:
                return magnitude * factor * 4
        magnitude *= 10


def bar_chart(
    *, title: str, categories: list[str], series: list[Series], stacked: bool = True
) -> BarChart:
    chart = BarChart(title=title, categories=categories, series=series, stacked=stacked)
    for index, one in enumerate(series):
        one.colour = one.colour or PALETTE[index % len(PALETTE)]
    if stacked:
        peak = max((sum(s.values[i] for s in series) for i in range(len(categories))), default=0)
    else:
        peak = max((v for s in series for v in s.values), default=0)
    top = _nice_max(peak)
    plot_width = WIDTH - MARGIN_LEFT - 10
    slot = plot_width / max(len(categories), 1)
    bar_width = slot * 0.7 if stacked else slot * 0.8 / max(len(series), 1)
    for step in range(5):
        value = round(top * step / 4)
        chart.ticks.append((chart.baseline - PLOT_HEIGHT * value / top, value))
    every = max(1, len(categories) // 12)
    for i, category in enumerate(categories):
        x0 = MARGIN_LEFT + slot * i + slot * 0.15 if stacked else MARGIN_LEFT + slot * (i + 0.1)
        if i % every == 0:
            chart.labels.append((MARGIN_LEFT + slot * (i + 0.5), category))
        stacked_height = 0.0
        for s_index, one in enumerate(series):
            value = one.values[i]
            if not value:
                continue
            height = PLOT_HEIGHT * value / top
            if stacked:
                x, y = x0, chart.baseline - stacked_height - height
                stacked_height += height
            else:
                x, y = x0 + bar_width * s_index, chart.baseline - height
            chart.rects.append(
                Rect(
                    round(x, 1),
                    round(y, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    one.colour,
                    f"{category} · {one.label}: {value}",
                    one.link(i),
                )
            )
    return chart
