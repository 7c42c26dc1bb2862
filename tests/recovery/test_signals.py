"""crmkit.recovery.signals: warnings as of past dates, outcomes, accuracy and lead times."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, recovery

from tests.recovery.tables import account_lines, accounts, history, outcomes


def test_leaving_outcomes_by_hand() -> None:
    table = outcomes()
    assert table["customer_id"].tolist() == ["B1", "B2", "B1", "B2"]  # C1 is a consumer
    assert table["left"].tolist() == [True, False, True, False]
    everyone = recovery.leaving_outcomes(accounts(), account_lines(), ["2024-03-31"], segment=None)
    assert set(everyone["customer_id"]) == {"B1", "B2", "C1"}
    short = recovery.leaving_outcomes(accounts(), account_lines(), ["2024-01-31"], horizon_days=10)
    assert short.set_index("customer_id")["left"].to_dict() == {"B1": False, "B2": False}


def test_leaving_outcomes_refuses_dates_too_late_to_judge() -> None:
    with pytest.raises(ValueError, match="too late"):
        recovery.leaving_outcomes(accounts(), account_lines(), ["2025-06-30"])


def test_warning_accuracy_by_hand() -> None:
    accuracy = recovery.warning_accuracy(history(), outcomes())
    behind = accuracy.loc["behind_plan"]
    assert (behind["flagged"], behind["flagged_left"], behind["precision"]) == (1, 1, 1.0)
    assert behind["recall"] == 0.5  # B1 left on both dates, flagged on one
    over = accuracy.loc["over_budget"]
    assert (over["false_alarms"], over["precision"], over["flagged_never_lost"]) == (1, 0.0, 1)
    everything = accuracy.loc["any"]
    assert (everything["flagged"], everything["missed"], everything["base_rate"]) == (3, 0, 0.5)
    assert everything["lift"] == pytest.approx((2 / 3) / 0.5, abs=1e-4)


def test_warning_accuracy_ignores_flags_of_accounts_not_active() -> None:
    extra = pd.concat([history(), history().iloc[:1].assign(customer_id="B9")], ignore_index=True)
    pd.testing.assert_frame_equal(
        recovery.warning_accuracy(extra, outcomes()),
        recovery.warning_accuracy(history(), outcomes()),
    )


def test_warning_lead_times_by_hand() -> None:
    leads = recovery.warning_lead_times(history(), outcomes(), lookback_days=30)
    assert leads["customer_id"].tolist() == ["B1"]
    row = leads.iloc[0]
    assert row["behind_plan"] == 30.0  # 2024-01-31 to 2024-03-01
    assert row["stopped"] == -60.0  # after the last order
    assert row["any"] == 30.0 and pd.isna(row["credit"])
    summary = recovery.lead_time_summary(leads)
    assert summary.loc["any", "before_last_order"] == 1.0
    assert summary.loc["stopped", "before_last_order"] == 0.0
    assert summary.loc["credit", "warned"] == 0


def test_warning_history_runs_chapter_04s_rules_on_each_date() -> None:
    tables = (
        data.load_customers(), data.load_order_lines(), data.load_invoices(),
        data.load_payments(), data.load_account_plans(), data.load_service_events(),
    )  # fmt: skip
    history_table = recovery.warning_history(*tables, ["2024-06-30", "2023-06-30"])
    assert history_table["as_of"].drop_duplicates().tolist() == [
        pd.Timestamp("2023-06-30"), pd.Timestamp("2024-06-30"),
    ]  # fmt: skip
    assert history_table["warnings"].min() >= 1


def test_on_the_course_data_two_rules_beat_the_base_rate() -> None:
    customers, lines = data.load_customers(), data.load_order_lines()
    days = list(pd.date_range("2023-03-31", "2024-12-31", freq="QE"))
    tables = (data.load_invoices(), data.load_payments(), data.load_account_plans())
    history_table = recovery.warning_history(
        customers, lines, *tables, data.load_service_events(), days
    )
    accuracy = recovery.warning_accuracy(
        history_table, recovery.leaving_outcomes(customers, lines, days)
    )
    assert accuracy.loc["stopped", "lift"] > 1.3 and accuracy.loc["behind_plan", "lift"] > 1.3
    assert accuracy.loc["any", "false_alarms"] > accuracy.loc["any", "flagged_left"]


def test_signs_before_leaving_by_hand() -> None:
    winback = pd.DataFrame({"customer_id": ["A", "B"], "offer": ["none"] * 2,
        "reason_for_leaving": ["poor_service", "price"],
        "last_order_date": pd.to_datetime(["2024-12-31", "2024-12-31"])})  # fmt: skip
    lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"], "order_id": ["1", "2", "3", "4"],
        "order_date": pd.to_datetime(["2024-01-01", "2024-11-01", "2024-12-31", "2024-12-31"])})  # fmt: skip
    complaints = pd.DataFrame({"customer_id": ["A", "A"],
        "complaint_date": pd.to_datetime(["2025-01-20", "2025-03-01"])})  # fmt: skip
    comms = pd.DataFrame({"customer_id": ["A", "A", "A"],
        "comm_date": pd.to_datetime(["2024-02-01", "2024-12-01", "2025-01-15"]),
        "direction": ["outbound", "outbound", "outbound"], "responded": [True, False, True]})  # fmt: skip
    table = recovery.signs_before_leaving(
        winback, lines, complaints, comms, window_days=180, windows=2
    )
    assert table.attrs["customers"] == 1  # B bought for one day only
    assert table.index.tolist() == ["181-360 days", "1-180 days"]
    assert table["orders_per_customer"].tolist() == [0.0, 1.0]  # 2024-01-01 is 365 days before
    assert table["complained"].tolist() == [0.0, 1.0]  # 20 days after counts, 60 does not
    assert table["messages"].tolist() == [1, 1]  # the message after the last order is not counted
