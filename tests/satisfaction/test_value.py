"""crmkit.satisfaction.value: delivered value and the survey's profile."""

from __future__ import annotations

import pytest
from crmkit import data, satisfaction

from tests.satisfaction.tables import profile, survey


def test_delivered_value_by_hand() -> None:
    assert satisfaction.delivered_value(profile()).tolist() == [20.0, 11.0, 9.0]
    many = satisfaction.delivered_value(profile().to_frame().T)
    assert many["delivered_value"].tolist() == [9.0]


def test_scores_outside_the_scale() -> None:
    with pytest.raises(ValueError, match="1 to 7"):
        satisfaction.delivered_value(profile() * 2)


def test_profiles_turn_cost_perceptions_into_costs() -> None:
    profiles = satisfaction.value_profiles(survey())
    assert profiles.loc[0, "product"] == 4.0 and profiles.loc[0, "money_cost"] == 4.0
    assert profiles.loc[2, "money_cost"] == 2.0  # perceived 6 (cost felt low) -> cost 2


def test_course_profile_has_positive_delivered_value() -> None:
    value = satisfaction.delivered_value(satisfaction.survey_profile(data.load_survey()))
    assert value["delivered_value"] > 0
