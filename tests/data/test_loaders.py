"""The loaders' errors, and the real CDNOW dataset."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crmkit import data
from crmkit.paths import DATA_ENV_VAR, data_dir


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return data.load_cdnow()


# --------------------------------------------------------------------------- loader errors


def test_unknown_table_names_the_tables() -> None:
    with pytest.raises(ValueError, match="nonexistent") as caught:
        data.load("nonexistent")
    assert all(name in str(caught.value) for name in data.TABLES)


def test_missing_file_says_how_to_restore(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        data.load("teams", folder=tmp_path)
    message = str(caught.value)
    assert "teams.csv" in message and "git checkout datasets/" in message
    assert "make data" in message
    with pytest.raises(FileNotFoundError, match="git checkout datasets/cdnow"):
        data.load_cdnow(folder=tmp_path)


def test_bad_data_env_var_gives_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-folder"
    monkeypatch.setenv(DATA_ENV_VAR, str(nowhere))
    with pytest.raises(FileNotFoundError) as caught:
        data_dir()
    assert DATA_ENV_VAR in str(caught.value) and str(nowhere) in str(caught.value)
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert data_dir() == tmp_path


# --------------------------------------------------------------------------- CDNOW


def test_cdnow_shape_and_period(cdnow: pd.DataFrame) -> None:
    assert list(cdnow.columns) == ["customer_id", "date", "quantity", "amount"]
    assert len(cdnow) == 69_659
    assert cdnow["customer_id"].nunique() == 23_570
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow["date"].max() == pd.Timestamp("1998-06-30")
    assert isinstance(cdnow["customer_id"].dtype, pd.StringDtype)
    assert cdnow["date"].dtype == np.dtype("datetime64[s]")
    assert cdnow["quantity"].dtype == np.dtype("int64")
    assert cdnow["amount"].dtype == np.dtype("float64")
    # the cohort: everyone's first purchase is in the first quarter of 1997
    first = cdnow.groupby("customer_id")["date"].min()
    assert first.max() <= pd.Timestamp("1997-03-31")
