"""Realistic wrong answers to chapter 08's exercises, computed the way a student would."""

from __future__ import annotations

import pandas as pd
from crmkit import data, retention, tiers, value
from crmkit.retention import models

from tests.exercises.wrong_answers.support import Wrong

AS_OF = pd.Timestamp("2025-12-31")


def _ideas() -> dict[str, list[Wrong]]:
    shopper = retention.lost_customer_value()
    kinds = {
        "cafe_turned_down_rival": "true_loyalty",
        "double_points_only": "spurious_loyalty",
        "only_supplier_nearby": "spurious_loyalty",
        "student_fan": "latent_loyalty",
        "satisfied_then_silent": "no_loyalty",
        "buys_when_stock_runs_out": "spurious_loyalty",
    }
    regular = data.load_contract_cohorts()["regular"]
    high_end = data.load_contract_cohorts()["high_end"]
    actual = regular / 100
    constant = models.constant_retention_projection(regular, 7, 12)
    sbg = models.fit_sbg(regular, 7).projection(regular)["sbg"]
    high = models.constant_retention_projection(high_end, 7, 12)[12] - high_end[12] / 100
    return {
        "8.1": [
            Wrong(shopper["direct"], "only her own spending", "concept"),
            Wrong(shopper["direct"] * 11, "every person she tells", "concept"),
            Wrong(shopper["word_of_mouth"], "Add her own spending", "aggregate"),
            Wrong(retention.lost_customer_value(people_told=20)["total"], "20 people", "scope"),
            Wrong(f"{shopper['total']:,.0f}", "text", "odd_type"),
        ],
        "8.2": [
            Wrong({**kinds, "satisfied_then_silent": "latent_loyalty"}, "judges the past", "concept"),
            Wrong({**kinds, "double_points_only": "true_loyalty"}, "rewards", "concept"),
            Wrong({**kinds, "buys_when_stock_runs_out": "true_loyalty"}, "need comes back", "concept"),
            Wrong({k: v.replace("_", " ") for k, v in kinds.items()}, "not", "dict"),
            Wrong({**kinds, "student_fan": "true_loyalty"}, "classified differently", "concept"),
        ],
        "8.8": [
            Wrong(actual[12] - constant[12], "opposite sign", "far_off"),
            Wrong(sbg[12] - actual[12], "sBG", "concept"),
            Wrong(actual[1] ** 12 - actual[12], "first year", "concept"),
            Wrong(high, "high-end", "scope"),
            Wrong((constant[12] - actual[12]) * 100, "100", "far_off"),
        ],
    }


def _rates() -> dict[str, list[Wrong]]:
    customers, lines = data.load_customers(), data.load_order_lines()
    table = retention.retention_rates(lines, customers, "business")
    row = table.loc["2025"]
    business = customers.loc[customers["segment"] == "business", "customer_id"]
    active_2025 = lines[lines["customer_id"].isin(business) & (lines["order_date"].dt.year == 2025)]
    args = (lines, customers, "consumer")
    surviving = retention.cohort_matrix(*args, kind="surviving")
    sizes = retention.cohort_sizes(*args)
    curve = retention.average_curve(surviving, sizes)
    active = retention.average_curve(retention.cohort_matrix(*args), sizes)
    business_curve = retention.average_curve(
        retention.cohort_matrix(lines, customers, "business", kind="surviving"),
        retention.cohort_sizes(lines, customers, "business"),
    )
    walkout = retention.walkout_table(customers, lines)
    m, r = walkout.loc["business", ["gross_profit_per_year", "retention_rate"]]
    cm, cr = walkout.loc["consumer", ["gross_profit_per_year", "retention_rate"]]
    return {
        "8.3": [
            Wrong(row["churn_rate"], "churn rate", "inverted"),
            Wrong(retention.retention_rates(lines).loc["2025", "retention_rate"], "all customers", "scope"),
            Wrong(table.loc["2024", "retention_rate"], "2024", "scope"),
            Wrong(int(row["retained"]), "number of accounts", "far_off"),
            Wrong(row["retained"] / active_2025["customer_id"].nunique(), "denominator", "concept"),
            Wrong(row["retention_rate"] * 100, "100", "far_off"),
        ],
        "8.4": [
            Wrong((surviving[12].fillna(0) * sizes).sum() / sizes.sum(), "missing, not 0", "concept"),
            Wrong(active[12], "ordered in month 12", "concept"),
            Wrong(surviving[12].mean(), "same size", "aggregate"),
            Wrong(curve[11], "age 11", "scope"),
            Wrong(business_curve[12], "business", "scope"),
            Wrong(curve[12] * 100, "100", "far_off"),
        ],
        "8.5": [
            Wrong(m / (1 + 0.1 - r), "not yet earned", "concept"),
            Wrong(m * r / (1 - r), "discount rate", "concept"),
            Wrong(cm * cr / (1 + 0.1 - cr), "consumer", "scope"),
            Wrong(m * (1 + 0.1) / (1 + 0.1 - r), "not yet earned", "concept"),
            Wrong(round(m * r / (1 + 0.1 - r) / 1000, 2), "1000", "far_off"),
        ],
    }


def _models_and_tiers() -> dict[str, list[Wrong]]:
    customers, lines = data.load_customers(), data.load_order_lines()
    ids = customers.loc[customers["segment"] == "consumer", "customer_id"]
    consumers = lines[lines["customer_id"].isin(ids)]
    summary = models.repeat_summary(consumers.drop_duplicates("order_id"), date="order_date",
                                    observation_end="2025-12-31")  # fmt: skip
    alive = models.fit_bgnbd(summary).p_alive(summary)
    days = (AS_OF - value.last_purchase(consumers)).dt.days.reindex(alive.index)
    lost = (days > 180) & (summary["frequency"] > 0)
    tables = (customers, lines, data.load_service_events(), data.load_invoices(),
              data.load_payments())  # fmt: skip
    p24 = tiers.year_profitability(*tables, 2024)["profit"]
    p25 = tiers.year_profitability(*tables, 2025)["profit"]
    counts = retention.profit_transitions(p24, p25, shares=False)
    consumer_counts = retention.profit_transitions(p24[p24.index.isin(ids)], p25, shares=False)
    loss = counts.loc["loss"]
    products = data.load_products()
    rates = retention.retention_by_breadth(lines, products)["rate"]
    lifetime = retention.retention_by_breadth(lines, products, days=10_000)["rate"]
    young = retention.retention_by_breadth(lines, products, as_of="2027-12-31")["rate"]
    return {
        "8.10": [
            Wrong(int(((days > 180) & (alive >= 0.5)).sum()), "blind spot", "concept"),
            Wrong(int((alive >= 0.5).sum()), "active ones too", "scope"),
            Wrong(int((lost & (alive < 0.5)).sum()), "agrees are gone", "inverted"),
            Wrong(int(((days > 365) & (summary["frequency"] > 0) & (alive >= 0.5)).sum()), "365",
                  "scope"),  # fmt: skip
            Wrong(int(lost.sum()), "agrees are gone", "concept"),
            Wrong(float((lost & (alive >= 0.5)).sum() / lost.sum()), "share", "far_off"),
        ],
        "8.6": [
            Wrong(loss["profit"] / (loss["profit"] + loss["loss"]), "bought nothing", "scope"),
            Wrong(loss["gone"] / loss["customers"], "another cell", "parameters"),
            Wrong(counts.loc["profit", "loss"] / counts.loc["profit", "customers"], "another cell",
                  "inverted"),  # fmt: skip
            Wrong(consumer_counts.loc["loss", "profit"] / consumer_counts.loc["loss", "customers"],
                  "consumers", "scope"),  # fmt: skip
            Wrong(int(loss["profit"]), "count", "far_off"),
        ],
        "8.7": [
            Wrong(lifetime.iloc[-1] - lifetime.iloc[0], "whole life", "concept"),
            Wrong(young.iloc[-1] - young.iloc[0], "second year is not over", "scope"),
            Wrong(rates.iloc[0] - rates.iloc[-1], "sign", "far_off"),
            Wrong((rates.iloc[-1] - rates.iloc[0]) * 100, "100", "far_off"),
        ],
    }


def _cdnow() -> dict[str, list[Wrong]]:
    cdnow = data.load_cdnow_sample()
    summary = models.calibration_holdout_summary(cdnow, "1997-09-30", "1998-06-30", amount="amount")
    bgnbd = models.fit_bgnbd(summary)
    clv = models.customer_lifetime_value(bgnbd, models.fit_gamma_gamma(summary), summary)
    holdout = summary["frequency_holdout"] * summary["monetary_holdout"]
    n = len(summary) // 10
    by_purchases = clv["expected_transactions"].nlargest(n).index
    top = clv["clv"].nlargest(n).index
    early = cdnow[cdnow["date"] <= "1997-09-30"].groupby("customer_id")["amount"].sum()
    early = early.reindex(summary.index).fillna(0)
    return {
        "8.9": [
            Wrong(holdout[by_purchases].sum() / holdout.sum(), "expected purchases", "parameters"),
            Wrong(early[top].sum() / early.sum(), "already seen", "scope"),
            Wrong(0.10, "share of customers", "concept"),
            Wrong(holdout[top].sum() / holdout.sum() * 100, "100", "far_off"),
            Wrong(holdout[top].sum(), "wrong total", "far_off"),
        ],
    }


def wrong_answers() -> dict[str, list[Wrong]]:
    """Chapter 08's wrong answers, by exercise id."""
    return {**_ideas(), **_rates(), **_models_and_tiers(), **_cdnow()}
