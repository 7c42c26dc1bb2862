"""crmkit.satisfaction.ipa: the quadrants."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, satisfaction


def test_quadrants_by_hand() -> None:
    performance = pd.Series({"a": 5.0, "b": 4.0, "c": 6.0, "d": 3.0})  # mean 4.5
    importance = pd.Series({"a": 6.0, "b": 6.5, "c": 3.0, "d": 2.0})  # mean 4.375
    table = satisfaction.ipa_table(performance, importance)
    assert table["quadrant"].to_dict() == {
        "a": "keep_up", "b": "concentrate_here", "c": "possible_overkill", "d": "low_priority",
    }  # fmt: skip
    assert set(satisfaction.QUADRANTS) == set(table["quadrant"])


def test_components_must_match() -> None:
    with pytest.raises(ValueError, match="same components"):
        satisfaction.ipa_table(pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"a": 1.0, "c": 2.0}))


def test_course_data_the_picture_moves_with_derived_importance() -> None:
    survey = data.load_survey()
    performance = satisfaction.gap_table(survey)["perception"]
    stated = satisfaction.ipa_table(performance, satisfaction.stated_importance(survey))
    derived = satisfaction.ipa_table(
        performance, satisfaction.derived_importance(survey)["coefficient"]
    )
    assert stated.loc["time_cost", "quadrant"] == "concentrate_here"
    assert derived.loc["time_cost", "quadrant"] == "low_priority"
    assert (stated["quadrant"] != derived["quadrant"]).sum() >= 4
