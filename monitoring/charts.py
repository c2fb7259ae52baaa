"""Server-side charts for the dashboard: the geometry of simple bar charts, drawn as SVG by the template partial
``chart`` in ``admin/monitoring/metrics.html``.

A chart here is plain data (rectangles, lines and texts with their coordinates, a title and a description);
the template writes it with Django's autoescaping, so website and component names, which are user data, are
escaped like any other text. The SVG is ``role="img"`` labelled by its ``<title>`` and ``<desc>``, and the page
puts a table with the same figures beside each chart: the chart is for the eye, the table for everyone.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

WIDTH = 720
LABEL_WIDTH = 280  # horizontal bars: the category names' column
VALUE_WIDTH = 100  # horizontal bars: room after the longest bar for its value
ROW_HEIGHT = 24
LABEL_CHARS = 36  # longer names are cut with an ellipsis in the chart; the table has them whole
Formatter = Callable[[float], str]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    tooltip: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = "chart-label"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Segment:
    """One part of a bar: its value, its CSS class (the colour) and what it is, for the tooltip and legend."""

    value: float
    css: str
    name: str


@dataclass(frozen=True)
class Row:
    label: str
    segments: Sequence[Segment]
    value_text: str


@dataclass(frozen=True)
class Chart:
    slug: str  # the element ids' prefix; chosen by our code, never by user data
    title: str
    description: str
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) that is at least
    ``value``, so a chart's top gridline has a readable label and its bars fill most of it (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value - 1e-12)


def clip(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _r(value: float) -> float:
    return round(value, 1)


def _legend(segment_names: Sequence[tuple[str, str]], y: float) -> tuple[list[Rect], list[Text]]:
    rects, texts, x = [], [], float(LABEL_WIDTH)
    for css, name in segment_names:
        rects.append(Rect(x, y - 9, 10, 10, css, name))
        texts.append(Text(x + 14, y, name))
        x += 24 + 7 * len(name)
    return rects, texts


def horizontal_bars(
    slug: str,
    title: str,
    description: str,
    rows: Sequence[Row],
    *,
    legend: Sequence[tuple[str, str]] = (),
    maximum: float | None = None,
) -> Chart:
    """One bar per row, its segments stacked left to right, the name on the left and the value text after it."""
    top = 22.0 if legend else 4.0
    chart = Chart(slug, title, description, WIDTH, int(top + ROW_HEIGHT * max(len(rows), 1) + 4))
    if legend:
        rects, texts = _legend(legend, 14)
        chart.rects.extend(rects)
        chart.texts.extend(texts)
    scale_max = maximum or nice_ceiling(max((sum(s.value for s in row.segments) for row in rows), default=0))
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    for index, row in enumerate(rows):
        y = top + index * ROW_HEIGHT
        chart.texts.append(Text(LABEL_WIDTH - 8, y + 16, clip(row.label), "end"))
        x = float(LABEL_WIDTH)
        for segment in row.segments:
            width = span * segment.value / scale_max
            if width > 0:
                chart.rects.append(Rect(_r(x), y + 4, _r(width), 16, segment.css, f"{row.label}: {row.value_text}"))
            x += width
        chart.texts.append(Text(_r(x) + 6, y + 16, row.value_text))
    chart.lines.append(Line(LABEL_WIDTH, top, LABEL_WIDTH, top + ROW_HEIGHT * max(len(rows), 1)))
    return chart


@dataclass(frozen=True)
class TimePoint:
    start: datetime
    segments: Sequence[Segment]
    tooltip: str


def axis_label(index: int, start: datetime, count: int, step: str) -> str | None:
    """The x-axis label of the ``index``th of ``count`` points, if it gets one: every third hour of a day,
    each midnight of a week, about eight days of a month (UTC)."""
    if step == "hour" and count <= 24:
        return f"{start.astimezone(UTC):%H:%M}" if index % 3 == 0 else None
    if step == "hour":
        return f"{start.astimezone(UTC):%d %b}" if start.astimezone(UTC).hour == 0 else None
    return f"{start.astimezone(UTC):%d %b}" if index % max(1, math.ceil(count / 8)) == 0 else None


def time_bars(
    slug: str,
    title: str,
    description: str,
    points: Sequence[TimePoint],
    step: str,
    formatter: Formatter,
    *,
    legend: Sequence[tuple[str, str]] = (),
) -> Chart:
    """Vertical bars over time (one per step, segments stacked bottom up), a y axis at 0, half and the top."""
    left, right, top, bottom, height = 56.0, 8.0, 26.0 if legend else 10.0, 40.0, 240
    chart = Chart(slug, title, description, WIDTH, height)
    if legend:
        rects, texts = _legend(legend, 14)
        chart.rects.extend(rects)
        chart.texts.extend(texts)
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    scale_max = nice_ceiling(max((sum(s.value for s in point.segments) for point in points), default=0))
    for fraction in (0.0, 0.5, 1.0):
        y = _r(top + plot_height * (1 - fraction))
        chart.lines.append(Line(left, y, WIDTH - right, y))
        chart.texts.append(Text(left - 6, y + 4, formatter(scale_max * fraction), "end"))
    slot = plot_width / max(len(points), 1)
    for index, point in enumerate(points):
        x, base = left + index * slot, top + plot_height
        for segment in point.segments:
            bar = plot_height * segment.value / scale_max
            if bar > 0:
                chart.rects.append(
                    Rect(_r(x + slot * 0.1), _r(base - bar), _r(slot * 0.8), _r(bar), segment.css, point.tooltip)
                )
            base -= bar
        label = axis_label(index, point.start, len(points), step)
        if label:
            chart.lines.append(Line(_r(x), top + plot_height, _r(x), top + plot_height + 4))
            chart.texts.append(Text(_r(x), height - bottom + 18, label))
    return chart
