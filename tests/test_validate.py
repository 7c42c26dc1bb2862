"""Bad input to crmkit._validate's checks: each refuses clearly, naming the argument."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import crmkit._validate as validate
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.bad_input_support import (
    BAD_DATES,
    BAD_WHOLE_NUMBERS,
    COLUMN_NAME,
    NOT_FRAMES,
    NOT_SERIES,
    Target,
    coverage_tests,
    expect_clear_error,
    fast,
    mentions,
    other_columns,
    with_columns,
)

FAST = fast(max_examples=12, shrink=False)
#: The whole numbers here (and require_positive_int's default) are at least 1, so 0 is bad too.
BAD_POSITIVE_INTS = (0, *BAD_WHOLE_NUMBERS)


@FAST
@given(bad=NOT_FRAMES, argument=st.from_regex(r"[a-z]{3,8}_table", fullmatch=True))
def test_require_frame_not_a_frame(bad: Any, argument: str) -> None:
    message = expect_clear_error(
        lambda: validate.require_frame(bad, argument), argument, what=f"require_frame({bad!r:.60})"
    )
    assert type(bad).__name__ in message


@FAST
@given(data_=st.data())
def test_require_frame_missing_columns(data_: st.DataObject) -> None:
    present = data_.draw(other_columns(("zz",)), label="present")
    wanted = data_.draw(
        st.lists(COLUMN_NAME.map(lambda n: f"zz{n}"), min_size=1, max_size=3, unique=True),
        label="wanted",
    )
    frame = with_columns(pd.DataFrame(index=range(2)), present)
    message = expect_clear_error(
        lambda: validate.require_frame(frame, "orders", list(present) + wanted),
        "orders",
        what=f"require_frame(columns={wanted})",
    )
    assert all(mentions(message, column) for column in wanted), message
    assert all(mentions(message, column) for column in present), "lists the columns it has"


@pytest.mark.parametrize("column", [0, None, 2.5, ("a", "b")], ids=repr)
def test_require_frame_non_text_column_names(column: Any) -> None:
    frame = pd.DataFrame({"a": [1]})
    expect_clear_error(
        lambda: validate.require_frame(frame, "orders", [column]),
        "orders",
        what=f"require_frame(columns=[{column!r}])",
    )


def test_require_frame_column_list_not_hashable() -> None:
    frame = pd.DataFrame({"a": [1]})
    expect_clear_error(
        lambda: validate.require_frame(frame, "orders", [["a"]]),
        "orders",
        what="require_frame([['a']])",
    )


def test_require_dates_text_column() -> None:
    frame = pd.DataFrame({"day": ["2025-01-01"]})
    message = expect_clear_error(
        lambda: validate.require_dates(frame, "orders", ["day"]), "day", what="require_dates(text)"
    )
    assert "pd.to_datetime" in message


@pytest.mark.parametrize("bad", [["12.5"], [True], pd.to_datetime(["2025-01-01"])])
def test_require_numeric_rejects_non_numbers(bad) -> None:
    frame = pd.DataFrame({"revenue": bad})
    message = expect_clear_error(
        lambda: validate.require_numeric(frame, "order_lines", ["revenue"]),
        "revenue",
        what="require_numeric",
    )
    assert "pd.to_numeric" in message


def test_require_numeric_missing_column_and_not_a_frame() -> None:
    expect_clear_error(
        lambda: validate.require_numeric(pd.DataFrame({"a": [1]}), "t", ["revenue"]),
        "revenue",
        what="require_numeric(missing)",
    )
    expect_clear_error(
        lambda: validate.require_numeric([1, 2], "order_lines", ["revenue"]),
        "order_lines",
        what="require_numeric(list)",
    )


def test_require_numeric_missing_values() -> None:
    frame = pd.DataFrame({"cost": [1.0, np.nan]})
    validate.require_numeric(frame, "leads", ["cost"])  # gaps are allowed unless refused
    expect_clear_error(
        lambda: validate.require_numeric(frame, "leads", ["cost"], allow_missing=False),
        "cost",
        what="require_numeric(gap, allow_missing=False)",
    )


@FAST
@given(bad=NOT_SERIES)
def test_require_series_not_a_series(bad: Any) -> None:
    message = expect_clear_error(
        lambda: validate.require_series(bad, "profit", "one value per customer"),
        "profit",
        what=f"require_series({bad!r:.60})",
    )
    assert type(bad).__name__ in message


@pytest.mark.parametrize(
    "bad",
    [pd.Series(["12.5"]), pd.Series([True]), pd.Series(pd.to_datetime(["2025-01-01"]))],
    ids=["text", "bool", "dates"],
)
def test_require_series_not_numbers(bad: pd.Series) -> None:
    validate.require_series(bad, "spend")  # any Series, unless numbers are asked for
    message = expect_clear_error(
        lambda: validate.require_series(bad, "spend", numeric=True),
        "spend",
        what="require_series(numeric=True)",
    )
    assert "pd.to_numeric" in message


def test_require_series_missing_values() -> None:
    values = pd.Series([1.0, np.nan])
    validate.require_series(values, "profit", numeric=True)  # gaps are allowed unless refused
    expect_clear_error(
        lambda: validate.require_series(values, "profit", allow_missing=False),
        "profit",
        what="require_series(gap, allow_missing=False)",
    )


@pytest.mark.parametrize(
    "labels",
    [["won", "Won"], ["won", None], ["closed"], [pd.NA]],
    ids=["case", "None", "other", "NA"],
)
def test_require_labels_unknown(labels: list[Any]) -> None:
    values = pd.Series(labels, dtype="object")
    validate.require_labels(pd.Series(["won", "lost"]), "leads", "status", ["won", "lost"])
    expect_clear_error(
        lambda: validate.require_labels(values, "leads", "status", ["won", "lost", "open"]),
        "status",
        what=f"require_labels({labels!r})",
    )


@pytest.mark.parametrize("bad", ["ax", 3, pd.DataFrame(), [None]])
def test_require_axes_rejects_non_axes(bad) -> None:
    expect_clear_error(lambda: validate.require_axes(bad, "ax"), "ax", what="require_axes")
    validate.require_axes(None)  # None means "make a new figure"


#: The scalar checks moved into _validate from the chapter topics: each call gives bad
#: input and must fail with a clear error naming the argument.
SCALAR_CHECKS: dict[str, list[Callable[[], Any]]] = {
    "require_number": [
        lambda: validate.require_number("3", "threshold"),
        lambda: validate.require_number(True, "threshold"),
        lambda: validate.require_number(float("nan"), "threshold"),
        lambda: validate.require_number(0, "threshold", minimum=0, strict=True),
    ],
    "require_amount": [
        lambda: validate.require_amount("200", "budget"),
        lambda: validate.require_amount(-1, "budget"),
        lambda: validate.require_amount(0, "budget", allow_zero=False),
    ],
    "require_rate": [
        lambda: validate.require_rate("8%", "rate"),
        lambda: validate.require_rate(8, "rate"),
        lambda: validate.require_rate(-0.1, "rate"),
    ],
    "require_confidence": [
        lambda: validate.require_confidence(95, "confidence"),
        lambda: validate.require_confidence("0.95", "confidence"),
        lambda: validate.require_confidence(1.0, "confidence"),
    ],
    "require_bool": [
        lambda: validate.require_bool(1, "flag"),
        lambda: validate.require_bool("yes", "flag"),
    ],
    "require_column_name": [lambda: validate.require_column_name(["method"], "by")],
    "require_choice": [
        lambda: validate.require_choice("Referal", ["referral"], "first", "method"),
        lambda: validate.require_choice(3, ["referral"], "first", "method"),
    ],
    "require_ids": [
        lambda: validate.require_ids("B001", "ids"),
        lambda: validate.require_ids([], "ids"),
        lambda: validate.require_ids([1, 2], "ids"),
    ],
    "require_customer_id": [
        lambda: validate.require_customer_id(12, pd.DataFrame({"customer_id": ["B1"]})),
        lambda: validate.require_customer_id("B2", pd.DataFrame({"customer_id": ["B1"]})),
    ],
    "require_path": [
        lambda: validate.require_path(3, "path"),
        lambda: validate.require_path(" ", "path"),
    ],
    "require_connection": [lambda: validate.require_connection("db.sqlite")],
    "require_secret_key": [
        lambda: validate.require_secret_key(1234, "key"),
        lambda: validate.require_secret_key("short", "key"),
    ],
}
_ARGUMENT = {"require_customer_id": "customer_id", "require_connection": "connection"}


@pytest.mark.parametrize(
    ("name", "index"),
    [(name, index) for name, calls in SCALAR_CHECKS.items() for index in range(len(calls))],
)
def test_scalar_checks_reject_bad_input(name: str, index: int) -> None:
    argument = _ARGUMENT.get(name, "")
    words = (
        [argument]
        if argument
        else [
            "threshold",
            "budget",
            "rate",
            "confidence",
            "flag",
            "by",
            "first",
            "ids",
            "path",
            "key",
        ]
    )
    expect_clear_error(SCALAR_CHECKS[name][index], *words, what=f"{name} case {index}")


def test_closed_connection_is_refused() -> None:
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.close()
    expect_clear_error(lambda: validate.require_connection(connection), "closed", what="closed")


def test_require_dates_missing_column() -> None:
    frame = pd.DataFrame({"day": pd.to_datetime(["2025-01-01"])})
    expect_clear_error(
        lambda: validate.require_dates(frame, "orders", ["order_date"]),
        "order_date",
        what="require_dates(missing column)",
    )


def test_require_dates_not_a_frame() -> None:
    expect_clear_error(
        lambda: validate.require_dates([1, 2], "orders", ["order_date"]),
        "orders",
        what="require_dates(list)",
    )


@pytest.mark.parametrize("bad", BAD_DATES, ids=repr)
def test_require_timestamp_bad(bad: Any) -> None:
    expect_clear_error(lambda: validate.require_timestamp(bad, "as_of"), "as_of", what=repr(bad))


@pytest.mark.parametrize("bad", BAD_POSITIVE_INTS, ids=repr)
def test_require_positive_int_bad(bad: Any) -> None:
    expect_clear_error(lambda: validate.require_positive_int(bad, "n"), "n", what=repr(bad))


@pytest.mark.parametrize("good", [1, 3, 3.0, np.int64(3), np.int32(3)], ids=repr)
def test_require_positive_int_accepts_whole_numbers(good: Any) -> None:
    try:
        result = validate.require_positive_int(good, "window")
    except (TypeError, ValueError) as error:
        pytest.fail(f"require_positive_int({good!r}) was rejected: {error}")
    assert result == int(good) and type(result) is int


def test_require_invoices_and_payments_bad() -> None:
    invoices = pd.DataFrame(
        {
            "invoice_id": ["I1"],
            "customer_id": ["B1"],
            "invoice_date": pd.to_datetime(["2025-01-01"]),
            "due_date": pd.to_datetime(["2025-01-31"]),
            "amount": [100.0],
        }
    )
    payments = pd.DataFrame(
        {"invoice_id": ["I1"], "payment_date": pd.to_datetime(["2025-02-01"]), "amount": [100.0]}
    )
    cases = {
        "invoices": (invoices.drop(columns="due_date"), payments),
        "payments": (invoices, payments.assign(amount=["100"])),
        "payment_date": (invoices, payments.assign(payment_date=["soon"])),
    }
    for word, (bad_invoices, bad_payments) in cases.items():
        expect_clear_error(
            lambda i=bad_invoices, p=bad_payments: validate.require_invoices_and_payments(i, p),
            word,
            what=word,
        )


@pytest.mark.parametrize("status", ["Won", "closed", None])
def test_require_lead_status_unknown(status: Any) -> None:
    leads = pd.DataFrame({"status": ["won", status]})
    expect_clear_error(lambda: validate.require_lead_status(leads), "status", what=repr(status))


# --------------------------------------------------------------------------- coverage

#: Every public function -> the bad-input checks that cover it.
BAD_INPUT: dict[str, list[Target | Callable[..., None]]] = {
    "crmkit._validate.tables.require_frame": [
        test_require_frame_not_a_frame,
        test_require_frame_missing_columns,
        test_require_frame_non_text_column_names,
        test_require_frame_column_list_not_hashable,
    ],
    "crmkit._validate.tables.require_dates": [
        test_require_dates_text_column,
        test_require_dates_missing_column,
        test_require_dates_not_a_frame,
    ],
    "crmkit._validate.scalars.require_timestamp": [test_require_timestamp_bad],
    "crmkit._validate.tables.require_numeric": [
        test_require_numeric_rejects_non_numbers,
        test_require_numeric_missing_column_and_not_a_frame,
        test_require_numeric_missing_values,
    ],
    "crmkit._validate.tables.require_series": [
        test_require_series_not_a_series,
        test_require_series_not_numbers,
        test_require_series_missing_values,
    ],
    "crmkit._validate.tables.require_labels": [test_require_labels_unknown],
    "crmkit._validate.resources.require_axes": [test_require_axes_rejects_non_axes],
    "crmkit._validate.scalars.require_positive_int": [
        test_require_positive_int_bad,
        test_require_positive_int_accepts_whole_numbers,
    ],
    "crmkit._validate.scalars.require_number": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_amount": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_rate": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_confidence": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_bool": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_column_name": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.scalars.require_choice": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.tables.require_ids": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.tables.require_customer_id": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.resources.require_path": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.resources.require_secret_key": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.resources.require_connection": [
        test_scalar_checks_reject_bad_input,
        test_closed_connection_is_refused,
    ],
    "crmkit._validate.tables.require_invoices_and_payments": [
        test_require_invoices_and_payments_bad
    ],
    "crmkit._validate.tables.require_lead_status": [test_require_lead_status_unknown],
}


globals().update(coverage_tests(validate, BAD_INPUT, globals()))
