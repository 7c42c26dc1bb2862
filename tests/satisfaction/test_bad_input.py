"""Bad input to every public function of crmkit.satisfaction: its concept files, plots and explorer.

The house rule: bad input gets a ValueError or TypeError whose message names the argument or
the missing column, never a silent wrong result and never a bare KeyError from deep inside
pandas or matplotlib. ``TARGETS`` declares valid arguments (tables.py) and what counts as bad
input; ``BAD_INPUT`` at the bottom maps every public function to the checks that cover it, and
``test_every_public_function_is_covered`` finds the public functions by introspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from crmkit import satisfaction
from crmkit.satisfaction import plots, widgets
from crmkit.vocabulary import SURVEY_COMPONENTS

from tests.bad_input_support import (
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
from tests.satisfaction.tables import (
    big_survey,
    complaints,
    customers,
    order_lines,
    profile,
    survey,
    teams,
)

FAST = fast(max_examples=8)
EXPECT = tuple(f"expect_{c}" for c in SURVEY_COMPONENTS)
PERCEIVE = tuple(f"perceive_{c}" for c in SURVEY_COMPONENTS)
IMPORTANCE = tuple(f"importance_{c}" for c in SURVEY_COMPONENTS)


def gaps() -> pd.DataFrame:
    return satisfaction.gap_table(survey())


def ipa() -> pd.DataFrame:
    frame = survey()
    return satisfaction.ipa_table(
        satisfaction.gap_table(frame)["perception"], satisfaction.stated_importance(frame)
    )


TARGETS = targets_by_name(
    [
        Target(
            satisfaction.scores,
            lambda: {"survey": survey(), "kind": "perceive"},
            frames={"survey": PERCEIVE},
            numbers={"survey": PERCEIVE},
        ),
        Target(
            satisfaction.satisfaction_gaps,
            lambda: {"survey": survey()},
            frames={"survey": (*EXPECT, *PERCEIVE)},
            numbers={"survey": (*EXPECT, *PERCEIVE)},
        ),
        Target(
            satisfaction.satisfaction_states,
            lambda: {"survey": survey(), "tolerance": 0.25},
            frames={"survey": (*EXPECT, *PERCEIVE)},
            numbers={"survey": (*EXPECT, *PERCEIVE)},
            non_negative=("tolerance",),
        ),
        Target(
            satisfaction.mean_interval,
            lambda: {"values": pd.DataFrame({"gap": [1.0, 2.0, 3.0]})},
            confidence=True,
        ),
        Target(
            satisfaction.expectation_by,
            lambda: {"survey": survey(), "by": pd.Series(["a", "a", "b", "b"])},
            frames={"survey": EXPECT},
            numbers={"survey": EXPECT},
            confidence=True,
        ),
        Target(
            satisfaction.gap_table,
            lambda: {"survey": survey()},
            frames={"survey": (*EXPECT, *PERCEIVE)},
            numbers={"survey": (*EXPECT, *PERCEIVE)},
            confidence=True,
        ),
        Target(
            satisfaction.stated_importance,
            lambda: {"survey": survey()},
            frames={"survey": IMPORTANCE},
            numbers={"survey": IMPORTANCE},
        ),
        Target(
            satisfaction.derived_importance,
            lambda: {"survey": big_survey()},
            frames={"survey": (*PERCEIVE, "overall_satisfaction")},
            numbers={"survey": (*PERCEIVE, "overall_satisfaction")},
            by=("outcome",),
            confidence=True,
        ),
        Target(
            satisfaction.importance_table,
            lambda: {"survey": big_survey()},
            frames={"survey": (*PERCEIVE, *IMPORTANCE, "overall_satisfaction")},
            numbers={"survey": (*PERCEIVE, *IMPORTANCE, "overall_satisfaction")},
        ),
        Target(
            satisfaction.satisfaction_index,
            lambda: {"survey": survey(), "weights": pd.Series(1.0, index=SURVEY_COMPONENTS)},
            frames={"survey": PERCEIVE},
            numbers={"survey": PERCEIVE},
            series=("weights",),
        ),
        Target(
            satisfaction.ipa_table,
            lambda: {
                "performance": pd.Series({"a": 5.0, "b": 4.0}),
                "importance": pd.Series({"a": 6.0, "b": 3.0}),
            },
            series=("performance", "importance"),
        ),
        Target(
            satisfaction.nps_groups,
            lambda: {"scores": pd.Series([10, 7, 3])},
            series=("scores",),
        ),
        Target(
            satisfaction.net_promoter_score,
            lambda: {"scores": pd.Series([10, 7, 3])},
            series=("scores",),
        ),
        Target(
            satisfaction.nps_table,
            lambda: {"survey": survey(), "by": "customer_id", "runs": 50, "seed": 1},
            frames={"survey": ("likelihood_to_recommend",)},
            numbers={"survey": ("likelihood_to_recommend",)},
            by=("by", "column"),
            whole_numbers={"runs": 1, "seed": 0},
            confidence=True,
        ),
        Target(
            satisfaction.orders_in_window,
            lambda: {"survey": survey(), "order_lines": order_lines()},
            frames={
                "survey": ("customer_id", "survey_date"),
                "order_lines": ("order_id", "customer_id", "order_date"),
            },
            dates={"survey": ("survey_date",), "order_lines": ("order_date",)},
        ),  # fmt: skip
        Target(
            satisfaction.repurchase_by_box,
            lambda: {"survey": survey(), "order_lines": order_lines()},
            frames={
                "survey": ("customer_id", "survey_date", "overall_satisfaction"),
                "order_lines": ("order_id", "customer_id", "order_date"),
            },
            dates={"survey": ("survey_date",), "order_lines": ("order_date",)},
            by=("by",),
            confidence=True,
        ),  # fmt: skip
        Target(
            satisfaction.top_box_lead,
            lambda: {"survey": survey(), "order_lines": order_lines()},
            frames={
                "survey": ("customer_id", "survey_date", "overall_satisfaction"),
                "order_lines": ("order_id", "customer_id", "order_date"),
            },
            dates={"survey": ("survey_date",), "order_lines": ("order_date",)},
            numbers={"survey": ("overall_satisfaction",)},
            confidence=True,
        ),  # fmt: skip
        Target(
            satisfaction.team_mirror,
            lambda: {"survey": survey(), "customers": customers(), "teams": teams()},
            frames={
                "survey": ("customer_id", "overall_satisfaction"),
                "customers": ("customer_id", "team_id"),
                "teams": ("team_id", "employee_satisfaction", "staff_turnover_rate"),
            },
            numbers={
                "survey": ("overall_satisfaction",),
                "teams": ("employee_satisfaction", "staff_turnover_rate"),
            },
        ),  # fmt: skip
        Target(
            satisfaction.satisfaction_measures,
            lambda: {
                "survey": survey(),
                "order_lines": order_lines(),
                "complaints": complaints(),
                "customers": customers(),
            },
            frames={
                "survey": ("customer_id", "survey_date", "overall_satisfaction"),
                "order_lines": ("customer_id", "order_date", "revenue", "quantity", "unit_price"),
                "complaints": ("customer_id", "complaint_date"),
                "customers": ("customer_id", "referred_by", "signup_date"),
            },
            dates={
                "survey": ("survey_date",),
                "order_lines": ("order_date",),
                "complaints": ("complaint_date",),
                "customers": ("signup_date",),
            },
            numbers={"order_lines": ("revenue", "quantity", "unit_price")},
            by=("by",),
            whole_numbers={"days": 1},
        ),  # fmt: skip
        Target(
            satisfaction.value_profiles,
            lambda: {"survey": survey()},
            frames={"survey": PERCEIVE},
            numbers={"survey": PERCEIVE},
        ),
        Target(
            satisfaction.survey_profile,
            lambda: {"survey": survey()},
            frames={"survey": PERCEIVE},
            numbers={"survey": PERCEIVE},
        ),
        Target(
            satisfaction.promise_outcomes,
            lambda: {"response_hours": complaints()["response_hours"], "promises": [24, 48]},
            series=("response_hours",),
            fractions=("early_share",),
        ),
        Target(
            satisfaction.simulate_promise,
            lambda: {
                "response_hours": complaints()["response_hours"],
                "promises": [24],
                "customers": 20,
                "runs": 50,
                "seed": 1,
            },
            series=("response_hours",),
            whole_numbers={"customers": 1, "runs": 1, "seed": 0},
            fractions=("early_share",),
        ),  # fmt: skip
        Target(
            plots.gap_chart,
            lambda: {"gaps": gaps()},
            frames={"gaps": ("gap", "lower", "upper")},
            numbers={"gaps": ("gap", "lower", "upper")},
            axes=("ax",),
        ),
        Target(
            plots.ipa_quadrants,
            lambda: {"ipa": ipa()},
            frames={"ipa": ("performance", "importance", "quadrant")},
            numbers={"ipa": ("performance", "importance")},
            axes=("ax",),
        ),
        Target(
            plots.repurchase_by_box,
            lambda: {"repurchase": satisfaction.repurchase_by_box(survey(), order_lines())},
            frames={"repurchase": ("rate", "lower", "upper")},
            numbers={"repurchase": ("rate", "lower", "upper")},
            axes=("ax",),
        ),
        Target(
            plots.nps_intervals,
            lambda: {"nps": satisfaction.nps_table(survey(), runs=50)},
            frames={"nps": ("nps", "lower", "upper")},
            numbers={"nps": ("nps", "lower", "upper")},
            axes=("ax",),
        ),
        Target(
            plots.delivered_value,
            lambda: {"profile": profile()},
            axes=("ax",),
        ),
    ]
)

globals().update(
    generic_tests(
        TARGETS,
        Generic(fast=FAST, numpy_integers=True, series_kinds=("text",), empty_tables=True),
    )
)


# --------------------------------------------------------------------------- function-specific


@pytest.mark.parametrize(
    "bad", [None, [1, 2], pd.Series(["a", "b"]), pd.Series(["a"] * 4, index=[5, 6, 7, 8])]
)
def test_expectation_by_needs_groups_on_the_survey(bad: Any) -> None:
    expect_clear_error(lambda: satisfaction.expectation_by(survey(), bad), "by", what=repr(bad))


@pytest.mark.parametrize(
    "bad", [None, [1.0, 2.0], pd.DataFrame(), pd.DataFrame({"gap": ["1", "2"]})]
)
def test_mean_interval_needs_a_table_of_numbers(bad: Any) -> None:
    expect_clear_error(lambda: satisfaction.mean_interval(bad), "values", what=repr(bad)[:40])


def test_scores_kind() -> None:
    expect_clear_error(lambda: satisfaction.scores(survey(), "hope"), "kind", what="kind")


def test_derived_importance_too_few_rows() -> None:
    expect_clear_error(lambda: satisfaction.derived_importance(survey()), "survey", what="4 rows")


@pytest.mark.parametrize(
    "weights",
    [pd.Series({"product": 1.0}), pd.Series(-1.0, index=SURVEY_COMPONENTS), [1.0] * 8],
)
def test_satisfaction_index_bad_weights(weights: Any) -> None:
    expect_clear_error(
        lambda: satisfaction.satisfaction_index(survey(), weights), "weights", what=repr(weights)
    )


def test_ipa_bad_components() -> None:
    one = pd.Series({"a": 1.0})
    expect_clear_error(lambda: satisfaction.ipa_table(one, one), "performance", what="one")
    two, other = pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"a": 1.0, "c": 2.0})
    expect_clear_error(lambda: satisfaction.ipa_table(two, other), "importance", what="mismatch")


def test_recommend_scores_out_of_range() -> None:
    for function in (satisfaction.nps_groups, satisfaction.net_promoter_score):
        expect_clear_error(lambda f=function: f(pd.Series([11])), "scores", what=function.__name__)
    expect_clear_error(
        lambda: satisfaction.net_promoter_score(pd.Series([], dtype=float)), "scores", what="empty"
    )
    bad = survey().assign(likelihood_to_recommend=12)
    expect_clear_error(lambda: satisfaction.nps_table(bad), "survey", what="table")


def test_window_must_be_increasing() -> None:
    expect_clear_error(
        lambda: satisfaction.orders_in_window(survey(), order_lines(), 200, 100),
        "end_days",
        what="200 > 100",
    )
    for bad in (1.5, "180", True, None):
        expect_clear_error(
            lambda b=bad: satisfaction.orders_in_window(survey(), order_lines(), start_days=b),
            "start_days",
            what=repr(bad),
        )


@pytest.mark.parametrize("top", [(6,), 5, "5"])
def test_top_box_lead_bad_boxes(top: Any) -> None:
    expect_clear_error(
        lambda: satisfaction.top_box_lead(survey(), order_lines(), top), "top_boxes", what=repr(top)
    )


def test_top_box_lead_needs_both_groups() -> None:
    frame = survey().assign(overall_satisfaction=5)
    expect_clear_error(
        lambda: satisfaction.top_box_lead(frame, order_lines()), "top_boxes", what="all top"
    )


@pytest.mark.parametrize("bad", [profile() * 2, profile().drop("image"), [1.0] * 8,
                                 profile().astype(str).replace("6.0", "six")])  # fmt: skip
def test_delivered_value_bad_profiles(bad: Any) -> None:
    expect_clear_error(lambda: satisfaction.delivered_value(bad), "components", what=repr(bad)[:40])
    expect_clear_error(lambda: plots.delivered_value(bad), "components", what="plot")
    with no_widgets():
        expect_clear_error(
            lambda: widgets.delivered_value_explorer(bad), "components", what="explorer"
        )


@pytest.mark.parametrize("promises", [24, "24", [], [0], [-5], ["a"]])
def test_bad_promises(promises: Any) -> None:
    hours = complaints()["response_hours"]
    for function in (satisfaction.promise_outcomes, satisfaction.simulate_promise):
        expect_clear_error(lambda f=function: f(hours, promises), "promises", what=repr(promises))


def test_bad_response_hours() -> None:
    for bad in (pd.Series([-1.0]), pd.Series([None], dtype=float)):
        expect_clear_error(
            lambda b=bad: satisfaction.promise_outcomes(b, [24]), "response_hours", what=repr(bad)
        )


def test_plots_with_no_rows() -> None:
    expect_clear_error(lambda: plots.gap_chart(gaps().iloc[:0]), "gaps", what="no rows")
    expect_clear_error(lambda: plots.ipa_quadrants(ipa().iloc[:0]), "ipa", what="no rows")
    table = satisfaction.nps_table(survey(), runs=50)
    expect_clear_error(lambda: plots.nps_intervals(table.iloc[:0]), "nps", what="no rows")
    rates = satisfaction.repurchase_by_box(survey(), order_lines()).iloc[:0]
    expect_clear_error(lambda: plots.repurchase_by_box(rates), "repurchase", what="no rows")


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_expectation_by_needs_groups_on_the_survey, (satisfaction.expectation_by,)),
    (test_mean_interval_needs_a_table_of_numbers, (satisfaction.mean_interval,)),
    (test_scores_kind, (satisfaction.scores,)),
    (test_derived_importance_too_few_rows, (satisfaction.derived_importance,)),
    (test_satisfaction_index_bad_weights, (satisfaction.satisfaction_index,)),
    (test_ipa_bad_components, (satisfaction.ipa_table,)),
    (
        test_recommend_scores_out_of_range,
        (satisfaction.nps_groups, satisfaction.net_promoter_score, satisfaction.nps_table),
    ),
    (test_window_must_be_increasing, (satisfaction.orders_in_window,)),
    (test_top_box_lead_bad_boxes, (satisfaction.top_box_lead,)),
    (test_top_box_lead_needs_both_groups, (satisfaction.top_box_lead,)),
    (
        test_delivered_value_bad_profiles,
        (satisfaction.delivered_value, plots.delivered_value, widgets.delivered_value_explorer),
    ),
    (test_bad_promises, (satisfaction.promise_outcomes, satisfaction.simulate_promise)),
    (test_bad_response_hours, (satisfaction.promise_outcomes,)),
    (
        test_plots_with_no_rows,
        (plots.gap_chart, plots.ipa_quadrants, plots.nps_intervals, plots.repurchase_by_box),
    ),
]

BAD_INPUT = checks_by_name(TARGETS, SPECIFIC_TESTS)

globals().update(coverage_tests(satisfaction, BAD_INPUT, globals()))
