"""crmkit.acquisition.funnel: decided leads, the funnel, stage conversion and durations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition

from tests.acquisition.tables import AS_OF


def test_decided_and_matured_leads(leads: pd.DataFrame) -> None:
    assert len(acquisition.decided_leads(leads)) == 8
    assert set(acquisition.decided_leads(leads)["status"]) == {"won", "lost"}
    assert len(acquisition.matured_leads(leads, AS_OF, min_age_days=180)) == 8
    # the boundary: a lead created exactly min_age_days before as_of is old enough
    assert len(acquisition.matured_leads(leads, "2025-12-31", min_age_days=30)) == 9
    assert len(acquisition.matured_leads(leads, "2025-12-31", min_age_days=31)) == 8


def test_funnel_counts_leads_reaching_at_least_each_stage(leads: pd.DataFrame) -> None:
    table = acquisition.funnel(leads)
    assert table.columns.tolist() == acquisition.STAGES
    assert table.index.name == "prospecting_method"
    assert table.loc["a"].tolist() == [5, 4, 3, 2, 1]
    assert table.loc["b"].tolist() == [3, 2, 2, 2, 2]
    assert (table.dtypes == "int64").all()


def test_funnel_with_open_leads_and_as_one_group(leads: pd.DataFrame) -> None:
    assert acquisition.funnel(leads, exclude_open=False).loc["a"].tolist() == [6, 5, 4, 2, 1]
    company = acquisition.funnel(leads, by=None)
    assert company.index.tolist() == ["all"]
    assert company.loc["all"].tolist() == [8, 6, 5, 4, 3]


def test_funnel_accepts_text_stages(leads: pd.DataFrame) -> None:
    text = leads.assign(stage_reached=leads["stage_reached"].astype(str))
    pd.testing.assert_frame_equal(acquisition.funnel(text), acquisition.funnel(leads))


def test_funnel_refuses_status_and_stage_that_disagree(leads: pd.DataFrame) -> None:
    broken = leads.copy()
    broken["stage_reached"] = broken["stage_reached"].astype(str)
    broken.loc[3, "stage_reached"] = "won"  # still "lost"
    with pytest.raises(ValueError, match="status and stage_reached disagree"):
        acquisition.funnel(broken)


def test_stage_conversion_by_hand(leads: pd.DataFrame) -> None:
    rates = acquisition.stage_conversion(acquisition.funnel(leads))
    assert rates.columns.tolist() == acquisition.STEPS + ["overall"]
    assert rates.loc["a"].tolist() == pytest.approx([4 / 5, 3 / 4, 2 / 3, 1 / 2, 1 / 5])
    assert rates.loc["b"].tolist() == pytest.approx([2 / 3, 1, 1, 1, 2 / 3])


def test_stage_conversion_step_from_an_empty_stage_is_missing() -> None:
    counts = pd.DataFrame(
        {"lead": [4], "contacted": [0], "qualified": [0], "proposal": [0], "won": [0]}, index=["x"]
    )
    rates = acquisition.stage_conversion(counts).loc["x"]
    assert rates["lead_to_contacted"] == 0
    assert (
        rates[["contacted_to_qualified", "qualified_to_proposal", "proposal_to_won"]].isna().all()
    )
    assert rates["overall"] == 0


def test_days_to_convert(leads: pd.DataFrame) -> None:
    table = acquisition.days_to_convert(leads)
    assert table.loc["a"].tolist() == [1, 40.0, 40.0, 40]
    assert table.loc["b", "won"] == 2


def test_days_to_convert_rejects_wins_before_creation(leads: pd.DataFrame) -> None:
    broken = leads.copy()
    broken.loc[4, "won_date"] = pd.Timestamp("2024-01-01")
    with pytest.raises(ValueError, match="won before they were created"):
        acquisition.days_to_convert(broken)


def test_stage_durations(leads: pd.DataFrame) -> None:
    table = acquisition.stage_durations(leads)
    assert table.loc["all"].tolist() == [10.0, 10.0, 10.0, 10.0]
    assert acquisition.stage_durations(leads, "prospecting_method").index.tolist() == ["a", "b"]


# --------------------------------------------------------------------------- the course data


def test_every_prospecting_method_is_in_the_leads(course: dict[str, pd.DataFrame]) -> None:
    funnel = acquisition.funnel(course["leads"])
    assert sorted(funnel.index) == sorted(acquisition.METHODS)
    assert set(acquisition.METHOD_LABELS) == set(acquisition.METHODS)
    assert funnel.diff(axis=1).iloc[:, 1:].le(0).all().all()  # a funnel only narrows


def test_overall_is_the_product_of_the_steps_on_course_data(
    course: dict[str, pd.DataFrame],
) -> None:
    rates = acquisition.stage_conversion(acquisition.funnel(course["leads"]))
    product = rates[acquisition.STEPS].prod(axis=1)
    np.testing.assert_allclose(product, rates["overall"])
