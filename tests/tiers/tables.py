"""Small hand-made tables for the chapter 05 tests (right answers worked out by hand)."""

from __future__ import annotations

import pandas as pd

from tests.bad_input_support import table

ORDER_COLUMNS = ("customer_id", "order_id", "order_date", "revenue")


def profit() -> pd.Series:
    """Ten customers; C09 and C10 lose money."""
    values = [900.0, 400.0, 300.0, 120.0, 80.0, 50.0, 20.0, 10.0, -30.0, -50.0]
    return pd.Series(values, index=[f"C{k:02d}" for k in range(1, 11)], name="profit")


def profitability() -> pd.DataFrame:
    """Revenue, two cost components, the cost to serve and profit of the ten customers."""
    frame = pd.DataFrame({"profit": profit()})
    frame["revenue"] = [4000.0, 2000.0, 1500.0, 800.0, 600.0, 400.0, 200.0, 150.0, 300.0, 100.0]
    frame["delivery"] = [100.0, 60.0, 50.0, 30.0, 30.0, 20.0, 20.0, 10.0, 40.0, 30.0]
    frame["sales_visit"] = [500.0, 250.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    frame["cost_to_serve"] = frame["delivery"] + frame["sales_visit"]
    frame.index.name = "customer_id"
    return frame


def tier_labels() -> pd.Series:
    """The pyramid of profit() with cut-offs (0.1, 0.3, 0.6): 1, 2, 3 and 4 customers."""
    labels = ["platinum", "gold", "gold", "iron", "iron", "iron", "lead", "lead", "lead", "lead"]
    return pd.Series(labels, index=profit().index, name="tier")


def order_lines() -> pd.DataFrame:
    """A: three orders (one of two lines); B: one old order; C: one order after 2025-12-31."""
    return table(
        ORDER_COLUMNS,
        [
            ("A", "O1", "2025-01-10", 60.0),
            ("A", "O1", "2025-01-10", 70.0),
            ("A", "O2", "2025-11-01", 300.0),
            ("A", "O3", "2025-12-21", 90.0),
            ("B", "O4", "2024-06-30", 500.0),
            ("C", "O5", "2026-01-05", 80.0),
        ],
    )


def service_events() -> pd.DataFrame:
    events = table(
        ("customer_id", "event_date", "event_type", "cost"),
        [
            ("A", "2025-02-01", "sales_visit", 200.0),
            ("A", "2025-03-01", "sales_visit", 200.0),
            ("A", "2025-03-01", "delivery", 40.0),
            ("B", "2025-04-01", "sales_visit", 250.0),
            ("B", "2024-04-01", "sales_visit", 250.0),
            ("Z", "2025-04-01", "sales_visit", 250.0),
        ],
    )
    return events.assign(event_type=pd.Categorical(events["event_type"]))


def rfm() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "recency_days": [5, 40, 300, 6, 90],
            "frequency": [9, 1, 1, 4, 1],
            "monetary": [900.0, 40.0, 60.0, 300.0, 50.0],
        },
        index=pd.Index(list("ABCDE"), name="customer_id"),
    )
