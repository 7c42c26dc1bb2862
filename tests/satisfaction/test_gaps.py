"""crmkit.satisfaction.gaps: the gap table."""

from __future__ import annotations

from crmkit import data, satisfaction

from tests.satisfaction.tables import survey


def test_gap_table_by_hand() -> None:
    table = satisfaction.gap_table(survey())
    # perception 4, 5, 6, 6 against expectation 5: mean gap 0.25, interval wide with 4 respondents
    assert table.loc["product", "gap"] == 0.25
    assert table.loc["product", "expectation"] == 5.0
    assert table["reading"].eq("meets").all()


def test_course_data_time_cost_and_service_fall_short() -> None:
    table = satisfaction.gap_table(data.load_survey())
    assert set(table.index[table["reading"] == "below"]) >= {"time_cost", "service"}
    assert table["gap"].idxmin() == "time_cost"
