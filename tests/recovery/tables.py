"""Small hand-made tables for the chapter 09 tests (right answers worked out by hand)."""

from __future__ import annotations

import pandas as pd
from crmkit import recovery

from tests.bad_input_support import table

WINBACK_COLUMNS = (
    "customer_id", "last_order_date", "contact_date", "reason_for_leaving", "offer",
    "reactivated", "re_churned", "revenue_after", "offer_cost", "contact_cost",
)  # fmt: skip


def winback() -> pd.DataFrame:
    """Eight lost customers: service leavers A-D, price leavers E-F, gone G-H.

    A and B got the apology call (A came back), C and D no offer (nobody back); E got 20% off
    and came back (discount 50), F a free gift (not back); G and H got nothing back.
    """
    frame = table(
        WINBACK_COLUMNS,
        [
            ("A", "2024-05-01", "2025-03-03", "poor_service", "apology_call", True, False, 1000.0, 15.0, 12.0),
            ("B", "2024-06-01", "2025-03-03", "unresolved_problem", "apology_call", False, False, 0.0, 15.0, 12.0),
            ("C", "2024-06-01", "2025-03-03", "poor_service", "none", False, False, 0.0, 0.0, 12.0),
            ("D", "2024-07-01", "2025-03-03", "unresolved_problem", "none", False, False, 0.0, 0.0, 12.0),
            ("E", "2024-04-01", "2025-03-03", "price", "discount_20", True, True, 200.0, 50.0, 12.0),
            ("F", "2024-04-01", "2025-03-03", "price", "free_gift", False, False, 0.0, 95.0, 12.0),
            ("G", "2024-03-01", "2025-03-03", "moved_away", "none", False, False, 0.0, 0.0, 12.0),
            ("H", "2024-03-01", "2025-03-03", "changed_needs", "free_gift", False, False, 0.0, 95.0, 12.0),
        ],
    )  # fmt: skip
    return frame.assign(
        reason_for_leaving=pd.Categorical(frame["reason_for_leaving"], categories=recovery.REASONS),
        offer=pd.Categorical(frame["offer"], categories=recovery.OFFERS),
    )


def profit_after() -> pd.Series:
    """Profit after the contact: A 300, E 20; the others bought nothing (tiny costs for C)."""
    values = [300.0, 0.0, -5.0, 0.0, 20.0, 0.0, 0.0, 0.0]
    return pd.Series(
        values, index=pd.Index(list("ABCDEFGH"), name="customer_id"), name="profit_after"
    )


def segments() -> pd.Series:
    return pd.Series(["business"] * 4 + ["consumer"] * 4, index=list("ABCDEFGH"), name="segment")


def complaints() -> pd.DataFrame:
    """A complained twice before leaving (one unresolved), E once long after leaving."""
    return table(
        ("customer_id", "complaint_date", "resolution"),
        [
            ("A", "2024-03-01", "resolved"),
            ("A", "2024-05-04", "unresolved"),
            ("E", "2025-05-01", "resolved"),
        ],
    )


def order_lines() -> pd.DataFrame:
    """P orders three times and is still buying; Q three times and stopped in early 2025."""
    return table(
        ("customer_id", "order_id", "order_date"),
        [
            ("P", "O1", "2025-01-05"),
            ("P", "O2", "2025-06-05"),
            ("P", "O3", "2025-12-01"),
            ("Q", "O4", "2025-01-10"),
            ("Q", "O5", "2025-02-10"),
            ("Q", "O6", "2025-03-10"),
        ],
    )


def streak_complaints() -> pd.DataFrame:
    """Q complained three times, P never."""
    return table(
        ("customer_id", "complaint_date"),
        [("Q", "2025-01-15"), ("Q", "2025-02-15"), ("Q", "2025-03-15")],
    )


def accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {"customer_id": ["B1", "B2", "C1"], "segment": ["business", "business", "consumer"]}
    )


def account_lines() -> pd.DataFrame:
    """B1 buys monthly and stops after 2024-03-01; B2 keeps buying; C1 is a consumer."""
    return table(
        ("customer_id", "order_date"),
        [
            ("B1", "2024-01-01"),
            ("B1", "2024-02-01"),
            ("B1", "2024-03-01"),
            ("B2", "2024-01-15"),
            ("B2", "2024-06-15"),
            ("B2", "2025-11-01"),
            ("C1", "2024-02-01"),
        ],
    )


def history() -> pd.DataFrame:
    """Warnings: B1 behind plan on 2024-01-31 and stopped on 2024-04-30; B2 over budget."""
    frame = table(
        ("as_of_date", "customer_id", "credit", "behind_plan", "over_budget", "stopped"),
        [
            ("2024-01-31", "B1", False, True, False, False),
            ("2024-04-30", "B1", False, False, False, True),
            ("2024-04-30", "B2", False, False, True, False),
        ],
    )
    frame = frame.rename(columns={"as_of_date": "as_of"})
    return frame.assign(warnings=frame[list(recovery.RULES)].sum(axis=1))


def dates() -> list[str]:
    return ["2024-01-31", "2024-04-30"]


def outcomes() -> pd.DataFrame:
    return recovery.leaving_outcomes(accounts(), account_lines(), dates())


def cells() -> pd.DataFrame:
    """Two groups, two offers each: service pays with the apology call, gone never pays."""
    index = pd.MultiIndex.from_tuples(
        [("service", "apology_call"), ("service", "none"), ("gone", "none"), ("gone", "free_gift")],
        names=["reason_group", "offer"],
    )
    return pd.DataFrame(
        {
            "response_rate": [0.5, 0.1, 0.0, 0.05],
            "profit_per_returner": [100.0, 50.0, None, 200.0],
            "cost_per_contact": [27.0, 12.0, 12.0, 107.0],
            "expected_value": [23.0, -7.0, -12.0, -97.0],
            "value_low": [5.0, -12.0, -12.0, -107.0],
            "value_high": [40.0, 5.0, -12.0, -50.0],
        },
        index=index,
    )


def lost() -> pd.Series:
    return pd.Series({"service": 10, "gone": 20})
