"""crmkit.database: the SQLite customer database, data quality, early warnings, guarding the data.

Most tests use small hand-made frames whose answers can be worked out by hand;
a few check the course data and that every SQL view gives exactly what the
pandas function gives.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest
from crmkit import data, database

D = pd.Timestamp


def days(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values))).astype("datetime64[s]")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def course() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "service_events": data.load_service_events(),
    }


@pytest.fixture(scope="module")
def course_db() -> Path:
    return database.course_database()


@pytest.fixture()
def writable_db(tmp_path: Path, course_db: Path) -> Path:
    return Path(shutil.copy(course_db, tmp_path / "copy.sqlite"))


def raw_record(record_id: str, **values: str) -> dict[str, str]:
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


TEAMS = pd.DataFrame({"team_id": ["T06"]})


# --------------------------------------------------------------------------- normalising


def test_normalise_phone_formats() -> None:
    values = pd.Series(
        ["+86 138 1234 5678", "138-1234-5678", "8613812345678", "", "555-1234", None]
    )
    assert database.normalise_phone(values).tolist() == [
        "13812345678",
        "13812345678",
        "13812345678",
        pd.NA,
        pd.NA,
        pd.NA,
    ]


def test_format_phone_house_style() -> None:
    assert database.format_phone(pd.Series(["138-1234-5678"])).tolist() == ["+86 138 1234 5678"]


def test_normalise_email_and_name() -> None:
    assert database.normalise_email(pd.Series([" A.B@X.COM", ""])).tolist() == ["a.b@x.com", pd.NA]
    names = pd.Series(["  Pine  Café (Suzhou).", "PINE CAFE (SUZHOU)", "pine cafe (suzhou)"])
    assert database.normalise_name(names).nunique() == 1


# --------------------------------------------------------------------------- duplicates


def test_find_duplicates_needs_name_and_a_contact() -> None:
    raw = raw_table(
        raw_record("C01", name="Li Na", phone="+86 138 0000 0001", email="li@example.net"),
        raw_record("X01", name="LI NA.", phone="138-0000-0001", email=""),  # name + phone
        raw_record("X02", name="li  na", phone="", email="LI@EXAMPLE.NET"),  # name + email
        raw_record("C02", name="Li Na", phone="+86 139 0000 0002", email="other@example.net"),
        raw_record("C03", name="Wu Bo", phone="+86 138 0000 0001", email="wu@example.net"),
    )
    found = database.find_duplicates(raw)
    assert found["record_id"].tolist() == ["X01", "X02"]
    assert found["duplicate_of"].tolist() == ["C01", "C01"]
    assert found["matched_on"].tolist() == ["phone", "email"]


def test_find_duplicates_chains_and_survivor() -> None:
    # X2 shares only a phone with X1, and X1 only an email with C1: one customer, three records.
    raw = raw_table(
        raw_record("X1", phone="+86 138 0000 0009", email="a@example.net"),
        raw_record("C1", phone="+86 138 0000 0001", email="A@example.net"),
        raw_record("X2", phone="138-0000-0009", email="b@example.net"),
    )
    found = database.find_duplicates(raw)
    assert set(found["record_id"]) == {"X1", "X2"}
    assert set(found["duplicate_of"]) == {"C1"}
    assert "chain" in set(found["matched_on"])


def test_find_duplicates_none() -> None:
    raw = raw_table(raw_record("C01"), raw_record("C02", name="Wu Bo"))
    assert database.find_duplicates(raw).empty


def test_find_duplicates_rejects_repeated_ids() -> None:
    raw = raw_table(raw_record("C01"), raw_record("C01"))
    with pytest.raises(ValueError, match="record_id"):
        database.find_duplicates(raw)


def test_course_duplicates_are_exactly_the_x_records() -> None:
    raw = data.load_customers_raw()
    found = database.find_duplicates(raw)
    planted = set(raw.loc[raw["record_id"].str.startswith("X"), "record_id"])
    assert set(found["record_id"]) == planted
    assert not found["duplicate_of"].str.startswith("X").any()


# --------------------------------------------------------------------------- audit


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


# --------------------------------------------------------------------------- cleaning


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


# --------------------------------------------------------------------------- receivables


@pytest.fixture()
def credit_case() -> dict[str, pd.DataFrame]:
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


@pytest.fixture()
def plan_case() -> dict[str, pd.DataFrame]:
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


def test_order_gaps() -> None:
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B"],
            "order_date": days("2025-01-01", "2025-01-04", "2025-01-04", "2025-01-02"),
        }
    )
    gaps = database.order_gaps(lines, "A")
    assert gaps.tolist() == [3]
    assert gaps.index.tolist() == [D("2025-01-04")]
    with pytest.raises(ValueError, match="Z9"):
        database.order_gaps(lines, "Z9")


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


def test_account_history_month_end_receivable(credit_case: dict[str, pd.DataFrame]) -> None:
    customers = credit_case["customers"]
    lines = pd.DataFrame(
        {"customer_id": ["B1"], "order_date": days("2025-10-01"), "revenue": [800.0]}
    )
    plans = pd.DataFrame(
        {
            "customer_id": ["B1"],
            "month": days("2025-10-01"),
            "planned_revenue": [900.0],
            "expense_budget": [50.0],
        }
    )
    events = pd.DataFrame(
        {
            "customer_id": ["B1"],
            "event_date": days("2025-11-03"),
            "event_type": ["sales_visit"],
            "cost": [70.0],
        }
    )
    history = database.account_history(
        "B1",
        customers,
        lines,
        credit_case["invoices"],
        credit_case["payments"],
        plans,
        events,
        "2025-12-31",
    )
    assert history.index.tolist() == [D("2025-10-01"), D("2025-11-01"), D("2025-12-01")]
    assert history["receivable"].tolist() == [800.0, 500.0, 1100.0]
    assert history["selling_expenses"].tolist() == [0.0, 70.0, 0.0]
    assert history["credit_limit"].tolist() == [1000.0] * 3


# --------------------------------------------------------------------------- trigger


def test_spend_crossings_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4", "O5", "O6", "O7"],
            "customer_id": ["A", "A", "B", "B", "C", "C", "D"],
            "order_date": days(
                "2025-11-01",
                "2025-12-01",
                "2025-11-01",
                "2025-12-03",
                "2025-12-07",
                "2025-12-07",
                "2025-12-08",
            ),
            "revenue": [400.0, 600.0, 1500.0, 10.0, 500.0, 600.0, 5000.0],
        }
    )
    crossed = database.spend_crossings(lines, 1000, "2025-12-01")
    # A reaches exactly 1000 (counts); B was above before the week; C crosses with its second
    # order of the day (O6); D orders on day 8, outside the week.
    assert crossed["customer_id"].tolist() == ["A", "C"]
    assert crossed["order_id"].tolist() == ["O2", "O6"]
    assert crossed["spend_before"].tolist() == [400.0, 500.0]


def test_spend_crossings_sql_matches_pandas(course_db: Path, course) -> None:
    connection = database.connect_readonly(course_db)
    for week in ["2025-12-01", "2024-01-15", "2023-09-25"]:
        in_sql = pd.read_sql(
            database.SPEND_CROSSINGS_SQL,
            connection,
            params={"threshold": 3000, "week_start": week},
            parse_dates=["crossed_on"],
        )
        in_pandas = database.spend_crossings(course["order_lines"], 3000, week)
        pd.testing.assert_frame_equal(in_sql, in_pandas, check_dtype=False)
    connection.close()


# --------------------------------------------------------------------------- one-to-one


def test_customer_profiles_and_ties() -> None:
    customers = pd.DataFrame({"customer_id": ["B1", "C1"], "business_type": ["cafe", None]})
    lines = pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "C1"],
            "product_id": ["P2", "P1", "P1"],
            "revenue": [5.0, 5.0, 1.0],
        }
    )
    products = pd.DataFrame({"product_id": ["P1", "P2"], "category": ["teaware", "coffee"]})
    profiles = database.customer_profiles(customers, lines, products)
    assert profiles["favourite_category"].tolist() == ["coffee", "teaware"]  # tie: alphabetical
    assert profiles["customer_type"].tolist() == ["cafe", "consumer"]


def test_lookalike_targets_rules() -> None:
    ids = [f"K{k}" for k in range(6)]
    customers = pd.DataFrame({"customer_id": ids, "business_type": ["cafe"] * 4 + [None] * 2})
    lines = pd.DataFrame(
        {
            "customer_id": ids + ["K0", "K1", "K4"],
            "product_id": ["P1"] * 6 + ["P9", "P9", "P9"],
            "revenue": [10.0] * 6 + [1.0] * 3,
        }
    )
    products = pd.DataFrame({"product_id": ["P1", "P9"], "category": ["coffee", "teaware"]})
    # Overall penetration 3/6; cafés 2/4 (lift 1), consumers 1/2 (lift 1).
    assert database.lookalike_targets(customers, lines, products, "P9", 1, 1.0)[
        "customer_id"
    ].tolist() == ["K2", "K3", "K5"]
    assert database.lookalike_targets(customers, lines, products, "P9", 3, 1.0)[
        "customer_id"
    ].tolist() == ["K2", "K3"]
    assert database.lookalike_targets(customers, lines, products, "P9", 1, 1.5).empty
    with pytest.raises(ValueError, match="P404"):
        database.lookalike_targets(customers, lines, products, "P404")


def test_lookalike_sql_matches_pandas(course_db: Path, course) -> None:
    connection = database.connect_readonly(course_db)
    products = data.load_products()
    for product in ["P026", "P013"]:
        in_sql = pd.read_sql(
            database.LOOKALIKE_SQL,
            connection,
            params={"product_id": product, "min_customers": 20, "min_lift": 2.0},
        )
        in_pandas = database.lookalike_targets(
            course["customers"], course["order_lines"], products, product
        )
        pd.testing.assert_frame_equal(in_sql, in_pandas, check_dtype=False)
    connection.close()


# --------------------------------------------------------------------------- pseudonyms


def test_pseudonymise() -> None:
    people = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Li Na", "LI NA.", None],
            "email": ["li@x.net", "LI@X.NET", "wu@x.net"],
            "phone": ["+86 138 0000 0001", "138-0000-0001", ""],
        }
    )
    key = "a-long-enough-secret"
    masked = database.pseudonymise(people, key)
    assert masked["name"].iloc[0] == masked["name"].iloc[1]  # same person, two spellings
    assert masked["email"].iloc[0] == masked["email"].iloc[1]
    assert masked["phone"].iloc[0] == masked["phone"].iloc[1]
    assert pd.isna(masked["name"].iloc[2]) and pd.isna(masked["phone"].iloc[2])
    assert masked["id"].tolist() == [1, 2, 3]
    assert people["name"].iloc[0] == "Li Na"  # the input is untouched
    assert not masked["email"].str.contains("@").any()
    again = database.pseudonymise(people, key)
    other = database.pseudonymise(people, "another-long-secret")
    assert masked.equals(again)
    assert (masked["email"] != other["email"]).all()


def test_pseudonymise_rejects_weak_keys() -> None:
    frame = pd.DataFrame({"name": ["Li"], "email": ["a@b"], "phone": ["1"]})
    with pytest.raises(ValueError, match="key"):
        database.pseudonymise(frame, "short")
    with pytest.raises(TypeError, match="key"):
        database.pseudonymise(frame, 12345678901234567890)


# --------------------------------------------------------------------------- the database file


def test_build_refuses_to_overwrite_and_rebuilds_on_request(tmp_path: Path) -> None:
    path = tmp_path / "jade.sqlite"
    path.write_bytes(b"precious")
    with pytest.raises(database.DatabaseExistsError, match="overwrite=True"):
        database.build_database(path)
    assert path.read_bytes() == b"precious"  # untouched
    started = time.perf_counter()
    assert database.build_database(path, overwrite=True) == path
    elapsed = time.perf_counter() - started
    assert elapsed < 6, f"building the database took {elapsed:.1f} s; it should take under 3 s"
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == len(
        data.load_customers()
    )
    connection.close()
    assert not list(tmp_path.glob("*.building"))


def test_build_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        database.build_database(tmp_path / "no" / "such" / "db.sqlite")
    with pytest.raises(IsADirectoryError):
        database.build_database(tmp_path)


def test_tables_hold_the_course_data(course_db: Path) -> None:
    connection = database.connect_readonly(course_db)
    tables = database.list_tables(connection).set_index("name")
    for table in ["customers", "products", "invoices", "payments", "account_plans", "teams"]:
        assert tables.loc[table, "rows"] == len(data.load(table)), table
    assert tables.loc["orders", "rows"] == data.load_order_lines()["order_id"].nunique()
    assert tables.loc["order_lines", "rows"] == len(data.load_order_lines())
    assert {
        "warn_credit",
        "warn_behind_plan",
        "warn_over_budget",
        "warn_stopped",
        "warning_list",
    } <= set(tables.index[tables["type"] == "view"])
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_constraints_are_enforced(writable_db: Path) -> None:
    connection = database.connect(writable_db)
    bad = [
        "INSERT INTO orders VALUES ('O999999', 'C9999', '2025-12-31')",  # unknown customer
        "INSERT INTO orders VALUES ('O000001', 'C0001', '2025-12-31')",  # repeated key
        "UPDATE customers SET signup_date = '2026-13-01' WHERE customer_id = 'C0001'",
        "UPDATE customers SET signup_date = '2027-02-30' WHERE customer_id = 'C0001'",
        "UPDATE customers SET segment = 'Consumer' WHERE customer_id = 'C0001'",
        "UPDATE customers SET email = UPPER((SELECT email FROM customers WHERE customer_id = 'B002')) "
        "WHERE customer_id = 'B001'",
        "DELETE FROM customers WHERE customer_id = 'B001'",  # its orders would be orphans
    ]
    for statement in bad:
        with pytest.raises(sqlite3.IntegrityError):
            with connection:
                connection.execute(statement)
    connection.close()


def test_join_columns_are_indexed(course_db: Path) -> None:
    connection = database.connect_readonly(course_db)
    indexed = {
        (row[2], connection.execute(f"PRAGMA index_info('{row[1]}')").fetchone()[2])
        for table in [
            "orders",
            "order_lines",
            "invoices",
            "payments",
            "service_events",
            "customers",
        ]
        for row in [
            (None, name, table)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
            )
        ]
    }
    for pair in [
        ("orders", "customer_id"),
        ("order_lines", "product_id"),
        ("invoices", "customer_id"),
        ("payments", "invoice_id"),
        ("service_events", "customer_id"),
        ("customers", "team_id"),
    ]:
        assert pair in indexed, pair
    connection.close()


@pytest.mark.parametrize("as_of", ["2025-12-31", "2025-06-30", "2024-02-29", "2023-03-15"])
def test_views_equal_pandas(writable_db: Path, course, as_of: str) -> None:
    connection = database.connect(writable_db)
    database.set_warning_settings(connection, as_of)

    def view(name: str, **options) -> pd.DataFrame:
        return pd.read_sql(f"SELECT * FROM {name}", connection, **options)

    def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
        left = left.sort_values("customer_id", ignore_index=True)
        pd.testing.assert_frame_equal(left, right.reset_index(drop=True), check_dtype=False)

    c, ol, inv, pay = (course[k] for k in ["customers", "order_lines", "invoices", "payments"])
    plans, events = course["account_plans"], course["service_events"]
    owed = database.receivables(c, inv, pay, as_of)
    same(view("receivables"), owed.astype({"credit_limit": float, "oldest_overdue_days": float}))
    same(view("warn_credit"), database.credit_warnings(c, inv, pay, as_of))
    same(view("plan_progress"), database.plan_progress(plans, ol, events, as_of))
    same(view("warn_behind_plan"), database.behind_plan_warnings(plans, ol, events, as_of))
    same(view("warn_over_budget"), database.expense_warnings(plans, ol, events, as_of))
    same(view("buying_intervals", parse_dates=["last_order"]), database.buying_intervals(ol, as_of))
    same(
        view("warn_stopped", parse_dates=["last_order"]),
        database.stopped_ordering_warnings(c, ol, as_of),
    )
    listed = view("warning_list")
    pd.testing.assert_frame_equal(
        listed, database.warning_list(**course, as_of=as_of), check_dtype=False
    )
    connection.close()


def test_views_follow_changed_settings(writable_db: Path, course) -> None:
    connection = database.connect(writable_db)
    settings = database.set_warning_settings(
        connection,
        "2025-12-31",
        window_months=6,
        plan_share=0.7,
        silence_factor=2.0,
        max_silence_days=200,
    )
    assert settings.loc[0, "window_months"] == 6
    behind = pd.read_sql("SELECT * FROM warn_behind_plan", connection)
    expected = database.behind_plan_warnings(
        course["account_plans"],
        course["order_lines"],
        course["service_events"],
        "2025-12-31",
        6,
        0.7,
    )
    assert behind["customer_id"].tolist() == expected["customer_id"].tolist()
    stopped = pd.read_sql("SELECT customer_id FROM warn_stopped", connection)
    expected = database.stopped_ordering_warnings(
        course["customers"], course["order_lines"], "2025-12-31", 2.0, 4, 200
    )
    assert stopped["customer_id"].tolist() == expected["customer_id"].tolist()
    connection.close()


def test_readonly_connection(course_db: Path) -> None:
    analyst = database.connect_readonly(course_db, hide_personal=True)
    row = analyst.execute(
        "SELECT customer_id, name, email, phone, city FROM customers LIMIT 1"
    ).fetchone()
    assert row[0] == "B001" and row[1:4] == (None, None, None) and row[4] is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        analyst.execute("DELETE FROM customers")
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        analyst.execute("ATTACH DATABASE ':memory:' AS other")
    analyst.close()
    everyone = database.connect_readonly(course_db)
    assert everyone.execute("SELECT name FROM customers LIMIT 1").fetchone()[0] is not None
    everyone.close()


def test_connect_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build_database"):
        database.connect(tmp_path / "missing.sqlite")
    with pytest.raises(FileNotFoundError):
        database.connect_readonly(tmp_path / "missing.sqlite")


def test_course_database_is_cached() -> None:
    assert database.course_database() == database.course_database()


def test_stale_course_databases_are_removed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f"crmkit-course-db-{int(finished.stdout)}-abc123"
    alive = tmp_path / f"crmkit-course-db-{os.getpid()}-def456"
    other = tmp_path / "crmkit-course-db-notanumber-x"
    for folder in (dead, alive, other):
        folder.mkdir()
    database._remove_stale_course_databases(tmp_path)
    assert not dead.exists() or os.name != "posix"
    assert alive.exists() and other.exists()


def test_pseudonymised_build(tmp_path: Path) -> None:
    path = database.build_database(tmp_path / "analysis.sqlite", pseudonymise_key="x" * 20)
    connection = database.connect_readonly(path)
    name, email = connection.execute(
        "SELECT name, email FROM customers WHERE customer_id = 'B001'"
    ).fetchone()
    assert name.startswith("name_") and email.startswith("email_")
    raw_name = connection.execute(
        "SELECT name FROM customers_raw WHERE record_id = 'B001'"
    ).fetchone()[0]
    assert raw_name == name  # the same key gives the same pseudonym in both tables
    connection.close()


# --------------------------------------------------------------------------- run_query


@pytest.fixture(scope="module")
def reader(course_db: Path):
    connection = database.connect_readonly(course_db)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM customer", "did you mean 'customers'"),
        ("SELECT nme FROM customers", "similar name: name"),
        ("SELECT x.name FROM customers AS c", "alias"),
        ("SELEC * FROM customers", "syntax error"),
        ("SELECT name FROM customers WHERE customer_id = B001", "single quotes: 'B001'"),
        (
            "SELECT customer_id FROM customers AS c JOIN orders AS o ON o.customer_id = c.customer_id",
            "more than one of the joined tables",
        ),
        ("SELECT customer_id FROM invoices WHERE SUM(amount) > 1 GROUP BY customer_id", "HAVING"),
        ("DELETE FROM customers", "read-only"),
        ("SELECT 1; SELECT 2", "one SQL statement"),
        ("   -- nothing\n", "empty"),
        ("SELECT randomblob(10)", "not allowed"),
        ("SELECT median(amount) FROM invoices", "no such function"),
        (
            "WITH RECURSIVE r(x) AS (SELECT 'x' UNION ALL SELECT x || x FROM r) SELECT length(x) FROM r",
            "too large",
        ),
    ],
)
def test_run_query_explains_errors(reader, sql: str, message: str) -> None:
    with pytest.raises(database.QueryError, match=message) as caught:
        database.run_query(reader, sql)
    error = caught.value
    assert error.__context__ is None or error.__suppress_context__  # no chained sqlite3 traceback
    assert isinstance(caught.value, ValueError)


def test_run_query_limits(reader) -> None:
    with pytest.raises(database.QueryError, match="more than 5 rows"):
        database.run_query(reader, "SELECT * FROM teams", max_rows=5)
    started = time.perf_counter()
    with pytest.raises(database.QueryError, match="seconds"):
        database.run_query(
            reader, "SELECT COUNT(*) FROM order_lines AS a, order_lines AS b", timeout=0.3
        )
    assert time.perf_counter() - started < 5
    result = database.run_query(
        reader, "SELECT team_id FROM teams WHERE team_id = :t", {"t": "T01"}
    )
    assert result["team_id"].tolist() == ["T01"]
    # The progress handler is removed afterwards: a long query still runs.
    assert reader.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] > 0


