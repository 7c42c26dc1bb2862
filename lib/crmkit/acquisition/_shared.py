"""What several of chapter 03's files share: groups of rows, decided leads, sums per group.
Private: the public names are in the concept files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_bool, require_column_name, require_frame, require_lead_status


def _groups(frame: pd.DataFrame, by: str | None, argument: str) -> pd.Series:
    """The group of each row as text (one group 'all' when by is None)."""
    if by is None:
        return pd.Series("all", index=frame.index, dtype="str", name="group")
    require_column_name(by)
    require_frame(frame, argument, [by])
    groups = frame[by].astype("string")
    if groups.isna().any():
        raise ValueError(
            f"Column {by!r} of {argument} has {int(groups.isna().sum())} missing value(s): "
            "every row needs a group. Fill or drop them first."
        )
    return groups.astype("str").rename(by)


def _group_index(labels: pd.Index, by: str | None) -> pd.Index:
    """The groups of a per-group table as text, named after ``by`` ("funnel" for no groups)."""
    return pd.Index(labels.astype("str"), name=by if by is not None else "funnel")


def _sum_by_group(columns: dict[str, object], groups: pd.Series) -> pd.DataFrame:
    """The sum of each column per group (``columns`` align with the rows of ``groups``)."""
    return pd.DataFrame(columns, index=groups.index).groupby(groups.to_numpy(), sort=True).sum()


def _won(leads: pd.DataFrame) -> np.ndarray:
    """True for each lead with status won (a clear error for an unknown status)."""
    return require_lead_status(leads).eq("won").to_numpy()


def _keep_decided(leads: pd.DataFrame, exclude_open: object) -> pd.DataFrame:
    """The leads without the open ones when ``exclude_open`` (their outcome is not known yet)."""
    if require_bool(exclude_open, "exclude_open"):
        return leads[require_lead_status(leads).ne("open").to_numpy()]
    return leads
