"""crmkit.recovery.reasons: reasons for leaving, the firm's share, complaints, small failures."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, recovery

from tests.recovery.tables import (
    complaints,
    order_lines,
    segments,
    streak_complaints,
    winback,
)


def test_reason_shares_per_group_add_up_to_one() -> None:
    shares = recovery.reason_shares(winback(), segments())
    assert shares.columns.tolist() == ["business", "consumer", "fault"]
    assert shares.index.tolist() == list(recovery.REASONS)
    assert shares.loc["poor_service", "business"] == 0.5  # A and C of A-D
    assert shares.loc["price", "consumer"] == 0.5  # E and F of E-H
    assert shares[["business", "consumer"]].sum().tolist() == pytest.approx([1.0, 1.0])
    assert shares.attrs["customers"] == {"business": 4, "consumer": 4}


def test_fault_share_counts_the_firms_reasons_only() -> None:
    assert recovery.fault_share(winback()).tolist() == [0.5]
    by_segment = recovery.fault_share(winback(), segments())
    assert by_segment.to_dict() == {"business": 1.0, "consumer": 0.0}


def test_groups_must_label_every_customer() -> None:
    with pytest.raises(ValueError, match="no label for 1 customer"):
        recovery.fault_share(winback(), segments().drop("H"))
    with pytest.raises(ValueError, match="more than once"):
        recovery.reason_shares(winback(), pd.concat([segments(), segments().iloc[:1]]))


def test_reasons_and_complaints_counts_complaints_up_to_days_after_the_last_order() -> None:
    table = recovery.reasons_and_complaints(winback(), complaints())
    assert table.loc["poor_service", "customers"] == 2
    assert table.loc["poor_service", "complained"] == 0.5  # A, not C
    assert table.loc["poor_service", "not_resolved"] == 0.5
    assert table.loc["poor_service", "mean_complaints"] == 1.0
    assert table.loc["price", "complained"] == 0.0  # E complained after the campaign
    assert (
        recovery.reasons_and_complaints(winback(), complaints(), days_after=0).loc[
            "poor_service", "mean_complaints"
        ]
        == 0.5
    )  # the complaint 3 days after A's last order no longer counts


def test_complaint_streaks_bands_customers_and_says_who_is_lost() -> None:
    table = recovery.complaint_streaks(streak_complaints(), order_lines(), min_orders=3)
    assert table.index.tolist() == ["0", "3+"]
    assert table["customers"].tolist() == [1, 1]
    assert table["lost"].tolist() == [0, 1]  # Q's last order is 2025-03-10
    assert (table["lower"] <= table["lost_share"]).all()
    assert (table["lost_share"] <= table["upper"]).all()
    assert recovery.complaint_streaks(streak_complaints(), order_lines(), min_orders=4).empty


def test_on_the_course_data_business_accounts_blame_the_firm_more() -> None:
    customers = data.load_customers().set_index("customer_id")["segment"]
    share = recovery.fault_share(data.load_winback(), customers)
    assert share["business"] > share["consumer"]
