"""The one chart helper: a bar chart drawn on the server as SVG by pygal,
always handed back with its data table and a one-sentence summary, so a
screen reader (and anyone printing the page) gets every number.

Values come in as ``core.suppression.Shown``: a suppressed value reaches
neither the drawing nor the table, only the word "suppressed" does.

The SVG is CSP-safe: pygal's inline ``<script>`` (its tooltip config) and
``<style>`` are taken out of the drawing, no JavaScript is linked, there is no
XML declaration (the SVG sits inside the page), and the colours come from the
site's own stylesheet (``static/css/charts.css``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pygal.style import Style

from core.numbers import percent_text
from core.suppression import Shown

_SVG_NS = "{http://www.w3.org/2000/svg}"
# Colours with at least 3:1 contrast against white (WCAG 1.4.11), set in charts.css too.
_COLOURS = ("#1b5e93", "#b34700", "#2e7d32", "#6a3d9a", "#8c2d04", "#37474f")


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: list[Shown]


@dataclass(frozen=True)
class Chart:
    """What a page shows for one chart: ``svg`` (safe to insert), ``title``,
    ``summary`` (one sentence) and the data table (``series`` as column
    headers, ``rows`` one per category). Every value is a percentage, written
    by ``core.numbers.percent_text`` in the summary, the drawing and the table."""

    title: str
    summary: str
    svg: SafeString
    series: list[str]
    rows: list[ChartRow] = field(default_factory=list)


def _strip_inline_code(tree):
    # pygal always writes a <script> with its config, a <style>, and a tooltip
    # layer with a style attribute for its JavaScript; each would break the
    # page's Content-Security-Policy (no inline script or style).
    for node in list(tree.iter()):
        if not isinstance(node.tag, str):
            continue
        name = node.tag.removeprefix(_SVG_NS)
        tooltips = "tooltip-overlay" in (node.get("class") or "")
        top_title = name == "title" and node.getparent() is tree
        if name in ("script", "style") or tooltips or top_title:
            node.getparent().remove(node)
    for node in tree.iter():
        if isinstance(node.tag, str):
            node.attrib.pop("style", None)
    return tree


def _summary(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Shown]]]) -> str:
    """Highest and lowest value of the last series with anything shown (the
    district or "everyone" comes last), and how many values are suppressed."""
    hidden = sum(1 for _name, values in series for v in values if v.suppressed)
    described = None
    for name, values in reversed(series):
        shown = [(label, v.value) for label, v in zip(categories, values, strict=False) if v.value is not None]
        if shown:
            described = name, shown
            break
    if described is None:
        if not hidden:
            return _("%(title)s: no answers yet.") % {"title": title}
        return _("%(title)s: every value is suppressed because too few people answered.") % {"title": title}
    name, shown = described
    high = max(shown, key=lambda pair: pair[1])
    low = min(shown, key=lambda pair: pair[1])
    text = _("%(title)s, %(series)s: highest %(high)s (%(high_value)s), lowest %(low)s (%(low_value)s)") % {
        "title": title,
        "series": name,
        "high": high[0],
        "high_value": percent_text(high[1]),
        "low": low[0],
        "low_value": percent_text(low[1]),
    }
    if hidden:
        text += ngettext("; %(count)s value suppressed", "; %(count)s values suppressed", hidden) % {"count": hidden}
    return text + "."


def chart_bars(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Shown]]],
    summary: str | None = None,
    max_value: float = 100,
) -> Chart:
    """A horizontal bar chart of percentages: one bar per category for each
    series (e.g. one series per school), with its table and summary."""
    chart = pygal.HorizontalBar(
        style=Style(colors=_COLOURS, background="transparent", plot_background="transparent"),
        disable_xml_declaration=True,
        js=[],
        css=[],
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        truncate_label=40,
        truncate_legend=30,
        range=(0, max_value),
        print_values=True,
        formatter=percent_text,  # the bars' values, written as the summary and the table write them
        value_formatter=lambda value: percent_text(int(value) if float(value).is_integer() else value),  # the axis
        height=max(160, 60 + 26 * len(categories) * max(1, len(series))),
        width=720,
        classes=["cg-chart__svg"],
    )
    chart.x_labels = list(categories)
    for name, values in series:
        chart.add(name, [v.value for v in values])
    chart.add_xml_filter(_strip_inline_code)
    svg = chart.render(is_unicode=True)
    # pygal escapes every label it writes (lxml), so the markup is safe to insert.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" focusable="false" ', 1)
    rows = [ChartRow(label=label, values=[values[i] for _name, values in series]) for i, label in enumerate(categories)]
    return Chart(
        title=title,
        summary=summary or _summary(title, categories, series),
        svg=mark_safe(svg),  # noqa: S308 - built by pygal/lxml, which escapes text
        series=[name for name, _values in series],
        rows=rows,
    )


def _attr(text: str) -> str:
    return str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
