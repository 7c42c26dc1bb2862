"""Realistic wrong answers to chapter 01's exercises, computed the way a student would."""

from __future__ import annotations

import pandas as pd
from crmkit import data, value
from crmkit.exercises import ch01

from tests.exercises.wrong_answers.support import Wrong


def _year(lines: pd.DataFrame, year: int) -> pd.DataFrame:
    return lines[lines["order_date"].dt.year == year]


def _share(lines: pd.DataFrame, year: int, earlier: pd.Index) -> float:
    this = _year(lines, year)
    return float(
        this.loc[this["customer_id"].isin(earlier), "revenue"].sum() / this["revenue"].sum()
    )


def _share_last_year_buyers() -> list[Wrong]:
    lines, customers = data.load_order_lines(), data.load_customers()
    buyers_2024 = pd.Index(_year(lines, 2024)["customer_id"].unique())
    signed_up = customers.loc[customers["signup_date"].dt.year < 2025, "customer_id"]
    this = _year(lines, 2025)
    people = this.groupby("customer_id").size().index.isin(buyers_2024).mean()
    pooled = pd.concat([_year(lines, y).assign(y=y) for y in (2023, 2024, 2025)])
    before = pooled["customer_id"] + pooled["y"].sub(1).astype(str)
    had = set(lines["customer_id"] + lines["order_date"].dt.year.astype(str))
    pooled_share = float(pooled.loc[before.isin(had), "revenue"].sum() / pooled["revenue"].sum())
    return [
        Wrong(_share(lines, 2025, pd.Index(signed_up)), "signed up", "scope"),
        Wrong(
            _share(lines, 2024, pd.Index(_year(lines, 2023)["customer_id"].unique())),
            "2024",
            "scope",
        ),
        Wrong(float(people), "share of 2025's buyers", "aggregate"),
        Wrong(_share(lines, 2025, buyers_2024) * 100, "percentage", "far_off"),
        Wrong(1 - _share(lines, 2025, buyers_2024), "1 minus", "inverted"),
        Wrong(
            float(this.loc[this["customer_id"].isin(buyers_2024), "revenue"].sum()),
            "amount in CNY",
            "far_off",
        ),
        Wrong(pooled_share, "pools 2023 to 2025", "scope"),
    ]


def _internal_kinds() -> list[Wrong]:
    right = dict(ch01.INTERNAL_SCENARIOS)
    return [
        Wrong(
            {**right, "packing_line": "workflow", "billing_clerk": "process"},
            "Process (工序)",
            "concept",
        ),
        Wrong(
            {**right, "sales_team_for_it": "hierarchical"},
            "not above or below each other",
            "concept",
        ),
        Wrong(
            {key: kind.capitalize() for key, kind in right.items()}, "Use only these labels", "dict"
        ),
        Wrong({**right, "sales_director": "职级"}, "Use only these labels", "dict"),
        Wrong({**right, "billing_clerk": "functional"}, "classified differently", "concept"),
    ]


def _gross_profit() -> list[Wrong]:
    lines, customers = data.load_order_lines(), data.load_customers()
    per = lines.groupby("customer_id")
    profit = per["revenue"].sum() - per["cost_of_goods"].sum()
    this = _year(lines, 2025).groupby("customer_id")
    return [
        Wrong(per["revenue"].sum(), "These are revenues", "concept"),
        Wrong(
            (lines["quantity"] * lines["unit_price"] - lines["cost_of_goods"])
            .groupby(lines["customer_id"])
            .sum(),
            "list price",
            "concept",
        ),
        Wrong(profit / per["revenue"].sum(), "gross margins", "concept"),
        Wrong(
            (this["revenue"].sum() - this["cost_of_goods"].sum()).reindex(
                customers["customer_id"], fill_value=0
            ),
            "2025",
            "scope",
        ),
        Wrong(-profit, "sign", "far_off"),
    ]


def _referrals() -> list[Wrong]:
    customers = data.load_customers()
    counts = customers["referred_by"].value_counts()
    ids = customers["customer_id"]
    return [
        Wrong(counts, "only customers who referred someone", "scope"),
        Wrong(
            customers.set_index("customer_id")["referred_by"].notna().astype("int64"),
            "whether each customer",
            "concept",
        ),
        Wrong(
            customers.set_index("customer_id")["referred_by"].notna(),
            "whether each customer",
            "concept",
        ),
        Wrong(
            customers["referred_by"].value_counts(normalize=True).reindex(ids, fill_value=0),
            "share",
            "aggregate",
        ),
    ]


def _overlap() -> list[Wrong]:
    table = value.value_components(
        data.load_customers(), data.load_order_lines(), data.load_communications()
    )
    top = {name: set(table[name].nlargest(20).index) for name in table.columns}
    return [
        Wrong(len(top["revenue"] & top["gross_profit"]), "gross profit", "concept"),
        Wrong(len(top["revenue"] | top["feedback"]), "union", "parameters"),
        Wrong(20, "identical", "far_off"),
        Wrong(
            len(
                set(table["revenue"].nlargest(10).index) & set(table["feedback"].nlargest(10).index)
            ),
            "top 10",
            "parameters",
        ),
        Wrong(len(top["revenue"] & top["referrals"]), "referrals", "concept"),
    ]


def _last_purchase() -> list[Wrong]:
    lines = data.load_order_lines()
    grouped = lines.groupby("customer_id")["order_date"]
    return [
        Wrong(grouped.min(), "first purchases", "concept"),
        Wrong((data.AS_OF - grouped.max()).dt.days, "numbers of days", "concept"),
        Wrong(grouped.max().reset_index(), "DataFrame", "odd_type"),
        Wrong(grouped.max().astype(str), "text", "odd_type"),
    ]


def _counts(lost_after_days: int = 180) -> pd.Series:
    states = value.classify_states(
        data.load_customers(),
        data.load_order_lines(),
        data.load_leads(),
        lost_after_days=lost_after_days,
    )
    return value.state_counts(states)


def _state_counts() -> list[Wrong]:
    leads = data.load_leads()
    right = _counts()
    lost_as_lost = right.copy()
    lost_as_lost["lost"] += lost_as_lost["non_customer"]
    lost_as_lost["non_customer"] = 0
    with_won = right.copy()
    with_won["target"] += int((leads["status"] == "won").sum())
    return [
        Wrong(_counts(90), "90 days", "parameters"),
        Wrong(_counts(365), "365 days", "parameters"),
        Wrong(right[["actual", "lost"]], "customers only", "scope"),
        Wrong(lost_as_lost, "lost leads as lost customers", "concept"),
        Wrong(with_won, "won leads", "scope"),
        Wrong(_counts(179), "boundary", "parameters"),
        Wrong(right / right.sum(), "share", "aggregate"),
    ]


def _account_spend() -> list[Wrong]:
    lines = data.load_order_lines()
    account = lines[lines["customer_id"] == ch01.EXAMPLE_ACCOUNT]
    month = account["order_date"].dt.to_period("M").dt.to_timestamp()
    by_month = account.groupby(month)["revenue"].sum()
    from_2022 = by_month.reindex(
        pd.date_range("2022-01-01", "2025-12-01", freq="MS"), fill_value=0.0
    )
    by_period = account.groupby(account["order_date"].dt.to_period("M"))["revenue"].sum()
    all_months = pd.date_range(by_month.index.min(), "2025-12-01", freq="MS")
    orders = account.groupby(month)["order_id"].nunique().reindex(all_months, fill_value=0)
    return [
        Wrong(by_month, "Months without orders are missing", "scope"),
        Wrong(from_2022, "starts before", "scope"),
        Wrong(
            by_period.reindex(
                pd.period_range(by_period.index.min(), "2025-12", freq="M"), fill_value=0.0
            ),
            "month",
            "odd_type",
        ),
        Wrong(orders, "orders", "aggregate"),
    ]


def _business_stages() -> list[Wrong]:
    stages = value.lifecycle_stages(data.load_order_lines())
    business = stages[stages.index.str.startswith("B")]["stage"]
    return [
        Wrong(
            stages["stage"].value_counts().reindex(value.STAGES, fill_value=0),
            "consumers too",
            "scope",
        ),
        Wrong(business.value_counts(normalize=True).reindex(value.STAGES), "share", "aggregate"),
        Wrong(
            stages[stages.index.str.startswith("C")]["stage"].value_counts().reindex(value.STAGES),
            "consumers",
            "scope",
        ),
        Wrong(
            value.lifecycle_stages(data.load_order_lines(), window_months=1)
            .loc[business.index, "stage"]
            .value_counts()
            .reindex(value.STAGES),
            "single months",
            "parameters",
        ),
    ]


def _silent_not_lost() -> list[Wrong]:
    lines = data.load_order_lines()
    stages = value.lifecycle_stages(lines)["stage"]
    states = value.classify_states(data.load_customers(), lines, data.load_leads())
    state = states.set_index("party_id")["state"]
    both = pd.DataFrame({"stage": stages, "state": state.reindex(stages.index)})
    business = both[both.index.str.startswith("B")]
    silent = (data.AS_OF - value.last_purchase(lines)).dt.days
    silent = silent[silent.index.str.startswith("B")]
    return [
        Wrong(
            int((business["stage"] == "dormancy").sum()), "every dormant business account", "scope"
        ),
        Wrong(int((business["state"] == "lost").sum()), "lost business accounts", "concept"),
        Wrong(
            int(((both["stage"] == "dormancy") & (both["state"] == "actual")).sum()),
            "includes consumers",
            "scope",
        ),
        Wrong(int(((silent > 90) & (silent <= 180)).sum()), "90 days", "parameters"),
        Wrong(
            int(
                (
                    (business["stage"] == "dormancy")
                    & (business["state"] == "lost")
                    & (business["state"] == "actual")
                ).sum()
            ),
            "every dormant account is also lost",
            "concept",
        ),
    ]


def _stage_reading() -> list[Wrong]:
    right = (
        dict(ch01._expected_stage_reading.__wrapped__())
        if hasattr(ch01._expected_stage_reading, "__wrapped__")
        else dict(ch01._expected_stage_reading())
    )
    return [
        Wrong({**right, "bakery": "defence"}, "no spend at all", "concept"),
        Wrong({**right, "new_office": "growth"}, "rules apply in order", "concept"),
        Wrong({**right, "hotel_bar": "harvest"}, "boundaries", "parameters"),
        Wrong({**right, "noodle_bar": "harvest"}, "boundaries", "parameters"),
        Wrong(
            {key: stage.capitalize() for key, stage in right.items()},
            "Use only these labels",
            "dict",
        ),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    """Chapter 01: at least four realistic wrong answers per exercise."""
    answers = {
        "1.1": _share_last_year_buyers(),
        "1.2": _internal_kinds(),
        "1.3": _gross_profit(),
        "1.4": _referrals(),
        "1.5": _overlap(),
        "1.6": _last_purchase(),
        "1.7": _state_counts(),
        "1.8": _account_spend(),
        "1.9": _business_stages(),
        "1.10": _silent_not_lost(),
        "1.11": _stage_reading(),
    }
    for exercise_id, more in _fresh_answers().items():
        answers[exercise_id] = [*answers[exercise_id], *more]
    return answers


# fresh answers from the audit
def _fresh_answers() -> dict[str, list[Wrong]]:
    """Answers written by an independent audit, without reading the suite above first."""
    lines = data.load_order_lines()
    year = lines[lines["order_date"].dt.year == 2025]
    buyers_2024 = lines.loc[lines["order_date"].dt.year == 2024, "customer_id"]
    kept = year.loc[year["customer_id"].isin(buyers_2024), "revenue"].sum()
    table = value.value_components(data.load_customers(), lines, data.load_communications())
    smallest = set(table["revenue"].nsmallest(20).index) & set(
        table["feedback"].nsmallest(20).index
    )
    states = value.classify_states(
        data.load_customers(), lines, data.load_leads(), lost_after_days=120
    )
    account = lines[lines["customer_id"] == ch01.EXAMPLE_ACCOUNT]
    month = account["order_date"].dt.to_period("M").dt.to_timestamp()
    spend = account.groupby(month)["revenue"].sum()
    months = pd.date_range(spend.index.min(), "2025-12-01", freq="MS")
    units = account.groupby(month)["quantity"].sum().reindex(months, fill_value=0)
    return {
        "1.1": [Wrong(float(kept / lines["revenue"].sum()), "all four years", "scope")],
        "1.2": [
            Wrong({**ch01.INTERNAL_SCENARIOS, "sales_director": "functional"}, "in rank", "concept")
        ],
        "1.3": [
            Wrong(lines.groupby("customer_id")["cost_of_goods"].sum(), "costs of goods", "concept")
        ],
        "1.5": [Wrong(len(smallest), "20 smallest", "parameters")],
        "1.7": [Wrong(value.state_counts(states), "split between actual and lost", "parameters")],
        "1.8": [
            Wrong(spend.reindex(months, fill_value=0).cumsum(), "running totals", "aggregate"),
            Wrong(units, "quantities", "concept"),
        ],
    }
