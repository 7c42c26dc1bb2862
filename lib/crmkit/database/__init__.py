"""Chapter 04: the customer database, data quality, early warnings and guarding the data.

The database is real: an SQLite file built with Python's standard library
(:mod:`sqlite3`) from the course data. What is where, in the order of the lesson:

* ``schema``: the tables, indexes and early-warning views as SQL
  (:data:`SCHEMA_SQL`, :data:`INDEXES_SQL`, :data:`VIEWS_SQL`) and the rules'
  defaults (:data:`DEFAULT_RULES`).
* ``build``: :func:`build_database` writes the file, :func:`course_database`
  builds one per process, :func:`connect` and :func:`connect_readonly` open it,
  :func:`list_tables` lists it, :func:`set_warning_settings` sets the views' rules.
* ``query``: :func:`run_query` runs SQL with messages a learner can act on
  (:class:`QueryError`).
* **Data quality** of the raw customer export: ``normalise`` (matching keys:
  :func:`normalise_name`, :func:`normalise_email`, :func:`normalise_phone`),
  ``duplicates`` (:func:`find_duplicates`), ``audit`` (:func:`audit_customers`,
  :func:`audit_summary`) and ``cleaning`` (:func:`clean_customers`,
  :func:`account_for_records`).
* ``early_warnings`` (预警管理): the four warnings for business accounts
  (:func:`credit_warnings`, :func:`behind_plan_warnings`,
  :func:`expense_warnings`, :func:`stopped_ordering_warnings`), each the twin of
  an SQL view, and :func:`warning_list` and :func:`weekly_warnings`;
  ``history``: :func:`account_history` and :func:`order_gaps`, the history
  behind one account's flags.
* ``targeting``: the automation trigger :func:`spend_crossings` and one-to-one
  marketing (:func:`customer_profiles`, :func:`lookalike_targets`).
* ``privacy``: :func:`pseudonymise` (a keyed hash of personal fields); with the
  read-only, personal-data-hiding :func:`connect_readonly` it guards the data.

The chapter's figures are in ``database.plots`` (not imported here).
"""

from __future__ import annotations

from crmkit.database.audit import audit_customers, audit_summary
from crmkit.database.build import (
    DatabaseExistsError,
    build_database,
    connect,
    connect_readonly,
    course_database,
    list_tables,
    set_warning_settings,
)
from crmkit.database.cleaning import CHANGE_COLUMNS, account_for_records, clean_customers
from crmkit.database.duplicates import find_duplicates
from crmkit.database.early_warnings import (
    behind_plan_warnings,
    buying_intervals,
    credit_warnings,
    expense_warnings,
    plan_progress,
    receivables,
    stopped_ordering_warnings,
    warning_list,
    weekly_warnings,
)
from crmkit.database.history import account_history, order_gaps
from crmkit.database.normalise import (
    BUSINESS_TYPE_ALIASES,
    CITY_ALIASES,
    SEGMENT_ALIASES,
    format_phone,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
)
from crmkit.database.privacy import pseudonymise
from crmkit.database.query import QueryError, run_query
from crmkit.database.schema import (
    DEFAULT_RULES,
    INDEXES_SQL,
    PERSONAL_COLUMNS,
    RAW_COLUMNS,
    SCHEMA_SQL,
    VIEWS_SQL,
    WARNINGS,
)
from crmkit.database.targeting import (
    LOOKALIKE_SQL,
    SPEND_CROSSINGS_SQL,
    customer_profiles,
    lookalike_targets,
    spend_crossings,
)
from crmkit.vocabulary import AS_OF, BUSINESS_TYPES, COMPANY_START, SEGMENTS, SURVEY_SCORES

__all__ = [
    "AS_OF",
    "BUSINESS_TYPES",
    "BUSINESS_TYPE_ALIASES",
    "CHANGE_COLUMNS",
    "CITY_ALIASES",
    "COMPANY_START",
    "DEFAULT_RULES",
    "INDEXES_SQL",
    "LOOKALIKE_SQL",
    "PERSONAL_COLUMNS",
    "RAW_COLUMNS",
    "SCHEMA_SQL",
    "SEGMENTS",
    "SEGMENT_ALIASES",
    "SPEND_CROSSINGS_SQL",
    "SURVEY_SCORES",
    "VIEWS_SQL",
    "WARNINGS",
    "DatabaseExistsError",
    "QueryError",
    "account_for_records",
    "account_history",
    "audit_customers",
    "audit_summary",
    "behind_plan_warnings",
    "build_database",
    "buying_intervals",
    "clean_customers",
    "connect",
    "connect_readonly",
    "course_database",
    "credit_warnings",
    "customer_profiles",
    "expense_warnings",
    "find_duplicates",
    "format_phone",
    "list_tables",
    "lookalike_targets",
    "normalise_email",
    "normalise_name",
    "normalise_phone",
    "normalise_text",
    "order_gaps",
    "plan_progress",
    "pseudonymise",
    "receivables",
    "run_query",
    "set_warning_settings",
    "spend_crossings",
    "stopped_ordering_warnings",
    "warning_list",
    "weekly_warnings",
]
