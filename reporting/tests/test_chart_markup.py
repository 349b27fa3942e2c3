"""The dashboard's SVG charts are named, described and keep their table."""

from django.template.loader import render_to_string

from reporting.charts import Series, bar_chart


def _render(chart) -> str:
    # The include numbers its ids by the dashboard's loop over the charts.
    return render_to_string(
        "reporting/includes/bar_chart.html", {"chart": chart, "forloop": {"counter": 2}}
    )


def test_a_chart_with_linked_bars_is_a_named_group_not_an_image():
    chart = bar_chart(
        title="Erstgespräche je Monat",
        categories=["Jan", "Feb"],
        series=[Series(label="Karlsruhe", values=[2, 3], links=["/a/", "/b/"])],
    )
    html = _render(chart)
    # role="img" may not contain links (axe: nested-interactive).
    assert 'role="img"' not in html
    assert 'role="group" aria-labelledby="chart-2-title" aria-describedby="chart-2-desc"' in html
    assert '<title id="chart-2-title">Erstgespräche je Monat</title>' in html
    assert '<desc id="chart-2-desc">' in html
    assert html.count('<a href="/') == 2 + 2  # two bars and their two table cells
    assert "<summary>Als Tabelle</summary>" in html
    assert '<th scope="col"><span class="visually-hidden">Kategorie</span></th>' in html
