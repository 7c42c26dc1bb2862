"""The raw customer export's checks, shared by the audit (which reports what they find) and the
cleaning (which repairs it), and a collector of one row per affected record.

Package-private: the public functions are in :mod:`crmkit.database.audit` and
:mod:`crmkit.database.cleaning`. Every function takes the export as text, with
empty text for a missing value (``raw.astype("string").fillna("")``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmkit.database.normalise import (
    BUSINESS_TYPE_ALIASES,
    CITY_ALIASES,
    SEGMENT_ALIASES,
    normalise_text,
)


def parse_dates(text: pd.Series) -> pd.Series:
    """ISO dates; anything that is not a real date (2026-13-01, 2027-02-30) becomes NaT."""
    return pd.to_datetime(text.astype("string"), format="%Y-%m-%d", errors="coerce").astype(
        "datetime64[s]"
    )


def birth_years(text: pd.DataFrame, as_of: pd.Timestamp) -> tuple[pd.Series, pd.Series]:
    """The birth years as numbers, and which are impossible: an age below 16 or above 100."""
    years = pd.to_numeric(text["birth_year"].replace("", None), errors="coerce")
    return years, years.notna() & ~years.between(as_of.year - 100, as_of.year - 16)


def orphan_teams(text: pd.DataFrame, teams: pd.DataFrame) -> pd.Series:
    """Which records name a team_id that is not in ``teams``."""
    team_ids = set(teams["team_id"].astype("string").dropna())
    return text["team_id"].ne("") & ~text["team_id"].isin(team_ids)


def house_spellings(text: pd.DataFrame) -> tuple[tuple[str, pd.Series], ...]:
    """(column, its values spelled the house way) for segment, business type and city.

    A value that is no known spelling becomes missing (but for cities, which keep
    their most common spelling).
    """
    return (
        ("segment", _canonical(text["segment"], SEGMENT_ALIASES)),
        ("business_type", _canonical(text["business_type"], BUSINESS_TYPE_ALIASES)),
        ("city", _canonical_city(text["city"])),
    )


def _canonical(values: pd.Series, aliases: Mapping[str, str]) -> pd.Series:
    key = normalise_text(values)
    mapped = key.map(aliases).astype("string")
    return mapped.where(key.ne(""), pd.NA)


def _canonical_city(values: pd.Series) -> pd.Series:
    """Known aliases first; otherwise the most common spelling of the same normalised text."""
    key = normalise_text(values)
    text = values.astype("string").str.strip()
    counts = pd.DataFrame({"key": key, "text": text}).value_counts().reset_index()
    majority = counts.drop_duplicates("key").set_index("key")["text"]
    result = key.map(majority).astype("string")
    aliased = key.map(CITY_ALIASES).astype("string")
    result = aliased.fillna(result)
    return result.where(key.ne(""), pd.NA)


class RecordRows:
    """Rows about some of the records, collected step by step (the audit's findings, the
    cleaning's change log); ``parts`` holds one frame per step that found something."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(self, ids: pd.Series, mask: object, **values: object) -> None:
        """One row for each record ``mask`` selects: its id, then ``values`` (a Series is
        taken at those records, as text; anything else is repeated)."""
        mask = np.asarray(pd.Series(mask).fillna(False), dtype=bool)
        if not mask.any():
            return
        picked = {
            name: value.astype("string").to_numpy()[mask] if isinstance(value, pd.Series) else value
            for name, value in values.items()
        }
        self.parts.append(pd.DataFrame({"record_id": ids.to_numpy()[mask], **picked}))
