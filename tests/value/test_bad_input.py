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
from types import ModuleType
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from crmkit import data, plots, value, widgets
from hypothesis import given
from hypothesis import strategies as st

from tests.bad_input_support import (
    AS_OF,
    BAD_WHOLE_NUMBERS,
    COLUMN_NAME,
    NOT_FRAMES,
    Generic,
    Target,
    coverage_tests,
    expect_clear_error,
    fast,
    generic_tests,
    no_widgets,
    public_callables,
    targets_by_name,
)

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


def class_customers() -> pd.DataFrame:
    """customers() with the columns the external classification reads."""
    frame = customers().assign(
        business_type=pd.Series([pd.NA, pd.NA, "shop", pd.NA], dtype="string"),
        signup_date=pd.to_datetime(["2024-05-01", "2025-02-01", "2023-07-01", "2025-09-01"]),
    )
    return frame


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
            value.captured_share,
            lambda: {"components": components(), "by": "revenue", "top": 0.5},
            frames={"components": ("revenue",)},
            numbers={"components": ("revenue",)},
            fractions=("top",),
            by=("by",),
        ),
        Target(
            value.revenue_by_buyer,
            lambda: {"order_lines": order_lines()},
            frames={"order_lines": ("customer_id", "order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
        ),
        Target(
            value.external_classes,
            lambda: {
                "customers": class_customers(),
                "order_lines": order_lines(),
                "as_of": AS_OF,
                "large_share": 0.5,
                "long_term_days": 365,
            },
            frames={
                "customers": ("customer_id", "segment", "business_type", "signup_date"),
                "order_lines": (
                    "order_id",
                    "customer_id",
                    "order_date",
                    "revenue",
                    "cost_of_goods",
                ),
            },
            dates={"customers": ("signup_date",), "order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue", "cost_of_goods")},
            timestamps=("as_of",),
            fractions=("large_share",),
            whole_numbers={"long_term_days": 1},
        ),
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
        Target(
            widgets.value_widgets.revenue_by_month,
            lambda: {"order_lines": order_lines()},
            frames={"order_lines": ("order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
        ),
        Target(
            widgets.value_widgets.monthly_revenue_explorer,
            lambda: {"order_lines": order_lines()},
            frames={"order_lines": ("order_date", "revenue")},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
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


# --------------------------------------------------------------------------- coverage

#: Every public function -> the bad-input checks that cover it: a Target (run through
#: every generic test for each kind of bad input it declares) and/or tests by name.
BAD_INPUT: dict[str, list[Target | Callable[..., None]]] = {
    **{name: [target] for name, target in TARGETS.items()},
    "crmkit.value.states.classify_states": [
        TARGETS["crmkit.value.states.classify_states"],
        test_classify_states_unknown_lead_labels,
    ],
    "crmkit.value.states.state_counts": [
        TARGETS["crmkit.value.states.state_counts"],
        test_state_counts_unknown_state,
    ],
    "crmkit.value.components.value_ranks": [
        TARGETS["crmkit.value.components.value_ranks"],
        test_value_ranks_no_numeric_columns,
        test_value_ranks_missing_values,
    ],
    "crmkit.value.components.top_overlap": [
        TARGETS["crmkit.value.components.top_overlap"],
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
    "crmkit.value.widgets.states_by_threshold": [
        TARGETS["crmkit.value.widgets.states_by_threshold"],
        test_states_by_threshold_thresholds_not_a_list,
        test_states_by_threshold_bad_threshold,
    ],
    "crmkit.value.widgets.state_threshold_explorer": [
        TARGETS["crmkit.value.widgets.state_threshold_explorer"],
        test_state_threshold_explorer_checks_before_building_widgets,
    ],
}


globals().update(coverage_tests(value, BAD_INPUT, globals()))


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
