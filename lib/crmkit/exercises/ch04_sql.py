"""Chapter 04's SQL exercises (4.1, 4.2, 4.4, 4.6, 4.7): expected tables and diagnoses.

The answer to an SQL exercise is the text of the query: :func:`crmkit.exercises.compare.sql_result`
runs it on a read-only copy of the course database and compares its result with the table
computed here with pandas. The comparator names the shape of a wrong result (no rows, repeated
rows, one row, a window without PARTITION BY); the diagnoses here name the mistakes this chapter
teaches against (dates are text, a referrer is NULL in the clean table, an inner JOIN drops the
orphans, the trigger fires once). :mod:`crmkit.exercises.ch04` declares the exercises.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from crmkit import data, database
from crmkit.exercises.alternatives import column_texts
from crmkit.exercises.compare import query_result
from crmkit.exercises.lock import guard_expected

TOP_YEAR = 2025
CROSSING_THRESHOLD = 5000.0
CROSSING_WEEK = "2025-12-01"

# --------------------------------------------------------------------------- shared data


@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "service_events": data.load_service_events(),
    }


def _business_ids() -> set[str]:
    customers = _tables()["customers"]
    return set(customers.loc[customers["segment"] == "business", "customer_id"])


# --------------------------------------------------------------------------- SQL, any exercise


def _sql_text(answer: Any) -> str:
    """The query in upper case, without comments and with single spaces ("" for a non-query)."""
    if not isinstance(answer, str):
        return ""
    text = re.sub(r"--[^\n]*|/\*.*?\*/", " ", answer, flags=re.DOTALL)
    return " ".join(text.upper().split())


def _no_rows(answer: Any) -> bool:
    result = query_result(answer)
    return result is not None and result.empty


def _dates_unquoted(answer: Any, expected: Any) -> str | None:
    if _no_rows(answer) and re.search(r"(?<!['\d-])\d{4}-\d{2}-\d{2}(?!['\d])", _sql_text(answer)):
        return (
            "Your query returned no rows: a date without quotes is arithmetic (2025-01-01 is "
            "2025 - 1 - 1 = 2023, a number), and a number never matches the dates, which are "
            "text. Put dates in quotes: '2025-01-01'."
        )
    return None


# --------------------------------------------------------------------------- 4.1 referrals


def _expected_referred(who: str = "referred") -> pd.DataFrame:
    customers = _tables()["customers"]
    has_referrer = customers["referred_by"].notna().to_numpy()
    chosen = {"referred": has_referrer, "not_referred": ~has_referrer}.get(who, has_referrer | True)
    counted = "referred_by" if who == "referrers" else "customer_id"
    counts = customers[chosen].groupby("segment", observed=True)[counted].nunique()
    return pd.DataFrame({"segment": counts.index.astype(str), "referred": counts.to_numpy()})


def _referred_empty_text(answer: Any, expected: Any) -> str | None:
    if _no_rows(answer) and re.search(r"REFERRED_BY\s*=\s*''", _sql_text(answer)):
        return (
            "Your query returned no rows. In the clean table customers a missing referrer is "
            "NULL, not an empty text (that is customers_raw): WHERE referred_by IS NOT NULL."
        )
    return None


# --------------------------------------------------------------------------- 4.2 top customers


def _expected_top_customers(
    year: int | None = TOP_YEAR, list_price: bool = False, last_day: str = "12-31"
) -> pd.DataFrame:
    lines = _tables()["order_lines"]
    if year is not None:
        lines = lines[lines["order_date"].between(f"{year}-01-01", f"{year}-{last_day}")]
    value = lines["quantity"] * lines["unit_price"] if list_price else lines["revenue"]
    names = _tables()["customers"].set_index("customer_id")["name"]
    totals = value.groupby(lines["customer_id"]).sum().nlargest(10)
    return pd.DataFrame(
        {
            "customer_id": totals.index.astype(str),
            "name": names.reindex(totals.index).astype(str).to_numpy(),
            "revenue": totals.to_numpy(),
        }
    )


def _top_customers_average(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is not None and "revenue" in result.columns and "AVG(" in _sql_text(answer):
        return (
            "Your revenue is an average (AVG): the typical order line, not what the customer "
            "spent. A customer's revenue in the year is the total of their lines: SUM."
        )
    return None


def _top_customers_ascending(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is None or "revenue" not in result.columns or len(result) < 2:
        return None
    values = pd.to_numeric(result["revenue"], errors="coerce")
    if values.is_monotonic_increasing and not values.is_monotonic_decreasing:
        return (
            "Your list runs from smallest to largest, so LIMIT keeps the smallest customers. "
            "Sort largest first: ORDER BY revenue DESC."
        )
    return None


# --------------------------------------------------------------------------- 4.4 orphan referrers


def _expected_orphan_referrers() -> pd.DataFrame:
    raw = data.load_customers_raw()
    orphans = raw[raw["referred_by"].ne("") & ~raw["referred_by"].isin(set(raw["record_id"]))]
    return pd.DataFrame(
        {
            "record_id": orphans["record_id"].astype(str).to_numpy(),
            "referred_by": orphans["referred_by"].astype(str).to_numpy(),
        }
    ).sort_values("record_id", ignore_index=True)


def _orphans_empty_text(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is None or "referred_by" not in result.columns:
        return None
    if result["referred_by"].astype("string").fillna("").eq("").any():
        return (
            "Your result includes records whose referred_by is empty. An empty text means 'no "
            "referrer', not a broken link: add WHERE r.referred_by <> ''."
        )
    return None


def _orphans_inner_join(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer), "record_id")
    raw = data.load_customers_raw()
    valid = raw["referred_by"].ne("") & raw["referred_by"].isin(set(raw["record_id"]))
    if got and got <= set(raw.loc[valid, "record_id"]):
        return (
            "These are the records whose referrer DOES exist: an inner JOIN keeps the matches. "
            "Orphans are the rows without a match: LEFT JOIN customers_raw AS ref ON "
            "ref.record_id = r.referred_by, then keep WHERE ref.record_id IS NULL."
        )
    return None


# --------------------------------------------------------------------------- 4.6 spend crossings


def _expected_crossings(last_day: int = 7) -> pd.DataFrame:
    crossings = database.spend_crossings(
        _tables()["order_lines"], CROSSING_THRESHOLD, CROSSING_WEEK
    )
    end = pd.Timestamp(CROSSING_WEEK) + pd.Timedelta(days=last_day - 1)
    crossings = crossings[crossings["crossed_on"] <= end]
    return pd.DataFrame(
        {
            "customer_id": crossings["customer_id"].astype(str).to_numpy(),
            "crossed_on": crossings["crossed_on"].dt.strftime("%Y-%m-%d").to_numpy(),
        }
    )


def _crossing_alternatives() -> dict[str, set[str]]:
    lines = _tables()["order_lines"]
    start = pd.Timestamp(CROSSING_WEEK)
    end = start + pd.Timedelta(days=6)
    total = lines[lines["order_date"] <= end].groupby("customer_id")["revenue"].sum()
    in_week = lines[lines["order_date"].between(start, end)]
    week = in_week.groupby("customer_id")["revenue"].sum()
    above = set(total[total >= CROSSING_THRESHOLD].index)
    return {
        "above_and_bought": above & set(week.index),
        "above": above,
        "week_spend": set(week[week >= CROSSING_THRESHOLD].index),
    }


def _crossings_already_above(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer))
    options = _crossing_alternatives()
    if got and got != set(expected["customer_id"]):
        if got in (options["above_and_bought"], options["above"]):
            return (
                f"Your list holds customers who are above {CROSSING_THRESHOLD:,.0f} at the end of "
                "the week, including many who were above it before the week began. The trigger "
                "fires once: when the running total BEFORE the order is below the threshold and "
                "AFTER it is at or above it."
            )
    return None


def _crossings_weekly_spend(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer))
    if got is not None and got != set(expected["customer_id"]):
        if got == _crossing_alternatives()["week_spend"]:
            return (
                "You compared one week's spending with the threshold. The trigger uses cumulative "
                "spend: everything the customer ever bought, as a running total (SUM(...) OVER "
                "(PARTITION BY customer_id ORDER BY order_date, order_id))."
            )
    return None


def _crossings_no_partition(answer: Any, expected: Any) -> str | None:
    text = _sql_text(answer)
    if " OVER" in text and "PARTITION BY" not in text and query_result(answer) is not None:
        return (
            "Your window has no PARTITION BY: the running total adds up ALL customers' orders "
            "together, so it passed the threshold in the company's first days. Restart it for "
            "each customer: OVER (PARTITION BY customer_id ORDER BY order_date, order_id)."
        )
    return None


def _crossings_no_order(answer: Any, expected: Any) -> str | None:
    text = _sql_text(answer)
    windows = re.findall(r"OVER\s*\(([^)]*)\)", text)
    if windows and all("PARTITION BY" in w and "ORDER BY" not in w for w in windows):
        return (
            "Your window has PARTITION BY but no ORDER BY, so every row gets the customer's "
            "total over all time, not a running total. Add the order inside the window: "
            "OVER (PARTITION BY customer_id ORDER BY order_date, order_id)."
        )
    return None


# --------------------------------------------------------------------------- 4.7 receivables


def _expected_receivables() -> pd.DataFrame:
    tables = _tables()
    owed = database.receivables(tables["customers"], tables["invoices"], tables["payments"])
    return pd.DataFrame(
        {
            "customer_id": owed["customer_id"].astype(str).to_numpy(),
            "receivable": owed["receivable"].to_numpy(dtype=float),
        }
    )


def _receivables_columns(answer: Any) -> pd.Series | None:
    result = query_result(answer)
    if result is None or not {"customer_id", "receivable"} <= set(result.columns):
        return None
    if result["customer_id"].duplicated().any():
        return None
    values = pd.to_numeric(result["receivable"], errors="coerce")
    return values.set_axis(result["customer_id"].astype(str))


def _receivables_null(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is not None and values.isna().any():
        return (
            "Some receivables are NULL (NaN). An account with no payments gets NULL from "
            "SUM(amount) of no rows, and anything minus NULL is NULL. Use COALESCE(paid, 0)."
        )
    return None


def _receivables_inner_join(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is not None and 0 < len(values) < len(expected):
        return (
            f"Your result has {len(values)} accounts, fewer than have invoices. An inner JOIN to "
            "payments drops the accounts (or invoices) with no payment, which are exactly the "
            "ones that owe the most. Use LEFT JOIN."
        )
    return None


def _fan_out_receivables() -> pd.Series:
    invoices, payments = _tables()["invoices"], _tables()["payments"]
    joined = invoices.merge(payments, on="invoice_id", how="left", suffixes=("", "_paid"))
    sums = joined.groupby("customer_id")[["amount", "amount_paid"]].sum()
    return sums["amount"] - sums["amount_paid"]


def _receivables_fan_out(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is None or values.isna().any():
        return None
    fan_out = _fan_out_receivables().reindex(values.index)
    if np.allclose(values.to_numpy(), fan_out.to_numpy(), rtol=1e-6, atol=0.01):
        return (
            "Your receivables count some invoices twice. Joining invoices to payments gives one "
            "row per payment, so an invoice paid in two parts appears twice and its amount is "
            "summed twice. Sum invoices and payments separately (two subqueries), then subtract."
        )
    return None


def _receivables_sign(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    owed = expected.set_index("customer_id")["receivable"]
    if values is not None and set(values.index) == set(owed.index) and values.notna().all():
        invoiced = _tables()["invoices"].groupby("customer_id")["amount"].sum()
        if np.allclose(values.reindex(owed.index), invoiced.reindex(owed.index), atol=0.01):
            return (
                "These are the invoiced amounts. What an account still owes is invoiced minus "
                "paid: subtract the payments on its invoices."
            )
        if np.allclose(values.reindex(owed.index), -owed, rtol=1e-6, atol=0.01):
            return (
                "Your receivables have the wrong sign: you subtracted the invoices from the "
                "payments. What an account owes is invoiced minus paid."
            )
    return None


# The answer key is locked in a grading kernel here too (see crmkit.exercises.lock).
guard_expected(globals())
