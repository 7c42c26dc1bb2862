"""Realistic wrong answers to chapter 09's exercises, computed the way a student would slip.

The answers are computed with pandas on the course tables (and the tables the lesson gives
the student: the warnings history and outcomes, profit after the contact), not typed in.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from crmkit import data, recovery
from crmkit.exercises import ch09

from tests.exercises.wrong_answers.support import Wrong

SERVICE = ["poor_service", "unresolved_problem"]


@cache
def campaign() -> pd.DataFrame:
    """The win-back table with the reason group and profit after the contact (as the lesson has)."""
    winback = data.load_winback()
    profit = recovery.profit_after_contact(
        winback,
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )
    return winback.assign(
        reason=winback["reason_for_leaving"].astype(str),
        offer_name=winback["offer"].astype(str),
        group=winback["reason_for_leaving"].astype(str).map(recovery.REASON_GROUPS),
        profit_after=profit.to_numpy(),
    )


@cache
def flags() -> pd.DataFrame:
    """Outcomes joined with the warnings, as a student would join them."""
    customers, lines = data.load_customers(), data.load_order_lines()
    dates = list(ch09.WARNING_DATES)
    history = recovery.warning_history(
        customers, lines, data.load_invoices(), data.load_payments(),
        data.load_account_plans(), data.load_service_events(), dates,
    )  # fmt: skip
    outcomes = recovery.leaving_outcomes(customers, lines, dates)
    joined = outcomes.merge(history, on=["as_of", "customer_id"], how="left")
    for rule in recovery.RULES:
        joined[rule] = joined[rule].astype("boolean").fillna(False).astype(bool)
    joined["any"] = joined[list(recovery.RULES)].any(axis=1)
    return joined


def fault() -> list[Wrong]:
    right = dict(recovery.REASON_FAULT)
    return [
        Wrong({**right, "price": "firm"}, "market's doing", "concept"),
        Wrong({**right, "competitor": "firm"}, "market's doing", "concept"),
        Wrong({**right, "unresolved_problem": "customer"}, "failures of the firm", "concept"),
        Wrong({**right, "poor_service": "market"}, "failures of the firm", "concept"),
        Wrong({**right, "changed_needs": "market"}, "customer's own life", "concept"),
        Wrong({**right, "moved_away": "firm"}, "customer's own life", "concept"),
    ]


def fault_share() -> list[Wrong]:
    table = campaign()
    business = table["customer_id"].str.startswith("B")
    firm = table["reason"].isin(SERVICE)
    return [
        Wrong(float(firm.sum()), "number of customers", "far_off"),
        Wrong(
            float((table["reason"] == "poor_service").mean()),
            "one of the firm's reasons",
            "concept",
        ),
        Wrong(
            float(table["reason"].isin([*SERVICE, "price", "competitor"]).mean()),
            "market's doing",
            "concept",
        ),
        Wrong(float(firm[business].mean()), "business accounts only", "scope"),
        Wrong(float(firm[~business].mean()), "consumers only", "scope"),
        Wrong(float(firm.mean() * 100), "percentage", "far_off"),
    ]


def precision() -> list[Wrong]:
    joined = flags()
    flagged, left = joined["any"], joined["left"]
    return [
        Wrong(float(left[flagged].sum() / left.sum()), "recall", "inverted"),
        Wrong(float((flagged & left).sum()), "count", "far_off"),
        Wrong(float(left.mean()), "base rate", "concept"),
        Wrong(float(left[joined["stopped"]].mean()), "stopped-ordering rule alone", "scope"),
        Wrong(float(left[joined["behind_plan"]].mean()), "behind-plan rule alone", "scope"),
        Wrong(float((~left[flagged]).mean()), "false alarms", "inverted"),
    ]


def apology() -> list[Wrong]:
    table = campaign()
    service = table[table["reason"].isin(SERVICE)]
    called = service["offer_name"] == "apology_call"
    rate, others = service["reactivated"][called].mean(), service["reactivated"][~called].mean()
    everyone = table["offer_name"] == "apology_call"
    none = service["reactivated"][service["offer_name"] == "none"].mean()
    return [
        Wrong(float(others - rate), "wrong way round", "inverted"),
        Wrong(float(rate), "response rate on its own", "concept"),
        Wrong(float(rate / others), "ratio", "concept"),
        Wrong(
            float(table["reactivated"][everyone].mean() - table["reactivated"][~everyone].mean()),
            "every lost customer",
            "scope",
        ),  # fmt: skip
        Wrong(float(rate - none), "no offer only", "scope"),
        Wrong(float((rate - others) * 100), "percentage", "far_off"),
    ]


def value() -> list[Wrong]:
    table = campaign()
    cell = table[(table["group"] == "price") & (table["offer_name"] == "discount_20")]
    back = cell["reactivated"]
    rate, profit = back.mean(), cell["profit_after"][back].mean()
    revenue, cost = cell["revenue_after"][back].mean(), cell["contact_cost"].mean()
    everyone = table[table["offer_name"] == "discount_20"]
    return [
        Wrong(float(rate * profit - cost - cell["offer_cost"].mean()), "Count it once", "concept"),
        Wrong(float(rate * revenue - cost), "revenue per returner", "concept"),
        Wrong(float(profit - cost), "chance of coming back", "concept"),
        Wrong(float(rate * profit), "cost per contact", "concept"),
        Wrong(
            float(
                (
                    everyone["profit_after"].where(everyone["reactivated"], 0)
                    - everyone["contact_cost"]
                ).mean()
            ),
            "every lost customer",
            "scope",
        ),  # fmt: skip
    ]


def worth() -> list[Wrong]:
    groups = list(recovery.GROUPS)
    right = ch09.EXERCISES[6].expected_answer
    return [
        Wrong(dict.fromkeys(groups, "contact"), "contact every group", "concept"),
        Wrong(dict.fromkeys(groups, "skip"), "skip everyone", "concept"),
        Wrong({**right, "gone": "contact"}, "contact every group", "concept"),
        Wrong(
            {"service": "contact", "price": "contact", "competitor": "skip", "gone": "skip"},
            "response rate",
            "concept",
        ),  # fmt: skip
        Wrong(
            {group: "Contact" if v == "contact" else "Skip" for group, v in right.items()},
            "Use only these labels",
            "dict",
        ),  # fmt: skip
    ]


def payback() -> list[Wrong]:
    table = campaign()
    back = table["reactivated"]
    profit = table["profit_after"][back].sum()
    cash = table["contact_cost"] + table["offer_cost"].where(
        table["offer_name"].isin(["apology_call", "free_gift"]), 0.0
    )
    discounts = table["offer_cost"].where(table["offer_name"].str.startswith("discount"), 0.0).sum()
    offers = table["offer_name"] != "none"
    return [
        Wrong(float(cash.sum() / profit), "divided cost by profit", "inverted"),
        Wrong(float(table["revenue_after"].sum() / cash.sum()), "used revenue", "concept"),
        Wrong(float(profit / (cash.sum() + discounts)), "count them once", "concept"),
        Wrong(
            float(table["profit_after"][back & offers].sum() / cash[offers].sum()),
            "without an offer",
            "scope",
        ),  # fmt: skip
    ]


def steps() -> list[Wrong]:
    right = dict(ch09.STEP_POSITIONS)
    return [
        Wrong(
            {"act_now": 1, "feel": 2, "apologise": 3, "take_responsibility": 4},
            "Fixing comes last",
            "concept",
        ),
        Wrong(
            {"feel": 1, "act_now": 2, "apologise": 3, "take_responsibility": 4},
            "Fixing comes last",
            "concept",
        ),
        Wrong(
            {"apologise": 1, "feel": 2, "take_responsibility": 3, "act_now": 4},
            "customer's emotion",
            "concept",
        ),
        Wrong(
            {"feel": 1, "take_responsibility": 2, "apologise": 3, "act_now": 4},
            "Say sorry",
            "concept",
        ),
        Wrong({step: str(n) for step, n in right.items()}, "as numbers", "odd_type"),
    ]


def measures() -> list[Wrong]:
    right = dict(recovery.MEASURE_POLICIES)
    return [
        Wrong({**right, "call_when_orders_slow": "make_lost_pay"}, "has not left yet", "concept"),
        Wrong(
            {**right, "offer_to_price_complainer": "make_lost_pay"}, "has not left yet", "concept"
        ),
        Wrong({**right, "points_expire_on_leaving": "reward_loyal"}, "who feels it", "concept"),
        Wrong(
            {**right, "tier_upgrade_after_two_years": "make_lost_pay"}, "who feels it", "concept"
        ),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    return {
        "9.1": fault(),
        "9.2": fault_share(),
        "9.3": precision(),
        "9.4": apology(),
        "9.5": payback(),
        "9.6": value(),
        "9.7": worth(),
        "9.8": steps(),
        "9.9": measures(),
    }
