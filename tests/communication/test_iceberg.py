"""crmkit.communication.iceberg: the estimate and the seeded simulation."""

from __future__ import annotations

import pytest
from crmkit import communication


def test_estimate_by_hand() -> None:
    estimate = communication.iceberg_estimate(8, 0.08)
    assert estimate.to_dict() == {"complaints": 8.0, "problems": 100.0, "silent": 92.0}
    assert communication.iceberg_estimate(0)["silent"] == 0.0


def test_simulation_is_seeded_and_centred() -> None:
    first = communication.simulate_iceberg(50, 0.1, runs=5000, seed=7)
    again = communication.simulate_iceberg(50, 0.1, runs=5000, seed=7)
    assert first.equals(again)
    assert first["silent"].mean() == pytest.approx(450, rel=0.03)
    assert (first["problems"] - first["silent"]).eq(50).all()
