"""crmkit.satisfaction.nps: groups, the score, the bootstrap table."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, satisfaction

from tests.satisfaction.tables import survey


def test_groups_and_score_by_hand() -> None:
    scores = survey()["likelihood_to_recommend"]  # 3, 7, 9, 10
    assert satisfaction.nps_groups(scores).tolist() == [
        "detractor",
        "passive",
        "promoter",
        "promoter",
    ]
    assert satisfaction.net_promoter_score(scores) == 25.0  # 50% - 25%


def test_scores_out_of_range() -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        satisfaction.net_promoter_score(pd.Series([11]))


def test_table_is_seeded_and_brackets_the_score() -> None:
    frame = survey()
    first = satisfaction.nps_table(frame, runs=300, seed=5)
    assert first.equals(satisfaction.nps_table(frame, runs=300, seed=5))
    row = first.loc["all"]
    assert row["lower"] <= row["nps"] <= row["upper"]
    assert row[["promoters", "passives", "detractors"]].sum() == pytest.approx(1.0)


def test_course_data_nps_is_negative_and_teams_differ() -> None:
    survey_ = data.load_survey()
    overall = satisfaction.nps_table(survey_).loc["all"]
    assert overall["nps"] < 0 and overall["upper"] - overall["lower"] < 15
    teams = survey_.merge(data.load_customers()[["customer_id", "team_id"]], on="customer_id")
    table = satisfaction.nps_table(teams, "team_id")
    assert table.loc["T06", "lower"] > table.loc["T07", "upper"]
