"""Chapter 05, Tiering customers: key customers, Pareto/ABC, RFM, the pyramid, migration, policy."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, selection, tiers
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_at, close_to, same_frame, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "05"
YEAR = 2025
RFM_START = "2024-01-01"
EXERCISE_CUTOFFS = (0.02, 0.10, 0.40)
SEGMENT_ACTIONS = {
    "champions": "key_account_care",
    "can't lose them": "personal_call",
    "new": "welcome_offer",
    "lost": "no_spend",
}
ACTIONS = (
    "key_account_care",
    "loyalty_programme",
    "personal_call",
    "reactivation_offer",
    "welcome_offer",
    "no_spend",
)


# --------------------------------------------------------------------------- shared data


def _tables() -> tuple[pd.DataFrame, ...]:
    return (
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )


@cache
def _year(year: int = YEAR) -> pd.DataFrame:
    return tiers.year_profitability(*_tables(), year)


@cache
def _everyone_in_year() -> pd.DataFrame:
    """2025's profitability of every customer, buyers or not (a scope mistake)."""
    return selection.customer_profitability(*_tables(), start=f"{YEAR}-01-01")


def _group_share(table: pd.DataFrame, rank_by: str = "profit", share_of: str = "profit") -> float:
    groups = tiers.customer_groups(table[rank_by])
    return float(tiers.tier_summary(table, groups).loc["key", f"{share_of}_share"])


# --------------------------------------------------------------------------- 5.1


def _key_by_revenue(answer: Any, expected: Any) -> str | None:
    year = _year()
    if close_to(answer, _group_share(year, "revenue", "profit"), 1e-3) or close_to(
        answer, _group_share(year, "revenue", "revenue"), 1e-3
    ):
        return (
            "You ranked (or added up) by revenue. Key customers are the top 10% by profit, as "
            "chapter 02 defines it, and the question asks for their share of profit."
        )
    return None


def _key_wrong_scope(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _group_share(_everyone_in_year()), 1e-3):
        return (
            "You ranked every customer, including those who bought nothing in 2025. Tier the "
            "customers who bought in 2025 (tiers.year_profitability keeps only them)."
        )
    whole = selection.customer_profitability(*_tables())
    if close_to(answer, _group_share(whole.loc[whole["revenue"] > 0]), 1e-3):
        return "You used the whole 2022-2025 history. The question is about 2025's profit."
    return None


# --------------------------------------------------------------------------- 5.2


def _class_a(values: pd.Series) -> int:
    return int((tiers.pareto_curve(values)["abc"] == "A").sum())


def _expected_class_a() -> dict[str, int]:
    year = _year()
    return {"revenue": _class_a(year["revenue"]), "profit": _class_a(year["profit"])}


def _class_a_swapped(answer: Any, expected: Any) -> str | None:
    swapped = {"revenue": expected["profit"], "profit": expected["revenue"]}
    if close_at(answer, swapped) and not close_at(answer, expected):
        return (
            "Your two counts are the wrong way round. Which measure needs fewer customers to "
            "reach 80% of its total: look at the two Pareto curves again."
        )
    return None


def _class_a_fixed_share(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    top20 = round(0.2 * len(_year()))
    year = _year()
    crossers = {
        key: int((tiers.pareto_curve(year[key])["cumulative_share"] < 0.8).sum())
        for key in ("revenue", "profit")
    }
    if top20 in answer.values():
        return (
            "Class A is not a fixed 20% of customers: it is however many customers it takes "
            "to reach 80% of the total, counting from the largest."
        )
    if close_at(answer, crossers):
        return (
            "You left out the customer whose value takes the total past 80%. Class A runs "
            "up to and including that customer."
        )
    return None


# --------------------------------------------------------------------------- 5.3


@cache
def _rfm() -> pd.DataFrame:
    return tiers.rfm_table(data.load_order_lines(), start=RFM_START)


def _expected_r_score() -> pd.Series:
    return tiers.rfm_scores(_rfm())["r_score"]


def _r_score_reversed(answer: Any, expected: Any) -> str | None:
    if same_series(answer, 6 - expected) or same_series(
        answer, tiers.rfm_scores(_rfm().assign(recency_days=-_rfm()["recency_days"]))["r_score"]
    ):
        return (
            "Your scores run the wrong way: your 5s are the customers who bought longest ago. "
            "Recency counts days since the last order, so fewer days is better: rank it so "
            "that the most recent customers get 5."
        )
    return None


def _r_score_scope_or_ties(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series):
        return None
    if len(answer) > len(expected) and set(expected.index) <= set(answer.index.astype(str)):
        return (
            "You scored customers with no order in 2024-2025. They have no recency at all; "
            "putting them into the quintiles pushes everyone else's scores up. Score only "
            "the customers who ordered in the period."
        )
    if same_series(answer, tiers.rfm_scores(_rfm(), ties="first")["r_score"]):
        return (
            "Customers who last ordered on the same day got different scores: rank(method="
            "'first') breaks ties by row order. The lesson's rule lets ties share a score "
            "(rank(method='min'))."
        )
    return None


# --------------------------------------------------------------------------- 5.4


def _actions_spend_on_lost(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("lost") in ("personal_call", "reactivation_offer", "key_account_care"):
        return (
            "The lost segment ordered rarely and long ago. Tiering puts its money where the "
            "value is; whether to win anyone back is a separate decision (chapter 09)."
        )
    if answer.get("can't lose them") in ("no_spend", "welcome_offer"):
        return (
            '"Can\'t lose them" were frequent, big buyers who went quiet: they are worth a '
            "personal call from the account manager before a competitor keeps them."
        )
    return None


def _actions_new_or_champions(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("new") in ("key_account_care", "loyalty_programme", "personal_call"):
        return (
            "A new customer has one order: first it needs a reason to order a second time "
            "(a welcome series and an offer), not the treatment of a proven key account."
        )
    if answer.get("champions") not in (None, "key_account_care"):
        return "Champions bought recently, often and a lot: they get the key-account care."
    return None


# --------------------------------------------------------------------------- 5.5


def _tier_table(column: str = "profit_share", cutoffs: tuple[float, ...] = EXERCISE_CUTOFFS,
                table: pd.DataFrame | None = None) -> pd.Series:  # fmt: skip
    table = _year() if table is None else table
    summary = tiers.tier_summary(table, tiers.pyramid_tiers(table["profit"], cutoffs))
    return summary[column].rename("profit_share")


def _tier_shares_not_shares(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _tier_table("profit"), rel=1e-3):
        return "These are the tiers' profits in CNY. The question asks for each tier's share of the total."
    if same_series(answer, _tier_table("customer_share"), rel=1e-3) or same_series(
        answer, _tier_table("customers").astype(float), rel=1e-3
    ):
        return (
            "You counted customers: that is the count pyramid. The question asks for the profit "
            "pyramid: each tier's share of the total profit."
        )
    return None


def _tier_shares_wrong_measure(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _tier_table("revenue_share"), rel=1e-3):
        return "These are shares of revenue. Tiers are built from, and measured in, profit."
    year = _year()
    by_revenue = tiers.pyramid_tiers(year["revenue"], EXERCISE_CUTOFFS)
    if same_series(answer, tiers.tier_summary(year, by_revenue)["profit_share"], rel=1e-3):
        return "You ranked customers by revenue. The pyramid ranks them by profit."
    if same_series(answer, _tier_table(cutoffs=(0.02, 0.08, 0.30)), rel=1e-3):
        return (
            "The cut-offs are cumulative: gold runs down to the top 10% and iron down to the top "
            "40%, not 8% and 30% more of the customers."
        )
    return None


# --------------------------------------------------------------------------- 5.6


@cache
def _migration_counts() -> pd.DataFrame:
    before = tiers.pyramid_tiers(_year(2024)["profit"])
    after = tiers.pyramid_tiers(_year(2025)["profit"])
    return tiers.migration_matrix(before, after)


def _expected_migration() -> pd.DataFrame:
    return tiers.migration_shares(_migration_counts())


def _migration_not_normalised(answer: Any, expected: Any) -> str | None:
    counts = _migration_counts()
    if same_frame(answer, counts.astype(float)):
        return (
            "These are counts of customers. Divide each row by its total so that each row "
            "says where that tier's customers went (each row adds up to 1)."
        )
    if same_frame(answer, counts / counts.to_numpy().sum(), rel=1e-3):
        return (
            "You divided by the grand total, so the whole table adds up to 1. Divide each row "
            "by its own total: the question is where each 2024 tier went."
        )
    return None


def _migration_by_column(answer: Any, expected: Any) -> str | None:
    counts = _migration_counts()
    if same_frame(answer, counts / counts.sum(axis=0), rel=1e-3):
        return (
            "Your columns add up to 1: that says where each 2025 tier came from. Normalise the "
            "rows instead (divide by counts.sum(axis=1), axis=0)."
        )
    if same_frame(answer, _expected_migration().T, rel=1e-3):
        return "Your table is transposed: 2024 tiers go in the rows, 2025 tiers in the columns."
    return None


# --------------------------------------------------------------------------- 5.7


def _expected_move_gain() -> float:
    labels = tiers.pyramid_tiers(_year()["profit"])
    return float(tiers.move_up_effect(_year(), labels)["profit_gain"])


def _move_gain_means_or_revenue(answer: Any, expected: Any) -> str | None:
    year = _year()
    labels = tiers.pyramid_tiers(year["profit"])
    means = year["profit"].groupby(labels, observed=True).mean()
    moved = round(0.1 * int((labels == "iron").sum()))
    if close_to(answer, moved * (means["gold"] - means["iron"]), 1e-3):
        return (
            "You used the tiers' mean profits. The lesson's assumption uses medians, so that a "
            "few very large accounts do not set the figure."
        )
    if close_to(answer, tiers.move_up_effect(year, labels)["revenue_gain"], 1e-3):
        return "That is the revenue effect. The question asks for the profit effect."
    return None


def _move_gain_all_iron(answer: Any, expected: Any) -> str | None:
    year = _year()
    labels = tiers.pyramid_tiers(year["profit"])
    if close_to(answer, tiers.move_up_effect(year, labels, share=1.0)["profit_gain"], 1e-3):
        return "You moved every iron customer. The question moves 10% of them."
    per_customer = tiers.move_up_effect(year, labels)
    if close_to(
        answer, per_customer["to_median_profit"] - per_customer["from_median_profit"], 1e-3
    ):
        return "That is the gain for one customer. Multiply by the number of customers moved."
    return None


# --------------------------------------------------------------------------- 5.8


def _visit_share(table: pd.DataFrame, rank_by: str = "profit", column: str = "time_share") -> float:
    groups = tiers.customer_groups(table[rank_by])
    visits = tiers.selling_time(data.load_service_events(), groups, start=f"{YEAR}-01-01")
    return float(visits.loc["key", column])


def _business() -> pd.DataFrame:
    year = _year()
    business = data.load_customers().query("segment == 'business'")["customer_id"]
    return year[year.index.isin(business)]


def _expected_key_visit_share() -> float:
    return _visit_share(_business())


def _visits_counted_or_rule(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _visit_share(_business(), column="visits")):
        return "That is a number of visits. The question asks for the key accounts' share of all visits."
    if close_to(answer, 0.6) or close_to(answer, 60):
        return "That is the rule of thumb. The question asks what Jade Leaf's visits actually show."
    return None


def _visits_wrong_accounts(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _visit_share(_year()), 1e-3):
        return (
            "You ranked consumers too. Only business accounts get sales visits: rank the "
            "business accounts that bought in 2025."
        )
    if close_to(answer, _visit_share(_business(), rank_by="revenue"), 1e-3):
        return "You ranked accounts by revenue. Key accounts are the top 10% by profit."
    return None


def _visit_share_all_years() -> float:
    groups = tiers.customer_groups(_business()["profit"])
    return float(tiers.selling_time(data.load_service_events(), groups).loc["key", "time_share"])


def _move_gain_in(year: int) -> float:
    table = _year(year)
    return float(tiers.move_up_effect(table, tiers.pyramid_tiers(table["profit"]))["profit_gain"])


SCOPES = {  # exercise id -> its plausible wrong scopes
    "5.5": (
        Variant(
            "These are the tier shares of 2024's customers; the question asks about 2025.",
            lambda: _tier_table(table=_year(YEAR - 1)),
            name="year_2024",
        ),
    ),
    "5.7": (
        Variant(
            "This is the gain computed on 2024's pyramid; the question asks about 2025's.",
            lambda: _move_gain_in(YEAR - 1),
            name="year_2024",
        ),
    ),
    "5.8": (
        Variant(
            "You counted the sales visits of every year; the question asks about 2025's visits.",
            _visit_share_all_years,
            name="all_years",
        ),
    ),
}


# --------------------------------------------------------------------------- 5.9


def _policy_key_team(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    holders = [tier for tier, policy in answer.items() if policy == "key_account_team"]
    if holders and holders != ["platinum"]:
        return (
            "A dedicated key-account team (客户经理制) is the scarcest resource: it goes to the "
            "few customers who bring the most profit, not to " + ", ".join(map(str, holders)) + "."
        )
    return None


def _policy_drop_small(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("lead") == "reprice_or_drop":
        return (
            "Do not simply drop small customers: together they bring scale, market share and "
            "word of mouth. Raise the price of serving them or cut its cost; drop only the "
            "truly bad ones (heavy lead)."
        )
    if answer.get("heavy lead") not in (None, "reprice_or_drop"):
        return (
            "Heavy-lead customers cost more than they bring: raise their price to cover the "
            "cost, or end the relationship."
        )
    return None


EXERCISES = [
    Exercise(
        id="5.1",
        chapter=CHAPTER,
        title="How much of the profit do the key customers bring?",
        variable="key_profit_share",
        points=2,
        expected=lambda: _group_share(_year()),
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Start from year_2025 (the 2025 buyers' profitability) and rank the customers by profit.",
            "Key customers are the first round(0.10 x customers) of them. Add up their profit and "
            "divide by the profit of all the 2025 buyers.",
        ),
        diagnoses=(_key_by_revenue, _key_wrong_scope),
        section="Key, normal and small customers",
    ),
    Exercise(
        id="5.2",
        chapter=CHAPTER,
        title="How many customers make up class A?",
        variable="class_a",
        points=2,
        expected=_expected_class_a,
        compare=compare.mapping(what="measures"),
        hints=(
            "Class A is the customers, largest first, who bring the first 80% of the total, "
            "including the one who takes it past 80%.",
            "tiers.pareto_curve(values) gives each customer's ABC class; count the A's for "
            "year_2025['revenue'] and for year_2025['profit'].",
        ),
        diagnoses=(_class_a_swapped, _class_a_fixed_share),
        section="Pareto and ABC analysis",
    ),
    Exercise(
        id="5.3",
        chapter=CHAPTER,
        title="Recency scores",
        variable="r_score",
        points=3,
        expected=_expected_r_score,
        compare=compare.series(),
        hints=(
            "Take the customers with an order from 2024-01-01 to 2025-12-31 and each one's "
            "days since the last order (rfm['recency_days']).",
            "Fewer days is better. Rank the negated days with rank(method='min') so that ties "
            "share a rank, then score = 1 + floor(5 x (rank - 1) / n).",
        ),
        diagnoses=(_r_score_reversed, _r_score_scope_or_ties),
        section="RFM: recency, frequency, monetary value",
    ),
    Exercise(
        id="5.4",
        chapter=CHAPTER,
        title="What each RFM segment gets",
        variable="segment_actions",
        points=2,
        expected=lambda: dict(SEGMENT_ACTIONS),
        compare=compare.mapping(what="segments"),
        hints=(
            "Ask of each segment: how much is it worth, and what would make it buy (again)?",
            "One action each: the most valuable recent buyers, the valuable ones slipping away, "
            "the brand-new ones, and those long gone whom tiering should not spend on.",
        ),
        diagnoses=(_actions_spend_on_lost, _actions_new_or_champions),
        section="RFM segments and what each gets",
    ),
    Exercise(
        id="5.5",
        chapter=CHAPTER,
        title="The profit pyramid with your cut-offs",
        variable="tier_shares",
        points=2,
        expected=_tier_table,
        compare=compare.series(rel_tol=1e-3, abs_tol=1e-4),
        hints=(
            "Rank the 2025 buyers by profit. Platinum: the top 2%; gold: down to the top 10%; "
            "iron: down to the top 40%; lead: the rest (the cut-offs are cumulative).",
            "tiers.pyramid_tiers(profit, cutoffs) labels the customers; each tier's profit "
            "divided by the total profit is its share. Index: the four tiers.",
        ),
        diagnoses=(_tier_shares_not_shares, _tier_shares_wrong_measure),
        section="The customer pyramid",
        variants=SCOPES["5.5"],
    ),
    Exercise(
        id="5.6",
        chapter=CHAPTER,
        title="Where did 2024's tiers go?",
        variable="migration",
        points=3,
        expected=_expected_migration,
        compare=compare.frame(rel_tol=1e-3, abs_tol=1e-4),
        hints=(
            "Tier 2024's and 2025's buyers with the default cut-offs; a customer with no tier in "
            "a year counts as 'none' there.",
            "Count customers by (2024 tier, 2025 tier) in a table with 2024 in the rows, then "
            "divide each row by its own total.",
        ),
        diagnoses=(_migration_not_normalised, _migration_by_column),
        section="Tier migration",
    ),
    Exercise(
        id="5.7",
        chapter=CHAPTER,
        title="Make the pyramid move",
        variable="move_gain",
        points=3,
        expected=_expected_move_gain,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Moved customers: round(0.10 x the number of iron customers in 2025).",
            "Each moved customer earns the gold tier's median profit instead of the iron tier's "
            "median profit; the gain is the number moved times the difference.",
        ),
        diagnoses=(_move_gain_means_or_revenue, _move_gain_all_iron),
        section="Make the pyramid move",
        variants=SCOPES["5.7"],
    ),
    Exercise(
        id="5.8",
        chapter=CHAPTER,
        title="Do key accounts get most of the selling time?",
        variable="key_visit_share",
        points=2,
        expected=_expected_key_visit_share,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Take the business accounts that bought in 2025 and group them key/normal/small by "
            "their 2025 profit (tiers.customer_groups).",
            "Count their 2025 sales visits (event_type 'sales_visit') and divide the key "
            "accounts' visits by all of them.",
        ),
        diagnoses=(_visits_counted_or_rule, _visits_wrong_accounts),
        section="Selling time by tier",
        variants=SCOPES["5.8"],
    ),
    Exercise(
        id="5.9",
        chapter=CHAPTER,
        title="A service policy per tier",
        variable="tier_policy",
        points=2,
        expected=lambda: dict(tiers.TIER_POLICY),
        compare=compare.mapping(what="tiers"),
        hints=(
            "Resources follow value: the scarcest resource goes to the top of the pyramid.",
            "Small customers are not simply dropped: raise the price of serving them or cut its "
            "cost. Only those who lose money for good are repriced or let go.",
        ),
        diagnoses=(_policy_key_team, _policy_drop_small),
        section="A policy per tier",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
