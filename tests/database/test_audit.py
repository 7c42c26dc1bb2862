"""crmkit.database.audit: every data-quality problem of the raw export."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, database

from tests.database.tables import TEAMS, raw_record, raw_table


def test_audit_finds_each_kind_of_problem() -> None:
    raw = raw_table(
        raw_record("C01"),
        raw_record("C02", name="Wu Bo", email="", phone="", signup_date="2026-13-01"),
        raw_record("C03", name="Ma Li", segment="Consumer", city="Peking", birth_year="1890"),
        raw_record("C04", name="Ye Fan", team_id="T09", referred_by="C99"),
        raw_record("C05", name="Xu Ke", signup_date="2021-12-31", business_type="restuarant"),
        raw_record("X01", name="li na", phone="138-0000-0001"),
    )
    findings = database.audit_customers(raw, TEAMS, as_of="2025-12-31")
    found = set(zip(findings["record_id"], findings["problem"], findings["column"], strict=True))
    assert found == {
        ("X01", "duplicate", "record_id"),
        ("C02", "missing_contact", "email"),
        ("C02", "missing_contact", "phone"),
        ("C02", "impossible_date", "signup_date"),
        ("C03", "inconsistent_category", "segment"),
        ("C03", "inconsistent_category", "city"),
        ("C03", "impossible_birth_year", "birth_year"),
        ("C04", "orphan_id", "team_id"),
        ("C04", "orphan_id", "referred_by"),
        ("C05", "impossible_date", "signup_date"),
        ("C05", "inconsistent_category", "business_type"),
    }


@pytest.mark.parametrize(
    ("signup", "bad"),
    [("2022-01-01", False), ("2021-12-31", True), ("2025-12-31", False), ("2026-01-01", True)],
)
def test_audit_signup_date_boundaries(signup: str, bad: bool) -> None:
    findings = database.audit_customers(raw_table(raw_record("C01", signup_date=signup)), TEAMS)
    assert (findings["problem"] == "impossible_date").any() == bad


@pytest.mark.parametrize(
    ("year", "bad"), [("1925", False), ("1924", True), ("2009", False), ("2010", True), ("", False)]
)
def test_audit_birth_year_boundaries(year: str, bad: bool) -> None:
    findings = database.audit_customers(raw_table(raw_record("C01", birth_year=year)), TEAMS)
    assert (findings["problem"] == "impossible_birth_year").any() == bad


def test_audit_clean_record_has_no_findings() -> None:
    findings = database.audit_customers(raw_table(raw_record("C01")), TEAMS)
    assert findings.empty
    assert list(findings.columns) == ["record_id", "problem", "column", "value", "detail"]
    assert database.audit_summary(findings).empty


def test_audit_summary_counts_records() -> None:
    findings = pd.DataFrame(
        {
            "record_id": ["C1", "C1", "C2"],
            "problem": ["orphan_id"] * 3,
            "column": ["team_id"] * 3,
            "value": ["T09", "T09", "T10"],
        }
    )
    summary = database.audit_summary(findings)
    assert summary["records"].tolist() == [2]
    assert summary["examples"].tolist() == ["T09, T10"]


def test_course_audit_matches_the_planted_faults() -> None:
    raw = data.load_customers_raw()
    findings = database.audit_customers(raw, data.load_teams())
    summary = database.audit_summary(findings).set_index(["problem", "column"])["records"]
    assert summary[("duplicate", "record_id")] == raw["record_id"].str.startswith("X").sum()
    assert summary[("missing_contact", "email")] == (raw["email"] == "").sum()
    assert summary[("orphan_id", "team_id")] == (raw["team_id"] == "T09").sum()
    impossible = pd.to_datetime(raw["signup_date"], format="%Y-%m-%d", errors="coerce")
    bad = impossible.isna() | (impossible < "2022-01-01") | (impossible > "2025-12-31")
    assert summary[("impossible_date", "signup_date")] == bad.sum()
