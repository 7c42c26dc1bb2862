"""The course data: checksums, byte-identical regeneration, schema, and the planted effects.

The CSV files in datasets/ are a contract between chapters (see datasets/README.md).
These tests guard it:

* every file matches datasets/SHA256SUMS, and regenerating with the course seed gives
  the same bytes;
* every loader returns exactly the documented columns and types, keys are unique and
  references resolve;
* every effect the generator plants (whale curve, Pareto, cheapest channel, complaint
  recovery, "satisfied is not loyal", ...) is present with a margin. The helper
  functions below are the definitions used for the figures quoted in the
  instructors' section of datasets/README.md.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crmkit import data, synth
from crmkit.paths import DATA_ENV_VAR, data_dir

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
CDNOW = DATASETS / "cdnow"
FIRST_DAY = pd.Timestamp("2022-01-01")
AS_OF = pd.Timestamp("2025-12-31")
COST_OF_CAPITAL = 0.08  # per year, on money paid after the due date
WRITE_OFF_AFTER_DAYS = 180  # unpaid this long after the due date: bad debt
CONSUMER_CHANNELS = ["coupon_site", "marketplace", "social_media", "search_ads", "referral",
                     "tea_fair"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """Every course table, loaded once through crmkit.data.load."""
    return {name: data.load(name) for name in data.TABLES}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The tables written afresh by crmkit.synth.write_all into an empty folder."""
    folder = tmp_path_factory.mktemp("regenerated")
    return folder, synth.write_all(folder)


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return data.load_cdnow()


def read_sums(path: Path) -> dict[str, str]:
    """A ``sha256sum`` file as {file name: digest}."""
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        sums[name.lstrip("*")] = digest
    return sums


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- definitions
# The measures behind the planted effects (also used for datasets/README.md).


def late_payment_cost(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Per customer: cost of capital on late money plus bad debt written off, CNY.

    Money paid after the due date costs COST_OF_CAPITAL per year for the days late.
    A balance still unpaid at AS_OF is written off if its due date is more than
    WRITE_OFF_AFTER_DAYS days past, otherwise it costs capital for the days overdue so far.
    """
    invoices, payments = t["invoices"], t["payments"]
    paid = payments.merge(invoices[["invoice_id", "customer_id", "due_date"]], on="invoice_id")
    days_late = (paid["payment_date"] - paid["due_date"]).dt.days.clip(lower=0)
    capital = paid["amount"] * COST_OF_CAPITAL * days_late / 365
    capital = capital.groupby(paid["customer_id"]).sum()
    paid_so_far = invoices["invoice_id"].map(payments.groupby("invoice_id")["amount"].sum())
    open_balance = (invoices["amount"] - paid_so_far.fillna(0.0)).round(2).clip(lower=0)
    overdue = (AS_OF - invoices["due_date"]).dt.days
    written_off = open_balance.where(overdue > WRITE_OFF_AFTER_DAYS, 0.0)
    open_capital = (open_balance * COST_OF_CAPITAL * overdue.clip(lower=0) / 365).where(
        overdue <= WRITE_OFF_AFTER_DAYS, 0.0
    )
    unpaid = (written_off + open_capital).groupby(invoices["customer_id"]).sum()
    return capital.add(unpaid, fill_value=0.0)


def customer_profit(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per customer: revenue, cost of goods, cost to serve, late-payment cost, profit.

    ``profit`` = revenue - cost_of_goods - service_events cost (the simple definition);
    ``profit_with_late`` also subtracts late_payment_cost.
    """
    ids = pd.Index(t["customers"]["customer_id"], name="customer_id")
    lines = t["order_lines"].groupby("customer_id")[["revenue", "cost_of_goods"]].sum()
    out = lines.reindex(ids, fill_value=0.0)
    out["service_cost"] = t["service_events"].groupby("customer_id")["cost"].sum().reindex(
        ids, fill_value=0.0
    )
    out["late_cost"] = late_payment_cost(t).reindex(ids, fill_value=0.0)
    out["profit"] = out["revenue"] - out["cost_of_goods"] - out["service_cost"]
    out["profit_with_late"] = out["profit"] - out["late_cost"]
    return out


def top_share(values: pd.Series, fraction: float = 0.2) -> float:
    """Share of the total earned by the top ``fraction`` of rows (ranked by the value)."""
    ranked = values.sort_values(ascending=False)
    return float(ranked.iloc[: round(fraction * len(ranked))].sum() / ranked.sum())


def first_year_revenue(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Consumers whose first 365 days lie inside the data, with their first-year revenue."""
    customers = t["customers"]
    consumers = customers[
        customers["segment"].eq("consumer")
        & (customers["signup_date"] + pd.Timedelta(days=365) <= AS_OF + pd.Timedelta(days=1))
    ]
    lines = t["order_lines"].merge(consumers[["customer_id", "signup_date"]], on="customer_id")
    early = lines[lines["order_date"] < lines["signup_date"] + pd.Timedelta(days=365)]
    revenue = early.groupby("customer_id")["revenue"].sum()
    return consumers.assign(
        first_year_revenue=consumers["customer_id"].map(revenue).fillna(0.0),
        acquisition_channel=consumers["acquisition_channel"].astype(str),
    )


def win_rate_by_method(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of decided leads (won or lost, not still open) that were won, per method."""
    leads = t["leads"]
    decided = leads[leads["status"].ne("open")]
    return decided["status"].eq("won").groupby(
        decided["prospecting_method"].astype(str)
    ).mean()


def complaint_groups(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of complainers who stayed (ordered again within 365 days), by handling.

    Complaints whose 365-day window is not over yet (too_early_to_tell) are left out;
    fast = resolved within 48 hours.
    """
    complaints = t["complaints"]
    known = complaints[complaints["outcome"].ne("too_early_to_tell")]
    resolution = known["resolution"].astype(str)
    group = np.select(
        [resolution.eq("unresolved"), resolution.eq("partially_resolved"),
         known["resolution_hours"] <= 48],
        ["unresolved", "partially_resolved", "resolved_fast"],
        default="resolved_slow",
    )
    return known["outcome"].eq("stayed").groupby(group).mean()


def retention_by_box(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of survey respondents who ordered 2024-11-01..2025-04-30, by overall satisfaction."""
    lines = t["order_lines"]
    window = lines[lines["order_date"].between("2024-11-01", "2025-04-30")]
    survey = t["survey"]
    return survey["customer_id"].isin(window["customer_id"]).groupby(
        survey["overall_satisfaction"]
    ).mean()


def satisfaction_by_team(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per team: employee satisfaction and the mean overall satisfaction of its respondents."""
    survey = t["survey"].merge(t["customers"][["customer_id", "team_id"]], on="customer_id")
    customer_sat = survey.groupby("team_id")["overall_satisfaction"].mean().rename("customers")
    teams = t["teams"].set_index("team_id")
    return teams[["employee_satisfaction"]].join(customer_sat)


def order_rate_before_last_order(
    t: dict[str, pd.DataFrame], prefix: str = ""
) -> dict[str, float]:
    """Orders per day in the 120 days before a customer's last order over the 245 days before.

    The last order itself is not counted. Only customers with at least 365 days between
    their first and last order, and whose id starts with ``prefix`` ("C" consumers, "B"
    business, "" all). "stopped": last order more than 180 days before AS_OF;
    "active": last order in the last 60 days of the data (no fall expected).
    """
    orders = t["order_lines"].drop_duplicates("order_id")[["customer_id", "order_date"]]
    orders = orders[orders["customer_id"].str.startswith(prefix)]
    span = orders.groupby("customer_id")["order_date"].agg(["min", "max"])
    span = span[(span["max"] - span["min"]).dt.days >= 365]
    groups = {
        "stopped": span.index[span["max"] < AS_OF - pd.Timedelta(days=180)],
        "active": span.index[span["max"] >= AS_OF - pd.Timedelta(days=60)],
    }
    out = {}
    for name, ids in groups.items():
        mine = orders[orders["customer_id"].isin(ids)]
        before = (mine["customer_id"].map(span["max"]) - mine["order_date"]).dt.days
        recent = before.between(1, 120).sum() / 120
        earlier = before.between(121, 365).sum() / 245
        out[name] = float(recent / earlier)
        out[f"{name}_customers"] = len(ids)
    return out


def tiers_by_year(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each customer's tier per calendar year by revenue rank among that year's buyers.

    platinum = top 1%, gold = next 4%, iron = next 15%, lead = the rest; none = no purchase.
    """
    lines = t["order_lines"]
    yearly = lines.groupby([lines["customer_id"], lines["order_date"].dt.year])["revenue"].sum()
    yearly = yearly.unstack(fill_value=0.0)
    out = {}
    for year in yearly.columns:
        bought = yearly.loc[yearly[year] > 0, year]
        rank = bought.rank(ascending=False, pct=True, method="first")
        tier = pd.cut(rank, [0, 0.01, 0.05, 0.20, 1.0], labels=["platinum", "gold", "iron", "lead"])
        out[year] = tier.astype(str).reindex(yearly.index, fill_value="none")
    return pd.DataFrame(out)


TIER_LEVEL = {"none": 0, "lead": 1, "iron": 2, "gold": 3, "platinum": 4}


def daily_revenue(t: dict[str, pd.DataFrame]) -> pd.Series:
    lines = t["order_lines"]
    return lines.groupby("order_date")["revenue"].sum().reindex(
        pd.date_range(FIRST_DAY, AS_OF, freq="D"), fill_value=0.0
    )


def festival_lift(daily: pd.Series, festival: str) -> float:
    """Revenue in the 4 weeks before a festival over the mean 4-week revenue of the
    surrounding quarter (the 91 days centred on those 4 weeks)."""
    day = pd.Timestamp(festival)
    window = daily[day - pd.Timedelta(days=28) : day - pd.Timedelta(days=1)].sum()
    centre = day - pd.Timedelta(days=14)
    quarter = daily[centre - pd.Timedelta(days=45) : centre + pd.Timedelta(days=45)]
    return float(window / (quarter.sum() / len(quarter) * 28))


def receivables(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per business account at AS_OF: open receivables, credit limit, days of the oldest
    overdue open invoice."""
    invoices, payments = t["invoices"], t["payments"]
    paid = invoices["invoice_id"].map(payments.groupby("invoice_id")["amount"].sum()).fillna(0.0)
    inv = invoices.assign(open=(invoices["amount"] - paid).round(2))
    inv = inv[inv["open"] > 0]
    per = inv.groupby("customer_id").agg(
        open=("open", "sum"), oldest_due=("due_date", "min")
    )
    per["days_overdue"] = (AS_OF - per["oldest_due"]).dt.days.clip(lower=0)
    limits = t["customers"].set_index("customer_id")["credit_limit"].astype("float64")
    per["credit_limit"] = limits.reindex(per.index)
    return per


def behind_plan(t: dict[str, pd.DataFrame]) -> pd.Series:
    """July-December 2025 revenue over plan, for accounts signed up before 2025 that still
    ordered in 2025-Q4 (established accounts, past their planned ramp-up)."""
    customers = t["customers"]
    established = customers.loc[customers["signup_date"] < "2025-01-01", "customer_id"]
    lines = t["order_lines"]
    b = lines[lines["customer_id"].str.startswith("B")]
    h2 = b[b["order_date"] >= "2025-07-01"]
    actual = h2.groupby("customer_id")["revenue"].sum()
    plans = t["account_plans"]
    plan = plans[plans["month"] >= "2025-07-01"].groupby("customer_id")["planned_revenue"].sum()
    q4 = b.loc[b["order_date"] >= "2025-10-01", "customer_id"].unique()
    ratio = actual.reindex(plan.index, fill_value=0.0) / plan
    return ratio[ratio.index.isin(q4) & ratio.index.isin(established)]


def normalised_phone(phone: pd.Series) -> pd.Series:
    digits = phone.str.replace(r"\D", "", regex=True)
    return digits.str.replace(r"^86(?=\d{11}$)", "", regex=True)


def raw_duplicates(raw: pd.DataFrame) -> int:
    """Records with an X id whose normalised phone or email matches another record's."""
    phone = normalised_phone(raw["phone"])
    email = raw["email"].str.strip().str.lower()
    original = ~raw["record_id"].str.startswith("X")
    known_phone = set(phone[original & phone.ne("")])
    known_email = set(email[original & email.ne("")])
    hit = (phone.ne("") & phone.isin(known_phone)) | (email.ne("") & email.isin(known_email))
    return int((hit & ~original).sum())


# --------------------------------------------------------------------------- (a) checksums


def test_every_csv_is_listed_in_sha256sums_and_matches() -> None:
    sums = read_sums(DATASETS / "SHA256SUMS")
    files = {path.name for path in DATASETS.glob("*.csv")}
    assert set(sums) == files, "datasets/SHA256SUMS and the CSV files in datasets/ differ"
    wrong = [name for name in sorted(files) if sha256(DATASETS / name) != sums[name]]
    assert not wrong, f"these files do not match datasets/SHA256SUMS: {wrong}"


def test_cdnow_matches_its_checksums() -> None:
    sums = read_sums(CDNOW / "SHA256SUMS")
    assert "CDNOW_master.txt" in sums
    for name, digest in sums.items():
        assert sha256(CDNOW / name) == digest, f"datasets/cdnow/{name} has changed"


# --------------------------------------------------------------------------- (b) regeneration


def test_regeneration_is_byte_identical(regenerated: tuple[Path, dict[str, str]]) -> None:
    folder, sums = regenerated
    committed = {path.name for path in DATASETS.glob("*.csv")}
    assert set(sums) == committed == {f"{name}.csv" for name in data.TABLES}
    assert sums == read_sums(DATASETS / "SHA256SUMS")
    differ = [
        name for name in sorted(committed)
        if (folder / name).read_bytes() != (DATASETS / name).read_bytes()
    ]
    assert not differ, (
        f"regenerating gives different bytes for {differ}: run `make data`, re-execute the "
        "solution notebooks and check the planted effects"
    )


# --------------------------------------------------------------------------- (c) schema

KIND_CHECKS = {
    "id": lambda dt: isinstance(dt, pd.StringDtype) and dt.na_value is pd.NA,
    "str": lambda dt: isinstance(dt, pd.StringDtype) and dt.na_value is pd.NA,
    "category": lambda dt: isinstance(dt, pd.CategoricalDtype) and not dt.ordered,
    "stage": lambda dt: isinstance(dt, pd.CategoricalDtype) and dt.ordered
    and list(dt.categories) == data.FUNNEL_STAGES,
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
        for column, kind in schema.items() if not KIND_CHECKS[kind](frame[column].dtype)
    }
    assert not wrong, f"{table}: columns with the wrong dtype: {wrong}"
    assert len(frame) > 0


def test_raw_customers_are_all_text_with_record_ids(tables) -> None:
    raw = tables["customers_raw"]
    expected = ["record_id"] + list(data.SCHEMAS["customers"])[1:]
    assert list(raw.columns) == expected
    assert all(isinstance(dtype, pd.StringDtype) for dtype in raw.dtypes)
    assert not raw.isna().any().any(), "empty cells must stay empty strings in the raw table"


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
    for table in ("service_events", "complaints", "communications", "survey", "winback",
                  "account_plans", "invoices"):
        assert_in(t[table]["customer_id"], customers, f"{table}.customer_id")
    assert_in(t["service_events"]["order_id"], lines["order_id"], "service_events.order_id")
    assert_in(t["customers"]["team_id"], t["teams"]["team_id"], "customers.team_id")
    assert_in(t["customers"]["referred_by"], customers, "customers.referred_by")


def test_invoices_belong_to_the_orders_customer_and_terms(tables) -> None:
    t = tables
    order_customer = t["order_lines"].drop_duplicates("order_id").set_index("order_id")
    invoices = t["invoices"]
    assert invoices["customer_id"].eq(
        invoices["order_id"].map(order_customer["customer_id"])
    ).all()
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


# --------------------------------------------------------------------------- (d) planted effects


def test_whale_curve_top_fifth_earns_more_than_all_the_profit(tables) -> None:
    # Profit as chapter 02 defines it: revenue - cost of goods - cost to serve
    # (rebates included) - late payment's cost of capital and written-off debts.
    profit = customer_profit(tables)
    assert top_share(profit["profit_with_late"]) > 1.02
    # the hump of the whale curve: the most profitable customers earn well over 100%
    ranked = profit["profit_with_late"].sort_values(ascending=False)
    assert (ranked.cumsum() / ranked.sum()).max() > 1.08
    # without the costs of late payment the top fifth still earns over 90%
    assert top_share(profit["profit"]) > 0.9
    assert (profit["profit"] < 0).sum() >= 100


def test_several_of_the_ten_largest_accounts_lose_money(tables) -> None:
    profit = customer_profit(tables)
    largest = profit.nlargest(10, "revenue")
    losers = largest[largest["profit"] < 0]
    assert len(losers) >= 3, largest
    assert (largest["profit_with_late"] < 0).sum() >= len(losers)
    # why: deep discounts and a heavy cost to serve
    lines = tables["order_lines"][tables["order_lines"]["customer_id"].isin(largest.index)]
    list_value = lines["quantity"] * lines["unit_price"]
    discount = (list_value * lines["discount"]).groupby(lines["customer_id"]).sum() / (
        list_value.groupby(lines["customer_id"]).sum()
    )
    assert discount[losers.index].min() > discount.drop(losers.index).max()
    serve_share = largest["service_cost"] / largest["revenue"]
    assert serve_share[losers.index].mean() > 2 * serve_share.drop(losers.index).mean()


def test_pareto_top_fifth_brings_most_revenue(tables) -> None:
    assert top_share(customer_profit(tables)["revenue"]) > 0.75


def test_cheapest_channel_brings_the_least_first_year_value(tables) -> None:
    consumers = tables["customers"][tables["customers"]["segment"].eq("consumer")]
    cac = consumers.groupby(consumers["acquisition_channel"].astype(str))["acquisition_cost"].mean()
    value = first_year_revenue(tables).groupby("acquisition_channel")["first_year_revenue"].mean()
    assert sorted(cac.index) == sorted(CONSUMER_CHANNELS)
    assert cac.idxmin() == "coupon_site"
    assert value.idxmin() == "coupon_site"
    assert value["coupon_site"] < 0.6 * value.drop("coupon_site").min()
    assert value.idxmax() != "coupon_site" and cac[value.idxmax()] > 2 * cac["coupon_site"]


def test_lead_funnel_differs_by_prospecting_method(tables) -> None:
    rate = win_rate_by_method(tables)
    assert len(rate) == 14
    assert rate.max() > 3 * rate.min()
    leads = tables["leads"]
    decided = leads[leads["status"].ne("open")]
    cold = decided[decided["prospecting_method"].isin(["sms", "letter", "telephone"])]
    assert rate["referral"] - cold["status"].eq("won").mean() > 0.1
    assert rate["centre_of_influence"] > rate["internet"] > rate["sms"]


def test_complaint_handling_decides_who_stays(tables) -> None:
    stayed = complaint_groups(tables)
    assert stayed["resolved_fast"] > stayed["resolved_slow"] > stayed["unresolved"]
    assert stayed["resolved_fast"] >= 0.85
    assert stayed["unresolved"] <= 0.6
    assert stayed["resolved_slow"] - stayed["unresolved"] > 0.15


def test_satisfied_is_not_loyal_only_the_top_box_retains(tables) -> None:
    rate = retention_by_box(tables)
    assert all(rate[5] - rate[box] >= 0.08 for box in (1, 2, 3, 4))
    middle = rate[[2, 3, 4]]
    # boxes 2-4 differ by noise and a little more, far less than the top box's lead
    assert middle.max() - middle.min() <= 0.15


def test_employee_and_customer_satisfaction_mirror_each_other(tables) -> None:
    teams = satisfaction_by_team(tables)
    assert teams["customers"].notna().all()
    assert teams["employee_satisfaction"].corr(teams["customers"]) > 0.5
    turnover = tables["teams"].set_index("team_id")["staff_turnover_rate"]
    assert turnover.corr(teams["customers"]) < -0.5


def test_orders_slow_down_before_a_customer_stops_buying(tables) -> None:
    rates = order_rate_before_last_order(tables)
    assert rates["stopped_customers"] >= 200
    assert rates["stopped"] < rates["active"] - 0.1
    assert rates["active"] > 0.95
    consumers = order_rate_before_last_order(tables, "C")
    assert consumers["stopped"] < 0.9


def test_customers_move_between_tiers(tables) -> None:
    tiers = tiers_by_year(tables)
    before, after = tiers[2024], tiers[2025]
    ranked = before.ne("none")
    level_before = before[ranked].map(TIER_LEVEL)
    level_after = after[ranked].map(TIER_LEVEL)
    assert 0.3 < (level_before == level_after).mean() < 0.8
    assert (level_after > level_before).sum() >= 50
    assert (level_after < level_before).sum() >= 50
    top = before.isin(["platinum", "gold"])
    assert 0.1 < (~after[top].isin(["platinum", "gold"])).mean() < 0.9


# The first New Year (2022-02-01) is left out on purpose: trading starts on
# 2022-01-01 and revenue grows from near zero through the first quarter, so
# growth swamps that peak (lift 0.88). Every later New Year is tested.
@pytest.mark.parametrize("festival", synth.CHINESE_NEW_YEAR[1:])
def test_revenue_peaks_before_chinese_new_year(tables, festival: str) -> None:
    assert festival_lift(daily_revenue(tables), festival) > 1.15


# As for New Year, the first year's steep growth (trading starts on 2022-01-01)
# blurs the 2022 peak; the later Mid-Autumn festivals are tested.
@pytest.mark.parametrize("festival", synth.MID_AUTUMN[1:])
def test_revenue_peaks_before_mid_autumn(tables, festival: str) -> None:
    assert festival_lift(daily_revenue(tables), festival) > 1.1


def test_gift_sets_sell_before_festivals(tables) -> None:
    lines = tables["order_lines"].merge(tables["products"][["product_id", "category"]])
    month = lines["order_date"].dt.month
    gift = lines["category"].eq("gift_set")
    share = (lines["revenue"].where(gift, 0.0).groupby(month).sum()
             / lines["revenue"].groupby(month).sum())
    assert share[[1, 9]].min() > share[[4, 5, 6, 7]].max()


def test_early_warning_rules_flag_a_handful(tables) -> None:
    rec = receivables(tables)
    over_limit = rec[rec["open"] > rec["credit_limit"]]
    assert len(over_limit) >= 5
    flagged = over_limit[over_limit["days_overdue"] > 60]
    assert 5 <= len(flagged) <= 15
    profit = customer_profit(tables)
    assert (profit.loc[flagged.index, "profit"] < 0).mean() >= 0.6
    behind = behind_plan(tables)
    assert 5 <= (behind < 0.5).sum() <= 20


def test_winback_response_depends_on_offer_and_reason(tables) -> None:
    winback = tables["winback"].assign(
        offer=lambda d: d["offer"].astype(str), reason=lambda d: d["reason_for_leaving"].astype(str)
    )
    by_offer = winback.groupby("offer")["reactivated"].mean()
    assert by_offer.idxmin() == "none"
    # an apology wins back those who left over service; a discount those who left over price
    service = winback["reason"].isin(["poor_service", "unresolved_problem"])
    apology = winback["offer"].eq("apology_call")
    assert (winback.loc[service & apology, "reactivated"].mean()
            > winback.loc[service & ~apology, "reactivated"].mean() + 0.15)
    by_reason = winback.groupby("reason")["reactivated"].mean()
    assert set(by_reason.nsmallest(2).index) == {"moved_away", "changed_needs"}
    price = winback[winback["reason"].eq("price")]
    discounted = price["offer"].str.startswith("discount")
    assert (price.loc[discounted, "reactivated"].mean()
            - price.loc[price["offer"].eq("none"), "reactivated"].mean()) > 0.15
    assert 0.05 < winback["reactivated"].mean() < 0.25


def test_raw_customer_table_has_the_planted_faults(tables) -> None:
    raw, clean = tables["customers_raw"], tables["customers"]
    assert raw["record_id"].str.startswith("X").sum() >= 30
    assert raw_duplicates(raw) >= 30
    assert raw["email"].eq("").sum() >= 50 and raw["phone"].eq("").sum() >= 50
    signup = pd.to_datetime(raw["signup_date"], format="%Y-%m-%d", errors="coerce")
    impossible = signup.isna() | ~signup.between(FIRST_DAY, AS_OF)
    assert impossible.sum() >= 10
    birth = pd.to_numeric(raw["birth_year"], errors="coerce")
    assert (~birth.between(1900, 2010) & birth.notna()).sum() >= 5
    business_types = set(clean["business_type"].dropna().astype(str))
    odd_type = raw["business_type"].ne("") & ~raw["business_type"].isin(business_types)
    assert odd_type.sum() >= 20
    assert (~raw["city"].isin(set(clean["city"].astype(str)))).sum() >= 10
    assert (~raw["segment"].isin(["business", "consumer"])).sum() >= 10
    assert raw["team_id"].eq("T09").sum() >= 3
    assert not tables["teams"]["team_id"].eq("T09").any()
    referrers = raw.loc[raw["referred_by"].ne(""), "referred_by"]
    assert (~referrers.isin(raw["record_id"])).sum() >= 3


# --------------------------------------------------------------------------- (e) loader errors


def test_unknown_table_names_the_tables() -> None:
    with pytest.raises(ValueError, match="nonexistent") as caught:
        data.load("nonexistent")
    assert all(name in str(caught.value) for name in data.TABLES)


def test_missing_file_says_how_to_restore(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        data.load("teams", folder=tmp_path)
    message = str(caught.value)
    assert "teams.csv" in message and "git checkout datasets/" in message
    assert "make data" in message
    with pytest.raises(FileNotFoundError, match="git checkout datasets/cdnow"):
        data.load_cdnow(folder=tmp_path)


def test_bad_data_env_var_gives_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-folder"
    monkeypatch.setenv(DATA_ENV_VAR, str(nowhere))
    with pytest.raises(FileNotFoundError) as caught:
        data_dir()
    assert DATA_ENV_VAR in str(caught.value) and str(nowhere) in str(caught.value)
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert data_dir() == tmp_path


# --------------------------------------------------------------------------- (f) CDNOW


def test_cdnow_shape_and_period(cdnow: pd.DataFrame) -> None:
    assert list(cdnow.columns) == ["customer_id", "date", "quantity", "amount"]
    assert len(cdnow) == 69_659
    assert cdnow["customer_id"].nunique() == 23_570
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow["date"].max() == pd.Timestamp("1998-06-30")
    assert isinstance(cdnow["customer_id"].dtype, pd.StringDtype)
    assert cdnow["date"].dtype == np.dtype("datetime64[s]")
    assert cdnow["quantity"].dtype == np.dtype("int64")
    assert cdnow["amount"].dtype == np.dtype("float64")
    # the cohort: everyone's first purchase is in the first quarter of 1997
    first = cdnow.groupby("customer_id")["date"].min()
    assert first.max() <= pd.Timestamp("1997-03-31")
