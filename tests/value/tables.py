"""Small hand-made tables for the chapter 01 tests (right answers worked out by hand)."""

from __future__ import annotations

import pandas as pd
from crmkit import data

AS_OF = pd.Timestamp("2025-12-31")


def lines(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """Order lines from (customer_id, order_date, revenue) rows; cost of goods = 60% of revenue."""
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue"])
    frame["order_date"] = pd.to_datetime(frame["order_date"]).astype("datetime64[s]")
    frame["revenue"] = frame["revenue"].astype("float64")
    frame["cost_of_goods"] = (frame["revenue"] * 0.6).round(2)
    return frame


def customer_table(*ids: str, referred_by: list[object] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": pd.array(ids, dtype="string"),
            "referred_by": pd.array(referred_by or [pd.NA] * len(ids), dtype="string"),
        }
    )


def lead_table(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Leads from (lead_id, created_date, stage_reached, status) rows, typed as data.load_leads()."""
    frame = pd.DataFrame(rows, columns=["lead_id", "created_date", "stage_reached", "status"])
    frame["created_date"] = pd.to_datetime(frame["created_date"]).astype("datetime64[s]")
    frame["stage_reached"] = pd.Categorical(
        frame["stage_reached"], categories=data.FUNNEL_STAGES, ordered=True
    )
    frame["status"] = frame["status"].astype("category")
    return frame


NO_LEADS = lead_table()


def states_of(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["party_id"], frame["state"].astype(str), strict=True))
