"""Chapter 04: the customer database, data quality, early warnings and guarding the data.

The database is real: an SQLite file built with Python's standard library
(:mod:`sqlite3`) from the course data. :func:`build_database` writes it,
:func:`connect` and :func:`connect_readonly` open it, and :func:`run_query`
runs SQL with messages a learner can act on.

What else is here, in the order of the lesson:

* **Data quality** of the raw customer export: :func:`normalise_phone`,
  :func:`normalise_email`, :func:`normalise_name`, :func:`find_duplicates`,
  :func:`audit_customers`, :func:`audit_summary`, :func:`clean_customers` and
  :func:`account_for_records`.
* **Early warnings (预警管理)** for business accounts, each as a pandas function
  here and as an SQL view in the database (with identical results):
  receivables above the credit limit (:func:`credit_warnings`), orders behind
  the monthly plan (:func:`behind_plan_warnings`), selling expenses above
  budget (:func:`expense_warnings`) and a customer who stopped ordering,
  judged against their own usual buying interval
  (:func:`stopped_ordering_warnings`); :func:`warning_list` and
  :func:`weekly_warnings` put them together; :func:`account_history` and
  :func:`order_gaps` give the history behind one account's flags.
* **Automation**: :func:`spend_crossings`, the customers whose cumulative
  spend crossed a threshold in a given week.
* **One-to-one marketing**: :func:`customer_profiles` and
  :func:`lookalike_targets`, customers with the profile of a product's buyers
  who have not bought it.
* **Guarding the data**: :func:`pseudonymise` (a keyed hash of personal
  fields) and the read-only, personal-data-hiding :func:`connect_readonly`.

Definitions the rules share (they are the same in pandas and in SQL):

* The **window** of the plan and expense rules is the ``window_months``
  calendar months that end with the month of ``as_of``. The plan and the
  budget of ``as_of``'s own month count pro rata: day of month / days in
  the month. Orders and sales visits count from the first day of the window
  to ``as_of``, inclusive.
* **Selling expenses** are the costs of ``sales_visit`` service events.
  Deliveries, support calls and repairs are costs of serving, and year-end
  rebates are price reductions: none of them is a selling expense.
* **Receivables** at ``as_of`` = invoices issued up to ``as_of`` minus
  payments received up to ``as_of``.
* A customer's **order days** are the distinct days with an order; the
  **usual buying interval** is the median number of days between
  consecutive order days (orders up to ``as_of``).
"""

from __future__ import annotations

import atexit
import difflib
import hashlib
import hmac
import os
import re
import shutil
import sqlite3
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_connection,
    require_customer_id,
    require_dates,
    require_frame,
    require_number,
    require_numeric,
    require_path,
    require_positive_int,
    require_secret_key,
    require_series,
    require_timestamp,
)
from crmkit.data import AS_OF, SURVEY_SCORES

COMPANY_START = pd.Timestamp("2022-01-01")
"""The first day Jade Leaf traded: no customer can have signed up before it."""

SEGMENTS = ("business", "consumer")
BUSINESS_TYPES = ("cafe", "restaurant", "office", "hotel", "shop")
PERSONAL_COLUMNS = ("name", "email", "phone")
"""The columns of the customer tables that identify a person."""

WARNINGS = ("credit", "behind_plan", "over_budget", "stopped")
"""The four early warnings, in the order the lesson teaches them."""

DEFAULT_RULES = {
    "window_months": 3,
    "plan_share": 0.5,
    "expense_tolerance": 0.0,
    "silence_factor": 3.0,
    "min_order_days": 4,
    "max_silence_days": 365,
}
"""The default parameters of the early-warning rules (also the database's settings)."""

# Spelling variants seen in the old customer file, mapped to the house vocabulary.
# Keys are compared after normalise_text (lower case, accents removed, spaces collapsed).
SEGMENT_ALIASES = {"consumer": "consumer", "retail customer": "consumer", "business": "business"}
BUSINESS_TYPE_ALIASES = {
    "cafe": "cafe",
    "coffee shop": "cafe",
    "restaurant": "restaurant",
    "restuarant": "restaurant",
    "office": "office",
    "offices": "office",
    "hotel": "hotel",
    "shop": "shop",
    "retail": "shop",
}
CITY_ALIASES = {"peking": "Beijing", "canton": "Guangzhou"}

# --------------------------------------------------------------------------- the schema

SCHEMA_SQL = """
-- Dates are text, YYYY-MM-DD. date(x, '+0 days') is NULL for text that is not a date and
-- turns 2027-02-30 into 2027-03-02, so CHECK (x IS date(x, '+0 days')) keeps only real dates.
CREATE TABLE teams (
    team_id               TEXT PRIMARY KEY,
    team_name             TEXT NOT NULL,
    region                TEXT NOT NULL,
    serves                TEXT NOT NULL,
    headcount             INTEGER NOT NULL CHECK (headcount > 0),
    employee_satisfaction REAL,
    staff_turnover_rate   REAL CHECK (staff_turnover_rate BETWEEN 0 AND 1)
);
CREATE TABLE customers (
    customer_id         TEXT PRIMARY KEY,
    segment             TEXT NOT NULL CHECK (segment IN ('business', 'consumer')),
    name                TEXT NOT NULL,
    business_type       TEXT CHECK (business_type IN ('cafe', 'restaurant', 'office', 'hotel', 'shop')),
    region              TEXT NOT NULL,
    city                TEXT NOT NULL,
    signup_date         TEXT NOT NULL CHECK (signup_date IS date(signup_date, '+0 days')),
    acquisition_channel TEXT NOT NULL,
    acquisition_cost    REAL NOT NULL CHECK (acquisition_cost >= 0),
    team_id             TEXT NOT NULL REFERENCES teams (team_id),
    referred_by         TEXT REFERENCES customers (customer_id),
    credit_limit        INTEGER CHECK (credit_limit > 0),
    payment_terms_days  INTEGER CHECK (payment_terms_days > 0),
    employees           INTEGER,
    birth_year          INTEGER CHECK (birth_year BETWEEN 1900 AND 2025),
    email               TEXT UNIQUE COLLATE NOCASE,
    phone               TEXT UNIQUE
);
CREATE TABLE products (
    product_id   TEXT PRIMARY KEY,
    category     TEXT NOT NULL,
    product_name TEXT NOT NULL,
    unit_price   REAL NOT NULL CHECK (unit_price > 0),
    unit_cost    REAL NOT NULL CHECK (unit_cost > 0)
);
CREATE TABLE orders (
    order_id    TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    order_date  TEXT NOT NULL CHECK (order_date IS date(order_date, '+0 days'))
);
CREATE TABLE order_lines (
    order_id      TEXT NOT NULL REFERENCES orders (order_id),
    line_no       INTEGER NOT NULL CHECK (line_no >= 1),
    product_id    TEXT NOT NULL REFERENCES products (product_id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    unit_price    REAL NOT NULL,
    discount      REAL NOT NULL CHECK (discount BETWEEN 0 AND 1),
    revenue       REAL NOT NULL,
    cost_of_goods REAL NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE TABLE service_events (
    event_id    TEXT PRIMARY KEY,
    event_date  TEXT NOT NULL CHECK (event_date IS date(event_date, '+0 days')),
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    event_type  TEXT NOT NULL,
    order_id    TEXT REFERENCES orders (order_id),
    cost        REAL NOT NULL CHECK (cost >= 0)
);
CREATE TABLE invoices (
    invoice_id   TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL UNIQUE REFERENCES orders (order_id),
    customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
    invoice_date TEXT NOT NULL CHECK (invoice_date IS date(invoice_date, '+0 days')),
    due_date     TEXT NOT NULL CHECK (due_date >= invoice_date),
    amount       REAL NOT NULL
);
CREATE TABLE payments (
    payment_id   TEXT PRIMARY KEY,
    invoice_id   TEXT NOT NULL REFERENCES invoices (invoice_id),
    payment_date TEXT NOT NULL CHECK (payment_date IS date(payment_date, '+0 days')),
    amount       REAL NOT NULL CHECK (amount > 0)
);
CREATE TABLE account_plans (
    customer_id     TEXT NOT NULL REFERENCES customers (customer_id),
    month           TEXT NOT NULL CHECK (month IS date(month, 'start of month')),
    planned_revenue REAL NOT NULL CHECK (planned_revenue >= 0),
    expense_budget  REAL NOT NULL CHECK (expense_budget >= 0),
    PRIMARY KEY (customer_id, month)
);
CREATE TABLE leads (
    lead_id            TEXT PRIMARY KEY,
    created_date       TEXT NOT NULL,
    prospecting_method TEXT NOT NULL,
    business_type      TEXT NOT NULL,
    region             TEXT NOT NULL,
    city               TEXT NOT NULL,
    employees          INTEGER,
    est_monthly_volume REAL,
    stage_reached      TEXT NOT NULL,
    status             TEXT NOT NULL,
    contacted_date     TEXT,
    qualified_date     TEXT,
    proposal_date      TEXT,
    won_date           TEXT,
    acquisition_cost   REAL,
    customer_id        TEXT UNIQUE REFERENCES customers (customer_id)
);
CREATE TABLE communications (
    comm_id     TEXT PRIMARY KEY,
    comm_date   TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    responded   INTEGER CHECK (responded IN (0, 1))
);
CREATE TABLE complaints (
    complaint_id     TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    complaint_date   TEXT NOT NULL,
    category         TEXT NOT NULL,
    channel          TEXT NOT NULL,
    response_hours   REAL,
    resolution       TEXT NOT NULL,
    resolution_hours REAL,
    people_told      INTEGER,
    outcome          TEXT
);
CREATE TABLE survey (
    response_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    survey_date TEXT NOT NULL,
{survey_columns}
);
CREATE TABLE winback (
    customer_id        TEXT PRIMARY KEY REFERENCES customers (customer_id),
    last_order_date    TEXT NOT NULL,
    contact_date       TEXT NOT NULL,
    reason_for_leaving TEXT,
    offer              TEXT NOT NULL,
    reactivated        INTEGER NOT NULL CHECK (reactivated IN (0, 1)),
    first_order_after  TEXT,
    orders_after       INTEGER NOT NULL,
    revenue_after      REAL NOT NULL,
    re_churned         INTEGER NOT NULL CHECK (re_churned IN (0, 1)),
    offer_cost         REAL NOT NULL,
    contact_cost       REAL NOT NULL
);
CREATE TABLE customers_raw (
    record_id TEXT PRIMARY KEY,
{raw_columns}
);
CREATE TABLE warning_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    as_of             TEXT NOT NULL CHECK (as_of IS date(as_of, '+0 days')),
    window_months     INTEGER NOT NULL CHECK (window_months >= 1),
    plan_share        REAL NOT NULL CHECK (plan_share > 0),
    expense_tolerance REAL NOT NULL CHECK (expense_tolerance >= 0),
    silence_factor    REAL NOT NULL CHECK (silence_factor > 0),
    min_order_days    INTEGER NOT NULL CHECK (min_order_days >= 2),
    max_silence_days  INTEGER NOT NULL CHECK (max_silence_days >= 1)
);
"""

_RAW_COLUMNS = [
    "segment",
    "name",
    "business_type",
    "region",
    "city",
    "signup_date",
    "acquisition_channel",
    "acquisition_cost",
    "team_id",
    "referred_by",
    "credit_limit",
    "payment_terms_days",
    "employees",
    "birth_year",
    "email",
    "phone",
]


def _schema_sql() -> str:
    survey = ",\n".join(
        f"    {name:<23} INTEGER NOT NULL CHECK ({name} BETWEEN 0 AND 10)" for name in SURVEY_SCORES
    )
    raw = ",\n".join(f"    {name:<19} TEXT" for name in _RAW_COLUMNS)
    return SCHEMA_SQL.replace("{survey_columns}", survey).replace("{raw_columns}", raw)


INDEXES_SQL = """
CREATE INDEX idx_customers_team ON customers (team_id);
CREATE INDEX idx_customers_referred_by ON customers (referred_by);
CREATE INDEX idx_orders_customer ON orders (customer_id, order_date);
CREATE INDEX idx_orders_date ON orders (order_date);
CREATE INDEX idx_order_lines_product ON order_lines (product_id);
CREATE INDEX idx_service_events_customer ON service_events (customer_id, event_type, event_date);
CREATE INDEX idx_service_events_order ON service_events (order_id);
CREATE INDEX idx_invoices_customer ON invoices (customer_id, invoice_date);
CREATE INDEX idx_payments_invoice ON payments (invoice_id, payment_date);
CREATE INDEX idx_communications_customer ON communications (customer_id);
CREATE INDEX idx_complaints_customer ON complaints (customer_id);
CREATE INDEX idx_survey_customer ON survey (customer_id);
"""

VIEWS_SQL = """
-- Every order with its total: one row per order.
CREATE VIEW order_totals AS
SELECT o.order_id, o.customer_id, o.order_date,
       COUNT(*) AS lines, SUM(l.revenue) AS revenue, SUM(l.cost_of_goods) AS cost_of_goods
FROM orders AS o
JOIN order_lines AS l ON l.order_id = o.order_id
GROUP BY o.order_id, o.customer_id, o.order_date;

-- The order lines with their order's customer and date, like order_lines.csv.
CREATE VIEW order_lines_full AS
SELECT l.order_id, l.line_no, o.order_date, o.customer_id, l.product_id, l.quantity,
       l.unit_price, l.discount, l.revenue, l.cost_of_goods
FROM order_lines AS l
JOIN orders AS o ON o.order_id = l.order_id;

-- The settings of the early-warning rules, with the window they imply.
CREATE VIEW report_window AS
SELECT as_of, window_months, plan_share, expense_tolerance, silence_factor, min_order_days,
       max_silence_days,
       date(as_of, 'start of month', printf('-%d months', window_months - 1)) AS window_start,
       date(as_of, 'start of month') AS month_start,
       CAST(strftime('%d', as_of) AS REAL)
         / (julianday(as_of, 'start of month', '+1 month') - julianday(as_of, 'start of month'))
         AS month_fraction
FROM warning_settings;

-- Receivables at the settings' as_of date: invoiced minus paid, per account.
CREATE VIEW receivables AS
WITH s AS (SELECT as_of FROM warning_settings),
invoiced AS (
    SELECT i.customer_id, SUM(i.amount) AS invoiced
    FROM invoices AS i, s
    WHERE i.invoice_date <= s.as_of
    GROUP BY i.customer_id),
paid_per_invoice AS (
    SELECT p.invoice_id, SUM(p.amount) AS paid
    FROM payments AS p, s
    WHERE p.payment_date <= s.as_of
    GROUP BY p.invoice_id),
open_invoices AS (
    SELECT i.customer_id, i.due_date, i.amount - COALESCE(pp.paid, 0) AS open_amount
    FROM invoices AS i
    LEFT JOIN paid_per_invoice AS pp ON pp.invoice_id = i.invoice_id, s
    WHERE i.invoice_date <= s.as_of),
oldest AS (
    SELECT o.customer_id,
           CAST(MAX(julianday(s.as_of) - julianday(o.due_date)) AS INTEGER) AS oldest_overdue_days
    FROM open_invoices AS o, s
    WHERE o.open_amount > 0.005 AND o.due_date < s.as_of
    GROUP BY o.customer_id),
paid AS (
    SELECT i.customer_id, SUM(pp.paid) AS paid
    FROM paid_per_invoice AS pp
    JOIN invoices AS i ON i.invoice_id = pp.invoice_id
    GROUP BY i.customer_id)
SELECT v.customer_id, c.credit_limit, v.invoiced, COALESCE(p.paid, 0.0) AS paid,
       v.invoiced - COALESCE(p.paid, 0.0) AS receivable, od.oldest_overdue_days
FROM invoiced AS v
JOIN customers AS c ON c.customer_id = v.customer_id
LEFT JOIN paid AS p ON p.customer_id = v.customer_id
LEFT JOIN oldest AS od ON od.customer_id = v.customer_id;

-- Warning 1 (外欠款预警): receivables above the credit limit.
CREATE VIEW warn_credit AS
SELECT customer_id, receivable, credit_limit, receivable - credit_limit AS excess,
       oldest_overdue_days
FROM receivables
WHERE receivable > credit_limit;

-- Plan, revenue, budget and selling expenses in the window, per account with a plan.
CREATE VIEW plan_progress AS
WITH w AS (SELECT * FROM report_window),
plan AS (
    SELECT p.customer_id,
           SUM(p.planned_revenue
               * CASE WHEN p.month = w.month_start THEN w.month_fraction ELSE 1.0 END) AS plan,
           SUM(p.expense_budget
               * CASE WHEN p.month = w.month_start THEN w.month_fraction ELSE 1.0 END) AS budget
    FROM account_plans AS p, w
    WHERE p.month BETWEEN w.window_start AND w.month_start
    GROUP BY p.customer_id),
actual AS (
    SELECT o.customer_id, SUM(l.revenue) AS revenue
    FROM orders AS o
    JOIN order_lines AS l ON l.order_id = o.order_id, w
    WHERE o.order_date BETWEEN w.window_start AND w.as_of
    GROUP BY o.customer_id),
spent AS (
    SELECT e.customer_id, SUM(e.cost) AS selling_expenses
    FROM service_events AS e, w
    WHERE e.event_type = 'sales_visit' AND e.event_date BETWEEN w.window_start AND w.as_of
    GROUP BY e.customer_id)
SELECT plan.customer_id, plan.plan, COALESCE(actual.revenue, 0.0) AS revenue,
       COALESCE(actual.revenue, 0.0) / plan.plan AS progress,
       plan.budget, COALESCE(spent.selling_expenses, 0.0) AS selling_expenses,
       COALESCE(spent.selling_expenses, 0.0) / plan.budget AS budget_used
FROM plan
LEFT JOIN actual ON actual.customer_id = plan.customer_id
LEFT JOIN spent ON spent.customer_id = plan.customer_id
WHERE plan.plan > 0 AND plan.budget > 0;

-- Warning 2 (销售进度预警): revenue in the window below plan_share of the plan.
CREATE VIEW warn_behind_plan AS
SELECT customer_id, plan, revenue, progress
FROM plan_progress
WHERE progress < (SELECT plan_share FROM warning_settings);

-- Warning 3 (销售费用预警): selling expenses (sales visits) above the budget.
CREATE VIEW warn_over_budget AS
SELECT customer_id, budget, selling_expenses, budget_used
FROM plan_progress
WHERE selling_expenses > budget * (1 + (SELECT expense_tolerance FROM warning_settings));

-- Each customer's order days, usual buying interval (median gap) and silence.
CREATE VIEW buying_intervals AS
WITH s AS (SELECT as_of FROM warning_settings),
days AS (
    SELECT DISTINCT o.customer_id, o.order_date
    FROM orders AS o, s
    WHERE o.order_date <= s.as_of),
gaps AS (
    SELECT customer_id,
           julianday(order_date)
             - julianday(LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date))
             AS gap
    FROM days),
ranked AS (
    SELECT customer_id, gap,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY gap) AS k,
           COUNT(*) OVER (PARTITION BY customer_id) AS n
    FROM gaps
    WHERE gap IS NOT NULL),
median AS (
    SELECT customer_id, AVG(gap) AS usual_interval
    FROM ranked
    WHERE k IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY customer_id),
summary AS (
    SELECT customer_id, COUNT(*) AS order_days, MAX(order_date) AS last_order
    FROM days
    GROUP BY customer_id)
SELECT summary.customer_id, summary.order_days, summary.last_order, median.usual_interval,
       CAST(julianday(s.as_of) - julianday(summary.last_order) AS INTEGER) AS days_silent,
       (julianday(s.as_of) - julianday(summary.last_order)) / median.usual_interval
         AS silence_ratio
FROM summary
LEFT JOIN median ON median.customer_id = summary.customer_id, s;

-- Warning 4 (客户流失预警): a business account silent for longer than
-- silence_factor times its own usual buying interval, but not yet max_silence_days
-- (after that it is a lost customer, for the win-back list).
CREATE VIEW warn_stopped AS
SELECT b.customer_id, b.order_days, b.last_order, b.usual_interval, b.days_silent,
       b.silence_ratio
FROM buying_intervals AS b
JOIN customers AS c ON c.customer_id = b.customer_id
WHERE c.segment = 'business'
  AND b.order_days >= (SELECT min_order_days FROM warning_settings)
  AND b.days_silent > (SELECT silence_factor FROM warning_settings) * b.usual_interval
  AND b.days_silent <= (SELECT max_silence_days FROM warning_settings);

-- The warning list: one row per flagged account, a 0/1 column per warning.
CREATE VIEW warning_list AS
WITH flags AS (
    SELECT customer_id, 1 AS credit, 0 AS behind_plan, 0 AS over_budget, 0 AS stopped
    FROM warn_credit
    UNION ALL SELECT customer_id, 0, 1, 0, 0 FROM warn_behind_plan
    UNION ALL SELECT customer_id, 0, 0, 1, 0 FROM warn_over_budget
    UNION ALL SELECT customer_id, 0, 0, 0, 1 FROM warn_stopped)
SELECT customer_id, MAX(credit) AS credit, MAX(behind_plan) AS behind_plan,
       MAX(over_budget) AS over_budget, MAX(stopped) AS stopped, COUNT(*) AS warnings
FROM flags
GROUP BY customer_id
ORDER BY warnings DESC, customer_id;
"""

SPEND_CROSSINGS_SQL = """
WITH running AS (
    SELECT customer_id, order_id, order_date, revenue,
           SUM(revenue) OVER (PARTITION BY customer_id ORDER BY order_date, order_id)
             AS spend_after
    FROM order_totals)
SELECT customer_id, order_date AS crossed_on, order_id,
       spend_after - revenue AS spend_before, spend_after
FROM running
WHERE order_date BETWEEN :week_start AND date(:week_start, '+6 days')
  AND spend_after - revenue < :threshold
  AND spend_after >= :threshold
ORDER BY crossed_on, customer_id
"""
"""The automation trigger in SQL (parameters :threshold, :week_start); see :func:`spend_crossings`."""

LOOKALIKE_SQL = """
WITH spend AS (
    SELECT o.customer_id, p.category, SUM(l.revenue) AS revenue
    FROM order_lines AS l
    JOIN orders AS o ON o.order_id = l.order_id
    JOIN products AS p ON p.product_id = l.product_id
    GROUP BY o.customer_id, p.category),
favourite AS (
    SELECT customer_id, category AS favourite_category
    FROM (SELECT customer_id, category,
                 ROW_NUMBER() OVER (PARTITION BY customer_id
                                    ORDER BY revenue DESC, category) AS k
          FROM spend)
    WHERE k = 1),
profiles AS (
    SELECT f.customer_id, COALESCE(c.business_type, 'consumer') AS customer_type,
           f.favourite_category,
           EXISTS (SELECT 1
                   FROM order_lines AS l
                   JOIN orders AS o ON o.order_id = l.order_id
                   WHERE o.customer_id = f.customer_id AND l.product_id = :product_id) AS bought
    FROM favourite AS f
    JOIN customers AS c ON c.customer_id = f.customer_id),
cells AS (
    SELECT customer_type, favourite_category, COUNT(*) AS customers, AVG(bought) AS penetration
    FROM profiles
    GROUP BY customer_type, favourite_category)
SELECT p.customer_id, p.customer_type, p.favourite_category, cells.penetration
FROM profiles AS p
JOIN cells ON cells.customer_type = p.customer_type
          AND cells.favourite_category = p.favourite_category
WHERE p.bought = 0
  AND cells.customers >= :min_customers
  AND cells.penetration >= :min_lift * (SELECT AVG(bought) FROM profiles)
ORDER BY cells.penetration DESC, p.customer_id
"""
"""One-to-one targets in SQL (parameters :product_id, :min_customers, :min_lift); see
:func:`lookalike_targets`."""

# --------------------------------------------------------------------------- errors


class QueryError(ValueError):
    """An SQL query that could not run, with a message that says why and what to try."""


class DatabaseExistsError(FileExistsError):
    """build_database was asked to write to a file that already exists."""


# --------------------------------------------------------------------------- building


def _sql_values(frame: pd.DataFrame) -> list[tuple]:
    """The rows of ``frame`` as tuples of plain Python values SQLite understands.

    Dates become 'YYYY-MM-DD' text, missing values None, booleans 0/1.
    """
    columns = []
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            text = values.dt.strftime("%Y-%m-%d")
            columns.append(text.astype(object).where(values.notna(), None).tolist())
        elif pd.api.types.is_bool_dtype(values):
            ints = values.astype("Int64")
            columns.append(ints.astype(object).where(ints.notna(), None).tolist())
        elif isinstance(values.dtype, pd.CategoricalDtype):
            columns.append(values.astype(object).where(values.notna(), None).tolist())
        else:
            columns.append(values.astype(object).where(values.notna(), None).tolist())
    return list(zip(*columns, strict=True)) if columns else []


def _insert(connection: sqlite3.Connection, table: str, frame: pd.DataFrame) -> None:
    names = ", ".join(frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", _sql_values(frame))


def _course_tables(pseudonymise_key: str | bytes | None) -> dict[str, pd.DataFrame]:
    """The course tables, shaped for the database (orders split from their lines)."""
    from crmkit import data

    lines = data.load_order_lines()
    orders = (
        lines.groupby("order_id", sort=True)[["customer_id", "order_date"]].first().reset_index()
    )
    customers = data.load_customers()
    raw = data.load_customers_raw()
    if pseudonymise_key is not None:
        customers = pseudonymise(customers, pseudonymise_key)
        raw = pseudonymise(raw.replace({"": None}), pseudonymise_key).fillna("")
    return {
        "teams": data.load_teams(),
        "customers": customers,
        "products": data.load_products(),
        "orders": orders,
        "order_lines": lines.drop(columns=["customer_id", "order_date"]),
        "service_events": data.load_service_events(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "leads": data.load_leads(),
        "communications": data.load_communications(),
        "complaints": data.load_complaints(),
        "survey": data.load_survey(),
        "winback": data.load_winback(),
        "customers_raw": raw,
    }


def build_database(
    path: str | Path,
    overwrite: bool = False,
    *,
    pseudonymise_key: str | bytes | None = None,
    as_of: object = AS_OF,
) -> Path:
    """Build the course company's customer database as an SQLite file at ``path``.

    Creates the tables (with primary keys, foreign keys and CHECK rules), loads
    the course data, creates indexes on the join columns and the views of the
    early-warning rules (see ``VIEWS_SQL``), and sets the warning settings to
    ``as_of`` and :data:`DEFAULT_RULES`. Foreign keys are checked before the
    file is finished. Returns the path of the file.

    An existing file is never replaced silently: with ``overwrite=False`` (the
    default) it raises :class:`DatabaseExistsError`; ``overwrite=True``
    rebuilds it. The new file is written next to the old one and renamed into
    place only when complete. With ``pseudonymise_key``, names, emails and
    phones are replaced by keyed pseudonyms (see :func:`pseudonymise`): a copy
    for analysts.

    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> path = build_database(pathlib.Path(folder) / "jade_leaf.sqlite")
    >>> path.name
    'jade_leaf.sqlite'
    >>> build_database(path)
    Traceback (most recent call last):
    ...
    crmkit.database.DatabaseExistsError: ...already exists...
    """
    path = require_path(path)
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, not {overwrite!r}.")
    stamp = require_timestamp(as_of, "as_of")
    if pseudonymise_key is not None:
        require_secret_key(pseudonymise_key, "pseudonymise_key")
    if sqlite3.sqlite_version_info < (3, 25, 0):
        raise RuntimeError(
            f"This Python's SQLite is version {sqlite3.sqlite_version}; the course needs 3.25 or "
            "newer (for window functions). Install a recent Python (3.11 or later from python.org "
            "or conda)."
        )
    if path.is_dir():
        raise IsADirectoryError(
            f"{path} is a folder. Give a file name inside it, e.g. {path / 'jade_leaf.sqlite'}."
        )
    if path.exists() and not overwrite:
        raise DatabaseExistsError(
            f"{path} already exists, and building would destroy what is in it. Use another file "
            "name, or call build_database(path, overwrite=True) to rebuild it on purpose."
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist. Create it first.")
    tables = _course_tables(pseudonymise_key)
    partial = path.with_name(f"{path.name}.{os.getpid()}.building")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        # The file is renamed into place only when complete, so the build needs no journal.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(_schema_sql())
        with connection:  # one transaction; foreign keys checked at commit
            connection.execute("PRAGMA defer_foreign_keys = ON")
            for table, frame in tables.items():
                _insert(connection, table, frame)
            connection.execute(
                "INSERT INTO warning_settings VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (stamp.strftime("%Y-%m-%d"), *DEFAULT_RULES.values()),
            )
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # pragma: no cover - the course data is consistent
            raise sqlite3.IntegrityError(f"foreign key problems: {problems[:5]}")
        connection.executescript(INDEXES_SQL + VIEWS_SQL)
        connection.execute("ANALYZE")
        connection.commit()
    except BaseException:
        connection.close()
        partial.unlink(missing_ok=True)
        raise
    connection.close()
    partial.replace(path)
    return path


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing course database for reading and writing, with foreign keys enforced.

    >>> import pathlib, shutil, tempfile
    >>> path = shutil.copy(course_database(), pathlib.Path(tempfile.mkdtemp()) / "db.sqlite")
    >>> connection = connect(path)
    >>> connection.execute("PRAGMA foreign_keys").fetchone()
    (1,)
    >>> connection.close()
    """
    path = _existing_database(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _existing_database(path: object) -> Path:
    path = require_path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"There is no database at {path}. Build it first: build_database({str(path)!r})."
        )
    return path


_DENIED_FUNCTIONS = {"zeroblob", "randomblob", "load_extension", "readfile", "writefile"}


def connect_readonly(path: str | Path, *, hide_personal: bool = False) -> sqlite3.Connection:
    """Open the database read-only: the connection an analyst should get.

    The file is opened in SQLite's read-only mode (``mode=ro``), so no
    statement can change it, and ``ATTACH`` (opening other files) is refused.
    With ``hide_personal=True`` the personal columns (name, email, phone) of
    the customer tables read as NULL: analysts see the behaviour, not the person.

    >>> analyst = connect_readonly(course_database(), hide_personal=True)
    >>> analyst.execute("SELECT customer_id, name FROM customers LIMIT 1").fetchone()
    ('B001', None)
    >>> analyst.execute("DELETE FROM customers")
    Traceback (most recent call last):
    ...
    sqlite3.OperationalError: attempt to write a readonly database
    """
    path = _existing_database(path)
    if not isinstance(hide_personal, bool):
        raise TypeError(f"hide_personal must be True or False, not {hide_personal!r}.")
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA query_only = ON")
    connection.set_authorizer(_authorizer(hide_personal))
    # No text or blob over 10 MB: a runaway query fails fast instead of filling the memory.
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000_000)
    return connection


def _authorizer(hide_personal: bool):
    personal_tables = {"customers", "customers_raw"}

    def authorise(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _DENIED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        if (
            hide_personal
            and action == sqlite3.SQLITE_READ
            and arg1 in personal_tables
            and arg2 in PERSONAL_COLUMNS
        ):
            return sqlite3.SQLITE_IGNORE  # the column reads as NULL
        return sqlite3.SQLITE_OK

    return authorise


def set_warning_settings(
    connection: sqlite3.Connection,
    as_of: object = AS_OF,
    *,
    window_months: int = DEFAULT_RULES["window_months"],
    plan_share: float = DEFAULT_RULES["plan_share"],
    expense_tolerance: float = DEFAULT_RULES["expense_tolerance"],
    silence_factor: float = DEFAULT_RULES["silence_factor"],
    min_order_days: int = DEFAULT_RULES["min_order_days"],
    max_silence_days: int = DEFAULT_RULES["max_silence_days"],
) -> pd.DataFrame:
    """Change the date and parameters the warning views use; returns the new settings.

    Needs a writable connection (:func:`connect`).

    >>> import pathlib, shutil, tempfile
    >>> path = shutil.copy(course_database(), pathlib.Path(tempfile.mkdtemp()) / "db.sqlite")
    >>> connection = connect(path)
    >>> set_warning_settings(connection, "2025-06-30")["as_of"].tolist()
    ['2025-06-30']
    """
    require_connection(connection)
    stamp = require_timestamp(as_of, "as_of")
    window_months = require_positive_int(window_months, "window_months")
    min_order_days = require_positive_int(min_order_days, "min_order_days", minimum=2)
    max_silence_days = require_positive_int(max_silence_days, "max_silence_days")
    plan_share = require_number(plan_share, "plan_share", minimum=0.0, strict=True)
    expense_tolerance = require_number(expense_tolerance, "expense_tolerance", minimum=0.0)
    silence_factor = require_number(silence_factor, "silence_factor", minimum=0.0, strict=True)
    with connection:
        connection.execute(
            "UPDATE warning_settings SET as_of = ?, window_months = ?, plan_share = ?, "
            "expense_tolerance = ?, silence_factor = ?, min_order_days = ?, "
            "max_silence_days = ? WHERE id = 1",
            (
                stamp.strftime("%Y-%m-%d"),
                window_months,
                plan_share,
                expense_tolerance,
                silence_factor,
                min_order_days,
                max_silence_days,
            ),
        )
    return pd.read_sql("SELECT * FROM warning_settings", connection)


def list_tables(connection: sqlite3.Connection) -> pd.DataFrame:
    """The tables and views in the database, with their row counts.

    >>> tables = list_tables(connect_readonly(course_database()))
    >>> tables.loc[tables["name"] == "teams", "rows"].item()
    8
    """
    require_connection(connection)
    names = pd.read_sql(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
        connection,
    )
    counts = [
        connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names["name"]
    ]
    return names.assign(rows=pd.Series(counts, dtype="int64"))


# --------------------------------------------------------------------------- running SQL


def run_query(
    connection: sqlite3.Connection,
    sql: str,
    params: Mapping[str, object] | Iterable[object] | None = None,
    *,
    timeout: float = 10.0,
    max_rows: int = 200_000,
) -> pd.DataFrame:
    """Run one SQL query and return its result as a DataFrame, or explain what went wrong.

    A query that cannot run raises :class:`QueryError` (a ValueError) with a
    message for a learner: the table or column that does not exist (with the
    closest names), the place of a syntax error, a query that ran longer than
    ``timeout`` seconds or returned more than ``max_rows`` rows.

    >>> connection = sqlite3.connect(":memory:")
    >>> _ = connection.execute("CREATE TABLE teams (team_id TEXT, headcount INTEGER)")
    >>> run_query(connection, "SELECT COUNT(*) AS n FROM teams")
       n
    0  0
    >>> run_query(connection, "SELECT * FROM team")
    Traceback (most recent call last):
    ...
    crmkit.database.QueryError: There is no table or view called 'team' (did you mean 'teams'?). ...
    """
    require_connection(connection)
    if not isinstance(sql, str):
        raise TypeError(
            f"sql must be the text of a query (a str), such as 'SELECT * FROM teams', not "
            f"{type(sql).__name__}."
        )
    if not sql.strip() or _strip_sql_comments(sql).strip().strip(";").strip() == "":
        raise QueryError("The query is empty: write a statement such as SELECT * FROM teams.")
    timeout = require_number(timeout, "timeout", minimum=0.0, strict=True)
    max_rows = require_positive_int(max_rows, "max_rows")
    deadline = time.monotonic() + timeout
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
    try:
        cursor = connection.execute(sql, params if params is not None else ())
        if cursor.description is None:
            cursor.close()
            return pd.DataFrame()
        columns = [item[0] for item in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
        cursor.close()
    except (sqlite3.Error, sqlite3.Warning, OverflowError) as error:
        raise QueryError(_explain_sql_error(error, connection, sql, timeout)) from None
    finally:
        connection.set_progress_handler(None, 0)
    if len(rows) > max_rows:
        raise QueryError(
            f"The query returns more than {max_rows:,} rows. A join without a condition "
            "(ON ...) or a missing WHERE or GROUP BY can make millions of rows: check them, "
            "or add LIMIT while you explore."
        )
    frame = pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)
    return frame


def _strip_sql_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)


def _schema_names(connection: sqlite3.Connection) -> tuple[list[str], list[str]]:
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        columns = sorted(
            {row[1] for name in names for row in connection.execute(f'PRAGMA table_info("{name}")')}
        )
    except sqlite3.Error:  # pragma: no cover - a broken connection
        return [], []
    return names, columns


def _explain_sql_error(
    error: BaseException, connection: sqlite3.Connection, sql: str, timeout: float
) -> str:
    text = str(error)
    tables, columns = _schema_names(connection)
    if text == "interrupted":
        return (
            f"The query ran for more than {timeout:g} seconds and was stopped. A join without "
            "an ON condition pairs every row with every other row: check each JOIN has one."
        )
    if isinstance(error, sqlite3.Warning) or "one statement at a time" in text:
        return (
            "Write one SQL statement only (a single SELECT; you may use WITH ... SELECT for "
            "steps). Remove the other statements, or the extra semicolon in the middle."
        )
    missing = re.match(r"no such table: (?:\w+\.)?(\S+)", text)
    if missing:
        name = missing.group(1)
        close = difflib.get_close_matches(name, tables, n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        return (
            f"There is no table or view called {name!r}{tip}. The tables and views are: "
            f"{', '.join(tables)}."
        )
    missing = re.match(r"no such column: (\S+)", text)
    if missing:
        name = missing.group(1)
        bare = name.split(".")[-1]
        if re.fullmatch(r"[A-Z]+\d+", name):
            return (
                f"There is no column {name!r}. If you meant the value {name}, write it as text "
                f"in single quotes: '{name}'."
            )
        close = difflib.get_close_matches(bare, columns, n=3)
        tip = f" Columns with a similar name: {', '.join(close)}." if close else ""
        prefix = (
            f" Check that {name.split('.')[0]!r} is the name or alias of a table in FROM or JOIN."
            if "." in name and bare in columns
            else ""
        )
        return (
            f"There is no column {name!r} in the tables this query reads.{tip}{prefix} "
            "PRAGMA table_info('customers') lists a table's columns."
        )
    if "ambiguous column name" in text:
        name = text.split(":")[-1].strip()
        return (
            f"The column {name!r} is in more than one of the joined tables, so SQL cannot tell "
            f"which one you mean. Write it with its table name or alias, e.g. c.{name}."
        )
    if "syntax error" in text or "incomplete input" in text or "unrecognized token" in text:
        return (
            f"SQLite could not read the query: {text}. Look just before the place it names: a "
            "missing or extra comma, a missing closing bracket or quote, or a keyword in the "
            "wrong order (the order is SELECT, FROM, JOIN, WHERE, GROUP BY, HAVING, ORDER BY, "
            "LIMIT). Text values need single quotes: 'B001'."
        )
    if "misuse of aggregate" in text or "aggregate functions are not allowed" in text:
        return (
            f"{text}. A condition on a SUM, COUNT or AVG belongs in HAVING (after GROUP BY), "
            "not in WHERE."
        )
    if "readonly" in text or "query_only" in text:
        return (
            "This connection is read-only: only queries that read (SELECT, WITH ... SELECT) are "
            "allowed. Nothing in the database can be changed from here."
        )
    if "not authorized" in text:
        return (
            "This statement or function is not allowed on a read-only analysis connection "
            "(no ATTACH, no zeroblob or randomblob): only queries that read the data can run."
        )
    if "too big" in text:
        return (
            "The query builds a text or blob that is too large. Check string concatenations "
            "(||) and recursive queries (WITH RECURSIVE needs a condition that stops it)."
        )
    if "no such function" in text:
        return f"{text}. SQLite has no such function; see https://sqlite.org/lang_corefunc.html."
    if isinstance(error, sqlite3.ProgrammingError) and ("binding" in text or "parameter" in text):
        return (
            f"The query's ? or :name placeholders do not match the params given ({text}). Give "
            "params as a list for ? or a dict for :name, one value per placeholder."
        )
    return f"SQLite could not run the query: {text}."


@lru_cache(maxsize=1)
def course_database() -> Path:
    """A course database built once per Python process in a temporary folder (for checks).

    Each process builds its own (the checks must not trust a file another
    process could have changed). The folder is removed when the process ends;
    folders left by processes that were killed are removed the next time.
    Open it with :func:`connect_readonly`; never write to it.

    >>> course_database().suffix
    '.sqlite'
    """
    base = Path(tempfile.gettempdir())
    _remove_stale_course_databases(base)
    folder = Path(tempfile.mkdtemp(prefix=f"crmkit-course-db-{os.getpid()}-", dir=base))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_database(folder / "jade_leaf.sqlite")


def _remove_stale_course_databases(base: Path) -> None:
    """Remove course-database folders whose process no longer exists (POSIX only)."""
    if os.name != "posix":
        return
    for folder in base.glob("crmkit-course-db-*-*"):
        try:
            if folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(folder.name.split("-")[3]), 0)  # signal 0: only asks whether it runs
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, IndexError, OSError):
            continue


# --------------------------------------------------------------------------- data quality

_ONE_COLUMN = "one column, e.g. raw['phone']"
"""What the text helpers take (for their error message)."""


def normalise_text(values: pd.Series) -> pd.Series:
    """Lower case, accents removed (é -> e), surrounding spaces stripped, inner spaces collapsed.

    >>> normalise_text(pd.Series(["  Café  Noir", "CAFE NOIR"])).tolist()
    ['cafe noir', 'cafe noir']
    """
    require_series(values, "values", _ONE_COLUMN)
    text = values.astype("string").fillna("")
    folded = text.map(
        lambda s: unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii"),
        na_action="ignore",
    ).astype("string")
    return folded.str.lower().str.replace(r"\s+", " ", regex=True).str.strip()


def normalise_name(values: pd.Series) -> pd.Series:
    """A matching key for names: :func:`normalise_text` plus trailing full stops removed.

    >>> normalise_name(pd.Series(["Yao Xin.", "YAO  XIN", "Pine Café (Suzhou)"])).tolist()
    ['yao xin', 'yao xin', 'pine cafe (suzhou)']
    """
    return normalise_text(values).str.replace(r"\.+$", "", regex=True).str.strip()


def normalise_email(values: pd.Series) -> pd.Series:
    """A matching key for emails: stripped and lower-cased; empty text becomes missing.

    >>> normalise_email(pd.Series(["YAO.XIN@EXAMPLE.NET ", ""])).tolist()
    ['yao.xin@example.net', <NA>]
    """
    require_series(values, "values", _ONE_COLUMN)
    text = values.astype("string").str.strip().str.lower()
    return text.mask(text.eq("")).astype("string")


def normalise_phone(values: pd.Series) -> pd.Series:
    """A matching key for Chinese mobile numbers: the 11 digits, without +86, spaces or dashes.

    Anything that does not reduce to 11 digits starting with 1 becomes missing.

    >>> normalise_phone(pd.Series(["+86 138 1234 5678", "138-1234-5678", "", "12345"])).tolist()
    ['13812345678', '13812345678', <NA>, <NA>]
    """
    require_series(values, "values", _ONE_COLUMN)
    digits = values.astype("string").str.replace(r"\D", "", regex=True)
    digits = digits.str.replace(r"^0*86(?=1\d{10}$)", "", regex=True)
    return digits.where(digits.str.fullmatch(r"1\d{10}").fillna(False)).astype("string")


def format_phone(values: pd.Series) -> pd.Series:
    """Write normalised phone numbers in the house format ``+86 1xx xxxx xxxx``.

    >>> format_phone(pd.Series(["13812345678", None])).tolist()
    ['+86 138 1234 5678', <NA>]
    """
    key = normalise_phone(values)
    return ("+86 " + key.str[:3] + " " + key.str[3:7] + " " + key.str[7:]).astype("string")


RAW_COLUMNS = ("record_id", *_RAW_COLUMNS)
"""The columns of the raw customer export (all text)."""


def find_duplicates(raw: pd.DataFrame) -> pd.DataFrame:
    """Records that are the same customer entered twice, and the record each one repeats.

    Two records are the same customer when their names match after
    :func:`normalise_name` **and** they share a phone number (after
    :func:`normalise_phone`) or an email (after :func:`normalise_email`). A
    name alone is no proof (people share common names) and neither is a
    contact alone (a family or a firm may share a number), so both are needed.
    Within each group of duplicates one record survives: the first in
    ``record_id`` order (so an original ``B``/``C`` id, which the other tables
    use, beats an ``X`` id). :func:`clean_customers` fills the survivor's empty
    contacts from its duplicates, so nothing is lost.

    Returns one row per record that should be merged away, with columns
    ``record_id``, ``duplicate_of`` (the surviving record) and ``matched_on``
    (``"phone"``, ``"email"`` or ``"phone+email"``), sorted by record_id.

    >>> raw = pd.DataFrame({"record_id": ["C1", "C2", "X1", "C3"],
    ...     "name": ["Li Na", "Li Na", "LI NA.", "Wu Bo"],
    ...     "email": ["li.na@example.net", "", "LI.NA@EXAMPLE.NET", ""],
    ...     "phone": ["+86 138 0000 0001", "+86 139 0000 0002", "138-0000-0001", ""]})
    >>> find_duplicates(raw)
      record_id duplicate_of   matched_on
    0        X1           C1  phone+email
    """
    require_frame(raw, "raw", ["record_id", "name", "email", "phone"])
    ids = raw["record_id"].astype("string").reset_index(drop=True)
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(
            "raw has missing or repeated record_id values; each record needs its own id."
        )
    frame = pd.DataFrame(
        {
            "record_id": ids,
            "name_key": normalise_name(raw["name"]).reset_index(drop=True),
            "phone_key": normalise_phone(raw["phone"]).reset_index(drop=True),
            "email_key": normalise_email(raw["email"]).reset_index(drop=True),
        }
    )
    edges = []
    for contact in ("phone_key", "email_key"):
        usable = frame[frame[contact].notna() & frame["name_key"].ne("")]
        first = usable.groupby(["name_key", contact])["record_id"].transform("min")
        pairs = pd.DataFrame(
            {"a": usable["record_id"], "b": first, "on": contact.removesuffix("_key")}
        )
        edges.append(pairs[pairs["a"] != pairs["b"]])
    links = pd.concat(edges, ignore_index=True)
    empty = pd.DataFrame(
        {
            "record_id": pd.Series(dtype="string"),
            "duplicate_of": pd.Series(dtype="string"),
            "matched_on": pd.Series(dtype="string"),
        }
    )
    if links.empty:
        return empty
    group = _connected_groups(frame["record_id"], links["a"], links["b"])
    frame["group"] = frame["record_id"].map(group)
    ranked = frame.sort_values(["group", "record_id"])
    survivor = ranked.groupby("group")["record_id"].first()
    frame["duplicate_of"] = frame["group"].map(survivor)
    merged = frame[frame["record_id"] != frame["duplicate_of"]].copy()
    survivors = frame.set_index("record_id").loc[merged["duplicate_of"]]
    same_phone = (
        (
            merged["phone_key"].reset_index(drop=True)
            == survivors["phone_key"].reset_index(drop=True)
        )
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    same_email = (
        (
            merged["email_key"].reset_index(drop=True)
            == survivors["email_key"].reset_index(drop=True)
        )
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    matched = np.select(
        [same_phone & same_email, same_phone, same_email],
        ["phone+email", "phone", "email"],
        "chain",
    )
    result = pd.DataFrame(
        {
            "record_id": merged["record_id"].to_numpy(),
            "duplicate_of": merged["duplicate_of"].to_numpy(),
            "matched_on": matched,
        }
    ).astype("string")
    return result.sort_values("record_id").reset_index(drop=True)


def _connected_groups(nodes: pd.Series, a: pd.Series, b: pd.Series) -> pd.Series:
    """Label each node with the smallest node id of its connected group (edges a-b)."""
    label = pd.Series(nodes.to_numpy(), index=nodes.to_numpy())
    a, b = a.to_numpy(), b.to_numpy()
    while True:
        la, lb = label.loc[a].to_numpy(), label.loc[b].to_numpy()
        low = np.where(la < lb, la, lb)
        update = (
            pd.concat([pd.Series(low, index=a), pd.Series(low, index=b), label])
            .groupby(level=0)
            .min()
        )
        update = update.loc[label.index]
        if (update.to_numpy() == label.to_numpy()).all():
            return label
        label = update.loc[label.to_numpy()].set_axis(label.index)


def _parse_dates(text: pd.Series) -> pd.Series:
    """ISO dates; anything that is not a real date (2026-13-01, 2027-02-30) becomes NaT."""
    return pd.to_datetime(text.astype("string"), format="%Y-%m-%d", errors="coerce").astype(
        "datetime64[s]"
    )


def _plausible_birth_year(years: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    return years.between(as_of.year - 100, as_of.year - 16)


def _canonical(values: pd.Series, aliases: Mapping[str, str]) -> pd.Series:
    key = normalise_text(values)
    mapped = key.map(aliases).astype("string")
    return mapped.where(key.ne(""), pd.NA)


def _canonical_city(values: pd.Series) -> pd.Series:
    """Known aliases first; otherwise the most common spelling of the same normalised text."""
    key = normalise_text(values)
    text = values.astype("string").str.strip()
    counts = pd.DataFrame({"key": key, "text": text}).value_counts().reset_index()
    majority = counts.drop_duplicates("key").set_index("key")["text"]
    result = key.map(majority).astype("string")
    aliased = key.map(CITY_ALIASES).astype("string")
    result = aliased.fillna(result)
    return result.where(key.ne(""), pd.NA)


def audit_customers(raw: pd.DataFrame, teams: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Every data-quality problem in the raw customer export, one row per record and problem.

    Columns: ``record_id``, ``problem``, ``column``, ``value`` (as found) and
    ``detail``. The problems looked for:

    * ``duplicate``: the same customer as another record (:func:`find_duplicates`);
    * ``missing_contact``: no email, or no phone;
    * ``impossible_date``: a signup date that is not a real date, before the
      company opened (2022-01-01) or after ``as_of``;
    * ``impossible_birth_year``: a birth year that makes the customer older than
      100 or younger than 16 at ``as_of``;
    * ``inconsistent_category``: segment, business type or city not written the
      house way (a known variant, a capital, a stray space);
    * ``orphan_id``: a team_id not in ``teams``, or a referred_by that is no record.

    >>> raw = pd.DataFrame({"record_id": ["C1", "C2"], "segment": ["consumer", "Consumer"],
    ...     "name": ["Li Na", "Wu Bo"], "business_type": ["", ""], "city": ["Beijing", "Peking"],
    ...     "signup_date": ["2024-05-01", "2026-13-01"], "team_id": ["T06", "T09"],
    ...     "referred_by": ["", "C7"], "birth_year": ["1990", "1890"],
    ...     "email": ["li.na@example.net", ""], "phone": ["+86 138 0000 0001", ""]})
    >>> teams = pd.DataFrame({"team_id": ["T06"]})
    >>> audit_customers(raw, teams)["problem"].value_counts().sort_index().to_dict()
    {'impossible_birth_year': 1, 'impossible_date': 1, 'inconsistent_category': 2, 'missing_contact': 2, 'orphan_id': 2}
    """
    require_frame(
        raw,
        "raw",
        [
            "record_id",
            "segment",
            "name",
            "business_type",
            "city",
            "signup_date",
            "team_id",
            "referred_by",
            "birth_year",
            "email",
            "phone",
        ],
    )
    require_frame(teams, "teams", ["team_id"])
    as_of = require_timestamp(as_of, "as_of")
    raw = raw.reset_index(drop=True)
    text = raw.astype("string").fillna("")
    ids = text["record_id"]
    findings = []

    def add(mask: pd.Series, problem: str, column: str, detail: pd.Series | str) -> None:
        mask = mask.fillna(False).astype(bool).to_numpy()
        if not mask.any():
            return
        details = detail if isinstance(detail, str) else detail[mask].astype("string").to_numpy()
        findings.append(
            pd.DataFrame(
                {
                    "record_id": ids[mask].to_numpy(),
                    "problem": problem,
                    "column": column,
                    "value": text[column][mask].to_numpy(),
                    "detail": details,
                }
            )
        )

    duplicates = find_duplicates(raw)
    dup = ids.isin(duplicates["record_id"])
    repeats = ids.map(
        dict(zip(duplicates["record_id"], duplicates["duplicate_of"], strict=True))
    ).astype("string")
    on = ids.map(dict(zip(duplicates["record_id"], duplicates["matched_on"], strict=True)))
    add(
        dup,
        "duplicate",
        "record_id",
        "same customer as " + repeats + " (same name and " + on.astype("string") + ")",
    )
    add(text["email"].str.strip().eq(""), "missing_contact", "email", "no email")
    add(text["phone"].str.strip().eq(""), "missing_contact", "phone", "no phone")
    signup = _parse_dates(text["signup_date"])
    not_a_date = signup.isna() & text["signup_date"].ne("")
    add(not_a_date, "impossible_date", "signup_date", "not a real date")
    add(signup < COMPANY_START, "impossible_date", "signup_date", "before the company opened")
    add(signup > as_of, "impossible_date", "signup_date", "in the future")
    year = pd.to_numeric(text["birth_year"].replace("", None), errors="coerce")
    bad_year = year.notna() & ~_plausible_birth_year(year, as_of)
    add(bad_year, "impossible_birth_year", "birth_year", "age below 16 or above 100")
    for column, canonical in (
        ("segment", _canonical(text["segment"], SEGMENT_ALIASES)),
        ("business_type", _canonical(text["business_type"], BUSINESS_TYPE_ALIASES)),
        ("city", _canonical_city(text["city"])),
    ):
        differs = text[column].ne("") & (canonical.fillna("") != text[column])
        add(differs, "inconsistent_category", column, "should read " + canonical.fillna("?"))
    team_ids = set(teams["team_id"].astype("string").dropna())
    add(
        text["team_id"].ne("") & ~text["team_id"].isin(team_ids),
        "orphan_id",
        "team_id",
        "no such team",
    )
    add(
        text["referred_by"].ne("") & ~text["referred_by"].isin(set(ids)),
        "orphan_id",
        "referred_by",
        "no such customer",
    )
    columns = ["record_id", "problem", "column", "value", "detail"]
    if not findings:
        return pd.DataFrame({name: pd.Series(dtype="string") for name in columns})
    result = pd.concat(findings, ignore_index=True)[columns].astype("string")
    order = {name: k for k, name in enumerate(_PROBLEMS)}
    result = result.assign(_order=result["problem"].map(order)).sort_values(
        ["_order", "column", "record_id"], kind="stable"
    )
    return result.drop(columns="_order").reset_index(drop=True)


_PROBLEMS = (
    "duplicate",
    "missing_contact",
    "impossible_date",
    "impossible_birth_year",
    "inconsistent_category",
    "orphan_id",
)


def audit_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Count the audit's findings per problem and column, with up to three example values.

    >>> findings = pd.DataFrame({"record_id": ["C1", "C2"], "problem": ["orphan_id"] * 2,
    ...     "column": ["team_id"] * 2, "value": ["T09", "T09"], "detail": ["no such team"] * 2})
    >>> audit_summary(findings)
         problem   column  records examples
    0  orphan_id  team_id        2      T09
    """
    require_frame(findings, "findings", ["record_id", "problem", "column", "value"])
    if findings.empty:
        return pd.DataFrame(
            {
                "problem": pd.Series(dtype="string"),
                "column": pd.Series(dtype="string"),
                "records": pd.Series(dtype="int64"),
                "examples": pd.Series(dtype="string"),
            }
        )
    grouped = findings.astype({"problem": "string", "column": "string"}).groupby(
        ["problem", "column"], sort=False
    )
    summary = grouped.agg(
        records=("record_id", "nunique"),
        examples=(
            "value",
            lambda v: ", ".join(
                repr(x) if x != x.strip() or x == "" else x for x in pd.unique(v.astype(str))[:3]
            ),
        ),
    ).reset_index()
    summary["records"] = summary["records"].astype("int64")
    summary["examples"] = summary["examples"].astype("string")
    return summary


CHANGE_COLUMNS = ["record_id", "action", "column", "old", "new", "reason"]


def clean_customers(
    raw: pd.DataFrame,
    teams: pd.DataFrame,
    order_lines: pd.DataFrame | None = None,
    as_of: object = AS_OF,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean the raw customer export; return ``(customers, changes)``.

    ``customers`` has the columns and types of the course's customers table
    (``record_id`` becomes ``customer_id``). ``changes`` is the change log:
    one row per value changed or record merged, with columns ``record_id``,
    ``action``, ``column``, ``old``, ``new`` and ``reason``. Actions:

    * ``merged``: a duplicate record (see :func:`find_duplicates`) folded into
      the surviving record (``new``). It is the only way a record leaves, and
      each one is logged; referrals to it are redirected to the survivor.
    * ``filled``: a survivor's empty email or phone taken from its duplicate;
      an impossible signup date replaced by the customer's first order date
      (when ``order_lines`` is given).
    * ``standardised``: segment, business type, city, name spacing, email case
      or phone format rewritten the house way.
    * ``blanked``: a value that cannot be right and cannot be repaired (an
      impossible birth year, a team or referrer that does not exist, an
      impossible date without order history) set to missing.

    Missing emails and phones stay missing: cleaning cannot invent them.

    >>> raw = pd.DataFrame({"record_id": ["C1", "X1"], "segment": ["consumer", "Consumer"],
    ...     "name": ["Li Na", "LI NA."], "business_type": ["", ""], "region": ["North"] * 2,
    ...     "city": ["Beijing", "Peking"], "signup_date": ["2024-05-01", "2024-05-01"],
    ...     "acquisition_channel": ["referral"] * 2, "acquisition_cost": ["40.0"] * 2,
    ...     "team_id": ["T06"] * 2, "referred_by": ["", ""], "credit_limit": ["", ""],
    ...     "payment_terms_days": ["", ""], "employees": ["", ""], "birth_year": ["1990", "1990"],
    ...     "email": ["", "LI.NA@EXAMPLE.NET"], "phone": ["+86 138 0000 0001", "138-0000-0001"]})
    >>> customers, changes = clean_customers(raw, pd.DataFrame({"team_id": ["T06"]}))
    >>> customers[["customer_id", "email"]]
      customer_id                email
    0          C1  li.na@example.net
    >>> changes[["record_id", "action", "column", "new"]]
      record_id        action     column                new
    0        X1        merged  record_id                 C1
    1        C1        filled      email  LI.NA@EXAMPLE.NET
    2        C1  standardised      email  li.na@example.net
    """
    require_frame(raw, "raw", list(RAW_COLUMNS))
    require_frame(teams, "teams", ["team_id"])
    as_of = require_timestamp(as_of, "as_of")
    first_order = None
    if order_lines is not None:
        require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
        require_dates(order_lines, "order_lines", ["order_date"])
        first_order = order_lines.groupby("customer_id")["order_date"].min()
    text = raw[list(RAW_COLUMNS)].astype("string").fillna("").reset_index(drop=True)
    ids = text["record_id"]
    logs: list[pd.DataFrame] = []

    def log(mask, action: str, column: str | None, old, new, reason: str) -> None:
        mask = np.asarray(pd.Series(mask).fillna(False), dtype=bool)
        if not mask.any():
            return

        def pick(values):
            if isinstance(values, pd.Series):
                return values.astype("string").to_numpy()[mask]
            return values

        logs.append(
            pd.DataFrame(
                {
                    "record_id": ids.to_numpy()[mask],
                    "action": action,
                    "column": column,
                    "old": pick(old),
                    "new": pick(new),
                    "reason": reason,
                }
            )
        )

    # 1. Duplicates: fold each duplicate into its survivor, keeping the survivor's values
    #    and filling its empty contacts from the duplicate.
    duplicates = find_duplicates(text)
    survivor_of = dict(zip(duplicates["record_id"], duplicates["duplicate_of"], strict=True))
    is_dup = ids.isin(survivor_of.keys())
    log(
        is_dup,
        "merged",
        "record_id",
        ids,
        ids.map(survivor_of),
        "duplicate of another record (same name and phone or email)",
    )
    for column in ("email", "phone"):
        donor = (
            text[is_dup & text[column].ne("")]
            .assign(survivor=lambda d: d["record_id"].map(survivor_of))
            .drop_duplicates("survivor")
            .set_index("survivor")[column]
        )
        fill = ~is_dup & text[column].eq("") & ids.isin(donor.index)
        new = ids.map(donor).astype("string")
        log(fill, "filled", column, text[column], new, "taken from its duplicate record")
        text.loc[fill, column] = new[fill]
    text = text[~is_dup].reset_index(drop=True)
    ids = text["record_id"]

    # 2. Standardise spellings.
    name = text["name"].str.strip().str.replace(r"\s+", " ", regex=True)
    log(name != text["name"], "standardised", "name", text["name"], name, "extra spaces removed")
    text["name"] = name
    email = normalise_email(text["email"]).fillna("")
    log(
        email != text["email"],
        "standardised",
        "email",
        text["email"],
        email,
        "emails are lower case",
    )
    text["email"] = email
    phone = format_phone(text["phone"]).fillna("")
    bad_phone = text["phone"].ne("") & phone.eq("")
    log(
        phone.ne(text["phone"]) & ~bad_phone,
        "standardised",
        "phone",
        text["phone"],
        phone,
        "house format +86 1xx xxxx xxxx",
    )
    log(
        bad_phone,
        "blanked",
        "phone",
        text["phone"],
        pd.Series("", index=text.index),
        "not a mobile number",
    )
    text["phone"] = phone
    for column, canonical in (
        ("segment", _canonical(text["segment"], SEGMENT_ALIASES)),
        ("business_type", _canonical(text["business_type"], BUSINESS_TYPE_ALIASES)),
        ("city", _canonical_city(text["city"])),
    ):
        new = canonical.fillna("")
        changed = text[column].ne("") & new.ne(text[column])
        unknown = text[column].ne("") & canonical.isna()
        log(changed & ~unknown, "standardised", column, text[column], new, "house spelling")
        log(unknown, "blanked", column, text[column], new, "unknown category")
        text[column] = new

    # 3. Impossible dates and birth years.
    signup = _parse_dates(text["signup_date"])
    impossible = text["signup_date"].ne("") & (
        signup.isna() | (signup < COMPANY_START) | (signup > as_of)
    )
    impossible |= text["signup_date"].eq("")
    if first_order is not None:
        recovered = pd.Series(
            first_order.reindex(ids.to_numpy()).to_numpy(), index=text.index
        ).astype("datetime64[s]")
        can_fill = impossible & recovered.notna()
        log(
            can_fill,
            "filled",
            "signup_date",
            text["signup_date"],
            recovered.dt.strftime("%Y-%m-%d"),
            "impossible date; the first order's date used instead",
        )
        signup = signup.mask(can_fill, recovered)
        impossible &= ~can_fill
    log(
        impossible,
        "blanked",
        "signup_date",
        text["signup_date"],
        pd.Series("", index=text.index),
        "impossible date",
    )
    signup = signup.mask(impossible)
    year = pd.to_numeric(text["birth_year"].replace("", None), errors="coerce")
    bad_year = year.notna() & ~_plausible_birth_year(year, as_of)
    log(
        bad_year,
        "blanked",
        "birth_year",
        text["birth_year"],
        pd.Series("", index=text.index),
        "age below 16 or above 100",
    )
    year = year.mask(bad_year)

    # 4. Orphan ids.
    team_ids = set(teams["team_id"].astype("string").dropna())
    orphan_team = text["team_id"].ne("") & ~text["team_id"].isin(team_ids)
    log(
        orphan_team,
        "blanked",
        "team_id",
        text["team_id"],
        pd.Series("", index=text.index),
        "no such team",
    )
    text.loc[orphan_team, "team_id"] = ""
    referrer = text["referred_by"].map(lambda v: survivor_of.get(v, v)).astype("string")
    redirected = referrer.ne(text["referred_by"])
    log(
        redirected,
        "standardised",
        "referred_by",
        text["referred_by"],
        referrer,
        "referrer was merged",
    )
    orphan_ref = referrer.ne("") & ~referrer.isin(set(ids))
    log(
        orphan_ref,
        "blanked",
        "referred_by",
        referrer,
        pd.Series("", index=text.index),
        "no such customer",
    )
    text["referred_by"] = referrer.mask(orphan_ref, "")

    customers = pd.DataFrame(
        {
            "customer_id": text["record_id"],
            "segment": _as_category(text["segment"]),
            "name": _as_string(text["name"]),
            "business_type": _as_category(text["business_type"]),
            "region": _as_category(text["region"].str.strip()),
            "city": _as_category(text["city"]),
            "signup_date": signup.astype("datetime64[s]"),
            "acquisition_channel": _as_category(text["acquisition_channel"].str.strip()),
            "acquisition_cost": pd.to_numeric(text["acquisition_cost"].replace("", None)).astype(
                "float64"
            ),
            "team_id": _as_string(text["team_id"]),
            "referred_by": _as_string(text["referred_by"]),
            "credit_limit": _as_int(text["credit_limit"]),
            "payment_terms_days": _as_int(text["payment_terms_days"]),
            "employees": _as_int(text["employees"]),
            "birth_year": year.astype("Float64").astype("Int64"),
            "email": _as_string(text["email"]),
            "phone": _as_string(text["phone"]),
        }
    )
    customers = customers.sort_values("customer_id", key=_id_order).reset_index(drop=True)
    if logs:
        changes = pd.concat(logs, ignore_index=True)
    else:
        changes = pd.DataFrame(columns=CHANGE_COLUMNS)
    changes = changes[CHANGE_COLUMNS].astype("string")
    changes["old"] = changes["old"].fillna("")
    changes["new"] = changes["new"].fillna("")
    return customers, changes.reset_index(drop=True)


def _id_order(ids: pd.Series) -> pd.Series:
    """Sort B ids before C ids before others, each in id order (like the course tables)."""
    first = ids.str[0].map({"B": "0", "C": "1"}).fillna("2")
    return first + ids


def _as_string(values: pd.Series) -> pd.Series:
    return values.mask(values.eq("")).astype("string")


def _as_category(values: pd.Series) -> pd.Series:
    return values.mask(values.eq("")).astype("string").astype("category")


def _as_int(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.replace("", None)).astype("Float64").astype("Int64")


def account_for_records(
    raw: pd.DataFrame, customers: pd.DataFrame, changes: pd.DataFrame
) -> pd.Series:
    """Reconcile a cleaning: records in = records kept + records merged (nothing unaccounted).

    Returns a Series with ``records_in``, ``kept``, ``merged`` and
    ``unaccounted`` (must be 0: a raw record that is neither kept nor logged as merged).

    >>> raw = pd.DataFrame({"record_id": ["C1", "X1", "C2"]})
    >>> customers = pd.DataFrame({"customer_id": ["C1"]})
    >>> changes = pd.DataFrame({"record_id": ["X1"], "action": ["merged"]})
    >>> account_for_records(raw, customers, changes).to_dict()
    {'records_in': 3, 'kept': 1, 'merged': 1, 'unaccounted': 1}
    """
    require_frame(raw, "raw", ["record_id"])
    require_frame(customers, "customers", ["customer_id"])
    require_frame(changes, "changes", ["record_id", "action"])
    records = set(raw["record_id"].astype("string"))
    kept = records & set(customers["customer_id"].astype("string"))
    merged = records & set(
        changes.loc[changes["action"].astype("string") == "merged", "record_id"].astype("string")
    )
    return pd.Series(
        {
            "records_in": len(records),
            "kept": len(kept),
            "merged": len(merged - kept),
            "unaccounted": len(records - kept - merged),
        },
        dtype="int64",
    )


# --------------------------------------------------------------------------- early warnings


def _as_of_text(as_of: pd.Timestamp) -> str:
    return as_of.strftime("%Y-%m-%d")


def receivables(
    customers: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """What each account owes on ``as_of``: invoiced up to that day minus paid up to that day.

    One row per account with an invoice by ``as_of``, sorted by customer_id.
    Columns: ``customer_id``, ``credit_limit``, ``invoiced``, ``paid``,
    ``receivable`` (CNY) and ``oldest_overdue_days`` (days past the due date
    of the oldest invoice still open; missing when nothing is overdue).

    >>> customers = pd.DataFrame({"customer_id": ["B1"], "credit_limit": [1000]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1", "I2"], "customer_id": ["B1", "B1"],
    ...     "invoice_date": pd.to_datetime(["2025-10-01", "2025-12-01"]),
    ...     "due_date": pd.to_datetime(["2025-10-31", "2025-12-31"]), "amount": [800.0, 700.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "payment_date": pd.to_datetime(["2025-11-20"]),
    ...     "amount": [300.0]})
    >>> receivables(customers, invoices, payments, "2025-12-31")
      customer_id  credit_limit  invoiced  paid  receivable  oldest_overdue_days
    0          B1          1000    1500.0 300.0      1200.0                   61
    """
    require_frame(customers, "customers", ["customer_id", "credit_limit"])
    require_frame(
        invoices, "invoices", ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
    )
    require_frame(payments, "payments", ["invoice_id", "payment_date", "amount"])
    require_dates(invoices, "invoices", ["invoice_date", "due_date"])
    require_dates(payments, "payments", ["payment_date"])
    require_numeric(customers, "customers", ["credit_limit"])
    require_numeric(invoices, "invoices", ["amount"])
    require_numeric(payments, "payments", ["amount"])
    as_of = require_timestamp(as_of, "as_of")
    issued = invoices[invoices["invoice_date"] <= as_of]
    paid_per_invoice = (
        payments[payments["payment_date"] <= as_of].groupby("invoice_id")["amount"].sum()
    )
    open_amount = issued["amount"] - issued["invoice_id"].map(paid_per_invoice).fillna(0.0)
    overdue = issued[(open_amount > 0.005).to_numpy() & (issued["due_date"] < as_of).to_numpy()]
    oldest = (as_of - overdue.groupby("customer_id")["due_date"].min()).dt.days
    invoiced = issued.groupby("customer_id")["amount"].sum()
    paid = (
        paid_per_invoice.rename_axis("invoice_id")
        .reset_index()
        .assign(
            customer_id=lambda d: d["invoice_id"].map(issued.set_index("invoice_id")["customer_id"])
        )
        .groupby("customer_id")["amount"]
        .sum()
        .reindex(invoiced.index, fill_value=0.0)
    )
    limit = customers.drop_duplicates("customer_id").set_index("customer_id")["credit_limit"]
    result = pd.DataFrame(
        {
            "customer_id": invoiced.index.astype("string"),
            "credit_limit": limit.reindex(invoiced.index).astype("Int64").to_numpy(),
            "invoiced": invoiced.to_numpy(),
            "paid": paid.to_numpy(),
            "receivable": (invoiced - paid).to_numpy(),
            "oldest_overdue_days": oldest.reindex(invoiced.index).astype("Int64").to_numpy(),
        }
    )
    return result.sort_values("customer_id").reset_index(drop=True)


def credit_warnings(
    customers: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Warning 1 (外欠款预警): accounts whose receivables exceed their credit limit on ``as_of``.

    Columns: ``customer_id``, ``receivable``, ``credit_limit``, ``excess``
    (receivable - limit) and ``oldest_overdue_days``; sorted by customer_id.
    The SQL view ``warn_credit`` gives the same rows.

    >>> customers = pd.DataFrame({"customer_id": ["B1"], "credit_limit": [1000]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["B1"],
    ...     "invoice_date": pd.to_datetime(["2025-12-01"]), "due_date": pd.to_datetime(["2025-12-31"]),
    ...     "amount": [1500.0]})
    >>> payments = pd.DataFrame({"invoice_id": pd.Series([], dtype="string"),
    ...     "payment_date": pd.to_datetime(pd.Series([], dtype="string")), "amount": pd.Series([], dtype=float)})
    >>> credit_warnings(customers, invoices, payments)[["customer_id", "excess"]]
      customer_id  excess
    0          B1   500.0
    """
    owed = receivables(customers, invoices, payments, as_of)
    flagged = owed[(owed["receivable"] > owed["credit_limit"]).fillna(False).to_numpy(dtype=bool)]
    result = flagged.assign(excess=flagged["receivable"] - flagged["credit_limit"].astype(float))
    return result[
        ["customer_id", "receivable", "credit_limit", "excess", "oldest_overdue_days"]
    ].reset_index(drop=True)


def _window(as_of: pd.Timestamp, window_months: int) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    month_start = as_of.to_period("M").to_timestamp()
    window_start = (as_of.to_period("M") - (window_months - 1)).to_timestamp()
    fraction = as_of.day / as_of.days_in_month
    return window_start, month_start, fraction


def plan_progress(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
) -> pd.DataFrame:
    """Plan against actual, and budget against selling expenses, in the window ending at ``as_of``.

    The window is the ``window_months`` calendar months ending with
    ``as_of``'s month; that month's plan and budget count pro rata (day of
    month / days in month). Revenue and sales-visit costs count from the
    window's first day to ``as_of``. One row per account with a plan in the
    window, sorted by customer_id. Columns: ``customer_id``, ``plan``,
    ``revenue``, ``progress`` (revenue / plan), ``budget``,
    ``selling_expenses`` and ``budget_used`` (selling_expenses / budget).
    The SQL view ``plan_progress`` gives the same rows.

    >>> plans = pd.DataFrame({"customer_id": ["B1", "B1"],
    ...     "month": pd.to_datetime(["2025-11-01", "2025-12-01"]),
    ...     "planned_revenue": [1000.0, 1000.0], "expense_budget": [50.0, 50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1"], "order_date": pd.to_datetime(["2025-11-20"]),
    ...     "revenue": [600.0]})
    >>> events = pd.DataFrame({"customer_id": ["B1"], "event_date": pd.to_datetime(["2025-12-01"]),
    ...     "event_type": ["sales_visit"], "cost": [200.0]})
    >>> plan_progress(plans, lines, events, "2025-12-31", window_months=2).round(2)
      customer_id    plan  revenue  progress  budget  selling_expenses  budget_used
    0          B1  2000.0    600.0       0.3   100.0             200.0          2.0
    """
    require_frame(
        account_plans,
        "account_plans",
        ["customer_id", "month", "planned_revenue", "expense_budget"],
    )
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_frame(
        service_events, "service_events", ["customer_id", "event_date", "event_type", "cost"]
    )
    require_dates(account_plans, "account_plans", ["month"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(account_plans, "account_plans", ["planned_revenue", "expense_budget"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_numeric(service_events, "service_events", ["cost"])
    as_of = require_timestamp(as_of, "as_of")
    window_months = require_positive_int(window_months, "window_months")
    start, month_start, fraction = _window(as_of, window_months)
    plans = account_plans[account_plans["month"].between(start, month_start)]
    weight = np.where(plans["month"] == month_start, fraction, 1.0)
    planned = (
        plans.assign(
            plan=plans["planned_revenue"] * weight, budget=plans["expense_budget"] * weight
        )
        .groupby("customer_id")[["plan", "budget"]]
        .sum()
    )
    lines = order_lines[order_lines["order_date"].between(start, as_of)]
    revenue = lines.groupby("customer_id")["revenue"].sum()
    visits = service_events[
        (service_events["event_type"].astype("string") == "sales_visit").to_numpy()
        & service_events["event_date"].between(start, as_of).to_numpy()
    ]
    spent = visits.groupby("customer_id")["cost"].sum()
    planned = planned[(planned["plan"] > 0) & (planned["budget"] > 0)]
    result = pd.DataFrame(
        {
            "customer_id": planned.index.astype("string"),
            "plan": planned["plan"].to_numpy(),
            "revenue": revenue.reindex(planned.index, fill_value=0.0).to_numpy(dtype=float),
            "budget": planned["budget"].to_numpy(),
            "selling_expenses": spent.reindex(planned.index, fill_value=0.0).to_numpy(dtype=float),
        }
    )
    result.insert(3, "progress", result["revenue"] / result["plan"])
    result["budget_used"] = result["selling_expenses"] / result["budget"]
    return result.sort_values("customer_id").reset_index(drop=True)


def behind_plan_warnings(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
    plan_share: float = DEFAULT_RULES["plan_share"],
) -> pd.DataFrame:
    """Warning 2 (销售进度预警): accounts whose revenue in the window is below ``plan_share`` of plan.

    Columns: ``customer_id``, ``plan``, ``revenue``, ``progress``. The SQL view
    ``warn_behind_plan`` gives the same rows. See :func:`plan_progress`.

    >>> plans = pd.DataFrame({"customer_id": ["B1", "B2"], "month": pd.to_datetime(["2025-12-01"] * 2),
    ...     "planned_revenue": [1000.0, 1000.0], "expense_budget": [50.0, 50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B2"], "order_date": pd.to_datetime(["2025-12-05"] * 2),
    ...     "revenue": [300.0, 900.0]})
    >>> events = pd.DataFrame({"customer_id": pd.Series([], dtype="string"),
    ...     "event_date": pd.to_datetime(pd.Series([], dtype="string")),
    ...     "event_type": pd.Series([], dtype="string"), "cost": pd.Series([], dtype=float)})
    >>> behind_plan_warnings(plans, lines, events, "2025-12-31", window_months=1)
      customer_id    plan  revenue  progress
    0          B1  1000.0    300.0       0.3
    """
    plan_share = require_number(plan_share, "plan_share", minimum=0.0, strict=True)
    progress = plan_progress(account_plans, order_lines, service_events, as_of, window_months)
    flagged = progress[progress["progress"] < plan_share]
    return flagged[["customer_id", "plan", "revenue", "progress"]].reset_index(drop=True)


def expense_warnings(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
    expense_tolerance: float = DEFAULT_RULES["expense_tolerance"],
) -> pd.DataFrame:
    """Warning 3 (销售费用预警): selling expenses in the window above budget x (1 + tolerance).

    Selling expenses are the costs of ``sales_visit`` events only (not
    deliveries, support calls, repairs or rebates). Columns: ``customer_id``,
    ``budget``, ``selling_expenses``, ``budget_used``. The SQL view
    ``warn_over_budget`` gives the same rows.

    >>> plans = pd.DataFrame({"customer_id": ["B1"], "month": pd.to_datetime(["2025-12-01"]),
    ...     "planned_revenue": [1000.0], "expense_budget": [50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1"], "order_date": pd.to_datetime(["2025-12-05"]),
    ...     "revenue": [900.0]})
    >>> events = pd.DataFrame({"customer_id": ["B1", "B1"], "event_date": pd.to_datetime(["2025-12-02"] * 2),
    ...     "event_type": ["sales_visit", "delivery"], "cost": [80.0, 60.0]})
    >>> expense_warnings(plans, lines, events, "2025-12-31", window_months=1)
      customer_id  budget  selling_expenses  budget_used
    0          B1    50.0              80.0          1.6
    """
    expense_tolerance = require_number(expense_tolerance, "expense_tolerance", minimum=0.0)
    progress = plan_progress(account_plans, order_lines, service_events, as_of, window_months)
    flagged = progress[progress["selling_expenses"] > progress["budget"] * (1 + expense_tolerance)]
    return flagged[["customer_id", "budget", "selling_expenses", "budget_used"]].reset_index(
        drop=True
    )


def buying_intervals(order_lines: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Each customer's buying rhythm on ``as_of``: order days, usual interval and silence.

    Columns: ``customer_id``, ``order_days`` (distinct days with an order),
    ``last_order``, ``usual_interval`` (median days between consecutive order
    days; missing with a single order day), ``days_silent`` (days from the last
    order to ``as_of``) and ``silence_ratio`` (days_silent / usual_interval).
    Orders after ``as_of`` are ignored. The SQL view ``buying_intervals`` gives
    the same rows.

    >>> lines = pd.DataFrame({"customer_id": ["A"] * 5,
    ...     "order_date": pd.to_datetime(["2025-10-01", "2025-10-11", "2025-10-11", "2025-10-25", "2025-11-04"])})
    >>> buying_intervals(lines, "2025-12-31").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'customer_id': 'A', 'order_days': 4, 'last_order': Timestamp('2025-11-04 00:00:00'),
     'usual_interval': 10.0, 'days_silent': 57, 'silence_ratio': 5.7}
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    seen = order_lines.loc[order_lines["order_date"] <= as_of, ["customer_id", "order_date"]]
    days = seen.drop_duplicates().sort_values(["customer_id", "order_date"])
    gaps = days.groupby("customer_id")["order_date"].diff().dt.days
    usual = gaps.groupby(days["customer_id"]).median()
    summary = days.groupby("customer_id")["order_date"].agg(order_days="size", last_order="max")
    silent = (as_of - summary["last_order"]).dt.days
    result = pd.DataFrame(
        {
            "customer_id": summary.index.astype("string"),
            "order_days": summary["order_days"].astype("int64").to_numpy(),
            "last_order": summary["last_order"].to_numpy(),
            "usual_interval": usual.reindex(summary.index).astype(float).to_numpy(),
            "days_silent": silent.astype("int64").to_numpy(),
        }
    )
    result["silence_ratio"] = result["days_silent"] / result["usual_interval"]
    return result.sort_values("customer_id").reset_index(drop=True)


def stopped_ordering_warnings(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    silence_factor: float = DEFAULT_RULES["silence_factor"],
    min_order_days: int = DEFAULT_RULES["min_order_days"],
    max_silence_days: int = DEFAULT_RULES["max_silence_days"],
) -> pd.DataFrame:
    """Warning 4 (客户流失预警): business accounts silent for longer than usual.

    An account is flagged when it has at least ``min_order_days`` order days
    and its days without an order exceed ``silence_factor`` times its own usual
    buying interval (:func:`buying_intervals`). A café that orders weekly is
    flagged after three silent weeks, an office that orders monthly after three
    months. After ``max_silence_days`` without an order the account is a lost
    customer (a case for winning back, chapter 09), no longer a warning.
    Columns as :func:`buying_intervals`; the SQL view ``warn_stopped`` gives
    the same rows.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "B2"], "segment": ["business"] * 2})
    >>> lines = pd.DataFrame({"customer_id": ["B1"] * 4 + ["B2"] * 4,
    ...     "order_date": pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22",
    ...         "2025-03-01", "2025-06-01", "2025-09-01", "2025-12-01"])})
    >>> stopped_ordering_warnings(customers, lines, "2025-12-31")[["customer_id", "usual_interval", "days_silent"]]
      customer_id  usual_interval  days_silent
    0          B1             7.0          100
    """
    require_frame(customers, "customers", ["customer_id", "segment"])
    silence_factor = require_number(silence_factor, "silence_factor", minimum=0.0, strict=True)
    min_order_days = require_positive_int(min_order_days, "min_order_days", minimum=2)
    max_silence_days = require_positive_int(max_silence_days, "max_silence_days")
    rhythm = buying_intervals(order_lines, as_of)
    business = set(
        customers.loc[customers["segment"].astype("string") == "business", "customer_id"].astype(
            "string"
        )
    )
    flagged = rhythm[
        rhythm["customer_id"].isin(business).to_numpy()
        & (rhythm["order_days"] >= min_order_days).to_numpy()
        & (rhythm["days_silent"] > silence_factor * rhythm["usual_interval"]).to_numpy()
        & (rhythm["days_silent"] <= max_silence_days).to_numpy()
    ]
    return flagged.reset_index(drop=True)


def warning_list(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    **rules: float,
) -> pd.DataFrame:
    """All four early warnings on ``as_of``: one row per flagged account.

    Columns: ``customer_id``, one True/False column per warning (``credit``,
    ``behind_plan``, ``over_budget``, ``stopped``) and ``warnings`` (how many),
    sorted by warnings (most first), then customer_id. ``rules`` overrides
    :data:`DEFAULT_RULES`. The SQL view ``warning_list`` gives the same rows
    (with 1/0 for True/False).

    >>> from crmkit import data
    >>> tables = dict(customers=data.load_customers(), order_lines=data.load_order_lines(),
    ...     invoices=data.load_invoices(), payments=data.load_payments(),
    ...     account_plans=data.load_account_plans(), service_events=data.load_service_events())
    >>> warning_list(**tables).columns.tolist()
    ['customer_id', 'credit', 'behind_plan', 'over_budget', 'stopped', 'warnings']
    """
    unknown = sorted(set(rules) - set(DEFAULT_RULES))
    if unknown:
        raise ValueError(
            f"Unknown rule parameter(s) {unknown}. The rules take: {', '.join(DEFAULT_RULES)}."
        )
    settings = {**DEFAULT_RULES, **rules}
    flags = {
        "credit": credit_warnings(customers, invoices, payments, as_of)["customer_id"],
        "behind_plan": behind_plan_warnings(
            account_plans,
            order_lines,
            service_events,
            as_of,
            settings["window_months"],
            settings["plan_share"],
        )["customer_id"],
        "over_budget": expense_warnings(
            account_plans,
            order_lines,
            service_events,
            as_of,
            settings["window_months"],
            settings["expense_tolerance"],
        )["customer_id"],
        "stopped": stopped_ordering_warnings(
            customers,
            order_lines,
            as_of,
            settings["silence_factor"],
            settings["min_order_days"],
            settings["max_silence_days"],
        )["customer_id"],
    }
    flagged = sorted(set().union(*(set(ids) for ids in flags.values())))
    result = pd.DataFrame({"customer_id": pd.array(flagged, dtype="string")})
    for name, ids in flags.items():
        result[name] = result["customer_id"].isin(set(ids)).to_numpy(dtype=bool)
    result["warnings"] = result[list(WARNINGS)].sum(axis=1).astype("int64")
    result = result.sort_values(["warnings", "customer_id"], ascending=[False, True])
    return result.reset_index(drop=True)


def weekly_warnings(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    **rules: float,
) -> pd.DataFrame:
    """The weekly warning list: :func:`warning_list` on ``as_of`` with what is new this week.

    Adds ``new_this_week``: True when the account has a warning on ``as_of``
    that it did not have seven days earlier, and the customer's ``name``.

    >>> from crmkit import data
    >>> tables = dict(customers=data.load_customers(), order_lines=data.load_order_lines(),
    ...     invoices=data.load_invoices(), payments=data.load_payments(),
    ...     account_plans=data.load_account_plans(), service_events=data.load_service_events())
    >>> "new_this_week" in weekly_warnings(**tables, as_of="2025-06-30").columns
    True
    """
    tables = (customers, order_lines, invoices, payments, account_plans, service_events)
    as_of = require_timestamp(as_of, "as_of")
    now = warning_list(*tables, as_of, **rules)
    before = warning_list(*tables, as_of - pd.Timedelta(days=7), **rules).set_index("customer_id")
    earlier = before.reindex(now["customer_id"])[list(WARNINGS)].fillna(False).astype(bool)
    new = (now[list(WARNINGS)].to_numpy() & ~earlier.to_numpy()).any(axis=1)
    names = customers.drop_duplicates("customer_id").set_index("customer_id")
    result = now.copy()
    if "name" in names.columns:
        result.insert(
            1, "name", names["name"].reindex(now["customer_id"]).astype("string").to_numpy()
        )
    result["new_this_week"] = new
    return result


def order_gaps(order_lines: pd.DataFrame, customer_id: str, as_of: object = AS_OF) -> pd.Series:
    """Days between one customer's consecutive order days, up to ``as_of``.

    A Series indexed by order date (from the second order day on), named
    ``gap_days``. Plot it beside :func:`buying_intervals`' usual interval.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A"],
    ...     "order_date": pd.to_datetime(["2025-10-01", "2025-10-11", "2025-10-25"])})
    >>> order_gaps(lines, "A").tolist()
    [10, 14]
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_customer_id(customer_id, order_lines)
    as_of = require_timestamp(as_of, "as_of")
    mine = order_lines.loc[
        (order_lines["customer_id"] == customer_id).to_numpy()
        & (order_lines["order_date"] <= as_of).to_numpy(),
        "order_date",
    ]
    days = pd.Series(np.sort(mine.unique())).astype("datetime64[s]")
    gaps = days.diff().dt.days.iloc[1:].astype("int64")
    gaps.index = pd.DatetimeIndex(days.iloc[1:], name="order_date")
    return gaps.rename("gap_days")


def account_history(
    customer_id: str,
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """One account's month-by-month history behind its warnings.

    One row per month from the account's first order (or plan) to ``as_of``'s
    month, indexed by month start. Columns: ``revenue``, ``planned_revenue``,
    ``selling_expenses`` (sales visits), ``expense_budget``, ``receivable`` (at
    the month's end, or at ``as_of`` for its month) and ``credit_limit``.

    >>> from crmkit import data
    >>> history = account_history("B001", data.load_customers(), data.load_order_lines(),
    ...     data.load_invoices(), data.load_payments(), data.load_account_plans(),
    ...     data.load_service_events())
    >>> history.columns.tolist()
    ['revenue', 'planned_revenue', 'selling_expenses', 'expense_budget', 'receivable', 'credit_limit']
    """
    require_frame(customers, "customers", ["customer_id", "credit_limit"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_frame(invoices, "invoices", ["customer_id", "invoice_id", "invoice_date", "amount"])
    require_frame(payments, "payments", ["invoice_id", "payment_date", "amount"])
    require_frame(
        account_plans,
        "account_plans",
        ["customer_id", "month", "planned_revenue", "expense_budget"],
    )
    require_frame(
        service_events, "service_events", ["customer_id", "event_date", "event_type", "cost"]
    )
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(invoices, "invoices", ["invoice_date"])
    require_dates(payments, "payments", ["payment_date"])
    require_dates(account_plans, "account_plans", ["month"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(customers, "customers", ["credit_limit"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_numeric(invoices, "invoices", ["amount"])
    require_numeric(payments, "payments", ["amount"])
    require_numeric(account_plans, "account_plans", ["planned_revenue", "expense_budget"])
    require_numeric(service_events, "service_events", ["cost"])
    require_customer_id(customer_id, customers)
    as_of = require_timestamp(as_of, "as_of")
    lines = order_lines[
        (order_lines["customer_id"] == customer_id).to_numpy()
        & (order_lines["order_date"] <= as_of).to_numpy()
    ]
    plans = account_plans[
        (account_plans["customer_id"] == customer_id).to_numpy()
        & (account_plans["month"] <= as_of).to_numpy()
    ]
    starts = [d for d in (lines["order_date"].min(), plans["month"].min()) if pd.notna(d)]
    if not starts:
        raise ValueError(f"{customer_id} has no orders or plans on or before {as_of.date()}.")
    months = pd.date_range(
        min(starts).to_period("M").to_timestamp(),
        as_of.to_period("M").to_timestamp(),
        freq="MS",
        name="month",
    )

    def monthly(frame: pd.DataFrame, date: str, value: str) -> pd.Series:
        month = frame[date].dt.to_period("M").dt.to_timestamp()
        return frame.groupby(month)[value].sum().reindex(months, fill_value=0.0)

    visits = service_events[
        (service_events["customer_id"] == customer_id).to_numpy()
        & (service_events["event_type"].astype("string") == "sales_visit").to_numpy()
        & (service_events["event_date"] <= as_of).to_numpy()
    ]
    mine = invoices[invoices["customer_id"] == customer_id]
    paid = payments[payments["invoice_id"].isin(set(mine["invoice_id"]))]
    month_end = pd.Series(months + pd.offsets.MonthEnd(0), index=months).clip(upper=as_of)
    invoiced_cum = mine.sort_values("invoice_date")
    paid_cum = paid.sort_values("payment_date")
    inv_total = np.searchsorted(
        invoiced_cum["invoice_date"].to_numpy(), month_end.to_numpy(), side="right"
    )
    pay_total = np.searchsorted(
        paid_cum["payment_date"].to_numpy(), month_end.to_numpy(), side="right"
    )
    inv_sums = np.concatenate([[0.0], invoiced_cum["amount"].cumsum().to_numpy()])[inv_total]
    pay_sums = np.concatenate([[0.0], paid_cum["amount"].cumsum().to_numpy()])[pay_total]
    limit = customers.loc[customers["customer_id"] == customer_id, "credit_limit"].iloc[0]
    history = pd.DataFrame(
        {
            "revenue": monthly(lines, "order_date", "revenue"),
            "planned_revenue": plans.set_index("month")["planned_revenue"].reindex(months),
            "selling_expenses": monthly(visits, "event_date", "cost"),
            "expense_budget": plans.set_index("month")["expense_budget"].reindex(months),
            "receivable": inv_sums - pay_sums,
            "credit_limit": float(limit) if pd.notna(limit) else np.nan,
        },
        index=months,
    )
    return history


# --------------------------------------------------------------------------- automation


def spend_crossings(
    order_lines: pd.DataFrame, threshold: float, week_start: object
) -> pd.DataFrame:
    """Customers whose cumulative spend crossed ``threshold`` in the week from ``week_start``.

    A customer crosses in an order when their cumulative revenue before that
    order is below the threshold and after it is at or above it. The week is
    ``week_start`` and the six days after it. This is the moment an automated
    offer (a thank-you gift, a membership card) should go out: once, when the
    line is crossed, not every week after. Orders on the same day count in
    order_id order.

    Returns ``customer_id``, ``crossed_on`` (the day of the crossing order),
    ``order_id``, ``spend_before`` and ``spend_after`` (CNY), sorted by
    crossed_on then customer_id.

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3", "O4"], "customer_id": ["A", "A", "B", "B"],
    ...     "order_date": pd.to_datetime(["2025-11-02", "2025-12-02", "2025-11-20", "2025-12-03"]),
    ...     "revenue": [600.0, 500.0, 1200.0, 50.0]})
    >>> spend_crossings(lines, 1000, "2025-12-01")
      customer_id crossed_on order_id  spend_before  spend_after
    0           A 2025-12-02       O2         600.0       1100.0
    """
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    threshold = require_number(threshold, "threshold", minimum=0.0, strict=True)
    start = require_timestamp(week_start, "week_start").normalize()
    end = start + pd.Timedelta(days=6)
    orders = (
        order_lines.groupby(["customer_id", "order_date", "order_id"], sort=True, observed=True)[
            "revenue"
        ]
        .sum()
        .reset_index()
    )
    orders["spend_after"] = orders.groupby("customer_id")["revenue"].cumsum()
    orders["spend_before"] = orders["spend_after"] - orders["revenue"]
    crossed = orders[
        (orders["spend_before"] < threshold).to_numpy()
        & (orders["spend_after"] >= threshold).to_numpy()
        & orders["order_date"].between(start, end).to_numpy()
    ]
    result = pd.DataFrame(
        {
            "customer_id": crossed["customer_id"].astype("string").to_numpy(),
            "crossed_on": crossed["order_date"].to_numpy(),
            "order_id": crossed["order_id"].astype("string").to_numpy(),
            "spend_before": crossed["spend_before"].to_numpy(dtype=float),
            "spend_after": crossed["spend_after"].to_numpy(dtype=float),
        }
    )
    return result.sort_values(["crossed_on", "customer_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------- one-to-one marketing


def customer_profiles(
    customers: pd.DataFrame, order_lines: pd.DataFrame, products: pd.DataFrame
) -> pd.DataFrame:
    """Each buying customer's profile: customer type and favourite product category.

    ``customer_type`` is the business type, or ``"consumer"``;
    ``favourite_category`` is the category with the most revenue (ties go to
    the first category in alphabetical order). One row per customer with
    orders, sorted by customer_id.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "C1"], "business_type": ["cafe", None]})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B1", "C1"], "product_id": ["P1", "P2", "P2"],
    ...     "revenue": [50.0, 80.0, 10.0]})
    >>> products = pd.DataFrame({"product_id": ["P1", "P2"], "category": ["coffee", "teaware"]})
    >>> customer_profiles(customers, lines, products)
      customer_id customer_type favourite_category
    0          B1          cafe            teaware
    1          C1      consumer            teaware
    """
    require_frame(customers, "customers", ["customer_id", "business_type"])
    require_frame(order_lines, "order_lines", ["customer_id", "product_id", "revenue"])
    require_frame(products, "products", ["product_id", "category"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    category = order_lines["product_id"].map(
        products.drop_duplicates("product_id").set_index("product_id")["category"].astype("string")
    )
    spend = (
        order_lines.assign(category=category.to_numpy())
        .groupby(["customer_id", "category"])["revenue"]
        .sum()
        .reset_index()
        .sort_values(["customer_id", "revenue", "category"], ascending=[True, False, True])
    )
    favourite = spend.drop_duplicates("customer_id").set_index("customer_id")["category"]
    kind = (
        customers.drop_duplicates("customer_id")
        .set_index("customer_id")["business_type"]
        .astype("string")
        .fillna("consumer")
    )
    result = pd.DataFrame(
        {
            "customer_id": favourite.index.astype("string"),
            "customer_type": kind.reindex(favourite.index).fillna("consumer").to_numpy(),
            "favourite_category": favourite.astype("string").to_numpy(),
        }
    ).astype("string")
    return result.sort_values("customer_id").reset_index(drop=True)


def lookalike_targets(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    products: pd.DataFrame,
    product_id: str,
    min_customers: int = 20,
    min_lift: float = 2.0,
) -> pd.DataFrame:
    """One-to-one marketing: customers with the profile of ``product_id``'s buyers who have not bought it.

    Customers are grouped by profile (:func:`customer_profiles`). A profile is
    a **target profile** when it has at least ``min_customers`` customers and
    its penetration (the share of its customers who bought the product) is at
    least ``min_lift`` times the penetration among all buying customers. The
    targets are the customers in target profiles who have not bought it.

    Columns: ``customer_id``, ``customer_type``, ``favourite_category``,
    ``penetration`` (of their profile), sorted by penetration (highest first),
    then customer_id.

    >>> customers = pd.DataFrame({"customer_id": list("ABCDE"), "business_type": ["cafe"] * 3 + [None] * 2})
    >>> lines = pd.DataFrame({"customer_id": list("ABCDE") + ["A", "B"],
    ...     "product_id": ["P1"] * 5 + ["P9", "P9"], "revenue": [10.0] * 5 + [1.0, 1.0]})
    >>> products = pd.DataFrame({"product_id": ["P1", "P9"], "category": ["coffee", "teaware"]})
    >>> lookalike_targets(customers, lines, products, "P9", min_customers=3, min_lift=1.5)
      customer_id customer_type favourite_category  penetration
    0           C          cafe             coffee     0.666667
    """
    if not isinstance(product_id, str):
        raise TypeError(f"product_id must be text such as 'P026', not {type(product_id).__name__}.")
    require_frame(products, "products", ["product_id", "category"])
    if not products["product_id"].eq(product_id).any():
        raise ValueError(f"product_id {product_id!r} is not in products.")
    min_customers = require_positive_int(min_customers, "min_customers")
    min_lift = require_number(min_lift, "min_lift", minimum=0.0, strict=True)
    profiles = customer_profiles(customers, order_lines, products)
    buyers = set(order_lines.loc[order_lines["product_id"] == product_id, "customer_id"])
    profiles["bought"] = profiles["customer_id"].isin(buyers).to_numpy(dtype=float)
    overall = profiles["bought"].mean()
    cells = profiles.groupby(["customer_type", "favourite_category"])["bought"].agg(
        customers="size", penetration="mean"
    )
    targets_cells = cells[
        (cells["customers"] >= min_customers) & (cells["penetration"] >= min_lift * overall)
    ]
    merged = profiles.merge(
        targets_cells["penetration"].reset_index(), on=["customer_type", "favourite_category"]
    )
    result = merged[merged["bought"] == 0][
        ["customer_id", "customer_type", "favourite_category", "penetration"]
    ]
    result = result.sort_values(["penetration", "customer_id"], ascending=[False, True])
    return result.reset_index(drop=True)


# --------------------------------------------------------------------------- guarding the data


def pseudonymise(
    frame: pd.DataFrame,
    key: str | bytes,
    columns: Iterable[str] = PERSONAL_COLUMNS,
    length: int = 12,
) -> pd.DataFrame:
    """Replace personal fields by keyed pseudonyms (HMAC-SHA256), for analysis.

    Each value is normalised first (:func:`normalise_name`,
    :func:`normalise_email`, :func:`normalise_phone`), so the same person
    spelled two ways gets the same pseudonym. Pseudonyms are stable for one
    key (the same input gives the same output, so tables can still be joined
    and counted), differ between keys, and cannot be reversed without the key.
    Missing values stay missing. Only ``columns`` change; returns a copy.

    >>> people = pd.DataFrame({"name": ["Li Na", "LI NA."], "email": ["li.na@example.net", None]})
    >>> masked = pseudonymise(people, "a-long-secret-key-1234", columns=["name", "email"])
    >>> masked["name"].nunique(), masked["name"].str.len().tolist(), masked["email"].isna().tolist()
    (1, [17, 17], [False, True])
    """
    require_frame(frame, "frame")
    secret = require_secret_key(key, "key")
    if isinstance(columns, str):
        columns = [columns]
    elif not isinstance(columns, Iterable) or not all(isinstance(c, str) for c in columns):
        raise TypeError(
            f"columns must be a column name or a list of column names, such as ['name', 'email'], "
            f"not {columns!r}."
        )
    columns = list(columns)
    length = require_positive_int(length, "length", minimum=8)
    if length > 64:
        raise ValueError(f"length must be at most 64 (a SHA-256 digest in hex), not {length}.")
    require_frame(frame, "frame", columns)
    normalisers = {"name": normalise_name, "email": normalise_email, "phone": normalise_phone}
    result = frame.copy()
    for column in columns:
        values = frame[column].astype("string")
        normalise = normalisers.get(column, normalise_text)
        key_text = normalise(values)
        key_text = key_text.mask(key_text.eq(""))
        digests = key_text.map(
            lambda text, c=column: hmac.new(
                secret, f"{c}\x1f{text}".encode(), hashlib.sha256
            ).hexdigest()[:length],
            na_action="ignore",
        )
        result[column] = (column + "_" + digests.astype("string")).astype("string")
    return result
