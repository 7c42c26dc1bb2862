"""Chapter 02, Choosing customers: profitability, the whale curve, a match in size, scores, matrix, look-alikes."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, selection
from crmkit.exercises import compare
from crmkit.exercises.alternatives import as_text_set, close_series, close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

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
BIG_SHARE = 0.01  # 门当户对: an account bringing more than 1% of the firm's revenue is big for it

BIG_CUSTOMER_RISKS = {
    "ninety_day_terms": "financial",  # long terms and late payment: money tied up, bad debt
    "rebate_and_free_service": "profit",  # rebates and free extra service eat the margin
    "cross_region_resale": "management",  # 窜货: reselling into other regions, undercutting prices
    "courted_by_rivals": "churn",  # everyone courts them: they may leave
    "own_brand": "independence",  # 另起炉灶: learns the trade and sets up on its own
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


def _established(high_margin: float | None = selection.HIGH_MARGIN) -> pd.DataFrame:
    lines = data.load_order_lines()
    first = lines.groupby("customer_id")["order_date"].min()
    established = first.index[
        (first <= data.AS_OF - pd.Timedelta(days=730)) & first.index.str.startswith("B")
    ]
    measures = selection.trait_measures(
        _profitability().loc[established],
        lines,
        data.load_invoices(),
        data.load_payments(),
        high_margin=high_margin,
    )
    return selection.trait_scores(measures)


@cache
def _established_traits() -> pd.DataFrame:
    """The lesson's ``traits``: purchase power counts the share of high-margin products."""
    return _established()


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


@cache
def _match() -> pd.DataFrame:
    return selection.size_match(
        _profitability(), data.load_customers(), data.load_invoices(), data.load_payments()
    )


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


def _as_percent(answer: Any, expected: Any) -> str | None:
    """A share given in percent (x100) where a fraction is asked."""
    if close_to(answer, expected * 100, rel=1e-3):
        return (
            "Your share looks like a percentage. Give it as a fraction of the total: 1.0 means "
            "100%, so divide by the total and do not multiply by 100."
        )
    return None


# --------------------------------------------------------------------------- 2.1


def _risk_labels(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    odd = [key for key, value in answer.items() if key in expected and value not in RISKS]
    if not odd:
        return None
    texts = [str(answer[key]).strip().lower() for key in odd]
    if all(text.removesuffix(" risk").removesuffix("_risk") in RISKS for text in texts):
        return (
            "Some labels are written differently from the ones asked for: use the five labels "
            "exactly as given, in lower case and without the word 'risk'."
        )
    return (
        f"{len(odd)} of your labels are not one of the five risks. Label every scenario with "
        f"one of: {', '.join(map(repr, RISKS))}."
    )


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
            "management risks: the firm loses control of its channel. Setting up on their own "
            "(另起炉灶) is different: the customer becomes a competitor."
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


def _service_wide_or_long(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and isinstance(answer.index, pd.MultiIndex):
        return (
            "This is a long Series, one row per customer and event type. The question asks for a "
            "table: customers as rows, event types as columns (pivot_table or .unstack())."
        )
    if isinstance(answer, pd.DataFrame) and set(selection.SERVICE_COMPONENTS) <= set(answer.index):
        return "Rows and columns are swapped: customers go in the rows, event types in the columns."
    return None


# --------------------------------------------------------------------------- 2.3


def _expected_late_cost(column: str = "paid_late_cost", late_only: bool = False) -> pd.Series:
    late = selection.late_payment_costs(data.load_invoices(), data.load_payments())
    if late_only:
        late = late[late["paid_late_cost"] > 0]
    return late[column].rename("late_cost")


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
    if close_series(answer * 365 if isinstance(answer, pd.Series) else None, expected):
        return (
            "Your costs are 365 times too small: 8% is a yearly rate, so multiply by the days late "
            "and divide by 365 once, not twice."
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


# --------------------------------------------------------------------------- 2.4 and 2.5


def _top20(
    without: tuple[str, ...] = (), business_only: bool = False, count: int | None = None
) -> float:
    """The top 20% share of profit, with the cost components ``without`` left out."""
    table = _profitability()
    if business_only:
        table = table[table.index.str.startswith("B")]
    profit = selection.profit_without(table, list(without)) if without else table["profit"]
    if count is None:
        return selection.top_share(profit, 0.2)
    return float(profit.nlargest(count).sum() / profit.sum())


PAYMENT_COSTS = tuple(selection.PAYMENT_COMPONENTS)


def _top20_wrong_ranking(answer: Any, expected: Any) -> str | None:
    table = _profitability()
    count = round(0.2 * len(table))
    by_revenue = table.sort_values("revenue", ascending=False)["profit"].iloc[:count].sum()
    by_gross = selection.top_share(table["gross_profit"], 0.2)
    by_sales = selection.top_share(table["revenue"], 0.2)
    if any(
        close_to(answer, x, rel=1e-3)
        for x in (by_revenue / table["profit"].sum(), by_gross, by_sales)
    ):
        return (
            "Did you rank customers by revenue, or use gross profit? The whale curve ranks "
            "customers by their profit after the cost to serve, largest first, and adds up that "
            "same profit."
        )
    if close_to(answer, table["profit"].nsmallest(count).sum() / table["profit"].sum(), rel=1e-3):
        return "That is the bottom 20%. Sort the profit largest first (ascending=False)."
    return None


def _share_mistake(answer: Any, profit: pd.Series) -> str | None:
    count = round(0.2 * len(profit))
    top = profit.nlargest(count).sum()
    if close_to(answer, top, rel=1e-3):
        return (
            "This is the top 20%'s profit in CNY. Divide it by the total profit of all customers."
        )
    if close_to(answer, top / profit.clip(lower=0).sum(), rel=1e-3):
        return (
            "You divided by the profit of the profitable customers only. The share is of the total "
            "profit of all customers, loss-makers included: that is why it can pass 100%."
        )
    return None


def _top20_share_of_what(answer: Any, expected: Any) -> str | None:
    return _share_mistake(answer, _profitability()["profit"])


def _simple_share_of_what(answer: Any, expected: Any) -> str | None:
    return _share_mistake(answer, selection.profit_without(_profitability()))


def _simple_subtracted(answer: Any, expected: Any) -> str | None:
    table = _profitability()
    twice = table["profit"] - table["late_payment_cost"] - table["bad_debt"]
    if twice.sum() > 0 and close_to(answer, selection.top_share(twice, 0.2), rel=1e-3):
        return (
            "You subtracted late payment and bad debt from profit, but profit already has them "
            "taken off. Leaving them out means adding them back."
        )
    return None


# --------------------------------------------------------------------------- 2.6


def _expected_losing_giants(count: int = 10) -> set[str]:
    top = _profitability().nlargest(count, "revenue")
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
    members = as_text_set(answer)
    if members is None:
        return None
    table = _profitability()
    losers = set(table.nsmallest(10, "profit").index)
    if members == losers or (members and members <= losers and not members <= expected):
        return (
            "These are the ten biggest losses. The question starts from the ten largest accounts "
            "by revenue, and asks which of them lose money."
        )
    if members == set(table.nlargest(10, "profit").index):
        return "These are the ten most profitable accounts. Start from the ten largest by revenue."
    top = table.nlargest(10, "revenue")
    if members == set(top.index[top["profit"] >= 0]):
        return "These are the profitable ones among the ten largest. The question asks for those below 0."
    return None


# --------------------------------------------------------------------------- 2.7


def _expected_poor_matches(rule: str = "both", big_share: float = BIG_SHARE) -> set[str]:
    match = _match()
    big = match["revenue_share"] > big_share
    over = match["over_limit"]
    chosen = {"both": big & over, "either": big | over, "big": big, "over": over}[rule]
    return set(match.index[chosen])


def _match_percent_threshold(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and not members:
        return (
            "An empty set: revenue_share is a fraction of the firm's revenue (0.01 = 1%), so "
            "compare it with 0.01, not with 1."
        )
    return None


def _match_losers(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if not members:
        return None
    match = _match()
    if not members <= set(match.index):
        return (
            "Some of your ids are not accounts on credit terms. Use the rows of the `match` "
            "table (business accounts with a credit limit)."
        )
    big = match[match["revenue_share"] > BIG_SHARE]
    if members == set(big.index[big["margin"] < 0]):
        return (
            "These are the big accounts that lose money. The question is about power: big for "
            "Jade Leaf *and* owing it more than the credit limit it set."
        )
    return None


# --------------------------------------------------------------------------- 2.8


def _expected_top10_payment_first(weights: dict[str, int] | None = PAYMENT_FIRST) -> list[str]:
    return list(selection.top_customers(_established_traits(), weights, 10).index)


def _top10_worst_first(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, list | tuple | pd.Index | pd.Series):
        return None
    members = list(answer)
    score = selection.good_customer_score(_established_traits(), PAYMENT_FIRST)
    worst = list(score.sort_values(kind="stable").index[:10])
    if members == worst or set(members) == set(worst):
        return "These are the 10 lowest scores. Sort the scores largest first (ascending=False)."
    if members and set(members) == set(expected) and members != list(expected):
        return (
            "The right accounts, in another order. List them best first: sort by the weighted "
            "score, largest first, with kind='stable'."
        )
    return None


def _top10_raw_days(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, list | tuple | pd.Index | pd.Series):
        return None
    if isinstance(answer, pd.Series) and pd.api.types.is_numeric_dtype(answer):
        return "These are scores. The question asks for the accounts' ids, as a list."
    if set(answer) and not set(answer) <= set(_established_traits().index):
        return (
            "Some of your customers are not established accounts. Score only the accounts in the "
            "`traits` table (business accounts buying for at least two years)."
        )
    return None


# --------------------------------------------------------------------------- 2.9


def _matrix_inputs(all_accounts: bool = False, current: str = "profit") -> tuple[pd.Series, ...]:
    year = _year_profitability()
    accounts = year.index if all_accounts else year.index[year["revenue"] > 0]
    accounts = accounts.intersection(_headroom().index, sort=False)
    return year.loc[accounts, current], _headroom().loc[accounts, "headroom"]


def _expected_quadrant_counts(
    all_accounts: bool = False, current: str = "profit", mean: bool = False
) -> pd.Series:
    return _quadrant_counts(*_matrix_inputs(all_accounts, current), mean=mean)


def _quadrants_old_name(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and "lead" in set(map(str, answer.index)):
        return (
            "Your quadrants use the name 'lead'. In this course the low/low quadrant is called "
            "'marginal' (the book's 铅质客户), so that it is not confused with sales leads: "
            "reindex to list(selection.QUADRANTS)."
        )
    return None


def _quadrants_shares(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series) or not pd.api.types.is_numeric_dtype(answer):
        return None
    if len(answer) == len(expected) and abs(float(answer.sum()) - 1) < 1e-3:
        return "These are shares of the accounts (they add up to 1). The question asks for numbers of accounts."
    return None


# --------------------------------------------------------------------------- 2.10


def _lift(ids: pd.Index, outcome: str = "converted", band: int = 1, column: str = "lift") -> float:
    similarity, outcomes, _, _ = _lookalike()
    table = selection.lift_table(similarity.loc[ids], outcomes.loc[ids, outcome], bands=5)
    return float(table.loc[band, column])


def _expected_fair_lift(in_sample: bool = False, **changes: Any) -> float:
    return _lift(_lookalike()[2 if in_sample else 3], **changes)


def _lift_inverted(answer: Any, expected: Any) -> str | None:
    if close_to(answer, 1 / expected, rel=1e-2):
        return (
            "Your ratio is upside down: lift is the top band's rate divided by the rate of all the "
            "leads checked, so a good band has a lift above 1."
        )
    return None


def _lift_as_rate(answer: Any, expected: Any) -> str | None:
    similarity, outcomes, _, fair = _lookalike()
    overall = outcomes.loc[fair, "converted"].mean()
    if close_to(answer, overall, rel=1e-2):
        return (
            "That is the conversion rate of all the leads checked. Lift divides the top band's "
            "rate by it."
        )
    return None


SAYS = {
    "with_open_balances": "This counts money still unpaid and overdue too. The question asks only for late payments.",
    "late_payers_only": "You kept only the customers who paid late. Keep every customer in invoices, with 0 for the others.",
    "business_only": "You used business accounts only. The question is about all customers, consumers included.",
    "top_20_customers": "You took the top 20 customers. The question asks for the top 20 percent: round(0.2 x customers).",
    "without_payment_costs": "Here late payment and bad debt are left out. This exercise uses profit with every cost assigned.",
    "with_payment_costs": "This is the share with every cost assigned (2.4). Leave out late payment and bad debt first.",
    "late_payment_only": "You left out late payment but still charged bad debt. Leave out both payment costs.",
    "bad_debt_only": "You left out bad debt but still charged the cost of late payment. Leave out both payment costs.",
    "gross_profit": "This is gross profit: you left out the whole cost to serve. Leave out only the payment costs.",
    "twenty_largest": "You looked at the 20 largest accounts. The question is about the 10 largest by revenue.",
    "either_condition": "You kept accounts meeting either condition. A poor match is both at once (&, not |).",
    "big_only": "These are all the big accounts. Keep only those that also owe more than their credit limit.",
    "over_limit_only": "These are all accounts over their credit limit. Keep only those with over 1% of the revenue.",
    "equal_weights": "This is the top 10 with equal weights. Weigh payment 3 and every other trait 1.",
    "payment_only": "This top 10 weighs payment alone. The other four traits still count, 1 each.",
    "mean_split": "You split at the means, which a few large accounts pull up. This chapter splits at the medians.",
    "all_accounts": "You placed every business account. The matrix is for the accounts with revenue in 2025.",
    "revenue_as_value": "You used revenue as the current value. Current value is the 2025 profit after the cost to serve.",
    "gross_profit_as_value": "You used gross profit. Current value is the 2025 profit after the cost to serve.",
    "own_leads_kept": "You kept the loyal accounts' own leads: they built the profile, so they flatter it. Leave them out.",
    "bottom_band": "That is the lift of the least similar band (band 5). The question asks for the top band.",
    "high_value_outcome": "That is the lift for becoming high-value. The question asks about converting (status won).",
    "rate_not_lift": "That is the top band's conversion rate. Lift divides it by the rate of all the leads checked.",
}
"""What each scope variant tells the student (never the expected answer)."""


def _scope(name: str, expected: Any) -> Variant:
    return Variant(SAYS[name], expected, name=name)


EXERCISES = [
    Exercise(
        id="2.1",
        chapter=CHAPTER,
        variable="big_customer_risks",
        points=2,
        title="The five risks of a big customer",
        expected=lambda: dict(BIG_CUSTOMER_RISKS),
        data_free=True,
        compare=compare.mapping(what="scenarios"),
        hints=(
            "The five risks: financial (money late or never), profit (money given away), management (loss of control over "
            "prices and channels), churn (they leave) and independence (they set up on their own, 另起炉灶).",
            "Ask of each scenario: is the firm waiting for money, giving money away, losing control, losing the customer, or "
            "gaining a competitor?",
        ),
        diagnoses=(_risk_labels, _risk_money_mixup, _risk_control_mixup),
        section="A big customer is not necessarily a good one",
    ),
    Exercise(
        id="2.2",
        chapter=CHAPTER,
        variable="service_costs",
        points=1,
        title="Cost to serve by event type",
        expected=_expected_service_costs,
        compare=compare.frame(rel_tol=1e-6, abs_tol=0.02),
        hints=(
            "Sum the cost column of service_events per customer and event type.",
            "events.pivot_table(index='customer_id', columns='event_type', values='cost', aggfunc='sum', fill_value=0, "
            "observed=True) gives the table.",
            "Then reindex rows to customers['customer_id'] and columns to list(selection.SERVICE_COMPONENTS), with "
            "fill_value=0.",
        ),
        diagnoses=(_service_counts, _service_means, _service_wide_or_long),
        section="Customer profitability",
    ),
    Exercise(
        id="2.3",
        chapter=CHAPTER,
        variable="late_cost",
        points=2,
        title="The cost of capital of late payment",
        expected=_expected_late_cost,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.05),
        hints=(
            "Merge payments with invoices on invoice_id to get each payment's customer_id and due_date.",
            "Days late = (payment_date - due_date).dt.days, clipped at 0. Cost = amount x 0.08 x days late / 365.",
            "Sum per customer_id and reindex to invoices['customer_id'].unique() with fill_value=0.",
        ),
        diagnoses=(_late_no_clip, _late_from_invoice_date),
        variants=(
            _scope("with_open_balances", lambda: _expected_late_cost("late_payment_cost")),
            _scope("late_payers_only", lambda: _expected_late_cost(late_only=True)),
        ),
        section="Customer profitability",
    ),
    Exercise(
        id="2.4",
        chapter=CHAPTER,
        variable="top20_share",
        points=1,
        title="Profit share of the top 20%",
        expected=_top20,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Sort profitability['profit'] from largest to smallest.",
            "The top 20% is the first round(0.2 * len(profit)) customers; divide their total by the total of all customers.",
        ),
        diagnoses=(_as_percent, _top20_wrong_ranking, _top20_share_of_what),
        variants=(
            _scope("business_only", lambda: _top20(business_only=True)),
            _scope("top_20_customers", lambda: _top20(count=20)),
            _scope("without_payment_costs", lambda: _top20(PAYMENT_COSTS)),
        ),
        section="The whale curve",
    ),
    Exercise(
        id="2.5",
        chapter=CHAPTER,
        variable="simple_top20_share",
        points=2,
        title="The headline without payment costs",
        expected=lambda: _top20(PAYMENT_COSTS),
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Leaving a cost out means adding it back: profit + late_payment_cost + bad_debt (selection.profit_without does "
            "it).",
            "Rank the customers by that profit, largest first, and divide the top round(0.2 x customers)' total by the total "
            "of all customers.",
        ),
        diagnoses=(_as_percent, _simple_subtracted, _simple_share_of_what),
        variants=(
            _scope("with_payment_costs", _top20),
            _scope("late_payment_only", lambda: _top20(("late_payment_cost",))),
            _scope("bad_debt_only", lambda: _top20(("bad_debt",))),
            _scope(
                "gross_profit", lambda: selection.top_share(_profitability()["gross_profit"], 0.2)
            ),
        ),
        section="The whale curve",
    ),
    Exercise(
        id="2.6",
        chapter=CHAPTER,
        variable="losing_giants",
        points=1,
        title="Which of the ten largest accounts lose money?",
        expected=_expected_losing_giants,
        compare=compare.set_of(what="accounts"),
        hints=(
            "profitability.nlargest(10, 'revenue') gives the ten largest accounts.",
            "Keep those whose profit (after the cost to serve) is below 0, and collect their ids in a set.",
        ),
        diagnoses=(_giants_gross_profit, _giants_biggest_losers),
        variants=(_scope("twenty_largest", lambda: _expected_losing_giants(20)),),
        section="The whale curve",
    ),
    Exercise(
        id="2.7",
        chapter=CHAPTER,
        variable="poor_matches",
        points=2,
        title="A poor match in size and power",
        expected=_expected_poor_matches,
        compare=compare.set_of(what="accounts"),
        hints=(
            "Both conditions at once: big for Jade Leaf (revenue_share above 0.01) and owing more than the credit limit "
            "(over_limit).",
            "match.index[(match['revenue_share'] > 0.01) & match['over_limit']] gives the ids; make a set of them.",
        ),
        diagnoses=(_match_percent_threshold, _match_losers),
        variants=(
            _scope("either_condition", lambda: _expected_poor_matches("either")),
            _scope("big_only", lambda: _expected_poor_matches("big")),
            _scope("over_limit_only", lambda: _expected_poor_matches("over")),
        ),
        section="A match in size and power",
    ),
    Exercise(
        id="2.8",
        chapter=CHAPTER,
        variable="top10_payment_first",
        points=2,
        title="Top 10 when payment counts three times",
        expected=_expected_top10_payment_first,
        compare=compare.sequence(what="accounts"),
        hints=(
            "Weights: payment 3, every other trait 1. The score is the weighted average of the trait scores: sum of weight x "
            "trait, divided by the sum of the weights.",
            "selection.good_customer_score(traits, weights) computes it; sort it largest first (kind='stable') and take the "
            "first 10 ids as a list.",
        ),
        diagnoses=(_top10_worst_first, _top10_raw_days),
        variants=(
            _scope("equal_weights", lambda: _expected_top10_payment_first(None)),
            _scope("payment_only", lambda: _expected_top10_payment_first({"payment": 1})),
        ),
        section="A good-customer score",
    ),
    Exercise(
        id="2.9",
        chapter=CHAPTER,
        variable="quadrant_counts",
        points=2,
        title="Accounts in each quadrant of the value matrix",
        expected=_expected_quadrant_counts,
        compare=compare.series(),
        hints=(
            "Accounts: business accounts with revenue in 2025 (year_profit['revenue'] > 0). Current value: their 2025 profit;"
            " potential: their headroom.",
            "High = strictly above the median of that axis. marginal = low/low, promising = low current and high potential, "
            "mature = high current and low potential, star = high/high.",
            "Count the accounts per quadrant and reindex to list(selection.QUADRANTS).",
        ),
        diagnoses=(_quadrants_old_name, _quadrants_shares),
        variants=(
            _scope("mean_split", lambda: _expected_quadrant_counts(mean=True)),
            _scope("all_accounts", lambda: _expected_quadrant_counts(all_accounts=True)),
            _scope("revenue_as_value", lambda: _expected_quadrant_counts(current="revenue")),
            _scope(
                "gross_profit_as_value", lambda: _expected_quadrant_counts(current="gross_profit")
            ),
        ),
        section="The customer relative value matrix",
    ),
    Exercise(
        id="2.10",
        chapter=CHAPTER,
        variable="fair_lift",
        points=3,
        title="An honest lift for the look-alike score",
        expected=_expected_fair_lift,
        compare=compare.scalar(rel_tol=1e-2),
        hints=(
            "Start from the leads created in 2022-2024 and drop those whose customer_id is one of the loyal accounts (they "
            "built the profile).",
            "Sort the rest by similarity, largest first, and take the top fifth (the first ceil(len / 5) leads). Lift = their"
            " conversion rate / the conversion rate of all the leads checked.",
            "selection.lift_table(similarity, converted, bands=5).loc[1, 'lift'] does the cutting for you.",
        ),
        diagnoses=(_lift_inverted, _lift_as_rate),
        variants=(
            _scope("own_leads_kept", lambda: _expected_fair_lift(in_sample=True)),
            _scope("bottom_band", lambda: _expected_fair_lift(band=5)),
            _scope("high_value_outcome", lambda: _expected_fair_lift(outcome="high_value")),
            _scope("rate_not_lift", lambda: _expected_fair_lift(column="rate")),
        ),
        section="Look-alike targeting",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
