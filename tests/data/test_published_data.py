"""The published research data: the CDNOW 1/10th sample and Fader & Hardie's (2007) cohorts.

Both are real, published figures (see datasets/cdnow/README.md and
datasets/fader-hardie-2007/README.md): checked against their SHA256SUMS, and loaded with
the types and sizes the READMEs state.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crmkit import data
from crmkit.checksums import DataChecksumError
from crmkit.paths import DATA_ENV_VAR

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
SAMPLE_SHA256 = "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a"


def sums(folder: Path) -> dict[str, str]:
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        listed[name.lstrip("*")] = digest
    return listed


def test_files_match_their_checksums() -> None:
    cdnow = sums(DATASETS / "cdnow")
    assert cdnow["CDNOW_sample.txt"] == SAMPLE_SHA256  # the file in Lifetimes-0.11.3's wheel
    cohorts = sums(DATASETS / "fader-hardie-2007")
    assert set(cohorts) == {"contract_cohorts.csv"}
    for folder, listed in ((DATASETS / "cdnow", cdnow), (DATASETS / "fader-hardie-2007", cohorts)):
        for name, digest in listed.items():
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_sample_shape_and_types() -> None:
    sample = data.load_cdnow_sample()
    assert list(sample.columns) == ["customer_id", "sample_id", "date", "quantity", "amount"]
    assert len(sample) == 6_919
    assert sample["customer_id"].nunique() == sample["sample_id"].nunique() == 2_357
    assert sample["sample_id"].min() == 1 and sample["sample_id"].max() == 2_357
    assert isinstance(sample["customer_id"].dtype, pd.StringDtype)
    assert sample["date"].dtype == np.dtype("datetime64[s]")
    assert sample["date"].min() == pd.Timestamp("1997-01-01")
    assert sample["date"].max() == pd.Timestamp("1998-06-30")
    assert (sample.groupby("customer_id")["date"].min() <= pd.Timestamp("1997-03-31")).all()


def test_sample_is_every_row_of_its_customers_in_the_master_file() -> None:
    sample = data.load_cdnow_sample()
    master = data.load_cdnow()
    theirs = master[master["customer_id"].isin(sample["customer_id"])]
    columns = ["customer_id", "date", "quantity", "amount"]
    left = sample[columns].sort_values(columns).reset_index(drop=True)
    right = theirs[columns].sort_values(columns).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)


def test_cohorts_as_published() -> None:
    cohorts = data.load_contract_cohorts()
    assert cohorts.index.name == "year" and cohorts.index.tolist() == list(range(13))
    assert list(cohorts.columns) == ["regular", "high_end"]
    assert cohorts.loc[0].tolist() == [100.0, 100.0]
    assert cohorts.loc[12].tolist() == [17.3, 39.4]
    assert (cohorts.diff().iloc[1:] < 0).all().all()  # nobody comes back
    assert (cohorts["high_end"] > cohorts["regular"]).iloc[1:].all()


def test_loaders_return_fresh_copies() -> None:
    first = data.load_contract_cohorts()
    first.loc[0, "regular"] = -1
    assert data.load_contract_cohorts().loc[0, "regular"] == 100.0


def test_missing_files_say_how_to_restore(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="git checkout datasets/cdnow"):
        data.load_cdnow_sample()
    with pytest.raises(FileNotFoundError, match="git checkout datasets/fader-hardie-2007"):
        data.load_contract_cohorts()
    with pytest.raises(TypeError, match="load_cdnow_sample"):
        data.load_cdnow_sample(tmp_path)


def test_a_changed_file_is_refused(monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "fader-hardie-2007"
    shutil.copytree(DATASETS / "fader-hardie-2007", folder)
    path = folder / "contract_cohorts.csv"
    path.write_text(path.read_text().replace("63.1", "36.1"))
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    with pytest.raises(DataChecksumError):
        data.load_contract_cohorts()
