"""Bad input to every public function of crmkit.data, value, plots, widgets and _validate.

The house rule (design.md, "The library"): bad input gets a clear error written
for a learner - a ValueError or TypeError whose message names the argument or
the missing column - never a silent wrong result and never a bare KeyError or
AttributeError from deep inside pandas or matplotlib.

``TARGETS`` declares, for the functions that take tables, dates and numbers, valid
arguments and what counts as bad input; the generic tests of tests/bad_input_support.py
feed each kind of bad input to each of them. ``BAD_INPUT`` at the bottom maps every
public function to the bad-input checks that cover it;
``test_every_public_function_has_a_bad_input_test`` discovers the public functions by
introspection, so a new public function without an entry fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import crmkit._validate as validate
import matplotlib
import numpy as np
import pandas as pd
import pytest
from crmkit import data, plots, style, value, widgets
from crmkit.value import plots as value_plots
from crmkit.value import widgets as value_widgets
from hypothesis import given
from hypothesis import strategies as st

from tests.bad_input_support import (
    AS_OF,
    BAD_DATES,
    BAD_WHOLE_NUMBERS,
    COLUMN_NAME,
    NOT_FRAMES,
    NOT_SERIES,
    Generic,
    Target,
    assert_covered,
    check_entries,
    expect_clear_error,
    fast,
    generic_tests,
    mentions,
    no_widgets,
    other_columns,
    public_callables,
    targets_by_name,
    with_columns,
)

matplotlib.use("Agg")

# No shrinking: a failure reports the first bad example found, and the file stays fast.
FAST = fast(max_examples=12, shrink=False)

# --------------------------------------------------------------------------- small valid inputs


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3", "C4"],
            "referred_by": [pd.NA, "C1", pd.NA, "C1"],
            "segment": ["consumer", "consumer", "business", "consumer"],
        }
    ).astype("string")


def order_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4", "O5", "O6"],
            "customer_id": ["C1", "C1", "C2", "C3", "C3", "C4"],
            "order_date": pd.to_datetime(
                ["2025-05-03", "2025-11-20", "2025-02-14", "2025-08-01", "2025-12-01", "2025-10-10"]
            ),
            "revenue": [120.0, 80.0, 45.5, 300.0, 60.0, 25.0],
            "cost_of_goods": [70.0, 50.0, 20.0, 200.0, 30.0, 15.0],
        }
    )


def leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4"],
            "created_date": pd.to_datetime(
                ["2025-03-01", "2025-06-01", "2025-09-01", "2025-10-01"]
            ),
            "stage_reached": pd.Categorical(
                ["contacted", "qualified", "lead", "won"],
                categories=data.FUNNEL_STAGES,
                ordered=True,
            ),
            "status": ["lost", "open", "open", "won"],
            "customer_id": [pd.NA, pd.NA, pd.NA, "C4"],
        }
    )


def communications() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C2", "C3"],
            "direction": ["inbound", "inbound", "outbound", "inbound"],
            "purpose": ["feedback", "complaint", "feedback", "enquiry"],
        }
    )


def components() -> pd.DataFrame:
    return value.value_components(customers(), order_lines(), communications())


def states() -> pd.DataFrame:
    return value.classify_states(customers(), order_lines(), leads(), AS_OF)


def spend() -> pd.Series:
    return pd.Series(
        [5.0, 6.0, 7.0, 9.0, 12.0, 15.0, 11.0],
        index=pd.date_range("2025-06-01", periods=7, freq="MS", name="month"),
        name="B001",
    )


# --------------------------------------------------------------------------- what each function needs


STATE_FRAMES = {
    "customers": ("customer_id",),
    "order_lines": ("customer_id", "order_date"),
    "leads": ("lead_id", "created_date", "stage_reached", "status"),
}
STATE_DATES = {"order_lines": ("order_date",), "leads": ("created_date",)}

TARGETS = targets_by_name(
    [
        Target(
            value.last_purchase,
            lambda: {"order_lines": order_lines()},
            frames={"order_lines": ("customer_id", "order_date")},
            dates={"order_lines": ("order_date",)},
        ),
        Target(
            value.classify_states,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "leads": leads(),
                "as_of": AS_OF,
                "lost_after_days": 180,
            },
            frames=STATE_FRAMES,
            dates=STATE_DATES,
            timestamps=("as_of",),
            whole_numbers={"lost_after_days": 1},
        ),
        Target(value.state_counts, lambda: {"states": states()}, frames={"states": ("state",)}),
        Target(
            value.value_components,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "communications": communications(),
            },
            frames={
                "customers": ("customer_id", "referred_by"),
                "order_lines": ("customer_id", "revenue", "cost_of_goods"),
                "communications": ("customer_id", "direction", "purpose"),
            },
            numbers={"order_lines": ("revenue", "cost_of_goods")},
        ),
        Target(value.value_ranks, lambda: {"components": components()}, frames={"components": ()}),
        Target(
            value.top_overlap,
            lambda: {"components": components(), "first": "revenue", "second": "feedback", "n": 2},
            frames={"components": ("revenue", "feedback")},
            numbers={"components": ("revenue", "feedback")},
            whole_numbers={"n": 1},
        ),
        Target(
            value.monthly_spend,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF},
            frames={"order_lines": ("customer_id", "order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            timestamps=("as_of",),
        ),
        Target(
            value.lifecycle_stages,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF, "window_months": 3},
            frames={"order_lines": ("customer_id", "order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            timestamps=("as_of",),
            whole_numbers={"window_months": 1},
        ),
        Target(
            plots.bar,
            lambda: {"values": pd.Series({"a": 3.0, "b": 5.0}), "title": "Bars"},
            series=("values",),
            axes=("ax",),
        ),
        Target(
            plots.monthly_revenue,
            lambda: {"order_lines": order_lines()},
            frames={"order_lines": ("order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            axes=("ax",),
        ),
        Target(
            plots.lifecycle,
            lambda: {"spend": spend(), "stage": "growth", "window_months": 3},
            series=("spend",),
            whole_numbers={"window_months": 1},
            axes=("ax",),
        ),
        Target(
            plots.rank_scatter,
            lambda: {"ranks": value.value_ranks(components()), "x": "revenue", "y": "feedback"},
            frames={"ranks": ("revenue", "feedback")},
            numbers={"ranks": ("revenue", "feedback")},
            axes=("ax",),
        ),
        Target(
            widgets.states_by_threshold,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "leads": leads(),
                "thresholds": [90, 180],
                "as_of": AS_OF,
            },
            frames=STATE_FRAMES,
            dates=STATE_DATES,
            timestamps=("as_of",),
        ),
        Target(
            widgets.state_threshold_explorer,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "leads": leads(),
                "as_of": AS_OF,
            },
            frames=STATE_FRAMES,
            dates=STATE_DATES,
            timestamps=("as_of",),
            guard=no_widgets,
        ),
    ]
)

#: The whole numbers here (and require_positive_int's default) are at least 1, so 0 is bad too.
BAD_POSITIVE_INTS = (0, *BAD_WHOLE_NUMBERS)

# --------------------------------------------------------------------------- generic tests

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST,
            date_formats=("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"),
            number_texts=("str",),
            bad_whole_numbers=BAD_POSITIVE_INTS,
            numpy_integers=True,
            series_kinds=("text",),
        ),
    )
)


# --------------------------------------------------------------------------- function-specific


@pytest.mark.parametrize("column", ["status", "stage_reached"])
@pytest.mark.parametrize("label", ["Lost", "Qualified"])
def test_classify_states_unknown_lead_labels(column: str, label: str) -> None:
    """A lead status or stage the rules do not know must not silently become 'target'."""
    frame = leads()
    frame[column] = frame[column].astype("string")
    frame.loc[1, column] = label
    expect_clear_error(
        lambda: value.classify_states(customers(), order_lines(), frame, AS_OF),
        column,
        label,
        what=f"classify_states(leads.{column} has {label!r})",
    )


@FAST
@given(label=st.text(min_size=1, max_size=10).filter(lambda s: s not in value.STATES))
def test_state_counts_unknown_state(label: str) -> None:
    """An unknown state (a typo such as 'Actual') must not silently drop out of the counts."""
    frame = pd.DataFrame({"state": ["actual", label, "lost"]})
    expect_clear_error(
        lambda: value.state_counts(frame), "state", what=f"state_counts(state={label!r})"
    )


@FAST
@given(data_=st.data())
def test_value_ranks_no_numeric_columns(data_: st.DataObject) -> None:
    names = data_.draw(st.lists(COLUMN_NAME, min_size=0, max_size=4, unique=True), label="columns")
    frame = pd.DataFrame({name: ["a", "b"] for name in names}, index=["C1", "C2"])
    expect_clear_error(lambda: value.value_ranks(frame), "components", what=f"value_ranks({names})")


def test_value_ranks_missing_values() -> None:
    frame = pd.DataFrame({"revenue": [10.0, np.nan, 3.0]}, index=["C1", "C2", "C3"])
    expect_clear_error(
        lambda: value.value_ranks(frame), "components", "revenue", what="value_ranks(NaN revenue)"
    )


@pytest.mark.parametrize("bad", [None, 1.5, ["revenue"]], ids=repr)
@pytest.mark.parametrize("argument", ["first", "second"])
def test_top_overlap_column_not_a_name(argument: str, bad: Any) -> None:
    call = {"components": components(), "first": "revenue", "second": "feedback", argument: bad}
    expect_clear_error(
        lambda: value.top_overlap(**call),
        argument,
        str(bad),
        what=f"top_overlap({argument}={bad!r})",
    )


@pytest.mark.parametrize("bad", [None, 0, ["revenue"]], ids=repr)
@pytest.mark.parametrize("argument", ["x", "y"])
def test_rank_scatter_column_not_a_name(argument: str, bad: Any) -> None:
    ranks = value.value_ranks(components())
    call = {"ranks": ranks, "x": "revenue", "y": "feedback", argument: bad}
    expect_clear_error(
        lambda: plots.rank_scatter(**call),
        argument,
        str(bad),
        what=f"rank_scatter({argument}={bad!r})",
    )


@FAST
@given(bad=NOT_FRAMES.filter(lambda x: not isinstance(x, list | tuple)) | st.just([]) | st.just(()))
def test_states_by_threshold_thresholds_not_a_list(bad: Any) -> None:
    expect_clear_error(
        lambda: widgets.states_by_threshold(customers(), order_lines(), leads(), bad, AS_OF),
        "thresholds",
        what=f"states_by_threshold(thresholds={bad!r:.60})",
    )


@pytest.mark.parametrize("bad", [0, 1.5, "90"], ids=repr)
def test_states_by_threshold_bad_threshold(bad: Any) -> None:
    """The learner passed ``thresholds``: the message should say so (not ``lost_after_days``)."""
    expect_clear_error(
        lambda: widgets.states_by_threshold(customers(), order_lines(), leads(), [90, bad], AS_OF),
        "thresholds",
        what=f"states_by_threshold(thresholds=[90, {bad!r}])",
    )


def test_state_threshold_explorer_checks_before_building_widgets() -> None:
    """Bad input -> a clear error, and not one widget constructed."""
    import ipywidgets

    with mock.patch.object(ipywidgets, "IntSlider") as slider:
        expect_clear_error(
            lambda: widgets.state_threshold_explorer(customers(), "order_lines", leads()),
            "order_lines",
            what="state_threshold_explorer(order_lines='order_lines')",
        )
        frame = leads().drop(columns=["status"])
        expect_clear_error(
            lambda: widgets.state_threshold_explorer(customers(), order_lines(), frame),
            "status",
            what="state_threshold_explorer(leads without status)",
        )
        expect_clear_error(
            lambda: widgets.state_threshold_explorer(
                customers(), order_lines(), leads(), "not a date"
            ),
            "as_of",
            what="state_threshold_explorer(as_of='not a date')",
        )
    slider.assert_not_called()


@pytest.mark.parametrize(
    "festivals",
    [["2025-01-29"], "2025-01-29", {"CNY": ["not a date"]}],
    ids=repr,
)
def test_monthly_revenue_bad_festivals(festivals: Any) -> None:
    expect_clear_error(
        lambda: plots.monthly_revenue(order_lines(), festivals=festivals),
        "festivals",
        what=f"monthly_revenue(festivals={festivals!r})",
    )


@pytest.mark.parametrize(
    "bad",
    [
        pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], index=list("abcdef"), name="B001"),
        pd.Series([1.0, 2.0], index=[0, 1], name="B001"),
        pd.Series([np.nan, np.nan], index=pd.date_range("2025-01-01", periods=2, freq="MS")),
        pd.Series([], dtype="float64"),
    ],
    ids=["text-index", "integer-index", "all-missing", "empty"],
)
def test_lifecycle_spend_not_monthly(bad: pd.Series) -> None:
    """spend must be monthly spend indexed by month: anything else gets an error naming spend."""
    expect_clear_error(
        lambda: plots.lifecycle(bad, "growth"), "spend", what=f"lifecycle(spend index {bad.index})"
    )


def test_course_style_takes_no_arguments() -> None:
    with pytest.raises(TypeError, match="course_style"):
        with plots.course_style("seaborn"):  # type: ignore[call-arg]
            pass


@pytest.mark.parametrize("bad", ["ax", 3, [None]], ids=repr)
def test_new_axes_rejects_what_is_not_axes(bad: Any) -> None:
    expect_clear_error(lambda: style.new_axes(bad), "ax", what=f"new_axes({bad!r:.30})")


# data


@FAST
@given(table=st.text(max_size=20).filter(lambda name: name not in data.TABLES))
def test_load_unknown_table(table: str) -> None:
    message = expect_clear_error(
        lambda: data.load(table), "table", repr(table), what=f"load({table!r})"
    )
    assert repr(table) in message
    assert "customers" in message and "order_lines" in message  # lists the tables that exist


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("Customers", "customers"), ("order_line", "order_lines"), ("team", "teams")],
)
def test_load_suggests_the_table_meant(typo: str, meant: str) -> None:
    with pytest.raises(ValueError, match=f"Did you mean {meant!r}"):
        data.load(typo)


@FAST
@given(
    bad=NOT_FRAMES.filter(lambda x: not isinstance(x, str)) | st.builds(Path, st.just("customers"))
)
def test_load_table_not_a_string(bad: Any) -> None:
    expect_clear_error(lambda: data.load(bad), "table", what=f"load({bad!r:.60})")


@pytest.mark.parametrize("bad", [123, ["datasets"]], ids=repr)
@pytest.mark.parametrize("loader", ["load", "load_cdnow"])
def test_load_folder_of_wrong_type(loader: str, bad: Any) -> None:
    if loader == "load":
        call: Callable[[], Any] = lambda: data.load("teams", bad)  # noqa: E731
    else:
        call = lambda: data.load_cdnow(bad)  # noqa: E731
    expect_clear_error(call, "folder", what=f"{loader}(folder={bad!r})")


@pytest.mark.parametrize("loader", ["load", "load_cdnow"])
def test_load_folder_that_does_not_exist(loader: str, tmp_path: Path) -> None:
    """A missing file is a FileNotFoundError (the right type) that names the file and the fix."""
    folder = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError) as caught:
        data.load("teams", folder) if loader == "load" else data.load_cdnow(folder)
    message = str(caught.value)
    assert ("teams.csv" if loader == "load" else "CDNOW_master.txt") in message
    assert "git checkout datasets" in message


@pytest.mark.parametrize(
    ("table", "column", "bad_cell"),
    [
        ("payments", "payment_date", "31/12/2025"),
        ("payments", "amount", "12,5"),
        ("teams", "headcount", "twelve"),
        ("winback", "reactivated", "yes"),
    ],
)
def test_load_corrupt_cell_names_the_column(
    table: str, column: str, bad_cell: str, tmp_path: Path
) -> None:
    """An edited CSV with one bad cell: the error says which table and column to fix."""
    frame = pd.read_csv(data.data_dir() / f"{table}.csv", dtype="string", keep_default_na=False)
    frame.loc[0, column] = bad_cell
    frame.to_csv(tmp_path / f"{table}.csv", index=False)
    expect_clear_error(
        lambda: data.load(table, tmp_path),
        column,
        what=f"load({table!r}) with {column}={bad_cell!r}",
    )


def test_load_file_missing_a_column(tmp_path: Path) -> None:
    frame = pd.read_csv(data.data_dir() / "teams.csv", dtype="string", keep_default_na=False)
    frame.drop(columns=["headcount"]).to_csv(tmp_path / "teams.csv", index=False)
    expect_clear_error(
        lambda: data.load("teams", tmp_path), "headcount", what="teams.csv without headcount"
    )


NO_ARGUMENT_LOADERS = sorted(
    name for name in vars(data) if name.startswith("load_") and name != "load_cdnow"
)


@pytest.mark.parametrize("loader", NO_ARGUMENT_LOADERS)
def test_table_loaders_take_no_arguments(loader: str) -> None:
    """load_customers() and friends take nothing; an argument is a TypeError naming the loader."""
    with pytest.raises(TypeError, match=loader):
        getattr(data, loader)("customers")


# _validate


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


# --------------------------------------------------------------------------- coverage

#: Every public function -> the bad-input checks that cover it: a Target (run through
#: every generic test for each kind of bad input it declares) and/or tests by name.
BAD_INPUT: dict[str, list[Target | Callable[..., None]]] = {
    **{name: [target] for name, target in TARGETS.items()},
    "crmkit.value.classify_states": [
        TARGETS["crmkit.value.classify_states"],
        test_classify_states_unknown_lead_labels,
    ],
    "crmkit.value.state_counts": [
        TARGETS["crmkit.value.state_counts"],
        test_state_counts_unknown_state,
    ],
    "crmkit.value.value_ranks": [
        TARGETS["crmkit.value.value_ranks"],
        test_value_ranks_no_numeric_columns,
        test_value_ranks_missing_values,
    ],
    "crmkit.value.top_overlap": [
        TARGETS["crmkit.value.top_overlap"],
        test_top_overlap_column_not_a_name,
    ],
    "crmkit.value.plots.rank_scatter": [
        TARGETS["crmkit.value.plots.rank_scatter"],
        test_rank_scatter_column_not_a_name,
    ],
    "crmkit.value.plots.monthly_revenue": [
        TARGETS["crmkit.value.plots.monthly_revenue"],
        test_monthly_revenue_bad_festivals,
    ],
    "crmkit.value.plots.lifecycle": [
        TARGETS["crmkit.value.plots.lifecycle"],
        test_lifecycle_spend_not_monthly,
    ],
    "crmkit.style.course_style": [test_course_style_takes_no_arguments],
    "crmkit.style.new_axes": [test_new_axes_rejects_what_is_not_axes],
    "crmkit.value.widgets.states_by_threshold": [
        TARGETS["crmkit.value.widgets.states_by_threshold"],
        test_states_by_threshold_thresholds_not_a_list,
        test_states_by_threshold_bad_threshold,
    ],
    "crmkit.value.widgets.state_threshold_explorer": [
        TARGETS["crmkit.value.widgets.state_threshold_explorer"],
        test_state_threshold_explorer_checks_before_building_widgets,
    ],
    "crmkit.data.load": [
        test_load_unknown_table,
        test_load_suggests_the_table_meant,
        test_load_table_not_a_string,
        test_load_folder_of_wrong_type,
        test_load_folder_that_does_not_exist,
        test_load_corrupt_cell_names_the_column,
        test_load_file_missing_a_column,
    ],
    "crmkit.data.load_cdnow": [
        test_load_folder_of_wrong_type,
        test_load_folder_that_does_not_exist,
    ],
    **{
        f"crmkit.data.{name}": [test_table_loaders_take_no_arguments]
        for name in NO_ARGUMENT_LOADERS
    },
    "crmkit._validate.require_frame": [
        test_require_frame_not_a_frame,
        test_require_frame_missing_columns,
        test_require_frame_non_text_column_names,
        test_require_frame_column_list_not_hashable,
    ],
    "crmkit._validate.require_dates": [
        test_require_dates_text_column,
        test_require_dates_missing_column,
        test_require_dates_not_a_frame,
    ],
    "crmkit._validate.require_timestamp": [test_require_timestamp_bad],
    "crmkit._validate.require_numeric": [
        test_require_numeric_rejects_non_numbers,
        test_require_numeric_missing_column_and_not_a_frame,
        test_require_numeric_missing_values,
    ],
    "crmkit._validate.require_series": [
        test_require_series_not_a_series,
        test_require_series_not_numbers,
        test_require_series_missing_values,
    ],
    "crmkit._validate.require_labels": [test_require_labels_unknown],
    "crmkit._validate.require_axes": [test_require_axes_rejects_non_axes],
    "crmkit._validate.require_positive_int": [
        test_require_positive_int_bad,
        test_require_positive_int_accepts_whole_numbers,
    ],
    "crmkit._validate.require_number": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_amount": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_rate": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_confidence": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_bool": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_column_name": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_choice": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_ids": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_customer_id": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_path": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_secret_key": [test_scalar_checks_reject_bad_input],
    "crmkit._validate.require_connection": [
        test_scalar_checks_reject_bad_input,
        test_closed_connection_is_refused,
    ],
}

MODULES: tuple[ModuleType, ...] = (data, value, value_plots, value_widgets, style, validate)


def test_every_public_function_has_a_bad_input_test() -> None:
    public = set().union(*(public_callables(module) for module in MODULES))
    assert "crmkit.value.classify_states" in public and "crmkit.style.bar" in public
    assert_covered(public, BAD_INPUT)


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_entries_are_real_checks(name: str) -> None:
    """Each entry is a Target for that very function with some bad input declared, or a test here."""
    check_entries(name, BAD_INPUT[name], globals())


def test_public_callables_sees_new_functions_only_where_defined() -> None:
    """The discovery above would notice a new public function (and ignores imported names)."""
    module = ModuleType("crmkit.fake")
    exec(  # a tiny module defined on the fly
        "from pandas import DataFrame\n"
        "def new_helper(frame):\n    return frame\n"
        "def _private(frame):\n    return frame\n"
        "LIMIT = 3\n",
        module.__dict__,
    )
    assert public_callables(module) == {"crmkit.fake.new_helper"}
