"""Realistic wrong answers to chapter 02's exercises, computed the way a student would.

Each :class:`Wrong` carries text the feedback must contain when it names the mistake;
``kind`` is one of :data:`support.KINDS`.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from crmkit import data, selection

from tests.exercises.wrong_answers.support import Wrong


@cache
def _tables() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "service_events": data.load_service_events(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "leads": data.load_leads(),
    }


@cache
def _profitability() -> pd.DataFrame:
    t = _tables()
    return selection.customer_profitability(
        t["customers"], t["order_lines"], t["service_events"], t["invoices"], t["payments"]
    )


def _risks(**changes: str) -> dict[str, str]:
    answer = {
        "ninety_day_terms": "financial",
        "rebate_and_free_service": "profit",
        "cross_region_resale": "management",
        "courted_by_rivals": "churn",
        "own_brand": "independence",
    }
    return {**answer, **changes}


def _risk_answers() -> list[Wrong]:
    return [
        Wrong(
            _risks(ninety_day_terms="profit", rebate_and_free_service="financial"),
            "Financial risk",
            "concept",
        ),
        Wrong(_risks(own_brand="churn"), "Setting up on their own", "concept"),
        Wrong(_risks(cross_region_resale="independence"), "management risks", "concept"),
        Wrong(
            _risks(courted_by_rivals="Churn", own_brand="Independence"), "exactly as given", "dict"
        ),
        Wrong(_risks(ninety_day_terms="financial risk"), "exactly as given", "dict"),
        Wrong(_risks(own_brand="competition"), "not one of the five risks", "dict"),
    ]


def _service_answers() -> list[Wrong]:
    t = _tables()
    events, ids = t["service_events"], t["customers"]["customer_id"]
    columns = list(selection.SERVICE_COMPONENTS)
    pivot = events.pivot_table(
        index="customer_id", columns="event_type", values="cost", aggfunc="sum", observed=True
    )
    counts = events.pivot_table(
        index="customer_id", columns="event_type", values="cost", aggfunc="count", observed=True
    )
    means = events.pivot_table(
        index="customer_id", columns="event_type", values="cost", aggfunc="mean", observed=True
    )
    return [
        Wrong(
            counts.reindex(index=ids, columns=columns, fill_value=0),
            "numbers of events",
            "aggregate",
        ),
        Wrong(means.reindex(index=ids, columns=columns).fillna(0), "average", "aggregate"),
        Wrong(
            events.groupby(["customer_id", "event_type"], observed=True)["cost"].sum(),
            "long Series",
            "odd_type",
        ),
        Wrong(pivot.reindex(index=ids, columns=columns, fill_value=0).T, "swapped", "odd_type"),
        Wrong(pivot.reindex(index=ids, columns=columns), "missing", "scope"),
    ]


def _late_answers() -> list[Wrong]:
    t = _tables()
    invoices, payments = t["invoices"], t["payments"]
    paid = payments.merge(
        invoices[["invoice_id", "customer_id", "due_date", "invoice_date"]], on="invoice_id"
    )
    every = invoices["customer_id"].unique()

    def per_customer(cost: pd.Series) -> pd.Series:
        return cost.groupby(paid["customer_id"]).sum().reindex(every, fill_value=0.0)

    days = (paid["payment_date"] - paid["due_date"]).dt.days
    right = paid["amount"] * 0.08 * days.clip(lower=0) / 365
    from_invoice = (paid["payment_date"] - paid["invoice_date"]).dt.days
    only_late = right.groupby(paid["customer_id"]).sum()
    return [
        Wrong(per_customer(paid["amount"] * 0.08 * days / 365), "clip", "concept"),
        Wrong(per_customer(paid["amount"] * 8 * days.clip(lower=0) / 365), "0.08", "far_off"),
        Wrong(per_customer(paid["amount"] * 0.08 * from_invoice / 365), "due date", "concept"),
        Wrong(only_late[only_late > 0], "only the customers who paid late", "scope"),
        Wrong(
            selection.late_payment_costs(invoices, payments)["late_payment_cost"],
            "still unpaid",
            "scope",
        ),
    ]


def _top20_answers() -> list[Wrong]:
    profit = _profitability()
    count = round(0.2 * len(profit))
    ranked = profit["profit"].sort_values(ascending=False)
    by_revenue = profit.sort_values("revenue", ascending=False)["profit"]
    business = profit.loc[profit.index.str.startswith("B"), "profit"].sort_values(ascending=False)
    return [
        Wrong(by_revenue.iloc[:count].sum() / profit["profit"].sum(), "rank", "concept"),
        Wrong(ranked.iloc[:count].sum() / ranked.sum() * 100, "percentage", "far_off"),
        Wrong(ranked.iloc[:20].sum() / ranked.sum(), "top 20 percent", "parameters"),
        Wrong(
            business.iloc[: round(0.2 * len(business))].sum() / business.sum(),
            "business accounts only",
            "scope",
        ),
        Wrong(ranked.iloc[:count].sum(), "in CNY", "far_off"),
        Wrong(
            ranked.iloc[:count].sum() / ranked[ranked > 0].sum(),
            "profitable customers only",
            "concept",
        ),
    ]


def _simple_answers() -> list[Wrong]:
    profit = _profitability()
    count = round(0.2 * len(profit))

    def share(values: pd.Series) -> float:
        ranked = values.sort_values(ascending=False)
        return float(ranked.iloc[:count].sum() / ranked.sum())

    return [
        Wrong(share(profit["profit"]), "every cost assigned", "scope"),
        Wrong(
            share(profit["profit"] + profit["late_payment_cost"]), "still charged bad debt", "scope"
        ),
        Wrong(
            share(profit["profit"] + profit["bad_debt"]),
            "still charged the cost of late payment",
            "scope",
        ),
        Wrong(
            share(profit["profit"] - profit["late_payment_cost"] - profit["bad_debt"]),
            "adding them back",
            "concept",
        ),
        Wrong(share(profit["gross_profit"]), "whole cost to serve", "concept"),
        Wrong(share(profit["profit"] + profit["cost_to_serve"]) * 100, "percentage", "far_off"),
    ]


def _giant_answers() -> list[Wrong]:
    profit = _profitability()
    top10 = profit.nlargest(10, "revenue")
    top20 = profit.nlargest(20, "revenue")
    return [
        Wrong(set(top10.index[top10["gross_profit"] < 0]), "gross profit", "concept"),
        Wrong(set(profit.nsmallest(10, "profit").index), "biggest losses", "concept"),
        Wrong(set(top20.index[top20["profit"] < 0]), "20 largest", "parameters"),
        Wrong(set(top10.index[top10["profit"] > 0]), "profitable ones", "parameters"),
        Wrong(
            set(profit.nsmallest(10, "revenue").query("profit < 0").index), "missing", "parameters"
        ),
    ]


def _match_answers() -> list[Wrong]:
    t = _tables()
    match = selection.size_match(_profitability(), t["customers"], t["invoices"], t["payments"])
    big, over = match["revenue_share"] > 0.01, match["over_limit"]
    return [
        Wrong(set(match.index[big | over]), "either condition", "parameters"),
        Wrong(set(match.index[big]), "all the big accounts", "scope"),
        Wrong(set(match.index[over]), "over their credit limit", "scope"),
        Wrong(set(match.index[(match["revenue_share"] > 1) & over]), "0.01", "far_off"),
        Wrong(set(match.index[big & (match["margin"] < 0)]), "lose money", "concept"),
    ]


@cache
def _traits() -> pd.DataFrame:
    t = _tables()
    lines = t["order_lines"]
    first = lines.groupby("customer_id")["order_date"].min()
    old = first.index[
        (first <= data.AS_OF - pd.Timedelta(days=730)) & first.index.str.startswith("B")
    ]
    measures = selection.trait_measures(
        _profitability().loc[old],
        lines,
        t["invoices"],
        t["payments"],
        high_margin=selection.HIGH_MARGIN,
    )
    return selection.trait_scores(measures)


def _top10_answers() -> list[Wrong]:
    traits = _traits()
    weights = pd.Series(
        {"purchase_power": 1, "profitability": 1, "payment": 3, "cost_to_serve": 1, "prospects": 1}
    )
    score = (traits[weights.index] * weights).sum(axis=1) / weights.sum()
    best = score.sort_values(ascending=False, kind="stable")
    equal = traits.mean(axis=1).sort_values(ascending=False, kind="stable")
    return [
        Wrong(list(equal.index[:10]), "equal weights", "parameters"),
        Wrong(list(score.sort_values(kind="stable").index[:10]), "lowest scores", "parameters"),
        Wrong(
            list(traits["payment"].sort_values(ascending=False, kind="stable").index[:10]),
            "payment alone",
            "concept",
        ),
        Wrong(best.iloc[:10], "ids", "odd_type"),
        Wrong(sorted(best.index[:10]), "another order", "parameters"),
    ]


def _quadrant_answers() -> list[Wrong]:
    t = _tables()
    business = t["customers"][t["customers"]["segment"] == "business"]
    year = selection.customer_profitability(
        business,
        t["order_lines"],
        t["service_events"],
        t["invoices"],
        t["payments"],
        start="2025-01-01",
    )
    headroom = selection.wallet_headroom(t["leads"], t["order_lines"])

    def counts(accounts: pd.Index, current: str = "profit", split: str = "median") -> pd.Series:
        now, later = year.loc[accounts, current], headroom.loc[accounts, "headroom"]
        high_now = now > getattr(now, split)()
        high_later = later > getattr(later, split)()
        quadrant = pd.Series("lead", index=accounts)
        quadrant[~high_now & high_later] = "promising"
        quadrant[high_now & ~high_later] = "mature"
        quadrant[high_now & high_later] = "star"
        return quadrant.value_counts()

    active = year.index[year["revenue"] > 0]
    right = counts(active).rename({"lead": "marginal"}).reindex(list(selection.QUADRANTS))
    return [
        Wrong(right.rename({"marginal": "lead"}), "marginal", "concept"),
        Wrong(
            counts(active, split="mean").rename({"lead": "marginal"}).reindex(right.index),
            "means",
            "parameters",
        ),
        Wrong(
            counts(year.index).rename({"lead": "marginal"}).reindex(right.index),
            "every business account",
            "scope",
        ),
        Wrong(
            counts(active, "revenue").rename({"lead": "marginal"}).reindex(right.index),
            "revenue",
            "concept",
        ),
        Wrong(right / right.sum(), "shares", "aggregate"),
    ]


def _lift_answers() -> list[Wrong]:
    t = _tables()
    leads = t["leads"]
    loyal = selection.loyal_accounts(t["order_lines"])
    loyal_ids = loyal.index[loyal & loyal.index.str.startswith("B")]
    similarity = selection.lookalike_scores(leads, loyal_ids)
    outcomes = selection.lead_outcomes(leads, _profitability()["profit"])
    checked = leads[leads["created_date"].dt.year.between(2022, 2024)]
    fair = checked.loc[~checked["customer_id"].isin(loyal_ids).fillna(False), "lead_id"]

    def table(ids: pd.Series, outcome: str = "converted") -> pd.DataFrame:
        return selection.lift_table(similarity.loc[ids], outcomes.loc[ids, outcome], bands=5)

    right = table(fair)
    return [
        Wrong(float(table(checked["lead_id"]).loc[1, "lift"]), "own leads", "scope"),
        Wrong(float(right.loc[5, "lift"]), "band 5", "parameters"),
        Wrong(float(table(fair, "high_value").loc[1, "lift"]), "high-value", "scope"),
        Wrong(float(right.loc[1, "rate"]), "conversion rate", "concept"),
        Wrong(float(1 / right.loc[1, "lift"]), "upside down", "inverted"),
        Wrong(
            float(outcomes.loc[fair, "converted"].mean()),
            "conversion rate of all the leads",
            "concept",
        ),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    """Chapter 02's wrong answers, by exercise id."""
    answers = {
        "2.1": _risk_answers(),
        "2.2": _service_answers(),
        "2.3": _late_answers(),
        "2.4": _top20_answers(),
        "2.5": _simple_answers(),
        "2.6": _giant_answers(),
        "2.7": _match_answers(),
        "2.8": _top10_answers(),
        "2.9": _quadrant_answers(),
        "2.10": _lift_answers(),
    }
    for exercise_id, more in _fresh_answers().items():
        answers[exercise_id] = [*answers[exercise_id], *more]
    return answers


# fresh answers from the audit
def _fresh_answers() -> dict[str, list[Wrong]]:
    """Answers written by an independent audit, without reading the suite above first."""
    invoices, payments = data.load_invoices(), data.load_payments()
    paid = payments.merge(invoices, on="invoice_id", suffixes=("", "_invoice"))
    late = (paid["payment_date"] - paid["due_date"]).dt.days.clip(lower=0)
    yearly = (paid["amount"] * 0.08 * late).groupby(paid["customer_id"]).sum()
    customers = invoices["customer_id"].unique()
    table = selection.customer_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        invoices,
        payments,
    )
    profit, revenue = table["profit"], table["revenue"]
    count = round(0.2 * len(profit))
    return {
        "2.3": [Wrong(yearly.reindex(customers, fill_value=0), "365 times", "far_off")],
        "2.4": [
            Wrong(
                float(profit.sort_values().head(count).sum() / profit.sum()),
                "bottom 20%",
                "parameters",
            ),
            Wrong(selection.top_share(revenue, 0.2), "rank customers by revenue", "concept"),
        ],
        "2.6": [Wrong(set(profit.nlargest(10).index), "ten most profitable", "parameters")],
    }
