"""The course tables' schema: columns and types, keys, references, and consistent values.

Every loader returns exactly the documented columns and types, keys are unique and
references resolve.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data

from tests.data.measures import AS_OF, FIRST_DAY

KIND_CHECKS = {
    "id": lambda dt: isinstance(dt, pd.StringDtype) and dt.na_value is pd.NA,
    "str": lambda dt: isinstance(dt, pd.StringDtype) and dt.na_value is pd.NA,
    "category": lambda dt: isinstance(dt, pd.CategoricalDtype) and not dt.ordered,
    "stage": lambda dt: (
        isinstance(dt, pd.CategoricalDtype)
        and dt.ordered
        and list(dt.categories) == data.FUNNEL_STAGES
    ),
    "date": lambda dt: dt == np.dtype("datetime64[s]"),
    "int": lambda dt: dt == np.dtype("int64"),
    "Int64": lambda dt: dt == pd.Int64Dtype(),
    "float": lambda dt: dt == np.dtype("float64"),
    "bool": lambda dt: dt == np.dtype("bool"),
    "boolean": lambda dt: dt == pd.BooleanDtype(),
}


@pytest.mark.parametrize("table", list(data.SCHEMAS))
def test_loader_columns_and_dtypes_follow_schemas(tables, table: str) -> None:
    frame = tables[table]
    schema = data.SCHEMAS[table]
    assert list(frame.columns) == list(schema)
    wrong = {
        column: str(frame[column].dtype)
        for column, kind in schema.items()
        if not KIND_CHECKS[kind](frame[column].dtype)
    }
    assert not wrong, f"{table}: columns with the wrong dtype: {wrong}"
    assert len(frame) > 0


def test_raw_customers_are_all_text_with_record_ids(tables) -> None:
    raw = tables["customers_raw"]
    expected = ["record_id"] + list(data.SCHEMAS["customers"])[1:]
    assert list(raw.columns) == expected
    assert all(isinstance(dtype, pd.StringDtype) for dtype in raw.dtypes)
    assert not raw.isna().any().any(), "empty cells must stay empty strings in the raw table"


# fmt: off
@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("customers", ["customer_id"]), ("products", ["product_id"]),
        ("service_events", ["event_id"]), ("invoices", ["invoice_id"]),
        ("invoices", ["order_id"]), ("payments", ["payment_id"]),
        ("account_plans", ["customer_id", "month"]), ("leads", ["lead_id"]),
        ("communications", ["comm_id"]), ("complaints", ["complaint_id"]),
        ("survey", ["response_id"]), ("survey", ["customer_id"]), ("teams", ["team_id"]),
        ("winback", ["customer_id"]), ("customers_raw", ["record_id"]),
    ],
)
# fmt: on
def test_keys_are_unique_and_present(tables, table: str, key: list[str]) -> None:
    frame = tables[table]
    assert not frame[key].isna().any().any()
    assert not frame.duplicated(key).any(), f"{table}: {key} is not unique"


def test_order_lines_have_one_header_per_order(tables) -> None:
    lines = tables["order_lines"]
    headers = lines.groupby("order_id")[["customer_id", "order_date"]].nunique()
    assert (headers == 1).all().all(), "an order_id with two customers or two dates"


def assert_in(values: pd.Series, allowed: pd.Series, what: str) -> None:
    values = values.dropna()
    missing = sorted(set(values) - set(allowed))
    assert not missing, f"{what}: {len(missing)} ids do not resolve, e.g. {missing[:5]}"


def test_foreign_keys_resolve(tables) -> None:
    t = tables
    customers = t["customers"]["customer_id"]
    lines = t["order_lines"]
    assert_in(lines["customer_id"], customers, "order_lines.customer_id")
    assert_in(lines["product_id"], t["products"]["product_id"], "order_lines.product_id")
    assert_in(t["invoices"]["order_id"], lines["order_id"], "invoices.order_id")
    assert_in(t["payments"]["invoice_id"], t["invoices"]["invoice_id"], "payments.invoice_id")
    for table in (
        "service_events",
        "complaints",
        "communications",
        "survey",
        "winback",
        "account_plans",
        "invoices",
    ):
        assert_in(t[table]["customer_id"], customers, f"{table}.customer_id")
    assert_in(t["service_events"]["order_id"], lines["order_id"], "service_events.order_id")
    assert_in(t["customers"]["team_id"], t["teams"]["team_id"], "customers.team_id")
    assert_in(t["customers"]["referred_by"], customers, "customers.referred_by")


def test_invoices_belong_to_the_orders_customer_and_terms(tables) -> None:
    t = tables
    order_customer = t["order_lines"].drop_duplicates("order_id").set_index("order_id")
    invoices = t["invoices"]
    assert invoices["customer_id"].eq(invoices["order_id"].map(order_customer["customer_id"])).all()
    assert invoices["invoice_date"].eq(invoices["order_id"].map(order_customer["order_date"])).all()
    terms = t["customers"].set_index("customer_id")["payment_terms_days"]
    days = (invoices["due_date"] - invoices["invoice_date"]).dt.days
    assert days.eq(invoices["customer_id"].map(terms).astype("int64")).all()
    order_total = t["order_lines"].groupby("order_id")["revenue"].sum()
    assert np.allclose(invoices["amount"], invoices["order_id"].map(order_total), atol=0.006)
    paid = t["payments"].groupby("invoice_id")["amount"].sum()
    assert (paid <= invoices.set_index("invoice_id")["amount"].reindex(paid.index) + 0.005).all()


def test_leads_and_business_customers_match(tables) -> None:
    leads, customers = tables["leads"], tables["customers"]
    won = leads["status"].eq("won")
    assert leads.loc[won, "customer_id"].notna().all()
    assert leads.loc[~won, "customer_id"].isna().all()
    assert_in(leads["customer_id"], customers["customer_id"], "leads.customer_id")
    business = customers.loc[customers["segment"].eq("business"), "customer_id"]
    assert sorted(leads.loc[won, "customer_id"]) == sorted(business)
    assert (leads.loc[won, "stage_reached"] == "won").all()


def test_dates_lie_inside_the_data_period(tables) -> None:
    outside = {}
    for table, schema in data.SCHEMAS.items():
        for column, kind in schema.items():
            if kind != "date" or (table, column) == ("invoices", "due_date"):
                continue
            values = tables[table][column].dropna()
            bad = ~values.between(FIRST_DAY, AS_OF)
            if bad.any():
                outside[f"{table}.{column}"] = int(bad.sum())
    assert not outside, f"dates outside 2022-01-01..2025-12-31: {outside}"
    # Due dates run up to 90 days (the longest payment terms) past the last day.
    invoices = tables["invoices"]
    assert invoices["due_date"].between(FIRST_DAY, AS_OF + pd.Timedelta(days=90)).all()


def test_revenue_is_quantity_times_price_after_discount(tables) -> None:
    lines = tables["order_lines"]
    expected = np.round(lines["quantity"] * lines["unit_price"] * (1 - lines["discount"]), 2)
    assert np.allclose(lines["revenue"], expected, rtol=0, atol=0.001)
    cost = tables["products"].set_index("product_id")["unit_cost"]
    expected_cost = np.round(lines["quantity"] * lines["product_id"].map(cost), 2)
    assert np.allclose(lines["cost_of_goods"], expected_cost, rtol=0, atol=0.001)
    price = tables["products"].set_index("product_id")["unit_price"]
    assert lines["unit_price"].eq(lines["product_id"].map(price)).all()
    assert lines["discount"].between(0, 0.6).all() and (lines["quantity"] >= 1).all()
