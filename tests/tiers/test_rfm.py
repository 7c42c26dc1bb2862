"""crmkit.tiers.rfm: the RFM table, scores with ties and segments."""

from __future__ import annotations

import pandas as pd
from crmkit import data, tiers

from tests.tiers.tables import order_lines, rfm


def test_rfm_table_by_hand() -> None:
    table = tiers.rfm_table(order_lines(), as_of="2025-12-31")
    assert table.index.tolist() == ["A", "B"]  # C's only order is after as_of
    assert table.loc["A"].tolist() == [10, 3, 520.0]
    assert table.loc["B"].tolist() == [549, 1, 500.0]
    recent = tiers.rfm_table(order_lines(), as_of="2025-12-31", start="2025-01-01")
    assert recent.index.tolist() == ["A"]


def test_recency_score_five_is_the_most_recent() -> None:
    scores = tiers.rfm_scores(rfm())
    assert scores["r_score"].tolist() == [5, 3, 1, 4, 2]
    assert scores.loc["A", "rfm_code"] == "555"


def test_ties_share_a_score_or_break_by_row_order() -> None:
    shared = tiers.rfm_scores(rfm())["f_score"]
    assert shared[["B", "C", "E"]].tolist() == [1, 1, 1]
    first = tiers.rfm_scores(rfm(), ties="first")["f_score"]
    assert first[["B", "C", "E"]].tolist() == [1, 2, 3]  # identical customers, different scores


def test_segments_by_rule() -> None:
    scores = pd.DataFrame(
        {
            "r_score": [5, 3, 5, 3, 2, 1, 2, 1],
            "f_score": [4, 5, 1, 2, 5, 3, 1, 2],
            "m_score": [4, 1, 1, 1, 4, 1, 1, 5],
        }  # fmt: skip
    )
    assert tiers.rfm_segments(scores).tolist() == list(tiers.SEGMENTS)


def test_course_rfm_scores_are_balanced_quintiles() -> None:
    table = tiers.rfm_table(data.load_order_lines(), start="2024-01-01")
    scores = tiers.rfm_scores(table)
    shares = scores["r_score"].value_counts(normalize=True)
    assert shares.between(0.15, 0.25).all()
    assert set(tiers.rfm_segments(scores)) == set(tiers.SEGMENTS)
    assert (table["frequency"] >= 1).all()
