"""crmkit.database.cleaning: the cleaned customers, the change log and the reconciliation."""

from __future__ import annotations

import pandas as pd
from crmkit import data, database

from tests.database.tables import TEAMS, D, days, raw_record, raw_table


def test_clean_merges_fills_standardises_and_blanks() -> None:
    raw = raw_table(
        raw_record("C01", email=""),
        raw_record("X01", name="LI NA.", phone="138-0000-0001", email="LI@EXAMPLE.NET"),
        raw_record(
            "C02", name="Wu Bo", segment="retail customer", city="Canton", referred_by="X01"
        ),
        raw_record("C03", name="Ma Li", birth_year="2030", team_id="T09", signup_date="1900-01-01"),
        raw_record("C04", name="Ye Fan", referred_by="C77", signup_date="2027-02-30"),
    )
    lines = pd.DataFrame({"customer_id": ["C03"], "order_date": days("2023-03-04")})
    customers, changes = database.clean_customers(raw, TEAMS, lines)
    assert customers["customer_id"].tolist() == ["C01", "C02", "C03", "C04"]
    clean = customers.set_index("customer_id")
    assert clean.loc["C01", "email"] == "li@example.net"  # filled from X01, then lower-cased
    assert clean.loc["C02", "segment"] == "consumer"
    assert clean.loc["C02", "city"] == "Guangzhou"
    assert clean.loc["C02", "referred_by"] == "C01"  # redirected from the merged X01
    assert pd.isna(clean.loc["C03", "birth_year"])
    assert pd.isna(clean.loc["C03", "team_id"])
    assert clean.loc["C03", "signup_date"] == D("2023-03-04")  # from its first order
    assert pd.isna(clean.loc["C04", "signup_date"])  # no order history: blanked
    assert pd.isna(clean.loc["C04", "referred_by"])
    logged = set(zip(changes["record_id"], changes["action"], changes["column"], strict=True))
    assert {
        ("X01", "merged", "record_id"),
        ("C01", "filled", "email"),
        ("C02", "standardised", "referred_by"),
        ("C03", "filled", "signup_date"),
        ("C04", "blanked", "signup_date"),
        ("C04", "blanked", "referred_by"),
        ("C03", "blanked", "team_id"),
        ("C03", "blanked", "birth_year"),
    } <= logged
    assert database.account_for_records(raw, customers, changes)["unaccounted"] == 0


def test_clean_leaves_a_clean_table_alone() -> None:
    raw = raw_table(raw_record("C01"), raw_record("C02", name="Wu Bo"))
    customers, changes = database.clean_customers(raw, TEAMS)
    assert changes.empty
    assert list(changes.columns) == database.CHANGE_COLUMNS
    assert len(customers) == 2


def test_account_for_records_counts_unaccounted() -> None:
    raw = pd.DataFrame({"record_id": ["C1", "X1", "C2"]})
    accounts = database.account_for_records(
        raw,
        pd.DataFrame({"customer_id": ["C1"]}),
        pd.DataFrame({"record_id": ["X1"], "action": ["merged"]}),
    )
    assert accounts.to_dict() == {"records_in": 3, "kept": 1, "merged": 1, "unaccounted": 1}


def test_course_cleaning_recovers_the_clean_table() -> None:
    raw = data.load_customers_raw()
    cleaned, changes = database.clean_customers(raw, data.load_teams(), data.load_order_lines())
    truth = data.load_customers()
    assert cleaned.dtypes.astype(str).to_dict() == truth.dtypes.astype(str).to_dict()
    assert cleaned["customer_id"].tolist() == truth["customer_id"].tolist()
    assert database.account_for_records(raw, cleaned, changes)["unaccounted"] == 0
    for column in ["segment", "business_type", "region", "city", "signup_date", "name"]:
        pd.testing.assert_series_equal(cleaned[column], truth[column], check_categorical=False)
    # What cleaning cannot recover is missing, never wrong.
    for column in ["email", "phone", "team_id", "referred_by", "birth_year"]:
        both = cleaned[column].notna()
        assert (cleaned.loc[both, column] == truth.loc[both, column]).all(), column
