"""crmkit.database.early_warnings: the four warnings and the warning list, worked out by hand.

That each SQL view gives what its pandas twin gives is tested in test_schema.py.
"""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import database

from tests.database.tables import D, days

# --------------------------------------------------------------------------- receivables


def test_receivables_by_hand(credit_case: dict[str, pd.DataFrame]) -> None:
    owed = database.receivables(**credit_case, as_of="2025-12-31")
    assert owed["customer_id"].tolist() == ["B1", "B2"]
    # B1: invoiced 800 + 700 (I4 is later), paid 300 + 100 (the January payment is later).
    assert owed["invoiced"].tolist() == [1500.0, 500.0]
    assert owed["paid"].tolist() == [400.0, 0.0]
    assert owed["receivable"].tolist() == [1100.0, 500.0]
    # I1 is still open (400 of 800) and was due on 2025-10-31: 61 days overdue. B2 owes nothing overdue.
    assert owed["oldest_overdue_days"].tolist()[0] == 61
    assert pd.isna(owed["oldest_overdue_days"].tolist()[1])


def test_credit_warning_boundary(credit_case: dict[str, pd.DataFrame]) -> None:
    flagged = database.credit_warnings(**credit_case, as_of="2025-12-31")
    assert flagged["customer_id"].tolist() == ["B1"]  # B2 owes exactly its limit: no warning
    assert flagged["excess"].tolist() == [100.0]


# --------------------------------------------------------------------------- plan and budget


def test_plan_progress_window_and_pro_rata(plan_case: dict[str, pd.DataFrame]) -> None:
    # As of 15 November (of 30 days), a two-month window: October in full, November half.
    table = database.plan_progress(**plan_case, as_of="2025-11-15", window_months=2)
    b1 = table.set_index("customer_id").loc["B1"]
    assert b1["plan"] == pytest.approx(1000 + 3000 / 2)
    assert b1["revenue"] == 1200.0  # 1 October and 15 November count; 30 September does not
    assert b1["budget"] == pytest.approx(100 + 300 / 2)
    assert b1["selling_expenses"] == 250.0  # sales visits only, not the delivery
    b2 = table.set_index("customer_id").loc["B2"]
    assert b2["revenue"] == 0.0  # the order of 16 November is after as_of
    assert b2["selling_expenses"] == 30.0  # the rebate is not a selling expense


def test_behind_plan_and_over_budget_boundaries(plan_case: dict[str, pd.DataFrame]) -> None:
    behind = database.behind_plan_warnings(
        **plan_case, as_of="2025-11-30", window_months=2, plan_share=0.3
    )
    # B1: 1200 / 4000 = 0.3 exactly (not below); B2: 300 / 600 = 0.5.
    assert behind.empty
    behind = database.behind_plan_warnings(
        **plan_case, as_of="2025-11-30", window_months=2, plan_share=0.31
    )
    assert behind["customer_id"].tolist() == ["B1"]
    over = database.expense_warnings(**plan_case, as_of="2025-11-30", window_months=2)
    assert over["customer_id"].tolist() == []  # B1 250 <= 400; B2 30 <= 60
    over = database.expense_warnings(**plan_case, as_of="2025-10-31", window_months=1)
    assert over["customer_id"].tolist() == ["B1"]  # 200 > 100
    tolerant = database.expense_warnings(
        **plan_case, as_of="2025-10-31", window_months=1, expense_tolerance=1.0
    )
    assert tolerant.empty  # 200 is not more than 100 x 2


# --------------------------------------------------------------------------- buying rhythm


def test_buying_intervals_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "A", "B", "C", "C"],
            "order_date": days(
                "2025-10-01",
                "2025-10-11",
                "2025-10-11",  # a second line on the same day: one order day
                "2025-10-25",
                "2026-01-05",  # after as_of: ignored
                "2025-12-01",
                "2025-11-01",
                "2025-11-05",
            ),
        }
    )
    rhythm = database.buying_intervals(lines, "2025-12-31").set_index("customer_id")
    assert rhythm.loc["A", "order_days"] == 3
    assert rhythm.loc["A", "usual_interval"] == 12.0  # median of 10 and 14
    assert rhythm.loc["A", "days_silent"] == 67
    assert pd.isna(rhythm.loc["B", "usual_interval"])  # one order day: no interval
    assert rhythm.loc["C", "silence_ratio"] == pytest.approx(56 / 4)


def stopped_case(last_gap_days: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]:
    start = D("2025-09-01")
    dates = [start + pd.Timedelta(days=7 * k) for k in range(4)]
    silent_since = dates[-1]
    as_of = silent_since + pd.Timedelta(days=last_gap_days)
    lines = pd.DataFrame(
        {
            "customer_id": ["B1"] * 4 + ["C1"] * 4,
            "order_date": pd.Series(dates * 2).astype("datetime64[s]"),
        }
    )
    customers = pd.DataFrame({"customer_id": ["B1", "C1"], "segment": ["business", "consumer"]})
    return customers, lines, as_of


@pytest.mark.parametrize(
    ("silent", "flagged"), [(21, False), (22, True), (365, True), (366, False)]
)
def test_stopped_ordering_boundaries(silent: int, flagged: bool) -> None:
    customers, lines, as_of = stopped_case(silent)
    warned = database.stopped_ordering_warnings(customers, lines, as_of)
    assert warned["customer_id"].tolist() == (["B1"] if flagged else [])  # never the consumer


def test_stopped_ordering_needs_enough_order_days() -> None:
    customers, lines, as_of = stopped_case(100)
    assert database.stopped_ordering_warnings(customers, lines, as_of, min_order_days=5).empty


# --------------------------------------------------------------------------- warning list


def test_warning_list_and_weekly(plan_case: dict[str, pd.DataFrame], credit_case) -> None:
    customers = pd.DataFrame(
        {
            "customer_id": ["B1", "B2"],
            "segment": ["business", "business"],
            "credit_limit": [1000, 500],
            "name": ["One", "Two"],
        }
    )
    tables = dict(
        customers=customers,
        order_lines=plan_case["order_lines"].assign(order_id=["O1", "O2", "O3", "O4"]),
        invoices=credit_case["invoices"],
        payments=credit_case["payments"],
        account_plans=plan_case["account_plans"],
        service_events=plan_case["service_events"],
    )
    listed = database.warning_list(**tables, as_of="2025-10-31", window_months=1)
    row = listed.set_index("customer_id").loc["B1"]
    assert row[["credit", "over_budget"]].tolist() == [False, True]
    with pytest.raises(ValueError, match="window_monthz"):
        database.warning_list(**tables, window_monthz=2)
    # On 2025-12-31 B1 is above its credit limit; a week earlier (before I2's due date) too,
    # so only warnings that switched on in the week count as new.
    weekly = database.weekly_warnings(**tables, as_of="2025-12-31", window_months=1)
    assert {"name", "new_this_week"} <= set(weekly.columns)
    assert weekly["warnings"].is_monotonic_decreasing


def test_course_warning_counts_are_a_minority(course: dict[str, pd.DataFrame]) -> None:
    listed = database.warning_list(**course)
    business = (course["customers"]["segment"] == "business").sum()
    assert 0 < listed["credit"].sum() < listed["behind_plan"].sum() < business
    assert 0 < listed["stopped"].sum() < business / 2
    weekly = database.weekly_warnings(**course)
    assert 0 < weekly["new_this_week"].sum() < 30
