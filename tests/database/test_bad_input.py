"""Bad input to every public function of crmkit.database and to chapter 04's plots.

The house rule: bad input gets a ValueError or TypeError whose message names the
argument or the missing column, never a silent wrong result and never a bare
KeyError or AttributeError from deep inside pandas or sqlite3.

``TARGETS`` maps every public function to valid arguments and to what counts as
bad input for it; the generic tests of tests/bad_input_support.py feed each kind of
bad input to each function. ``test_every_public_function_is_covered`` finds the public
functions of every module of the crmkit.database package (its concept files and its
plots) by introspection, so a new public function without an entry fails. The small
valid tables are in tests/database/tables.py.
"""

from __future__ import annotations

import atexit
import functools
import inspect
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crmkit import database
from crmkit.database import plots
from crmkit.database import widgets as database_widgets

from tests.bad_input_support import (
    AS_OF,
    Generic,
    Target,
    assert_covered,
    expect_clear_error,
    fast,
    generic_tests,
    no_widgets,
    package_modules,
    public_callables,
    targets_by_name,
)
from tests.database.tables import (
    TEAMS,
    account_plans,
    customers,
    invoices,
    order_lines,
    payments,
    products,
    raw,
    service_events,
    warning_tables,
)

FAST = fast(max_examples=10)


# --------------------------------------------------------------------------- small valid inputs


def teams() -> pd.DataFrame:
    return TEAMS.copy()


@functools.cache
def _findings() -> pd.DataFrame:
    return database.audit_customers(raw(), teams())


@functools.cache
def _changes() -> pd.DataFrame:
    return database.clean_customers(raw(), teams())[1]


def findings() -> pd.DataFrame:
    return _findings().copy()


def changes() -> pd.DataFrame:
    return _changes().copy()


@functools.cache
def _history() -> pd.DataFrame:
    return database.account_history("B1", **warning_tables())


def history() -> pd.DataFrame:
    return _history().copy()


def gaps() -> pd.Series:
    return database.order_gaps(order_lines(), "B1", AS_OF)


@functools.cache
def _course_copy_folder() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="crmkit-bad-input-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def writable_connection() -> sqlite3.Connection:
    folder = _course_copy_folder()
    path = folder / "copy.sqlite"
    if not path.exists():
        shutil.copy(database.course_database(), path)
    return database.connect(path)


def readonly_connection() -> sqlite3.Connection:
    return database.connect_readonly(database.course_database())


def fresh_path() -> Path:
    folder = _course_copy_folder()
    counter = len(list(folder.glob("new-*.sqlite")))
    return folder / f"new-{counter}.sqlite"


# --------------------------------------------------------------------------- what each function needs


WARNING_FRAMES = {
    "customers": ("customer_id", "credit_limit"),
    "invoices": ("invoice_id", "customer_id", "invoice_date", "due_date", "amount"),
    "payments": ("invoice_id", "payment_date", "amount"),
}
PLAN_FRAMES = {
    "account_plans": ("customer_id", "month", "planned_revenue", "expense_budget"),
    "order_lines": ("customer_id", "order_date", "revenue"),
    "service_events": ("customer_id", "event_date", "event_type", "cost"),
}
PLAN_DATES = {
    "account_plans": ("month",),
    "order_lines": ("order_date",),
    "service_events": ("event_date",),
}
PLAN_NUMBERS = {
    "account_plans": ("planned_revenue", "expense_budget"),
    "order_lines": ("revenue",),
    "service_events": ("cost",),
}
RAW_REQUIRED = (
    "record_id", "segment", "name", "business_type", "city", "signup_date", "team_id",
    "referred_by", "birth_year", "email", "phone",
)  # fmt: skip


def credit_args() -> dict[str, Any]:
    return {
        "customers": customers(),
        "invoices": invoices(),
        "payments": payments(),
        "as_of": AS_OF,
    }


#: What the two credit functions take (besides the number columns each checks).
CREDIT_INPUT: dict[str, Any] = {
    "frames": WARNING_FRAMES,
    "dates": {"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
    "timestamps": ("as_of",),
}
#: What the three plan functions take (besides their own rule parameter).
PLAN_INPUT: dict[str, Any] = {
    "frames": PLAN_FRAMES,
    "dates": PLAN_DATES,
    "numbers": PLAN_NUMBERS,
    "timestamps": ("as_of",),
    "whole_numbers": {"window_months": 1},
}


def plan_args() -> dict[str, Any]:
    return {
        "account_plans": account_plans(),
        "order_lines": order_lines(),
        "service_events": service_events(),
        "as_of": AS_OF,
    }


TARGETS = targets_by_name(
    [
        Target(
            database.build_database,
            lambda: {"path": fresh_path(), "overwrite": False, "as_of": AS_OF},
            timestamps=("as_of",),
            flags=("overwrite",),
            paths=("path",),
            keys=("pseudonymise_key",),
        ),
        Target(
            database.connect,
            lambda: {"path": database.course_database()},
            paths=("path",),
        ),
        Target(
            database.connect_readonly,
            lambda: {"path": database.course_database(), "hide_personal": False},
            paths=("path",),
            flags=("hide_personal",),
        ),
        Target(
            database.set_warning_settings,
            lambda: {"connection": writable_connection(), "as_of": AS_OF},
            timestamps=("as_of",),
            whole_numbers={"window_months": 1, "min_order_days": 2, "max_silence_days": 1},
            positive=("plan_share", "silence_factor"),
            non_negative=("expense_tolerance",),
            connections=("connection",),
        ),
        Target(
            database.list_tables,
            lambda: {"connection": readonly_connection()},
            connections=("connection",),
        ),
        Target(
            database.run_query,
            lambda: {"connection": readonly_connection(), "sql": "SELECT team_id FROM teams"},
            whole_numbers={"max_rows": 1},
            positive=("timeout",),
            connections=("connection",),
            texts=("sql",),
        ),
        *(
            Target(text_key, lambda: {"values": pd.Series(["a"])}, series=("values",))
            for text_key in (
                database.normalise_text,
                database.normalise_name,
                database.normalise_email,
                database.normalise_phone,
                database.format_phone,
            )
        ),
        Target(
            database.find_duplicates,
            lambda: {"raw": raw()},
            frames={"raw": ("record_id", "name", "email", "phone")},
        ),
        Target(
            database.audit_customers,
            lambda: {"raw": raw(), "teams": teams(), "as_of": AS_OF},
            frames={"raw": RAW_REQUIRED, "teams": ("team_id",)},
            timestamps=("as_of",),
        ),
        Target(
            database.audit_summary,
            lambda: {"findings": findings()},
            frames={"findings": ("record_id", "problem", "column", "value")},
        ),
        Target(
            database.clean_customers,
            lambda: {"raw": raw(), "teams": teams(), "order_lines": order_lines(), "as_of": AS_OF},
            frames={
                "raw": database.RAW_COLUMNS,
                "teams": ("team_id",),
                "order_lines": ("customer_id", "order_date"),
            },
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
            optional=("order_lines",),
        ),
        Target(
            database.account_for_records,
            lambda: {"raw": raw(), "customers": customers(), "changes": changes()},
            frames={
                "raw": ("record_id",),
                "customers": ("customer_id",),
                "changes": ("record_id", "action"),
            },
        ),
        Target(
            database.receivables,
            credit_args,
            **CREDIT_INPUT,
            numbers={
                "customers": ("credit_limit",),
                "invoices": ("amount",),
                "payments": ("amount",),
            },
        ),
        Target(
            database.credit_warnings,
            credit_args,
            **CREDIT_INPUT,
            numbers={"invoices": ("amount",), "payments": ("amount",)},
        ),
        Target(database.plan_progress, plan_args, **PLAN_INPUT),
        Target(database.behind_plan_warnings, plan_args, **PLAN_INPUT, positive=("plan_share",)),
        Target(
            database.expense_warnings, plan_args, **PLAN_INPUT, non_negative=("expense_tolerance",)
        ),
        Target(
            database.buying_intervals,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF},
            frames={"order_lines": ("customer_id", "order_date")},
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
        ),
        Target(
            database.stopped_ordering_warnings,
            lambda: {"customers": customers(), "order_lines": order_lines(), "as_of": AS_OF},
            frames={
                "customers": ("customer_id", "segment"),
                "order_lines": ("customer_id", "order_date"),
            },
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
            whole_numbers={"min_order_days": 2, "max_silence_days": 1},
            positive=("silence_factor",),
        ),
        Target(
            database.warning_list,
            warning_tables,
            frames={**WARNING_FRAMES, **PLAN_FRAMES},
            dates={**PLAN_DATES, "invoices": ("invoice_date", "due_date")},
            numbers={**PLAN_NUMBERS, "invoices": ("amount",)},
            timestamps=("as_of",),
            whole_numbers={"window_months": 1, "min_order_days": 2, "max_silence_days": 1},
            positive=("plan_share", "silence_factor"),
            non_negative=("expense_tolerance",),
        ),
        Target(
            database.weekly_warnings,
            warning_tables,
            frames={**WARNING_FRAMES, **PLAN_FRAMES},
            dates={**PLAN_DATES, "payments": ("payment_date",)},
            numbers={"payments": ("amount",), "service_events": ("cost",)},
            timestamps=("as_of",),
            whole_numbers={"window_months": 1},
            positive=("silence_factor",),
        ),
        Target(
            database.order_gaps,
            lambda: {"order_lines": order_lines(), "customer_id": "B1", "as_of": AS_OF},
            frames={"order_lines": ("customer_id", "order_date")},
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
            texts=("customer_id",),
        ),
        Target(
            database.account_history,
            lambda: {"customer_id": "B1", **warning_tables()},
            frames={
                "customers": ("customer_id", "credit_limit"),
                "order_lines": ("customer_id", "order_date", "revenue"),
                "invoices": ("customer_id", "invoice_id", "invoice_date", "amount"),
                "payments": ("invoice_id", "payment_date", "amount"),
                **{k: v for k, v in PLAN_FRAMES.items() if k != "order_lines"},
            },
            dates={**PLAN_DATES, "invoices": ("invoice_date",), "payments": ("payment_date",)},
            numbers={
                **PLAN_NUMBERS,
                "customers": ("credit_limit",),
                "invoices": ("amount",),
                "payments": ("amount",),
            },
            timestamps=("as_of",),
            texts=("customer_id",),
        ),
        Target(
            database.spend_crossings,
            lambda: {"order_lines": order_lines(), "threshold": 1000, "week_start": "2025-09-15"},
            frames={"order_lines": ("order_id", "customer_id", "order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            timestamps=("week_start",),
            positive=("threshold",),
        ),
        Target(
            database.customer_profiles,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "products": products(),
            },
            frames={
                "customers": ("customer_id", "business_type"),
                "order_lines": ("customer_id", "product_id", "revenue"),
                "products": ("product_id", "category"),
            },
            numbers={"order_lines": ("revenue",)},
        ),
        Target(
            database.lookalike_targets,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "products": products(),
                "product_id": "P2",
                "min_customers": 1,
                "min_lift": 1.0,
            },
            frames={
                "customers": ("customer_id", "business_type"),
                "order_lines": ("customer_id", "product_id", "revenue"),
                "products": ("product_id", "category"),
            },
            numbers={"order_lines": ("revenue",)},
            whole_numbers={"min_customers": 1},
            positive=("min_lift",),
            texts=("product_id",),
        ),
        Target(
            database.pseudonymise,
            lambda: {"frame": customers(), "key": "a-long-enough-secret-key"},
            frames={"frame": ("name", "email", "phone")},
            whole_numbers={"length": 8},
            keys=("key",),
        ),
        Target(
            plots.warning_history,
            lambda: {
                "history": history(),
                "gaps": gaps(),
                "usual_interval": 7.0,
                "days_silent": 100,
            },
            frames={"history": tuple(history().columns)},  # all of account_history's columns
            series=("gaps",),
        ),
        Target(
            plots.silence_scatter,
            lambda: {"intervals": database.buying_intervals(order_lines(), AS_OF)},
            frames={"intervals": ("usual_interval", "days_silent")},
            axes=("ax",),
        ),
        Target(
            database_widgets.stopped_by_silence_factor,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "factors": [2.0, 3.0],
                "as_of": AS_OF,
            },
            frames={
                "customers": ("customer_id", "segment"),
                "order_lines": ("customer_id", "order_date"),
            },
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
        ),
        Target(
            database_widgets.silence_explorer,
            lambda: {"customers": customers(), "order_lines": order_lines(), "as_of": AS_OF},
            frames={
                "customers": ("customer_id", "segment"),
                "order_lines": ("customer_id", "order_date"),
            },
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
            guard=no_widgets,
        ),
    ],
    qualified=False,
)


@pytest.mark.parametrize("bad", [[], "2", None, [2.0, 0], [2.0, "3"], [float("nan")]])
def test_stopped_by_silence_factor_bad_factors(bad: Any) -> None:
    expect_clear_error(
        lambda: database_widgets.stopped_by_silence_factor(customers(), order_lines(), bad),
        "factors",
        what=f"stopped_by_silence_factor(factors={bad!r})",
    )


# Public callables of the package that take no input, or are not functions of data.
EXEMPT = {
    "course_database": "takes no arguments",
    "QueryError": "an exception class",
    "DatabaseExistsError": "an exception class",
}


# --------------------------------------------------------------------------- generic tests

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST,
            all_columns_named=False,  # (the first missing column is named)
            empty_tables=True,
        ),
    )
)


# --------------------------------------------------------------------------- function-specific


def test_run_query_bad_params() -> None:
    for params in [5, {"x": 1}, [1, 2]]:
        expect_clear_error(
            lambda params=params: database.run_query(
                readonly_connection(), "SELECT :a AS a", params
            ),
            "params",
            what=f"params={params!r}",
        )


def test_run_query_empty_sql() -> None:
    expect_clear_error(
        lambda: database.run_query(readonly_connection(), "  "), "query", what="empty sql"
    )


def test_unknown_ids() -> None:
    expect_clear_error(
        lambda: database.order_gaps(order_lines(), "Z9"), "customer_id", what="unknown customer"
    )
    expect_clear_error(
        lambda: database.account_history("Z9", **warning_tables()),
        "customer_id",
        what="unknown account",
    )
    expect_clear_error(
        lambda: database.lookalike_targets(customers(), order_lines(), products(), "P404"),
        "product_id",
        what="unknown product",
    )


def test_unknown_rule_parameter() -> None:
    expect_clear_error(
        lambda: database.warning_list(**warning_tables(), windows=3), "windows", what="windows=3"
    )


def test_repeated_record_ids() -> None:
    doubled = pd.concat([raw(), raw()], ignore_index=True)
    expect_clear_error(lambda: database.find_duplicates(doubled), "record_id", what="repeated ids")


def test_pseudonymise_bad_columns() -> None:
    for bad in [5, [1, 2], None]:
        expect_clear_error(
            lambda bad=bad: database.pseudonymise(customers(), "a-long-enough-secret", columns=bad),
            "columns",
            what=f"columns={bad!r}",
        )
    expect_clear_error(
        lambda: database.pseudonymise(customers(), "a-long-enough-secret", length=65),
        "length",
        what="length=65",
    )


def test_warning_history_bad_numbers_and_flags() -> None:
    good = TARGETS["warning_history"].good()
    for argument in ("usual_interval", "days_silent", "silence_factor"):
        expect_clear_error(
            lambda argument=argument: plots.warning_history(**{**good, argument: "7"}),
            argument,
            what=f"{argument}='7'",
        )
    expect_clear_error(
        lambda: plots.warning_history(**good, flags={"late": True}), "flags", what="unknown flag"
    )
    for panels, what in ((("late",), "unknown panel"), ((), "no panel"), ("credit", "a string")):
        expect_clear_error(
            lambda panels=panels: plots.warning_history(**good, panels=panels), "panels", what=what
        )


# --------------------------------------------------------------------------- coverage


#: Every public module of the package: its __init__, each concept file and plots.py (the
#: package-private _records.py holds no public function).
MODULES = tuple(
    module
    for module in package_modules(database)
    if not module.__name__.rsplit(".", 1)[-1].startswith("_")
)


def test_every_public_function_is_covered() -> None:
    found = {module.__name__.removeprefix("crmkit.database.") for module in MODULES}
    assert {"build", "query", "cleaning", "early_warnings", "plots"} <= found, found
    public = set().union(*(public_callables(module, qualified=False) for module in MODULES))
    assert {"clean_customers", "warning_history", "QueryError"} <= public
    assert_covered(public, {*TARGETS, *EXEMPT})
    rules = {  # set_warning_settings and the warning lists take these as keyword arguments
        "window_months",
        "plan_share",
        "expense_tolerance",
        "silence_factor",
        "min_order_days",
        "max_silence_days",
    }
    for name, target in TARGETS.items():
        parameters = set(inspect.signature(target.func).parameters)
        named = target.declared_arguments()
        assert named <= parameters | rules, (
            f"{name}: the entry names arguments the function does not take: {named - parameters}"
        )
