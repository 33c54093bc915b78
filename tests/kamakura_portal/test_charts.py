"""The one chart helper: geometry, texts and the template's table alternative."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from kamakura_portal.charts import PALETTE, BarChart, Series, bar_chart


def render(chart: BarChart, **options: object) -> str:
    flags = " ".join(f"{k}={v}" for k, v in options.items())
    template = Template("{% load portal_charts %}{% bar_chart chart " + flags + " %}")
    return template.render(Context({"chart": chart}))


def test_the_largest_bar_fills_the_width_and_others_are_in_proportion() -> None:
    chart = bar_chart("分野", [("子育て", 112), ("福祉", 56), ("なし", 0)], unit="団体")

    widths = [row.lines[0][0].width for row in chart.rows()]

    assert widths == [100.0, 50.0, 0.0]
    assert chart.rows()[0].lines[0][0].text == "112団体"


def test_a_fixed_maximum_sets_the_scale_and_caps_overflow() -> None:
    chart = bar_chart("割合", {"はい": 37.5, "過大": 140}, unit="%", max_value=100)

    assert [row.lines[0][0].width for row in chart.rows()] == [37.5, 100.0]


def test_series_are_drawn_side_by_side_with_their_own_texts() -> None:
    chart = BarChart(
        "担い手不足",
        categories=["高齢化", "後継者"],
        series=[
            Series("2019年度", [40, 30], ["40 (50.0%)", "30 (37.5%)"]),
            Series("2025年度", [20, 10]),
        ],
    )

    first = chart.rows()[0]

    assert [[s.text for s in line] for line in first.lines] == [["40 (50.0%)"], ["20"]]
    assert [line[0].series_index for line in first.lines] == [0, 1]
    assert chart.has_legend


def test_stacked_segments_start_where_the_previous_one_ends_and_show_the_total() -> None:
    chart = BarChart(
        "Ⅰ",
        categories=["Ⅰ", "Ⅱ-ア"],
        series=[Series("完了", [3, 1]), Series("実施中", [1, 0])],
        stacked=True,
    )

    first, second = chart.rows()

    assert [(s.x, s.width) for s in first.lines[0]] == [(0.0, 75.0), (75.0, 25.0)]
    assert first.total_text == "4"
    assert [s.series_name for s in second.lines[0]] == ["完了"]  # empty segments are not drawn


def test_a_series_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="2 values for 1 categories"):
        BarChart("x", categories=["a"], series=[Series("s", [1, 2])])


def test_an_empty_chart_draws_without_dividing_by_zero() -> None:
    chart = bar_chart("なし", [("a", 0)])

    assert chart.rows()[0].lines[0][0].width == 0.0


def test_the_web_rendering_hides_the_drawing_and_offers_the_table() -> None:
    html = render(bar_chart("分野別の団体数", [("子育て", 112), ("福祉", 98)]))

    assert 'aria-hidden="true"' in html
    assert "<details" in html
    assert '<th scope="row">子育て</th>' in html
    assert 'width="100.0%"' in html
    assert "style=" not in html  # the content-security policy forbids inline styles


def test_the_print_rendering_shows_the_table_without_a_disclosure() -> None:
    html = render(bar_chart("分野別の団体数", [("子育て", 112)]), print=True)

    assert "<details" not in html
    assert '<th scope="row">子育て</th>' in html


def test_colours_are_svg_attributes_from_the_one_palette_for_web_and_print() -> None:
    chart = BarChart(
        "組織形態別",
        ["2019", "2025"],
        [Series("任意団体", [295, 260]), Series("NPO法人", [58, 65])],
    )
    html = render(chart)

    # WeasyPrint applies no page CSS to inline SVG: without the attribute a bar prints black.
    assert html.count(f'fill="{PALETTE[0]}"') == 3  # two bars and the legend's swatch
    assert html.count(f'fill="{PALETTE[1]}"') == 3
    assert chart.legend == [(PALETTE[0], "任意団体"), (PALETTE[1], "NPO法人")]
