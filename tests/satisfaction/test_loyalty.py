"""crmkit.satisfaction.loyalty: repurchase after the survey, the top box, the team mirror."""

from __future__ import annotations

import pytest
from crmkit import data, satisfaction

from tests.satisfaction.tables import customers, order_lines, survey, teams


def test_orders_in_window_by_hand() -> None:
    frame, lines = survey(), order_lines()
    assert satisfaction.orders_in_window(frame, lines).tolist() == [0, 0, 1, 1]
    assert satisfaction.orders_in_window(frame, lines, 0, 365).tolist() == [0, 0, 1, 2]
    assert satisfaction.orders_in_window(frame, lines, -365, 0).tolist() == [1, 0, 0, 0]
    with pytest.raises(ValueError, match="end_days"):
        satisfaction.orders_in_window(frame, lines, 200, 100)


def test_repurchase_by_box_by_hand() -> None:
    table = satisfaction.repurchase_by_box(survey(), order_lines())
    assert table["rate"].to_dict() == {2: 0.0, 3: 0.0, 5: 1.0}
    assert table.loc[5, "trials"] == 2


def test_top_box_lead_by_hand() -> None:
    lead = satisfaction.top_box_lead(survey(), order_lines())
    assert (lead["top"], lead["rest"], lead["lead"]) == (1.0, 0.0, 1.0)
    assert lead["lower"] < 1.0


def test_team_mirror_by_hand() -> None:
    table = satisfaction.team_mirror(survey(), customers(), teams())
    assert table["overall_satisfaction"].tolist() == [2.5, 5.0]
    assert table["respondents"].tolist() == [2, 2]


def test_course_data_only_the_top_box_retains_much_better() -> None:
    survey_, lines = data.load_survey(), data.load_order_lines()
    rate = satisfaction.repurchase_by_box(survey_, lines)["rate"]
    assert all(rate[5] - rate[box] >= 0.08 for box in (1, 2, 3, 4))
    lead = satisfaction.top_box_lead(survey_, lines)
    assert lead["lower"] > 0


def test_course_data_employees_mirror_customers() -> None:
    table = satisfaction.team_mirror(data.load_survey(), data.load_customers(), data.load_teams())
    assert table["employee_satisfaction"].corr(table["overall_satisfaction"]) > 0.5
