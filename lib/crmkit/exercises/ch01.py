"""Chapter 01, Recognising customers (客户关系概论 / 客户的认识): why relationships matter,
internal customers, value components, states, lifecycle stages."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import data, value
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series, same_values
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "01"
EXAMPLE_ACCOUNT = "B040"
NAMED_IDS = (EXAMPLE_ACCOUNT, "B204", "B301", "B001", "C0001")
"""Ids the exercises and the lesson's code name: grading's twin data must have them (with orders)."""

INTERNAL_KINDS = ("hierarchical", "functional", "process", "workflow")
INTERNAL_SCENARIOS = {
    "sales_director": "hierarchical",  # receives your weekly account report: your superior
    "sales_team_for_it": "functional",  # IT keeps the CRM system running for the sales team
    "packing_line": "process",  # receives blended tea from the blending line, the step before
    "billing_clerk": "workflow",  # gets each confirmed order from the order desk, the next desk in the flow
}


#: Made-up accounts for reading the lifecycle rule on 2025-12-31: first order month,
#: spend in the previous three months (July to September) and in the recent three (October
#: to December), CNY.
STAGE_CASES = {
    "tea_house": ("2023-03", 30000.0, 24000.0),
    "hotel_bar": ("2022-06", 20000.0, 14000.0),
    "noodle_bar": ("2024-09", 10000.0, 12000.0),
    "new_office": ("2025-11", 0.0, 5000.0),
    "bakery": ("2023-01", 9000.0, 0.0),
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


def _share_last_year_buyers(
    year: int | None = 2025, groups: tuple[str, ...] = ("bought_last_year",)
) -> float:
    table = value.revenue_by_buyer(data.load_order_lines())
    if year is None:
        table = table[table["year"] > table["year"].min()]
    else:
        table = table[table["year"] == year]
    return float(table.loc[table["group"].isin(groups), "revenue"].sum() / table["revenue"].sum())


def _expected_share_last_year_buyers() -> float:
    return _share_last_year_buyers()


def _share_counted_buyers(answer: Any, expected: Any) -> str | None:
    table = value.revenue_by_buyer(data.load_order_lines())
    year = table[table["year"] == 2025].set_index("group")
    if close_to(answer, year.loc["bought_last_year", "buyers"] / year["buyers"].sum(), rel=1e-3):
        return (
            "That is the share of 2025's buyers who also bought in 2024, a share of people. "
            "The question asks for their share of 2025's revenue: weight by what they spent."
        )
    if close_to(answer, year.loc["bought_last_year", "revenue"] / table["revenue"].sum(), rel=1e-3):
        return (
            "You divided by the revenue of all four years. The share is of 2025's revenue: "
            "divide by the total of the 2025 order lines only."
        )
    if close_to(answer, year.loc["bought_last_year", "revenue"], rel=1e-3):
        return (
            "That is an amount in CNY, the revenue of last year's buyers. The question asks "
            "for its share of all 2025 revenue: divide by the year's total."
        )
    return None


def _internal_mixups(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("packing_line") == "workflow" or answer.get("billing_clerk") == "process":
        return (
            "Process (工序) customers are the next step in making the product; workflow (流程) "
            "customers are the next desk in handling an order or a service. Which one is the "
            "packing line, and which the billing clerk?"
        )
    if answer.get("sales_director") not in (None, "hierarchical"):
        return (
            "The sales director is above you in rank and receives your report: ask which kind "
            "of internal customer is about rank (职级)."
        )
    if answer.get("sales_team_for_it") == "hierarchical":
        return (
            "IT and sales are not above or below each other in rank: ask what IT's work does "
            "for the sales department."
        )
    return None


def _expected_last_purchase() -> pd.Series:
    return value.last_purchase(data.load_order_lines())


def _used_first_purchase(answer: Any, expected: Any) -> str | None:
    first = data.load_order_lines().groupby("customer_id")["order_date"].min()
    if same_series(answer, first):
        return "These are first purchases (.min()). A customer's state depends on the most recent one: .max()."
    last = data.load_order_lines().groupby("customer_id")["order_date"].max()
    if same_series(answer, (data.AS_OF - last).dt.days):
        return (
            "These are numbers of days since the last purchase. The question asks for the date "
            "itself; the days come in the next exercise."
        )
    return None


def _expected_state_counts() -> pd.Series:
    return value.state_counts(_states())


def _state_counts_lost_leads_as_lost() -> pd.Series:
    counts = _expected_state_counts().copy()
    counts["lost"] += counts["non_customer"]
    counts["non_customer"] = 0
    return counts


def _state_counts_with_won_leads() -> pd.Series:
    counts = _expected_state_counts().copy()
    counts["target"] += int(data.load_leads()["status"].eq("won").sum())
    return counts


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
    return _state_counts_other_split(answer, expected)


def _state_counts_other_split(answer: pd.Series, expected: pd.Series) -> str | None:
    """Same customers, other split between actual and lost: another number of days."""
    mine = pd.to_numeric(answer.reindex(expected.index), errors="coerce")
    pair = ["actual", "lost"]
    others = expected.index.difference(pair)
    if mine[pair].isna().any() or not mine[others].equals(expected[others].astype(mine.dtype)):
        return None
    if mine[pair].sum() == expected[pair].sum() and mine["actual"] != expected["actual"]:
        return (
            "Your split between actual and lost customers differs, with the same customers in "
            "all: check the rule, lost means no purchase in the last 180 days."
        )
    return None


def _expected_gross_profit(year: int | None = None) -> pd.Series:
    if year is None:
        return _components()["gross_profit"]
    lines = data.load_order_lines()
    lines = lines[lines["order_date"].dt.year == year]
    table = value.value_components(data.load_customers(), lines, data.load_communications())
    return table["gross_profit"]


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
    if same_series(answer, components["revenue"] - components["gross_profit"]):
        return (
            "These are costs of goods. Gross profit is what is left of revenue after that cost: "
            "revenue - cost_of_goods."
        )
    margin = components["gross_profit"] / components["revenue"]
    if same_series(answer, margin):
        return (
            "These are gross margins (gross profit as a fraction of revenue). The question asks "
            "for the amount in CNY: revenue - cost_of_goods, summed per customer."
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
    customers = data.load_customers().set_index("customer_id")
    was_referred = customers["referred_by"].notna().astype("int64")
    if same_series(answer, was_referred) or same_series(answer, customers["referred_by"].notna()):
        return (
            "This marks whether each customer was referred by someone. The question counts the "
            "other way round: how many customers each one brought (name it in referred_by)."
        )
    if isinstance(answer, pd.Series) and len(answer) < len(expected) and len(answer) > 0:
        return (
            "Your Series lists only customers who referred someone. Every customer needs a "
            "value, 0 for those who referred nobody: .reindex(customers['customer_id'], fill_value=0)."
        )
    return None


def _expected_overlap(n: int = 20, second: str = "feedback") -> int:
    return value.top_overlap(_components(), "revenue", second, n=n)


def _overlap_wrong_pair(answer: Any, expected: Any) -> str | None:
    if close_to(
        answer, value.top_overlap(_components(), "revenue", "gross_profit", n=20)
    ) and not close_to(answer, expected):
        return "That is the overlap between revenue and gross profit. The question compares revenue with feedback."
    table = _components()
    union = set(table["revenue"].nlargest(20).index) | set(table["feedback"].nlargest(20).index)
    if close_to(answer, len(union)) and not close_to(answer, expected):
        return (
            "That counts customers in either list (the union, |). The question asks for those "
            "in both lists: the intersection, &."
        )
    smallest = set(table["revenue"].nsmallest(20).index) & set(
        table["feedback"].nsmallest(20).index
    )
    if close_to(answer, len(smallest)) and not close_to(answer, expected):
        return (
            "That compares the 20 smallest of each (.nsmallest or an ascending sort). The "
            "question asks about the top 20: the most revenue and the most feedback."
        )
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
    lines = data.load_order_lines()
    account = lines[lines["customer_id"] == EXAMPLE_ACCOUNT]
    month = account["order_date"].dt.to_period("M").dt.to_timestamp()
    orders = account.groupby(month)["order_id"].nunique().reindex(expected.index, fill_value=0)
    if same_values(answer, orders) and not same_values(answer, expected):
        return (
            "These are numbers of orders per month. The lifecycle is read from spend: sum the "
            "revenue of each month."
        )
    units = account.groupby(month)["quantity"].sum().reindex(expected.index, fill_value=0)
    if same_values(answer, units) and not same_values(answer, expected):
        return (
            "These are quantities (units bought) per month. The lifecycle is read from spend: "
            "sum the revenue of each month."
        )
    return None


def _expected_business_stages(segment: str = "B", window_months: int = 3) -> pd.Series:
    stages = value.lifecycle_stages(data.load_order_lines(), window_months=window_months)
    chosen = stages[stages.index.str.startswith(segment)]
    counts = chosen["stage"].value_counts().reindex(value.STAGES, fill_value=0)
    return counts.rename("accounts").rename_axis("stage").astype("int64")


def _stages_included_consumers(answer: Any, expected: Any) -> str | None:
    stages = value.lifecycle_stages(data.load_order_lines())
    everyone = stages["stage"].value_counts().reindex(value.STAGES, fill_value=0)
    if same_series(answer, everyone.astype("int64")):
        return "You counted consumers too. The question is about business accounts (ids starting with B)."
    return None


def _silent(segment: str | None = "B", count: str = "silent_not_lost") -> int:
    stages = value.lifecycle_stages(data.load_order_lines())["stage"].astype("string")
    states = _states().set_index("party_id")["state"].astype("string")
    both = pd.DataFrame({"stage": stages, "state": states.reindex(stages.index)})
    if segment is not None:
        both = both[both.index.str.startswith(segment)]
    dormant = both["stage"].eq("dormancy")
    chosen = {
        "silent_not_lost": dormant & both["state"].eq("actual"),
        "dormant": dormant,
        "lost": both["state"].eq("lost"),
    }[count]
    return int(chosen.sum())


def _silent_by_days(days: int = 90) -> int:
    silent = (data.AS_OF - value.last_purchase(data.load_order_lines())).dt.days
    business = silent[silent.index.str.startswith("B")]
    return int(((business > days) & (business <= 180)).sum())


def _expected_silent_not_lost() -> int:
    return _silent()


def _silent_zero(answer: Any, expected: Any) -> str | None:
    if close_to(answer, 0) and expected > 0:
        return (
            "0 would mean every dormant account is also lost. Dormant means no order in the last "
            "three months; lost means none in 180 days. Count the dormant accounts that are "
            "still actual customers."
        )
    return None


def _stage_case_lines() -> pd.DataFrame:
    """Order lines that give each made-up account of STAGE_CASES its spend."""
    rows = []
    for account, (first, previous, recent) in STAGE_CASES.items():
        if first < "2025-07":
            rows.append((account, f"{first}-15", 1.0))  # a small first order, long ago
        if previous > 0:
            rows.append((account, "2025-07-15", previous))
        if recent > 0:
            rows.append((account, f"{max(first, '2025-10')}-15", recent))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue"])
    return lines.assign(order_date=pd.to_datetime(lines["order_date"]))


def _expected_stage_reading() -> dict[str, str]:
    stages = value.lifecycle_stages(_stage_case_lines())["stage"].astype("string")
    return {account: str(stages[account]) for account in STAGE_CASES}


def _stage_reading_mistakes(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("bakery") == "defence":
        return (
            "An account with no spend at all in the last three months is past defence: the first "
            "rule (no recent spend) decides its stage."
        )
    if answer.get("new_office") == "growth":
        return (
            "An account whose first order falls in the last three months has no history to grow "
            "from: the rules apply in order, and the first-order rule comes before growth."
        )
    if answer.get("hotel_bar") == "harvest" or answer.get("noodle_bar") == "harvest":
        return (
            "Check the boundaries: the rule compares with >= and <=, so a ratio of exactly 1.2 "
            "or exactly 0.7 already meets it."
        )
    return None


EXERCISES = [
    Exercise(
        id="1.1",
        chapter=CHAPTER,
        title="Last year's buyers' share of 2025 revenue",
        variable="share_last_year_buyers",
        points=2,
        expected=_expected_share_last_year_buyers,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "First find who bought in 2024: the customer_ids of the order lines dated in 2024.",
            "Keep the 2025 order lines and mark each one: is its customer_id among the 2024 "
            "buyers? (.isin(...))",
            "Sum the revenue of the marked 2025 lines and divide by the sum of all 2025 lines. "
            "Keep the fraction unrounded.",
        ),
        diagnoses=(_share_counted_buyers,),
        variants=(
            Variant(
                "Your share counts every customer who bought (or signed up) before 2025. The "
                "question asks about those who bought in 2024 itself: someone who last bought "
                "in 2022 and came back is not one of last year's buyers.",
                lambda: _share_last_year_buyers(groups=("bought_last_year", "came_back")),
                name="any_earlier_year",
            ),
            Variant(
                "That is the share for 2024 (buyers of 2023). The question asks about 2025 "
                "revenue and 2024 buyers.",
                lambda: _share_last_year_buyers(year=2024),
                name="year_2024",
            ),
            Variant(
                "That share pools 2023 to 2025. The question asks about 2025 only.",
                lambda: _share_last_year_buyers(year=None),
                name="all_years",
            ),
        ),
        section="What a customer relationship is",
    ),
    Exercise(
        id="1.2",
        chapter=CHAPTER,
        title="Which kind of internal customer?",
        variable="internal_kinds",
        points=2,
        expected=lambda: dict(INTERNAL_SCENARIOS),
        data_free=True,
        compare=compare.classification("scenarios", INTERNAL_KINDS),
        hints=(
            "Four kinds: hierarchical (职级, above or below you), functional (职能, departments "
            "serving each other), process (工序, the next production step), workflow (流程, the "
            "next desk in a business or service process).",
            "Ask of each scenario: is it about rank, a support function, making the product, or "
            "handling paperwork?",
        ),
        diagnoses=(_internal_mixups,),
        section="Internal and external customers",
    ),
    Exercise(
        id="1.3",
        chapter=CHAPTER,
        title="Gross profit per customer",
        variable="gross_profit",
        points=1,
        expected=_expected_gross_profit,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.01),
        hints=(
            "Gross profit of a line = revenue - cost_of_goods.",
            "Sum per customer with groupby, and give customers with no orders a 0 (there are "
            "none here, but reindex to all customers anyway).",
        ),
        diagnoses=(_gross_profit_mistakes,),
        variants=(
            Variant(
                "These are 2025's gross profits. The question asks for all orders, 2022 to 2025.",
                lambda: _expected_gross_profit(year=2025),
                name="year_2025",
            ),
        ),
        section="What a customer is worth",
    ),
    Exercise(
        id="1.4",
        chapter=CHAPTER,
        title="Referrals brought by each customer",
        variable="referrals",
        points=1,
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
        id="1.5",
        chapter=CHAPTER,
        title="Top by revenue, top by feedback",
        variable="overlap_revenue_feedback",
        points=2,
        expected=_expected_overlap,
        compare=compare.scalar(),
        hints=(
            "Take the 20 customers with the most revenue, and the 20 with the most feedback "
            "messages.",
            "components['revenue'].nlargest(20).index gives the first list; build a set of each.",
            "len(set_a & set_b) counts customers in both.",
        ),
        diagnoses=(_overlap_wrong_pair,),
        variants=(
            Variant(
                "That is the overlap of the top 10 lists. The question asks about the top 20.",
                lambda: _expected_overlap(n=10),
                name="top_10",
            ),
            Variant(
                "That is the overlap of revenue with referrals. The question compares revenue "
                "with feedback.",
                lambda: _expected_overlap(second="referrals"),
                name="referrals",
            ),
        ),
        section="What a customer is worth",
    ),
    Exercise(
        id="1.6",
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
        id="1.7",
        chapter=CHAPTER,
        title="How many parties in each state?",
        variable="state_counts",
        points=3,
        expected=_expected_state_counts,
        compare=compare.series(),
        hints=(
            "Customers are 'actual' or 'lost' by the 180-day rule; leads that are not won give "
            "the other three states.",
            "For leads: status 'lost' -> non_customer; open at stage lead or contacted -> "
            "potential; open at qualified or proposal -> target.",
            "Build one Series of states (customers and leads together), then "
            ".value_counts().reindex(STATES, fill_value=0).",
        ),
        diagnoses=(_state_counts_wrong_rule,),
        variants=(
            Variant(
                "You counted lost leads as lost customers. A lead that went cold never bought: "
                "it is a non-customer. Only a customer who bought and stopped is lost.",
                _state_counts_lost_leads_as_lost,
                name="lost_leads_as_lost",
            ),
            Variant(
                "Your targets include the won leads. A won lead is already a customer (it is "
                "in the customers table): leave leads with status 'won' out.",
                _state_counts_with_won_leads,
                name="won_leads_counted",
            ),
            Variant(
                "Your boundary is off by one day: the rule says lost after MORE than 180 days, "
                "so exactly 180 days is still actual (<= 180).",
                lambda: value.state_counts(_states(179)),
                name="strict_boundary",
            ),
        ),
        section="Customer states",
    ),
    Exercise(
        id="1.8",
        chapter=CHAPTER,
        title=f"Monthly spend of account {EXAMPLE_ACCOUNT}",
        variable="account_spend",
        points=1,
        expected=_expected_account_spend,
        compare=compare.series(rel_tol=1e-6, abs_tol=0.01),
        hints=(
            f"Keep {EXAMPLE_ACCOUNT}'s order lines and sum revenue per month: "
            "order_date.dt.to_period('M').dt.to_timestamp() gives each line's month.",
            "Months without orders must be there with 0: build pd.date_range(first_month, "
            "'2025-12-01', freq='MS') and reindex.",
        ),
        diagnoses=(_spend_missing_zero_months,),
        section="The lifecycle of an account",
    ),
    Exercise(
        id="1.9",
        chapter=CHAPTER,
        title="Business accounts by lifecycle stage",
        variable="business_stages",
        points=2,
        expected=_expected_business_stages,
        compare=compare.series(),
        hints=(
            "value.lifecycle_stages(order_lines) gives every customer's stage.",
            "Keep the rows whose index starts with 'B', then count stages in the order of "
            "value.STAGES.",
        ),
        diagnoses=(_stages_included_consumers,),
        variants=(
            Variant(
                "These are the consumers' stages. The question is about business accounts "
                "(ids starting with B).",
                lambda: _expected_business_stages(segment="C"),
                name="consumers",
            ),
            Variant(
                "Your stages compare single months (the last month with the one before). The "
                "rule compares three-month windows: the last three months with the three before.",
                lambda: _expected_business_stages(window_months=1),
                name="one_month_windows",
            ),
        ),
        section="The lifecycle of an account",
    ),
    Exercise(
        id="1.10",
        chapter=CHAPTER,
        title="Silent, but not lost",
        variable="silent_not_lost",
        points=2,
        expected=_expected_silent_not_lost,
        compare=compare.scalar(),
        hints=(
            "You need two labels per business account: its lifecycle stage (dormancy or not) "
            "and its state (actual or lost).",
            "Join value.lifecycle_stages(order_lines)['stage'] with the states of "
            "value.classify_states(...) by customer id; pd.crosstab shows all combinations.",
            "Count the business accounts whose stage is 'dormancy' and whose state is 'actual'.",
        ),
        diagnoses=(_silent_zero,),
        variants=(
            Variant(
                "That is every dormant business account, lost ones included. The question asks "
                "for the dormant accounts that are still actual customers.",
                lambda: _silent(count="dormant"),
                name="all_dormant",
            ),
            Variant(
                "That is the number of lost business accounts. Every lost account is dormant, "
                "but not every dormant account is lost: count the dormant ones still actual.",
                lambda: _silent(count="lost"),
                name="lost",
            ),
            Variant(
                "Your count includes consumers. The question is about business accounts (ids "
                "starting with B).",
                lambda: _silent(segment=None),
                name="all_segments",
            ),
            Variant(
                "You used '90 days since the last order'. The dormancy rule looks at calendar "
                "months: no order in October, November or December 2025.",
                _silent_by_days,
                name="days_90",
            ),
        ),
        section="The lifecycle of an account",
    ),
    Exercise(
        id="1.11",
        chapter=CHAPTER,
        title="Read the stage of five accounts",
        variable="stage_reading",
        points=2,
        expected=_expected_stage_reading,
        data_free=True,
        compare=compare.classification("accounts", tuple(value.STAGES)),
        hints=(
            "Apply the rules in order and stop at the first that fits: no recent spend, then "
            "first order in the recent window, then growth, then defence, else harvest.",
            "Compute recent / previous for each account; 1.2 and 0.7 are the thresholds, and "
            "the comparisons are >= and <=.",
        ),
        diagnoses=(_stage_reading_mistakes,),
        section="The lifecycle of an account",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
