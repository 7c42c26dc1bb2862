"""Loaders for the course data: one function per table, correctly typed.

Every loader reads a CSV file from the course's ``datasets/`` folder and
returns a DataFrame with dates parsed, ids as strings and categories as
pandas categoricals, so that every chapter starts from the same, clean
types.

>>> customers = load_customers()
>>> customers.dtypes["signup_date"]
dtype('<M8[s]')
>>> sorted(customers["segment"].cat.categories)
['business', 'consumer']
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from crmkit._published import load_cdnow_sample as load_cdnow_sample
from crmkit._published import load_contract_cohorts as load_contract_cohorts
from crmkit.checksums import verify_file
from crmkit.paths import data_dir

# The vocabulary lives in crmkit.vocabulary; these names are re-exported here
# because lessons say data.AS_OF and data.FUNNEL_STAGES.
from crmkit.vocabulary import AS_OF as AS_OF
from crmkit.vocabulary import FUNNEL_STAGES as FUNNEL_STAGES
from crmkit.vocabulary import SURVEY_COMPONENTS as SURVEY_COMPONENTS
from crmkit.vocabulary import SURVEY_SCORES as SURVEY_SCORES

# table -> {column: kind}; kinds: id, str, category, date, int, Int64 (nullable),
# float, bool, boolean (nullable)
SCHEMAS: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "id",
        "segment": "category",
        "name": "str",
        "business_type": "category",
        "region": "category",
        "city": "category",
        "signup_date": "date",
        "acquisition_channel": "category",
        "acquisition_cost": "float",
        "team_id": "id",
        "referred_by": "id",
        "credit_limit": "Int64",
        "payment_terms_days": "Int64",
        "employees": "Int64",
        "birth_year": "Int64",
        "email": "str",
        "phone": "str",
    },
    "products": {
        "product_id": "id",
        "category": "category",
        "product_name": "str",
        "unit_price": "float",
        "unit_cost": "float",
    },
    "order_lines": {
        "order_id": "id",
        "line_no": "int",
        "order_date": "date",
        "customer_id": "id",
        "product_id": "id",
        "quantity": "int",
        "unit_price": "float",
        "discount": "float",
        "revenue": "float",
        "cost_of_goods": "float",
    },
    "service_events": {
        "event_id": "id",
        "event_date": "date",
        "customer_id": "id",
        "event_type": "category",
        "order_id": "id",
        "cost": "float",
    },
    "invoices": {
        "invoice_id": "id",
        "order_id": "id",
        "customer_id": "id",
        "invoice_date": "date",
        "due_date": "date",
        "amount": "float",
    },
    "payments": {"payment_id": "id", "invoice_id": "id", "payment_date": "date", "amount": "float"},
    "account_plans": {
        "customer_id": "id",
        "month": "date",
        "planned_revenue": "float",
        "expense_budget": "float",
    },
    "leads": {
        "lead_id": "id",
        "created_date": "date",
        "prospecting_method": "category",
        "business_type": "category",
        "region": "category",
        "city": "category",
        "employees": "int",
        "est_monthly_volume": "float",
        "stage_reached": "stage",
        "status": "category",
        "contacted_date": "date",
        "qualified_date": "date",
        "proposal_date": "date",
        "won_date": "date",
        "acquisition_cost": "float",
        "customer_id": "id",
    },
    "communications": {
        "comm_id": "id",
        "comm_date": "date",
        "customer_id": "id",
        "direction": "category",
        "channel": "category",
        "purpose": "category",
        "responded": "boolean",
    },
    "complaints": {
        "complaint_id": "id",
        "customer_id": "id",
        "complaint_date": "date",
        "category": "category",
        "channel": "category",
        "response_hours": "float",
        "resolution": "category",
        "resolution_hours": "float",
        "people_told": "int",
        "outcome": "category",
    },
    "survey": {
        "response_id": "id",
        "customer_id": "id",
        "survey_date": "date",
        **dict.fromkeys(SURVEY_SCORES, "int"),
    },
    "teams": {
        "team_id": "id",
        "team_name": "str",
        "region": "category",
        "serves": "category",
        "headcount": "int",
        "employee_satisfaction": "float",
        "staff_turnover_rate": "float",
    },
    "winback": {
        "customer_id": "id",
        "last_order_date": "date",
        "contact_date": "date",
        "reason_for_leaving": "category",
        "offer": "category",
        "reactivated": "bool",
        "first_order_after": "date",
        "orders_after": "int",
        "revenue_after": "float",
        "re_churned": "bool",
        "offer_cost": "float",
        "contact_cost": "float",
    },
}
TABLES = tuple(SCHEMAS) + ("customers_raw",)
# The columns that may be blank (a consumer has no business type, a lead not yet
# won no customer_id...); in every other column a blank cell is a damaged file.
OPTIONAL_COLUMNS: dict[str, frozenset[str]] = {
    table: frozenset(columns.split())
    for table, columns in {
        "customers": "business_type referred_by credit_limit payment_terms_days employees birth_year",
        "service_events": "order_id",
        "leads": "contacted_date qualified_date proposal_date won_date customer_id",
        "communications": "responded",
        "complaints": "resolution_hours",
        "winback": "first_order_after",
    }.items()
}


_KIND_WORDS = {
    "date": "date like 2025-12-31",
    "id": "text",
    "str": "text",
    "category": "label",
    "stage": "funnel stage",
    "int": "whole number",
    "Int64": "whole number",
    "float": "number like 12.5",
    "bool": "True/False value",
    "boolean": "True/False value",
}


def _convert(values: pd.Series, kind: str) -> pd.Series | pd.Categorical:
    if kind == "date":
        return pd.to_datetime(values, format="%Y-%m-%d").astype("datetime64[s]")
    if kind in ("id", "str"):
        return values.astype("string")
    if kind == "category":
        return values.astype("string").astype("category")
    if kind == "stage":
        unknown = set(values.dropna()) - set(FUNNEL_STAGES)
        if unknown:
            raise ValueError(f"unknown stages {sorted(unknown)}")
        return pd.Categorical(values, categories=FUNNEL_STAGES, ordered=True)
    if kind == "int":
        return values.astype("int64")
    if kind == "Int64":
        return values.astype("Float64").astype("Int64")
    if kind == "float":
        return values.astype("float64")
    flags = values.map({"True": True, "False": False}).astype("boolean")
    if kind == "bool":
        if flags.isna().any():
            raise ValueError("missing or non-boolean values")
        return flags.astype("bool")
    if values.notna().sum() != flags.notna().sum():
        raise ValueError("non-boolean values")
    return flags


def _first_bad_value(values: pd.Series, kind: str) -> object:
    """The first cell that does not convert, to name it in the error message."""
    for value in values:
        try:
            _convert(pd.Series([value], dtype="string"), kind)
        except (TypeError, ValueError):
            return value
    return None


def _typed(frame: pd.DataFrame, schema: dict[str, str], table: str) -> pd.DataFrame:
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise ValueError(
            f"The file for table {table!r} lacks the columns {missing}. It may be an old or "
            "edited copy: restore it with `git checkout datasets/` or regenerate it with `make data`."
        )
    _require_filled(frame, schema, table)
    out = {}
    for column, kind in schema.items():
        try:
            out[column] = _convert(frame[column], kind)
        except (TypeError, ValueError) as error:
            bad = _first_bad_value(frame[column], kind)
            raise ValueError(
                f"Table {table!r}, column {column!r}: the value {bad!r} is not a valid "
                f"{_KIND_WORDS[kind]}. The file may have been edited by hand: restore it with "
                "`git checkout datasets/` or regenerate it with `make data`."
            ) from error
    return pd.DataFrame(out)


def _require_filled(frame: pd.DataFrame, schema: dict[str, str], table: str) -> None:
    """A blank cell in a required column is an error that names the row (never a silent NA)."""
    required = [c for c in schema if c not in OPTIONAL_COLUMNS.get(table, frozenset())]
    blank = frame[required].isna()
    if not blank.to_numpy().any():
        return
    row = int(blank.any(axis=1).to_numpy().argmax())
    columns = [c for c in required if blank[c].iloc[row]]
    key = next(iter(schema))
    raise ValueError(
        f"Table {table!r}, row {row + 1} (line {row + 2} of {table}.csv, {key} "
        f"{frame[key].iloc[row]!r}): the required column(s) {columns} are blank. The file may be "
        "cut short or edited by hand: restore it with `git checkout datasets/` or regenerate it "
        "with `make data`."
    )


def _folder(folder: object) -> Path:
    """The data folder: ``folder`` if given (a path), else the course's datasets/."""
    if folder is None:
        return data_dir()
    if not isinstance(folder, str | Path):
        raise TypeError(
            f"folder must be a path to a folder (text or pathlib.Path), not a {type(folder).__name__}."
        )
    return Path(folder)


def _path(table: str, folder: Path | str | None) -> Path:
    base = _folder(folder)
    path = base / f"{table}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"The course data file {path.name} is not in {base}. Restore the datasets/ folder "
            "(`git checkout datasets/`) or regenerate it with `make data`."
        )
    return path


@cache
def _load_cached(table: str, folder: str | None) -> pd.DataFrame:
    path = _path(table, folder)
    verify_file(path)  # once per file and process: _load_cached remembers the table
    if table == "customers_raw":
        return pd.read_csv(path, dtype="string", keep_default_na=False)
    raw = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    return _typed(raw, SCHEMAS[table], table)


def load(table: str, folder: Path | str | None = None) -> pd.DataFrame:
    """Load one course table by name and return a fresh copy.

    ``folder`` defaults to the course's datasets/ folder.

    >>> load("teams").shape
    (8, 7)
    >>> load("team")
    Traceback (most recent call last):
    ...
    ValueError: There is no table called 'team'. Did you mean 'teams'? The tables are: ...
    """
    if not isinstance(table, str):
        raise TypeError(
            f"table must be a table name such as 'customers', not {type(table).__name__}."
        )
    if table not in TABLES:
        import difflib

        close = difflib.get_close_matches(table, TABLES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"There is no table called {table!r}.{hint} The tables are: {', '.join(TABLES)}."
        )
    # Key the cache by the resolved folder, so a changed CRMKIT_DATA takes effect.
    base = _folder(folder)
    return _load_cached(table, str(base.resolve())).copy()


def load_customers() -> pd.DataFrame:
    """Customers: one row per consumer (C....) or business account (B...).

    >>> load_customers()["customer_id"].is_unique
    True
    """
    return load("customers")


def load_products() -> pd.DataFrame:
    """The product catalogue with list price and unit cost (CNY).

    >>> len(load_products())
    32
    """
    return load("products")


def load_order_lines() -> pd.DataFrame:
    """Order lines: one row per product on an order, with discount, net revenue and cost.

    >>> lines = load_order_lines()
    >>> bool((lines["revenue"] <= lines["quantity"] * lines["unit_price"] + 0.01).all())
    True
    """
    return load("order_lines")


def load_service_events() -> pd.DataFrame:
    """Cost-to-serve events (deliveries, rush orders, returns, visits, calls, repairs, rebates).

    >>> sorted(load_service_events()["event_type"].cat.categories)[:3]
    ['delivery', 'rebate', 'repair']
    """
    return load("service_events")


def load_invoices() -> pd.DataFrame:
    """Invoices for business orders, with due dates from each account's payment terms.

    >>> bool((load_invoices()["due_date"] >= load_invoices()["invoice_date"]).all())
    True
    """
    return load("invoices")


def load_payments() -> pd.DataFrame:
    """Payments received against invoices (an invoice may be paid in two parts).

    >>> load_payments().columns.tolist()
    ['payment_id', 'invoice_id', 'payment_date', 'amount']
    """
    return load("payments")


def load_account_plans() -> pd.DataFrame:
    """Monthly revenue plan and selling-expense budget per business account.

    >>> load_account_plans()["customer_id"].str.startswith("B").all()
    np.True_
    """
    return load("account_plans")


def load_leads() -> pd.DataFrame:
    """Business sales leads: prospecting method, furthest funnel stage, dates, cost.

    >>> load_leads()["stage_reached"].cat.categories.tolist()
    ['lead', 'contacted', 'qualified', 'proposal', 'won']
    """
    return load("leads")


def load_communications() -> pd.DataFrame:
    """Outbound messages (with whether the customer responded) and inbound contacts.

    >>> sorted(load_communications()["direction"].cat.categories)
    ['inbound', 'outbound']
    """
    return load("communications")


def load_complaints() -> pd.DataFrame:
    """Complaints: category, channel, response and resolution times, outcome.

    >>> sorted(load_complaints()["resolution"].cat.categories)
    ['partially_resolved', 'resolved', 'unresolved']
    """
    return load("complaints")


def load_survey() -> pd.DataFrame:
    """The spring-2024 satisfaction survey (expectation, perception, importance x 8).

    >>> load_survey()["overall_satisfaction"].between(1, 5).all()
    np.True_
    """
    return load("survey")


def load_teams() -> pd.DataFrame:
    """Sales and service teams with employee satisfaction and staff turnover.

    >>> load_teams()["team_id"].tolist()[:3]
    ['T01', 'T02', 'T03']
    """
    return load("teams")


def load_winback() -> pd.DataFrame:
    """The March 2025 win-back campaign: lapsed customers, offers and outcomes.

    >>> load_winback()["offer"].nunique()
    5
    """
    return load("winback")


def load_customers_raw() -> pd.DataFrame:
    """The customer table as exported from the old systems, faults and all.

    Every column is text, exactly as in the file (empty cells are empty
    strings), because cleaning it is the point of chapter 04.

    >>> raw = load_customers_raw()
    >>> len(raw) > len(load_customers())
    True
    """
    return load("customers_raw")


@lru_cache(maxsize=1)
def _cdnow_cached(folder: str | None) -> pd.DataFrame:
    base = Path(folder) if folder is not None else data_dir()
    path = base / "cdnow" / "CDNOW_master.txt"
    if not path.is_file():
        raise FileNotFoundError(
            f"The CDNOW file is not at {path}. Restore it with `git checkout datasets/cdnow`."
        )
    verify_file(path)
    frame = pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        skiprows=1,
        names=["customer_id", "date", "quantity", "amount"],
        dtype={"customer_id": "string", "date": "string", "quantity": "int64", "amount": "float64"},
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d").astype("datetime64[s]")
    return frame


def load_cdnow(folder: Path | str | None = None) -> pd.DataFrame:
    """The CDNOW master dataset: 69,659 purchases by 23,570 customers, 1997-1998.

    Columns: customer_id (string), date, quantity (CDs bought), amount (US$).

    >>> cdnow = load_cdnow()
    >>> cdnow["customer_id"].nunique(), cdnow["date"].min().date(), cdnow["date"].max().date()
    (23570, datetime.date(1997, 1, 1), datetime.date(1998, 6, 30))
    """
    return _cdnow_cached(str(_folder(folder).resolve())).copy()
