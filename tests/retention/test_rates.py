"""crmkit.retention.rates: retention and churn rates, the walkout table."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import retention

from tests.retention.tables import AS_OF, customers, order_lines


def test_yearly_retention_by_hand() -> None:
    table = retention.retention_rates(order_lines(), as_of=AS_OF)
    assert table.index.tolist() == ["2025"]
    assert table.loc["2025"].tolist() == [4, 3, 0.75, 0.25]


def test_a_segment() -> None:
    table = retention.retention_rates(order_lines(), customers(), "consumer", as_of=AS_OF)
    assert table.loc["2025", "retention_rate"] == pytest.approx(0.6667)


def test_monthly_rates_count_only_whole_months() -> None:
    table = retention.retention_rates(order_lines(), freq="M", as_of="2025-11-15")
    assert table.index[-1] == "2025-10"
    assert table.loc["2024-02", "active_before"] == 2  # A and B in January
    assert table.loc["2024-02", "retained"] == 1  # A again in February


def test_churn_is_the_complement(course: dict[str, pd.DataFrame]) -> None:
    table = retention.retention_rates(course["order_lines"], course["customers"], "business")
    assert (table["retention_rate"] + table["churn_rate"]).round(4).eq(1).all()
    assert table["retention_rate"].between(0.5, 0.95).all()


def test_walkout_by_hand() -> None:
    table = retention.walkout_table(customers(), order_lines(), 2025)
    consumer = table.loc["consumer"]
    assert consumer["active"] == 2
    assert consumer["revenue_per_year"] == 85.0
    assert consumer["gross_profit_per_year"] == 35.0
    assert consumer["expected_years"] == pytest.approx(3.0, abs=0.01)
    assert consumer["walkout_profit"] == pytest.approx(105.0, abs=0.2)


def test_business_accounts_walk_out_with_far_more(course: dict[str, pd.DataFrame]) -> None:
    table = retention.walkout_table(course["customers"], course["order_lines"])
    assert table.loc["business", "walkout_profit"] > 10 * table.loc["consumer", "walkout_profit"]
    assert (table["walkout_profit"] > table["acquisition_cost"]).all()
