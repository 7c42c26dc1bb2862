"""Chapter 02, Choosing customers: profitability, the whale curve, scores, value matrix, look-alikes."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, selection
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_series, close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise

CHAPTER = "02"
YEAR_START = "2025-01-01"
EVALUATION_YEARS = (2022, 2024)
PAYMENT_FIRST = {
    "purchase_power": 1,
    "profitability": 1,
    "payment": 3,
    "cost_to_serve": 1,
    "prospects": 1,
}

BIG_CUSTOMER_RISKS = {
    "ninety_day_terms": "financial",  # long terms and late payment: money tied up, bad debt
    "rebate_and_free_service": "profit",  # rebates and free extra service eat the margin
    "cross_region_resale": "management",  # 窜货: reselling into other regions, undercutting prices
    "courted_by_rivals": "churn",  # everyone courts them: they may leave
    "own_brand": "independence",  # learns the trade and sets up on its own
}
RISKS = ("financial", "profit", "management", "churn", "independence")


# --------------------------------------------------------------------------- shared data


@cache
def _profitability() -> pd.DataFrame:
    return selection.customer_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )


@cache
def _established_traits() -> pd.DataFrame:
    lines = data.load_order_lines()
    first = lines.groupby("customer_id")["order_date"].min()
    established = first.index[
        (first <= data.AS_OF - pd.Timedelta(days=730)) & first.index.str.startswith("B")
    ]
    measures = selection.trait_measures(
        _profitability().loc[established], lines, data.load_invoices(), data.load_payments()
    )
    return selection.trait_scores(measures)


@cache
def _year_profitability() -> pd.DataFrame:
    customers = data.load_customers()
    return selection.customer_profitability(
        customers[customers["segment"] == "business"],
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
        start=YEAR_START,
    )


@cache
def _headroom() -> pd.DataFrame:
    return selection.wallet_headroom(data.load_leads(), data.load_order_lines())


def _quadrant_counts(current: pd.Series, potential: pd.Series, mean: bool = False) -> pd.Series:
    splits = (current.mean(), potential.mean()) if mean else (None, None)
    matrix = selection.value_matrix(current, potential, *splits)
    counts = matrix["quadrant"].value_counts().reindex(list(selection.QUADRANTS), fill_value=0)
    return counts.rename("accounts").rename_axis("quadrant").astype("int64")


@cache
def _lookalike() -> tuple[pd.Series, pd.DataFrame, pd.Index, pd.Index]:
    """Similarity of every lead, outcomes, the evaluation leads, and the fair subset."""
    leads = data.load_leads()
    loyal = selection.loyal_accounts(data.load_order_lines())
    loyal_ids = loyal.index[loyal & loyal.index.str.startswith("B")]
    similarity = selection.lookalike_scores(leads, loyal_ids)
    outcomes = selection.lead_outcomes(leads, _profitability()["profit"])
    year = leads["created_date"].dt.year
    evaluated = leads[year.between(*EVALUATION_YEARS)]
    own = evaluated["customer_id"].isin(loyal_ids).fillna(False)
    return (
        similarity,
        outcomes,
        pd.Index(evaluated["lead_id"]),
        pd.Index(evaluated.loc[~own, "lead_id"]),
    )


# --------------------------------------------------------------------------- 2.1


def _risk_money_mixup(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if (
        answer.get("ninety_day_terms") == "profit"
        or answer.get("rebate_and_free_service") == "financial"
    ):
        return (
            "Financial risk is about money arriving late or never (long terms, late payment, bad "
            "debt); profit risk is about money given away (discounts, rebates, free extra service). "
            "Which one is each scenario?"
        )
    return None


def _risk_control_mixup(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("cross_region_resale") in ("churn", "independence") or answer.get(
        "own_brand"
    ) in ("management", "churn"):
        return (
            "Reselling into other regions (窜货) and changing prices without permission are "
            "management risks: the firm loses control of its channel. Setting up on their own is "
            "different: the customer becomes a competitor."
        )
    if answer.get("courted_by_rivals") not in (None, "churn"):
        return "Rivals courting a big customer is about losing it to them: that is churn risk."
    return None


# --------------------------------------------------------------------------- 2.2


def _expected_service_costs() -> pd.DataFrame:
    return _profitability()[list(selection.SERVICE_COMPONENTS)]


def _service_counts(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        return None
    events = data.load_service_events()
    counts = pd.crosstab(events["customer_id"], events["event_type"].astype("string"))
    columns = [column for column in selection.SERVICE_COMPONENTS if column in answer.columns]
    if columns and same_series(
        answer[columns[0]], counts[columns[0]].reindex(expected.index, fill_value=0)
    ):
        return (
            "These are numbers of events. The cost to serve adds up the cost column: "
            "sum cost, not count rows."
        )
    return None


def _service_means(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.DataFrame) or "delivery" not in answer.columns:
        return None
    events = data.load_service_events()
    means = events[events["event_type"] == "delivery"].groupby("customer_id")["cost"].mean()
    if same_series(answer["delivery"], means.reindex(expected.index, fill_value=0.0), rel=1e-4):
        return (
            "These look like average costs per event. Each customer's cost to serve is the total: "
            "use sum, not mean."
        )
    return None


# --------------------------------------------------------------------------- 2.3


def _expected_late_cost() -> pd.Series:
    late = selection.late_payment_costs(data.load_invoices(), data.load_payments())
    return late["paid_late_cost"].rename("late_cost")


def _late_paid(
    with_invoice_amount: bool = False, from_invoice_date: bool = False, clip: bool = True
) -> pd.Series:
    invoices, payments = data.load_invoices(), data.load_payments()
    paid = payments.merge(invoices, on="invoice_id", suffixes=("", "_invoice"))
    start = paid["invoice_date"] if from_invoice_date else paid["due_date"]
    days = (paid["payment_date"] - start).dt.days
    days = days.clip(lower=0) if clip else days
    amount = paid["amount_invoice"] if with_invoice_amount else paid["amount"]
    cost = (amount * selection.COST_OF_CAPITAL * days / 365).groupby(paid["customer_id"]).sum()
    customers = pd.Index(invoices["customer_id"].unique(), name="customer_id")
    return cost.reindex(customers, fill_value=0.0)


def _late_no_clip(answer: Any, expected: Any) -> str | None:
    if close_series(answer / 100 if isinstance(answer, pd.Series) else None, expected):
        return (
            "Your costs are 100 times too large: the rate is 8% a year, which is 0.08 in a "
            "formula, not 8."
        )
    if same_series(answer, _late_paid(clip=False), rel=1e-4):
        return (
            "Early payments made your costs smaller: a payment before the due date has negative "
            "days late. Money paid on time costs nothing, so clip the days at 0 (.clip(lower=0))."
        )
    return None


def _late_from_invoice_date(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _late_paid(from_invoice_date=True), rel=1e-4):
        return (
            "You counted days from the invoice date. The customer may keep the money until the "
            "due date (its payment terms); only the days after the due date are late."
        )
    if same_series(answer, _late_paid(with_invoice_amount=True), rel=1e-4):
        return (
            "You used the invoice amount on every payment row, so invoices paid in two halves "
            "count twice. Use each payment's own amount."
        )
    return None


# --------------------------------------------------------------------------- 2.4


def _expected_top20_share() -> float:
    return selection.top_share(_profitability()["profit"], 0.2)


def _top20_wrong_ranking(answer: Any, expected: Any) -> str | None:
    table = _profitability()
    count = round(0.2 * len(table))
    by_revenue = table.sort_values("revenue", ascending=False)["profit"].iloc[:count].sum()
    by_gross = selection.top_share(table["gross_profit"], 0.2)
    if close_to(answer, by_revenue / table["profit"].sum(), rel=1e-3) or close_to(
        answer, by_gross, rel=1e-3
    ):
        return (
            "Your share stays below 100%: did you rank customers by revenue, or use gross profit? "
            "The whale curve ranks customers by profit after the cost to serve (the profit "
            "column), largest first, and adds up that same profit."
        )
    return None


def _top20_wrong_group(answer: Any, expected: Any) -> str | None:
    table = _profitability()
    business = table[table.index.str.startswith("B")]
    if close_to(answer, selection.top_share(business["profit"], 0.2), rel=1e-3):
        return "You used business accounts only. The question is about all customers, consumers included."
    top20 = table["profit"].nlargest(20).sum() / table["profit"].sum()
    if close_to(answer, top20, rel=1e-3):
        return (
            "You took the top 20 customers. The question asks for the top 20 percent: "
            "round(0.2 * number of customers) of them."
        )
    return None


# --------------------------------------------------------------------------- 2.5


def _expected_losing_giants() -> set[str]:
    top = _profitability().nlargest(10, "revenue")
    return set(top.index[top["profit"] < 0])


def _giants_gross_profit(answer: Any, expected: Any) -> str | None:
    try:
        members = set(answer)
    except TypeError:
        return None
    if not members:
        return (
            "An empty answer: did you use gross profit? Every large account has a positive gross "
            "profit; the losses appear only after the cost to serve (returns, visits, rebates, "
            "late payment, bad debt). Use the profit column."
        )
    return None


def _giants_biggest_losers(answer: Any, expected: Any) -> str | None:
    try:
        members = set(answer)
    except TypeError:
        return None
    table = _profitability()
    top20 = table.nlargest(20, "revenue")
    if members == set(top20.index[top20["profit"] < 0]):
        return "You looked at the 20 largest accounts. The question is about the 10 largest by revenue."
    losers = set(table.nsmallest(10, "profit").index)
    if members == losers or (members and members <= losers and not members <= expected):
        return (
            "These are the ten biggest losses. The question starts from the ten largest accounts "
            "by revenue, and asks which of them lose money."
        )
    return None


# --------------------------------------------------------------------------- 2.6


def _expected_top10_payment_first() -> list[str]:
    return list(selection.top_customers(_established_traits(), PAYMENT_FIRST, 10).index)


def _top10_equal_weights(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, list | tuple | pd.Index | pd.Series):
        return None
    members = list(answer)
    equal = list(selection.top_customers(_established_traits(), None, 10).index)
    if members == equal:
        return (
            "This is the top 10 with equal weights. Give payment a weight of 3 and every other "
            "trait a weight of 1."
        )
    score = selection.good_customer_score(_established_traits(), PAYMENT_FIRST)
    worst = list(score.sort_values(kind="stable").index[:10])
    if members == worst or set(members) == set(worst):
        return "These are the 10 lowest scores. Sort the scores largest first (ascending=False)."
    return None


def _top10_raw_days(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, list | tuple | pd.Index | pd.Series):
        return None
    if set(answer) and not set(answer) <= set(_established_traits().index):
        return (
            "Some of your customers are not established accounts. Score only the accounts in the "
            "`traits` table (business accounts buying for at least two years)."
        )
    return None


# --------------------------------------------------------------------------- 2.7


def _matrix_inputs(all_accounts: bool = False) -> tuple[pd.Series, pd.Series]:
    year = _year_profitability()
    accounts = year.index if all_accounts else year.index[year["revenue"] > 0]
    accounts = accounts.intersection(_headroom().index, sort=False)
    return year.loc[accounts, "profit"], _headroom().loc[accounts, "headroom"]


def _expected_quadrant_counts() -> pd.Series:
    return _quadrant_counts(*_matrix_inputs())


def _quadrants_mean_split(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _quadrant_counts(*_matrix_inputs(), mean=True)):
        return (
            "You split at the means. A few very large accounts pull the mean up; this chapter "
            "splits each axis at its median, so half the accounts are high on each axis."
        )
    current, potential = _matrix_inputs()
    year = _year_profitability()
    for column in ("revenue", "gross_profit"):
        if same_series(answer, _quadrant_counts(year.loc[current.index, column], potential)):
            return (
                f"You used {column.replace('_', ' ')} as the current value. Current value here is "
                "what the account earned the firm in 2025: its profit after the cost to serve."
            )
    return None


def _quadrants_all_accounts(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series):
        return None
    try:
        total = int(answer.sum())
    except (TypeError, ValueError):
        return None
    everyone = len(_year_profitability())
    if total == everyone and total != int(expected.sum()):
        return (
            "You placed every business account, including those that bought nothing in 2025. "
            "The matrix is for accounts with revenue in the last 12 months."
        )
    return None


# --------------------------------------------------------------------------- 2.8


def _lift(ids: pd.Index, outcome: str = "converted", band: int = 1) -> float:
    similarity, outcomes, _, _ = _lookalike()
    table = selection.lift_table(similarity.loc[ids], outcomes.loc[ids, outcome], bands=5)
    return float(table.loc[band, "lift"])


def _expected_fair_lift() -> float:
    return _lift(_lookalike()[3])


def _lift_in_sample(answer: Any, expected: Any) -> str | None:
    evaluated = _lookalike()[2]
    if close_to(answer, _lift(evaluated), rel=1e-2) and not close_to(answer, expected, rel=1e-2):
        return (
            "You kept the loyal accounts' own leads. They built the profile and all of them "
            "converted, so they flatter the check. Leave them out, then compute the lift."
        )
    fair = _lookalike()[3]
    if close_to(answer, _lift(fair, band=5), rel=1e-2):
        return "That is the lift of the least similar band (band 5). The question asks for the top band."
    return None


def _lift_rate_or_outcome(answer: Any, expected: Any) -> str | None:
    similarity, outcomes, _, fair = _lookalike()
    table = selection.lift_table(similarity.loc[fair], outcomes.loc[fair, "converted"], bands=5)
    if close_to(answer, table.loc[1, "rate"], rel=1e-2):
        return (
            "That is the top band's conversion rate. Lift divides it by the conversion rate of "
            "all the leads checked."
        )
    if close_to(answer, _lift(fair, outcome="high_value"), rel=1e-2):
        return "That is the lift for becoming high-value. The question asks about converting (status won)."
    return None


EXERCISES = [
    Exercise(
        id="2.1",
        chapter=CHAPTER,
        title="The five risks of a big customer",
        variable="big_customer_risks",
        points=2,
        expected=lambda: dict(BIG_CUSTOMER_RISKS),
        data_free=True,
        compare=compare.mapping(what="scenarios"),
        hints=(
            "The five risks: financial (money late or never), profit (money given away), "
            "management (loss of control over prices and channels), churn (they leave) and "
            "independence (they set up on their own).",
            "Ask of each scenario: is the firm waiting for money, giving money away, losing control, "
            "losing the customer, or gaining a competitor?",
        ),
        diagnoses=(_risk_money_mixup, _risk_control_mixup),
        section="A big customer is not necessarily a good one",
    ),
    Exercise(
        id="2.2",
        chapter=CHAPTER,
        title="Cost to serve by event type",
        variable="service_costs",
        points=2,
        expected=_expected_service_costs,
        compare=compare.frame(rel_tol=1e-6, abs_tol=0.02),
        hints=(
            "Sum the cost column of service_events per customer and event type.",
            "events.pivot_table(index='customer_id', columns='event_type', values='cost', "
            "aggfunc='sum', fill_value=0, observed=True) gives the table.",
            "Then reindex rows to customers['customer_id'] and columns to "
            "list(selection.SERVICE_COMPONENTS), with fill_value=0.",
        ),
        diagnoses=(_service_counts, _service_means),
        section="Customer profitability",
    ),
    Exercise(
        id="2.3",
        chapter=CHAPTER,
        title="The cost of capital of late payment",
        variable="late_cost",
        points=3,
        expected=_expected_late_cost,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.05),
        hints=(
            "Merge payments with invoices on invoice_id to get each payment's customer_id and due_date.",
            "Days late = (payment_date - due_date).dt.days, clipped at 0. Cost = amount x 0.08 x days late / 365.",
            "Sum per customer_id and reindex to invoices['customer_id'].unique() with fill_value=0.",
        ),
        diagnoses=(_late_no_clip, _late_from_invoice_date),
        section="Customer profitability",
    ),
    Exercise(
        id="2.4",
        chapter=CHAPTER,
        title="Profit share of the top 20%",
        variable="top20_share",
        points=2,
        expected=_expected_top20_share,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Sort profitability['profit'] from largest to smallest.",
            "The top 20% is the first round(0.2 * len(profit)) customers; divide their total by the "
            "total of all customers.",
        ),
        diagnoses=(_top20_wrong_ranking, _top20_wrong_group),
        section="The whale curve",
    ),
    Exercise(
        id="2.5",
        chapter=CHAPTER,
        title="Which of the ten largest accounts lose money?",
        variable="losing_giants",
        points=2,
        expected=_expected_losing_giants,
        compare=compare.set_of(what="accounts"),
        hints=(
            "profitability.nlargest(10, 'revenue') gives the ten largest accounts.",
            "Keep those whose profit (after the cost to serve) is below 0, and collect their ids in a set.",
        ),
        diagnoses=(_giants_gross_profit, _giants_biggest_losers),
        section="The whale curve",
    ),
    Exercise(
        id="2.6",
        chapter=CHAPTER,
        title="Top 10 when payment counts three times",
        variable="top10_payment_first",
        points=2,
        expected=_expected_top10_payment_first,
        compare=compare.sequence(what="accounts"),
        hints=(
            "Weights: payment 3, every other trait 1. The score is the weighted average of the trait "
            "scores: sum of weight x trait, divided by the sum of the weights.",
            "selection.good_customer_score(traits, weights) computes it; sort it largest first "
            "(kind='stable') and take the first 10 ids as a list.",
        ),
        diagnoses=(_top10_equal_weights, _top10_raw_days),
        section="A good-customer score",
    ),
    Exercise(
        id="2.7",
        chapter=CHAPTER,
        title="Accounts in each quadrant of the value matrix",
        variable="quadrant_counts",
        points=3,
        expected=_expected_quadrant_counts,
        compare=compare.series(),
        hints=(
            "Accounts: business accounts with revenue in 2025 (year_profit['revenue'] > 0). Current "
            "value: their 2025 profit; potential: their headroom.",
            "High = strictly above the median of that axis. lead = low/low, promising = low current "
            "and high potential, mature = high current and low potential, star = high/high.",
            "Count the accounts per quadrant and reindex to list(selection.QUADRANTS).",
        ),
        diagnoses=(_quadrants_mean_split, _quadrants_all_accounts),
        section="The customer relative value matrix",
    ),
    Exercise(
        id="2.8",
        chapter=CHAPTER,
        title="An honest lift for the look-alike score",
        variable="fair_lift",
        points=3,
        expected=_expected_fair_lift,
        compare=compare.scalar(rel_tol=1e-2),
        hints=(
            "Start from the leads created in 2022-2024 and drop those whose customer_id is one of the "
            "loyal accounts (they built the profile).",
            "Sort the rest by similarity, largest first, and take the top fifth (the first "
            "ceil(len / 5) leads). Lift = their conversion rate / the conversion rate of all the leads checked.",
            "selection.lift_table(similarity, converted, bands=5).loc[1, 'lift'] does the cutting for you.",
        ),
        diagnoses=(_lift_in_sample, _lift_rate_or_outcome),
        section="Look-alike targeting",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
