"""The external classification, last year's buyers and captured value shares (chapter 01)."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, value


def lines(rows: list[tuple[str, str, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "order_date", "revenue", "cost"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    return frame.rename(columns={"cost": "cost_of_goods"})


def test_revenue_by_buyer_groups_follow_the_previous_year() -> None:
    table = value.revenue_by_buyer(
        lines(
            [
                ("O1", "A", "2023-03-01", 10.0, 0.0),
                ("O2", "A", "2024-03-01", 20.0, 0.0),  # bought in 2023: last year's buyer
                ("O3", "B", "2022-03-01", 5.0, 0.0),
                ("O4", "B", "2024-05-01", 30.0, 0.0),  # skipped 2023: came back
                ("O5", "C", "2024-07-01", 50.0, 0.0),  # first order: new
            ]
        )
    ).set_index(["year", "group"])
    assert table.loc[(2024, "bought_last_year"), "revenue"] == 20.0
    assert table.loc[(2024, "came_back"), "buyers"] == 1
    assert table.loc[(2024, "new"), "revenue_share"] == 0.5
    assert table.groupby("year")["revenue_share"].sum().round(3).eq(1.0).all()


def test_revenue_by_buyer_on_the_course_data_is_mostly_last_years_buyers() -> None:
    table = value.revenue_by_buyer(data.load_order_lines()).set_index(["year", "group"])
    assert table.loc[(2025, "bought_last_year"), "revenue_share"] > 0.7
    assert table.loc[(2022, "new"), "revenue_share"] == 1.0


def test_external_classes_rules() -> None:
    customers = pd.DataFrame(
        {
            "customer_id": ["A", "B", "C"],
            "segment": ["consumer", "business", "business"],
            "business_type": [pd.NA, "cafe", "shop"],
            "signup_date": pd.to_datetime(["2025-01-05", "2022-01-01", "2024-06-01"]),
        }
    )
    orders = lines(
        [("O1", "A", "2025-01-06", 10.0, 2.0)]
        + [(f"B{q}", "B", f"2025-{m:02d}-10", 100.0, 80.0) for q, m in enumerate([1, 4, 7, 10])]
        + [("B9", "B", "2022-01-02", 100.0, 80.0), ("C1", "C", "2024-06-02", 50.0, 25.0)]
    )
    classes = value.external_classes(customers, orders, large_share=0.34)
    assert classes.loc["A"].tolist() == ["new", "small", "good", "final", "temporary", "marginal"]
    assert classes.loc["B"].tolist() == ["old", "large", "poor", "direct", "long_term", "loyal"]
    assert classes.loc["C", "route"] == "reseller" and classes.loc["C", "commitment"] == "lapsed"
    assert list(classes.columns) == value.CLASS_LINES


def test_captured_share_picked_by_itself_is_the_best_possible() -> None:
    components = value.value_components(
        data.load_customers(), data.load_order_lines(), data.load_communications()
    )
    shares = value.captured_share(components)
    assert (shares["picked_by_revenue"] <= shares["picked_by_itself"] + 1e-9).all()
    assert shares.loc["revenue", "picked_by_revenue"] == shares.loc["revenue", "picked_by_itself"]
    assert shares.loc["referrals", "picked_by_revenue"] < 0.5


@pytest.mark.parametrize("top", [1.5, -0.1])
def test_captured_share_top_is_a_fraction(top: float) -> None:
    with pytest.raises(ValueError, match="top"):
        value.captured_share(pd.DataFrame({"revenue": [1.0, 2.0]}), top=top)
