"""Bad input to every public function of crmkit.acquisition: its concept files, plots and explorer.

The house rule: bad input gets a ValueError or TypeError whose message names the argument or the
missing column, never a silent wrong result and never a bare KeyError from deep inside pandas.
``TARGETS`` declares, for every public function, valid arguments (built with tables.py's small
tables) and what counts as bad input; the generic tests of tests/bad_input_support.py feed each
kind of bad input to each function. ``BAD_INPUT`` at the bottom maps every public function to
the checks that cover it; ``test_every_public_function_is_covered`` finds the public functions of
every module of crmkit.acquisition by introspection, so a new public function without an entry
fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition, data
from crmkit.acquisition import plots, widgets
from hypothesis import given
from hypothesis import strategies as st

from tests.acquisition.tables import customer_table, economics_table, lead_table, line_table
from tests.bad_input_support import (
    AS_OF,
    NOT_FRAMES,
    Generic,
    Target,
    checks_by_name,
    coverage_tests,
    expect_clear_error,
    fast,
    generic_tests,
    mentions,
    no_widgets,
    table,
    targets_by_name,
)

FAST = fast(max_examples=12, shrink=False)


# --------------------------------------------------------------------------- small valid inputs

LEAD_DATES = ("created_date", "contacted_date", "qualified_date", "proposal_date", "won_date")
ECONOMICS_COLUMNS = ("capacity", "cac", "first_year_gross_profit", "value_to_cost")


def leads() -> pd.DataFrame:
    """A won and two lost leads, and one still open."""
    return lead_table(
        ("referral", "2024-01-10", "won", "won", 900.0),
        ("sms", "2024-02-01", "contacted", "lost", 40.0),
        ("sms", "2024-02-10", "lead", "lost", 25.0),
        ("referral", "2025-12-01", "qualified", "open", 300.0),
    )


def customers() -> pd.DataFrame:
    return customer_table(
        ("B1", "business", "2024-03-01", "referral", 900.0),
        ("C1", "consumer", "2024-01-05", "coupon_site", 18.0),
        ("C2", "consumer", "2024-06-01", "tea_fair", 120.0),
    )


def consumers() -> pd.DataFrame:
    frame = customers()
    return frame[frame["segment"] == "consumer"]


def order_lines() -> pd.DataFrame:
    return line_table(
        ("B1", "2024-03-01", 5000.0, 3000.0),
        ("B1", "2024-05-01", 3000.0, 1800.0),
        ("C1", "2024-01-05", 120.0, 80.0),
        ("C2", "2024-06-01", 400.0, 200.0),
        ("C2", "2024-09-01", 300.0, 150.0),
    )


def service_events() -> pd.DataFrame:
    return table(
        ("customer_id", "event_date", "cost"),
        [("B1", "2024-03-01", 60.0), ("C1", "2024-01-05", 20.0)],
    )


def invoices() -> pd.DataFrame:
    return table(
        ("invoice_id", "customer_id", "invoice_date", "due_date", "amount"),
        [
            ("I1", "B1", "2024-03-01", "2024-03-31", 5000.0),
            ("I2", "C1", "2024-01-05", "2024-01-05", 120.0),
        ],
    )


def payments() -> pd.DataFrame:
    return table(
        ("invoice_id", "payment_date", "amount"),
        [("I1", "2024-05-01", 5000.0), ("I2", "2024-01-05", 120.0)],
    )


def first_year() -> pd.DataFrame:
    return acquisition.first_year_value(consumers(), order_lines(), as_of=AS_OF)


def consumer_cac() -> pd.Series:
    return pd.Series({"coupon_site": 18.0, "tea_fair": 120.0})


def curves() -> pd.DataFrame:
    return acquisition.cumulative_gross_profit(consumers(), order_lines(), months=3, as_of=AS_OF)


# --------------------------------------------------------------------------- targets


LEADS_BY = {"leads": ("status", "prospecting_method")}

TARGETS = targets_by_name(
    [
        Target(acquisition.decided_leads, lambda: {"leads": leads()}, {"leads": ("status",)}),
        Target(
            acquisition.matured_leads,
            lambda: {"leads": leads(), "as_of": AS_OF, "min_age_days": 180},
            {"leads": ("created_date",)},
            dates={"leads": ("created_date",)},
            timestamps=("as_of",),
            whole_numbers={"min_age_days": 0},
        ),
        Target(
            acquisition.funnel,
            lambda: {"leads": leads()},
            {"leads": ("stage_reached", "status", "prospecting_method")},
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.stage_conversion,
            lambda: {"funnel_counts": acquisition.funnel(leads())},
            {"funnel_counts": tuple(acquisition.STAGES)},
            numbers={"funnel_counts": tuple(acquisition.STAGES)},
        ),
        Target(
            acquisition.days_to_convert,
            lambda: {"leads": leads()},
            {"leads": ("status", "created_date", "won_date", "prospecting_method")},
            dates={"leads": ("created_date", "won_date")},
            by=("by",),
        ),
        Target(
            acquisition.stage_durations,
            lambda: {"leads": leads()},
            {"leads": LEAD_DATES},
            dates={"leads": LEAD_DATES},
        ),
        Target(
            acquisition.wilson_interval,
            lambda: {"successes": 3, "trials": 10},
            confidence=True,
        ),
        Target(
            acquisition.conversion_rates,
            lambda: {"leads": leads()},
            LEADS_BY,
            confidence=True,
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.compare_conversion,
            lambda: {"leads": leads(), "first": "referral", "second": "sms"},
            LEADS_BY,
            confidence=True,
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.bootstrap_difference,
            lambda: {"leads": leads(), "first": "referral", "second": "sms", "n_resamples": 200},
            LEADS_BY,
            confidence=True,
            whole_numbers={"n_resamples": 100},
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.pairwise_conversion,
            lambda: {"leads": leads()},
            LEADS_BY,
            confidence=True,
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.first_year_profit,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "service_events": service_events(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            {
                "customers": ("customer_id", "signup_date"),
                "order_lines": ("customer_id", "order_date", "revenue", "cost_of_goods"),
                "service_events": ("customer_id", "event_date", "cost"),
            },
            dates={
                "customers": ("signup_date",),
                "order_lines": ("order_date",),
                "service_events": ("event_date",),
            },
            numbers={"order_lines": ("revenue", "cost_of_goods"), "service_events": ("cost",)},
            timestamps=("as_of",),
            whole_numbers={"days": 1},
        ),
        Target(
            acquisition.cumulative_profit,
            lambda: {
                "customers": consumers(),
                "order_lines": order_lines(),
                "service_events": service_events(),
                "invoices": invoices(),
                "payments": payments(),
                "months": 3,
            },
            {
                "customers": ("customer_id", "signup_date", "acquisition_channel"),
                "order_lines": ("customer_id", "order_date", "revenue", "cost_of_goods"),
                "service_events": ("customer_id", "event_date", "cost"),
            },
            dates={
                "customers": ("signup_date",),
                "order_lines": ("order_date",),
                "service_events": ("event_date",),
            },
            numbers={"order_lines": ("revenue", "cost_of_goods"), "service_events": ("cost",)},
            timestamps=("as_of",),
            whole_numbers={"months": 1},
            by=("by",),
        ),
        Target(
            acquisition.method_cac,
            lambda: {"leads": leads()},
            {"leads": ("status", "acquisition_cost", "prospecting_method")},
            numbers={"leads": ("acquisition_cost",)},
            by=("by",),
            flags=("exclude_open",),
        ),
        Target(
            acquisition.channel_cac,
            lambda: {"customers": customers()},
            {"customers": ("segment", "acquisition_channel", "acquisition_cost")},
            numbers={"customers": ("acquisition_cost",)},
            by=("by",),
        ),
        Target(
            acquisition.first_year_value,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "service_events": service_events(),
                "as_of": AS_OF,
            },
            {
                "customers": ("customer_id", "signup_date"),
                "order_lines": ("customer_id", "order_date", "revenue", "cost_of_goods"),
                "service_events": ("customer_id", "event_date", "cost"),
            },
            dates={
                "customers": ("signup_date",),
                "order_lines": ("order_date",),
                "service_events": ("event_date",),
            },
            numbers={"order_lines": ("revenue", "cost_of_goods"), "service_events": ("cost",)},
            timestamps=("as_of",),
            whole_numbers={"days": 1},
            optional=("service_events",),
        ),
        Target(
            acquisition.value_to_cost,
            lambda: {"first_year": first_year(), "cac": consumer_cac()},
            {"first_year": ("full_year", "revenue", "gross_profit", "acquisition_channel")},
            by=("by",),
        ),
        Target(
            acquisition.cumulative_gross_profit,
            lambda: {"customers": consumers(), "order_lines": order_lines(), "months": 3},
            {
                "customers": ("customer_id", "signup_date", "acquisition_channel"),
                "order_lines": ("customer_id", "order_date", "revenue", "cost_of_goods"),
            },
            dates={"customers": ("signup_date",), "order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue", "cost_of_goods")},
            timestamps=("as_of",),
            whole_numbers={"months": 1},
            by=("by",),
        ),
        Target(
            acquisition.payback_months,
            lambda: {"curves": curves(), "cac": consumer_cac()},
            {"curves": ()},
            flags=("lasting",),
        ),
        Target(
            acquisition.method_economics,
            lambda: {"leads": leads(), "customers": customers(), "order_lines": order_lines()},
            {
                "leads": ("prospecting_method", "status", "acquisition_cost", "created_date"),
                "customers": ("customer_id", "segment", "signup_date", "acquisition_channel"),
                "order_lines": ("customer_id", "order_date", "revenue", "cost_of_goods"),
            },
            dates={"leads": ("created_date",), "order_lines": ("order_date",)},
            numbers={"leads": ("acquisition_cost",), "order_lines": ("revenue", "cost_of_goods")},
            timestamps=("as_of",),
            confidence=True,
        ),
        Target(
            acquisition.expected_result,
            lambda: {"economics": economics_table(), "spend": pd.Series({"referral": 1000.0})},
            {"economics": ("cac", "first_year_gross_profit")},
            numbers={"economics": ("cac",)},
        ),
        Target(
            acquisition.allocate_budget,
            lambda: {"economics": economics_table(), "budget": 5000},
            {"economics": ECONOMICS_COLUMNS},
            numbers={"economics": ("capacity", "cac", "value_to_cost")},
            flags=("ascending",),
        ),
        Target(
            acquisition.budget_scenarios,
            lambda: {"economics": economics_table(), "budgets": [1000, 5000]},
            {"economics": ECONOMICS_COLUMNS},
            numbers={"economics": ("capacity", "cac", "value_to_cost")},
            flags=("ascending",),
        ),
    ]
)


def target(function: Callable[..., Any]) -> Target:
    """The Target of a public function."""
    return TARGETS[f"{function.__module__}.{function.__name__}"]


# --------------------------------------------------------------------------- generic tests

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST,
            result_types=(pd.DataFrame, pd.Series),
            all_columns_named=False,  # the group column (by=) is checked on its own
            date_formats=("%d/%m/%Y",),
            number_texts=("CNY",),
            numbers_without_gaps=True,
        ),
    )
)


# --------------------------------------------------------------------------- labels and values

LEAD_TARGETS = [
    name for name, target in TARGETS.items() if "status" in target.frames.get("leads", ())
]


@pytest.mark.parametrize("name", LEAD_TARGETS)
@pytest.mark.parametrize("bad", ["Won", "closed", None])
def test_unknown_status(name: str, bad: Any) -> None:
    frame = leads()
    frame["status"] = frame["status"].astype(object)
    frame.loc[1, "status"] = bad
    expect_clear_error(
        lambda: TARGETS[name].call(leads=frame), "status", what=f"{name} with status {bad!r}"
    )


@pytest.mark.parametrize("bad", ["signed", "Won", None])
def test_unknown_stage(bad: Any) -> None:
    frame = leads()
    frame["stage_reached"] = frame["stage_reached"].astype(object)
    frame.loc[1, "stage_reached"] = bad
    expect_clear_error(
        lambda: acquisition.funnel(frame), "stage_reached", what=f"funnel with stage {bad!r}"
    )


@FAST
@given(
    statuses=st.lists(
        st.sampled_from(["won", "lost", "open", "WON", "", None]), min_size=4, max_size=4
    ),
    stages=st.lists(
        st.sampled_from([*data.FUNNEL_STAGES, "signed", "Lead", None]), min_size=4, max_size=4
    ),
    methods=st.lists(st.sampled_from(["referral", "sms", "", None]), min_size=4, max_size=4),
    costs=st.lists(
        st.one_of(st.floats(allow_nan=True, allow_infinity=False), st.just(-5.0)),
        min_size=4,
        max_size=4,
    ),
)
def test_fuzzed_leads_give_a_table_or_a_clear_error(
    statuses: list[Any], stages: list[Any], methods: list[Any], costs: list[float]
) -> None:
    frame = leads().assign(
        status=pd.Series(statuses, dtype=object),
        stage_reached=pd.Series(stages, dtype=object),
        prospecting_method=pd.Series(methods, dtype=object),
        acquisition_cost=costs,
    )
    for func in (acquisition.funnel, acquisition.conversion_rates, acquisition.method_cac):
        try:
            result = func(frame)
        except (ValueError, TypeError) as error:
            assert any(
                mentions(str(error), word)
                for word in ("status", "stage_reached", "prospecting_method", "acquisition_cost")
            ), str(error)
        else:
            assert isinstance(result, pd.DataFrame)


# --------------------------------------------------------------------------- parameters


COMPARISONS = [acquisition.compare_conversion, acquisition.bootstrap_difference]


@pytest.mark.parametrize("bad", ["Referral", "radio", 3, None], ids=repr)
@pytest.mark.parametrize("function", COMPARISONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("argument", ["first", "second"])
def test_unknown_group(function: Callable[..., Any], argument: str, bad: Any) -> None:
    message = expect_clear_error(
        lambda: target(function).call(**{argument: bad}),
        argument,
        what=f"{function.__name__}({argument}={bad!r})",
    )
    assert "referral" in message  # lists the groups there are


@pytest.mark.parametrize("function", COMPARISONS, ids=lambda f: f.__name__)
def test_same_group_twice(function: Callable[..., Any]) -> None:
    expect_clear_error(
        lambda: target(function).call(second="referral"),
        "first",
        what=f"{function.__name__}(same twice)",
    )


@pytest.mark.parametrize("bad", [True, "7", 2.5, None], ids=repr)
def test_bad_seed(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.bootstrap_difference).call(seed=bad),
        "seed",
        what=f"seed={bad!r}",
    )


@FAST
@given(
    successes=st.one_of(
        st.integers(max_value=-1), st.floats(0.1, 0.9), st.text(max_size=3), st.none()
    )
)
def test_bad_successes(successes: Any) -> None:
    expect_clear_error(
        lambda: acquisition.wilson_interval(successes, 10), "successes", what=f"{successes!r}"
    )


@pytest.mark.parametrize(
    "trials",
    [-1, 2.5, "10", None, pd.Series([1.5]), pd.Series(["a"]), pd.Series([-1]), pd.Series([None])],
    ids=repr,
)
def test_bad_trials(trials: Any) -> None:
    expect_clear_error(lambda: acquisition.wilson_interval(0, trials), "trials", what=repr(trials))


def test_more_successes_than_trials() -> None:
    expect_clear_error(lambda: acquisition.wilson_interval(11, 10), "successes", what="11 of 10")


@pytest.mark.parametrize("segment", ["business", "retail", None, 3], ids=repr)
def test_channel_cac_segment(segment: Any) -> None:
    expect_clear_error(
        lambda: acquisition.channel_cac(customers(), segment=segment),
        "segment",
        "method_cac",
        what=f"segment={segment!r}",
    )


def test_first_year_repeated_or_missing_signups() -> None:
    frame = customers()
    expect_clear_error(
        lambda: acquisition.first_year_value(pd.concat([frame, frame]), order_lines()),
        "customer_id",
        what="repeated customers",
    )
    frame.loc[0, "signup_date"] = pd.NaT
    expect_clear_error(
        lambda: acquisition.first_year_value(frame, order_lines()),
        "signup_date",
        what="missing signup",
    )


@pytest.mark.parametrize(
    "cac",
    [
        [18.0, 120.0],
        {"coupon_site": 18.0},
        pd.Series({"coupon_site": "cheap", "tea_fair": "dear"}),
        pd.DataFrame({"cost": [1.0]}),
        pd.Series({"coupon_site": 18.0}),
    ],
    ids=["list", "dict", "text", "frame-without-cac", "missing-a-channel"],
)
@pytest.mark.parametrize(
    "function", [acquisition.value_to_cost, acquisition.payback_months], ids=lambda f: f.__name__
)
def test_bad_cac(function: Callable[..., Any], cac: Any) -> None:
    expect_clear_error(
        lambda: target(function).call(cac=cac), "cac", what=f"{function.__name__}(cac={cac!r:.40})"
    )


def test_value_to_cost_mixed_segments() -> None:
    mixed = acquisition.first_year_value(customers(), order_lines(), as_of=AS_OF)
    expect_clear_error(
        lambda: acquisition.value_to_cost(mixed, pd.Series({"referral": 1.0})),
        "first_year",
        what="two segments",
    )


def test_cumulative_gross_profit_mixed_segments_and_nobody_observed() -> None:
    expect_clear_error(
        lambda: acquisition.cumulative_gross_profit(customers(), order_lines(), months=3),
        "customers",
        what="two segments",
    )
    expect_clear_error(
        lambda: acquisition.cumulative_gross_profit(consumers(), order_lines(), months=40),
        "months",
        what="40 months",
    )


@pytest.mark.parametrize(
    "bad",
    [pd.DataFrame(), pd.DataFrame({"x": ["a", "b"]}, index=[1, 2])],
    ids=["empty", "text"],
)
def test_bad_curves(bad: pd.DataFrame) -> None:
    expect_clear_error(
        lambda: acquisition.payback_months(bad, pd.Series({"x": 1.0})), "curves", what="curves"
    )


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "100000", True, None, [5]])
def test_bad_budget(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.allocate_budget).call(budget=bad),
        "budget",
        what=f"budget={bad!r}",
    )


@pytest.mark.parametrize("bad", ["abc", 5000, [], [-1.0], [float("nan")], ["1000"]], ids=repr)
def test_bad_budgets(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.budget_scenarios).call(budgets=bad),
        "budgets",
        "budget",
        what=repr(bad),
    )


@pytest.mark.parametrize("bad", ["profit", 3, None], ids=repr)
def test_bad_rank_by(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.allocate_budget).call(rank_by=bad),
        "rank_by",
        "profit",
        what=repr(bad),
    )


def test_negative_capacity() -> None:
    table = economics_table()
    table.loc["referral", "capacity"] = -10.0
    expect_clear_error(
        lambda: acquisition.allocate_budget(table, 5000), "capacity", what="negative capacity"
    )


@pytest.mark.parametrize(
    "spend",
    [
        {"referral": 1.0},
        pd.Series({"referral": "lots"}),
        pd.Series({"referral": -1.0}),
        pd.Series({"referral": np.nan}),
        pd.Series({"radio": 10.0}),
    ],
    ids=["dict", "text", "negative", "missing", "unknown-method"],
)
def test_bad_spend(spend: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.expected_result).call(spend=spend), "spend", what=repr(spend)
    )


@pytest.mark.parametrize("bad", [0, -1.5, "1.5", None, float("nan")], ids=repr)
def test_bad_growth(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.method_economics).call(growth=bad),
        "growth",
        what=f"growth={bad!r}",
    )


# --------------------------------------------------------------------------- figures and explorer


@FAST
@given(bad=NOT_FRAMES)
@pytest.mark.parametrize(
    ("func", "argument"),
    [
        (plots.funnel_by_method, "funnel_counts"),
        (plots.conversion_intervals, "rates"),
        (plots.value_vs_cost, "table"),
        (plots.payback_curves, "curves"),
        (widgets.budget_explorer, "economics"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_chapter_figures_refuse_non_frames(
    func: Callable[..., Any], argument: str, bad: Any
) -> None:
    extra = {"cac": pd.Series({"x": 1.0})} if func is plots.payback_curves else {}
    expect_clear_error(lambda: func(bad, **extra), argument, what=f"{func.__name__}({bad!r:.40})")


@FAST
@given(
    bad=st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=5),
        st.lists(st.integers(), max_size=3),
        st.just(pd.Series(dtype="float64")),
        st.just(pd.Series(["a", "b"])),
        st.just(pd.Series([0, 0])),
        st.just(pd.Series([3.0, np.nan])),
    )
)
def test_funnel_plot_bad_counts(bad: Any) -> None:
    expect_clear_error(lambda: plots.funnel(bad), "counts", what=f"funnel({bad!r:.40})")


@pytest.mark.parametrize(
    ("func", "frame", "column"),
    [
        (plots.conversion_intervals, pd.DataFrame({"rate": [0.1], "lower": [0.0]}), "upper"),
        (plots.value_vs_cost, pd.DataFrame({"cac": [1.0]}), "first_year_gross_profit"),
    ],
    ids=["conversion_intervals", "value_vs_cost"],
)
def test_chapter_figures_missing_columns(
    func: Callable[..., Any], frame: pd.DataFrame, column: str
) -> None:
    expect_clear_error(lambda: func(frame), column, what=f"{func.__name__} without {column}")


def _chapter_figures() -> list[Any]:
    counts = pd.Series({"lead": 10, "contacted": 5, "won": 2})
    table = pd.DataFrame({"lead": [10, 8], "won": [2, 1]}, index=["a", "b"])
    rates = pd.DataFrame({"rate": [0.2], "lower": [0.1], "upper": [0.3]}, index=["a"])
    costs = pd.DataFrame({"cac": [10.0], "first_year_gross_profit": [100.0]}, index=["a"])
    curve = pd.DataFrame({"a": [1.0, 2.0]}, index=pd.RangeIndex(1, 3, name="month"))
    return [
        pytest.param(lambda ax: plots.funnel(counts, ax=ax), id="funnel"),
        pytest.param(lambda ax: plots.funnel_by_method(table, ax=ax), id="funnel_by_method"),
        pytest.param(
            lambda ax: plots.conversion_intervals(rates, ax=ax), id="conversion_intervals"
        ),
        pytest.param(lambda ax: plots.value_vs_cost(costs, ax=ax), id="value_vs_cost"),
        pytest.param(
            lambda ax: plots.payback_curves(curve, pd.Series({"a": 1.5}), ax=ax),
            id="payback_curves",
        ),
    ]


@pytest.mark.parametrize("draw", _chapter_figures())
@pytest.mark.parametrize("bad", ["left", 3, [1, 2]], ids=repr)
def test_chapter_figures_refuse_a_bad_ax(draw: Callable[[Any], Any], bad: Any) -> None:
    expect_clear_error(lambda: draw(bad), "ax", what=f"ax={bad!r}")


@pytest.mark.parametrize("draw", _chapter_figures())
def test_chapter_figures_draw_on_the_given_axes(draw: Callable[[Any], Any]) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert draw(ax) is ax
    plt.close("all")


def test_budget_explorer_checks_before_building_widgets() -> None:
    with no_widgets():
        expect_clear_error(
            lambda: widgets.budget_explorer(economics_table().drop(columns=["capacity"])),
            "capacity",
            what="economics without capacity",
        )
        expect_clear_error(
            lambda: widgets.budget_explorer(economics_table().assign(cac="1000")),
            "cac",
            what="cac as text",
        )


@pytest.mark.parametrize("bad", ["Holm", "bh", 3, None], ids=repr)
def test_bad_adjustment(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.pairwise_conversion).call(adjust=bad),
        "adjust",
        what=f"adjust={bad!r}",
    )


@pytest.mark.parametrize("bad", [0.0, 1.0, 5, -0.05, "5%", None, True], ids=repr)
def test_bad_alpha(bad: Any) -> None:
    expect_clear_error(
        lambda: target(acquisition.pairwise_conversion).call(alpha=bad),
        "alpha",
        what=f"alpha={bad!r}",
    )


PROFIT_FUNCTIONS = (acquisition.first_year_profit, acquisition.cumulative_profit)


@pytest.mark.parametrize("function", PROFIT_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("argument", ["invoices", "payments"])
@pytest.mark.parametrize("bad", [None, "invoices.csv", pd.DataFrame({"x": [1]})], ids=repr)
def test_bad_invoices_or_payments(function: Callable[..., Any], argument: str, bad: Any) -> None:
    expect_clear_error(
        lambda: target(function).call(**{argument: bad}),
        argument,
        what=f"{function.__name__}({argument}={bad!r:.30})",
    )


@pytest.mark.parametrize("function", [acquisition.allocate_budget, acquisition.budget_scenarios])
@pytest.mark.parametrize("bad", ["first_year_margin", 3, None], ids=repr)
def test_bad_value_column(function: Callable[..., Any], bad: Any) -> None:
    expect_clear_error(
        lambda: target(function).call(value=bad), "value", str(bad), what=f"value={bad!r}"
    )


def test_method_economics_needs_all_three_cost_tables() -> None:
    expect_clear_error(
        lambda: target(acquisition.method_economics).call(service_events=service_events()),
        "invoices",
        what="service_events without invoices",
    )


# --------------------------------------------------------------------------- coverage

LEAD_FUNCTIONS = tuple(TARGETS[name].func for name in LEAD_TARGETS)
FUZZED = (acquisition.funnel, acquisition.conversion_rates, acquisition.method_cac)
FIGURES = (plots.funnel_by_method, plots.conversion_intervals, plots.value_vs_cost)

#: The tests of the bad input a Target cannot declare, each with the functions it checks.
SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_unknown_status, LEAD_FUNCTIONS),
    (test_unknown_stage, (acquisition.funnel,)),
    (test_fuzzed_leads_give_a_table_or_a_clear_error, FUZZED),
    (test_unknown_group, tuple(COMPARISONS)),
    (test_same_group_twice, tuple(COMPARISONS)),
    (test_bad_seed, (acquisition.bootstrap_difference,)),
    (test_bad_successes, (acquisition.wilson_interval,)),
    (test_bad_trials, (acquisition.wilson_interval,)),
    (test_more_successes_than_trials, (acquisition.wilson_interval,)),
    (test_channel_cac_segment, (acquisition.channel_cac,)),
    (test_first_year_repeated_or_missing_signups, (acquisition.first_year_value,)),
    (test_bad_cac, (acquisition.value_to_cost, acquisition.payback_months)),
    (test_value_to_cost_mixed_segments, (acquisition.value_to_cost,)),
    (
        test_cumulative_gross_profit_mixed_segments_and_nobody_observed,
        (acquisition.cumulative_gross_profit,),
    ),
    (test_bad_curves, (acquisition.payback_months,)),
    (test_bad_budget, (acquisition.allocate_budget,)),
    (test_bad_rank_by, (acquisition.allocate_budget,)),
    (test_negative_capacity, (acquisition.allocate_budget,)),
    (test_bad_budgets, (acquisition.budget_scenarios,)),
    (test_bad_spend, (acquisition.expected_result,)),
    (test_bad_growth, (acquisition.method_economics,)),
    (test_method_economics_needs_all_three_cost_tables, (acquisition.method_economics,)),
    (test_bad_adjustment, (acquisition.pairwise_conversion,)),
    (test_bad_alpha, (acquisition.pairwise_conversion,)),
    (test_bad_invoices_or_payments, PROFIT_FUNCTIONS),
    (test_bad_value_column, (acquisition.allocate_budget, acquisition.budget_scenarios)),
    (test_funnel_plot_bad_counts, (plots.funnel,)),
    (
        test_chapter_figures_refuse_non_frames,
        (*FIGURES, plots.payback_curves, widgets.budget_explorer),
    ),
    (test_chapter_figures_missing_columns, (plots.conversion_intervals, plots.value_vs_cost)),
    (test_chapter_figures_refuse_a_bad_ax, (plots.funnel, *FIGURES, plots.payback_curves)),
    (test_budget_explorer_checks_before_building_widgets, (widgets.budget_explorer,)),
]

#: Every public function -> the checks that cover it: a Target (run through every generic
#: test above for each kind of bad input it declares) and/or tests by name.
BAD_INPUT = checks_by_name(TARGETS, SPECIFIC_TESTS)

# test_every_public_function_is_covered: introspection of every module of crmkit.acquisition
# (plots.py and widgets.py too) against BAD_INPUT; test_bad_input_entries_are_real_checks.
globals().update(coverage_tests(acquisition, BAD_INPUT, globals()))
