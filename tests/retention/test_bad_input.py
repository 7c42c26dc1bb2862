"""Bad input to every public function of crmkit.retention (but its models/ subpackage, whose
own file is tests/retention/models/test_bad_input.py): concept files, plots and explorers.

``TARGETS`` declares, for every public function, valid arguments (the small tables of
tables.py) and what counts as bad input; the generic tests of tests/bad_input_support.py feed
each kind of bad input to each function. ``test_every_public_function_is_covered`` finds the
public functions of every module of crmkit.retention outside models/ by introspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from crmkit import retention
from crmkit.retention import plots, widgets

from tests.bad_input_support import (
    Generic,
    Target,
    assert_covered,
    check_entries,
    checks_by_name,
    expect_clear_error,
    fast,
    generic_tests,
    no_widgets,
    package_modules,
    public_callables,
    targets_by_name,
)
from tests.retention.tables import (
    AS_OF,
    ORDER_COLUMNS,
    customers,
    order_lines,
    products,
    profit_after,
    profit_before,
    survival,
    teams,
)

FAST = fast(max_examples=6)
MONEY = ("revenue", "cost_of_goods")
TEAM_COLUMNS = ("team_id", "serves", "staff_turnover_rate", "employee_satisfaction")


def matrix() -> pd.DataFrame:
    return retention.cohort_matrix(order_lines(), as_of=AS_OF)


def sizes() -> pd.Series:
    return retention.cohort_sizes(order_lines(), as_of=AS_OF)


def _frames(*extra: str) -> dict[str, Any]:
    return {"frames": {"order_lines": ORDER_COLUMNS + extra}, "dates": {"order_lines": ("order_date",)}}


TARGETS = targets_by_name(
    [
        Target(
            retention.lost_customer_value,
            lambda: {"spend_per_week": 50.0, "people_told": 10},
            non_negative=("spend_per_week", "weeks_per_year", "years", "people_told"),
            fractions=("share_who_stop",),
        ),
        Target(retention.win_vs_keep, lambda: {"keep_cost": 40.0, "multiple": 5},
               non_negative=("keep_cost", "multiple")),  # fmt: skip
        Target(
            retention.retention_rates,
            lambda: {"order_lines": order_lines(), "customers": customers(), "segment": "consumer",
                     "as_of": AS_OF},  # fmt: skip
            **_frames(),
            timestamps=("as_of",),
        ),
        Target(
            retention.walkout_table,
            lambda: {"customers": customers(), "order_lines": order_lines(), "year": 2025},
            frames={"customers": ("customer_id", "segment", "signup_date", "acquisition_cost"),
                    "order_lines": ORDER_COLUMNS + MONEY},  # fmt: skip
            dates={"customers": ("signup_date",), "order_lines": ("order_date",)},
            numbers={"customers": ("acquisition_cost",), "order_lines": MONEY},
            whole_numbers={"year": 1900},
        ),
        Target(
            retention.cohort_matrix,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF},
            **_frames(),
            timestamps=("as_of",),
            whole_numbers={"lost_after_days": 1},
        ),
        Target(retention.cohort_sizes, lambda: {"order_lines": order_lines(), "as_of": AS_OF},
               **_frames(), timestamps=("as_of",)),  # fmt: skip
        Target(retention.average_curve, lambda: {"matrix": matrix(), "sizes": sizes()},
               frames={"matrix": ()}, series=("sizes",)),  # fmt: skip
        Target(retention.retention_by_age, lambda: {"curve": pd.Series([1.0, 0.5])},
               series=("curve",)),  # fmt: skip
        Target(retention.simple_clv, lambda: {"margin": 100.0, "retention": 0.8, "discount": 0.1},
               fractions=("retention", "discount")),  # fmt: skip
        Target(retention.clv_grid, lambda: {"margin": 100.0, "discount": 0.1},
               fractions=("discount",)),  # fmt: skip
        Target(retention.survival_clv,
               lambda: {"margin": 10.0, "survival": survival(), "discount": 0.1},
               series=("survival",), fractions=("discount",)),  # fmt: skip
        Target(
            retention.cohort_clv,
            lambda: {"order_lines": order_lines(), "discount": 0.1, "as_of": AS_OF},
            frames={"order_lines": ORDER_COLUMNS + MONEY},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": MONEY},
            fractions=("discount",),
            timestamps=("as_of",),
        ),
        Target(retention.expected_periods, lambda: {"retention": 0.8}, fractions=("retention",)),
        Target(retention.profit_transitions,
               lambda: {"before": profit_before(), "after": profit_after()},
               series=("before", "after"), flags=("shares",)),  # fmt: skip
        Target(
            retention.category_breadth,
            lambda: {"order_lines": order_lines(), "products": products(), "days": 90},
            frames={"order_lines": ("customer_id", "product_id", "order_date"),
                    "products": ("product_id", "category")},  # fmt: skip
            dates={"order_lines": ("order_date",)},
            whole_numbers={"days": 0},
        ),
        Target(
            retention.retention_by_breadth,
            lambda: {"order_lines": order_lines(), "products": products(), "as_of": "2026-03-01"},
            frames={"order_lines": ("customer_id", "product_id", "order_date"),
                    "products": ("product_id", "category")},  # fmt: skip
            dates={"order_lines": ("order_date",)},
            whole_numbers={"days": 0, "cap": 1},
            timestamps=("as_of",),
        ),
        Target(
            retention.team_retention,
            lambda: {"order_lines": order_lines(), "customers": customers(), "teams": teams(),
                     "year": 2025},
            frames={"order_lines": ORDER_COLUMNS, "customers": ("customer_id", "team_id"),
                    "teams": TEAM_COLUMNS},  # fmt: skip
            dates={"order_lines": ("order_date",)},
            numbers={"teams": ("staff_turnover_rate", "employee_satisfaction")},
            whole_numbers={"year": 1900},
        ),
        Target(plots.lost_customer, lambda: {"values": retention.lost_customer_value()},
               series=("values",), axes=("ax",)),  # fmt: skip
        Target(plots.cohort_heatmap, lambda: {"matrix": matrix()}, frames={"matrix": ()},
               axes=("ax",)),  # fmt: skip
        Target(plots.survival_curves, lambda: {"curves": {"a": pd.Series([1.0, 0.5])}},
               axes=("ax",)),  # fmt: skip
        Target(plots.clv_by_retention, lambda: {"grid": retention.clv_grid(100.0, 0.1)},
               frames={"grid": ("clv",)}, numbers={"grid": ("clv",)}, axes=("ax",)),  # fmt: skip
        Target(plots.cohort_clv_curves,
               lambda: {"table": retention.cohort_clv(order_lines(), as_of=AS_OF)},
               frames={"table": ()}, axes=("ax",)),  # fmt: skip
        Target(
            plots.team_retention,
            lambda: {"table": retention.team_retention(order_lines(), customers(), teams())},
            frames={"table": ("serves", "staff_turnover_rate", "retention_rate")},
            numbers={"table": ("staff_turnover_rate", "retention_rate")},
            axes=("ax",),
        ),
        Target(
            plots.breadth_retention,
            lambda: {"table": retention.retention_by_breadth(order_lines(), products(),
                                                             as_of="2026-03-01")},  # fmt: skip
            frames={"table": ("rate", "lower", "upper")},
            numbers={"table": ("rate", "lower", "upper")},
            axes=("ax",),
        ),
        Target(widgets.lost_customer_explorer, lambda: {}, non_negative=("spend_per_week",),
               fractions=("share_who_stop",), guard=no_widgets),  # fmt: skip
        Target(widgets.clv_explorer, lambda: {"margin": 1000.0, "retention": 0.7},
               fractions=("retention", "discount"), guard=no_widgets),  # fmt: skip
    ]
)

globals().update(generic_tests(TARGETS, Generic(fast=FAST, numpy_integers=True,
                                                series_kinds=("text", "missing", "bool"))))  # fmt: skip


# --------------------------------------------------------------------------- function-specific


def test_segment_needs_customers_and_a_known_name() -> None:
    expect_clear_error(lambda: retention.retention_rates(order_lines(), segment="consumer"),
                       "customers", what="segment without customers")  # fmt: skip
    expect_clear_error(
        lambda: retention.cohort_matrix(order_lines(), customers(), "Consumer"), "segment",
        what="misspelt segment",
    )


@pytest.mark.parametrize("bad", ["A", "year", None, 12], ids=repr)
def test_bad_freq(bad: Any) -> None:
    expect_clear_error(lambda: retention.retention_rates(order_lines(), freq=bad), "freq",
                       what=f"freq={bad!r}")  # fmt: skip


@pytest.mark.parametrize("bad", ["alive", None, 1], ids=repr)
def test_bad_kind(bad: Any) -> None:
    expect_clear_error(lambda: retention.cohort_matrix(order_lines(), kind=bad), "kind",
                       what=f"kind={bad!r}")  # fmt: skip


def test_too_few_periods_or_no_orders() -> None:
    expect_clear_error(lambda: retention.retention_rates(order_lines(), as_of="2024-06-30"),
                       "two whole periods", what="one year only")  # fmt: skip
    expect_clear_error(lambda: retention.cohort_matrix(order_lines(), as_of="2020-01-01"),
                       "order_lines", what="no orders before as_of")  # fmt: skip


def test_margin_must_be_a_number() -> None:
    for function in (retention.simple_clv, retention.survival_clv):
        arguments = {"simple_clv": (0.8, 0.1), "survival_clv": (survival(), 0.1)}[function.__name__]
        expect_clear_error(lambda f=function, a=arguments: f("100", *a), "margin", what="text")
    expect_clear_error(lambda: retention.clv_grid("100", 0.1), "margin", what="text")
    expect_clear_error(lambda: retention.simple_clv(1.0, 1.0, 0.0), "retention", what="r=1, d=0")
    expect_clear_error(lambda: retention.expected_periods(1.0), "retention", what="r=1")


@pytest.mark.parametrize("bad", ["0.5", [1.0, 0.5], 0.9, [], [0.5, 1.0]], ids=repr)
def test_clv_grid_bad_retentions(bad: Any) -> None:
    expect_clear_error(lambda: retention.clv_grid(100.0, 0.1, bad), "retentions",
                       what=f"retentions={bad!r}")  # fmt: skip


def test_survival_must_hold_shares() -> None:
    expect_clear_error(lambda: retention.survival_clv(1.0, survival() * 100, 0.1), "survival",
                       what="percentages")  # fmt: skip
    expect_clear_error(lambda: retention.retention_by_age(pd.Series([1.0])), "curve",
                       what="one age")  # fmt: skip


def test_average_curve_needs_matching_sizes() -> None:
    expect_clear_error(lambda: retention.average_curve(matrix(), sizes().iloc[:1]), "sizes",
                       what="missing cohorts")  # fmt: skip
    expect_clear_error(lambda: retention.average_curve(matrix().iloc[:0], sizes()), "matrix",
                       what="no rows")  # fmt: skip
    expect_clear_error(lambda: retention.average_curve(matrix().astype(str).replace("nan", "x"),
                                                       sizes()), "matrix", what="text")  # fmt: skip


def test_profit_transitions_repeated_or_empty() -> None:
    repeated = pd.concat([profit_before(), profit_before()])
    expect_clear_error(lambda: retention.profit_transitions(repeated, profit_after()), "before",
                       what="repeated")  # fmt: skip
    expect_clear_error(lambda: retention.profit_transitions(profit_before(), profit_after()[:0]),
                       "after", what="empty")  # fmt: skip


def test_breadth_unknown_products_and_nobody_old_enough() -> None:
    expect_clear_error(lambda: retention.category_breadth(order_lines(), products().iloc[:1]),
                       "products", what="missing products")  # fmt: skip
    twice = pd.concat([products(), products()])
    expect_clear_error(lambda: retention.category_breadth(order_lines(), twice), "products",
                       what="repeated products")  # fmt: skip
    expect_clear_error(lambda: retention.retention_by_breadth(order_lines(), products(),
                                                              as_of=AS_OF), "two years",
                       what="too young")  # fmt: skip


def test_walkout_and_teams_need_a_year_before() -> None:
    expect_clear_error(lambda: retention.walkout_table(customers(), order_lines(), 2024), "year",
                       what="first year")  # fmt: skip
    expect_clear_error(lambda: retention.team_retention(order_lines(), customers(), teams(), 2024),
                       "2023", what="no year before")  # fmt: skip


@pytest.mark.parametrize("bad", [None, {}, [pd.Series([1.0])], {"a": [1.0, 0.5]}], ids=repr)
def test_survival_curves_bad_curves(bad: Any) -> None:
    expect_clear_error(lambda: plots.survival_curves(bad), "curves", what=f"curves={bad!r}")


@pytest.mark.parametrize(
    ("function", "argument", "bad"),
    [
        (plots.lost_customer, "values", pd.Series({"direct": 1.0})),
        (plots.cohort_heatmap, "matrix", pd.DataFrame()),
        (plots.cohort_clv_curves, "table", pd.DataFrame({0: ["a"]})),
        (plots.clv_by_retention, "grid", retention.clv_grid(1.0, 0.1).iloc[:0]),
    ],
    ids=["lost_customer", "cohort_heatmap", "cohort_clv_curves", "clv_by_retention"],
)
def test_plots_with_wrong_tables(function: Callable[..., Any], argument: str, bad: Any) -> None:
    expect_clear_error(lambda: function(bad), argument, what=f"{function.__name__}")


def test_explorers_check_before_building_widgets() -> None:
    with no_widgets():
        expect_clear_error(lambda: widgets.lost_customer_explorer(people_told=-1), "people_told",
                           what="negative")  # fmt: skip
        expect_clear_error(lambda: widgets.clv_explorer(1000.0, 0.99), "retention", what="0.99")
        expect_clear_error(lambda: widgets.clv_explorer("1000", 0.5), "margin", what="text")


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_segment_needs_customers_and_a_known_name, (retention.retention_rates,)),
    (test_bad_freq, (retention.retention_rates,)),
    (test_bad_kind, (retention.cohort_matrix,)),
    (test_too_few_periods_or_no_orders, (retention.retention_rates, retention.cohort_matrix)),
    (test_margin_must_be_a_number, (retention.simple_clv, retention.survival_clv,
                                    retention.clv_grid, retention.expected_periods)),  # fmt: skip
    (test_clv_grid_bad_retentions, (retention.clv_grid,)),
    (test_survival_must_hold_shares, (retention.survival_clv, retention.retention_by_age)),
    (test_average_curve_needs_matching_sizes, (retention.average_curve,)),
    (test_profit_transitions_repeated_or_empty, (retention.profit_transitions,)),
    (test_breadth_unknown_products_and_nobody_old_enough,
     (retention.category_breadth, retention.retention_by_breadth)),  # fmt: skip
    (test_walkout_and_teams_need_a_year_before, (retention.walkout_table, retention.team_retention)),
    (test_survival_curves_bad_curves, (plots.survival_curves,)),
    (test_plots_with_wrong_tables, (plots.lost_customer, plots.cohort_heatmap,
                                    plots.cohort_clv_curves, plots.clv_by_retention)),  # fmt: skip
    (test_explorers_check_before_building_widgets,
     (widgets.lost_customer_explorer, widgets.clv_explorer)),  # fmt: skip
]
CHECKS = checks_by_name(TARGETS, SPECIFIC_TESTS)


def test_every_public_function_is_covered() -> None:
    """Each module of crmkit.retention outside models/ is found, each public function checked."""
    modules = [m for m in package_modules(retention)
               if not m.__name__.startswith("crmkit.retention.models")]  # fmt: skip
    found = {module.__name__: public_callables(module) for module in modules}
    files = [name for name in found if not name.rsplit(".", 1)[-1].startswith("_")]
    empty = [name for name in files if name != retention.__name__ and not found[name]]
    assert not empty, f"introspection found no public function in {empty}"
    assert_covered(set().union(*found.values()), CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_bad_input_entries_are_real_checks(name: str) -> None:
    check_entries(name, CHECKS[name], globals())
