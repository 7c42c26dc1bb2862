"""crmkit.acquisition.profit: first-year profit and cumulative profit (chapter 02's profit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition, data, selection

from tests.acquisition.tables import customer_table, line_table


def costs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Service events, invoices and payments for C1 (signed up 2024-01-01) and C2."""
    events = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "event_date": pd.to_datetime(["2024-01-01", "2025-03-01", "2025-06-01"]),
            "cost": [25.0, 99.0, 5.0],
        }
    )
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3"],
            "customer_id": ["C1", "C1", "C2"],
            "invoice_date": pd.to_datetime(["2024-01-01", "2024-03-01", "2025-06-01"]),
            "due_date": pd.to_datetime(["2024-01-31", "2024-03-31", "2025-07-01"]),
            "amount": [100.0, 50.0, 80.0],
        }
    )
    # I1 paid 73 days late; I2 never paid (bad debt on 2025-12-31); I3 paid on time
    payments = pd.DataFrame(
        {
            "invoice_id": ["I1", "I3"],
            "amount": [100.0, 80.0],
            "payment_date": pd.to_datetime(["2024-04-13", "2025-06-20"]),
        }
    )
    return events, invoices, payments


def test_first_year_profit_adds_late_payment_and_bad_debt(
    two_consumers: tuple[pd.DataFrame, ...],
) -> None:
    customers, lines = two_consumers
    table = acquisition.first_year_profit(customers, lines, *costs())
    row = table.loc["C1"]
    assert row[["gross_profit", "cost_to_serve", "contribution"]].tolist() == [70.0, 25.0, 45.0]
    assert row["late_payment_cost"] == pytest.approx(round(100 * 0.08 * 73 / 365, 2))
    assert row["bad_debt"] == 50.0
    assert row["profit"] == pytest.approx(45.0 - row["late_payment_cost"] - 50.0)
    assert table.loc["C2", ["late_payment_cost", "bad_debt", "profit"]].isna().all()


def test_first_year_profit_keeps_first_year_value(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    events = costs()[0]
    plain = acquisition.first_year_value(customers, lines, events)
    table = acquisition.first_year_profit(customers, lines, *costs())
    pd.testing.assert_frame_equal(table[plain.columns], plain)


def test_first_year_profit_agrees_with_chapter_02_over_the_same_window() -> None:
    customers = data.load_customers()
    business = customers[customers["segment"] == "business"]
    lines, events = data.load_order_lines(), data.load_service_events()
    invoices, payments = data.load_invoices(), data.load_payments()
    one = business[business["customer_id"] == "B010"]
    start = one["signup_date"].iloc[0]
    end = start + pd.Timedelta(days=364)
    mine = acquisition.first_year_profit(one, lines, events, invoices, payments).iloc[0]
    window = invoices[(invoices["invoice_date"] >= start) & (invoices["invoice_date"] <= end)]
    theirs = selection.customer_profitability(
        one, lines, events, window, payments, as_of=end, start=start
    ).iloc[0]
    assert mine["gross_profit"] == pytest.approx(theirs["gross_profit"], abs=0.05)
    assert mine["profit"] <= mine["contribution"]


def test_cumulative_profit_subtracts_costs_in_their_month(
    two_consumers: tuple[pd.DataFrame, ...],
) -> None:
    customers, lines = two_consumers
    c1 = customers[customers["customer_id"] == "C1"]
    curves = acquisition.cumulative_profit(c1, lines, *costs(), months=12)
    gross = acquisition.cumulative_gross_profit(c1, lines, months=12)
    late = round(100 * 0.08 * 73 / 365, 2)
    # month 1: 40 gross profit - 25 service - I1's late cost; month 3: I2's bad debt
    assert curves.loc[1, "x"] == pytest.approx(40 - 25 - late, abs=0.01)
    assert curves.loc[3, "x"] == pytest.approx(40 - 25 - late - 50, abs=0.01)
    assert curves.loc[12, "x"] == pytest.approx(gross.loc[12, "x"] - 25 - late - 50, abs=0.01)


def test_payback_on_profit_can_be_lost_again() -> None:
    curves = pd.DataFrame(
        {"m": [100.0, 300.0, 150.0, 320.0]}, index=pd.RangeIndex(1, 5, name="month")
    )
    cac = pd.Series({"m": 250.0})
    assert acquisition.payback_months(curves, cac).item() == 2.0
    assert acquisition.payback_months(curves, cac, lasting=True).item() == 4.0
    never = curves.assign(m=[300.0, 300.0, 300.0, 10.0])
    assert np.isnan(acquisition.payback_months(never, cac, lasting=True).item())


def test_method_economics_with_profit() -> None:
    leads, customers, lines = data.load_leads(), data.load_customers(), data.load_order_lines()
    plain = acquisition.method_economics(leads, customers, lines)
    full = acquisition.method_economics(
        leads,
        customers,
        lines,
        service_events=data.load_service_events(),
        invoices=data.load_invoices(),
        payments=data.load_payments(),
    )
    pd.testing.assert_frame_equal(full[plain.columns], plain)
    assert (full["first_year_profit"] < full["first_year_gross_profit"]).all()
    ratio = full["first_year_profit"] / full["cac"]
    np.testing.assert_allclose(full["profit_to_cost"], ratio, rtol=1e-3)
    with pytest.raises(ValueError, match="together"):
        acquisition.method_economics(
            leads, customers, lines, service_events=data.load_service_events()
        )


def test_budget_on_profit(economics: pd.DataFrame) -> None:
    economics = economics.assign(first_year_profit=[5000.0, 30000.0, 1000.0])
    economics["profit_to_cost"] = economics["first_year_profit"] / economics["cac"]
    plan = acquisition.allocate_budget(economics, 9000, "profit_to_cost", value="first_year_profit")
    assert plan.index.tolist() == ["events", "referral", "sms"]
    assert plan["spend"].tolist() == [8000.0, 1000.0, 0.0]
    assert plan["profit"].tolist() == [60000.0, 5000.0, 0.0]
    scenarios = acquisition.budget_scenarios(
        economics, [9000], "profit_to_cost", value="first_year_profit"
    )
    assert scenarios.columns.tolist() == [
        "spend",
        "customers",
        "profit",
        "methods_funded",
        "profit_per_cny",
    ]
    with pytest.raises(ValueError, match="first_year_margin"):
        acquisition.allocate_budget(economics, 9000, value="first_year_margin")


def test_mixed_segments_refused(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    mixed = pd.concat(
        [customers, customer_table(("B1", "business", "2024-01-01", "x", 1.0))], ignore_index=True
    )
    with pytest.raises(ValueError, match="segment"):
        acquisition.cumulative_profit(mixed, line_table(("B1", "2024-01-01", 1.0, 0.0)), *costs())
