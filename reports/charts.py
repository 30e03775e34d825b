"""Charts as inline SVG (pygal), with nothing that reaches the network.

pygal's output links a tooltip script from a CDN and embeds a config
script; both are removed (``js=[]`` and stripping), with the comments that
name pygal's web site and the namespace declarations inline SVG does not
need in HTML, so a report holds no external reference and runs no script.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping, Sequence

import pygal
from pygal.style import Style

from zwgk_audit.model import STATUS_LABELS, STATUS_ORDER, Status

STATUS_COLOURS: dict[Status, str] = {
    Status.FAIL: "#c62828", Status.WARN: "#ef8f00", Status.UNKNOWN: "#7b6fa8",
    Status.PENDING: "#4f86c6", Status.PASS: "#2e7d32", Status.NA: "#9e9e9e",
}

_FONT = "'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"


def _style(colors: Sequence[str] = ("#1f5fa8",)) -> Style:
    return Style(font_family=_FONT, label_font_family=_FONT, major_label_font_family=_FONT,
                 value_font_family=_FONT, title_font_family=_FONT, legend_font_family=_FONT,
                 tooltip_font_family=_FONT, value_label_font_family=_FONT,
                 background="white", plot_background="white", colors=tuple(colors),
                 label_font_size=12, major_label_font_size=12, legend_font_size=12, title_font_size=15)


_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def clean_svg(svg: str) -> str:
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    svg = _XMLNS.sub("", svg)
    return svg.replace("xlink:href", "href")


def _render(chart: pygal.graph.graph.Graph) -> str:
    return clean_svg(chart.render(is_unicode=True))


def _common(**kw: object) -> dict[str, object]:
    base = dict(js=[], disable_xml_declaration=True, explicit_size=False, width=800, height=360,
                truncate_label=-1, print_values=False, show_y_guides=True)
    base.update(kw)
    return base


def _wide_extra(labels: Sequence[str], font_size: int = 12) -> int:
    """Extra margin for CJK labels: pygal measures every character as a
    narrow Latin one, so wide characters would be cut off."""
    wide = max((sum(1 for ch in s if unicodedata.east_asian_width(ch) in "WF") for s in labels), default=0)
    return int(wide * font_size * 0.55) + 8


def score_bar(names: Sequence[str], scores: Sequence[float], title: str = "各单位得分") -> str:
    """Best unit on top (pygal draws the first horizontal bar at the bottom)."""
    chart = pygal.HorizontalBar(style=_style(), **_common(
        title=title, show_legend=False, range=(0, 100), height=max(180, 70 + 30 * len(names)),
        print_values=True, margin_left=_wide_extra(names)))
    chart.x_labels = list(reversed(names))
    chart.add("得分", list(reversed(scores)))
    return _render(chart)


def status_stack(names: Sequence[str], counts: Sequence[Mapping[str, int]], title: str = "各单位检查结果") -> str:
    shown = [s for s in STATUS_ORDER if any(c.get(s.value, 0) for c in counts)] or [Status.PASS]
    chart = pygal.StackedBar(style=_style([STATUS_COLOURS[s] for s in shown]), **_common(
        title=title, legend_at_bottom=True, x_label_rotation=20 if len(names) > 6 else 0))
    chart.x_labels = list(names)
    for s in shown:
        chart.add(STATUS_LABELS[s], [c.get(s.value, 0) for c in counts])
    return _render(chart)


def trend_line(run_labels: Sequence[str], series: Mapping[str, Sequence[float | None]],
               title: str = "得分趋势") -> str:
    chart = pygal.Line(style=_style(("#1f5fa8", "#c62828", "#2e7d32", "#ef8f00", "#7b6fa8", "#00838f",
                                     "#6d4c41", "#ad1457")), **_common(
        title=title, range=(0, 100), legend_at_bottom=True, show_legend=len(series) > 1,
        x_label_rotation=20, dots_size=4, allow_interruptions=True, margin_bottom=20, margin_right=40))
    chart.x_labels = list(run_labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)
