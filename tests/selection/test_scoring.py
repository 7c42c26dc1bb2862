"""crmkit.selection.scoring: good-customer measures, traits, scores and their sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import selection

from tests.selection.tables import invoices, measures, payments, profitability, traits


def test_trait_measures_by_hand() -> None:
    table = profitability()
    result = measures()
    assert result.index.tolist() == ["A", "B"]  # C has no revenue
    a = result.loc["A"]
    assert a["monthly_revenue"] == pytest.approx(900 / (364 / (365 / 12)))
    assert a["margin"] == pytest.approx(table.loc["A", "profit"] / 900)
    assert a["discount_rate"] == pytest.approx(200 / 1100)
    assert a["service_cost_share"] == pytest.approx(155 / 900)
    assert a["recent_share"] == 1.0  # everything in the last 365 days
    assert (
        a["days_late"] == selection.late_payment_costs(invoices(), payments()).loc["A", "days_late"]
    )


def test_trait_scores_direction_and_missing() -> None:
    table = pd.DataFrame(
        {
            "monthly_revenue": [1.0, 2.0, 3.0],
            "margin": [0.1, 0.2, 0.3],
            "discount_rate": [0.3, 0.2, 0.1],
            "days_late": [30.0, np.nan, 0.0],
            "service_cost_share": [0.3, 0.2, 0.1],
            "recent_share": [0.0, 0.5, 1.0],
        },
        index=["X", "Y", "Z"],
    )
    scores = selection.trait_scores(table)
    assert scores.columns.tolist() == list(selection.TRAITS)
    assert scores.loc["Z"].tolist() == [1.0, 1.0, 1.0, 1.0, 1.0]
    assert scores.loc["Y", "payment"] == 0.5  # missing -> average
    assert scores.loc["X", "payment"] == 0.5  # worst of the two known -> 1/2
    assert scores.loc["X", "purchase_power"] == pytest.approx(1 / 3, abs=1e-4)


def test_good_customer_score_weights() -> None:
    table = traits()
    equal = selection.good_customer_score(table)
    assert equal.tolist() == (table.mean(axis=1) * 100).round(2).tolist()
    scaled = selection.good_customer_score(table, {trait: 7 for trait in selection.TRAITS})
    assert scaled.equals(equal)
    only_power = selection.good_customer_score(table, {"purchase_power": 1})
    assert only_power.tolist() == (table["purchase_power"] * 100).tolist()
    with pytest.raises(ValueError, match="all 0"):
        selection.good_customer_score(table, {"payment": 0})
    with pytest.raises(ValueError, match="'loyalty'"):
        selection.good_customer_score(table, {"loyalty": 1})


def test_top_customers_order_and_size() -> None:
    top = selection.top_customers(traits(), n=2)
    assert top.index.tolist() == ["B", "D"]  # 70 and 65
    assert top.columns.tolist() == ["score", *selection.TRAITS]
    assert len(selection.top_customers(traits(), n=10)) == 4


def test_weight_sensitivity_shape() -> None:
    table = selection.weight_sensitivity(traits(), n=2)
    assert len(table) == 2 * len(selection.TRAITS)
    assert table["kept_in_top"].between(0, 2).all()
    assert table.loc["purchase_power x2", "rank_correlation"] <= 1.0
    only = selection.weight_sensitivity(traits(), {"payment": 1}, n=1)
    assert "without payment" not in only.index  # would leave no weight at all


def test_top_frequency_properties() -> None:
    share = selection.top_frequency(traits(), n=2, draws=200, seed=3)
    assert share.between(0, 1).all()
    assert share.sum() == pytest.approx(2.0)  # each draw puts exactly 2 customers in the top 2
    assert share.equals(selection.top_frequency(traits(), n=2, draws=200, seed=3))
    dominant = traits()
    dominant.loc["C"] = 1.0
    assert selection.top_frequency(dominant, n=1, draws=50).loc["C"] == 1.0


def test_high_margin_share_by_hand() -> None:
    from tests.selection.tables import order_lines

    # A: line 1 margin 1 - 500/1000 = 0.5 (high), line 2 1 - 60/100 = 0.4; the 2026 line is later.
    share = selection.high_margin_share(order_lines())
    assert share.loc["A"] == pytest.approx(800 / 900, abs=1e-4)
    assert share.loc["B"] == pytest.approx(0.0)  # 1 - 300/500 = 0.4
    assert share.name == selection.MIX_MEASURE
    assert selection.high_margin_share(order_lines(), high_margin=0.4).loc["B"] == 1.0


def test_the_mix_measure_is_optional_and_counts_in_purchase_power() -> None:
    from tests.selection.tables import order_lines

    plain = measures()
    assert list(plain.columns) == list(selection.MEASURES)  # the original score, unchanged
    mixed = selection.trait_measures(
        profitability(), order_lines(), invoices(), payments(), high_margin=selection.HIGH_MARGIN
    )
    assert list(mixed.columns) == [
        plain.columns[0], selection.MIX_MEASURE, *plain.columns[1:]
    ]  # fmt: skip
    pd.testing.assert_frame_equal(mixed[list(selection.MEASURES)], plain)
    table = pd.DataFrame(
        {"monthly_revenue": [1.0, 2.0], "high_margin_share": [0.9, 0.1], "margin": [0.1, 0.1],
         "discount_rate": [0.1, 0.1], "days_late": [0.0, 0.0], "service_cost_share": [0.1, 0.1],
         "recent_share": [0.5, 0.5]}, index=["X", "Y"],
    )  # fmt: skip
    with_mix = selection.trait_scores(table)["purchase_power"].tolist()
    without = selection.trait_scores(table.drop(columns="high_margin_share"))["purchase_power"]
    assert with_mix == [0.75, 0.75] and without.tolist() == [0.5, 1.0]
