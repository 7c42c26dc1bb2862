"""The effects the generator plants, each present with a margin.

Whale curve, Pareto, cheapest channel, complaint recovery, "satisfied is not loyal", ...
The measures are defined in measures.py (also used for datasets/README.md).
"""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import vocabulary

from tests.data.measures import (
    AS_OF,
    CONSUMER_CHANNELS,
    FIRST_DAY,
    TIER_LEVEL,
    behind_plan,
    complaint_groups,
    customer_profit,
    daily_revenue,
    festival_lift,
    first_year_revenue,
    order_rate_before_last_order,
    raw_duplicates,
    receivables,
    retention_by_box,
    satisfaction_by_team,
    tiers_by_year,
    top_share,
    win_rate_by_method,
)


def test_whale_curve_top_fifth_earns_more_than_all_the_profit(tables) -> None:
    # Profit as chapter 02 defines it: revenue - cost of goods - cost to serve
    # (rebates included) - late payment's cost of capital and written-off debts.
    profit = customer_profit(tables)
    assert top_share(profit["profit_with_late"]) > 1.02
    # the hump of the whale curve: the most profitable customers earn well over 100%
    ranked = profit["profit_with_late"].sort_values(ascending=False)
    assert (ranked.cumsum() / ranked.sum()).max() > 1.08
    # without the costs of late payment the top fifth still earns over 90%
    assert top_share(profit["profit"]) > 0.9
    assert (profit["profit"] < 0).sum() >= 100


def test_several_of_the_ten_largest_accounts_lose_money(tables) -> None:
    profit = customer_profit(tables)
    largest = profit.nlargest(10, "revenue")
    losers = largest[largest["profit"] < 0]
    assert len(losers) >= 3, largest
    assert (largest["profit_with_late"] < 0).sum() >= len(losers)
    # why: deep discounts and a heavy cost to serve
    lines = tables["order_lines"][tables["order_lines"]["customer_id"].isin(largest.index)]
    list_value = lines["quantity"] * lines["unit_price"]
    discount = (list_value * lines["discount"]).groupby(lines["customer_id"]).sum() / (
        list_value.groupby(lines["customer_id"]).sum()
    )
    assert discount[losers.index].min() > discount.drop(losers.index).max()
    serve_share = largest["service_cost"] / largest["revenue"]
    assert serve_share[losers.index].mean() > 2 * serve_share.drop(losers.index).mean()


def test_pareto_top_fifth_brings_most_revenue(tables) -> None:
    assert top_share(customer_profit(tables)["revenue"]) > 0.75


def test_cheapest_channel_brings_the_least_first_year_value(tables) -> None:
    consumers = tables["customers"][tables["customers"]["segment"].eq("consumer")]
    cac = consumers.groupby(consumers["acquisition_channel"].astype(str))["acquisition_cost"].mean()
    value = first_year_revenue(tables).groupby("acquisition_channel")["first_year_revenue"].mean()
    assert sorted(cac.index) == sorted(CONSUMER_CHANNELS)
    assert cac.idxmin() == "coupon_site"
    assert value.idxmin() == "coupon_site"
    assert value["coupon_site"] < 0.6 * value.drop("coupon_site").min()
    assert value.idxmax() != "coupon_site" and cac[value.idxmax()] > 2 * cac["coupon_site"]


def test_lead_funnel_differs_by_prospecting_method(tables) -> None:
    rate = win_rate_by_method(tables)
    assert len(rate) == 14
    assert rate.max() > 3 * rate.min()
    leads = tables["leads"]
    decided = leads[leads["status"].ne("open")]
    cold = decided[decided["prospecting_method"].isin(["sms", "letter", "telephone"])]
    assert rate["referral"] - cold["status"].eq("won").mean() > 0.1
    assert rate["centre_of_influence"] > rate["internet"] > rate["sms"]


def test_complaint_handling_decides_who_stays(tables) -> None:
    stayed = complaint_groups(tables)
    assert stayed["resolved_fast"] > stayed["resolved_slow"] > stayed["unresolved"]
    assert stayed["resolved_fast"] >= 0.85
    assert stayed["unresolved"] <= 0.6
    assert stayed["resolved_slow"] - stayed["unresolved"] > 0.15


def test_satisfied_is_not_loyal_only_the_top_box_retains(tables) -> None:
    rate = retention_by_box(tables)
    assert all(rate[5] - rate[box] >= 0.08 for box in (1, 2, 3, 4))
    middle = rate[[2, 3, 4]]
    # boxes 2-4 differ by noise and a little more, far less than the top box's lead
    assert middle.max() - middle.min() <= 0.15


def test_employee_and_customer_satisfaction_mirror_each_other(tables) -> None:
    teams = satisfaction_by_team(tables)
    assert teams["customers"].notna().all()
    assert teams["employee_satisfaction"].corr(teams["customers"]) > 0.5
    turnover = tables["teams"].set_index("team_id")["staff_turnover_rate"]
    assert turnover.corr(teams["customers"]) < -0.5


def test_orders_slow_down_before_a_customer_stops_buying(tables) -> None:
    rates = order_rate_before_last_order(tables)
    assert rates["stopped_customers"] >= 200
    assert rates["stopped"] < rates["active"] - 0.1
    assert rates["active"] > 0.95
    consumers = order_rate_before_last_order(tables, "C")
    assert consumers["stopped"] < 0.9


def test_customers_move_between_tiers(tables) -> None:
    tiers = tiers_by_year(tables)
    before, after = tiers[2024], tiers[2025]
    ranked = before.ne("none")
    level_before = before[ranked].map(TIER_LEVEL)
    level_after = after[ranked].map(TIER_LEVEL)
    assert 0.3 < (level_before == level_after).mean() < 0.8
    assert (level_after > level_before).sum() >= 50
    assert (level_after < level_before).sum() >= 50
    top = before.isin(["platinum", "gold"])
    assert 0.1 < (~after[top].isin(["platinum", "gold"])).mean() < 0.9


# The first New Year (2022-02-01) is left out on purpose: trading starts on
# 2022-01-01 and revenue grows from near zero through the first quarter, so
# growth swamps that peak (lift 0.88). Every later New Year is tested.
@pytest.mark.parametrize("festival", vocabulary.CHINESE_NEW_YEAR[1:])
def test_revenue_peaks_before_chinese_new_year(tables, festival: str) -> None:
    assert festival_lift(daily_revenue(tables), festival) > 1.15


# As for New Year, the first year's steep growth (trading starts on 2022-01-01)
# blurs the 2022 peak; the later Mid-Autumn festivals are tested.
@pytest.mark.parametrize("festival", vocabulary.MID_AUTUMN[1:])
def test_revenue_peaks_before_mid_autumn(tables, festival: str) -> None:
    assert festival_lift(daily_revenue(tables), festival) > 1.1


def test_gift_sets_sell_before_festivals(tables) -> None:
    lines = tables["order_lines"].merge(tables["products"][["product_id", "category"]])
    month = lines["order_date"].dt.month
    gift = lines["category"].eq("gift_set")
    share = (
        lines["revenue"].where(gift, 0.0).groupby(month).sum()
        / lines["revenue"].groupby(month).sum()
    )
    assert share[[1, 9]].min() > share[[4, 5, 6, 7]].max()


def test_early_warning_rules_flag_a_handful(tables) -> None:
    rec = receivables(tables)
    over_limit = rec[rec["open"] > rec["credit_limit"]]
    assert len(over_limit) >= 5
    flagged = over_limit[over_limit["days_overdue"] > 60]
    assert 5 <= len(flagged) <= 15
    profit = customer_profit(tables)
    assert (profit.loc[flagged.index, "profit"] < 0).mean() >= 0.6
    behind = behind_plan(tables)
    assert 5 <= (behind < 0.5).sum() <= 20


def test_winback_response_depends_on_offer_and_reason(tables) -> None:
    winback = tables["winback"].assign(
        offer=lambda d: d["offer"].astype(str), reason=lambda d: d["reason_for_leaving"].astype(str)
    )
    by_offer = winback.groupby("offer")["reactivated"].mean()
    assert by_offer.idxmin() == "none"
    # an apology wins back those who left over service; a discount those who left over price
    service = winback["reason"].isin(["poor_service", "unresolved_problem"])
    apology = winback["offer"].eq("apology_call")
    assert (
        winback.loc[service & apology, "reactivated"].mean()
        > winback.loc[service & ~apology, "reactivated"].mean() + 0.15
    )
    by_reason = winback.groupby("reason")["reactivated"].mean()
    assert set(by_reason.nsmallest(2).index) == {"moved_away", "changed_needs"}
    price = winback[winback["reason"].eq("price")]
    discounted = price["offer"].str.startswith("discount")
    assert (
        price.loc[discounted, "reactivated"].mean()
        - price.loc[price["offer"].eq("none"), "reactivated"].mean()
    ) > 0.15
    assert 0.05 < winback["reactivated"].mean() < 0.25


def test_raw_customer_table_has_the_planted_faults(tables) -> None:
    raw, clean = tables["customers_raw"], tables["customers"]
    assert raw["record_id"].str.startswith("X").sum() >= 30
    assert raw_duplicates(raw) >= 30
    assert raw["email"].eq("").sum() >= 50 and raw["phone"].eq("").sum() >= 50
    signup = pd.to_datetime(raw["signup_date"], format="%Y-%m-%d", errors="coerce")
    impossible = signup.isna() | ~signup.between(FIRST_DAY, AS_OF)
    assert impossible.sum() >= 10
    birth = pd.to_numeric(raw["birth_year"], errors="coerce")
    assert (~birth.between(1900, 2010) & birth.notna()).sum() >= 5
    business_types = set(clean["business_type"].dropna().astype(str))
    odd_type = raw["business_type"].ne("") & ~raw["business_type"].isin(business_types)
    assert odd_type.sum() >= 20
    assert (~raw["city"].isin(set(clean["city"].astype(str)))).sum() >= 10
    assert (~raw["segment"].isin(["business", "consumer"])).sum() >= 10
    assert raw["team_id"].eq("T09").sum() >= 3
    assert not tables["teams"]["team_id"].eq("T09").any()
    referrers = raw.loc[raw["referred_by"].ne(""), "referred_by"]
    assert (~referrers.isin(raw["record_id"])).sum() >= 3
