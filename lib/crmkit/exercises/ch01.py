"""Chapter 01, Recognising customers: states, value components, lifecycle stages."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import data, value
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series, same_values
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise

CHAPTER = "01"
EXAMPLE_ACCOUNT = "B040"
NAMED_IDS = (EXAMPLE_ACCOUNT, "B204", "B301")
"""Ids the exercises and the lesson's code name: grading's twin data must have them (with orders)."""

INTERNAL_SCENARIOS = {
    "sales_director": "hierarchical",  # receives your weekly account report: your superior
    "sales_team_for_it": "functional",  # IT keeps the CRM system running for the sales team
    "packing_line": "process",  # receives blended tea from the blending line, the step before
    "billing_clerk": "workflow",  # gets each confirmed order from the order desk, the next desk in the flow
}


def _states(lost_after_days: int = 180) -> pd.DataFrame:
    return value.classify_states(
        data.load_customers(),
        data.load_order_lines(),
        data.load_leads(),
        lost_after_days=lost_after_days,
    )


def _components() -> pd.DataFrame:
    return value.value_components(
        data.load_customers(), data.load_order_lines(), data.load_communications()
    )


def _internal_mixups(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("packing_line") == "workflow" or answer.get("billing_clerk") == "process":
        return (
            "Process (工序) customers are the next step in making the product; workflow (流程) "
            "customers are the next desk in handling an order or a service. Which one is the "
            "packing line, and which the billing clerk?"
        )
    if answer.get("sales_team_for_it") == "hierarchical":
        return (
            "IT and sales are not above or below each other: they are departments serving each "
            "other's functions."
        )
    return None


def _expected_last_purchase() -> pd.Series:
    return value.last_purchase(data.load_order_lines())


def _used_first_purchase(answer: Any, expected: Any) -> str | None:
    first = data.load_order_lines().groupby("customer_id")["order_date"].min()
    if same_series(answer, first):
        return "These are first purchases (.min()). A customer's state depends on the most recent one: .max()."
    return None


def _expected_state_counts() -> pd.Series:
    return value.state_counts(_states())


def _state_counts_wrong_rule(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series):
        return None
    for days in (90, 365):
        if same_series(answer, value.state_counts(_states(days))):
            return (
                f"Your counts follow a 'lost after {days} days' rule. This chapter's rule is "
                "180 days without a purchase."
            )
    customers_only = expected.copy()
    customers_only[["non_customer", "potential", "target"]] = 0
    if same_series(answer.reindex(expected.index).fillna(0), customers_only):
        return (
            "You counted customers only. Non-customers, potential and target customers come "
            "from the leads table: leads that did not become customers."
        )
    return None


def _expected_gross_profit() -> pd.Series:
    return _components()["gross_profit"]


def _gross_profit_mistakes(answer: Any, expected: Any) -> str | None:
    components = _components()
    if same_series(answer, components["revenue"]):
        return (
            "These are revenues. Gross profit subtracts the cost of goods: revenue - cost_of_goods."
        )
    lines = data.load_order_lines()
    list_value = (
        (lines["quantity"] * lines["unit_price"] - lines["cost_of_goods"])
        .groupby(lines["customer_id"])
        .sum()
    )
    if same_series(answer, list_value.reindex(expected.index)):
        return (
            "You used quantity x list price, which ignores the discounts customers got. "
            "Use the revenue column (after discounts) minus cost_of_goods."
        )
    return None


def _expected_referrals() -> pd.Series:
    return _components()["referrals"]


def _referrals_missing_zeros(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and len(answer) < len(expected) and len(answer) > 0:
        return (
            "Your Series lists only customers who referred someone. Every customer needs a "
            "value, 0 for those who referred nobody: .reindex(customers['customer_id'], fill_value=0)."
        )
    return None


def _expected_overlap() -> int:
    return value.top_overlap(_components(), "revenue", "feedback", n=20)


def _overlap_wrong_pair(answer: Any, expected: Any) -> str | None:
    if close_to(
        answer, value.top_overlap(_components(), "revenue", "gross_profit", n=20)
    ) and not close_to(answer, expected):
        return "That is the overlap between revenue and gross profit. The question compares revenue with feedback."
    if close_to(answer, 20):
        return "20 would mean the two top-20 lists are identical. Compare the two sets of customer ids with &."
    return None


def _expected_account_spend() -> pd.Series:
    spend = value.monthly_spend(data.load_order_lines())[EXAMPLE_ACCOUNT].dropna()
    return spend.rename(EXAMPLE_ACCOUNT)


def _spend_missing_zero_months(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, pd.Series):
        return None
    if len(answer) < len(expected) and same_values(answer, expected[expected > 0]):
        return (
            "Months without orders are missing. A lifecycle needs every month, with 0 where the "
            "account bought nothing: reindex to all months from the first one to December 2025."
        )
    if len(answer) > len(expected):
        return (
            "Your Series starts before the account's first order. Start at its first order month."
        )
    return None


def _expected_business_stages() -> pd.Series:
    stages = value.lifecycle_stages(data.load_order_lines())
    business = stages[stages.index.str.startswith("B")]
    counts = business["stage"].value_counts().reindex(value.STAGES, fill_value=0)
    return counts.rename("accounts").rename_axis("stage").astype("int64")


def _stages_included_consumers(answer: Any, expected: Any) -> str | None:
    stages = value.lifecycle_stages(data.load_order_lines())
    everyone = stages["stage"].value_counts().reindex(value.STAGES, fill_value=0)
    if same_series(answer, everyone.astype("int64")):
        return "You counted consumers too. The question is about business accounts (ids starting with B)."
    return None


EXERCISES = [
    Exercise(
        id="1.1",
        chapter=CHAPTER,
        title="Which kind of internal customer?",
        variable="internal_kinds",
        points=2,
        expected=lambda: dict(INTERNAL_SCENARIOS),
        data_free=True,
        compare=compare.mapping(what="scenarios"),
        hints=(
            "Four kinds: hierarchical (职级, above or below you), functional (职能, departments serving "
            "each other), process (工序, the next production step), workflow (流程, the next desk in a "
            "business or service process).",
            "Ask of each scenario: is it about rank, a support function, making the product, or handling paperwork?",
        ),
        diagnoses=(_internal_mixups,),
        section="Internal and external customers",
    ),
    Exercise(
        id="1.2",
        chapter=CHAPTER,
        title="Gross profit per customer",
        variable="gross_profit",
        points=2,
        expected=_expected_gross_profit,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.01),
        hints=(
            "Gross profit of a line = revenue - cost_of_goods.",
            "Sum per customer with groupby, and give customers with no orders a 0 (there are none here, but "
            "reindex to all customers anyway).",
        ),
        diagnoses=(_gross_profit_mistakes,),
        section="What a customer is worth",
    ),
    Exercise(
        id="1.3",
        chapter=CHAPTER,
        title="Referrals brought by each customer",
        variable="referrals",
        points=2,
        expected=_expected_referrals,
        compare=compare.series(),
        hints=(
            "A referred customer names the referrer in the referred_by column.",
            "customers['referred_by'].value_counts() counts referrals per referrer.",
            "Reindex to every customer_id with fill_value=0.",
        ),
        diagnoses=(_referrals_missing_zeros,),
        section="What a customer is worth",
    ),
    Exercise(
        id="1.4",
        chapter=CHAPTER,
        title="Top by revenue, top by feedback",
        variable="overlap_revenue_feedback",
        points=2,
        expected=_expected_overlap,
        compare=compare.scalar(),
        hints=(
            "Take the 20 customers with the most revenue, and the 20 with the most feedback messages.",
            "components['revenue'].nlargest(20).index gives the first list; build a set of each.",
            "len(set_a & set_b) counts customers in both.",
        ),
        diagnoses=(_overlap_wrong_pair,),
        section="What a customer is worth",
    ),
    Exercise(
        id="1.5",
        chapter=CHAPTER,
        title="Each customer's last purchase",
        variable="last_purchase",
        points=1,
        expected=_expected_last_purchase,
        compare=compare.series(),
        hints=(
            "Group the order lines by customer_id.",
            "order_lines.groupby('customer_id')['order_date'].max()",
        ),
        diagnoses=(_used_first_purchase,),
        section="Customer states",
    ),
    Exercise(
        id="1.6",
        chapter=CHAPTER,
        title="How many parties in each state?",
        variable="state_counts",
        points=3,
        expected=_expected_state_counts,
        compare=compare.series(),
        hints=(
            "Customers are 'actual' or 'lost' by the 180-day rule; leads that are not won give the other three states.",
            "For leads: status 'lost' -> non_customer; open at stage lead or contacted -> potential; open at "
            "qualified or proposal -> target.",
            "Build one Series of states (customers and leads together), then .value_counts().reindex(STATES, fill_value=0).",
        ),
        diagnoses=(_state_counts_wrong_rule,),
        section="Customer states",
    ),
    Exercise(
        id="1.7",
        chapter=CHAPTER,
        title=f"Monthly spend of account {EXAMPLE_ACCOUNT}",
        variable="account_spend",
        points=2,
        expected=_expected_account_spend,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.01),
        hints=(
            f"Keep {EXAMPLE_ACCOUNT}'s order lines and sum revenue per month: "
            "order_date.dt.to_period('M').dt.to_timestamp() gives each line's month.",
            "Months without orders must be there with 0: build pd.date_range(first_month, '2025-12-01', freq='MS') and reindex.",
        ),
        diagnoses=(_spend_missing_zero_months,),
        section="The lifecycle of an account",
    ),
    Exercise(
        id="1.8",
        chapter=CHAPTER,
        title="Business accounts by lifecycle stage",
        variable="business_stages",
        points=2,
        expected=_expected_business_stages,
        compare=compare.series(),
        hints=(
            "value.lifecycle_stages(order_lines) gives every customer's stage.",
            "Keep the rows whose index starts with 'B', then count stages in the order of value.STAGES.",
        ),
        diagnoses=(_stages_included_consumers,),
        section="The lifecycle of an account",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
