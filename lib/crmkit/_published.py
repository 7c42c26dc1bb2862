"""Loaders of published research data: the CDNOW 1/10th sample and Fader & Hardie's cohorts.

They are re-exported by :mod:`crmkit.data` (use them from there); they live here because
``data.py`` is at the house limit of 500 lines. Like ``load_customers()`` they take no
arguments and read the course's data folder (``CRMKIT_DATA`` when it is set). Each file is checked against the
``SHA256SUMS`` of its folder (see ``datasets/cdnow/README.md`` and
``datasets/fader-hardie-2007/README.md`` for provenance).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from crmkit.checksums import verify_file
from crmkit.paths import data_dir

SAMPLE_FILE = ("cdnow", "CDNOW_sample.txt")
COHORTS_FILE = ("fader-hardie-2007", "contract_cohorts.csv")


def _file(parts: tuple[str, str]) -> Path:
    """The data file ``parts`` under the data folder (datasets/, or CRMKIT_DATA), checked."""
    path = data_dir().joinpath(*parts).resolve()
    if not path.is_file():
        raise FileNotFoundError(
            f"The file {parts[1]} is not at {path}. Restore it with `git checkout datasets/{parts[0]}`."
        )
    verify_file(path)
    return path


@lru_cache(maxsize=2)
def _sample_cached(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        names=["customer_id", "sample_id", "date", "quantity", "amount"],
        dtype={
            "customer_id": "string",
            "sample_id": "int64",
            "date": "string",
            "quantity": "int64",
            "amount": "float64",
        },
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d").astype("datetime64[s]")
    return frame


def load_cdnow_sample() -> pd.DataFrame:
    """The CDNOW 1/10th sample of the BG/NBD paper: 6,919 purchases by 2,357 customers.

    Columns: customer_id (string, the master file's id), sample_id (1-2357), date,
    quantity (CDs bought), amount (US$). Every row is a row of ``load_cdnow()``.

    >>> sample = load_cdnow_sample()
    >>> len(sample), sample["customer_id"].nunique(), int(sample["sample_id"].max())
    (6919, 2357, 2357)
    """
    return _sample_cached(_file(SAMPLE_FILE)).copy()


@lru_cache(maxsize=2)
def _cohorts_cached(path: Path) -> pd.DataFrame:
    return pd.read_csv(
        path, index_col="year", dtype={"year": "int64", "regular": "float64", "high_end": "float64"}
    )


def load_contract_cohorts() -> pd.DataFrame:
    """Fader & Hardie (2007): % of two contract cohorts still customers at the start of years 0-12.

    Index ``year`` (0-12); columns ``regular`` and ``high_end`` (100 at year 0; each cohort
    was 1,000 customers).

    >>> cohorts = load_contract_cohorts()
    >>> cohorts.loc[[0, 1, 12]]
          regular  high_end
    year
    0       100.0     100.0
    1        63.1      86.9
    12       17.3      39.4
    """
    return _cohorts_cached(_file(COHORTS_FILE)).copy()


# Their public home is crmkit.data, which re-exports them: help(), the doctests and the
# bad-input coverage tests of crmkit.data (tests/test_data.py) see them there.
load_cdnow_sample.__module__ = load_contract_cohorts.__module__ = "crmkit.data"
