"""crmkit.selection.profitability: late payment, customer profitability and cost shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, selection

from tests.bad_input_support import dates
from tests.selection.tables import (
    AS_OF,
    customers,
    invoices,
    order_lines,
    payments,
    profitability,
    service_events,
)

# --------------------------------------------------------------------------- late payment


def test_late_payment_costs_by_hand() -> None:
    late = selection.late_payment_costs(invoices(), payments())
    assert late.index.tolist() == ["A", "B"]  # I5 is issued after as_of
    # A: I1 paid 30 days late: 3650 * 0.08 * 30 / 365 = 24. I2 (1000) unpaid, due 2025-03-03:
    # 303 days overdue > 180 -> bad debt. I3 (730) unpaid, due 2025-12-01: 30 days overdue ->
    # 730 * 0.08 * 30 / 365 = 4.80 overdue cost.
    assert late.loc["A", "paid_late_cost"] == 24.0
    assert late.loc["A", "overdue_cost"] == 4.8
    assert late.loc["A", "late_payment_cost"] == 28.8
    assert late.loc["A", "bad_debt"] == 1000.0
    assert late.loc["A", "days_late"] == round((3650 * 30 + 1000 * 303 + 730 * 30) / 5380, 1)
    # B: 250 paid early (0 days), the other half arrives after as_of: 275 days overdue -> bad debt.
    assert late.loc["B", "paid_late_cost"] == 0.0
    assert late.loc["B", "bad_debt"] == 250.0


def test_late_payment_write_off_boundary() -> None:
    """Exactly 180 days overdue is not yet written off; 181 days is."""
    frame = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2"],
            "customer_id": ["A", "B"],
            "invoice_date": dates("2025-05-01", "2025-05-01"),
            "due_date": [AS_OF - pd.Timedelta(days=180), AS_OF - pd.Timedelta(days=181)],
            "amount": [365.0, 365.0],
        }
    )
    none_paid = pd.DataFrame(
        {"invoice_id": pd.Series([], dtype="string"), "payment_date": dates(), "amount": []}
    )
    late = selection.late_payment_costs(frame, none_paid)
    assert late.loc["A", "bad_debt"] == 0.0 and late.loc["A", "overdue_cost"] == 14.4
    assert late.loc["B", "bad_debt"] == 365.0 and late.loc["B", "overdue_cost"] == 0.0


def test_late_payment_rate_and_write_off_parameters() -> None:
    base = selection.late_payment_costs(invoices(), payments())
    doubled = selection.late_payment_costs(invoices(), payments(), annual_rate=0.16)
    assert doubled.loc["A", "paid_late_cost"] == 2 * base.loc["A", "paid_late_cost"]
    patient = selection.late_payment_costs(invoices(), payments(), write_off_after_days=400)
    assert patient["bad_debt"].sum() == 0.0
    assert patient.loc["A", "overdue_cost"] > base.loc["A", "overdue_cost"]


def test_late_payment_earlier_as_of_ignores_later_money() -> None:
    late = selection.late_payment_costs(invoices(), payments(), as_of="2025-03-01")
    # On 2025-03-01 I1 is 29 days overdue and unpaid; I2 is not due; I3 and I5 are not issued.
    assert late.loc["A", "paid_late_cost"] == 0.0
    assert late.loc["A", "overdue_cost"] == round(3650 * 0.08 * 29 / 365, 2)
    assert late.loc["B", "days_late"] == 0.0


# --------------------------------------------------------------------------- profitability


def test_customer_profitability_by_hand() -> None:
    table = profitability()
    assert table.columns.tolist() == list(selection.PROFIT_COLUMNS)
    assert table.index.tolist() == ["A", "B", "C"]  # Z is not a customer here; C bought nothing
    a = table.loc["A"]
    assert a["revenue"] == 900.0  # the 2026 order is after as_of
    assert a["discount_given"] == 200.0  # list 1000 + 100, revenue 900
    assert a["cost_of_goods"] == 560.0 and a["gross_profit"] == 340.0
    assert (a["delivery"], a["rebate"], a["return"]) == (40.0, 80.0, 35.0)
    assert a["late_payment_cost"] == 28.8 and a["bad_debt"] == 1000.0
    assert a["cost_to_serve"] == 40.0 + 80.0 + 35.0 + 28.8 + 1000.0
    assert a["profit"] == round(340.0 - a["cost_to_serve"], 2)
    assert table.loc["B", "sales_visit"] == 0.0  # dated after as_of
    assert table.loc["C"].eq(0.0).all()


def test_customer_profitability_start_limits_the_period() -> None:
    table = selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments(), start="2025-05-01"
    )
    a = table.loc["A"]
    assert a["revenue"] == 100.0 and a["rebate"] == 0.0 and a["return"] == 35.0
    assert a["bad_debt"] == 0.0  # I2 was issued before the period
    assert a["late_payment_cost"] == 4.8  # only I3


def test_customer_profitability_rejects_unknown_event_types() -> None:
    events = service_events()
    events["event_type"] = events["event_type"].astype("string")
    events.loc[0, "event_type"] = "free_lunch"
    with pytest.raises(ValueError, match="free_lunch"):
        selection.customer_profitability(customers(), order_lines(), events, invoices(), payments())


def test_customer_profitability_start_after_as_of() -> None:
    with pytest.raises(ValueError, match="start"):
        selection.customer_profitability(
            customers(), order_lines(), service_events(), invoices(), payments(), start="2026-02-01"
        )


def test_cost_shares_by_hand() -> None:
    shares = selection.cost_shares(profitability())
    assert shares.loc["A", "discount_rate"] == round(200 / 1100, 4)
    assert shares.loc["A", "cost_of_goods"] == round(560 / 900, 4)
    assert np.isnan(shares.loc["C", "margin"])  # no revenue
    costs = [*selection.COST_COMPONENTS]
    assert shares.loc["A", costs].sum() == pytest.approx(1 - shares.loc["A", "margin"], abs=1e-3)


# --------------------------------------------------------------------------- the course data


def test_course_profit_adds_up(course_profit: pd.DataFrame) -> None:
    lines = data.load_order_lines()
    events = data.load_service_events()
    assert course_profit["revenue"].sum() == pytest.approx(lines["revenue"].sum(), abs=1)
    service = course_profit[list(selection.SERVICE_COMPONENTS)].sum().sum()
    assert service == pytest.approx(events["cost"].sum(), abs=1)
    rebuilt = (
        course_profit["revenue"] - course_profit["cost_of_goods"] - course_profit["cost_to_serve"]
    )
    assert np.allclose(rebuilt, course_profit["profit"], atol=0.02)
    listed = (lines["quantity"] * lines["unit_price"]).sum()
    assert course_profit["discount_given"].sum() == pytest.approx(
        listed - lines["revenue"].sum(), abs=1
    )
