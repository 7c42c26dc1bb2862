"""crmkit.tiers.migration: the transition matrix, moves, and making the pyramid move."""

from __future__ import annotations

import pandas as pd
from crmkit import tiers

from tests.tiers.tables import profitability, tier_labels


def test_matrix_counts_customers_missing_from_a_year_as_none() -> None:
    before = pd.Series(["gold", "iron", "iron", "lead"], index=["A", "B", "C", "D"])
    after = pd.Series(["gold", "gold", "lead", "iron"], index=["A", "B", "C", "E"])
    counts = tiers.migration_matrix(before, after)
    assert counts.to_numpy().sum() == 5
    assert counts.loc["lead", "none"] == 1 and counts.loc["none", "iron"] == 1
    shares = tiers.migration_shares(counts)
    assert shares.sum(axis=1).tolist() == [1.0] * 4
    assert shares.loc["iron", "gold"] == 0.5


def test_moves() -> None:
    before = pd.Series(["gold", "iron", "lead", "platinum"], index=["A", "B", "C", "D"])
    after = pd.Series(["gold", "gold", "none", "iron"], index=["A", "B", "C", "D"])
    assert tiers.tier_moves(before, after)["move"].tolist() == ["same", "up", "down", "down"]


def test_move_up_effect_by_hand() -> None:
    effect = tiers.move_up_effect(profitability(), tier_labels(), share=1 / 3)
    assert effect["customers_moved"] == 1
    assert effect["profit_gain"] == 350.0 - 80.0  # gold median - iron median
    assert effect["revenue_gain"] == 1750.0 - 600.0


def test_course_tiers_move_between_years(
    profit_2024: pd.DataFrame, profit_2025: pd.DataFrame
) -> None:
    before = tiers.pyramid_tiers(profit_2024["profit"])
    after = tiers.pyramid_tiers(profit_2025["profit"])
    moves = tiers.tier_moves(before, after)["move"].value_counts()
    assert moves["up"] > 100 and moves["down"] > 100
    counts = tiers.migration_matrix(before, after)
    assert counts.loc["none", "none"] == 0
    effect = tiers.move_up_effect(profit_2025, after)
    assert effect["profit_gain"] > 0
