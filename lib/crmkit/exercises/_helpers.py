"""Small tools the chapter modules share for writing diagnoses."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd


def close_to(answer: Any, value: Any, rel: float = 1e-6) -> bool:
    """True when a numeric answer equals ``value`` (within ``rel``); False for anything else."""
    try:
        got, want = float(answer), float(value)
    except (TypeError, ValueError):
        return False
    return math.isclose(got, want, rel_tol=rel, abs_tol=1e-9)


def same_series(answer: Any, other: pd.Series, rel: float = 1e-6) -> bool:
    """True when ``answer`` is a Series with the same labels and (numeric) values as ``other``."""
    if not isinstance(answer, pd.Series) or len(answer) != len(other):
        return False
    try:
        aligned = answer.reindex(other.index)
        if aligned.isna().sum() != other.isna().sum():
            return False
        if pd.api.types.is_numeric_dtype(other) and pd.api.types.is_numeric_dtype(aligned):
            return bool(
                np.allclose(aligned.astype(float), other.astype(float), rtol=rel, equal_nan=True)
            )
        return bool((aligned.astype("string") == other.astype("string")).fillna(False).all())
    except Exception:  # any odd answer simply "is not the same"
        return False


def same_values(answer: Any, other: pd.Series, rel: float = 1e-6) -> bool:
    """Like :func:`same_series` but ignoring the labels (compares values in order)."""
    if not isinstance(answer, pd.Series) or len(answer) != len(other):
        return False
    try:
        return bool(
            np.allclose(answer.astype(float).to_numpy(), other.astype(float).to_numpy(), rtol=rel)
        )
    except Exception:
        return False
