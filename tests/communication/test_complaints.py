"""crmkit.communication.complaints: Pareto, handling groups and times, retention, the cited pattern."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import communication, data

from tests.communication.tables import complaints


def test_pareto_by_hand() -> None:
    table = communication.complaint_pareto(complaints())
    assert table.index[0] == "late_delivery" and table.loc["late_delivery", "count"] == 3
    assert table["cumulative_share"].iloc[-1] == 1.0
    lost = communication.complaint_pareto(
        complaints().assign(left=lambda t: t["outcome"].eq("left")), weight="left"
    )
    assert lost["count"].sum() == 3 and lost.index[0] in {
        "late_delivery",
        "billing_error",
        "staff_attitude",
    }


def test_handling_groups_by_hand() -> None:
    groups = communication.handling_groups(complaints())
    assert groups.tolist() == [
        "resolved_fast", "resolved_fast", "resolved_slow", "resolved_slow",
        "partially_resolved", "unresolved", "unresolved",
    ]  # fmt: skip
    assert communication.handling_groups(complaints(), fast_hours=100).iloc[2] == "resolved_fast"


def test_handling_groups_need_the_time_of_a_resolved_complaint() -> None:
    frame = complaints()
    frame.loc[0, "resolution_hours"] = None
    with pytest.raises(ValueError, match="resolution_hours"):
        communication.handling_groups(frame)


def test_handling_times_by_hand() -> None:
    times = communication.handling_times(complaints())
    assert times.loc["complaints"].tolist() == [7.0, 5.0]
    assert times.loc["median", "resolution_hours"] == 60.0
    assert times.loc["within_48h", "resolution_hours"] == 0.4


def test_retention_leaves_open_complaints_out() -> None:
    table = communication.retention_by_handling(complaints())
    assert table["complaints"].tolist() == [2, 2, 1, 1]
    assert table["rate"].tolist() == [1.0, 0.5, 0.0, 0.0]
    assert table.loc["unresolved", "open"] == 1
    by_category = communication.retention_by_handling(complaints(), by="category")
    assert by_category.loc["late_delivery", "rate"] == pytest.approx(2 / 3)


def test_retention_by_speed_by_hand() -> None:
    table = communication.retention_by_speed(complaints(), edges=(0, 48, 1000))
    assert table.index.tolist() == ["0-48h", "48-1000h"]
    assert table["rate"].tolist() == [1.0, 0.5]
    with pytest.raises(ValueError, match="edges"):
        communication.retention_by_speed(complaints(), edges=(48, 0))


def test_cited_pattern_by_hand() -> None:
    frame = pd.concat([complaints()] * 10, ignore_index=True)
    table = communication.cited_pattern(frame, {"resolved": 0.75, "resolved_fast": 0.5})
    assert (
        table.loc["resolved", "rate"] == 0.75 and table.loc["resolved", "verdict"] == "consistent"
    )
    assert table.loc["resolved_fast", "verdict"] == "above"
    assert communication.cited_pattern(frame, {"resolved": 0.99})["verdict"].item() == "below"


def test_course_complaints() -> None:
    """The planted effect the lesson reads: handling decides who stays; fast beats slow."""
    table = communication.retention_by_handling(data.load_complaints())
    assert table["rate"].is_monotonic_decreasing
    assert table.loc["resolved_fast", "lower"] > table.loc["unresolved", "upper"]
    verdicts = communication.cited_pattern(data.load_complaints())["verdict"]
    assert verdicts["resolved"] == "above"
