"""Realistic wrong answers to chapter 03's exercises, computed the way a student would."""

from __future__ import annotations

import math

import pandas as pd
from crmkit import acquisition, data
from crmkit.exercises import ch03

from tests.exercises.wrong_answers.support import Wrong


def _decided() -> pd.DataFrame:
    leads = data.load_leads()
    return leads[leads["status"] != "open"]


def _business() -> pd.DataFrame:
    customers = data.load_customers()
    return customers[customers["segment"] == "business"]


def _methods() -> list[Wrong]:
    right = dict(ch03.SCENARIOS)
    return [
        Wrong({**right, "association_chair": "referral"}, "centre of influence", "concept"),
        Wrong({**right, "hotel_concierge": "referral"}, "PAID", "concept"),
        Wrong({**right, "salesperson_cousin": "referral"}, "own circle", "concept"),
        Wrong({**right, "industry_report": "records_search"}, "Records search", "concept"),
        Wrong({**right, "rival_switch": "Competitors' customers"}, "method codes", "dict"),
        Wrong({**right, "trade_fair_booth": "Events"}, "method codes", "dict"),
    ]


def _funnel() -> list[Wrong]:
    leads, decided = data.load_leads(), _decided()
    codes = decided["stage_reached"].cat.codes
    stuck = pd.crosstab(decided["prospecting_method"], decided["stage_reached"])
    every = leads["stage_reached"].cat.codes
    with_open = pd.DataFrame({s: every >= k for k, s in enumerate(acquisition.STAGES)})
    with_open = with_open.groupby(leads["prospecting_method"], observed=True).sum()
    exact = pd.DataFrame({s: codes == k for k, s in enumerate(acquisition.STAGES)})
    old = acquisition.matured_leads(leads)
    old = old[old["status"] != "open"]
    matured = pd.DataFrame(
        {s: old["stage_reached"].cat.codes >= k for k, s in enumerate(acquisition.STAGES)}
    )
    return [
        Wrong(stuck, "AT LEAST", "concept"),
        Wrong(
            exact.groupby(decided["prospecting_method"], observed=True).sum(), "AT LEAST", "concept"
        ),
        Wrong(stuck.cumsum(axis=1), "from 'lead' towards 'won'", "concept"),
        Wrong(with_open, "open leads", "scope"),
        Wrong(matured.groupby(old["prospecting_method"], observed=True).sum(), "180 days", "scope"),
    ]


def _steps() -> list[Wrong]:
    counts = acquisition.funnel(data.load_leads(), by=None).loc["all"].to_numpy()
    with_open = acquisition.funnel(data.load_leads(), by=None, exclude_open=False).loc["all"]
    right = pd.Series(counts[1:] / counts[:-1], index=acquisition.STEPS)
    return [
        Wrong(
            pd.Series(counts[1:] / counts[0], index=acquisition.STEPS),
            "stage just before",
            "concept",
        ),
        Wrong(pd.Series(counts[:-1] / counts[1:], index=acquisition.STEPS), "above 1", "inverted"),
        Wrong(right * 100, "percentage", "far_off"),
        Wrong(
            pd.Series(
                with_open.to_numpy()[1:] / with_open.to_numpy()[:-1], index=acquisition.STEPS
            ),
            "open leads",
            "scope",
        ),
        Wrong(1 - right, "1 minus", "inverted"),
    ]


def _wilson(n: int, k: int, z: float = 1.96) -> dict[str, float]:
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return {"rate": p, "lower": centre - half, "upper": centre + half}


def _interval() -> list[Wrong]:
    leads = data.load_leads()
    referral = leads[leads["prospecting_method"] == "referral"]
    decided = referral[referral["status"] != "open"]
    n, k = len(decided), int((decided["status"] == "won").sum())
    p = k / n
    wald = 1.96 * math.sqrt(p * (1 - p) / n)
    right = _wilson(n, k)
    every = leads[leads["status"] != "open"]
    return [
        Wrong({"rate": p, "lower": p - wald, "upper": p + wald}, "Wald", "concept"),
        Wrong(_wilson(len(referral), k), "open leads", "scope"),
        Wrong(_wilson(n, k, 1.645), "90%", "parameters"),
        Wrong({key: value * 100 for key, value in right.items()}, "percentage", "far_off"),
        Wrong(_wilson(len(every), int((every["status"] == "won").sum())), "ALL methods", "scope"),
        Wrong({**right, "rate": (right["lower"] + right["upper"]) / 2}, "centre", "concept"),
    ]


def _real_differences() -> list[Wrong]:
    right = ch03.EXERCISES[4].expected_answer
    return [
        Wrong(dict.fromkeys(right, True), "every pair", "concept"),
        Wrong(dict.fromkeys(right, False), "no pair", "concept"),
        Wrong({**right, "internet_vs_telephone": False}, "overlap", "concept"),
        Wrong({**right, "referral_vs_centre_of_influence": True}, "chance alone", "concept"),
        Wrong({key: str(value) for key, value in right.items()}, "quotes", "dict"),
        Wrong({key: int(value) for key, value in right.items()}, "True or False", "dict"),
    ]


def _holm() -> list[Wrong]:
    leads = data.load_leads()
    right = ch03.EXERCISES[5].expected_answer
    alone, bh = {}, {}
    table = acquisition.pairwise_conversion(leads, adjust="fdr_bh")
    for name in right:
        first, second = name.split("_vs_")
        alone[name] = bool(acquisition.compare_conversion(leads, first, second)["real"].item())
        bh[name] = bool(table.loc[" vs ".join(sorted([first, second])), "flagged_adjusted"])
    holm = acquisition.pairwise_conversion(leads)
    p_values = {
        name: float(holm.loc[" vs ".join(sorted(name.split("_vs_"))), "p_adjusted"])
        for name in right
    }
    return [
        Wrong(alone, "ALONE", "concept"),
        Wrong(bh, "Benjamini-Hochberg", "parameters"),
        Wrong(dict.fromkeys(right, False), "dropped every pair", "concept"),
        Wrong(p_values, "True or False", "dict"),
        Wrong({key: str(value) for key, value in right.items()}, "quotes", "dict"),
    ]


def _cac() -> list[Wrong]:
    leads, decided = data.load_leads(), _decided()
    spend = decided.groupby("prospecting_method", observed=True)["acquisition_cost"].sum()
    won = decided[decided["status"] == "won"].groupby("prospecting_method", observed=True).size()
    leads_n = decided.groupby("prospecting_method", observed=True).size()
    all_spend = leads.groupby("prospecting_method", observed=True)["acquisition_cost"].sum()
    business = _business()
    return [
        Wrong(
            business.groupby("acquisition_channel", observed=True)["acquisition_cost"].mean(),
            "WON leads only",
            "concept",
        ),
        Wrong(spend / leads_n, "cost per LEAD", "concept"),
        Wrong(all_spend / won, "open leads", "scope"),
        Wrong(won / spend, "upside down", "inverted"),
        Wrong(spend, "sum", "aggregate"),
    ]


def _first_year() -> list[Wrong]:
    customers, lines = data.load_customers(), data.load_order_lines()
    consumers = customers[customers["segment"] == "consumer"]

    def mean_gp(people: pd.DataFrame, last_day: int = 365, column: str = "gp") -> pd.Series:
        joined = lines.merge(people[["customer_id", "signup_date"]], on="customer_id")
        days_in = (joined["order_date"] - joined["signup_date"]).dt.days
        joined = joined[(days_in >= 0) & (days_in < last_day)]
        amount = joined["revenue"] - (joined["cost_of_goods"] if column == "gp" else 0)
        per = (
            amount.groupby(joined["customer_id"])
            .sum()
            .reindex(people["customer_id"], fill_value=0.0)
        )
        return per.groupby(people["acquisition_channel"].astype(str).to_numpy()).mean()

    full = consumers[(data.AS_OF - consumers["signup_date"]).dt.days >= 365]
    both = customers[(data.AS_OF - customers["signup_date"]).dt.days >= 365]
    return [
        Wrong(mean_gp(consumers), "first year is not over", "scope"),
        Wrong(mean_gp(full, 366), "day 365", "scope"),
        Wrong(mean_gp(full, column="revenue"), "revenues", "concept"),
        Wrong(
            mean_gp(both).reindex(acquisition.CONSUMER_CHANNELS),
            "business prospecting method",
            "scope",
        ),
        Wrong(mean_gp(full, 100_000), "whole history", "scope"),
    ]


def _payback() -> list[Wrong]:
    leads = data.load_leads()
    business = _business()
    costs = (data.load_service_events(), data.load_invoices(), data.load_payments())
    curves = acquisition.cumulative_profit(business, data.load_order_lines(), *costs, months=12)
    gross = acquisition.cumulative_gross_profit(business, data.load_order_lines(), months=12)
    cac = acquisition.method_cac(leads)["cac"]

    def lasting(table: pd.DataFrame, cost: pd.Series) -> pd.Series:
        covered = table.ge(cost.reindex(table.columns), axis=1)
        stays = covered[::-1].cummin()[::-1]
        return stays.idxmax().astype(float).where(stays.any())

    first = curves.ge(cac.reindex(curves.columns), axis=1)
    won_cost = business.groupby("acquisition_channel", observed=True)["acquisition_cost"].mean()
    covered = curves.ge(cac.reindex(curves.columns), axis=1)
    stays = covered[::-1].cummin()[::-1]
    return [
        Wrong(first.idxmax().astype(float).where(first.any()), "FIRST month", "concept"),
        Wrong(lasting(gross, cac), "gross profit", "scope"),
        Wrong(stays.idxmax().astype(float), "FIRST label", "concept"),
        Wrong(lasting(curves, won_cost), "won lead only", "concept"),
        Wrong(
            pd.Series(stays.to_numpy().argmax(axis=0), index=curves.columns)
            .astype(float)
            .where(stays.any()),
            "one too small",
            "parameters",
        ),
    ]


def _plan(economics: pd.DataFrame, rank_by: str, ascending: bool = False) -> pd.Series:
    ranked = economics.sort_values(rank_by, ascending=ascending)
    left = ch03.BUDGET - ranked["capacity"].cumsum().shift(fill_value=0)
    plan = ranked["capacity"].clip(upper=left.clip(lower=0))
    return plan[plan > 0]


def _economics() -> pd.DataFrame:
    return acquisition.method_economics(
        data.load_leads(), data.load_customers(), data.load_order_lines(),
        service_events=data.load_service_events(), invoices=data.load_invoices(),
        payments=data.load_payments(),
    )  # fmt: skip


def _budget() -> list[Wrong]:
    economics = _economics()
    ranked = economics.sort_values("profit_to_cost", ascending=False)
    left = ch03.BUDGET - ranked["capacity"].cumsum().shift(fill_value=0)
    with_zeros = ranked["capacity"].clip(upper=left.clip(lower=0))
    return [
        Wrong(_plan(economics, "value_to_cost"), "GROSS profit", "concept"),
        Wrong(_plan(economics, "cac", ascending=True), "lowest CAC", "parameters"),
        Wrong(_plan(economics, "cost_per_lead", ascending=True), "cheapest LEADS", "parameters"),
        Wrong(_plan(economics, "profit_to_cost", ascending=True), "WORST", "parameters"),
        Wrong(with_zeros, "receive nothing", "scope"),
        Wrong(pd.Series({ranked.index[0]: float(ch03.BUDGET)}), "whole budget", "concept"),
    ]


def _dropped() -> list[Wrong]:
    economics = _economics()
    gross = set(_plan(economics, "value_to_cost").index)
    profit = set(_plan(economics, "profit_to_cost").index)
    return [
        Wrong(profit - gross, "ADDS", "inverted"),
        Wrong(gross ^ profit, "mixes", "concept"),
        Wrong(profit, "one plan funds", "concept"),
        Wrong(set(economics.index) - profit, "leaves unfunded", "scope"),
        Wrong(sorted(gross - profit)[:1], "missing", "parameters"),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    answers = {
        "3.1": _methods(),
        "3.2": _funnel(),
        "3.3": _steps(),
        "3.4": _interval(),
        "3.5": _real_differences(),
        "3.6": _holm(),
        "3.7": _cac(),
        "3.8": _first_year(),
        "3.9": _payback(),
        "3.10": _budget(),
        "3.11": _dropped(),
    }
    for exercise_id, more in _fresh_answers().items():
        answers[exercise_id] = [*answers[exercise_id], *more]
    return answers


# fresh answers from the audit
def _fresh_answers() -> dict[str, list[Wrong]]:
    """Answers written by an independent audit, without reading the suite above first."""
    leads = data.load_leads()
    decided = leads[leads["status"] != "open"]
    codes = decided["stage_reached"].cat.codes
    stages = list(decided["stage_reached"].cat.categories)

    def funnel(reached: pd.Series) -> pd.DataFrame:
        table = pd.DataFrame({stage: reached(k) for k, stage in enumerate(stages)})
        return table.groupby(decided["prospecting_method"], observed=True).sum()

    return {
        "3.2": [
            Wrong(funnel(lambda k: codes > k), "shifted by one", "parameters"),
            Wrong(funnel(lambda k: codes >= k).T, "Rows and columns are swapped", "odd_type"),
        ],
    }
