"""The course data files: checksums and byte-identical regeneration.

The CSV files in datasets/ are a contract between chapters (see datasets/README.md):
every file matches datasets/SHA256SUMS, and regenerating with the course seed gives
the same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from crmkit import data, synth

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
CDNOW = DATASETS / "cdnow"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The tables written afresh by crmkit.synth.write_all into an empty folder."""
    folder = tmp_path_factory.mktemp("regenerated")
    return folder, synth.write_all(folder)


def read_sums(path: Path) -> dict[str, str]:
    """A ``sha256sum`` file as {file name: digest}."""
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        sums[name.lstrip("*")] = digest
    return sums


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- checksums


def test_every_csv_is_listed_in_sha256sums_and_matches() -> None:
    sums = read_sums(DATASETS / "SHA256SUMS")
    files = {path.name for path in DATASETS.glob("*.csv")}
    assert set(sums) == files, "datasets/SHA256SUMS and the CSV files in datasets/ differ"
    wrong = [name for name in sorted(files) if sha256(DATASETS / name) != sums[name]]
    assert not wrong, f"these files do not match datasets/SHA256SUMS: {wrong}"


def test_cdnow_matches_its_checksums() -> None:
    sums = read_sums(CDNOW / "SHA256SUMS")
    assert "CDNOW_master.txt" in sums
    for name, digest in sums.items():
        assert sha256(CDNOW / name) == digest, f"datasets/cdnow/{name} has changed"


# --------------------------------------------------------------------------- regeneration


def test_regeneration_is_byte_identical(regenerated: tuple[Path, dict[str, str]]) -> None:
    folder, sums = regenerated
    committed = {path.name for path in DATASETS.glob("*.csv")}
    assert set(sums) == committed == {f"{name}.csv" for name in data.TABLES}
    assert sums == read_sums(DATASETS / "SHA256SUMS")
    differ = [
        name
        for name in sorted(committed)
        if (folder / name).read_bytes() != (DATASETS / name).read_bytes()
    ]
    assert not differ, (
        f"regenerating gives different bytes for {differ}: run `make data`, re-execute the "
        "solution notebooks and check the planted effects"
    )
