"""Chapter 03, Developing customers: prospecting methods, funnels, uncertainty, CAC, value, budget."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from crmkit import acquisition, data
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_at, same_frame, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise

CHAPTER = "03"
BUDGET = 200_000
INTERVAL_METHOD = "referral"

SCENARIOS = {
    "hotel_concierge": "bird_dog",
    "association_chair": "centre_of_influence",
    "loyal_cafe_owner": "referral",
    "new_registrations": "records_search",
    "rival_switch": "competitor_customers",
    "salesperson_cousin": "friends_relatives",
    "industry_report": "consultancy",
    "trade_fair_booth": "events",
}
PAIRS = {
    "referral_vs_telephone": ("referral", "telephone"),
    "internet_vs_telephone": ("internet", "telephone"),
    "door_to_door_vs_internet": ("door_to_door", "internet"),
    "referral_vs_centre_of_influence": ("referral", "centre_of_influence"),
}


# --------------------------------------------------------------------------- shared data


@cache
def _leads() -> pd.DataFrame:
    return data.load_leads()


@cache
def _customers() -> pd.DataFrame:
    return data.load_customers()


@cache
def _order_lines() -> pd.DataFrame:
    return data.load_order_lines()


def _segment(segment: str) -> pd.DataFrame:
    customers = _customers()
    return customers[customers["segment"].eq(segment)]


@cache
def _economics() -> pd.DataFrame:
    return acquisition.method_economics(_leads(), _customers(), _order_lines())


# --------------------------------------------------------------------------- 3.1


def _mapping_mixups(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("association_chair") == "referral" or (
        answer.get("loyal_cafe_owner") == "centre_of_influence"
    ):
        return (
            "Referral (介绍法) and centre of influence (中心开花法) are easy to mix up. A referral is one "
            "satisfied customer passing on a contact; a centre of influence is a respected person whose "
            "word moves many prospects at once. Which one is the association chair?"
        )
    if answer.get("hotel_concierge") in ("referral", "centre_of_influence"):
        return (
            "The concierge is paid for each introduction: that is the bird-dog method (猎犬法), a paid "
            "informant who watches for prospects, not a grateful customer or an opinion leader."
        )
    if answer.get("salesperson_cousin") == "referral" or answer.get("loyal_cafe_owner") in (
        "friends_relatives",
        "club",
    ):
        return (
            "Friends and relatives (亲友) means the salesperson's own circle. A contact passed on by an "
            "existing customer is a referral, whoever the contact is to that customer."
        )
    if answer.get("industry_report") == "records_search" or (
        answer.get("new_registrations") == "consultancy"
    ):
        return (
            "Records search (资料查阅) is reading public or purchased records yourself, such as a "
            "business registry; the consultancy method (咨询) pays specialists for their research."
        )
    return None


def _mapping_unknown_codes(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    unknown = sorted(str(value) for value in answer.values() if value not in acquisition.METHODS)
    if unknown:
        return (
            f"{', '.join(unknown[:3])} is not one of the method codes. Use the codes of the "
            "prospecting_method column, listed in acquisition.METHODS (for example 'bird_dog')."
        )
    return None


# --------------------------------------------------------------------------- 3.2


def _expected_funnel() -> pd.DataFrame:
    return acquisition.funnel(_leads())


def _funnel_exact_stage(answer: Any, expected: Any) -> str | None:
    decided = acquisition.decided_leads(_leads())
    for frame in (decided, _leads()):
        stuck = pd.crosstab(
            frame["prospecting_method"].astype("str"), frame["stage_reached"].astype("str")
        ).reindex(columns=acquisition.STAGES, fill_value=0)
        if same_frame(answer, stuck):
            return (
                "Your table counts the leads whose furthest stage is exactly each stage (where they "
                "stopped). A funnel counts the leads that reached AT LEAST each stage: a won lead was "
                "also contacted, qualified and given a proposal. Compare stage codes with >=."
            )
    return None


def _funnel_kept_open(answer: Any, expected: Any) -> str | None:
    if same_frame(answer, acquisition.funnel(_leads(), exclude_open=False)):
        return (
            "Your table includes the open leads. Their story is not finished (an open lead at "
            "'qualified' may still be won), so this chapter keeps decided leads only: status won or lost."
        )
    return None


# --------------------------------------------------------------------------- 3.3


def _expected_step_rates() -> pd.Series:
    rates = acquisition.stage_conversion(acquisition.funnel(_leads(), by=None))
    return rates.loc["all", acquisition.STEPS].rename("rate")


def _steps_cumulative(answer: Any, expected: Any) -> str | None:
    counts = acquisition.funnel(_leads(), by=None).loc["all"]
    cumulative = pd.Series(
        (counts[acquisition.STAGES[1:]] / counts["lead"]).to_numpy(), index=acquisition.STEPS
    )
    if same_series(answer, cumulative, rel=1e-3):
        return (
            "You divided every stage by the number of leads: that is the share of all leads reaching "
            "each stage. A step rate divides each stage by the stage just before it (qualified / "
            "contacted, ...), so it shows where the funnel leaks."
        )
    return None


def _steps_with_open(answer: Any, expected: Any) -> str | None:
    with_open = acquisition.stage_conversion(
        acquisition.funnel(_leads(), by=None, exclude_open=False)
    ).loc["all", acquisition.STEPS]
    if same_series(answer, with_open, rel=1e-4):
        return (
            "These rates include the open leads, which have not had time to take their next step; "
            "they pull the later steps down. Drop leads with status 'open' first."
        )
    return None


# --------------------------------------------------------------------------- 3.4


def _expected_interval() -> dict[str, float]:
    row = acquisition.conversion_rates(_leads()).loc[INTERVAL_METHOD]
    return {key: float(row[key]) for key in ("rate", "lower", "upper")}


def _referral_counts(exclude_open: bool = True) -> tuple[int, int]:
    row = acquisition.conversion_rates(_leads(), exclude_open=exclude_open).loc[INTERVAL_METHOD]
    return int(row["won"]), int(row["leads"])


def _interval_wald(answer: Any, expected: Any) -> str | None:
    won, n = _referral_counts()
    p = won / n
    half = 1.959964 * math.sqrt(p * (1 - p) / n)
    if close_at(answer, {"lower": p - half, "upper": p + half}):
        return (
            "That is the simple 'rate ± 1.96 × standard error' (Wald) interval. It is symmetric and "
            "goes wrong for small counts and rates near 0 or 1. Use the Wilson formula in the lesson."
        )
    return None


def _interval_open_or_level(answer: Any, expected: Any) -> str | None:
    won, n = _referral_counts(exclude_open=False)
    with_open = acquisition.wilson_interval(won, n).iloc[0]
    if close_at(answer, {"lower": with_open["lower"], "upper": with_open["upper"]}):
        return (
            "Your interval counts the open referral leads as trials. Their outcome is not known yet: "
            "use decided leads only (status won or lost)."
        )
    won, n = _referral_counts()
    narrow = acquisition.wilson_interval(won, n, confidence=0.90).iloc[0]
    if close_at(answer, {"lower": narrow["lower"], "upper": narrow["upper"]}):
        return "That is a 90% interval (z = 1.645). The exercise asks for 95%: z = 1.96."
    return None


# --------------------------------------------------------------------------- 3.5


def _expected_real_differences() -> dict[str, bool]:
    return {
        name: bool(acquisition.compare_conversion(_leads(), first, second)["real"].item())
        for name, (first, second) in PAIRS.items()
    }


def _all_real(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and answer and all(value is True for value in answer.values()):
        return (
            "You marked every pair as a real difference. Two rates from samples almost never come out "
            "equal; the question is whether the gap is bigger than chance alone would give. Look at "
            "the interval of the difference: does it include 0?"
        )
    return None


def _overlap_rule(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("internet_vs_telephone") is False and expected.get("internet_vs_telephone"):
        return (
            "Internet against telephone: the two methods' own intervals overlap a little, but that "
            "does not mean the difference could be zero. Overlapping intervals is too strict a test; "
            "the interval of the DIFFERENCE (compare_conversion) excludes 0 here."
        )
    if answer.get("referral_vs_centre_of_influence") is True:
        return (
            "Centre of influence converts a little better than referral, but on fewer than 100 decided "
            "leads; the interval of the difference includes 0, so the data cannot tell them apart."
        )
    return None


# --------------------------------------------------------------------------- 3.6


def _expected_cac() -> pd.Series:
    return acquisition.method_cac(_leads())["cac"]


def _cac_won_only(answer: Any, expected: Any) -> str | None:
    business = _segment("business")
    won_only = business.groupby(business["acquisition_channel"].astype("str"))[
        "acquisition_cost"
    ].mean()
    if same_series(answer, won_only.reindex(expected.index), rel=1e-3):
        return (
            "You averaged the cost of the WON leads only (the customers table's acquisition_cost). "
            "The money spent on the leads that were lost also bought these customers: divide the "
            "spend on ALL the method's decided leads by the number won."
        )
    return None


def _cac_per_lead_or_open(answer: Any, expected: Any) -> str | None:
    table = acquisition.method_cac(_leads())
    if same_series(answer, table["cost_per_lead"], rel=1e-3):
        return (
            "That is the cost per LEAD (spend / leads). CAC is the cost per CUSTOMER won: spend / "
            "won, which is cost per lead / win rate. Cheap leads that rarely convert are not cheap."
        )
    with_open = acquisition.method_cac(_leads(), exclude_open=False)["cac"]
    if same_series(answer, with_open, rel=1e-4):
        return (
            "Your spend includes the open leads but your count of customers cannot include their "
            "future wins. Use decided leads for both, as in the conversion rates."
        )
    return None


# --------------------------------------------------------------------------- 3.7


def _expected_first_year_gp() -> pd.Series:
    consumers = _segment("consumer")
    first_year = acquisition.first_year_value(consumers, _order_lines())
    full = first_year[first_year["full_year"]]
    return full.groupby(full["acquisition_channel"].astype("str"))["gross_profit"].mean()


def _first_year_partial(answer: Any, expected: Any) -> str | None:
    consumers = _segment("consumer")
    partial = acquisition.first_year_value(consumers, _order_lines(), as_of="2100-01-01")
    means = partial.groupby(partial["acquisition_channel"].astype("str"))["gross_profit"].mean()
    if same_series(answer, means, rel=1e-3):
        return (
            "You averaged over every consumer, including those who signed up in 2025, whose first "
            "year is not over: their part-years drag the means down. Keep customers who signed up at "
            "least 365 days before 2025-12-31."
        )
    return None


def _first_year_wrong_measure(answer: Any, expected: Any) -> str | None:
    consumers = _segment("consumer")
    first_year = acquisition.first_year_value(consumers, _order_lines())
    full = first_year[first_year["full_year"]]
    by = full["acquisition_channel"].astype("str")
    if same_series(answer, full.groupby(by)["revenue"].mean(), rel=1e-3):
        return "These are first-year revenues. Gross profit subtracts the cost of goods."
    lines = _order_lines()
    lifetime = (lines["revenue"] - lines["cost_of_goods"]).groupby(lines["customer_id"]).sum()
    all_time = lifetime.reindex(full.index, fill_value=0.0).groupby(by.to_numpy()).mean()
    if same_series(answer, all_time, rel=1e-3):
        return (
            "You summed gross profit over the customer's whole history. First-year value counts only "
            "the orders in the 365 days from sign-up (order_date - signup_date < 365 days)."
        )
    return None


def _first_year_mixed_segments(answer: Any, expected: Any) -> str | None:
    first_year = acquisition.first_year_value(_customers(), _order_lines())
    full = first_year[first_year["full_year"]]
    means = full.groupby(full["acquisition_channel"].astype("str"))["gross_profit"].mean()
    if same_series(answer, means, rel=1e-3) or same_series(
        answer, means.reindex(expected.index), rel=1e-3
    ):
        return (
            "Your 'referral' mixes consumers with business accounts won by referral: the same word "
            "names a consumer channel and a business prospecting method. Keep segment == 'consumer'."
        )
    return None


# --------------------------------------------------------------------------- 3.8


def _business_curves() -> pd.DataFrame:
    return acquisition.cumulative_gross_profit(_segment("business"), _order_lines(), months=12)


def _expected_payback() -> pd.Series:
    return acquisition.payback_months(_business_curves(), acquisition.method_cac(_leads()))


def _payback_won_cost(answer: Any, expected: Any) -> str | None:
    business = _segment("business")
    won_cost = business.groupby(business["acquisition_channel"].astype("str"))[
        "acquisition_cost"
    ].mean()
    if same_series(answer, acquisition.payback_months(_business_curves(), won_cost)):
        return (
            "Your paybacks use the cost of the won lead only (customers' acquisition_cost). The CAC "
            "must carry the lost leads too (exercise 3.6), which makes most paybacks longer."
        )
    return None


def _payback_off_by_one(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and same_series(answer + 1, expected):
        return (
            "Your months are one too small: months are numbered from 1 (the first month after sign-up "
            "is month 1), so use the curve's index label, not the row position."
        )
    revenue_lines = _order_lines().assign(cost_of_goods=0.0)
    curves = acquisition.cumulative_gross_profit(_segment("business"), revenue_lines, months=12)
    if same_series(answer, acquisition.payback_months(curves, acquisition.method_cac(_leads()))):
        return (
            "You compared cumulative REVENUE with the CAC. Revenue is not what pays for acquisition: "
            "the cost of the goods must come out first. Use gross profit."
        )
    return None


# --------------------------------------------------------------------------- 3.9


def _plan(rank_by: str = "value_to_cost", ascending: bool = False) -> pd.Series:
    plan = acquisition.allocate_budget(_economics(), BUDGET, rank_by, ascending)["spend"]
    return plan[plan > 0]


def _expected_budget_plan() -> pd.Series:
    return _plan()


def _budget_wrong_ranking(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _plan("cac", ascending=True), rel=1e-4):
        return (
            "You funded the methods with the lowest CAC first. Cheap customers are not the same as "
            "valuable ones: rank by value-to-cost (first-year gross profit per yuan of CAC), which "
            "weighs what the customers bring against what they cost."
        )
    if same_series(answer, _plan("cost_per_lead", ascending=True), rel=1e-4):
        return (
            "You funded the cheapest LEADS first. Cheap leads that rarely convert give expensive "
            "customers: rank by value-to-cost instead."
        )
    return None


def _budget_capacity(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series) or answer.empty:
        return None
    try:
        values = answer.astype("float64")
    except (TypeError, ValueError):
        return None
    if len(values) == 1 and math.isclose(float(values.iloc[0]), BUDGET, rel_tol=1e-6):
        return (
            "You put the whole budget into one method. No method can absorb unlimited money (there "
            "are only so many referrals and friends); give each at most its capacity, then move on "
            "to the next best method."
        )
    if len(values) == len(_economics()) and np.allclose(values, BUDGET / len(values), rtol=1e-6):
        return (
            "An even split funds the weak methods as much as the strong ones. Rank the methods by "
            "value-to-cost and fund the best first, each up to its capacity."
        )
    return None


EXERCISES = [
    Exercise(
        id="3.1",
        chapter=CHAPTER,
        title="Name the prospecting method",
        variable="methods_used",
        points=2,
        expected=lambda: dict(SCENARIOS),
        data_free=True,
        compare=compare.mapping(what="scenarios"),
        hints=(
            "Ask of each scenario: who found the prospect, and were they paid, trusted, related to "
            "the salesperson, or a customer already?",
            "A paid informant is a bird dog; a respected person who moves many people is a centre of "
            "influence; an existing customer passing on a name is a referral; the salesperson's own "
            "circle is friends_relatives.",
            "Reading records yourself is records_search; buying a specialist's research is "
            "consultancy; a booth at a fair is events; luring a rival's buyer is competitor_customers.",
        ),
        diagnoses=(_mapping_unknown_codes, _mapping_mixups),
        section="The fourteen prospecting methods",
    ),
    Exercise(
        id="3.2",
        chapter=CHAPTER,
        title="The funnel of each method",
        variable="funnel_counts",
        points=2,
        expected=_expected_funnel,
        compare=compare.frame(rel_tol=0, abs_tol=0.5),
        hints=(
            "Drop the open leads first: leads[leads['status'] != 'open'].",
            "leads['stage_reached'].cat.codes gives 0 for lead ... 4 for won. A lead reached stage k "
            "when its code is >= k.",
            "Build one True/False column per stage (codes >= k), then group by prospecting_method and "
            ".sum() (observed=True for a categorical).",
        ),
        diagnoses=(_funnel_exact_stage, _funnel_kept_open),
        section="The funnel",
    ),
    Exercise(
        id="3.3",
        chapter=CHAPTER,
        title="Where the funnel leaks",
        variable="step_rates",
        points=2,
        expected=_expected_step_rates,
        compare=compare.series(rel_tol=1e-3),
        hints=(
            "Use the funnel of all decided leads together: how many reached lead, contacted, "
            "qualified, proposal and won.",
            "Each step rate divides a stage by the stage just before it: contacted / lead, "
            "qualified / contacted, proposal / qualified, won / proposal.",
            "Label the four rates lead_to_contacted, contacted_to_qualified, qualified_to_proposal, "
            "proposal_to_won (acquisition.STEPS).",
        ),
        diagnoses=(_steps_cumulative, _steps_with_open),
        section="The funnel",
    ),
    Exercise(
        id="3.4",
        chapter=CHAPTER,
        title="A Wilson interval for referrals",
        variable="referral_interval",
        points=2,
        expected=_expected_interval,
        compare=compare.mapping(what="values", rel_tol=1e-3),
        hints=(
            "Count the decided referral leads (n) and those won (k); p = k / n; z = 1.96 for 95%.",
            "centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)",
            "half = z / (1 + z**2 / n) * sqrt(p * (1 - p) / n + z**2 / (4 * n**2)); the interval is "
            "centre - half to centre + half.",
        ),
        diagnoses=(_interval_wald, _interval_open_or_level),
        section="How sure are we?",
    ),
    Exercise(
        id="3.5",
        chapter=CHAPTER,
        title="Real differences or chance?",
        variable="real_differences",
        points=2,
        expected=_expected_real_differences,
        compare=compare.mapping(what="pairs"),
        hints=(
            "acquisition.compare_conversion(leads, 'referral', 'telephone') compares two methods.",
            "Look at the 'real' column, or at whether the interval lower..upper of the difference "
            "includes 0.",
        ),
        diagnoses=(_all_real, _overlap_rule),
        section="How sure are we?",
    ),
    Exercise(
        id="3.6",
        chapter=CHAPTER,
        title="Acquisition cost per customer won",
        variable="cac",
        points=2,
        expected=_expected_cac,
        compare=compare.series(rel_tol=1e-4),
        hints=(
            "Work on the decided leads (status won or lost).",
            "Per prospecting_method: total acquisition_cost of all its leads, and the number won.",
            "CAC = spend / won, a Series indexed by prospecting_method.",
        ),
        diagnoses=(_cac_won_only, _cac_per_lead_or_open),
        section="What a customer costs",
    ),
    Exercise(
        id="3.7",
        chapter=CHAPTER,
        title="First-year gross profit per consumer channel",
        variable="first_year_gp",
        points=2,
        expected=_expected_first_year_gp,
        compare=compare.series(rel_tol=1e-4),
        hints=(
            "Keep consumers who signed up at least 365 days before 2025-12-31.",
            "Join each order line to its customer's signup_date and keep lines with "
            "0 <= (order_date - signup_date).days < 365.",
            "Sum revenue - cost_of_goods per customer (0 for a customer with no such lines), then "
            "take the mean per acquisition_channel.",
        ),
        diagnoses=(_first_year_partial, _first_year_mixed_segments, _first_year_wrong_measure),
        section="What a customer brings",
    ),
    Exercise(
        id="3.8",
        chapter=CHAPTER,
        title="Payback month of each method",
        variable="payback",
        points=3,
        expected=_expected_payback,
        compare=compare.series(),
        hints=(
            "Start from the curves: acquisition.cumulative_gross_profit(business, order_lines, months=12).",
            "For each method (column) compare the curve with its CAC from exercise 3.6: "
            "curves >= cac_of_that_method.",
            "The payback month is the first month label (1 to 12) where that is True: .idxmax() on a "
            "True/False column works when at least one value is True.",
        ),
        diagnoses=(_payback_won_cost, _payback_off_by_one),
        section="What a customer brings",
    ),
    Exercise(
        id="3.9",
        chapter=CHAPTER,
        title="Spend a prospecting budget",
        variable="budget_plan",
        points=3,
        expected=_expected_budget_plan,
        compare=compare.series(rel_tol=1e-6, abs_tol=1.0),
        hints=(
            "Sort the economics table by value_to_cost, best first.",
            "Walk down the list: each method gets its capacity or what is left of the budget, "
            "whichever is smaller.",
            "Keep only the methods that get money: a Series of CNY indexed by prospecting_method.",
        ),
        diagnoses=(_budget_capacity, _budget_wrong_ranking),
        section="Spending the budget",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
