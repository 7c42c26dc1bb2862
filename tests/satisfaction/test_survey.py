"""crmkit.satisfaction.survey: gaps and states per respondent, expectation by group."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, satisfaction

from tests.satisfaction.tables import survey


def test_gaps_are_perception_minus_expectation() -> None:
    gaps = satisfaction.satisfaction_gaps(survey())
    assert gaps.shape == (4, 8)
    assert gaps["product"].tolist() == [-1.0, 0.0, 1.0, 1.0]


def test_states_follow_the_mean_gap() -> None:
    states = satisfaction.satisfaction_states(survey())
    assert states["state"].tolist() == ["dissatisfied", "satisfied", "delighted", "delighted"]
    assert satisfaction.satisfaction_states(survey(), tolerance=1.0)["state"].eq("satisfied").all()


def test_scores_reject_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind"):
        satisfaction.scores(survey(), "hope")


def test_mean_interval_by_hand() -> None:
    table = satisfaction.mean_interval(pd.DataFrame({"gap": [1.0, 2.0, 3.0]}))
    # mean 2, sd 1, t(2, 0.975) = 4.303: half-width 4.303 / sqrt(3) = 2.484
    assert table.loc["gap", "lower"] == pytest.approx(-0.484, abs=1e-3)


def test_expectation_by_group() -> None:
    groups = pd.Series(["new", "new", "old", "old"], name="tenure")
    table = satisfaction.expectation_by(survey(), groups)
    assert table["mean"].tolist() == [5.0, 5.0]
    assert table.index.name == "tenure"


def test_course_survey_states_cover_all_three() -> None:
    states = satisfaction.satisfaction_states(data.load_survey())["state"].value_counts()
    assert (states > 100).all()
