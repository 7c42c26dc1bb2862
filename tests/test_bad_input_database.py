"""Bad input to every public function of crmkit.database and to chapter 04's plots.

The house rule: bad input gets a ValueError or TypeError whose message names the
argument or the missing column, never a silent wrong result and never a bare
KeyError or AttributeError from deep inside pandas or sqlite3.

``TARGETS`` maps every public function to valid arguments and to what counts as
bad input for it; ``test_every_public_function_is_covered`` finds the public
functions of crmkit.database by introspection, so a new public function without an
entry fails.
"""

from __future__ import annotations

import atexit
import functools
import inspect
import math
import re
import shutil
import sqlite3
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest
from crmkit import database, plots
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

FAST = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
AS_OF = "2025-12-31"
CHAPTER_PLOTS = (plots.warning_history, plots.silence_scatter)


# --------------------------------------------------------------------------- checking errors


def mentions(message: str, word: str) -> bool:
    """``word`` appears in ``message`` as a whole name (``n`` is not found in ``"in"``)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", message) is not None


def close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def expect_clear_error(call: Callable[[], Any], *words: str, what: str) -> str:
    """``call()`` must raise ValueError or TypeError whose message names one of ``words``."""
    try:
        result = call()
    except (ValueError, TypeError) as error:
        message = str(error)
        if not any(mentions(message, word) for word in words):
            pytest.fail(
                f"{what}: {type(error).__name__} does not name {' or '.join(map(repr, words))}: "
                f"{message!r}"
            )
        return message
    except Exception as error:
        pytest.fail(
            f"{what}: raised {type(error).__name__} instead of ValueError/TypeError: {error}"
        )
    finally:
        close_figures()
    pytest.fail(f"{what}: no error, returned {type(result).__name__}: {str(result)[:300]}")


# --------------------------------------------------------------------------- small valid inputs


def dates(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days))).astype("datetime64[s]")


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B2", "C1"],
            "segment": ["business", "business", "consumer"],
            "name": ["Pine Cafe", "Moon Hotel", "Li Na"],
            "business_type": ["cafe", "hotel", None],
            "credit_limit": pd.array([1000, 500, None], dtype="Int64"),
            "email": ["pine@example.com", "moon@example.com", "li.na@example.net"],
            "phone": ["+86 138 0000 0001", "+86 138 0000 0002", "+86 138 0000 0003"],
        }
    )


def order_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4", "O5", "O6"],
            "customer_id": ["B1", "B1", "B1", "B1", "B2", "C1"],
            "order_date": dates(
                "2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22", "2025-12-01", "2025-11-01"
            ),
            "product_id": ["P1", "P2", "P1", "P1", "P2", "P1"],
            "revenue": [800.0, 300.0, 500.0, 400.0, 900.0, 60.0],
        }
    )


def products() -> pd.DataFrame:
    return pd.DataFrame({"product_id": ["P1", "P2"], "category": ["coffee", "teaware"]})


def invoices() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": ["I1", "I2", "I3"],
            "customer_id": ["B1", "B1", "B2"],
            "invoice_date": dates("2025-09-01", "2025-09-22", "2025-12-01"),
            "due_date": dates("2025-10-01", "2025-10-22", "2025-12-31"),
            "amount": [800.0, 400.0, 900.0],
        }
    )


def payments() -> pd.DataFrame:
    return pd.DataFrame(
        {"invoice_id": ["I1"], "payment_date": dates("2025-10-05"), "amount": [800.0]}
    )


def account_plans() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "B2"],
            "month": dates("2025-11-01", "2025-12-01", "2025-12-01"),
            "planned_revenue": [900.0, 900.0, 800.0],
            "expense_budget": [40.0, 40.0, 35.0],
        }
    )


def service_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["B1", "B2"],
            "event_date": dates("2025-11-03", "2025-12-02"),
            "event_type": pd.Categorical(["sales_visit", "delivery"]),
            "cost": [250.0, 60.0],
        }
    )


def teams() -> pd.DataFrame:
    return pd.DataFrame({"team_id": ["T06"]})


def raw() -> pd.DataFrame:
    record = {column: "" for column in database.RAW_COLUMNS}
    record.update(
        record_id="C1",
        segment="consumer",
        name="Li Na",
        region="North",
        city="Beijing",
        signup_date="2024-05-01",
        acquisition_channel="referral",
        acquisition_cost="40.0",
        team_id="T06",
        birth_year="1990",
        email="li.na@example.net",
        phone="+86 138 0000 0003",
    )
    second = dict(record, record_id="X1", name="LI NA.", phone="138-0000-0003", city="Peking")
    return pd.DataFrame([record, second]).astype("string")


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


def warning_tables() -> dict[str, Any]:
    return {
        "customers": customers(),
        "order_lines": order_lines(),
        "invoices": invoices(),
        "payments": payments(),
        "account_plans": account_plans(),
        "service_events": service_events(),
        "as_of": AS_OF,
    }


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


def reader() -> sqlite3.Connection:
    return database.connect_readonly(database.course_database())


def fresh_path() -> Path:
    folder = _course_copy_folder()
    counter = len(list(folder.glob("new-*.sqlite")))
    return folder / f"new-{counter}.sqlite"


# --------------------------------------------------------------------------- what each function needs


@dataclass(frozen=True)
class Target:
    """A public function, valid arguments for it, and what counts as bad input for it."""

    func: Callable[..., Any]
    good: Callable[[], dict[str, Any]]
    frames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # argument -> required columns
    dates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    series: tuple[str, ...] = ()  # arguments that must be a pandas Series
    timestamps: tuple[str, ...] = ()  # date arguments (as_of, week_start)
    whole_numbers: dict[str, int] = field(default_factory=dict)  # argument -> minimum
    positive: tuple[str, ...] = ()  # numbers that must be > 0
    non_negative: tuple[str, ...] = ()  # numbers that must be >= 0
    flags: tuple[str, ...] = ()  # True/False arguments
    texts: tuple[str, ...] = ()  # ids given as text (customer_id, product_id)
    paths: tuple[str, ...] = ()  # file paths
    connections: tuple[str, ...] = ()  # sqlite3 connections
    keys: tuple[str, ...] = ()  # secret keys
    axes: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()  # frame arguments where None means "not given"

    @property
    def name(self) -> str:
        return self.func.__name__

    def call(self, **changes: Any) -> Any:
        kwargs = self.good()
        kwargs.update(changes)
        return self.func(**kwargs)

    def frame(self, argument: str) -> pd.DataFrame:
        return self.good()[argument]


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


def plan_args() -> dict[str, Any]:
    return {
        "account_plans": account_plans(),
        "order_lines": order_lines(),
        "service_events": service_events(),
        "as_of": AS_OF,
    }


TARGETS: dict[str, Target] = {
    t.name: t
    for t in [
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
            lambda: {"connection": reader()},
            connections=("connection",),
        ),
        Target(
            database.run_query,
            lambda: {"connection": reader(), "sql": "SELECT team_id FROM teams"},
            whole_numbers={"max_rows": 1},
            positive=("timeout",),
            connections=("connection",),
            texts=("sql",),
        ),
        Target(database.normalise_text, lambda: {"values": pd.Series(["a"])}, series=("values",)),
        Target(database.normalise_name, lambda: {"values": pd.Series(["a"])}, series=("values",)),
        Target(database.normalise_email, lambda: {"values": pd.Series(["a"])}, series=("values",)),
        Target(database.normalise_phone, lambda: {"values": pd.Series(["a"])}, series=("values",)),
        Target(database.format_phone, lambda: {"values": pd.Series(["a"])}, series=("values",)),
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
            lambda: {
                "customers": customers(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            frames=WARNING_FRAMES,
            dates={"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
            numbers={
                "customers": ("credit_limit",),
                "invoices": ("amount",),
                "payments": ("amount",),
            },
            timestamps=("as_of",),
        ),
        Target(
            database.credit_warnings,
            lambda: {
                "customers": customers(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            frames=WARNING_FRAMES,
            dates={"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
            numbers={"invoices": ("amount",), "payments": ("amount",)},
            timestamps=("as_of",),
        ),
        Target(
            database.plan_progress,
            plan_args,
            frames=PLAN_FRAMES,
            dates=PLAN_DATES,
            numbers=PLAN_NUMBERS,
            timestamps=("as_of",),
            whole_numbers={"window_months": 1},
        ),
        Target(
            database.behind_plan_warnings,
            plan_args,
            frames=PLAN_FRAMES,
            dates=PLAN_DATES,
            numbers=PLAN_NUMBERS,
            timestamps=("as_of",),
            whole_numbers={"window_months": 1},
            positive=("plan_share",),
        ),
        Target(
            database.expense_warnings,
            plan_args,
            frames=PLAN_FRAMES,
            dates=PLAN_DATES,
            numbers=PLAN_NUMBERS,
            timestamps=("as_of",),
            whole_numbers={"window_months": 1},
            non_negative=("expense_tolerance",),
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
            frames={
                "history": (
                    "revenue",
                    "planned_revenue",
                    "selling_expenses",
                    "expense_budget",
                    "receivable",
                    "credit_limit",
                )
            },
            series=("gaps",),
        ),
        Target(
            plots.silence_scatter,
            lambda: {"intervals": database.buying_intervals(order_lines(), AS_OF)},
            frames={"intervals": ("usual_interval", "days_silent")},
            axes=("ax",),
        ),
    ]
}

# Public callables of crmkit.database that take no input, or are not functions of data.
EXEMPT = {
    "course_database": "takes no arguments",
    "QueryError": "an exception class",
    "DatabaseExistsError": "an exception class",
}


def cases(kind: str) -> list[Any]:
    """pytest params (target, argument[, column]) for one kind of bad input."""
    params = []
    for name, target in TARGETS.items():
        spec = getattr(target, kind)
        if isinstance(spec, dict) and kind in ("dates", "numbers"):
            params += [
                pytest.param(name, argument, column, id=f"{name}-{argument}-{column}")
                for argument, columns in spec.items()
                for column in columns
            ]
        else:
            params += [pytest.param(name, argument, id=f"{name}-{argument}") for argument in spec]
    return params


def missing_column_cases() -> list[Any]:
    return [
        pytest.param(name, argument, column, id=f"{name}-{argument}-{column}")
        for name, target in TARGETS.items()
        for argument, columns in target.frames.items()
        for column in columns
    ]


# --------------------------------------------------------------------------- strategies

NOT_FRAMES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=4),
    st.dictionaries(st.text(max_size=5), st.lists(st.integers(), max_size=3), max_size=3),
    st.lists(st.floats(allow_nan=False), max_size=4).map(pd.Series),
    st.just(np.zeros((2, 2))),
)
NOT_SERIES = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.text(max_size=4), max_size=4),
    st.just(np.array(["a", "b"])),
    st.just(pd.DataFrame({"a": ["x"]})),
)
COLUMN_NAME = st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True)
COLUMN_KIND = st.sampled_from(["int", "float", "text", "date", "bool", "missing"])


def column_values(kind: str, rows: int) -> Any:
    return {
        "int": np.arange(rows),
        "float": np.linspace(0.5, 9.5, rows),
        "text": [f"v{i}" for i in range(rows)],
        "date": pd.date_range("2025-01-01", periods=rows, freq="D"),
        "bool": [i % 2 == 0 for i in range(rows)],
        "missing": [None] * rows,
    }[kind]


def other_columns(avoid: tuple[str, ...], min_size: int = 0) -> st.SearchStrategy[dict[str, str]]:
    names = COLUMN_NAME.filter(lambda name: not any(word in name for word in avoid))
    return st.dictionaries(names, COLUMN_KIND, min_size=min_size, max_size=4)


def with_columns(frame: pd.DataFrame, extra: dict[str, str]) -> pd.DataFrame:
    frame = frame.copy()
    for name, kind in extra.items():
        frame[name] = column_values(kind, len(frame))
    return frame


def unparseable(text: str) -> bool:
    try:
        stamp = pd.Timestamp(text)
    except (TypeError, ValueError):
        return True
    return bool(pd.isna(stamp))


BAD_DATES = [
    "not a date",
    math.nan,
    pd.NaT,
    None,
    "",
    "2025-02-30",
    "31/31/2025",
    [2025, 12, 31],
    {"year": 2025},
    pd.Series(["2025-12-31"]),
    2025,
    20251231,
    True,
    "2025-12-31T00:00:00+08:00",
]
BAD_WHOLE_NUMBERS = [-1, 0.5, 1.5, True, "3", None, [3], math.nan, math.inf]
BAD_POSITIVE = [0, -0.1, math.nan, math.inf, -math.inf, "0.5", None, True, [0.5]]
BAD_NON_NEGATIVE = [-0.1, math.nan, math.inf, "0.5", None, True, [0.5]]
BAD_FLAGS = ["yes", 1, 0, None, "False"]
BAD_TEXTS = [None, 1, 1.5, ["B1"], b"B1"]
BAD_PATHS = [None, 1, True, 1.5, ["a.sqlite"], "", "   "]
BAD_CONNECTIONS = [None, "jade_leaf.sqlite", 1, pd.DataFrame(), Path("x.sqlite")]
BAD_KEYS = [1234567890123456789, ["key"], "short", b"short", 1.5]
BAD_AXES = ["ax", 0, [], {}, pd.DataFrame()]


# --------------------------------------------------------------------------- generic tests


@pytest.mark.parametrize("name", list(TARGETS))
def test_good_input_runs(name: str) -> None:
    """The valid arguments really are valid, so each failure below is the bad part's fault."""
    target = TARGETS[name]
    try:
        result = target.func(**target.good())
    finally:
        close_figures()
    assert result is not None


@pytest.mark.parametrize(("name", "argument"), cases("frames"))
@FAST
@given(bad=NOT_FRAMES)
def test_not_a_dataframe(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    assume(not (bad is None and argument in target.optional))
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r:.60})"
    )


@pytest.mark.parametrize(("name", "argument", "column"), missing_column_cases())
@FAST
@given(data_=st.data())
def test_missing_column(name: str, argument: str, column: str, data_: st.DataObject) -> None:
    """Drop each required column in turn (random other columns around): the message names it."""
    target = TARGETS[name]
    required = target.frames[argument]
    extra = data_.draw(other_columns(required + (argument,)), label="extra columns")
    frame = with_columns(target.frame(argument).drop(columns=[column]), extra)
    message = expect_clear_error(
        lambda: target.call(**{argument: frame}),
        column,
        what=f"{name}({argument} without {column!r}, extra {sorted(extra)})",
    )
    assert mentions(message, argument), f"the message does not say which table: {message!r}"


@pytest.mark.parametrize(("name", "argument"), cases("frames"))
@FAST
@given(data_=st.data())
def test_only_other_columns(name: str, argument: str, data_: st.DataObject) -> None:
    """The wrong table, with none of the required columns: the first missing column is named."""
    target = TARGETS[name]
    required = target.frames[argument]
    extra = data_.draw(other_columns(required + (argument,), min_size=1), label="columns")
    rows = data_.draw(st.integers(0, 3), label="rows")
    frame = with_columns(pd.DataFrame(index=range(rows)), extra)
    expect_clear_error(
        lambda: target.call(**{argument: frame}),
        *required,
        what=f"{name}({argument}={sorted(extra)})",
    )


@pytest.mark.parametrize(("name", "argument", "column"), cases("dates"))
@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d/%m/%Y"])
def test_dates_as_text(name: str, argument: str, column: str, fmt: str) -> None:
    target = TARGETS[name]
    frame = target.frame(argument)
    frame[column] = frame[column].dt.strftime(fmt)
    expect_clear_error(
        lambda: target.call(**{argument: frame}),
        column,
        what=f"{name}({argument}.{column} as text)",
    )


@pytest.mark.parametrize(("name", "argument", "column"), cases("numbers"))
@pytest.mark.parametrize("text_dtype", ["str", "object"])
def test_numbers_as_text(name: str, argument: str, column: str, text_dtype: str) -> None:
    """Amounts read as text ('120.0'): a clear error naming the column, not a sum of strings."""
    target = TARGETS[name]
    frame = target.frame(argument)
    frame[column] = frame[column].map(str).astype(text_dtype)
    expect_clear_error(
        lambda: target.call(**{argument: frame}),
        column,
        what=f"{name}({argument}.{column} as {text_dtype} text)",
    )


@pytest.mark.parametrize(("name", "argument"), cases("timestamps"))
@pytest.mark.parametrize("bad", BAD_DATES, ids=repr)
def test_bad_date_argument(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("timestamps"))
@FAST
@given(
    text=st.text(alphabet=string.ascii_letters + " -/", min_size=1, max_size=12).filter(unparseable)
)
def test_date_argument_random_text(name: str, argument: str, text: str) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: text}), argument, what=f"{name}({argument}={text!r})"
    )


def whole_number_cases() -> list[Any]:
    return [
        pytest.param(name, argument, minimum, id=f"{name}-{argument}")
        for name, target in TARGETS.items()
        for argument, minimum in target.whole_numbers.items()
    ]


@pytest.mark.parametrize(("name", "argument", "minimum"), whole_number_cases())
@pytest.mark.parametrize("bad", BAD_WHOLE_NUMBERS, ids=repr)
def test_bad_whole_number(name: str, argument: str, minimum: int, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument", "minimum"), whole_number_cases())
@FAST
@given(data_=st.data())
def test_whole_number_below_minimum(
    name: str, argument: str, minimum: int, data_: st.DataObject
) -> None:
    bad = data_.draw(st.integers(min_value=-10_000, max_value=minimum - 1), label="bad")
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("positive"))
@pytest.mark.parametrize("bad", BAD_POSITIVE, ids=repr)
def test_bad_positive_number(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("non_negative"))
@pytest.mark.parametrize("bad", BAD_NON_NEGATIVE, ids=repr)
def test_bad_non_negative_number(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("series"))
@FAST
@given(bad=NOT_SERIES)
def test_not_a_series(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r:.60})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("flags"))
@pytest.mark.parametrize("bad", BAD_FLAGS, ids=repr)
def test_bad_flag(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("texts"))
@pytest.mark.parametrize("bad", BAD_TEXTS, ids=repr)
def test_bad_text_argument(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("paths"))
@pytest.mark.parametrize("bad", BAD_PATHS, ids=repr)
def test_bad_path(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("connections"))
@pytest.mark.parametrize("bad", BAD_CONNECTIONS, ids=lambda bad: type(bad).__name__)
def test_not_a_connection(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r:.40})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("connections"))
def test_closed_connection(name: str, argument: str) -> None:
    target = TARGETS[name]
    closed = sqlite3.connect(":memory:")
    closed.close()
    expect_clear_error(
        lambda: target.call(**{argument: closed}), argument, what=f"{name}(closed {argument})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("keys"))
@pytest.mark.parametrize("bad", BAD_KEYS, ids=repr)
def test_bad_key(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r})"
    )


@pytest.mark.parametrize(("name", "argument"), cases("axes"))
@pytest.mark.parametrize("bad", BAD_AXES, ids=lambda bad: type(bad).__name__)
def test_not_an_axes(name: str, argument: str, bad: Any) -> None:
    target = TARGETS[name]
    expect_clear_error(
        lambda: target.call(**{argument: bad}), argument, what=f"{name}({argument}={bad!r:.40})"
    )


@pytest.mark.parametrize("name", [name for name, target in TARGETS.items() if target.frames])
def test_empty_tables(name: str) -> None:
    """Every frame emptied (no rows, right columns): a result or a clear error, never a crash."""
    target = TARGETS[name]
    kwargs = target.good()
    for argument in target.frames:
        kwargs[argument] = kwargs[argument].iloc[0:0]
    try:
        target.func(**kwargs)
    except (ValueError, TypeError) as error:
        assert any(mentions(str(error), word) for word in (*target.frames, *target.texts)), error
    finally:
        close_figures()


# --------------------------------------------------------------------------- function-specific


def test_run_query_bad_params() -> None:
    for params in [5, {"x": 1}, [1, 2]]:
        expect_clear_error(
            lambda params=params: database.run_query(reader(), "SELECT :a AS a", params),
            "params",
            what=f"params={params!r}",
        )


def test_run_query_empty_sql() -> None:
    expect_clear_error(lambda: database.run_query(reader(), "  "), "query", what="empty sql")


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


# --------------------------------------------------------------------------- coverage


def test_every_public_function_is_covered() -> None:
    public = {
        name
        for name, value in vars(database).items()
        if not name.startswith("_")
        and callable(value)
        and getattr(value, "__module__", None) == database.__name__
    }
    covered = set(TARGETS) | set(EXEMPT)
    missing = public - covered
    assert not missing, f"public functions of crmkit.database without bad-input tests: {missing}"
    stale = {name for name in covered if name not in public} - {f.__name__ for f in CHAPTER_PLOTS}
    assert not stale, f"entries for functions that no longer exist: {stale}"
    for name, target in TARGETS.items():
        parameters = inspect.signature(target.func).parameters
        named = (
            set(target.frames)
            | set(target.timestamps)
            | set(target.whole_numbers)
            | set(target.positive)
            | set(target.non_negative)
            | set(target.series)
            | set(target.flags)
            | set(target.texts)
            | set(target.paths)
            | set(target.connections)
            | set(target.keys)
            | set(target.axes)
        )
        assert named <= set(parameters) | {
            "window_months",
            "plan_share",
            "expense_tolerance",
            "silence_factor",
            "min_order_days",
            "max_silence_days",
        }, (
            f"{name}: the entry names arguments the function does not take: {named - set(parameters)}"
        )
