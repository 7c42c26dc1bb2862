"""Chapter 08's research models of retention, checked against the published results.

* ``summary.py``: frequency, recency, T (and monetary value) from purchases, for one period
  or a calibration period plus a holdout period;
* ``sbg.py``: the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007);
* ``bgnbd.py``: the BG/NBD model of repeat buying (Fader, Hardie & Lee 2005), P(alive) and
  expected purchases, fitted on the distinct (frequency, recency, T) triplets;
* ``gamma_gamma.py``: the Gamma-Gamma model of spend, and customer lifetime value;
* ``evaluation.py``: how well a fit predicts the holdout (the tracking curve, conditional
  expectations by frequency, error measures);
* ``plots.py`` (the figures) is imported on its own: ``from crmkit.retention.models import plots``.
"""

from __future__ import annotations

from crmkit.retention.models.bgnbd import PUBLISHED_BGNBD, BGNBDFit, fit_bgnbd
from crmkit.retention.models.evaluation import (
    conditional_expectations_by_frequency,
    holdout_errors,
    tracking_table,
)
from crmkit.retention.models.gamma_gamma import (
    PUBLISHED_GAMMA_GAMMA,
    GammaGammaFit,
    customer_lifetime_value,
    fit_gamma_gamma,
)
from crmkit.retention.models.sbg import (
    PUBLISHED_SBG,
    SBGFit,
    constant_retention_projection,
    fit_sbg,
)
from crmkit.retention.models.summary import calibration_holdout_summary, repeat_summary

__all__ = [
    "PUBLISHED_BGNBD",
    "PUBLISHED_GAMMA_GAMMA",
    "PUBLISHED_SBG",
    "BGNBDFit",
    "GammaGammaFit",
    "SBGFit",
    "calibration_holdout_summary",
    "conditional_expectations_by_frequency",
    "constant_retention_projection",
    "customer_lifetime_value",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_sbg",
    "holdout_errors",
    "repeat_summary",
    "tracking_table",
]
