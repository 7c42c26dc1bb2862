"""Small hand-made tables for the chapter 02 tests (right answers worked out by hand).

The unit tests and the bad-input tests both build their tables here; the fixture of the
course data's profitability is in conftest.py.
"""

from __future__ import annotations

import functools

import pandas as pd
from crmkit import selection

from tests.bad_input_support import table

AS_OF = pd.Timestamp("2025-12-31")

INVOICE_COLUMNS = ("invoice_id", "customer_id", "invoice_date", "due_date", "amount")
PAYMENT_COLUMNS = ("invoice_id", "payment_date", "amount")
ORDER_COLUMNS = ("customer_id", "order_date", "quantity", "unit_price", "revenue", "cost_of_goods")


def customers() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["A", "B", "C"], "segment": ["business"] * 3})


def credit_customers() -> pd.DataFrame:
    """customers() with the terms granted: A has a small credit limit, C no credit."""
    return customers().assign(
        credit_limit=[1000.0, 5000.0, None], payment_terms_days=[90, 30, None]
    )


def order_lines() -> pd.DataFrame:
    """A and B buy; Z is no customer of customers(); A's 2026 order is after AS_OF."""
    return table(
        ORDER_COLUMNS,
        [
            ("A", "2025-01-01", 10, 100.0, 800.0, 500.0),
            ("A", "2025-06-01", 5, 20.0, 100.0, 60.0),
            ("B", "2025-03-01", 2, 250.0, 500.0, 300.0),
            ("Z", "2025-03-01", 1, 10.0, 10.0, 5.0),
            ("A", "2026-01-05", 1, 900.0, 900.0, 600.0),
        ],
    )


def service_events() -> pd.DataFrame:
    events = table(
        ("customer_id", "event_date", "event_type", "cost"),
        [
            ("A", "2025-01-01", "delivery", 40.0),
            ("A", "2025-01-15", "rebate", 80.0),
            ("A", "2025-06-01", "return", 35.0),
            ("B", "2025-03-01", "delivery", 50.0),
            ("Z", "2025-03-01", "delivery", 20.0),
            ("B", "2026-01-02", "sales_visit", 300.0),
        ],
    )
    return events.assign(event_type=pd.Categorical(events["event_type"]))


def invoices() -> pd.DataFrame:
    """I1 is paid 30 days late, I2 and I3 are unpaid; I4 is half paid; I5 comes after AS_OF."""
    return table(
        INVOICE_COLUMNS,
        [
            ("I1", "A", "2025-01-01", "2025-01-31", 3650.0),
            ("I2", "A", "2025-02-01", "2025-03-03", 1000.0),
            ("I3", "A", "2025-06-01", "2025-12-01", 730.0),
            ("I4", "B", "2025-03-01", "2025-03-31", 500.0),
            ("I5", "B", "2026-01-05", "2026-02-04", 900.0),
        ],
    )


def payments() -> pd.DataFrame:
    return table(
        PAYMENT_COLUMNS,
        [("I1", "2025-03-02", 3650.0), ("I4", "2025-03-20", 250.0), ("I4", "2026-01-10", 250.0)],
    )


@functools.cache
def _profitability() -> pd.DataFrame:
    return selection.customer_profitability(
        customers(), order_lines(), service_events(), invoices(), payments()
    )


@functools.cache
def _measures() -> pd.DataFrame:
    return selection.trait_measures(_profitability(), order_lines(), invoices(), payments())


def profitability() -> pd.DataFrame:
    """customer_profitability of the tables above (a fresh copy: tests may spoil it)."""
    return _profitability().copy()


def measures() -> pd.DataFrame:
    """trait_measures of the tables above (a fresh copy)."""
    return _measures().copy()


def traits() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "purchase_power": [1.0, 0.5, 0.25, 0.75],
            "profitability": [0.25, 1.0, 0.5, 0.75],
            "payment": [0.25, 1.0, 0.5, 0.75],
            "cost_to_serve": [0.5, 0.75, 1.0, 0.25],
            "prospects": [1.0, 0.25, 0.5, 0.75],
        },
        index=pd.Index(["A", "B", "C", "D"], name="customer_id"),
    )


def leads() -> pd.DataFrame:
    """Three won leads (accounts B1 to B3), two lost and one open."""
    frame = table(
        ("lead_id", "customer_id", "status", "won_date", "region", "est_monthly_volume"),
        [
            ("L1", "B1", "won", "2024-12-31", "East", 900.0),
            ("L2", "B2", "won", "2024-01-01", "East", 800.0),
            ("L3", "B3", "won", "2025-06-30", "West", 100.0),
            ("L4", None, "lost", "NaT", "West", 200.0),
            ("L5", None, "lost", "NaT", "West", 300.0),
            ("L6", None, "open", "NaT", "North", 950.0),
        ],
    )
    return frame.assign(customer_id=frame["customer_id"].astype("string"))


def account_profit() -> pd.Series:
    """The profit of the accounts the won leads became."""
    return pd.Series({"B1": 1200.0, "B2": -240.0, "B3": 900.0})


def lift_inputs() -> dict[str, object]:
    index = list("abcde")
    return {
        "scores": pd.Series([0.9, 0.8, 0.7, 0.6, 0.5], index=index),
        "outcome": pd.Series([True, True, False, False, True], index=index),
        "bands": 2,
    }


def matrix() -> pd.DataFrame:
    """A value matrix of four customers, one per quadrant."""
    current = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0})
    return selection.value_matrix(current, pd.Series({"A": 4.0, "B": 1.0, "C": 2.0, "D": 3.0}))
