"""Bad input to every public function of crmkit.communication: its concept files, plots and explorer.

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
from crmkit import communication
from crmkit.communication import plots, widgets

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
from tests.communication.tables import communications, complaints, profit, rates, response_values

FAST = fast(max_examples=8)
HANDLED = ("resolution", "resolution_hours", "outcome")


def economics() -> pd.DataFrame:
    return communication.channel_economics(rates(), response_values())


def retention() -> pd.DataFrame:
    return communication.retention_by_handling(complaints())


TARGETS = targets_by_name(
    [
        Target(
            communication.channel_mix,
            lambda: {"communications": communications()},
            frames={"communications": ("direction", "channel")},
        ),
        Target(
            communication.response_rates,
            lambda: {"communications": communications()},
            frames={"communications": ("direction", "responded", "channel")},
            confidence=True,
        ),
        Target(
            communication.value_groups,
            lambda: {"profit": profit(), "high": 0.2, "middle": 0.3},
            series=("profit",),
            fractions=("high", "middle"),
        ),
        Target(
            communication.channel_economics,
            lambda: {"rates": rates(), "response_values": response_values()},
            series=("rates", "response_values"),
        ),
        Target(
            communication.best_channel,
            lambda: {"economics": economics()},
            frames={"economics": ("net_per_contact",)},
            numbers={"economics": ("net_per_contact",)},
        ),
        Target(
            communication.complaint_pareto,
            lambda: {"complaints": complaints(), "by": "category"},
            frames={"complaints": ("category",)},
            by=("by",),
        ),
        Target(
            communication.handling_groups,
            lambda: {"complaints": complaints(), "fast_hours": 48},
            frames={"complaints": ("resolution", "resolution_hours")},
            numbers={"complaints": ("resolution_hours",)},
            positive=("fast_hours",),
        ),
        Target(
            communication.handling_times,
            lambda: {"complaints": complaints()},
            frames={"complaints": ("response_hours", "resolution_hours")},
            numbers={"complaints": ("response_hours", "resolution_hours")},
        ),
        Target(
            communication.retention_by_handling,
            lambda: {"complaints": complaints(), "fast_hours": 48},
            frames={"complaints": HANDLED},
            numbers={"complaints": ("resolution_hours",)},
            positive=("fast_hours",),
            confidence=True,
        ),
        Target(
            communication.retention_by_speed,
            lambda: {"complaints": complaints()},
            frames={"complaints": HANDLED},
            numbers={"complaints": ("resolution_hours",)},
            confidence=True,
        ),
        Target(
            communication.cited_pattern,
            lambda: {"complaints": complaints(), "fast_hours": 48},
            frames={"complaints": HANDLED},
            numbers={"complaints": ("resolution_hours",)},
            positive=("fast_hours",),
            confidence=True,
        ),
        Target(
            communication.iceberg_estimate,
            lambda: {"complaints": 40, "complaint_share": 0.08},
            whole_numbers={"complaints": 0},
            fractions=("complaint_share",),
        ),
        Target(
            communication.simulate_iceberg,
            lambda: {"complaints": 40, "complaint_share": 0.08, "runs": 200, "seed": 1},
            whole_numbers={"complaints": 1, "runs": 1, "seed": 0},
            fractions=("complaint_share",),
        ),
        Target(
            communication.monthly_reach,
            lambda: {"complaints": complaints()},
            frames={"complaints": ("complaint_date", "people_told")},
            dates={"complaints": ("complaint_date",)},
            numbers={"complaints": ("people_told",)},
        ),
        Target(
            communication.word_of_mouth_cost,
            lambda: {"people_told": pd.Series({"a": 10, "b": 30})},
            series=("people_told",),
            fractions=("prospect_share", "deterred_share"),
            non_negative=("customer_value",),
        ),
        Target(
            plots.response_rates,
            lambda: {"rates": communication.response_rates(communications())},
            frames={"rates": ("rate", "lower", "upper")},
            numbers={"rates": ("rate", "lower", "upper")},
            axes=("ax",),
        ),
        Target(
            plots.complaint_pareto,
            lambda: {"pareto": communication.complaint_pareto(complaints())},
            frames={"pareto": ("count", "cumulative_share")},
            numbers={"pareto": ("count", "cumulative_share")},
            axes=("ax",),
        ),
        Target(
            plots.handling_times,
            lambda: {"complaints": complaints()},
            frames={"complaints": ("response_hours", "resolution_hours")},
            numbers={"complaints": ("response_hours", "resolution_hours")},
            axes=("ax",),
        ),
        Target(
            plots.retention_after_complaint,
            lambda: {"retention": retention()},
            frames={"retention": ("rate", "lower", "upper")},
            numbers={"retention": ("rate", "lower", "upper")},
            axes=("ax",),
        ),
        Target(
            plots.word_of_mouth,
            lambda: {"reach": communication.monthly_reach(complaints())},
            frames={"reach": ("complaints", "people_told")},
            numbers={"reach": ("complaints", "people_told")},
            axes=("ax",),
        ),
        Target(
            widgets.word_of_mouth_explorer,
            lambda: {"people_told": pd.Series({"resolved": 10, "unresolved": 60})},
            series=("people_told",),
            fractions=("prospect_share", "deterred_share"),
            non_negative=("customer_value",),
            guard=no_widgets,
        ),
    ]
)

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST, numpy_integers=True, series_kinds=("text", "missing"), empty_tables=True
        ),
    )
)


# --------------------------------------------------------------------------- function-specific


@pytest.mark.parametrize("by", [3, 1.5, None, {"a": 1}])
def test_response_rates_bad_by(by: Any) -> None:
    expect_clear_error(
        lambda: communication.response_rates(communications(), by), "by", what=f"by={by!r}"
    )
    expect_clear_error(
        lambda: communication.response_rates(communications(), "region"),
        "region",
        what="by='region'",
    )


def test_unknown_labels() -> None:
    frame = communications().assign(direction="out")
    expect_clear_error(
        lambda: communication.channel_mix(frame), "direction", what="direction 'out'"
    )
    expect_clear_error(
        lambda: communication.response_rates(frame), "direction", what="direction 'out'"
    )
    spoilt = complaints().assign(outcome="stayed?")
    for function in (
        communication.retention_by_handling,
        communication.retention_by_speed,
        communication.cited_pattern,
    ):
        expect_clear_error(
            lambda f=function: f(spoilt), "outcome", what=f"{function.__name__} outcome"
        )
    spoilt = complaints().assign(resolution="fixed")
    expect_clear_error(
        lambda: communication.handling_groups(spoilt), "resolution", what="resolution 'fixed'"
    )


def test_value_groups_shares_above_one() -> None:
    expect_clear_error(
        lambda: communication.value_groups(profit(), 0.6, 0.6), "middle", what="0.6 + 0.6"
    )


def test_channel_economics_bad_rates_and_costs() -> None:
    expect_clear_error(
        lambda: communication.channel_economics(rates() * 100, response_values()),
        "rates",
        what="percent rates",
    )
    expect_clear_error(
        lambda: communication.channel_economics(
            rates(), response_values(), pd.Series({"email": 1.0})
        ),
        "costs",
        what="costs without phone",
    )
    expect_clear_error(
        lambda: communication.channel_economics(rates(), response_values(), [1.0]),
        "costs",
        what="costs list",
    )


def test_best_channel_needs_the_economics_table() -> None:
    flat = economics().reset_index(drop=True)
    expect_clear_error(lambda: communication.best_channel(flat), "economics", what="flat table")


def test_pareto_bad_weight() -> None:
    table = complaints()
    expect_clear_error(
        lambda: communication.complaint_pareto(table, weight=3), "weight", what="weight=3"
    )
    expect_clear_error(
        lambda: communication.complaint_pareto(table, weight="left"), "left", what="no left"
    )
    expect_clear_error(
        lambda: communication.complaint_pareto(table, weight="category"),
        "category",
        what="text weight",
    )
    zero = table.assign(left=False)
    expect_clear_error(
        lambda: communication.complaint_pareto(zero, weight="left"), "complaints", what="zero"
    )


def test_resolved_without_time() -> None:
    table = complaints()
    table.loc[0, "resolution_hours"] = None
    for function in (
        communication.handling_groups,
        communication.retention_by_handling,
        communication.cited_pattern,
    ):
        expect_clear_error(lambda f=function: f(table), "resolution_hours", what=function.__name__)


@pytest.mark.parametrize("edges", [(48,), "0,48", (48, 0), (0, -5, 10), (0, "a")])
def test_retention_by_speed_bad_edges(edges: Any) -> None:
    expect_clear_error(
        lambda: communication.retention_by_speed(complaints(), edges), "edges", what=f"{edges!r}"
    )


@pytest.mark.parametrize("cited", [{"kept": 0.75}, {}, {"resolved": 75}, {"resolved": "0.75"}])
def test_cited_pattern_bad_figures(cited: Any) -> None:
    expect_clear_error(
        lambda: communication.cited_pattern(complaints(), cited), "cited", what=f"{cited!r}"
    )


def test_cited_pattern_no_decided_complaint() -> None:
    table = complaints().assign(outcome="too_early_to_tell")
    expect_clear_error(lambda: communication.cited_pattern(table), "complaints", what="all open")


def test_iceberg_zero_share() -> None:
    for function in (communication.iceberg_estimate, communication.simulate_iceberg):
        expect_clear_error(lambda f=function: f(10, 0), "complaint_share", what=function.__name__)


def test_negative_people_told() -> None:
    bad = pd.Series({"a": -3})
    expect_clear_error(
        lambda: communication.word_of_mouth_cost(bad), "people_told", what="negative"
    )
    with no_widgets():
        expect_clear_error(
            lambda: widgets.word_of_mouth_explorer(bad), "people_told", what="explorer"
        )


def test_blame_flags_numbers() -> None:
    for bad in (None, "You did not sign.", ["You did not sign."], pd.DataFrame({"a": ["x"]})):
        expect_clear_error(lambda b=bad: communication.blame_flags(b), "messages", what=repr(bad))
    gap = pd.Series(["You did not sign.", None])
    expect_clear_error(lambda: communication.blame_flags(gap), "messages", what="a gap")
    expect_clear_error(
        lambda: communication.blame_flags(pd.Series([1, 2])), "messages", what="numbers"
    )
    mixed = pd.Series(["You did not sign.", 3], dtype="object")
    expect_clear_error(lambda: communication.blame_flags(mixed), "messages", what="mixed")


def test_retention_plot_bad_cited() -> None:
    expect_clear_error(
        lambda: plots.retention_after_complaint(retention(), cited=0.75), "cited", what="cited=0.75"
    )


def test_plots_with_no_rows() -> None:
    expect_clear_error(lambda: plots.response_rates(retention().iloc[:0]), "rates", what="no rows")
    expect_clear_error(
        lambda: plots.retention_after_complaint(retention().iloc[:0]), "retention", what="no rows"
    )
    pareto = communication.complaint_pareto(complaints()).iloc[:0]
    expect_clear_error(lambda: plots.complaint_pareto(pareto), "pareto", what="no rows")
    reach = communication.monthly_reach(complaints()).iloc[:0]
    expect_clear_error(lambda: plots.word_of_mouth(reach), "reach", what="no rows")
    nothing = complaints().assign(response_hours=0.0, resolution_hours=0.0)
    expect_clear_error(lambda: plots.handling_times(nothing), "complaints", what="no time above 0")


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_response_rates_bad_by, (communication.response_rates,)),
    (
        test_unknown_labels,
        (communication.channel_mix, communication.response_rates, communication.handling_groups),
    ),
    (test_value_groups_shares_above_one, (communication.value_groups,)),
    (test_channel_economics_bad_rates_and_costs, (communication.channel_economics,)),
    (test_best_channel_needs_the_economics_table, (communication.best_channel,)),
    (test_pareto_bad_weight, (communication.complaint_pareto,)),
    (test_resolved_without_time, (communication.handling_groups, communication.cited_pattern)),
    (test_retention_by_speed_bad_edges, (communication.retention_by_speed,)),
    (test_cited_pattern_bad_figures, (communication.cited_pattern,)),
    (test_cited_pattern_no_decided_complaint, (communication.cited_pattern,)),
    (test_iceberg_zero_share, (communication.iceberg_estimate, communication.simulate_iceberg)),
    (test_negative_people_told, (communication.word_of_mouth_cost, widgets.word_of_mouth_explorer)),
    (test_blame_flags_numbers, (communication.blame_flags,)),
    (test_retention_plot_bad_cited, (plots.retention_after_complaint,)),
    (test_plots_with_no_rows, (plots.response_rates, plots.complaint_pareto, plots.word_of_mouth)),
]

BAD_INPUT = checks_by_name(TARGETS, SPECIFIC_TESTS)

globals().update(coverage_tests(communication, BAD_INPUT, globals()))
