"""The database's structure: its tables, indexes and views, as SQL, and the warning settings.

:data:`SCHEMA_SQL` creates the tables, with primary keys, foreign keys and
CHECK rules; :data:`INDEXES_SQL` indexes the join columns; :data:`VIEWS_SQL`
creates the views of the early-warning rules, which read their date and
parameters from the one-row table ``warning_settings`` (:data:`DEFAULT_RULES`
when the database is built). The pandas twins of the views are in
:mod:`crmkit.database.early_warnings`.
"""

from __future__ import annotations

from crmkit.vocabulary import SURVEY_SCORES

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

RAW_COLUMNS = ("record_id", *_RAW_COLUMNS)
"""The columns of the raw customer export (all text)."""


def _schema_sql() -> str:
    """:data:`SCHEMA_SQL` with the survey's score columns and the raw export's columns filled in."""
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
