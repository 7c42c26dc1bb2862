"""crmkit.satisfaction.expectation: promises, the simulation, the cases."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import satisfaction
from crmkit.vocabulary import SURVEY_COMPONENTS


def test_promise_outcomes_by_hand() -> None:
    hours = pd.Series([2.0, 10.0, 20.0, 30.0])
    table = satisfaction.promise_outcomes(hours, [24, 48])
    assert table.loc["24"].tolist() == [0.25, 0.25, 0.5, 0.75]
    assert table.loc["48", "dissatisfied"] == 0.0


def test_a_longer_promise_is_kept_more_often() -> None:
    hours = pd.Series(range(1, 100), dtype=float)
    kept = satisfaction.promise_outcomes(hours, [12, 24, 48, 72])["kept"]
    assert kept.is_monotonic_increasing


def test_simulation_is_seeded_and_centred() -> None:
    hours = pd.Series([2.0, 10.0, 20.0, 30.0])
    first = satisfaction.simulate_promise(hours, [24], customers=200, runs=500, seed=3)
    assert first.equals(satisfaction.simulate_promise(hours, [24], customers=200, runs=500, seed=3))
    assert first.loc["24", "dissatisfied_mean"] == pytest.approx(0.25, abs=0.02)


def test_every_case_names_a_lever() -> None:
    levers = {lever for lever, _ in satisfaction.CASES.values()}
    assert levers <= {"expectation", *SURVEY_COMPONENTS}
    assert len(satisfaction.CASES) == 11
