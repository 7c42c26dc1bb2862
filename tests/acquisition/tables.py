"""Small hand-made tables for the chapter 03 tests (right answers worked out by hand).

The unit tests and the bad-input tests both build their tables here; the fixtures that
wrap them (and the course data) are in conftest.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit import data

from tests.bad_input_support import table

AS_OF = pd.Timestamp("2025-12-31")


def lead_table(*rows: tuple[str, str, str, str, float]) -> pd.DataFrame:
    """Leads from (method, created_date, stage_reached, status, cost) rows; stage k is dated k*10
    days after creation (won leads are won 40 days after), typed like data.load_leads()."""
    frame = pd.DataFrame(
        rows, columns=["prospecting_method", "created_date", "stage_reached", "status", "cost"]
    )
    created = pd.to_datetime(frame["created_date"]).astype("datetime64[s]")
    stage = pd.Categorical(frame["stage_reached"], categories=data.FUNNEL_STAGES, ordered=True)
    codes = np.asarray(stage.codes)
    out = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(1, len(frame) + 1)],
            "created_date": created,
            "prospecting_method": frame["prospecting_method"].astype("category"),
            "stage_reached": stage,
            "status": frame["status"].astype("category"),
        }
    )
    for k, column in enumerate(
        ["contacted_date", "qualified_date", "proposal_date", "won_date"], 1
    ):
        out[column] = (created + pd.Timedelta(days=10 * k)).where(codes >= k)
    out["acquisition_cost"] = frame["cost"].astype("float64")
    return out


def customer_table(*rows: tuple[str, str, str, str, float]) -> pd.DataFrame:
    """Customers from (customer_id, segment, signup_date, channel, acquisition_cost) rows."""
    frame = table(
        ("customer_id", "segment", "signup_date", "acquisition_channel", "acquisition_cost"), rows
    )
    frame["customer_id"] = frame["customer_id"].astype("string")
    frame["segment"] = frame["segment"].astype("category")
    frame["signup_date"] = frame["signup_date"].astype("datetime64[s]")
    frame["acquisition_channel"] = frame["acquisition_channel"].astype("category")
    frame["acquisition_cost"] = frame["acquisition_cost"].astype("float64")
    return frame


def line_table(*rows: tuple[str, str, float, float]) -> pd.DataFrame:
    """Order lines from (customer_id, order_date, revenue, cost_of_goods) rows."""
    frame = table(("customer_id", "order_date", "revenue", "cost_of_goods"), rows)
    frame["customer_id"] = frame["customer_id"].astype("string")
    frame["order_date"] = frame["order_date"].astype("datetime64[s]")
    return frame.astype({"revenue": "float64", "cost_of_goods": "float64"})


def economics_table() -> pd.DataFrame:
    """Three methods' economics: referral is the best value, sms the cheapest lead."""
    economics = pd.DataFrame(
        {
            "cac": [1000.0, 4000.0, 2000.0],
            "first_year_gross_profit": [20000.0, 30000.0, 10000.0],
            "capacity": [3000.0, 8000.0, 9000.0],
            "cost_per_lead": [250.0, 400.0, 100.0],
            "win_lower": [0.2, 0.05, 0.03],
            "win_upper": [0.3, 0.15, 0.08],
        },
        index=pd.Index(["referral", "events", "sms"], name="prospecting_method"),
    )
    economics["value_to_cost"] = economics["first_year_gross_profit"] / economics["cac"]
    return economics
