"""Bad input to every public function of crmkit.recovery: its concept files, plots and explorer.

``TARGETS`` declares, for every public function, valid arguments (the small tables of
tables.py) and what counts as bad input; the generic tests of tests/bad_input_support.py
feed each kind of bad input to each function. ``SPECIFIC_TESTS`` at the bottom maps the
other tests to the functions they check; ``test_every_public_function_is_covered`` finds
the public functions of every module of crmkit.recovery by introspection, so a new public
function without a check fails.
"""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, recovery
from crmkit.recovery import plots, widgets

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
from tests.recovery import test_economics, test_reasons, test_worth
from tests.recovery.tables import (
    account_lines,
    accounts,
    cells,
    complaints,
    dates,
    history,
    lost,
    order_lines,
    outcomes,
    profit_after,
    streak_complaints,
    winback,
)
from tests.selection import tables as ch02

FAST = fast(max_examples=8)
WINBACK = ("customer_id", "reason_for_leaving", "offer")
ECONOMICS = (*WINBACK, "reactivated", "re_churned", "revenue_after", "offer_cost", "contact_cost")
AMOUNTS = ("revenue_after", "offer_cost", "contact_cost")
HISTORY = ("as_of", "customer_id", *recovery.RULES)
CELLS = ("response_rate", "cost_per_contact", "expected_value")


def economics() -> pd.DataFrame:
    return recovery.campaign_economics(winback(), profit_after(), draws=100)


def leads() -> pd.DataFrame:
    return recovery.warning_lead_times(history(), outcomes(), lookback_days=30)


def streaks() -> pd.DataFrame:
    return recovery.complaint_streaks(streak_complaints(), order_lines(), min_orders=1)


def communications() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["A", "E"], "comm_date": pd.to_datetime(["2024-04-01"] * 2),
        "direction": ["outbound", "inbound"], "responded": pd.array([True, None], dtype="boolean")})  # fmt: skip


def plan() -> pd.DataFrame:
    return recovery.plan_return({"service": "apology_call", "gone": "skip"}, cells(), lost())


TARGETS = targets_by_name(
    [
        Target(recovery.reason_shares, lambda: {"winback": winback()}, frames={"winback": WINBACK}),
        Target(recovery.fault_share, lambda: {"winback": winback()}, frames={"winback": WINBACK}),
        Target(
            recovery.reasons_and_complaints,
            lambda: {"winback": winback(), "complaints": complaints(), "days_after": 30},
            frames={
                "winback": (*WINBACK, "last_order_date"),
                "complaints": ("customer_id", "complaint_date", "resolution"),
            },
            dates={"winback": ("last_order_date",), "complaints": ("complaint_date",)},
            whole_numbers={"days_after": 0},
        ),
        Target(
            recovery.complaint_streaks,
            lambda: {
                "complaints": streak_complaints(),
                "order_lines": order_lines(),
                "as_of": AS_OF,
            },
            frames={
                "complaints": ("customer_id", "complaint_date"),
                "order_lines": ("customer_id", "order_id", "order_date"),
            },
            dates={"complaints": ("complaint_date",), "order_lines": ("order_date",)},
            whole_numbers={"min_orders": 1, "lost_after_days": 1},
            timestamps=("as_of",),
            confidence=True,
        ),
        Target(
            recovery.wilson_interval,
            lambda: {"successes": pd.Series([1, 2]), "trials": pd.Series([4, 4])},
            series=("successes", "trials"),
            confidence=True,
        ),
        Target(
            recovery.profit_after_contact,
            lambda: {
                "winback": winback(),
                "customers": pd.DataFrame({"customer_id": list("ABCDEFGH")}),
                "order_lines": ch02.order_lines(),
                "service_events": ch02.service_events(),
                "invoices": ch02.invoices(),
                "payments": ch02.payments(),
                "as_of": AS_OF,
            },
            frames={"winback": (*WINBACK, "contact_date"), "customers": ("customer_id",)},
            dates={"winback": ("contact_date",)},
            timestamps=("as_of",),
        ),
        Target(
            recovery.campaign_economics,
            lambda: {"winback": winback(), "profit_after": profit_after(), "draws": 100},
            frames={"winback": ECONOMICS},
            numbers={"winback": AMOUNTS},
            series=("profit_after",),
            whole_numbers={"draws": 100},
            by=("by",),
            confidence=True,
        ),
        Target(
            recovery.offer_lift,
            lambda: {"winback": winback(), "draws": 100},
            frames={"winback": (*WINBACK, "reactivated")},
            whole_numbers={"draws": 100},
            confidence=True,
        ),
        Target(
            recovery.leaving_outcomes,
            lambda: {"customers": accounts(), "order_lines": account_lines(), "dates": dates()},
            frames={
                "customers": ("customer_id", "segment"),
                "order_lines": ("customer_id", "order_date"),
            },
            dates={"order_lines": ("order_date",)},
            whole_numbers={"horizon_days": 1, "lost_after_days": 1},
            timestamps=("as_of",),
        ),
        Target(
            recovery.signs_before_leaving,
            lambda: {
                "winback": winback(),
                "order_lines": order_lines(),
                "complaints": complaints(),
                "communications": communications(),
            },
            frames={
                "winback": (*WINBACK, "last_order_date"),
                "order_lines": ("customer_id", "order_id", "order_date"),
                "complaints": ("customer_id", "complaint_date"),
                "communications": ("customer_id", "comm_date", "direction", "responded"),
            },
            dates={
                "winback": ("last_order_date",),
                "order_lines": ("order_date",),
                "complaints": ("complaint_date",),
                "communications": ("comm_date",),
            },
            whole_numbers={"window_days": 1, "windows": 1},
        ),
        Target(
            recovery.warning_accuracy,
            lambda: {"history": history(), "outcomes": outcomes()},
            frames={"history": HISTORY, "outcomes": ("as_of", "customer_id", "left", "lost")},
            dates={"history": ("as_of",), "outcomes": ("as_of",)},
        ),
        Target(
            recovery.warning_lead_times,
            lambda: {"history": history(), "outcomes": outcomes(), "lookback_days": 30},
            frames={"history": HISTORY, "outcomes": ("customer_id", "last_order", "lost")},
            dates={"history": ("as_of",), "outcomes": ("last_order",)},
            whole_numbers={"lookback_days": 1, "lost_after_days": 1},
        ),
        Target(
            recovery.lead_time_summary,
            lambda: {"lead_times": leads()},
            frames={"lead_times": ("customer_id", *recovery.RULES, "any")},
        ),
        Target(
            recovery.lifetime_value,
            lambda: {"annual_margin": pd.Series([100.0, 50.0]), "retention": 0.5},
            series=("annual_margin",),
            fractions=("retention", "discount_rate"),
        ),
        Target(
            recovery.best_offers,
            lambda: {"cells": cells()},
            frames={"cells": ("expected_value", "value_low", "value_high", "response_rate")},
            numbers={"cells": ("expected_value", "value_low", "value_high", "response_rate")},
        ),
        Target(
            recovery.plan_return,
            lambda: {
                "plan": {"service": "apology_call", "gone": "skip"},
                "cells": cells(),
                "customers": lost(),
            },
            frames={"cells": (*CELLS, "profit_per_returner")},
            numbers={"cells": CELLS},
            series=("customers",),
        ),
        Target(
            recovery.best_plan,
            lambda: {"cells": cells(), "customers": lost(), "budget": 1000},
            frames={"cells": (*CELLS, "profit_per_returner")},
            numbers={"cells": CELLS},
            series=("customers",),
            non_negative=("budget",),
        ),
        Target(
            plots.leaving_reasons,
            lambda: {"shares": recovery.reason_shares(winback())},
            frames={"shares": ("fault",)},
            axes=("ax",),
        ),
        Target(
            plots.warning_scores,
            lambda: {"accuracy": recovery.warning_accuracy(history(), outcomes())},
            frames={"accuracy": ("precision", "recall", "base_rate")},
            numbers={"accuracy": ("precision", "recall", "base_rate")},
            axes=("ax",),
        ),
        Target(
            plots.lead_times,
            lambda: {"leads": leads()},
            frames={"leads": ("customer_id", "any")},
            axes=("ax",),
        ),
        Target(
            plots.offer_intervals,
            lambda: {"economics": economics()},
            frames={"economics": ("response_rate", "response_low", "response_high")},
            numbers={"economics": ("response_rate", "response_low", "response_high")},
            axes=("ax",),
        ),
        Target(
            plots.small_failures,
            lambda: {"streaks": streaks()},
            frames={"streaks": ("lost_share", "lower", "upper")},
            numbers={"streaks": ("lost_share", "lower", "upper")},
            axes=("ax",),
        ),
        Target(plots.emotion_line, lambda: {}, axes=("ax",)),
        Target(
            plots.plan_chart,
            lambda: {"plan": plan()},
            frames={"plan": ("offer", "cost", "expected_value")},
            numbers={"plan": ("cost", "expected_value")},
            axes=("ax",),
        ),
    ]
)

globals().update(
    generic_tests(TARGETS, Generic(fast=FAST, series_kinds=("text", "missing", "bool")))
)


# --------------------------------------------------------------------------- function-specific


@pytest.mark.parametrize(
    "bad",
    [
        pd.DataFrame({"customer_id": ["A"], "reason_for_leaving": ["Price"], "offer": ["none"]}),
        pd.DataFrame({"customer_id": ["A"], "reason_for_leaving": ["price"], "offer": ["call"]}),
        pd.DataFrame(
            {"customer_id": ["A", "A"], "reason_for_leaving": ["price"] * 2, "offer": ["none"] * 2}
        ),
        pd.DataFrame({"customer_id": [], "reason_for_leaving": [], "offer": []}),
    ],
    ids=["reason-typo", "unknown-offer", "repeated-customer", "no-rows"],
)
def test_bad_winback_rows(bad: pd.DataFrame) -> None:
    for function in (recovery.reason_shares, recovery.fault_share):
        expect_clear_error(lambda f=function: f(bad), "winback", "reason_for_leaving", "offer",
                           what=f"{function.__name__}")  # fmt: skip


def test_groups_that_are_not_labels_per_customer() -> None:
    for bad in ("segment", [1, 2], pd.DataFrame({"a": [1]})):
        expect_clear_error(
            lambda b=bad: recovery.reason_shares(winback(), b), "groups", what=repr(bad)
        )
        expect_clear_error(
            lambda b=bad: recovery.fault_share(winback(), b), "groups", what=repr(bad)
        )


def test_flags_and_seed() -> None:
    text_flags = winback().assign(reactivated=winback()["reactivated"].astype(str))
    expect_clear_error(lambda: recovery.campaign_economics(text_flags, profit_after()),
                       "reactivated", what="flags as text")  # fmt: skip
    expect_clear_error(lambda: recovery.offer_lift(text_flags), "reactivated", what="flags as text")
    gaps = winback().assign(offer_cost=[None, *winback()["offer_cost"].iloc[1:]])
    expect_clear_error(lambda: recovery.campaign_economics(gaps, profit_after()),
                       "offer_cost", what="a missing cost")  # fmt: skip
    for bad in (-1, 1.5, "0", True):
        expect_clear_error(lambda b=bad: recovery.campaign_economics(winback(), profit_after(), seed=b),
                           "seed", what=repr(bad))  # fmt: skip
        expect_clear_error(
            lambda b=bad: recovery.offer_lift(winback(), seed=b), "seed", what=repr(bad)
        )


def test_bad_dates_lists() -> None:
    tables = (
        data.load_customers(), data.load_order_lines(), data.load_invoices(),
        data.load_payments(), data.load_account_plans(), data.load_service_events(),
    )  # fmt: skip
    for bad in ("2024-06-30", [], ["2024-06-30", "2024-06-30"], ["not a date"], 2024, None):
        expect_clear_error(
            lambda b=bad: recovery.warning_history(*tables, b), "dates", what=repr(bad)
        )
        expect_clear_error(lambda b=bad: recovery.leaving_outcomes(accounts(), account_lines(), b),
                           "dates", what=repr(bad))  # fmt: skip
    expect_clear_error(lambda: recovery.warning_history("customers", *tables[1:], ["2024-06-30"]),
                       "customers", what="customers as text")  # fmt: skip
    expect_clear_error(
        lambda: recovery.leaving_outcomes(accounts(), account_lines(), dates(), segment="Business"),
        "segment",
        what="segment typo",
    )


def test_outcomes_and_leads_of_the_wrong_kind() -> None:
    text = outcomes().assign(left=outcomes()["left"].astype(str))
    expect_clear_error(
        lambda: recovery.warning_accuracy(history(), text), "left", what="left as text"
    )
    expect_clear_error(lambda: recovery.warning_lead_times(history().iloc[:0], outcomes()),
                       "history", what="no history")  # fmt: skip
    as_text = leads().astype({"any": str})
    expect_clear_error(lambda: recovery.lead_time_summary(as_text), "any", what="lead days as text")
    expect_clear_error(lambda: plots.lead_times(leads(), rule="sometimes"), "rule", what="rule")
    expect_clear_error(lambda: plots.lead_times(as_text), "any", what="lead days as text")


def test_cells_without_group_and_offer_rows() -> None:
    flat = cells().reset_index(drop=True)
    expect_clear_error(lambda: recovery.best_offers(flat), "cells", what="flat cells")
    expect_clear_error(lambda: recovery.plan_return({"service": "skip", "gone": "skip"}, flat, lost()),
                       "cells", what="flat cells")  # fmt: skip
    expect_clear_error(lambda: recovery.best_plan(cells(), pd.Series({"elsewhere": 3}), 100),
                       "customers", what="unknown group")  # fmt: skip
    expect_clear_error(lambda: recovery.best_plan(cells(), pd.Series({"service": -3}), 100),
                       "customers", what="negative count")  # fmt: skip


def test_plots_with_odd_tables() -> None:
    expect_clear_error(
        lambda: plots.offer_intervals(economics(), column="profit"), "column", what="column"
    )
    expect_clear_error(
        lambda: plots.offer_intervals(economics().iloc[:0]), "economics", what="no rows"
    )
    expect_clear_error(lambda: plots.emotion_line({"stage": ["a", "b"], "line": [1.0]}), "line",
                       what="short line")  # fmt: skip
    expect_clear_error(lambda: plots.emotion_line("perfect"), "line", what="text")
    expect_clear_error(lambda: recovery.emotion_table({"stage": ["a", "b"], "x": ["up", "down"]}),
                       "line", what="levels as text")  # fmt: skip
    expect_clear_error(lambda: recovery.emotion_table({"stage": "ab", "x": [1, 2]}), "line",
                       what="stages as text")  # fmt: skip
    expect_clear_error(lambda: plots.small_failures(streaks().iloc[:0]), "streaks", what="no rows")
    for bad in (-1, "4000", True):
        expect_clear_error(
            lambda b=bad: plots.plan_chart(plan(), budget=b), "budget", what=repr(bad)
        )


def test_explorer_checks_before_building_widgets() -> None:
    with no_widgets():
        expect_clear_error(
            lambda: widgets.targeting_explorer("cells", lost()), "cells", what="text"
        )
        expect_clear_error(lambda: widgets.targeting_explorer(cells(), [10, 20]), "customers",
                           what="a list")  # fmt: skip
        expect_clear_error(lambda: widgets.targeting_explorer(cells(), lost(), budget=-5), "budget",
                           what="negative budget")  # fmt: skip


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS = [
    (test_bad_winback_rows, (recovery.reason_shares, recovery.fault_share)),
    (test_groups_that_are_not_labels_per_customer, (recovery.reason_shares, recovery.fault_share)),
    (test_flags_and_seed, (recovery.campaign_economics, recovery.offer_lift)),
    (test_bad_dates_lists, (recovery.warning_history, recovery.leaving_outcomes)),
    (
        test_outcomes_and_leads_of_the_wrong_kind,
        (
            recovery.warning_accuracy,
            recovery.warning_lead_times,
            recovery.lead_time_summary,
            plots.lead_times,
        ),
    ),
    (
        test_cells_without_group_and_offer_rows,
        (recovery.best_offers, recovery.plan_return, recovery.best_plan),
    ),
    (
        test_plots_with_odd_tables,
        (
            plots.offer_intervals,
            plots.emotion_line,
            plots.small_failures,
            plots.plan_chart,
            recovery.emotion_table,
        ),
    ),
    (test_explorer_checks_before_building_widgets, (widgets.targeting_explorer,)),
    (test_economics.test_wilson_interval_refuses_impossible_counts, (recovery.wilson_interval,)),
]
test_wilson_interval_refuses_impossible_counts = (
    test_economics.test_wilson_interval_refuses_impossible_counts
)
test_offer_lift_refuses_bad_choices = test_economics.test_offer_lift_refuses_bad_choices
test_groups_must_label_every_customer = test_reasons.test_groups_must_label_every_customer
test_plan_return_refuses_incomplete_or_unknown_plans = (
    test_worth.test_plan_return_refuses_incomplete_or_unknown_plans
)
SPECIFIC_TESTS += [
    (test_offer_lift_refuses_bad_choices, (recovery.offer_lift,)),
    (test_groups_must_label_every_customer, (recovery.reason_shares, recovery.fault_share)),
    (test_plan_return_refuses_incomplete_or_unknown_plans, (recovery.plan_return,)),
]

globals().update(coverage_tests(recovery, checks_by_name(TARGETS, SPECIFIC_TESTS), globals()))
