"""Chapter 08, Retaining customers: the lost shopper, kinds of loyalty, retention, cohorts, CLV,
the elastic tier, breadth, constant retention against the sBG, CLV against RFM, customers
only resting."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, retention, tiers, value
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant
from crmkit.vocabulary import AS_OF

CHAPTER = "08"
YEAR = 2025
DISCOUNT = 0.10
COHORT_AGE = 12
FIT_YEARS = 7
HORIZON = 12
LOST_AFTER_DAYS = 180
ALIVE = 0.5
LOYALTY_CASES = {
    "cafe_turned_down_rival": "true_loyalty",
    "double_points_only": "spurious_loyalty",
    "only_supplier_nearby": "spurious_loyalty",
    "student_fan": "latent_loyalty",
    "satisfied_then_silent": "no_loyalty",
    "buys_when_stock_runs_out": "spurious_loyalty",
}
"""8.2's cases and their kind of loyalty (the lesson's table describes each case)."""


# --------------------------------------------------------------------------- shared data


@cache
def _customers() -> pd.DataFrame:
    return data.load_customers()


@cache
def _order_lines() -> pd.DataFrame:
    return data.load_order_lines()


def _is_mapping(answer: Any) -> bool:
    return isinstance(answer, Mapping)


def _any_close(answer: Any, values: list[float], rel: float = 1e-3) -> bool:
    return any(close_to(answer, v, rel=rel) for v in values)


# --------------------------------------------------------------------------- 8.1


def _expected_lost_shopper(people_told: float = 10) -> float:
    return float(retention.lost_customer_value(people_told=people_told)["total"])


def _own_spending_only(answer: Any, expected: Any) -> str | None:
    values = retention.lost_customer_value()
    if _any_close(answer, [values["direct"], values["direct"] / 10]):
        return (
            "That is only her own spending. She also tells people, and a quarter of those she "
            "tells stop coming: add what they would have spent too."
        )
    return None


def _everyone_told_stops(answer: Any, expected: Any) -> str | None:
    direct = retention.lost_customer_value()["direct"]
    if _any_close(answer, [direct * 11, direct * 10]):
        return (
            "You counted every person she tells as lost. Only a quarter of them stop coming: "
            "people lost = people told x 0.25."
        )
    return None


def _word_of_mouth_only(answer: Any, expected: Any) -> str | None:
    if close_to(answer, retention.lost_customer_value()["word_of_mouth"], rel=1e-3):
        return "That is what the people she puts off would spend. Add her own spending to it."
    return None


# --------------------------------------------------------------------------- 8.2


def _expected_loyalty() -> dict[str, str]:
    return dict(LOYALTY_CASES)


def _satisfied_called_loyal(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("satisfied_then_silent") in ("true_loyalty", "latent_loyalty"):
        return (
            "A 'satisfied' rating judges the past; it promises nothing. Look at what the hotel "
            "did after saying it: is there any attitude or behaviour left?"
        )
    return None


def _rewards_called_loyal(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("double_points_only") == "true_loyalty":
        return (
            "Loyalty is not repayment for rewards: a customer who buys for the points stays for "
            "the points, and leaves for a better scheme."
        )
    return None


def _need_called_loyal(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("buys_when_stock_runs_out") == "true_loyalty":
        return (
            "Buying again only when the need comes back, from whoever is quickest, is behaviour "
            "without an attitude. Would the restaurant miss Jade Leaf?"
        )
    return None


# --------------------------------------------------------------------------- 8.3


def _rates(segment: str | None = "business") -> pd.DataFrame:
    customers = _customers() if segment else None
    return retention.retention_rates(_order_lines(), customers, segment, "Y")


def _expected_retention(segment: str | None = "business", year: int = YEAR) -> float:
    return float(_rates(segment).loc[str(year), "retention_rate"])


def _churn_given(answer: Any, expected: Any) -> str | None:
    if close_to(answer, 1 - _expected_retention(), rel=1e-3):
        return (
            "That is the churn rate, the share who did not order again. The retention rate is "
            "the share of last year's customers who ordered this year too."
        )
    return None


def _wrong_base(answer: Any, expected: Any) -> str | None:
    row = _rates().loc[str(YEAR)]
    active_now = _business_active(YEAR)
    everyone = int((_customers()["segment"] == "business").sum())
    if _any_close(answer, [row["retained"] / active_now, row["retained"] / everyone]) or close_to(
        answer, active_now / row["active_before"], rel=1e-3
    ):
        return (
            "Your denominator is not last year's active accounts. Retention starts from the "
            "accounts that ordered in the year before and asks what share of them ordered again."
        )
    return None


def _business_active(year: int) -> int:
    ids = _customers().loc[_customers()["segment"] == "business", "customer_id"]
    lines = _order_lines()
    mask = lines["customer_id"].isin(ids) & (lines["order_date"].dt.year == year)
    return int(lines.loc[mask, "customer_id"].nunique())


def _retained_count(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _rates().loc[str(YEAR), "retained"], rel=1e-9):
        return "That is a number of accounts. The retention rate is a share (a fraction of 1)."
    return None


# --------------------------------------------------------------------------- 8.4


def _cohort_tables(segment: str = "consumer", kind: str = "surviving") -> tuple[pd.DataFrame, pd.Series]:
    args = (_order_lines(), _customers(), segment)
    return retention.cohort_matrix(*args, kind=kind), retention.cohort_sizes(*args)


def _expected_cohort(segment: str = "consumer", age: int = COHORT_AGE) -> float:
    matrix, sizes = _cohort_tables(segment)
    return float(retention.average_curve(matrix, sizes)[age])


def _unobserved_as_zero(answer: Any, expected: Any) -> str | None:
    matrix, sizes = _cohort_tables()
    zero = (matrix[COHORT_AGE].fillna(0) * sizes).sum() / sizes.sum()
    if close_to(answer, zero, rel=1e-3) or close_to(answer, matrix[COHORT_AGE].fillna(0).mean(), rel=1e-3):
        return (
            "You counted cohorts too young to have reached month 12 as if all their customers "
            "were gone. A cell the data cannot show yet is missing, not 0: leave those cohorts out."
        )
    return None


def _active_not_surviving(answer: Any, expected: Any) -> str | None:
    matrix, sizes = _cohort_tables(kind="active")
    if close_to(answer, retention.average_curve(matrix, sizes)[COHORT_AGE], rel=1e-3):
        return (
            "That is the share who ordered in month 12 itself. The question asks who is still "
            "a customer then: ordering in month 12 or later, or still an actual customer today."
        )
    return None


def _unweighted(answer: Any, expected: Any) -> str | None:
    matrix, _ = _cohort_tables()
    if close_to(answer, matrix[COHORT_AGE].mean(), rel=1e-3):
        return (
            "You averaged the cohorts' shares as if every cohort were the same size. Weight each "
            "cohort by its number of customers (or pool the customers)."
        )
    return None


# --------------------------------------------------------------------------- 8.5


@cache
def _walkout() -> pd.DataFrame:
    return retention.walkout_table(_customers(), _order_lines(), YEAR)


def _clv_inputs(segment: str = "business") -> tuple[float, float]:
    row = _walkout().loc[segment]
    return float(row["gross_profit_per_year"]), float(row["retention_rate"])


def _expected_clv(segment: str = "business") -> float:
    margin, rate = _clv_inputs(segment)
    return retention.simple_clv(margin, rate, DISCOUNT)


def _no_retention_on_top(answer: Any, expected: Any) -> str | None:
    margin, rate = _clv_inputs()
    if _any_close(answer, [margin / (1 + DISCOUNT - rate), margin * (1 + DISCOUNT) / (1 + DISCOUNT - rate)]):
        return (
            "Your formula counts a margin the account has not yet earned by staying: in "
            "m x r / (1 + d - r) the next margin comes only if the account is retained (x r)."
        )
    return None


def _no_discount(answer: Any, expected: Any) -> str | None:
    margin, rate = _clv_inputs()
    if _any_close(answer, [margin * rate / (1 - rate), margin / (1 - rate)]):
        return (
            "You left out the discount rate: money in later years is worth less today. The "
            "denominator is 1 + d - r, with d = 0.10."
        )
    return None


# --------------------------------------------------------------------------- 8.8


def _projection(cohort: str = "regular") -> tuple[pd.Series, pd.Series, pd.Series]:
    from crmkit.retention import models

    survival = data.load_contract_cohorts()[cohort]
    constant = models.constant_retention_projection(survival, FIT_YEARS, HORIZON)
    sbg = models.fit_sbg(survival, FIT_YEARS).projection(survival)["sbg"]
    return survival / survival.iloc[0], constant, sbg


def _expected_constant_miss(cohort: str = "regular") -> float:
    actual, constant, _ = _projection(cohort)
    return round(float(constant[HORIZON] - actual[HORIZON]), 4)


def _miss_reversed(answer: Any, expected: Any) -> str | None:
    if close_to(answer, -expected, rel=1e-3):
        return (
            "Your difference has the opposite sign. Take projection - actual, so a projection "
            "that is too low gives a negative number."
        )
    return None


def _sbg_miss(answer: Any, expected: Any) -> str | None:
    actual, _, sbg = _projection()
    miss = float(sbg[HORIZON] - actual[HORIZON])
    if close_to(answer, miss, rel=1e-2) or close_to(answer, -miss, rel=1e-2):
        return (
            "That is how far the sBG model misses. The question asks about the projection that "
            "holds one retention rate for everyone and every year."
        )
    return None


def _year_one_rate(answer: Any, expected: Any) -> str | None:
    actual, _, _ = _projection()
    first = float(actual[1])
    if _any_close(answer, [first**HORIZON - actual[HORIZON], first ** (HORIZON - 1) - actual[HORIZON]], 1e-2):
        return (
            "You projected with the first year's retention alone. The constant-retention model "
            "fits one rate to all of years 1-7 (models.constant_retention_projection does it)."
        )
    return None


# --------------------------------------------------------------------------- 8.9

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"


@cache
def _cdnow_ranking() -> pd.DataFrame:
    """Per CDNOW sample customer: CLV, expected purchases, RFM score and holdout spending."""
    from crmkit.retention import models

    cdnow = data.load_cdnow_sample()
    summary = models.calibration_holdout_summary(cdnow, CALIBRATION_END, OBSERVATION_END,
                                                 amount="amount")  # fmt: skip
    bgnbd = models.fit_bgnbd(summary)
    clv = models.customer_lifetime_value(bgnbd, models.fit_gamma_gamma(summary), summary)
    calibration = cdnow[cdnow["date"] <= CALIBRATION_END].reset_index(names="order_id")
    lines = calibration.rename(columns={"date": "order_date", "amount": "revenue"})
    rfm = tiers.rfm_scores(tiers.rfm_table(lines.astype({"order_id": "string"}), CALIBRATION_END))
    return pd.DataFrame({
        "clv": clv["clv"],
        "purchases": clv["expected_transactions"],
        "rfm": rfm[["r_score", "f_score", "m_score"]].sum(axis=1).reindex(summary.index).fillna(0),
        "spend": summary["frequency_holdout"] * summary["monetary_holdout"],
    })  # fmt: skip


def _expected_capture(by: str = "clv", share: float = 0.10) -> float:
    table = _cdnow_ranking()
    top = table[by].sort_values(ascending=False, kind="stable").index[: int(len(table) * share)]
    return round(float(table.loc[top, "spend"].sum() / table["spend"].sum()), 4)


def _customers_not_spend(answer: Any, expected: Any) -> str | None:
    if close_to(answer, 0.10, rel=1e-3) or close_to(answer, 10, rel=1e-3):
        return (
            "That is the share of customers in the top group, not their share of the spending. "
            "Add up what the top 10% spent in the holdout and divide by what everyone spent."
        )
    return None


def _calibration_spend(answer: Any, expected: Any) -> str | None:
    table = _cdnow_ranking()
    cdnow = data.load_cdnow_sample()
    ids = cdnow["customer_id"].astype("string")
    early = cdnow[(cdnow["date"] <= CALIBRATION_END).to_numpy()].groupby(ids)["amount"].sum()
    early = early.reindex(table.index).fillna(0)
    top = table["clv"].sort_values(ascending=False, kind="stable").index[: len(table) // 10]
    if close_to(answer, early[top].sum() / early.sum(), rel=1e-3):
        return (
            "You measured the spending of the calibration period, which the model has already "
            "seen. A ranking is tested on what customers spent afterwards: the holdout."
        )
    return None


# --------------------------------------------------------------------------- 8.10


@cache
def _consumer_alive(segment: str = "consumer") -> pd.DataFrame:
    from crmkit.retention import models

    customers = _customers()
    ids = customers.loc[customers["segment"] == segment, "customer_id"]
    lines = _order_lines()[_order_lines()["customer_id"].isin(ids)]
    orders = lines.drop_duplicates("order_id")
    summary = models.repeat_summary(orders, date="order_date", observation_end=AS_OF)
    fit = models.fit_bgnbd(summary)
    last = value.last_purchase(lines)
    days = (AS_OF - last).dt.days.reindex(summary.index)
    return pd.DataFrame({"p_alive": fit.p_alive(summary), "days_since": days,
                         "frequency": summary["frequency"]})  # fmt: skip


def _expected_resting(segment: str = "consumer", lost_after: int = LOST_AFTER_DAYS) -> int:
    table = _consumer_alive(segment)
    lost = (table["days_since"] > lost_after) & (table["frequency"] > 0)
    return int((lost & (table["p_alive"] >= ALIVE)).sum())


def _one_timers_included(answer: Any, expected: Any) -> str | None:
    table = _consumer_alive()
    lost = table["days_since"] > LOST_AFTER_DAYS
    if close_to(answer, int((lost & (table["p_alive"] >= ALIVE)).sum()), rel=1e-9):
        return (
            "You counted the lost consumers who never bought twice. The model gives them "
            "P(alive) = 1 whatever happened (it lets customers drop out only after a repeat "
            "purchase): that is its blind spot, not a judgement. Keep those with a repeat purchase."
        )
    return None


def _all_alive_counted(answer: Any, expected: Any) -> str | None:
    table = _consumer_alive()
    alive = table["p_alive"] >= ALIVE
    if _any_close(answer, [int(alive.sum()), int((alive & (table["frequency"] > 0)).sum())], 1e-9):
        return (
            "You counted every consumer the model thinks is alive, active ones too. The question "
            "is about the lost ones: no order in the last 180 days (chapter 01's rule)."
        )
    return None


def _gone_counted(answer: Any, expected: Any) -> str | None:
    table = _consumer_alive()
    lost = (table["days_since"] > LOST_AFTER_DAYS) & (table["frequency"] > 0)
    if close_to(answer, int((lost & (table["p_alive"] < ALIVE)).sum()), rel=1e-9) or close_to(
        answer, int(lost.sum()), rel=1e-9
    ):
        return (
            "Those are the lost consumers the model agrees are gone (or all the lost ones). "
            "Count the lost consumers whose P(alive) is 0.5 or more: only resting."
        )
    return None


# --------------------------------------------------------------------------- 8.6


@cache
def _profits(year: int) -> pd.Series:
    tables = (_customers(), _order_lines(), data.load_service_events(), data.load_invoices(),
              data.load_payments())  # fmt: skip
    return tiers.year_profitability(*tables, year)["profit"]


def _transitions(segment: str | None = None) -> pd.DataFrame:
    before, after = _profits(YEAR - 1), _profits(YEAR)
    if segment is not None:
        ids = _customers().loc[_customers()["segment"] == segment, "customer_id"]
        before = before[before.index.isin(ids)]
    return retention.profit_transitions(before, after, shares=False)


def _expected_turned(segment: str | None = None) -> float:
    counts = _transitions(segment)
    return round(float(counts.loc["loss", "profit"] / counts.loc["loss", "customers"]), 4)


def _stayers_only(answer: Any, expected: Any) -> str | None:
    row = _transitions().loc["loss"]
    if close_to(answer, row["profit"] / (row["profit"] + row["loss"]), rel=1e-3):
        return (
            "You left out the loss-makers who bought nothing in 2025. They are part of the "
            "answer: leaving on their own is one of the things an elastic tier does."
        )
    return None


def _wrong_row(answer: Any, expected: Any) -> str | None:
    counts = _transitions()
    options = [counts.loc["profit", "loss"] / counts.loc["profit", "customers"],
               counts.loc["loss", "loss"] / counts.loc["loss", "customers"],
               counts.loc["loss", "gone"] / counts.loc["loss", "customers"]]  # fmt: skip
    if _any_close(answer, options):
        return (
            "That is another cell of the table. Start from the 2024 loss-makers (profit below 0) "
            "and take the share of them with a profit in 2025."
        )
    return None


# --------------------------------------------------------------------------- 8.7


def _breadth_gap(table: pd.DataFrame) -> float:
    return round(float(table["rate"].iloc[-1] - table["rate"].iloc[0]), 4)


def _expected_breadth() -> float:
    return _breadth_gap(retention.retention_by_breadth(_order_lines(), data.load_products()))


def _lifetime_breadth(answer: Any, expected: Any) -> str | None:
    table = retention.retention_by_breadth(_order_lines(), data.load_products(), days=10_000)
    if close_to(answer, _breadth_gap(table), rel=1e-3):
        return (
            "You measured breadth over the customer's whole life, so customers who stayed had more "
            "time to try categories: the result explains itself. Measure it in the first 90 days."
        )
    return None


def _young_included(answer: Any, expected: Any) -> str | None:
    table = retention.retention_by_breadth(_order_lines(), data.load_products(),
                                           as_of=AS_OF + pd.Timedelta(days=730))  # fmt: skip
    if close_to(answer, _breadth_gap(table), rel=1e-3):
        return (
            "You included customers whose second year is not over yet; they had no full chance "
            "to come back. Keep those whose first order is at least two years before 2025-12-31."
        )
    return None


EXERCISES = [
    Exercise(
        id="8.1",
        chapter=CHAPTER,
        title="What one lost shopper takes away",
        variable="lost_shopper",
        points=2,
        expected=_expected_lost_shopper,
        data_free=True,
        compare=compare.scalar(rel_tol=1e-6),
        hints=(
            "Two parts: her own spending over the years, and the spending of the people she puts off.",
            "Own spending = 50 x 52 x 10. People lost = 10 told x a quarter; each would have spent "
            "as she did. retention.lost_customer_value computes it.",
        ),
        diagnoses=(_own_spending_only, _everyone_told_stops, _word_of_mouth_only),
        section="What loyalty is worth",
        variants=(
            Variant(
                "You used 20 people told, the top of the book's range; the question says 10.",
                lambda: _expected_lost_shopper(20),
                name="twenty_told",
            ),
        ),
    ),
    Exercise(
        id="8.2",
        chapter=CHAPTER,
        title="Which kind of loyalty?",
        variable="loyalty_kinds",
        points=3,
        expected=_expected_loyalty,
        data_free=True,
        compare=compare.classification("cases", tuple(retention.LOYALTY_TYPES)),
        hints=(
            "Ask two questions of each case: does the customer prefer us (attitude)? Does the "
            "customer keep buying from us (behaviour)?",
            "Both: true loyalty. Behaviour without the attitude: spurious. Attitude without the "
            "behaviour: latent. Neither: no loyalty.",
        ),
        diagnoses=(_satisfied_called_loyal, _rewards_called_loyal, _need_called_loyal),
        section="True loyalty",
    ),
    Exercise(
        id="8.3",
        chapter=CHAPTER,
        title="Business accounts kept in 2025",
        variable="business_retention",
        points=2,
        expected=_expected_retention,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Start from the business accounts that ordered at least once in 2024.",
            "Retention rate = the share of them that ordered at least once in 2025 too.",
        ),
        diagnoses=(_churn_given, _wrong_base, _retained_count),
        section="Retention and churn rates",
        variants=(
            Variant(
                "This is the rate for all customers; the question asks about business accounts only.",
                lambda: _expected_retention(None),
                name="all_customers",
            ),
            Variant(
                "This is the consumers' rate; the question asks about business accounts.",
                lambda: _expected_retention("consumer"),
                name="consumers",
            ),
            Variant(
                "This is 2024's rate (2023 to 2024); the question asks about 2025.",
                lambda: _expected_retention("business", YEAR - 1),
                name="year_2024",
            ),
        ),
    ),
    Exercise(
        id="8.4",
        chapter=CHAPTER,
        title="Still a customer a year on",
        variable="consumers_at_12",
        points=3,
        expected=_expected_cohort,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Use the surviving cohort matrix of consumers (monthly cohorts) and its column for age 12.",
            "Only cohorts old enough to have reached age 12 count, each in proportion to its size. "
            "retention.average_curve does the weighting.",
        ),
        diagnoses=(_unobserved_as_zero, _active_not_surviving, _unweighted),
        section="Cohorts",
        variants=(
            Variant(
                "This is age 11; the first order's month is age 0, so a year on is age 12.",
                lambda: _expected_cohort("consumer", COHORT_AGE - 1),
                name="age_11",
            ),
            Variant(
                "This is the business accounts' figure; the question asks about consumers.",
                lambda: _expected_cohort("business"),
                name="business_cohorts",
            ),
        ),
    ),
    Exercise(
        id="8.5",
        chapter=CHAPTER,
        title="The simple CLV of a business account",
        variable="business_clv",
        points=2,
        expected=_expected_clv,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "m: 2025's gross profit per active business account; r: their 2025 retention rate; "
            "d = 0.10 (retention.walkout_table has m and r).",
            "CLV = m x r / (1 + d - r).",
        ),
        diagnoses=(_no_retention_on_top, _no_discount),
        section="Customer lifetime value",
        variants=(
            Variant(
                "This is a consumer's CLV; the question asks about a business account.",
                lambda: _expected_clv("consumer"),
                name="consumer_clv",
            ),
        ),
    ),
    Exercise(
        id="8.6",
        chapter=CHAPTER,
        title="Do loss-makers turn profitable?",
        variable="loss_to_profit",
        points=3,
        expected=_expected_turned,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Take each customer's profit in 2024 and in 2025 (tiers.year_profitability).",
            "Of the customers with a 2024 profit below 0, the share with a 2025 profit of 0 or "
            "more; those who bought nothing in 2025 stay in the denominator.",
        ),
        diagnoses=(_stayers_only, _wrong_row),
        section="Keep the unprofitable customers?",
        variants=(
            Variant(
                "This is the share among consumers only; the question asks about every customer.",
                lambda: _expected_turned("consumer"),
                name="consumers_only",
            ),
        ),
    ),
    Exercise(
        id="8.7",
        chapter=CHAPTER,
        title="Does breadth go with staying?",
        variable="breadth_gap",
        points=2,
        expected=_expected_breadth,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Breadth: different categories bought in the first 90 days. Retained: an order 366-730 "
            "days after the first one; only customers whose first order is two years old count.",
            "Answer = second-year retention of breadth 4 or more - that of breadth 1, as a fraction.",
        ),
        diagnoses=(_lifetime_breadth, _young_included),
        section="Switching costs and cross-selling",
    ),
    Exercise(
        id="8.8",
        chapter=CHAPTER,
        title="How far does constant retention miss?",
        variable="constant_miss",
        points=3,
        expected=_expected_constant_miss,
        data_free=True,
        compare=compare.scalar(rel_tol=1e-2, abs_tol=1e-4),
        hints=(
            "Fit on years 1-7 of the regular cohort, project to year 12 with one retention rate "
            "for everyone (models.constant_retention_projection).",
            "Answer = projected share surviving at year 12 - actual share (as fractions).",
        ),
        diagnoses=(_miss_reversed, _sbg_miss, _year_one_rate),
        section="Contractual retention: the sBG model",
        variants=(
            Variant(
                "This is the high-end cohort; the question asks about the regular one.",
                lambda: _expected_constant_miss("high_end"),
                name="high_end",
            ),
        ),
    ),
    Exercise(
        id="8.9",
        chapter=CHAPTER,
        title="Does the CLV ranking find the spenders?",
        variable="clv_capture",
        points=3,
        expected=_expected_capture,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Fit the BG/NBD and Gamma-Gamma models on the calibration summary and take each "
            "customer's CLV for the next 52 weeks (models.customer_lifetime_value).",
            "Take the top 10% of customers by CLV (len // 10 of them); the answer is their share of "
            "all holdout spending, frequency_holdout x monetary_holdout summed.",
        ),
        diagnoses=(_customers_not_spend, _calibration_spend),
        section="Spend and value per customer: the Gamma-Gamma model",
        variants=(
            Variant(
                "This is the capture of the top 10% by RFM score; the question ranks by CLV.",
                lambda: _expected_capture("rfm"),
                name="ranked_by_rfm",
            ),
            Variant(
                "This ranks customers by expected purchases, not by CLV (purchases x spend).",
                lambda: _expected_capture("purchases"),
                name="ranked_by_purchases",
            ),
        ),
    ),
    Exercise(
        id="8.10",
        chapter=CHAPTER,
        title="Lost, or only resting?",
        variable="resting_consumers",
        points=3,
        expected=_expected_resting,
        compare=compare.scalar(rel_tol=0, abs_tol=0.5),
        hints=(
            "Fit the BG/NBD model on the consumers' repeat summary (weeks, to 2025-12-31) and "
            "take each consumer's P(alive).",
            "Lost = no order in the last 180 days. Count the lost consumers with at least one repeat "
            "purchase and a P(alive) of 0.5 or more.",
        ),
        diagnoses=(_one_timers_included, _all_alive_counted, _gone_counted),
        section="Jade Leaf's consumers: who is still alive?",
        variants=(
            Variant(
                "This count uses a 365-day lost rule; chapter 01's rule is 180 days.",
                lambda: _expected_resting("consumer", 365),
                name="lost_after_365",
            ),
        ),
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
