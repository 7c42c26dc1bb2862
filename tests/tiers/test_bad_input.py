"""Bad input to every public function of crmkit.tiers: its concept files, plots and explorer.

``TARGETS`` declares, for every public function, valid arguments (the small tables of
tables.py) and what counts as bad input; the generic tests of tests/bad_input_support.py
feed each kind of bad input to each function. ``SPECIFIC_TESTS`` at the bottom maps the
other tests to the functions they check; ``test_every_public_function_is_covered`` finds
the public functions of every module of crmkit.tiers by introspection, so a new public
function without a check fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from crmkit import tiers
from crmkit.tiers import plots, widgets

from tests.bad_input_support import (
    AS_OF,
    Generic,
    Target,
    checks_by_name,
    coverage_tests,
    expect_clear_error,
    fast,
    generic_tests,
    no_widgets,
    targets_by_name,
)
from tests.selection import tables as ch02
from tests.tiers.tables import (
    ORDER_COLUMNS,
    order_lines,
    profit,
    profitability,
    rfm,
    service_events,
    tier_labels,
)

FAST = fast(max_examples=8)
SCORE_COLUMNS = ("r_score", "f_score", "m_score")
SELLING_COLUMNS = ("account_share", "time_share", "rule_time_share")


def groups() -> pd.Series:
    return pd.Series(["key", "small"], index=["A", "B"])


def counts() -> pd.DataFrame:
    return tiers.migration_matrix(tier_labels(), tier_labels().iloc[::-1].set_axis(profit().index))


def selling_table() -> pd.DataFrame:
    return tiers.selling_time(service_events(), groups())


TARGETS = targets_by_name(
    [
        Target(tiers.customer_groups, lambda: {"profit": profit()}, series=("profit",)),
        Target(
            tiers.selling_time,
            lambda: {"service_events": service_events(), "groups": groups(), "as_of": AS_OF},
            frames={"service_events": ("customer_id", "event_date", "event_type")},
            dates={"service_events": ("event_date",)},
            timestamps=("as_of",),
            optional_timestamps=("start",),
        ),
        Target(
            tiers.migration_shares,
            lambda: {"counts": counts()},
            frames={"counts": ()},
            numbers={"counts": ("gold",)},
        ),
        Target(
            tiers.move_up_effect,
            lambda: {"profitability": profitability(), "tiers": tier_labels(), "share": 0.5},
            frames={"profitability": ("revenue", "profit")},
            numbers={"profitability": ("revenue", "profit")},
            fractions=("share",),
        ),
        Target(tiers.pareto_curve, lambda: {"values": profit().abs()}, series=("values",)),
        Target(
            tiers.abc_summary,
            lambda: {"curve": tiers.pareto_curve(profit().abs())},
            frames={"curve": ("value", "abc")},
            numbers={"curve": ("value",)},
        ),
        Target(
            tiers.small_order_fee,
            lambda: {"order_lines": order_lines(), "threshold": 100, "fee": 10, "as_of": AS_OF},
            frames={"order_lines": ORDER_COLUMNS},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            timestamps=("as_of",),
            optional_timestamps=("start",),
            positive=("threshold",),
            non_negative=("fee",),
        ),
        Target(
            tiers.pyramid_tiers,
            lambda: {"profit": profit()},
            series=("profit",),
            flags=("heavy_lead",),
        ),
        Target(tiers.pyramid_summary, lambda: {"profit": profit()}, series=("profit",)),
        Target(
            tiers.year_profitability,
            lambda: {
                "customers": ch02.customers(),
                "order_lines": ch02.order_lines(),
                "service_events": ch02.service_events(),
                "invoices": ch02.invoices(),
                "payments": ch02.payments(),
                "year": 2025,
            },
            frames={"customers": ("customer_id",), "order_lines": ch02.ORDER_COLUMNS},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            whole_numbers={"year": 1900},
        ),
        Target(
            tiers.rfm_table,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF},
            frames={"order_lines": ORDER_COLUMNS},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("revenue",)},
            timestamps=("as_of",),
            optional_timestamps=("start",),
        ),
        Target(
            tiers.rfm_scores,
            lambda: {"rfm": rfm(), "bins": 5},
            frames={"rfm": ("recency_days", "frequency", "monetary")},
            numbers={"rfm": ("recency_days", "frequency", "monetary")},
            whole_numbers={"bins": 2},
        ),
        Target(
            tiers.rfm_segments,
            lambda: {"scores": tiers.rfm_scores(rfm())},
            frames={"scores": SCORE_COLUMNS},
            numbers={"scores": SCORE_COLUMNS},
        ),
        Target(
            tiers.tier_summary,
            lambda: {"table": profitability(), "tiers": tier_labels()},
            frames={"table": ("profit",)},
            numbers={"table": ("profit", "revenue")},
        ),
        Target(
            tiers.tier_costs,
            lambda: {"profitability": profitability(), "tiers": tier_labels()},
            frames={"profitability": ("revenue", "cost_to_serve")},
            numbers={"profitability": ("revenue", "cost_to_serve", "delivery")},
        ),
        Target(
            plots.pyramids,
            lambda: {"summary": tiers.pyramid_summary(profit(), (0.1, 0.3, 0.6))},
            frames={"summary": ("customer_share", "profit_share")},
            numbers={"summary": ("customer_share", "profit_share")},
            axes=("ax",),
        ),
        Target(
            plots.pareto_curves,
            lambda: {"curves": {"profit": tiers.pareto_curve(profit().abs())}},
            axes=("ax",),
        ),
        Target(
            plots.migration_heatmap,
            lambda: {"shares": tiers.migration_shares(counts())},
            frames={"shares": ()},
            numbers={"shares": ("gold",)},
            axes=("ax",),
        ),
        Target(
            plots.selling_time,
            lambda: {"table": selling_table()},
            frames={"table": SELLING_COLUMNS},
            numbers={"table": SELLING_COLUMNS},
            axes=("ax",),
        ),
        Target(
            widgets.pyramid_explorer,
            lambda: {"profit": profit()},
            series=("profit",),
            guard=no_widgets,
        ),
    ]
)

globals().update(
    generic_tests(
        TARGETS,
        Generic(fast=FAST, numpy_integers=True, series_kinds=("text", "missing", "bool")),
    )
)


# --------------------------------------------------------------------------- function-specific

LABELLED = [
    (tiers.selling_time, lambda bad: {"service_events": service_events(), "groups": bad}, "groups"),
    (tiers.migration_matrix, lambda bad: {"before": bad, "after": tier_labels()}, "before"),
    (tiers.migration_matrix, lambda bad: {"before": tier_labels(), "after": bad}, "after"),
    (tiers.tier_moves, lambda bad: {"before": bad, "after": tier_labels()}, "before"),
    (tiers.tier_moves, lambda bad: {"before": tier_labels(), "after": bad}, "after"),
    (tiers.tier_summary, lambda bad: {"table": profitability(), "tiers": bad}, "tiers"),
    (tiers.tier_costs, lambda bad: {"profitability": profitability(), "tiers": bad}, "tiers"),
    (tiers.move_up_effect, lambda bad: {"profitability": profitability(), "tiers": bad}, "tiers"),
]
BAD_LABELS = [
    pytest.param(["gold", "iron"], id="list"),
    pytest.param("gold", id="text"),
    pytest.param(tier_labels().replace("gold", "Gold"), id="misspelt"),
    pytest.param(tier_labels().mask(tier_labels() == "iron"), id="missing"),
    pytest.param(pd.concat([tier_labels(), tier_labels()]), id="repeated"),
]


@pytest.mark.parametrize(
    ("function", "arguments", "argument"), LABELLED, ids=lambda x: getattr(x, "__name__", str(x))
)
@pytest.mark.parametrize("bad", BAD_LABELS)
def test_bad_tier_labels(
    function: Callable[..., Any], arguments: Any, argument: str, bad: Any
) -> None:
    expect_clear_error(
        lambda: function(**arguments(bad)),
        argument,
        "tier",
        what=f"{function.__name__}({argument})",
    )


@pytest.mark.parametrize("function", [tiers.tier_summary, tiers.tier_costs, tiers.move_up_effect])
def test_tiers_name_customers_the_table_lacks(function: Callable[..., Any]) -> None:
    expect_clear_error(
        lambda: function(profitability().iloc[:5], tier_labels()), "tiers", what="fewer rows"
    )


@pytest.mark.parametrize("argument", ["from_tier", "to_tier"])
def test_move_up_effect_unknown_tier(argument: str) -> None:
    expect_clear_error(
        lambda: tiers.move_up_effect(profitability(), tier_labels(), **{argument: "silver"}),
        argument,
        what=f"{argument}='silver'",
    )


CUT_FUNCTIONS = [
    (tiers.customer_groups, (0.1, 0.4)),
    (tiers.pyramid_tiers, (0.01, 0.05, 0.2)),
    (tiers.pyramid_summary, (0.01, 0.05, 0.2)),
    (tiers.pareto_curve, (0.8, 0.95)),
]


@pytest.mark.parametrize(
    ("function", "good"), CUT_FUNCTIONS, ids=lambda x: getattr(x, "__name__", "")
)
@pytest.mark.parametrize(
    "bad",
    [
        "top",
        0.1,
        (0.1,),
        (0.5, 0.2, 0.1),
        (0.0, 0.5, 0.9),
        (1.5, 2, 3),
        ("a", "b", "c"),
        (True, 0.5, 0.9),
    ],
    ids=repr,
)
def test_bad_cutoffs(function: Callable[..., Any], good: tuple[float, ...], bad: Any) -> None:
    if isinstance(bad, tuple) and len(bad) > len(good):
        bad = bad[: len(good)]  # the same mistake with the function's number of cut-offs
    expect_clear_error(lambda: function(profit().abs(), bad), "cutoffs", what=f"cutoffs={bad!r}")


@pytest.mark.parametrize(
    "function", [tiers.customer_groups, tiers.pyramid_tiers, tiers.pareto_curve]
)
def test_empty_or_repeated_values(function: Callable[..., Any]) -> None:
    expect_clear_error(
        lambda: function(pd.Series([], dtype="float64")), "profit", "values", what="empty"
    )
    repeated = pd.Series([3.0, 2.0], index=["A", "A"])
    expect_clear_error(lambda: function(repeated), "profit", "values", what="repeated customers")


def test_pareto_curve_needs_a_positive_total() -> None:
    expect_clear_error(lambda: tiers.pareto_curve(-profit().abs()), "values", what="negative total")


def test_abc_summary_no_rows() -> None:
    curve = tiers.pareto_curve(profit().abs()).iloc[:0]
    expect_clear_error(lambda: tiers.abc_summary(curve), "curve", what="no rows")


def test_migration_shares_negative_counts() -> None:
    expect_clear_error(lambda: tiers.migration_shares(-counts()), "counts", what="negative")


@pytest.mark.parametrize("ties", ["min", "average", None, 1], ids=repr)
def test_rfm_scores_bad_ties(ties: Any) -> None:
    expect_clear_error(lambda: tiers.rfm_scores(rfm(), ties=ties), "ties", what=f"ties={ties!r}")


def test_rfm_scores_no_rows() -> None:
    expect_clear_error(lambda: tiers.rfm_scores(rfm().iloc[:0]), "rfm", what="no rows")


def test_rfm_segments_scores_out_of_range() -> None:
    scores = tiers.rfm_scores(rfm(), bins=7)
    expect_clear_error(lambda: tiers.rfm_segments(scores), "scores", what="7 bins")


def test_year_profitability_year_without_buyers() -> None:
    frames = [ch02.customers(), ch02.order_lines(), ch02.service_events(), ch02.invoices()]
    expect_clear_error(
        lambda: tiers.year_profitability(*frames, ch02.payments(), 2020), "2020", what="2020"
    )


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {},
        "profit",
        pd.DataFrame({"x": [1.0]}),
        {"a": pd.DataFrame({"customer_share": [0.1]})},
    ],
    ids=["none", "list", "empty", "text", "frame", "no-cumulative-share"],
)
def test_pareto_curves_bad_curves(bad: Any) -> None:
    expect_clear_error(
        lambda: plots.pareto_curves(bad), "curves", "cumulative_share", what=f"curves={bad!r:.40}"
    )


@pytest.mark.parametrize(
    ("function", "argument", "frame"),
    [
        (plots.pyramids, "summary", lambda: tiers.pyramid_summary(profit()).iloc[:0]),
        (plots.migration_heatmap, "shares", lambda: tiers.migration_shares(counts()).iloc[:0]),
        (plots.selling_time, "table", lambda: selling_table().iloc[:0]),
    ],
    ids=["pyramids", "migration_heatmap", "selling_time"],
)
def test_plots_with_no_rows(
    function: Callable[..., Any], argument: str, frame: Callable[[], Any]
) -> None:
    expect_clear_error(lambda: function(frame()), argument, what=f"{function.__name__}(no rows)")


def test_explorer_checks_before_building_widgets() -> None:
    with no_widgets():
        expect_clear_error(lambda: widgets.pyramid_explorer("profit"), "profit", what="text")
        expect_clear_error(
            lambda: widgets.pyramid_explorer(profit().astype(str)), "profit", what="numbers as text"
        )


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_bad_tier_labels, tuple({function for function, _, _ in LABELLED})),
    (
        test_tiers_name_customers_the_table_lacks,
        (tiers.tier_summary, tiers.tier_costs, tiers.move_up_effect),
    ),
    (test_move_up_effect_unknown_tier, (tiers.move_up_effect,)),
    (test_bad_cutoffs, tuple(function for function, _ in CUT_FUNCTIONS)),
    (
        test_empty_or_repeated_values,
        (tiers.customer_groups, tiers.pyramid_tiers, tiers.pareto_curve),
    ),
    (test_pareto_curve_needs_a_positive_total, (tiers.pareto_curve,)),
    (test_abc_summary_no_rows, (tiers.abc_summary,)),
    (test_migration_shares_negative_counts, (tiers.migration_shares,)),
    (test_rfm_scores_bad_ties, (tiers.rfm_scores,)),
    (test_rfm_scores_no_rows, (tiers.rfm_scores,)),
    (test_rfm_segments_scores_out_of_range, (tiers.rfm_segments,)),
    (test_year_profitability_year_without_buyers, (tiers.year_profitability,)),
    (test_pareto_curves_bad_curves, (plots.pareto_curves,)),
    (test_plots_with_no_rows, (plots.pyramids, plots.migration_heatmap, plots.selling_time)),
    (test_explorer_checks_before_building_widgets, (widgets.pyramid_explorer,)),
]

globals().update(coverage_tests(tiers, checks_by_name(TARGETS, SPECIFIC_TESTS), globals()))
