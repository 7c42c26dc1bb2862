"""Small hand-made tables for the chapter 04 tests (right answers worked out by hand).

The unit tests and the bad-input tests both build their tables here; the fixtures that
wrap them (and the course data and database) are in conftest.py.
"""

from __future__ import annotations

import pandas as pd
from crmkit import database

from tests.bad_input_support import AS_OF

D = pd.Timestamp
TEAMS = pd.DataFrame({"team_id": ["T06"]})


def days(*values: str) -> pd.Series:
    """Dates as the course data holds them (datetime64[s])."""
    return pd.Series(pd.to_datetime(list(values))).astype("datetime64[s]")


# --------------------------------------------------------------------------- the raw export


def raw_record(record_id: str, **values: str) -> dict[str, str]:
    """One clean record of the raw customer export (all text), with ``values`` changed."""
    record = dict.fromkeys(database.RAW_COLUMNS, "")
    record.update(
        record_id=record_id,
        segment="consumer",
        name="Li Na",
        region="North",
        city="Beijing",
        signup_date="2024-05-01",
        acquisition_channel="referral",
        acquisition_cost="40.0",
        team_id="T06",
        birth_year="1990",
        email=f"{record_id.lower()}@example.net",
        phone="+86 138 0000 00" + record_id[-2:].rjust(2, "0"),
    )
    record.update(values)
    return record


def raw_table(*records: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(records)).astype("string")


# --------------------------------------------------------------------------- receivables


def credit_case() -> dict[str, pd.DataFrame]:
    """Two accounts: B1 owes 1,100 on 2025-12-31 (limit 1,000), B2 exactly its limit of 500."""
    customers = pd.DataFrame({"customer_id": ["B1", "B2"], "credit_limit": [1000, 500]})
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3", "I4"],
            "customer_id": ["B1", "B1", "B2", "B1"],
            "invoice_date": days("2025-10-01", "2025-12-01", "2025-12-10", "2026-01-05"),
            "due_date": days("2025-10-31", "2025-12-31", "2026-01-09", "2026-02-04"),
            "amount": [800.0, 700.0, 500.0, 999.0],
        }
    )
    payments = pd.DataFrame(
        {
            "invoice_id": ["I1", "I1", "I2"],
            "payment_date": days("2025-11-20", "2025-12-05", "2026-01-02"),
            "amount": [300.0, 100.0, 700.0],
        }
    )
    return {"customers": customers, "invoices": invoices, "payments": payments}


# --------------------------------------------------------------------------- plan and budget


def plan_case() -> dict[str, pd.DataFrame]:
    """Plans, orders and service events of B1 and B2 around October and November 2025."""
    plans = pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "B1", "B2"],
            "month": days("2025-09-01", "2025-10-01", "2025-11-01", "2025-11-01"),
            "planned_revenue": [9999.0, 1000.0, 3000.0, 600.0],
            "expense_budget": [999.0, 100.0, 300.0, 60.0],
        }
    )
    lines = pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "B1", "B2"],
            "order_date": days("2025-09-30", "2025-10-01", "2025-11-15", "2025-11-16"),
            "revenue": [5000.0, 800.0, 400.0, 300.0],
        }
    )
    events = pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "B1", "B2", "B2"],
            "event_date": days(
                "2025-10-05", "2025-11-14", "2025-11-10", "2025-11-01", "2025-11-20"
            ),
            "event_type": ["sales_visit", "sales_visit", "delivery", "sales_visit", "rebate"],
            "cost": [200.0, 50.0, 999.0, 30.0, 500.0],
        }
    )
    return {"account_plans": plans, "order_lines": lines, "service_events": events}


# --------------------------------------------------------------------------- valid input for every function


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B2", "C1"],
            "segment": ["business", "business", "consumer"],
            "name": ["Pine Cafe", "Moon Hotel", "Li Na"],
            "business_type": ["cafe", "hotel", None],
            "credit_limit": pd.array([1000, 500, None], dtype="Int64"),
            "email": ["pine@example.com", "moon@example.com", "li.na@example.net"],
            "phone": ["+86 138 0000 0001", "+86 138 0000 0002", "+86 138 0000 0003"],
        }
    )


def order_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4", "O5", "O6"],
            "customer_id": ["B1", "B1", "B1", "B1", "B2", "C1"],
            "order_date": days(
                "2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22", "2025-12-01", "2025-11-01"
            ),
            "product_id": ["P1", "P2", "P1", "P1", "P2", "P1"],
            "revenue": [800.0, 300.0, 500.0, 400.0, 900.0, 60.0],
        }
    )


def products() -> pd.DataFrame:
    return pd.DataFrame({"product_id": ["P1", "P2"], "category": ["coffee", "teaware"]})


def invoices() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3"],
            "customer_id": ["B1", "B1", "B2"],
            "invoice_date": days("2025-09-01", "2025-09-22", "2025-12-01"),
            "due_date": days("2025-10-01", "2025-10-22", "2025-12-31"),
            "amount": [800.0, 400.0, 900.0],
        }
    )


def payments() -> pd.DataFrame:
    return pd.DataFrame(
        {"invoice_id": ["I1"], "payment_date": days("2025-10-05"), "amount": [800.0]}
    )


def account_plans() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "B2"],
            "month": days("2025-11-01", "2025-12-01", "2025-12-01"),
            "planned_revenue": [900.0, 900.0, 800.0],
            "expense_budget": [40.0, 40.0, 35.0],
        }
    )


def service_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B2"],
            "event_date": days("2025-11-03", "2025-12-02"),
            "event_type": pd.Categorical(["sales_visit", "delivery"]),
            "cost": [250.0, 60.0],
        }
    )


def raw() -> pd.DataFrame:
    """A customer and the same customer typed again (an X record)."""
    first = raw_record("C1", email="li.na@example.net", phone="+86 138 0000 0003")
    again = dict(first, record_id="X1", name="LI NA.", phone="138-0000-0003", city="Peking")
    return raw_table(first, again)


def warning_tables() -> dict[str, object]:
    """The six tables of the warning list, with ``as_of``."""
    return {
        "customers": customers(),
        "order_lines": order_lines(),
        "invoices": invoices(),
        "payments": payments(),
        "account_plans": account_plans(),
        "service_events": service_events(),
        "as_of": AS_OF,
    }
