"""crmkit.selection.lookalike: loyal accounts, look-alike profiles and scores, outcomes, lift."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, selection

from tests.selection.tables import AS_OF, account_profit, leads, lift_inputs

# The years of leads the lesson evaluates the look-alike scores on (chapter 02's exercise 2.8).
EVALUATION_YEARS = (2022, 2024)


def test_loyal_accounts_boundaries() -> None:
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B", "C", "D"],
            "order_date": [
                AS_OF - pd.Timedelta(days=730),
                AS_OF - pd.Timedelta(days=180),
                AS_OF - pd.Timedelta(days=729),
                AS_OF,
                AS_OF - pd.Timedelta(days=900),
                AS_OF + pd.Timedelta(days=3),
            ],
        }
    )
    loyal = selection.loyal_accounts(lines)
    assert loyal.to_dict() == {"A": True, "B": False, "C": False}  # D only buys after as_of


def test_lookalike_profile_by_hand() -> None:
    profile = selection.lookalike_profile(
        leads(), ["B1", "B2"], attributes=["region", "est_monthly_volume"], bins=2
    )
    region = profile.loc["region"]
    # loyal: East 2 of 2; smoothed (2 + 1) / (2 + 3) = 0.6; East is 2 of 6 leads
    assert region.loc["East", "loyal_share"] == 0.6
    assert region.loc["East", "index"] == round(0.6 / (2 / 6), 4)
    assert region.loc["North", "loyal"] == 0
    volume = profile.loc["est_monthly_volume"]
    assert volume.index.tolist() == ["Q1 <= 550", "Q2 > 550"]
    for attribute in ["region", "est_monthly_volume"]:
        assert profile.loc[attribute, "lead_share"].sum() == pytest.approx(1.0)
        assert profile.loc[attribute, "loyal_share"].sum() == pytest.approx(1.0)


def test_lookalike_scores_rank_the_loyal_type_first() -> None:
    similarity = selection.lookalike_scores(
        leads(), ["B1", "B2"], attributes=["region", "est_monthly_volume"], bins=2
    )
    assert similarity.index.tolist() == ["L1", "L2", "L3", "L4", "L5", "L6"]
    assert similarity["L1"] == similarity["L2"] > 1 > similarity["L4"]
    assert similarity["L4"] == similarity["L5"]


def test_lookalike_needs_loyal_leads() -> None:
    with pytest.raises(ValueError, match="loyal_ids"):
        selection.lookalike_profile(leads(), ["B9"], attributes=["region"])


def test_lead_outcomes_by_hand() -> None:
    outcomes = selection.lead_outcomes(leads(), account_profit(), top_fraction=0.34)
    assert outcomes["converted"].tolist() == [True, True, True, False, False, False]
    assert outcomes.loc["L1", "monthly_profit"] == 100.0  # 1200 over 12 months
    assert outcomes.loc["L2", "monthly_profit"] == -10.0  # -240 over 24 months
    assert outcomes.loc["L3", "monthly_profit"] == round(900 / (184 / (365 / 12)), 2)
    assert outcomes["high_value"].tolist() == [False, False, True, False, False, False]


def test_lift_table_by_hand() -> None:
    inputs = lift_inputs()
    table = selection.lift_table(**inputs)
    assert table["leads"].tolist() == [3, 2]  # 5 leads: the first band takes the extra one
    assert table["hits"].tolist() == [2, 1]
    assert table["lift"].tolist() == [round((2 / 3) / 0.6, 2), round(0.5 / 0.6, 2)]
    weighted = (table["rate"] * table["leads"]).sum() / table["leads"].sum()
    assert weighted == pytest.approx(inputs["outcome"].mean(), abs=1e-3)


def test_lift_table_ties_keep_the_given_order() -> None:
    scores = pd.Series([1.0, 1.0, 1.0, 1.0], index=list("abcd"))
    outcome = pd.Series([True, False, False, False], index=list("abcd"))
    assert selection.lift_table(scores, outcome, bands=2)["hits"].tolist() == [1, 0]


def test_course_lookalike_lift_is_real(course_profit: pd.DataFrame) -> None:
    """Leads that look like the loyal accounts convert more often, even leaving out the loyal
    accounts' own leads (which built the profile)."""
    course_leads = data.load_leads()
    loyal = selection.loyal_accounts(data.load_order_lines())
    loyal_ids = loyal.index[loyal & loyal.index.str.startswith("B")]
    similarity = selection.lookalike_scores(course_leads, loyal_ids)
    outcomes = selection.lead_outcomes(course_leads, course_profit["profit"])
    evaluated = course_leads[course_leads["created_date"].dt.year.between(*EVALUATION_YEARS)]
    own = evaluated["customer_id"].isin(loyal_ids).fillna(False)
    fair = pd.Index(evaluated.loc[~own, "lead_id"])
    table = selection.lift_table(similarity.loc[fair], outcomes.loc[fair, "converted"])
    assert table.loc[1, "lift"] > 1.2 > 0.9 > table.loc[5, "lift"]
