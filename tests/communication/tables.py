"""Small hand-made tables for the chapter 06 tests, answers worked out by hand in the tests."""

from __future__ import annotations

import pandas as pd

from tests.bad_input_support import table

COMM_COLUMNS = (
    "comm_id",
    "comm_date",
    "customer_id",
    "direction",
    "channel",
    "purpose",
    "responded",
)
COMPLAINT_COLUMNS = (
    "complaint_id", "customer_id", "complaint_date", "category", "channel", "response_hours",
    "resolution", "resolution_hours", "people_told", "outcome",
)  # fmt: skip


def communications() -> pd.DataFrame:
    """Six outbound messages (email 1 of 3 answered, phone 2 of 2, sms 0 of 1) and two inbound."""
    frame = table(
        COMM_COLUMNS,
        [
            ("M1", "2025-01-02", "C1", "outbound", "email", "promotion", False),
            ("M2", "2025-01-03", "C2", "outbound", "email", "care", True),
            ("M3", "2025-01-04", "C3", "outbound", "email", "promotion", False),
            ("M4", "2025-01-05", "B1", "outbound", "phone", "care", True),
            ("M5", "2025-01-06", "B2", "outbound", "phone", "survey", True),
            ("M6", "2025-01-07", "C1", "outbound", "sms", "promotion", False),
            ("M7", "2025-01-08", "C2", "inbound", "hotline", "complaint", None),
            ("M8", "2025-01-09", "B1", "inbound", "wechat", "enquiry", None),
        ],
    )
    frame["responded"] = frame["responded"].astype("boolean")
    return frame


def complaints() -> pd.DataFrame:
    """Seven complaints: 2 resolved fast (both stayed), 2 slow (1 stayed), 1 partial (left),
    2 unresolved (1 left, 1 too early to tell)."""
    return table(
        COMPLAINT_COLUMNS,
        [
            (
                "K1",
                "C1",
                "2025-01-05",
                "late_delivery",
                "hotline",
                2.0,
                "resolved",
                10.0,
                1,
                "stayed",
            ),
            (
                "K2",
                "C2",
                "2025-01-20",
                "late_delivery",
                "wechat",
                5.0,
                "resolved",
                40.0,
                2,
                "stayed",
            ),
            ("K3", "B1", "2025-02-03", "wrong_item", "email", 30.0, "resolved", 90.0, 4, "stayed"),
            (
                "K4",
                "C3",
                "2025-03-10",
                "late_delivery",
                "hotline",
                12.0,
                "resolved",
                200.0,
                6,
                "left",
            ),
            (
                "K5",
                "B2",
                "2025-03-15",
                "billing_error",
                "sales_rep",
                8.0,
                "partially_resolved",
                60.0,
                8,
                "left",
            ),
            (
                "K6",
                "C4",
                "2025-03-20",
                "staff_attitude",
                "hotline",
                20.0,
                "unresolved",
                None,
                11,
                "left",
            ),
            (
                "K7",
                "C5",
                "2025-03-28",
                "price_dispute",
                "wechat",
                6.0,
                "unresolved",
                None,
                9,
                "too_early_to_tell",
            ),
        ],
    )


def profit() -> pd.Series:
    return pd.Series({"A": 500.0, "B": 90.0, "C": 40.0, "D": 5.0, "E": -30.0}, name="profit")


def rates() -> pd.Series:
    return pd.Series({"email": 0.02, "phone": 0.1, "wechat": 0.06})


def response_values() -> pd.Series:
    return pd.Series({"high": 500.0, "middle": 50.0, "low": 1.0})
