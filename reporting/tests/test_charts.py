from reporting.charts import HEIGHT, MARGIN_BOTTOM, PLOT_HEIGHT, Series, bar_chart


def test_it_stacks_bars_in_proportion_on_a_round_axis():
    chart = bar_chart(
        title="Erstgespräche",
        categories=["Jan 24", "Feb 24"],
        series=[Series("Karlsruhe", [3, 0], links=["/a", "/b"]), Series("Freiburg", [1, 2])],
    )
    # Highest stack is 4, so the axis ends at 4 and a value of 1 is a quarter.
    assert [value for _y, value in chart.ticks] == [0, 1, 2, 3, 4]
    karlsruhe_jan, freiburg_jan, freiburg_feb = chart.rects
    assert karlsruhe_jan.height == PLOT_HEIGHT * 3 / 4
    assert freiburg_jan.height == PLOT_HEIGHT / 4
    assert freiburg_jan.y + freiburg_jan.height == karlsruhe_jan.y
    assert karlsruhe_jan.y + karlsruhe_jan.height == HEIGHT - MARGIN_BOTTOM
    assert karlsruhe_jan.url == "/a"
    assert karlsruhe_jan.title == "Jan 24 · Karlsruhe: 3"
    assert freiburg_feb.url == ""
    assert chart.table_rows == [
        ("Jan 24", [(3, "/a"), (1, "")], 4),
        ("Feb 24", [(0, "/b"), (2, "")], 2),
    ]


def test_it_places_grouped_bars_side_by_side():
    chart = bar_chart(
        title="Veranstaltungen",
        categories=["Karlsruhe"],
        series=[Series("klein", [2]), Series("groß", [1])],
        stacked=False,
    )
    small, large = chart.rects
    assert large.x > small.x
    assert small.height == 2 * large.height


def test_it_knows_when_there_is_nothing_to_draw():
    chart = bar_chart(title="leer", categories=["Jan 24"], series=[Series("Karlsruhe", [0])])
    assert chart.is_empty
    assert chart.rects == []
