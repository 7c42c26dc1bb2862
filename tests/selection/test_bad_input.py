"""Bad input to every public function of crmkit.selection: its concept files, plots and explorer.

The house rule: bad input gets a ValueError or TypeError whose message names the
argument or the missing column, never a silent wrong result and never a bare
KeyError or AttributeError from deep inside pandas or matplotlib.

``TARGETS`` declares, for every public function, valid arguments (the small tables of
tables.py) and what counts as bad input; the generic tests of tests/bad_input_support.py
feed each kind of bad input to each function. ``BAD_INPUT`` at the bottom maps every
public function to the checks that cover it; ``test_every_public_function_is_covered``
finds the public functions of every module of crmkit.selection by introspection, so a
new public function without an entry fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit import selection
from crmkit.selection import plots, widgets

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
from tests.selection.tables import (
    INVOICE_COLUMNS,
    ORDER_COLUMNS,
    PAYMENT_COLUMNS,
    account_profit,
    credit_customers,
    customers,
    invoices,
    leads,
    lift_inputs,
    matrix,
    measures,
    order_lines,
    payments,
    profitability,
    service_events,
    traits,
)

FAST = fast(max_examples=10)


def lift_table() -> pd.DataFrame:
    return selection.lift_table(**lift_inputs())


# --------------------------------------------------------------------------- what each function needs


TRAIT_COLUMNS = tuple(selection.TRAITS)
SHARE_COLUMNS = (
    "cost_of_goods", "return", "sales_visit", "rebate", "late_payment_cost", "bad_debt",
    "delivery", "rush_order", "support_call", "repair",
)  # fmt: skip

TARGETS = targets_by_name(
    [
        Target(
            selection.late_payment_costs,
            lambda: {"invoices": invoices(), "payments": payments(), "as_of": AS_OF},
            frames={"invoices": INVOICE_COLUMNS, "payments": PAYMENT_COLUMNS},
            dates={"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
            numbers={"invoices": ("amount",), "payments": ("amount",)},
            timestamps=("as_of",),
            whole_numbers={"write_off_after_days": 1},
            fractions=("annual_rate",),
        ),
        Target(
            selection.customer_profitability,
            lambda: {
                "customers": customers(),
                "order_lines": order_lines(),
                "service_events": service_events(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            frames={
                "customers": ("customer_id",),
                "order_lines": ORDER_COLUMNS,
                "service_events": ("customer_id", "event_date", "event_type", "cost"),
                "invoices": INVOICE_COLUMNS,
                "payments": PAYMENT_COLUMNS,
            },
            dates={
                "order_lines": ("order_date",),
                "service_events": ("event_date",),
                "invoices": ("invoice_date", "due_date"),
                "payments": ("payment_date",),
            },
            numbers={
                "order_lines": ("quantity", "unit_price", "revenue", "cost_of_goods"),
                "service_events": ("cost",),
                "invoices": ("amount",),
                "payments": ("amount",),
            },
            timestamps=("as_of",),
            optional_timestamps=("start",),
            whole_numbers={"write_off_after_days": 1},
            fractions=("annual_rate",),
        ),
        Target(
            selection.cost_shares,
            lambda: {"profitability": profitability()},
            frames={"profitability": ("revenue", "discount_given", "cost_to_serve", "profit")},
            numbers={
                "profitability": ("revenue", "discount_given", "cost_to_serve", "profit", "rebate")
            },
        ),
        Target(
            selection.profit_without,
            lambda: {"profitability": profitability(), "components": ["bad_debt"]},
            frames={"profitability": ("profit", "bad_debt")},
            numbers={"profitability": ("profit", "bad_debt")},
        ),
        Target(
            selection.open_balances,
            lambda: {"invoices": invoices(), "payments": payments(), "as_of": AS_OF},
            frames={"invoices": INVOICE_COLUMNS, "payments": PAYMENT_COLUMNS},
            dates={"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
            numbers={"invoices": ("amount",), "payments": ("amount",)},
            timestamps=("as_of",),
        ),
        Target(
            selection.size_match,
            lambda: {
                "profitability": profitability(),
                "customers": credit_customers(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            frames={
                "profitability": ("revenue", "discount_given", "profit"),
                "customers": ("customer_id", "credit_limit", "payment_terms_days"),
                "invoices": INVOICE_COLUMNS,
                "payments": PAYMENT_COLUMNS,
            },
            dates={"invoices": ("invoice_date", "due_date"), "payments": ("payment_date",)},
            numbers={
                "profitability": ("revenue", "discount_given", "profit"),
                "customers": ("credit_limit",),
                "invoices": ("amount",),
            },
            timestamps=("as_of",),
        ),
        Target(
            selection.high_margin_share,
            lambda: {"order_lines": order_lines(), "high_margin": 0.5, "as_of": AS_OF},
            frames={"order_lines": ORDER_COLUMNS},
            dates={"order_lines": ("order_date",)},
            numbers={"order_lines": ("quantity", "unit_price", "revenue", "cost_of_goods")},
            timestamps=("as_of",),
            fractions=("high_margin",),
        ),
        Target(selection.whale_curve, lambda: {"profit": account_profit()}, series=("profit",)),
        Target(
            selection.top_share,
            lambda: {"values": account_profit(), "fraction": 0.2},
            series=("values",),
            fractions=("fraction",),
        ),
        Target(
            selection.trait_measures,
            lambda: {
                "profitability": profitability(),
                "order_lines": order_lines(),
                "invoices": invoices(),
                "payments": payments(),
                "as_of": AS_OF,
            },
            frames={
                "profitability": (
                    "revenue",
                    "discount_given",
                    "profit",
                    "cost_to_serve",
                    "late_payment_cost",
                    "bad_debt",
                ),
                "order_lines": ("customer_id", "order_date", "revenue"),
                "invoices": INVOICE_COLUMNS,
                "payments": PAYMENT_COLUMNS,
            },  # fmt: skip
            dates={
                "order_lines": ("order_date",),
                "invoices": ("due_date",),
                "payments": ("payment_date",),
            },
            numbers={
                "profitability": ("revenue", "profit", "cost_to_serve"),
                "order_lines": ("revenue",),
                "invoices": ("amount",),
            },
            timestamps=("as_of",),
        ),
        Target(
            selection.trait_scores,
            lambda: {"measures": measures()},
            frames={"measures": selection.MEASURES},
            numbers={"measures": selection.MEASURES},
        ),
        Target(
            selection.good_customer_score,
            lambda: {"traits": traits(), "weights": {"payment": 2, "prospects": 1}},
            frames={"traits": TRAIT_COLUMNS},
            numbers={"traits": TRAIT_COLUMNS},
        ),
        Target(
            selection.top_customers,
            lambda: {"traits": traits(), "n": 2},
            frames={"traits": TRAIT_COLUMNS},
            numbers={"traits": ("payment",)},
            whole_numbers={"n": 1},
        ),
        Target(
            selection.weight_sensitivity,
            lambda: {"traits": traits(), "n": 2, "factor": 2.0},
            frames={"traits": TRAIT_COLUMNS},
            numbers={"traits": ("purchase_power",)},
            whole_numbers={"n": 1},
        ),
        Target(
            selection.top_frequency,
            lambda: {"traits": traits(), "n": 1, "draws": 20, "seed": 0},
            frames={"traits": TRAIT_COLUMNS},
            numbers={"traits": ("prospects",)},
            whole_numbers={"n": 1, "draws": 1, "seed": 0},
        ),
        Target(
            selection.wallet_headroom,
            lambda: {"leads": leads(), "order_lines": order_lines(), "as_of": AS_OF},
            frames={
                "leads": ("customer_id", "est_monthly_volume"),
                "order_lines": ("customer_id", "order_date", "revenue"),
            },
            dates={"order_lines": ("order_date",)},
            numbers={"leads": ("est_monthly_volume",), "order_lines": ("revenue",)},
            timestamps=("as_of",),
        ),
        Target(
            selection.value_matrix,
            lambda: {"current_value": account_profit(), "potential": account_profit() * 2},
            series=("current_value", "potential"),
        ),
        Target(
            selection.loyal_accounts,
            lambda: {"order_lines": order_lines(), "as_of": AS_OF},
            frames={"order_lines": ("customer_id", "order_date")},
            dates={"order_lines": ("order_date",)},
            timestamps=("as_of",),
            whole_numbers={"min_tenure_days": 1, "active_days": 1},
        ),
        *(
            Target(
                function,
                lambda: {
                    "leads": leads(),
                    "loyal_ids": ["B1", "B3"],
                    "attributes": ["region", "est_monthly_volume"],
                    "bins": 2,
                },
                frames={"leads": ("lead_id", "customer_id", "region", "est_monthly_volume")},
                numbers={"leads": ("est_monthly_volume",)},
                whole_numbers={"bins": 2},
            )
            for function in (selection.lookalike_profile, selection.lookalike_scores)
        ),
        Target(
            selection.lead_outcomes,
            lambda: {
                "leads": leads(),
                "profit": account_profit(),
                "as_of": AS_OF,
                "top_fraction": 0.5,
            },
            frames={"leads": ("lead_id", "status", "customer_id", "won_date")},
            dates={"leads": ("won_date",)},
            series=("profit",),
            timestamps=("as_of",),
            fractions=("top_fraction",),
        ),
        Target(
            selection.lift_table,
            lift_inputs,
            series=("scores",),
            whole_numbers={"bands": 1},
        ),
        Target(
            plots.profit_bridge,
            lambda: {"profitability": profitability()},
            frames={"profitability": ("revenue", *selection.COST_COMPONENTS, "profit")},
            numbers={"profitability": ("revenue", "rebate", "profit")},
            axes=("ax",),
        ),
        Target(
            plots.whale_curve,
            lambda: {"curve": selection.whale_curve(account_profit())},
            frames={"curve": ("customer_share", "cumulative_share")},
            numbers={"curve": ("customer_share", "cumulative_share")},
            axes=("ax",),
        ),
        Target(
            plots.cost_breakdown,
            lambda: {"shares": selection.cost_shares(profitability())},
            frames={"shares": SHARE_COLUMNS},
            numbers={"shares": ("cost_of_goods", "bad_debt")},
            axes=("ax",),
        ),
        Target(
            plots.value_matrix,
            lambda: {"matrix": matrix()},
            frames={"matrix": ("current_value", "potential", "quadrant")},
            numbers={"matrix": ("current_value", "potential")},
            axes=("ax",),
        ),
        Target(
            plots.lookalike_lift,
            lambda: {"tables": {"converted": lift_table()}},
            axes=("ax",),
        ),
        Target(
            widgets.good_customer_explorer,
            lambda: {"traits": traits(), "n": 2},
            frames={"traits": TRAIT_COLUMNS},
            numbers={"traits": ("payment",)},
            whole_numbers={"n": 1},
            guard=no_widgets,
        ),
    ]
)

# --------------------------------------------------------------------------- generic tests

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST,
            unnamed_tables=("traits",),
            numpy_integers=True,
            series_kinds=("text", "missing", "bool"),
        ),
    )
)


# --------------------------------------------------------------------------- function-specific


def test_profitability_unknown_event_type() -> None:
    events = service_events()
    events["event_type"] = events["event_type"].astype("string")
    events.loc[1, "event_type"] = "Delivery"
    expect_clear_error(
        lambda: selection.customer_profitability(
            customers(), order_lines(), events, invoices(), payments()
        ),
        "service_events",
        "event_type",
        what="event_type 'Delivery'",
    )


def test_profitability_repeated_customers() -> None:
    repeated = pd.concat([customers(), customers()])
    expect_clear_error(
        lambda: selection.customer_profitability(
            repeated, order_lines(), service_events(), invoices(), payments()
        ),
        "customers",
        what="customers listed twice",
    )


def test_profitability_start_after_as_of() -> None:
    expect_clear_error(
        lambda: selection.customer_profitability(
            customers(),
            order_lines(),
            service_events(),
            invoices(),
            payments(),
            "2025-01-01",
            "2025-06-01",
        ),
        "start",
        what="start after as_of",
    )


@pytest.mark.parametrize("total", [0.0, -10.0])
def test_whale_curve_total_not_positive(total: float) -> None:
    values = pd.Series({"A": 10.0, "B": total - 10.0})
    expect_clear_error(lambda: selection.whale_curve(values), "profit", what=f"total {total}")


@pytest.mark.parametrize("function", [selection.whale_curve, selection.top_share])
def test_empty_series(function: Callable[..., Any]) -> None:
    argument = "profit" if function is selection.whale_curve else "values"
    expect_clear_error(
        lambda: function(pd.Series([], dtype="float64")),
        argument,
        what=f"{function.__name__}(empty)",
    )


def test_top_share_fraction_zero() -> None:
    expect_clear_error(
        lambda: selection.top_share(account_profit(), 0), "fraction", what="fraction=0"
    )


def test_trait_measures_revenue_without_orders() -> None:
    lines = order_lines()
    expect_clear_error(
        lambda: selection.trait_measures(
            profitability(), lines[lines["customer_id"] != "B"], invoices(), payments(), AS_OF
        ),
        "profitability",
        "order_lines",
        what="profitability with a customer missing from order_lines",
    )


def test_trait_measures_nobody_with_revenue() -> None:
    table = profitability().assign(revenue=0.0)
    expect_clear_error(
        lambda: selection.trait_measures(table, order_lines(), invoices(), payments()),
        "profitability",
        what="no revenue",
    )


def test_trait_scores_no_rows() -> None:
    expect_clear_error(
        lambda: selection.trait_scores(measures().iloc[:0]), "measures", what="no rows"
    )


WEIGHT_FUNCTIONS = [
    selection.good_customer_score,
    selection.top_customers,
    selection.weight_sensitivity,
]


@pytest.mark.parametrize("function", WEIGHT_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "bad",
    [
        ["payment"],
        "payment",
        3,
        {"loyalty": 1},
        {"payment": -1},
        {"payment": "high"},
        {"payment": math.nan},
        {"payment": True},
        {"payment": 0, "prospects": 0},
    ],
    ids=repr,
)
def test_bad_weights(function: Callable[..., Any], bad: Any) -> None:
    expect_clear_error(
        lambda: function(traits(), bad), "weights", what=f"{function.__name__}(weights={bad!r})"
    )


@pytest.mark.parametrize(
    "function", [*WEIGHT_FUNCTIONS, selection.top_frequency], ids=lambda f: f.__name__
)
def test_traits_with_missing_values(function: Callable[..., Any]) -> None:
    table = traits()
    table.iloc[0, 0] = np.nan
    expect_clear_error(lambda: function(table), "traits", what=f"{function.__name__}(NaN trait)")


@pytest.mark.parametrize("bad", [1, 0, -2.0, math.nan, "2", None, True], ids=repr)
def test_weight_sensitivity_bad_factor(bad: Any) -> None:
    expect_clear_error(
        lambda: selection.weight_sensitivity(traits(), factor=bad), "factor", what=f"factor={bad!r}"
    )


def test_wallet_headroom_no_won_leads() -> None:
    frame = leads().assign(customer_id=pd.array([pd.NA] * 6, dtype="string"))
    expect_clear_error(
        lambda: selection.wallet_headroom(frame, order_lines()), "leads", what="no won leads"
    )


def test_wallet_headroom_repeated_accounts() -> None:
    frame = leads().assign(
        customer_id=pd.array(["B1", "B1", "B3", pd.NA, pd.NA, pd.NA], dtype="string")
    )
    expect_clear_error(
        lambda: selection.wallet_headroom(frame, order_lines()), "leads", what="B1 twice"
    )


@pytest.mark.parametrize(
    "potential",
    [
        pd.Series({"B1": 1.0, "B2": 2.0}),
        pd.Series({"B1": 1.0, "B2": 2.0, "B9": 3.0}),
        pd.Series([1.0, 2.0, 3.0], index=["B1", "B1", "B2"]),
    ],
    ids=["fewer", "other", "repeated"],
)
def test_value_matrix_different_customers(potential: pd.Series) -> None:
    expect_clear_error(
        lambda: selection.value_matrix(account_profit(), potential),
        "potential",
        what="mismatched customers",
    )


@pytest.mark.parametrize("argument", ["current_split", "potential_split"])
@pytest.mark.parametrize("bad", ["median", math.nan, True, [1.0]], ids=repr)
def test_value_matrix_bad_split(argument: str, bad: Any) -> None:
    expect_clear_error(
        lambda: selection.value_matrix(account_profit(), account_profit(), **{argument: bad}),
        argument,
        what=f"{argument}={bad!r}",
    )


@pytest.mark.parametrize("function", [selection.lookalike_profile, selection.lookalike_scores])
@pytest.mark.parametrize("bad", ["B1", 7, None, [], ["B9"], [1, 2], {"B1": True}], ids=repr)
def test_bad_loyal_ids(function: Callable[..., Any], bad: Any) -> None:
    expect_clear_error(
        lambda: function(leads(), bad, attributes=["region"]),
        "loyal_ids",
        what=f"loyal_ids={bad!r}",
    )


@pytest.mark.parametrize("function", [selection.lookalike_profile, selection.lookalike_scores])
@pytest.mark.parametrize("bad", ["region", [], None, 3], ids=repr)
def test_bad_attributes(function: Callable[..., Any], bad: Any) -> None:
    expect_clear_error(
        lambda: function(leads(), ["B1"], attributes=bad), "attributes", what=f"attributes={bad!r}"
    )


@pytest.mark.parametrize("function", [selection.lookalike_profile, selection.lookalike_scores])
def test_attribute_that_is_not_a_column(function: Callable[..., Any]) -> None:
    expect_clear_error(
        lambda: function(leads(), ["B1"], attributes=["regoin"]),
        "regoin",
        what="attributes=['regoin']",
    )


@pytest.mark.parametrize("function", [selection.lookalike_profile, selection.lookalike_scores])
@pytest.mark.parametrize(
    "lead_ids",
    [["L1", "L1", "L3", "L4", "L5", "L6"], ["L1", None, "L3", "L4", "L5", "L6"]],
    ids=["repeated", "missing"],
)
def test_bad_lead_ids(function: Callable[..., Any], lead_ids: list[Any]) -> None:
    frame = leads().assign(lead_id=lead_ids)
    expect_clear_error(
        lambda: function(frame, ["B1"], attributes=["region"]),
        "lead_id",
        what=f"lead_id {lead_ids}",
    )


def test_lookalike_numeric_attribute_with_gaps() -> None:
    frame = leads()
    frame.loc[0, "est_monthly_volume"] = np.nan
    expect_clear_error(
        lambda: selection.lookalike_profile(frame, ["B1"], attributes=["est_monthly_volume"]),
        "est_monthly_volume",
        what="missing volume",
    )


def test_lead_outcomes_unknown_status() -> None:
    frame = leads().assign(status=["won", "Won", "won", "lost", "lost", "open"])
    expect_clear_error(
        lambda: selection.lead_outcomes(frame, account_profit()), "status", what="status 'Won'"
    )


def test_lead_outcomes_profit_missing_an_account() -> None:
    expect_clear_error(
        lambda: selection.lead_outcomes(leads(), account_profit().drop("B3")),
        "profit",
        what="no profit for B3",
    )


GOOD_OUTCOME = lift_inputs()["outcome"]


@pytest.mark.parametrize(
    "bad",
    [
        GOOD_OUTCOME.tolist(),
        GOOD_OUTCOME.astype("int64"),
        GOOD_OUTCOME.map({True: "yes", False: "no"}),
        GOOD_OUTCOME.astype("boolean").mask(GOOD_OUTCOME.index == "b"),
    ],
    ids=["list", "ints", "text", "missing"],
)
def test_lift_table_bad_outcome(bad: Any) -> None:
    kwargs = lift_inputs() | {"outcome": bad}
    expect_clear_error(
        lambda: selection.lift_table(**kwargs), "outcome", what=f"outcome={bad!r:.40}"
    )


def test_lift_table_different_leads() -> None:
    kwargs = lift_inputs()
    kwargs["outcome"] = kwargs["outcome"].rename({"d": "z"})
    expect_clear_error(
        lambda: selection.lift_table(**kwargs), "outcome", "scores", what="other leads"
    )


def test_lift_table_more_bands_than_leads() -> None:
    expect_clear_error(
        lambda: selection.lift_table(**(lift_inputs() | {"bands": 6})), "bands", what="bands=6"
    )


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {},
        "converted",
        pd.DataFrame({"lift": [1.0]}),
        {"a": [1.0, 2.0]},
        {"a": pd.DataFrame({"rate": [1.0]})},
    ],
    ids=["none", "list", "empty", "text", "frame", "dict-of-list", "no-lift"],
)
def test_lookalike_lift_bad_tables(bad: Any) -> None:
    expect_clear_error(
        lambda: plots.lookalike_lift(bad), "tables", "lift", what=f"tables={bad!r:.40}"
    )


def test_lookalike_lift_lift_as_text() -> None:
    table = lift_table().assign(lift=lambda t: t["lift"].map(str))
    expect_clear_error(lambda: plots.lookalike_lift({"a": table}), "lift", what="lift as text")


@pytest.mark.parametrize("bad", ["B1", 3, None], ids=repr)
def test_value_matrix_plot_bad_label(bad: Any) -> None:
    expect_clear_error(
        lambda: plots.value_matrix(matrix(), label=bad), "label", what=f"label={bad!r}"
    )


@pytest.mark.parametrize("argument", ["current_split", "potential_split"])
def test_value_matrix_plot_bad_split(argument: str) -> None:
    expect_clear_error(
        lambda: plots.value_matrix(matrix(), **{argument: "median"}),
        argument,
        what=f"{argument}='median'",
    )


@pytest.mark.parametrize(
    "function, argument, frame",
    [
        (plots.whale_curve, "curve", lambda: selection.whale_curve(account_profit()).iloc[:0]),
        (plots.cost_breakdown, "shares", lambda: selection.cost_shares(profitability()).iloc[:0]),
        (plots.value_matrix, "matrix", lambda: matrix().iloc[:0]),
    ],
    ids=["whale_curve", "cost_breakdown", "value_matrix"],
)
def test_plots_with_no_rows(
    function: Callable[..., Any], argument: str, frame: Callable[[], Any]
) -> None:
    expect_clear_error(lambda: function(frame()), argument, what=f"{function.__name__}(no rows)")


def test_explorer_checks_before_building_widgets() -> None:
    with no_widgets():
        expect_clear_error(
            lambda: widgets.good_customer_explorer("traits"), "traits", what="traits='traits'"
        )
        expect_clear_error(
            lambda: widgets.good_customer_explorer(traits().drop(columns=["payment"])),
            "payment",
            what="traits without payment",
        )
        expect_clear_error(lambda: widgets.good_customer_explorer(traits(), n=0), "n", what="n=0")


# --------------------------------------------------------------------------- coverage

LOOKALIKE_FUNCTIONS = (selection.lookalike_profile, selection.lookalike_scores)

#: The tests of the bad input a Target cannot declare, each with the functions it checks.
SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_profitability_unknown_event_type, (selection.customer_profitability,)),
    (test_profitability_repeated_customers, (selection.customer_profitability,)),
    (test_profitability_start_after_as_of, (selection.customer_profitability,)),
    (test_whale_curve_total_not_positive, (selection.whale_curve,)),
    (test_empty_series, (selection.whale_curve, selection.top_share)),
    (test_top_share_fraction_zero, (selection.top_share,)),
    (test_trait_measures_revenue_without_orders, (selection.trait_measures,)),
    (test_trait_measures_nobody_with_revenue, (selection.trait_measures,)),
    (test_trait_scores_no_rows, (selection.trait_scores,)),
    (test_bad_weights, tuple(WEIGHT_FUNCTIONS)),
    (test_traits_with_missing_values, (*WEIGHT_FUNCTIONS, selection.top_frequency)),
    (test_weight_sensitivity_bad_factor, (selection.weight_sensitivity,)),
    (test_wallet_headroom_no_won_leads, (selection.wallet_headroom,)),
    (test_wallet_headroom_repeated_accounts, (selection.wallet_headroom,)),
    (test_value_matrix_different_customers, (selection.value_matrix,)),
    (test_value_matrix_bad_split, (selection.value_matrix,)),
    (test_bad_loyal_ids, LOOKALIKE_FUNCTIONS),
    (test_bad_attributes, LOOKALIKE_FUNCTIONS),
    (test_attribute_that_is_not_a_column, LOOKALIKE_FUNCTIONS),
    (test_bad_lead_ids, LOOKALIKE_FUNCTIONS),
    (test_lookalike_numeric_attribute_with_gaps, (selection.lookalike_profile,)),
    (test_lead_outcomes_unknown_status, (selection.lead_outcomes,)),
    (test_lead_outcomes_profit_missing_an_account, (selection.lead_outcomes,)),
    (test_lift_table_bad_outcome, (selection.lift_table,)),
    (test_lift_table_different_leads, (selection.lift_table,)),
    (test_lift_table_more_bands_than_leads, (selection.lift_table,)),
    (test_lookalike_lift_bad_tables, (plots.lookalike_lift,)),
    (test_lookalike_lift_lift_as_text, (plots.lookalike_lift,)),
    (test_value_matrix_plot_bad_label, (plots.value_matrix,)),
    (test_value_matrix_plot_bad_split, (plots.value_matrix,)),
    (test_plots_with_no_rows, (plots.whale_curve, plots.cost_breakdown, plots.value_matrix)),
    (test_explorer_checks_before_building_widgets, (widgets.good_customer_explorer,)),
]

#: Every public function -> the checks that cover it: a Target (run through every generic
#: test above for each kind of bad input it declares) and/or tests by name.
BAD_INPUT = checks_by_name(TARGETS, SPECIFIC_TESTS)

# test_every_public_function_is_covered: introspection of every module of crmkit.selection
# (plots.py and widgets.py too) against BAD_INPUT; test_bad_input_entries_are_real_checks.
globals().update(coverage_tests(selection, BAD_INPUT, globals()))
