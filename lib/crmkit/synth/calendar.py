"""The simulation's clock: whole days since the company's first day, and the festival seasons.

The generator counts time in days since ``COMPANY_START`` (day 0 is 2022-01-01);
``to_days`` and ``to_dates`` convert between the two.

>>> int(to_days(pd.Series([AS_OF]))[0]) == TOTAL_DAYS - 1
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.vocabulary import AS_OF, CHINESE_NEW_YEAR, COMPANY_START, MID_AUTUMN

TOTAL_DAYS = int((AS_OF - COMPANY_START).days) + 1
"""The number of days of data (day numbers run from 0 to TOTAL_DAYS - 1)."""


def to_days(timestamps: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Days since COMPANY_START as integers (the generator's internal clock).

    >>> to_days(pd.Series(pd.to_datetime(["2022-01-01", "2022-02-01"]))).tolist()
    [0, 31]
    """
    return ((pd.to_datetime(timestamps) - COMPANY_START) // pd.Timedelta(days=1)).to_numpy()


def to_dates(days: np.ndarray) -> pd.DatetimeIndex:
    """The dates of day numbers (the inverse of ``to_days``).

    >>> to_dates(np.array([0, 31])).strftime("%Y-%m-%d").tolist()
    ['2022-01-01', '2022-02-01']
    """
    return COMPANY_START + pd.to_timedelta(np.asarray(days, dtype="int64"), unit="D")


def season_weights() -> np.ndarray:
    """Daily demand multiplier: gift buying before Chinese New Year and Mid-Autumn.

    >>> weights = season_weights()
    >>> len(weights) == TOTAL_DAYS, bool(weights.max() > 1.5)
    (True, True)
    """
    day = np.arange(TOTAL_DAYS)
    weight = np.ones(TOTAL_DAYS)
    for festivals, height in ((CHINESE_NEW_YEAR, 1.1), (MID_AUTUMN, 0.7)):
        for festival in to_days(pd.Series(pd.to_datetime(festivals))):
            peak = festival - 12  # people buy gifts about two weeks before
            weight += height * np.exp(-(((day - peak) / 9.0) ** 2))
            # the festival week itself is quiet (holidays)
            weight -= 0.45 * np.exp(-(((day - festival - 3) / 4.0) ** 2))
    return weight


def festival_closeness() -> np.ndarray:
    """1 in the gift-buying weeks before a festival, falling to 0 away from them.

    >>> closeness = festival_closeness()
    >>> float(closeness.max().round(2)), float(closeness.min().round(2))
    (1.0, 0.0)
    """
    day = np.arange(TOTAL_DAYS)
    close = np.zeros(TOTAL_DAYS)
    for festival in to_days(pd.Series(pd.to_datetime(CHINESE_NEW_YEAR + MID_AUTUMN))):
        close = np.maximum(close, np.exp(-(((day - festival + 12) / 10.0) ** 2)))
    return close
