"""crmkit.acquisition.conversion: Wilson intervals, conversion rates and two-group comparisons."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import acquisition
from hypothesis import given
from hypothesis import strategies as st

from tests.bad_input_support import fast

FAST = fast(max_examples=30)


def test_wilson_known_values() -> None:
    row = acquisition.wilson_interval(20, 100).iloc[0]
    # the textbook values (for example scipy's binomtest(...).proportion_ci("wilson"))
    assert row["lower"] == pytest.approx(0.133367, abs=1e-6)
    assert row["upper"] == pytest.approx(0.288829, abs=1e-6)


@FAST
@given(
    trials=st.integers(1, 400),
    share=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_matches_scipy(trials: int, share: float, confidence: float) -> None:
    from scipy.stats import binomtest

    successes = round(share * trials)
    row = acquisition.wilson_interval(successes, trials, confidence).iloc[0]
    reference = binomtest(successes, trials).proportion_ci(confidence, method="wilson")
    assert row["lower"] == pytest.approx(reference.low, abs=1e-9)
    assert row["upper"] == pytest.approx(reference.high, abs=1e-9)
    assert 0 <= row["lower"] <= row["rate"] <= row["upper"] <= 1


def test_wilson_edges_and_series() -> None:
    assert acquisition.wilson_interval(0, 10).iloc[0]["lower"] == 0
    assert acquisition.wilson_interval(10, 10).iloc[0]["upper"] == pytest.approx(1)
    assert acquisition.wilson_interval(0, 0).iloc[0][["rate", "lower", "upper"]].isna().all()
    wins = pd.Series({"x": 3, "y": 0})
    table = acquisition.wilson_interval(wins, pd.Series({"x": 10, "y": 5}))
    assert table.index.tolist() == ["x", "y"]
    assert table["rate"].tolist() == [0.3, 0.0]
    broadcast = acquisition.wilson_interval(wins, 10)
    assert broadcast["trials"].tolist() == [10, 10]


def test_wilson_refuses_mismatched_labels_and_too_many_successes() -> None:
    with pytest.raises(ValueError, match="same labels"):
        acquisition.wilson_interval(pd.Series({"x": 1}), pd.Series({"y": 2}))
    with pytest.raises(ValueError, match="successes must not be larger"):
        acquisition.wilson_interval(5, 3)


def test_wider_interval_for_fewer_trials_and_higher_confidence() -> None:
    small = acquisition.wilson_interval(3, 10).iloc[0]
    large = acquisition.wilson_interval(300, 1000).iloc[0]
    assert small["upper"] - small["lower"] > large["upper"] - large["lower"]
    wide = acquisition.wilson_interval(30, 100, 0.99).iloc[0]
    narrow = acquisition.wilson_interval(30, 100, 0.90).iloc[0]
    assert wide["upper"] - wide["lower"] > narrow["upper"] - narrow["lower"]


def test_conversion_rates(leads: pd.DataFrame) -> None:
    table = acquisition.conversion_rates(leads)
    assert table.loc["a", ["leads", "won"]].tolist() == [5, 1]
    assert table.loc["b", "rate"] == pytest.approx(2 / 3)
    assert acquisition.conversion_rates(leads, exclude_open=False).loc["a", "leads"] == 6
    assert acquisition.conversion_rates(leads, by=None).loc["all", "won"] == 3


def binary_leads(wins_a: int, n_a: int, wins_b: int, n_b: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "prospecting_method": ["a"] * n_a + ["b"] * n_b,
            "status": ["won"] * wins_a
            + ["lost"] * (n_a - wins_a)
            + ["won"] * wins_b
            + ["lost"] * (n_b - wins_b),
        }
    )


def test_compare_conversion_real_and_not() -> None:
    clear = acquisition.compare_conversion(binary_leads(60, 200, 20, 200), "a", "b").iloc[0]
    assert clear["difference"] == pytest.approx(0.2)
    assert clear["real"] and clear["lower"] > 0 and clear["p_value"] < 0.001
    same = acquisition.compare_conversion(binary_leads(20, 100, 21, 100), "a", "b").iloc[0]
    assert not same["real"] and same["lower"] < 0 < same["upper"] and same["p_value"] > 0.5


def test_compare_conversion_is_antisymmetric() -> None:
    frame = binary_leads(30, 90, 12, 80)
    ab = acquisition.compare_conversion(frame, "a", "b").iloc[0]
    ba = acquisition.compare_conversion(frame, "b", "a").iloc[0]
    assert ab["difference"] == pytest.approx(-ba["difference"])
    assert ab["lower"] == pytest.approx(-ba["upper"])
    assert ab["p_value"] == pytest.approx(ba["p_value"])


def test_compare_conversion_refuses_one_group_twice_and_unknown_groups() -> None:
    frame = binary_leads(3, 10, 2, 10)
    with pytest.raises(ValueError, match="same group"):
        acquisition.compare_conversion(frame, "a", "a")
    with pytest.raises(ValueError, match="Did you mean 'a'"):
        acquisition.compare_conversion(frame, "A", "b")


def test_bootstrap_is_reproducible_and_agrees_with_newcombe() -> None:
    frame = binary_leads(40, 150, 20, 160)
    one = acquisition.bootstrap_difference(frame, "a", "b", seed=7)
    two = acquisition.bootstrap_difference(frame, "a", "b", seed=7)
    pd.testing.assert_frame_equal(one, two)
    other = acquisition.bootstrap_difference(frame, "a", "b", seed=8)
    assert not one.equals(other)
    newcombe = acquisition.compare_conversion(frame, "a", "b").iloc[0]
    boot = one.iloc[0]
    assert boot["difference"] == pytest.approx(newcombe["difference"])
    assert boot["lower"] == pytest.approx(newcombe["lower"], abs=0.02)
    assert boot["upper"] == pytest.approx(newcombe["upper"], abs=0.02)
    assert boot["real"] == newcombe["real"]


# --------------------------------------------------------------------------- the course data


def test_chapter_comparisons_on_course_data(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    assert acquisition.compare_conversion(leads, "referral", "telephone")["real"].item()
    assert not acquisition.compare_conversion(leads, "bird_dog", "events")["real"].item()
