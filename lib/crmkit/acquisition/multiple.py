"""Many comparisons at once: every pair of methods, with p-values adjusted for the number of tests.

With 14 methods there are 14 × 13 / 2 = 91 pairs. Tested one by one at 5%, about one pair in
twenty that does NOT differ is still flagged by chance, so among 91 tests several "findings" are
expected even if no method differed from any other. Two standard corrections (from
``statsmodels.stats.multitest.multipletests``):

* **Holm** controls the family-wise error rate: the chance of even ONE false finding among all
  the pairs stays at most ``alpha``. Sort the m p-values p(1) <= ... <= p(m); compare p(i)
  with alpha / (m - i + 1), and stop at the first that fails.
* **Benjamini-Hochberg** (``"fdr_bh"``) controls the false discovery rate: among the pairs
  flagged, the expected share of false findings stays at most ``alpha``. It is less strict.

The unadjusted ``p_value`` of each pair is :func:`compare_conversion`'s two-proportion z-test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_confidence, require_rate
from crmkit.acquisition.conversion import _check_grouped_leads, conversion_rates

ADJUSTMENTS = {
    "holm": "Holm (family-wise error rate)",
    "fdr_bh": "Benjamini-Hochberg (false discovery rate)",
    "bonferroni": "Bonferroni (family-wise error rate, the strictest)",
    "none": "no adjustment",
}
"""The corrections :func:`pairwise_conversion` knows (statsmodels' names) and what they control."""


def _z_test(rates: pd.DataFrame, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Two-sided p-values of the pooled two-proportion z-test for the pairs (first, second)."""
    from statistics import NormalDist

    won = rates["won"].to_numpy(dtype="float64")
    n = rates["leads"].to_numpy(dtype="float64")
    p = rates["rate"].to_numpy(dtype="float64")
    pooled = (won[first] + won[second]) / (n[first] + n[second])
    se = np.sqrt(pooled * (1 - pooled) * (1 / n[first] + 1 / n[second]))
    z = np.divide(np.abs(p[first] - p[second]), se, out=np.zeros_like(se), where=se > 0)
    cdf = np.vectorize(NormalDist().cdf, otypes=[float])(z)
    return np.where(se > 0, 2 * (1 - cdf), 1.0)


def pairwise_conversion(
    leads: pd.DataFrame,
    by: str = "prospecting_method",
    adjust: str = "holm",
    alpha: float = 0.05,
    confidence: float = 0.95,
    exclude_open: bool = True,
) -> pd.DataFrame:
    """Every pair of groups compared at once, with p-values adjusted for the number of pairs.

    One row per pair (index ``"first vs second"``, groups in sorted order): ``first``,
    ``second``, ``rate_first``, ``rate_second``, ``difference`` (first - second), the
    unadjusted two-sided ``p_value`` (as :func:`compare_conversion`), ``p_adjusted``
    (``adjust``: ``"holm"``, ``"fdr_bh"``, ``"bonferroni"`` or ``"none"``, see the module
    docstring), ``flagged`` (p_value < alpha: tested alone) and ``flagged_adjusted``
    (p_adjusted < alpha: still a finding once all the pairs are counted). Groups
    without decided leads are left out.

    >>> leads = pd.DataFrame({"prospecting_method": ["a"] * 100 + ["b"] * 100 + ["c"] * 100,
    ...     "status": (["won"] * 30 + ["lost"] * 70 + ["won"] * 10 + ["lost"] * 90
    ...                + ["won"] * 18 + ["lost"] * 82)})
    >>> table = pairwise_conversion(leads)
    >>> table[["p_value", "p_adjusted"]].round(4)
            p_value  p_adjusted
    pair
    a vs b   0.0004      0.0012
    a vs c   0.0469      0.0939
    b vs c   0.1030      0.1030
    >>> table["flagged"].tolist(), table["flagged_adjusted"].tolist()
    ([True, True, False], [True, False, False])
    """
    _check_grouped_leads(leads, by)
    if not isinstance(adjust, str) or adjust not in ADJUSTMENTS:
        raise ValueError(
            f"adjust must be one of {', '.join(map(repr, ADJUSTMENTS))}, but got {adjust!r}."
        )
    alpha = require_rate(alpha, "alpha")
    if alpha <= 0 or alpha >= 1:
        raise ValueError(f"alpha must be between 0 and 1 (such as 0.05), but got {alpha!r}.")
    confidence = require_confidence(confidence)
    rates = conversion_rates(leads, by, confidence, exclude_open)
    rates = rates[rates["leads"] > 0]
    if len(rates) < 2:
        raise ValueError(
            f"leads has fewer than two groups of {by!r} with decided leads: nothing to compare."
        )
    first, second = np.triu_indices(len(rates), k=1)
    p_value = _z_test(rates, first, second)
    if adjust == "none":
        p_adjusted = p_value
    else:
        from statsmodels.stats.multitest import multipletests  # lazily: importing crmkit stays fast

        p_adjusted = multipletests(p_value, alpha=alpha, method=adjust)[1]
    names = rates.index.to_numpy(dtype="str")
    rate = rates["rate"].to_numpy(dtype="float64")
    table = pd.DataFrame(
        {
            "first": names[first],
            "second": names[second],
            "rate_first": rate[first],
            "rate_second": rate[second],
            "difference": rate[first] - rate[second],
            "p_value": p_value,
            "p_adjusted": p_adjusted,
            "flagged": p_value < alpha,
            "flagged_adjusted": p_adjusted < alpha,
        },
        index=pd.Index(pd.Series(names[first]) + " vs " + pd.Series(names[second]), name="pair"),
    )
    return table
