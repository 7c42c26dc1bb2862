"""crmkit.recovery.economics: Wilson intervals, profit after the contact, economics, lift."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, recovery

from tests.recovery.tables import profit_after, winback


def test_wilson_interval_by_hand() -> None:
    table = recovery.wilson_interval(pd.Series([6, 0, 0]), pd.Series([30, 10, 0]))
    assert table.loc[0, "rate"] == 0.2
    assert table.loc[0, "lower"] == pytest.approx(0.0951, abs=1e-4)
    assert table.loc[0, "upper"] == pytest.approx(0.3731, abs=1e-4)
    assert table.loc[1, "lower"] == 0.0 and table.loc[1, "upper"] == pytest.approx(0.2775, abs=1e-4)
    assert table.loc[2].isna().all()  # no trials: no rate


def test_wilson_interval_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match="between 0 and trials"):
        recovery.wilson_interval(pd.Series([5]), pd.Series([3]))
    with pytest.raises(ValueError, match="same index"):
        recovery.wilson_interval(pd.Series([1], index=["a"]), pd.Series([3], index=["b"]))


def test_campaign_economics_per_offer_by_hand() -> None:
    table = recovery.campaign_economics(winback(), profit_after())
    assert table.index.tolist() == ["none", "apology_call", "discount_20", "free_gift"]
    apology = table.loc["apology_call"]
    assert (apology["contacted"], apology["returned"], apology["response_rate"]) == (2, 1, 0.5)
    assert apology["cost_per_contact"] == 27.0  # contact 12 + call 15
    assert apology["profit_per_returner"] == 300.0
    assert apology["expected_value"] == pytest.approx(0.5 * 300 - 27)
    assert apology["payback"] == pytest.approx(300 / 54, abs=1e-4)
    discount = table.loc["discount_20"]
    assert discount["cost_per_contact"] == 12.0  # the discount is inside the profit
    assert discount["discount_per_contact"] == 50.0
    assert discount["re_churn_rate"] == 1.0
    none = table.loc["none"]
    assert none["expected_value"] == -12.0  # C's small cost after the contact is not counted
    assert pd.isna(none["profit_per_returner"]) and pd.isna(none["re_churn_rate"])


def test_campaign_economics_intervals_are_seeded_and_contain_the_estimate() -> None:
    first = recovery.campaign_economics(winback(), profit_after(), by="reason_group", seed=3)
    again = recovery.campaign_economics(winback(), profit_after(), by="reason_group", seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert (first["value_low"] <= first["expected_value"] + 1e-9).all()
    assert (first["expected_value"] <= first["value_high"] + 1e-9).all()
    assert first.index.tolist() == ["service", "price", "gone"]


def test_campaign_economics_by_two_columns_and_bad_by() -> None:
    table = recovery.campaign_economics(winback(), profit_after(), by=["reason_group", "offer"])
    assert table.index.names == ["reason_group", "offer"]
    assert table.loc[("service", "apology_call"), "contacted"] == 2
    with pytest.raises(ValueError, match="by must be"):
        recovery.campaign_economics(winback(), profit_after(), by="segment")


def test_profit_after_must_cover_every_customer() -> None:
    with pytest.raises(ValueError, match="one value per customer"):
        recovery.campaign_economics(winback(), profit_after().drop("A"))


def test_offer_lift_by_hand() -> None:
    lift = recovery.offer_lift(winback(), draws=200)
    service = lift.loc["these reasons"]
    assert (service["with_offer"], service["compared"]) == (2, 2)
    assert service["lift"] == 0.5  # 1 of 2 after the call, 0 of 2 otherwise
    assert service["lower"] <= service["lift"] <= service["upper"]
    assert lift.loc["other reasons"].isna().sum() == 5  # no apology call outside service
    against_none = recovery.offer_lift(winback(), against="none", draws=200)
    assert against_none.loc["these reasons", "compared"] == 2


def test_offer_lift_refuses_bad_choices() -> None:
    with pytest.raises(ValueError, match="offer must be"):
        recovery.offer_lift(winback(), offer="phone_call")
    with pytest.raises(ValueError, match="against"):
        recovery.offer_lift(winback(), against="apology_call")
    with pytest.raises(ValueError, match="reasons"):
        recovery.offer_lift(winback(), reasons="poor_service")
    with pytest.raises(ValueError, match="No customer of winback got the offer"):
        recovery.offer_lift(winback(), offer="discount_10")


def test_on_the_course_data_the_apology_call_fits_service_leavers() -> None:
    lift = recovery.offer_lift(data.load_winback())
    assert lift.loc["these reasons", "lower"] > 0
    assert lift.loc["other reasons", "lower"] < 0 < lift.loc["other reasons", "upper"]


def test_profit_after_contact_on_the_course_data() -> None:
    winback_table = data.load_winback()
    profit = recovery.profit_after_contact(
        winback_table, data.load_customers(), data.load_order_lines(),
        data.load_service_events(), data.load_invoices(), data.load_payments(),
    )  # fmt: skip
    assert profit.index.tolist() == winback_table["customer_id"].tolist()
    returned = winback_table["reactivated"].to_numpy()
    assert profit[returned].sum() > 0
    assert profit[~returned].abs().max() < 100  # no orders: only small costs after the contact
