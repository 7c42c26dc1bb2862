"""The complaint iceberg: most service problems never reach the firm as complaints.

A commonly cited figure says only about 8% of service problems become complaints
(:data:`COMPLAINT_SHARE`). If each problem independently becomes a complaint with chance
``p``, then ``k`` complaints point to about ``k / p`` problems, of which ``k / p - k`` stayed
silent. :func:`simulate_iceberg` draws the same picture with its uncertainty: problems arrive
one after another, each a complaint with chance ``p``, until ``k`` complaints have arrived
(a negative binomial count of the silent ones).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_positive_int, require_rate

COMPLAINT_SHARE = 0.08
"""Commonly cited: about 8% of service problems ever reach the firm as complaints."""


def _share(complaint_share: object) -> float:
    share = require_rate(complaint_share, "complaint_share")
    if share == 0:
        raise ValueError("complaint_share must be more than 0, for example 0.08 for 8%.")
    return share


def iceberg_estimate(complaints: int, complaint_share: float = COMPLAINT_SHARE) -> pd.Series:
    """How many problems ``complaints`` complaints point to, if only ``complaint_share`` of
    problems become complaints. Returns a Series: ``complaints``, ``problems``, ``silent``.

    >>> iceberg_estimate(40, 0.08)
    complaints     40.0
    problems      500.0
    silent        460.0
    dtype: float64
    """
    complaints = require_positive_int(complaints, "complaints", minimum=0)
    problems = complaints / _share(complaint_share)
    return pd.Series(
        {"complaints": float(complaints), "problems": problems, "silent": problems - complaints}
    ).round(1)


def simulate_iceberg(
    complaints: int,
    complaint_share: float = COMPLAINT_SHARE,
    runs: int = 10_000,
    seed: int = 2025,
) -> pd.DataFrame:
    """Seeded simulation of the problems behind ``complaints`` complaints (module docstring).

    Returns one row per run with ``silent`` (problems that never became complaints) and
    ``problems`` (silent + complaints).

    >>> runs = simulate_iceberg(40, 0.08, runs=2000, seed=1)
    >>> bool(430 < runs["silent"].mean() < 490), int(runs["problems"].min()) >= 40
    (True, True)
    """
    complaints = require_positive_int(complaints, "complaints", minimum=1)
    share = _share(complaint_share)
    runs = require_positive_int(runs, "runs")
    seed = require_positive_int(seed, "seed", minimum=0)
    silent = np.random.default_rng(seed).negative_binomial(complaints, share, size=runs)
    return pd.DataFrame({"silent": silent, "problems": silent + complaints}).rename_axis("run")
