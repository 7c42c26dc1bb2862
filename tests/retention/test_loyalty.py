"""crmkit.retention.loyalty: the book's figures and the lost-customer calculator."""

from __future__ import annotations

import pytest
from crmkit import retention


def test_the_supermarket_case_by_hand() -> None:
    low = retention.lost_customer_value()
    assert low["direct"] == 50 * 52 * 10
    assert low["people_lost"] == 10 * 0.25
    assert low["total"] == pytest.approx(26_000 * 3.5)
    high = retention.lost_customer_value(people_told=20)
    assert high["total"] == pytest.approx(26_000 * 6)


def test_nobody_told_means_only_her_own_spending() -> None:
    values = retention.lost_customer_value(80.0, 52, 5, people_told=0)
    assert values["total"] == values["direct"] == 80 * 52 * 5


def test_win_vs_keep() -> None:
    table = retention.win_vs_keep(30.0, 15)
    assert table.to_dict() == {"keep_cost": 30.0, "win_cost": 450.0, "saving": 420.0}


def test_the_book_figures_and_definitions() -> None:
    assert retention.BOOK_FIGURES["win_vs_keep_multiple"] == (5, 6)
    assert set(retention.LOYALTY_TYPES) >= {"true_loyalty", "spurious_loyalty"}
    assert len(retention.MISCONCEPTIONS) == 3
