"""crmkit.acquisition.multiple: every pair of methods, with adjusted p-values."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition, data
from statsmodels.stats.multitest import multipletests


def three_methods() -> pd.DataFrame:
    """a converts 30 of 100, b 10 of 100, c 18 of 100 (and one open lead of c)."""
    status = ["won"] * 30 + ["lost"] * 70 + ["won"] * 10 + ["lost"] * 90
    status += ["won"] * 18 + ["lost"] * 82 + ["open"]
    return pd.DataFrame(
        {"prospecting_method": ["a"] * 100 + ["b"] * 100 + ["c"] * 101, "status": status}
    )


def test_one_row_per_pair_in_sorted_order() -> None:
    table = acquisition.pairwise_conversion(three_methods())
    assert table.index.tolist() == ["a vs b", "a vs c", "b vs c"]
    assert table[["first", "second"]].to_numpy().tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert table["difference"].round(2).tolist() == [0.2, 0.12, -0.08]


def test_p_values_match_compare_conversion() -> None:
    leads = three_methods()
    table = acquisition.pairwise_conversion(leads, adjust="none")
    for first, second in itertools.combinations("abc", 2):
        single = acquisition.compare_conversion(leads, first, second)
        assert table.loc[f"{first} vs {second}", "p_value"] == pytest.approx(
            single["p_value"].item(), abs=1e-12
        )
    assert (table["p_adjusted"] == table["p_value"]).all()


@pytest.mark.parametrize("method", ["holm", "fdr_bh", "bonferroni"])
def test_adjusted_p_values_are_statsmodels(method: str) -> None:
    table = acquisition.pairwise_conversion(three_methods(), adjust=method)
    expected = multipletests(table["p_value"], alpha=0.05, method=method)[1]
    np.testing.assert_allclose(table["p_adjusted"], expected)
    assert (table["p_adjusted"] >= table["p_value"] - 1e-15).all()
    assert (table["flagged_adjusted"] == (table["p_adjusted"] < 0.05)).all()


def test_holm_is_stricter_than_testing_alone() -> None:
    table = acquisition.pairwise_conversion(three_methods())
    assert table["flagged"].tolist() == [True, True, False]
    assert table["flagged_adjusted"].tolist() == [True, False, False]


def test_open_leads_are_left_out_unless_asked() -> None:
    decided = acquisition.pairwise_conversion(three_methods())
    with_open = acquisition.pairwise_conversion(three_methods(), exclude_open=False)
    assert decided.loc["a vs c", "rate_second"] == 0.18
    assert with_open.loc["a vs c", "rate_second"] == pytest.approx(18 / 101)


def test_course_data_many_findings_shrink_under_correction() -> None:
    leads = data.load_leads()
    alone = acquisition.pairwise_conversion(leads, adjust="none")
    holm = acquisition.pairwise_conversion(leads, adjust="holm")
    bh = acquisition.pairwise_conversion(leads, adjust="fdr_bh")
    assert len(holm) == 91
    assert holm["flagged_adjusted"].sum() < bh["flagged_adjusted"].sum() < alone["flagged"].sum()
    club = holm.loc["club vs records_search"]
    assert club["flagged"] and not club["flagged_adjusted"]


def test_bad_adjust_and_alpha() -> None:
    with pytest.raises(ValueError, match="adjust"):
        acquisition.pairwise_conversion(three_methods(), adjust="Holm")
    for bad in (0.0, 1.0):
        with pytest.raises(ValueError, match="alpha"):
            acquisition.pairwise_conversion(three_methods(), alpha=bad)
    with pytest.raises(TypeError, match="alpha"):
        acquisition.pairwise_conversion(three_methods(), alpha="5%")


def test_one_group_is_refused() -> None:
    leads = three_methods().query("prospecting_method == 'a'")
    with pytest.raises(ValueError, match="two groups"):
        acquisition.pairwise_conversion(leads)
