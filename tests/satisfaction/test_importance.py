"""crmkit.satisfaction.importance: stated and derived importance, the index."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, satisfaction
from crmkit.vocabulary import SURVEY_COMPONENTS

from tests.satisfaction.tables import big_survey, survey


def test_stated_importance_by_hand() -> None:
    stated = satisfaction.stated_importance(survey())
    assert stated["product"] == 7.0 and stated["physical_cost"] == 1.0


def test_derived_importance_recovers_the_planted_weights() -> None:
    derived = satisfaction.derived_importance(big_survey())
    assert derived.loc["product", "coefficient"] == pytest.approx(0.5, abs=0.01)
    assert derived.loc["service", "coefficient"] == pytest.approx(0.25, abs=0.01)
    assert derived.loc["image", "lower"] < 0 < derived.loc["image", "upper"]
    assert derived.attrs["respondents"] == 120 and derived.attrs["r_squared"] > 0.9


def test_derived_importance_matches_numpy_least_squares() -> None:
    frame = big_survey()
    x = frame[[f"perceive_{c}" for c in SURVEY_COMPONENTS]].to_numpy(float)
    x = pd.DataFrame(x).assign(const=1.0).to_numpy()
    beta, *_ = __import__("numpy").linalg.lstsq(x, frame["overall_satisfaction"], rcond=None)
    derived = satisfaction.derived_importance(frame)
    assert derived["coefficient"].to_numpy() == pytest.approx(beta[:8], abs=1e-4)


def test_too_few_respondents() -> None:
    with pytest.raises(ValueError, match="at least 10"):
        satisfaction.derived_importance(survey())


def test_importance_table_ranks() -> None:
    table = satisfaction.importance_table(big_survey())
    assert table.loc["product", "derived_rank"] == 1
    assert sorted(table["stated_rank"]) == sorted(
        table["stated"].rank(ascending=False, method="min")
    )


def test_satisfaction_index_by_hand() -> None:
    weights = pd.Series(1.0, index=SURVEY_COMPONENTS)
    index = satisfaction.satisfaction_index(survey(), weights)
    # perception 4, 5, 6 on 1-7 -> (p - 1) / 6 * 100
    assert index.tolist() == pytest.approx([50.0, 66.6667, 83.3333, 83.3333], abs=1e-3)


def test_course_data_stated_and_derived_disagree() -> None:
    table = satisfaction.importance_table(data.load_survey())
    assert table.loc["time_cost", "stated_rank"] <= 2
    assert table.loc["time_cost", "derived_rank"] == 8
