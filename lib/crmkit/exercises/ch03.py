"""Chapter 03, Developing customers (客户的开发): prospecting methods, funnels, uncertainty,
many comparisons, CAC, value after every cost, payback and the budget."""

from __future__ import annotations

import math
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

from crmkit import acquisition, data
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_at, same_frame, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

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
PAIRS = (
    "referral_vs_telephone", "internet_vs_telephone",
    "door_to_door_vs_internet", "referral_vs_centre_of_influence",
)  # fmt: skip
"""Exercise 3.5's pairs of methods: is the difference real (tested alone)?"""
HOLM_PAIRS = (
    "club_vs_records_search", "referral_vs_telephone", "internet_vs_telephone",
    "door_to_door_vs_sms", "centre_of_influence_vs_door_to_door", "competitor_customers_vs_events",
)  # fmt: skip
"""Exercise 3.6's pairs: still a finding once all 91 pairs are counted (Holm, 5%)?"""


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
def _costs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Service events, invoices and payments: the costs of chapter 02's profit."""
    return data.load_service_events(), data.load_invoices(), data.load_payments()


@cache
def _economics() -> pd.DataFrame:
    costs = dict(zip(("service_events", "invoices", "payments"), _costs(), strict=True))
    return acquisition.method_economics(_leads(), _customers(), _order_lines(), **costs)


# --------------------------------------------------------------------------- 3.1


def _mapping_mixups(answer: Any, expected: Any) -> str | None:
    if answer.get("association_chair") == "referral" or (
        answer.get("loyal_cafe_owner") == "centre_of_influence"
    ):
        return (
            "Referral (介绍法) and centre of influence (“中心开花”法) are easy to mix up. A referral is "
            "one satisfied customer passing on a contact; a centre of influence is a respected person "
            "whose word moves many prospects at once. Which one fits each scenario?"
        )
    if answer.get("hotel_concierge") in ("referral", "centre_of_influence"):
        return (
            "The concierge is PAID for each introduction. A grateful customer or an opinion leader "
            "is not paid per name; which method pays informants to watch for prospects?"
        )
    if answer.get("salesperson_cousin") == "referral" or answer.get("loyal_cafe_owner") in (
        "friends_relatives",
        "club",
    ):
        return (
            "Friends and relatives (在亲朋故旧中寻找) means the salesperson's own circle. A contact "
            "passed on by an existing customer belongs to another method, whoever the contact is."
        )
    if answer.get("industry_report") == "records_search" or (
        answer.get("new_registrations") == "consultancy"
    ):
        return (
            "Records search (资料查询法) is reading public or purchased records yourself, such as a "
            "business registry; the consultancy method (咨询寻找法) pays specialists for their research."
        )
    return None


def _mapping_unknown_codes(answer: Any, expected: Any) -> str | None:
    unknown = sorted(str(value) for value in answer.values() if value not in acquisition.METHODS)
    if unknown:
        return (
            f"{', '.join(unknown[:3])} is not one of the method codes. Use the codes of the "
            "prospecting_method column, listed in acquisition.METHODS (for example 'bird_dog')."
        )
    return None


# --------------------------------------------------------------------------- 3.2


def _expected_funnel(
    by: str | None = "prospecting_method", exclude_open: bool = True, matured: bool = False
) -> pd.DataFrame:
    """The funnel of the decided leads; with ``matured``, of the leads at least 180 days old."""
    leads = acquisition.matured_leads(_leads()) if matured else _leads()
    return acquisition.funnel(leads, by=by, exclude_open=exclude_open)


def _stuck(frame: pd.DataFrame) -> pd.DataFrame:
    methods, stages = frame["prospecting_method"].astype("str"), frame["stage_reached"]
    return pd.crosstab(methods, stages.astype("str")).reindex(
        columns=acquisition.STAGES, fill_value=0
    )


def _funnel_exact_stage(answer: Any, expected: Any) -> str | None:
    if any(
        same_frame(answer, _stuck(frame))
        for frame in (_leads(), acquisition.decided_leads(_leads()))
    ):
        return (
            "Your table counts the leads whose furthest stage is exactly each stage (where they "
            "stopped). A funnel counts the leads that reached AT LEAST each stage: a won lead was "
            "also contacted, qualified and given a proposal. Compare stage codes with >=."
        )
    return None


def _funnel_cumsum_forward(answer: Any, expected: Any) -> str | None:
    if same_frame(answer, _stuck(acquisition.decided_leads(_leads())).cumsum(axis=1)):
        return (
            "You added the stages up from 'lead' towards 'won', so your 'won' column counts every "
            "lead. A lead that reached a stage reached every stage BEFORE it: add up from 'won' "
            "backwards, or compare stage codes with >=."
        )
    return None


# --------------------------------------------------------------------------- 3.3


def _expected_step_rates(exclude_open: bool = True, matured: bool = False) -> pd.Series:
    funnel = _expected_funnel(None, exclude_open, matured)
    return acquisition.stage_conversion(funnel).loc["all", acquisition.STEPS].rename("rate")


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


def _steps_inverted(answer: Any, expected: Any) -> str | None:
    if same_series(1 / answer, expected, rel=1e-3):
        return (
            "Your rates are above 1: you divided each stage by the stage AFTER it. A step rate is "
            "the later stage / the earlier one (contacted / lead, ...), always between 0 and 1."
        )
    return None


# --------------------------------------------------------------------------- 3.4


def _expected_interval(
    exclude_open: bool = True, confidence: float = 0.95, by: str | None = "prospecting_method"
) -> dict[str, float]:
    rates = acquisition.conversion_rates(_leads(), by, confidence, exclude_open)
    row = rates.loc[INTERVAL_METHOD] if by else rates.iloc[0]
    return {key: float(row[key]) for key in ("rate", "lower", "upper")}


def _interval_wald(answer: Any, expected: Any) -> str | None:
    p, n = (
        expected["rate"],
        int(acquisition.conversion_rates(_leads()).loc[INTERVAL_METHOD, "leads"]),
    )
    half = 1.959964 * math.sqrt(p * (1 - p) / n)
    if close_at(answer, {"lower": p - half, "upper": p + half}):
        return (
            "That is the simple 'rate ± 1.96 × standard error' (Wald) interval. It is symmetric and "
            "goes wrong for small counts and rates near 0 or 1. Use the Wilson formula in the lesson."
        )
    return None


def _interval_centre_as_rate(answer: Any, expected: Any) -> str | None:
    centre = (expected["lower"] + expected["upper"]) / 2
    if close_at(answer, {"rate": centre, "lower": expected["lower"], "upper": expected["upper"]}):
        return (
            "Your interval is right, but your 'rate' is the centre of the interval. The rate is "
            "simply won / decided leads: the Wilson interval is not centred on it."
        )
    return None


# --------------------------------------------------------------------------- 3.5


def _expected_real_differences() -> dict[str, bool]:
    pairs = {name: name.split("_vs_") for name in PAIRS}
    return {
        name: bool(acquisition.compare_conversion(_leads(), *pair)["real"].item())
        for name, pair in pairs.items()
    }


def _all_same(answer: Any, expected: Any) -> str | None:
    values = list(answer.values()) if isinstance(answer, dict) else []
    if values and all(value is True for value in values):
        return (
            "You marked every pair as a real difference. Two rates from samples almost never come "
            "out equal; the question is whether the gap is bigger than chance alone would give. "
            "Look at the interval of the difference: does it include 0?"
        )
    if values and all(value is False for value in values):
        return (
            "You marked no pair as real. Uncertainty does not mean no method is better: where the "
            "interval of the difference lies wholly on one side of 0, the data shows a difference."
        )
    return None


def _overlap_rule(answer: Any, expected: Any) -> str | None:
    if answer.get("internet_vs_telephone") is False and expected.get("internet_vs_telephone"):
        return (
            "Did you judge by whether the two methods' own intervals overlap? That test is too "
            "strict: two intervals can overlap while the interval of their DIFFERENCE "
            "(compare_conversion) still excludes 0. Judge every pair by the difference."
        )
    wrong_true = [key for key, value in answer.items() if value is True and not expected.get(key)]
    if wrong_true:
        return (
            "You marked a pair as real where the gap is a few points on fewer than 200 decided "
            "leads a method. A gap that size can come from chance alone: for each pair, check "
            "whether the interval of the difference includes 0."
        )
    return None


# --------------------------------------------------------------------------- 3.6


def _expected_holm(adjust: str = "holm") -> dict[str, bool]:
    table = acquisition.pairwise_conversion(_leads(), adjust=adjust)
    flagged = table["flagged_adjusted"].to_dict()  # pairs are named in alphabetical order
    return {name: flagged[" vs ".join(sorted(name.split("_vs_")))] for name in HOLM_PAIRS}


def _holm_none_kept(answer: Any, expected: Any) -> str | None:
    if answer and all(value is False for value in answer.values()):
        return (
            "You dropped every pair. The correction raises the bar, it does not remove every "
            "finding: a pair whose p_adjusted is still below 0.05 remains a real difference."
        )
    return None


def _holm_text_values(answer: Any, expected: Any) -> str | None:
    if any(isinstance(value, float) for value in answer.values()):
        return (
            "Your values are numbers (p-values?). The question asks for True or False per pair: "
            "is p_adjusted below 0.05?"
        )
    return None


# --------------------------------------------------------------------------- 3.7


def _expected_cac() -> pd.Series:
    return acquisition.method_cac(_leads())["cac"]


def _won_cost() -> pd.Series:
    """The mean recorded cost of the WON leads per method (the customers table)."""
    business = _segment("business")
    return business.groupby(business["acquisition_channel"].astype("str"))[
        "acquisition_cost"
    ].mean()


def _cac_won_only(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _won_cost().reindex(expected.index), rel=1e-3):
        return (
            "You averaged the cost of the WON leads only (the customers table's acquisition_cost). "
            "The money spent on the leads that were lost also bought these customers: divide the "
            "spend on ALL the method's decided leads by the number won."
        )
    return None


def _cac_per_lead(answer: Any, expected: Any) -> str | None:
    if same_series(answer, acquisition.method_cac(_leads())["cost_per_lead"], rel=1e-3):
        return (
            "That is the cost per LEAD (spend / leads). CAC is the cost per CUSTOMER won: spend / "
            "won, which is cost per lead / win rate. Cheap leads that rarely convert are not cheap."
        )
    return None


# --------------------------------------------------------------------------- 3.8


def _expected_first_year_gp(
    segment: str | None = "consumer",
    everyone: bool = False,
    days: int = 365,
    column: str = "gross_profit",
) -> pd.Series:
    """Mean first-year value per channel of the customers with a full first year (or of
    ``everyone``); ``days=366`` counts day 365 too; ``segment=None`` mixes both segments."""
    customers = _segment(segment) if segment else _customers()
    table = acquisition.first_year_value(customers, _order_lines(), as_of="2100-01-01", days=days)
    if not everyone:
        table = table[((data.AS_OF - table["signup_date"]).dt.days >= 365).to_numpy()]
    return table.groupby(table["acquisition_channel"].astype("str"))[column].mean()


def _first_year_wrong_measure(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _expected_first_year_gp(column="revenue"), rel=1e-3):
        return "These are first-year revenues. Gross profit subtracts the cost of goods."
    if same_series(answer, _expected_first_year_gp(days=20_000), rel=1e-3):  # whole history
        return (
            "You summed gross profit over the customer's whole history. First-year value counts only "
            "the orders in the 365 days from sign-up (order_date - signup_date < 365 days)."
        )
    return None


def _first_year_mixed_segments(answer: Any, expected: Any) -> str | None:
    means = _expected_first_year_gp(segment=None)
    if same_series(answer, means, rel=1e-3) or same_series(
        answer, means.reindex(expected.index), rel=1e-3
    ):
        return (
            "Your 'referral' mixes consumers with business accounts won by referral: the same word "
            "names a consumer channel and a business prospecting method. Keep segment == 'consumer'."
        )
    return None


# --------------------------------------------------------------------------- 3.9


def _business_curves() -> pd.DataFrame:
    return acquisition.cumulative_gross_profit(_segment("business"), _order_lines(), months=12)


@cache
def _profit_curves() -> pd.DataFrame:
    return acquisition.cumulative_profit(_segment("business"), _order_lines(), *_costs(), months=12)


def _expected_payback(profit: bool = True, lasting: bool = True) -> pd.Series:
    curves = _profit_curves() if profit else _business_curves()
    return acquisition.payback_months(curves, acquisition.method_cac(_leads()), lasting=lasting)


def _payback_won_cost(answer: Any, expected: Any) -> str | None:
    for lasting in (True, False):
        if same_series(answer, acquisition.payback_months(_profit_curves(), _won_cost(), lasting)):
            return (
                "Your paybacks use the cost of the won lead only (customers' acquisition_cost). The "
                "CAC must carry the lost leads too (exercise 3.7), which makes most paybacks longer."
            )
    return None


def _payback_never_filled(answer: Any, expected: Any) -> str | None:
    never = expected.isna()
    values = pd.to_numeric(answer.reindex(expected.index), errors="coerce")
    if never.any() and same_series(values.where(~never), expected) and values[never].notna().all():
        return (
            "A method whose curve never stays at or above its CAC has no payback month: it should "
            "be missing (NaN), not a month. Careful: .idxmax() on a column that is all False "
            "returns the FIRST label; keep it only where the column has a True (.where(...any()))."
        )
    return None


def _payback_off_by_one(answer: Any, expected: Any) -> str | None:
    if same_series(answer + 1, expected):
        return (
            "Your months are one too small: months are numbered from 1 (the first month after "
            "sign-up is month 1), so use the curve's index label, not the row position."
        )
    return None


# --------------------------------------------------------------------------- 3.10 and 3.11


def _plan(
    rank_by: str = "profit_to_cost", ascending: bool = False, value: str = "first_year_profit"
) -> pd.Series:
    plan = acquisition.allocate_budget(_economics(), BUDGET, rank_by, ascending, value)["spend"]
    return plan[plan > 0]


def _expected_budget_plan() -> pd.Series:
    return _plan()


def _budget_capacity(answer: Any, expected: Any) -> str | None:
    values = answer.astype("float64")
    if len(values) == 1 and math.isclose(float(values.iloc[0]), BUDGET, rel_tol=1e-6):
        return (
            "You put the whole budget into one method. No method can absorb unlimited money (there "
            "are only so many referrals and friends); give each at most its capacity, then move on "
            "to the next best method."
        )
    if len(values) == len(_economics()) and np.allclose(values, BUDGET / len(values), rtol=1e-6):
        return (
            "An even split funds the weak methods as much as the strong ones. Rank the methods by "
            "profit_to_cost and fund the best first, each up to its capacity."
        )
    return None


def _budget_zeros(answer: Any, expected: Any) -> str | None:
    values = answer.astype("float64")
    if len(values) > len(expected) and same_series(values[values > 0], expected, rel=1e-6):
        return (
            "Your plan lists methods that receive nothing (0 CNY). Leave them out: keep only the "
            "methods that get money."
        )
    return None


def _expected_dropped(value: str = "gross") -> set[str]:
    gross = set(_plan("value_to_cost", value="first_year_gross_profit").index)
    profit = set(_plan().index)
    return gross - profit if value == "gross" else profit - gross


def _dropped_reversed(answer: Any, expected: Any) -> str | None:
    members, added = {str(member) for member in answer}, _expected_dropped("profit")
    if members and members <= added:
        return (
            "Those are methods the profit plan ADDS, not ones it drops. The question asks which "
            "methods the gross-profit plan funds and the profit plan does not."
        )
    if added and added < members <= added | set(expected):
        return (
            "Your set mixes the methods the profit plan drops with the one(s) it adds. Keep only "
            "the methods funded under gross profit that lose their money under profit."
        )
    return None


def _dropped_whole_plan(answer: Any, expected: Any) -> str | None:
    members, profit = {str(member) for member in answer}, set(_plan().index)
    if members in (profit, set(_plan("value_to_cost", value="first_year_gross_profit").index)):
        return (
            "That is the list of methods one plan funds. The question asks for the DIFFERENCE: "
            "funded under gross profit, not funded under profit."
        )
    if members == set(_economics().index) - profit:
        return (
            "That is every method the profit plan leaves unfunded, including some that the "
            "gross-profit plan never funded either. Keep only those the gross-profit plan funds."
        )
    return None


MATURED = "This uses the leads at least 180 days old (the matured cohort). The question asks for "
MATURED += "the DECIDED leads: every lead with status won or lost, whatever its age."
OPEN = "This includes the open leads. Their story is not finished (an open lead may still be won), "
OPEN += "so this chapter keeps decided leads only: drop status 'open' first."
_exercise = partial(Exercise, chapter=CHAPTER)

EXERCISES = [
    _exercise(
        id="3.1",
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
    _exercise(
        id="3.2",
        title="The funnel of each method",
        variable="funnel_counts",
        points=1,
        expected=_expected_funnel,
        compare=compare.frame(rel_tol=0, abs_tol=0.5),
        hints=(
            "Drop the open leads first: leads[leads['status'] != 'open'].",
            "As in the worked example above, stage_reached.cat.codes gives 0 for lead ... 4 for won; "
            "a lead reached stage k when its code is >= k.",
            "Build one True/False column per stage (codes >= k), then group by prospecting_method and "
            ".sum() (observed=True for a categorical).",
        ),
        diagnoses=(_funnel_exact_stage, _funnel_cumsum_forward),
        section="The funnel",
        variants=(
            Variant(OPEN, lambda: _expected_funnel(exclude_open=False), name="open"),
            Variant(MATURED, lambda: _expected_funnel(matured=True), name="matured_cohort"),
        ),
    ),
    _exercise(
        id="3.3",
        title="Where the funnel leaks",
        variable="step_rates",
        points=1,
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
        diagnoses=(_steps_cumulative, _steps_inverted),
        section="The funnel",
        variants=(
            Variant(OPEN, lambda: _expected_step_rates(exclude_open=False), name="open"),
            Variant(MATURED, lambda: _expected_step_rates(matured=True), name="matured_cohort"),
        ),
    ),
    _exercise(
        id="3.4",
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
        diagnoses=(_interval_wald, _interval_centre_as_rate),
        section="How sure are we?",
        variants=(
            Variant(OPEN, lambda: _expected_interval(exclude_open=False), name="open"),
            Variant(
                "That is a 90% interval (z = 1.645). The exercise asks for 95%: z = 1.96.",
                lambda: _expected_interval(confidence=0.90),
                name="level_90",
            ),
            Variant(
                "This is the interval of ALL methods together. The question asks for the referral "
                "method's leads only.",
                lambda: _expected_interval(by=None),
                name="all_methods",
            ),
        ),
    ),
    _exercise(
        id="3.5",
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
        diagnoses=(_all_same, _overlap_rule),
        section="How sure are we?",
    ),
    _exercise(
        id="3.6",
        title="Still a finding after 91 tests?",
        variable="holm_findings",
        points=3,
        expected=_expected_holm,
        compare=compare.mapping(what="pairs"),
        hints=(
            "Build every pair at once: acquisition.pairwise_conversion(leads) (Holm by default).",
            "A pair stays a finding when its p_adjusted is below 0.05 (the column flagged_adjusted).",
            "The table names each pair in alphabetical order, such as 'club vs records_search'.",
        ),
        diagnoses=(_holm_none_kept, _holm_text_values),
        section="Many comparisons at once",
        variants=(
            Variant(
                "These are the pairs flagged when each is tested ALONE (p_value < 0.05). With 91 "
                "pairs, several such flags are expected by chance: use the Holm-adjusted p-values.",
                lambda: _expected_holm("none"),
                name="unadjusted",
            ),
            Variant(
                "These follow Benjamini-Hochberg (adjust='fdr_bh'), which controls the share of "
                "false findings. The question asks for Holm, which guards against even one.",
                lambda: _expected_holm("fdr_bh"),
                name="benjamini_hochberg",
            ),
        ),
    ),
    _exercise(
        id="3.7",
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
        diagnoses=(_cac_won_only, _cac_per_lead),
        section="What a customer costs",
        variants=(
            Variant(
                OPEN,
                lambda: acquisition.method_cac(_leads(), exclude_open=False)["cac"],
                name="open",
            ),
        ),
    ),
    _exercise(
        id="3.8",
        title="First-year gross profit per consumer channel",
        variable="first_year_gp",
        points=1,
        expected=_expected_first_year_gp,
        compare=compare.series(rel_tol=1e-4),
        hints=(
            "Keep consumers who signed up at least 365 days before 2025-12-31.",
            "Join each order line to its customer's signup_date and keep lines with "
            "0 <= (order_date - signup_date).days < 365.",
            "Sum revenue - cost_of_goods per customer (0 for a customer with no such lines), then "
            "take the mean per acquisition_channel.",
        ),
        diagnoses=(_first_year_mixed_segments, _first_year_wrong_measure),
        section="What a customer brings",
        variants=(
            Variant(
                "You averaged over every consumer, including those who signed up in 2025, whose "
                "first year is not over: their part-years drag the means down. Keep customers who "
                "signed up at least 365 days before 2025-12-31.",
                lambda: _expected_first_year_gp(everyone=True),
                name="part_years",
            ),
            Variant(
                "Your window counts day 365 too (<= 365), one day more than a year. Days 0 to 364 "
                "are the 365 days from sign-up: use < 365.",
                lambda: _expected_first_year_gp(days=366),
                name="day_365_included",
            ),
        ),
    ),
    _exercise(
        id="3.9",
        title="When does each method really pay back?",
        variable="payback",
        points=3,
        expected=_expected_payback,
        compare=compare.series(),
        hints=(
            "Start from profit_curves (cumulative profit per customer, months 1 to 12) and the CAC "
            "per method: covered = profit_curves.ge(costs['cac'], axis=1).",
            "The payback month is the first month from which covered stays True to month 12: "
            "reverse the rows, take .cummin(), reverse back, then .idxmax().",
            "A method whose column is never True after that has no payback month: keep it as NaN "
            "with .where(stays.any()).",
        ),
        diagnoses=(_payback_never_filled, _payback_won_cost, _payback_off_by_one),
        section="What a customer brings",
        variants=(
            Variant(
                "This is the FIRST month each curve reaches the CAC. A profit curve can fall back "
                "below it when bad debt arrives; the question asks for the month from which it STAYS "
                "at or above the CAC.",
                lambda: _expected_payback(lasting=False),
                name="first_crossing",
            ),
            Variant(
                "These paybacks use gross profit (cumulative_gross_profit). The question asks for "
                "profit after every cost, as chapter 02 defines it: use profit_curves.",
                lambda: _expected_payback(profit=False),
                name="gross_profit_curves",
            ),
        ),
    ),
    _exercise(
        id="3.10",
        title="Spend a prospecting budget",
        variable="budget_plan",
        points=3,
        expected=_expected_budget_plan,
        compare=compare.series(rel_tol=1e-6, abs_tol=1.0),
        hints=(
            "Sort the economics table by profit_to_cost, best first.",
            "Walk down the list: each method gets its capacity or what is left of the budget, "
            "whichever is smaller.",
            "Keep only the methods that get money: a Series of CNY indexed by prospecting_method.",
        ),
        diagnoses=(_budget_capacity, _budget_zeros),
        section="Spending the budget",
        variants=(
            Variant(
                "This plan ranks by value_to_cost: first-year GROSS profit per yuan. The question "
                "ranks by profit_to_cost, after the cost to serve, late payment and bad debt.",
                lambda: _plan("value_to_cost", value="first_year_gross_profit"),
                name="ranked_by_gross_profit",
            ),
            Variant(
                "You funded the methods with the lowest CAC first. Cheap customers are not the same "
                "as profitable ones: rank by profit_to_cost, which weighs what they bring against "
                "what they cost.",
                lambda: _plan("cac", ascending=True),
                name="cheapest_cac_first",
            ),
            Variant(
                "You funded the cheapest LEADS first. Cheap leads that rarely convert give expensive "
                "customers: rank by profit_to_cost instead.",
                lambda: _plan("cost_per_lead", ascending=True),
                name="cheapest_lead_first",
            ),
            Variant(
                "You funded the WORST methods first: sort profit_to_cost from highest to lowest.",
                lambda: _plan(ascending=True),
                name="worst_first",
            ),
        ),
    ),
    _exercise(
        id="3.11",
        title="What changes when value means profit?",
        variable="dropped_methods",
        points=2,
        expected=_expected_dropped,
        compare=compare.set_of(what="methods", allow_duplicates=False),
        hints=(
            "Build both plans with acquisition.allocate_budget: one ranked by value_to_cost (gross "
            "profit), one by profit_to_cost (value='first_year_profit').",
            "Keep the methods with spend > 0 in each plan, as sets of method codes.",
            "The answer is the methods in the gross-profit plan that are not in the profit plan "
            "(set difference).",
        ),
        diagnoses=(_dropped_reversed, _dropped_whole_plan),
        section="Spending the budget",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
# A diagnosis that raises on an answer of an odd type is skipped (evaluation catches it), so the
# diagnoses above test for their symptom without guarding against every type first.
