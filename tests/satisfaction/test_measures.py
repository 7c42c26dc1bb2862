"""crmkit.satisfaction.measures: the five measures the data gives."""

from __future__ import annotations

import pytest
from crmkit import satisfaction

from tests.satisfaction.tables import complaints, customers, order_lines, survey


def test_measures_by_hand() -> None:
    table = satisfaction.satisfaction_measures(survey(), order_lines(), complaints(), customers())
    top = table.loc[5]
    assert top["respondents"] == 2 and top["repeat_rate"] == 1.0
    assert top["purchase_amount"] == 160.0  # C3 80, C4 50 + 90 + 100: (80 + 240) / 2
    assert top["discount_share"] == pytest.approx(1 - 320 / 350, abs=1e-4)
    assert top["referrals"] == 0.5  # C3 brought C5
    assert table.loc[2, "complaint_rate"] == 1.0


def test_the_book_lists_six_measures_and_one_is_missing() -> None:
    assert len(satisfaction.MEASURES) == 6
    assert [k for k, (_, source, _) in satisfaction.MEASURES.items() if source is None] == [
        "aided_recall"
    ]
