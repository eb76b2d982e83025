"""The one chart helper: SVG drawn on the server, with its table and summary."""

from django.template.loader import render_to_string
from django.utils import translation

from core.charts import chart_bars
from core.suppression import Shown


def _chart():
    return chart_bars(
        title="Feeling safe",
        categories=["I feel safe at school", "Adults treat me fairly"],
        series=[("A High", [Shown.of(72.5, False), Shown.of(4, True)])],
    )


def test_a_chart_is_svg_without_script_style_or_xml_declaration_so_the_csp_allows_it():
    svg = str(_chart().svg)
    assert svg.startswith("<svg ")
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg and "<?xml" not in svg
    assert 'role="img"' in svg and 'aria-label="Feeling safe"' in svg


def test_a_suppressed_value_is_neither_drawn_nor_in_the_table():
    chart = _chart()
    html = render_to_string("partials/chart.html", {"chart": chart})
    assert "72.5%" in html
    assert ">4%" not in html and "4%<" not in html
    assert "suppressed" in html


def test_a_chart_comes_with_a_one_sentence_summary_naming_highest_and_lowest():
    chart = chart_bars(
        title="Favourable",
        categories=["Safe", "Fair"],
        series=[("District", [Shown.of(80, False), Shown.of(40, False)])],
    )
    assert chart.summary == "Favourable, District: highest Safe (80%), lowest Fair (40%)."


def test_the_summary_describes_the_last_series_with_values_and_counts_the_suppressed_ones():
    chart = chart_bars(
        title="Favourable",
        categories=["Safe", "Fair"],
        series=[
            ("A High", [Shown.of(3, True), Shown.of(4, True)]),
            ("District", [Shown.of(70, False), Shown.of(3, True)]),
        ],
    )
    assert chart.summary == "Favourable, District: highest Safe (70%), lowest Safe (70%); 3 values suppressed."


def test_a_chart_whose_every_value_is_suppressed_says_so():
    chart = chart_bars(title="Favourable", categories=["Safe"], series=[("School", [Shown.of(3, True)])])
    assert "every value is suppressed" in chart.summary


def test_the_data_table_has_a_caption_and_scoped_headers():
    html = render_to_string("partials/chart.html", {"chart": _chart()})
    assert "<caption>Feeling safe</caption>" in html
    assert 'scope="col"' in html and 'scope="row"' in html


def test_a_chart_without_any_answer_says_there_are_none_yet():
    chart = chart_bars(title="Favourable", categories=["Safe"], series=[("School", [Shown(None, False)])])
    assert chart.summary == "Favourable: no answers yet."


def test_a_spanish_summary_and_drawing_write_decimals_with_a_comma_and_one_suppressed_value_in_the_singular():
    with translation.override("es"):
        chart = chart_bars(
            title="Favorable",
            categories=["Seguro", "Justo"],
            series=[("Distrito", [Shown.of(44.4, False), Shown.of(3, True)])],
        )
    assert chart.summary == (
        "Favorable, Distrito: el más alto es Seguro (44,4\u00a0%), el más bajo Seguro (44,4\u00a0%); 1 valor suprimido."
    )
    assert "44,4\u00a0%" in str(chart.svg) and "44.4" not in str(chart.svg)


def test_a_spanish_chart_s_data_table_writes_each_percentage_as_its_summary_does():
    with translation.override("es"):
        chart = chart_bars(title="Favorable", categories=["Seguro"], series=[("Distrito", [Shown.of(44.4, False)])])
        html = render_to_string("partials/chart.html", {"chart": chart})
    assert "(44,4\u00a0%)" in chart.summary
    assert "<td>44,4\u00a0%</td>" in html and "44,4%" not in html


def test_a_bar_is_labelled_as_its_summary_writes_it_while_the_axis_counts_in_whole_percents():
    with translation.override("es"):
        chart = chart_bars(title="Favorable", categories=["Seguro"], series=[("Distrito", [Shown.of(50.0, False)])])
    svg = str(chart.svg)
    assert "(50,0\u00a0%)" in chart.summary
    assert ">50,0\u00a0%<" in svg  # the bar's printed value
    assert ">20\u00a0%<" in svg and ">20,0\u00a0%<" not in svg  # an axis tick
