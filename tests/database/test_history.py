"""crmkit.database.history: one account's history behind its warnings."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import database

from tests.database.tables import D, days


def test_order_gaps() -> None:
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B"],
            "order_date": days("2025-01-01", "2025-01-04", "2025-01-04", "2025-01-02"),
        }
    )
    gaps = database.order_gaps(lines, "A")
    assert gaps.tolist() == [3]
    assert gaps.index.tolist() == [D("2025-01-04")]
    with pytest.raises(ValueError, match="Z9"):
        database.order_gaps(lines, "Z9")


def test_account_history_month_end_receivable(credit_case: dict[str, pd.DataFrame]) -> None:
    customers = credit_case["customers"]
    lines = pd.DataFrame(
        {"customer_id": ["B1"], "order_date": days("2025-10-01"), "revenue": [800.0]}
    )
    plans = pd.DataFrame(
        {
            "customer_id": ["B1"],
            "month": days("2025-10-01"),
            "planned_revenue": [900.0],
            "expense_budget": [50.0],
        }
    )
    events = pd.DataFrame(
        {
            "customer_id": ["B1"],
            "event_date": days("2025-11-03"),
            "event_type": ["sales_visit"],
            "cost": [70.0],
        }
    )
    history = database.account_history(
        "B1",
        customers,
        lines,
        credit_case["invoices"],
        credit_case["payments"],
        plans,
        events,
        "2025-12-31",
    )
    assert history.index.tolist() == [D("2025-10-01"), D("2025-11-01"), D("2025-12-01")]
    assert history["receivable"].tolist() == [800.0, 500.0, 1100.0]
    assert history["selling_expenses"].tolist() == [0.0, 70.0, 0.0]
    assert history["credit_limit"].tolist() == [1000.0] * 3
