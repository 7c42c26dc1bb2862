"""Chapter 10, Capstone: the whole cycle on a second company, Bamboo Desk Coworking.

The data is ``datasets/coworking/`` (loaders in :mod:`crmkit.subscription_data`); every
expected answer is computed from it, so grading on a twin of the company works. The
chapter ends with a memo to the managers, graded by the rubric ``RUBRIC``
(:mod:`crmkit.grading.rubric`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from crmkit import subscription_data as cw
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_at, close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant
from crmkit.grading.rubric import Criterion, Rubric
from crmkit.retention.models import constant_retention_projection, fit_sbg

CHAPTER = "10"
MONTH = "2025-12-01"  # the month whose recurring revenue 10.1 asks for
LARGE_SEATS = 12
SLOW_DAYS = 5.0
FIT_MONTHS = 12
HORIZON = 35


# --------------------------------------------------------------------------- shared data


@cache
def _periods() -> pd.DataFrame:
    return cw.load_subscription_periods()


def _expected_mrr(month: str = MONTH, column: str = "net") -> float:
    """Recurring revenue of a month: plan fees − discounts (``net``), or another invoice column."""
    invoices = cw.load_invoices()
    month_rows = invoices[invoices["invoice_date"] == month]
    if column == "net":
        return float((month_rows["plan_fee"] - month_rows["discount"]).sum())
    return float(month_rows[column].sum())


def _expected_profit(drop: str = "") -> pd.DataFrame:
    """Profit per member, 2023-2025: invoices − seat costs − add-on, support and acquisition costs.

    ``drop`` names a cost left out (a student's mistake: "acquisition_cost", "support_cost"...).
    """
    members = cw.load_members().set_index("member_id")
    periods = _periods()
    cost = cw.load_plans().set_index("plan")["cost_per_seat"].astype(float)
    seat_cost = (
        (periods["seats"] * periods["plan"].astype(str).map(cost))
        .groupby(periods["member_id"])
        .sum()
    )
    parts = (
        pd.DataFrame(
            {
                "revenue": cw.load_invoices().groupby("member_id")["amount"].sum(),
                "seat_cost": seat_cost,
                "addon_cost": cw.load_addons().groupby("member_id")["cost"].sum(),
                "support_cost": cw.load_tickets().groupby("member_id")["handling_cost"].sum(),
            }
        )
        .reindex(members.index)
        .fillna(0.0)
    )
    parts["acquisition_cost"] = members["acquisition_cost"]
    costs = [
        c for c in ("seat_cost", "addon_cost", "support_cost", "acquisition_cost") if c != drop
    ]
    parts["profit"] = parts["revenue"] - parts[costs].sum(axis=1)
    parts["seats"] = members["seats"]
    return parts


def _loss(profit: pd.DataFrame, min_seats: int = LARGE_SEATS) -> float:
    """The summed profit (below 0) of the members with ``min_seats`` or more seats who lose money."""
    losing = profit[(profit["seats"] >= min_seats) & (profit["profit"] < 0)]
    return float(losing["profit"].sum())


def _top_share(ranking: pd.Series, values: pd.Series, top: float = 0.2) -> float:
    """Share of ``values``' total held by the round(top × n) members ranked highest by ``ranking``."""
    chosen = ranking.sort_values(ascending=False).index[: round(top * len(ranking))]
    return float(values.loc[chosen].sum() / values.sum())


def _expected_cancel_rates(lag_months: int = 1, include_open: bool = False) -> dict[str, float]:
    """Monthly cancellation rate in member-months with a slow ticket (that month or ``lag`` before)."""
    tickets = cw.load_tickets()
    slow = tickets[tickets["resolution_days"] > SLOW_DAYS]
    month = slow["opened_date"].dt.to_period("M").dt.to_timestamp()
    flagged = pd.concat(
        pd.DataFrame({"member_id": slow["member_id"], "month": month + pd.DateOffset(months=k)})
        for k in range(lag_months + 1)
    ).drop_duplicates()
    periods = _periods() if include_open else _periods()[_periods()["status"] != "active"]
    marked = periods.merge(flagged.assign(slow=True), on=["member_id", "month"], how="left")
    is_slow = marked["slow"].notna().to_numpy()
    cancelled = (marked["status"] == "cancelled").to_numpy()
    return {"slow": float(cancelled[is_slow].mean()), "other": float(cancelled[~is_slow].mean())}


def _expected_gaps() -> pd.Series:
    """Mean perception − expectation per survey component."""
    survey = cw.load_survey()
    return pd.Series(
        {
            c: float((survey[f"perceive_{c}"] - survey[f"expect_{c}"]).mean())
            for c in cw.SURVEY_COMPONENTS
        }
    )


def _expected_stayed_by_score(month: str = MONTH) -> pd.Series:
    """Share of survey respondents still paying in ``month``, by overall satisfaction score."""
    survey = cw.load_survey()
    paying = set(_periods().loc[_periods()["month"] == month, "member_id"])
    return survey["member_id"].isin(paying).groupby(survey["overall_satisfaction"]).mean()


def _expected_founders(spell_one_only: bool = True) -> pd.Series:
    """Founding members (joined January 2023) paying in month 0, 1, ... 35 (index ``month``)."""
    periods = _periods()
    first_month = periods.groupby("member_id")["month"].min()
    founders = first_month.index[first_month == first_month.min()]
    rows = periods[periods["member_id"].isin(founders)]
    if spell_one_only:
        rows = rows[rows["spell"] == 1]
    number = (rows["month"].dt.year - 2023) * 12 + rows["month"].dt.month - 1
    counts = rows.groupby(number).size().reindex(range(HORIZON + 1), fill_value=0)
    counts.index.name = "month"
    return counts.astype("int64").rename("members")


def _expected_sbg(fit_months: int = FIT_MONTHS) -> float:
    """sBG's projected share of the founding cohort still paying in month 35."""
    return float(fit_sbg(_expected_founders(), fit_years=fit_months).survival(HORIZON).iloc[-1])


def _expected_winback_rate(
    offer: str | None = "apology_call", reason: str | None = "service"
) -> float:
    """Return rate of the win-back contacts with this offer and reason (None: any)."""
    winback = cw.load_winback()
    keep = pd.Series(True, index=winback.index)
    if offer is not None:
        keep &= winback["offer"] == offer
    if reason is not None:
        keep &= winback["reason_for_leaving"] == reason
    return float(winback.loc[keep, "returned"].mean())


# --------------------------------------------------------------------------- diagnoses


def _mrr_with_addons(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _expected_mrr(column="amount"), 1e-4):
        return (
            "You added up the invoices' amounts, which include add-on purchases. Recurring "
            "revenue is what the memberships bring every month: plan fees less discounts."
        )
    return None


def _mrr_list_price(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _expected_mrr(column="plan_fee"), 1e-4):
        return "You added up the list fees. Members pay the list fee less their discount."
    return None


def _losers_wrong_size(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _loss(_expected_profit(), 1), 1e-4):
        return (
            "You added up the losses of every member who loses money. The question is about the "
            f"large accounts: those with {LARGE_SEATS} or more seats."
        )
    return None


def _losers_missing_cost(answer: Any, expected: Any) -> str | None:
    for cost, name in (
        ("acquisition_cost", "acquisition cost"),
        ("support_cost", "ticket handling cost"),
    ):
        if close_to(answer, _loss(_expected_profit(drop=cost)), 1e-4):
            return f"Your profit leaves out the {name}. Count every cost a member causes."
    return None


def _top_by_revenue(answer: Any, expected: Any) -> str | None:
    profit = _expected_profit()
    if close_to(answer, _top_share(profit["revenue"], profit["profit"]), 1e-3):
        return "You ranked the members by revenue. Rank them by profit, then add up their profit."
    if close_to(answer, _top_share(profit["revenue"], profit["revenue"]), 1e-3):
        return "That is the top fifth's share of revenue, ranked by revenue. Use profit for both."
    return None


def _top_share_of_revenue(answer: Any, expected: Any) -> str | None:
    profit = _expected_profit()
    if close_to(answer, _top_share(profit["profit"], profit["revenue"]), 1e-3):
        return (
            "You ranked by profit but added up revenue. The question asks for the share of profit."
        )
    return None


def _slow_same_month(answer: Any, expected: Any) -> str | None:
    if close_at(answer, _expected_cancel_rates(lag_months=0)):
        return (
            "You flagged only the month the ticket was opened. A slow ticket weighs on the "
            "renewal decision that month and the month after: flag both."
        )
    return None


def _slow_open_month(answer: Any, expected: Any) -> str | None:
    if close_at(answer, _expected_cancel_rates(include_open=True)):
        return (
            "You counted December 2025 too. Its members have not decided yet (status 'active'): "
            "leave those rows out of both rates."
        )
    if isinstance(answer, dict) and close_at(
        {"slow": answer.get("other"), "other": answer.get("slow")}, expected
    ):
        return "Your two rates are the wrong way round."
    return None


def _gap_sign(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, str) and answer == _expected_gaps().idxmax() and answer != expected:
        return (
            "That component beats expectations the most. The gap is perception minus "
            "expectation: look for the most negative one."
        )
    return None


def _gap_column(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, str) and answer.startswith(("perceive_", "expect_")):
        return "Answer with the component's name (such as 'staff'), not a column name."
    return None


def _stayed_swapped(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and close_at(
        {"very_satisfied": answer.get("satisfied"), "satisfied": answer.get("very_satisfied")},
        expected,
    ):
        return (
            "Your two shares are the wrong way round: score 5 is 'very satisfied', 4 'satisfied'."
        )
    return None


def _stayed_counts(answer: Any, expected: Any) -> str | None:
    survey = cw.load_survey()
    paying = set(_periods().loc[_periods()["month"] == MONTH, "member_id"])
    counts = survey[survey["member_id"].isin(paying)].groupby("overall_satisfaction").size()
    if close_at(answer, {"very_satisfied": float(counts[5]), "satisfied": float(counts[4])}):
        return "You counted the members who stayed. Divide by the respondents with that score."
    return None


def _survival_with_returns(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _expected_founders(spell_one_only=False)) and not same_series(
        answer, expected
    ):
        return (
            "You counted members who came back through the win-back as survivors. The cohort's "
            "survival is its first membership only (spell 1)."
        )
    return None


def _survival_shifted(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series) or len(answer) < 2:
        return None
    values = answer.to_numpy(dtype=float, na_value=float("nan"))
    right = expected.to_numpy(dtype=float)
    if len(values) in (len(right), len(right) - 1) and (
        (values[: len(right) - 1] == right[1:]).all()
        or (values[1:] == right[: len(values) - 1]).all()
    ):
        return (
            "Your counts are one month off. Month 0 is January 2023, when all the founders pay; "
            "month t counts those still paying in month t."
        )
    return None


def _sbg_constant(answer: Any, expected: Any) -> str | None:
    constant = constant_retention_projection(
        _expected_founders(), fit_years=FIT_MONTHS, horizon=HORIZON
    )
    if close_to(answer, float(constant.iloc[-1]), 1e-3):
        return (
            "That is what one constant retention rate projects. The sBG model lets members "
            "differ: fit it with fit_sbg and read its survival at month 35."
        )
    return None


def _sbg_actual(answer: Any, expected: Any) -> str | None:
    survival = _expected_founders()
    if close_to(answer, float(survival.iloc[-1] / survival.iloc[0]), 1e-3):
        return "That is the observed share in month 35. The question asks what the model projects."
    return None


def _winback_all_reasons(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _expected_winback_rate(reason=None), 1e-6):
        return "You took every apology call. Keep only the members who left over the service."
    return None


def _winback_all_offers(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _expected_winback_rate(offer=None), 1e-6):
        return "You took every offer made to service leavers. Keep only the apology calls."
    return None


def _expected_stayed(month: str = MONTH) -> dict[str, float]:
    shares = _expected_stayed_by_score(month)
    return {"very_satisfied": float(shares[5]), "satisfied": float(shares[4])}


SCOPES = {
    "10.1": (
        Variant(
            "This is November 2025's recurring revenue; the question asks for December 2025's.",
            lambda: _expected_mrr("2025-11-01"),
            name="november",
        ),
    ),
    "10.6": (
        Variant(
            "These are the shares still paying in June 2025; the question asks about December 2025.",
            lambda: _expected_stayed("2025-06-01"),
            name="june_2025",
        ),
    ),
    "10.8": (
        Variant(
            "You fitted the sBG model on every month up to 35. Fit it on months 1-12 only and let "
            "it project the rest: that is the test of a projection.",
            lambda: _expected_sbg(HORIZON),
            name="all_months",
        ),
    ),
}


EXERCISES = [
    Exercise(
        id="10.1",
        chapter=CHAPTER,
        title="Monthly recurring revenue",
        variable="mrr_december",
        points=2,
        expected=lambda: _expected_mrr(),
        compare=compare.scalar(rel_tol=1e-4),
        hints=(
            "Recurring revenue is what the memberships bring each month, before any add-on.",
            "Take the invoices dated 2025-12-01 and add up plan_fee minus discount.",
        ),
        diagnoses=(_mrr_with_addons, _mrr_list_price),
        section="Recognise: who the members are and what they bring",
        variants=SCOPES["10.1"],
    ),
    Exercise(
        id="10.2",
        chapter=CHAPTER,
        title="How much do the loss-making large accounts lose?",
        variable="large_accounts_loss",
        points=3,
        expected=lambda: _loss(_expected_profit()),
        compare=compare.scalar(rel_tol=1e-4),
        hints=(
            "Profit per member over 2023-2025 is what they paid minus every cost they caused: "
            "their seats (cost_per_seat each month paid), add-ons, ticket handling and acquisition.",
            "Keep the members with at least 12 seats and a profit below 0, and add up their "
            "profit (a negative number).",
        ),
        diagnoses=(_losers_wrong_size, _losers_missing_cost),
        section="Choose: which members are worth having",
    ),
    Exercise(
        id="10.3",
        chapter=CHAPTER,
        title="How much profit does the top fifth bring?",
        variable="top_fifth_profit_share",
        points=2,
        expected=lambda: _top_share(_expected_profit()["profit"], _expected_profit()["profit"]),
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Rank the members by their 2023-2025 profit (exercise 10.2's table), highest first.",
            "Take the first round(0.2 x number of members) and divide their profit by everyone's.",
        ),
        diagnoses=(_top_by_revenue, _top_share_of_revenue),
        section="Tier: a pyramid by profit",
    ),
    Exercise(
        id="10.4",
        chapter=CHAPTER,
        title="Do slow tickets come before cancellations?",
        variable="cancel_rates",
        points=3,
        expected=lambda: _expected_cancel_rates(),
        compare=compare.mapping(what="groups", rel_tol=1e-3),
        hints=(
            "A member-month is 'slow' when the member had a ticket resolved in more than 5 days "
            "opened that month or the month before.",
            "Leave out December 2025 (status 'active'); in each group the rate is the share of "
            "member-months with status 'cancelled'. Answer {'slow': ..., 'other': ...}.",
        ),
        diagnoses=(_slow_same_month, _slow_open_month),
        section="Communicate: tickets and complaints",
    ),
    Exercise(
        id="10.5",
        chapter=CHAPTER,
        title="Where do members' expectations go unmet most?",
        variable="largest_gap",
        points=2,
        expected=lambda: str(_expected_gaps().idxmin()),
        compare=compare.scalar(),
        hints=(
            "For each component, the gap is the respondents' mean of perceive minus expect.",
            "Answer with the name of the component whose gap is the most negative.",
        ),
        diagnoses=(_gap_sign, _gap_column),
        section="Satisfy: the survey",
    ),
    Exercise(
        id="10.6",
        chapter=CHAPTER,
        title="Satisfied is not loyal",
        variable="stayed",
        points=3,
        expected=lambda: _expected_stayed(),
        compare=compare.mapping(what="scores", rel_tol=1e-3),
        hints=(
            "Take the survey respondents with overall_satisfaction 5 and those with 4.",
            "For each group, the share whose member_id still has a subscription period in "
            "December 2025. Answer {'very_satisfied': ..., 'satisfied': ...}.",
        ),
        diagnoses=(_stayed_swapped, _stayed_counts),
        section="Satisfy: the survey",
        variants=SCOPES["10.6"],
    ),
    Exercise(
        id="10.7",
        chapter=CHAPTER,
        title="The founding cohort's survival",
        variable="founders",
        points=3,
        expected=lambda: _expected_founders(),
        compare=compare.series(),
        hints=(
            "The founders joined in January 2023. Use their first membership only (spell 1).",
            "Count the founders paying in each month and index the counts by month number: "
            "0 for January 2023 up to 35 for December 2025.",
        ),
        diagnoses=(_survival_with_returns, _survival_shifted),
        section="Retain: cohort retention and the sBG model",
    ),
    Exercise(
        id="10.8",
        chapter=CHAPTER,
        title="What does sBG project for month 35?",
        variable="sbg_month_35",
        points=3,
        expected=lambda: _expected_sbg(),
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "fit_sbg(founders, fit_years=12) fits the model on months 1-12 of your counts.",
            "The fit's survival(35) gives the projected share still paying in each month up to "
            "35: take the last one.",
        ),
        diagnoses=(_sbg_constant, _sbg_actual),
        section="Retain: cohort retention and the sBG model",
        variants=SCOPES["10.8"],
    ),
    Exercise(
        id="10.9",
        chapter=CHAPTER,
        title="Does the apology call win back service leavers?",
        variable="apology_service_rate",
        points=2,
        expected=lambda: _expected_winback_rate(),
        compare=compare.scalar(rel_tol=1e-6),
        hints=(
            "Take the win-back contacts of members who left over the service "
            "(reason_for_leaving 'service').",
            "Among those who got an apology call, the share who returned.",
        ),
        diagnoses=(_winback_all_reasons, _winback_all_offers),
        section="Recover: whom to win back, and how",
    ),
]

RUBRIC = Rubric(
    CHAPTER,
    (
        Criterion(
            "evidence",
            "Each recommendation rests on evidence from the data",
            4,
            (
                (
                    "4",
                    "Every recommendation cites a figure computed in the notebook, and the right one.",
                ),
                ("2-3", "Most recommendations cite figures; one claim is unsupported or misread."),
                ("0-1", "Opinions with few or no figures from the data."),
            ),
        ),
        Criterion(
            "decisions",
            "The recommendations are decisions the managers can take",
            3,
            (
                ("3", "Three distinct actions: who does what, for which members, by when."),
                ("1-2", "Actions are vague ('improve service') or fewer than three."),
                ("0", "No actionable recommendation."),
            ),
        ),
        Criterion(
            "economics",
            "Costs, value and risks are weighed",
            2,
            (
                (
                    "2",
                    "Each action's cost is set against the value it protects or wins (CLV, profit).",
                ),
                ("1", "Costs or value are mentioned but not compared."),
                ("0", "No economics."),
            ),
        ),
        Criterion(
            "clarity",
            "One page, plain language, for managers",
            1,
            (
                ("1", "Fits a page, no code or jargon, leads with the recommendations."),
                ("0", "Hard to act on."),
            ),
        ),
    ),
    marker="Memo to the managers",
    title="Memo to the managers",
    placeholder="*Write your answer here.*",
    words=400,
)

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
