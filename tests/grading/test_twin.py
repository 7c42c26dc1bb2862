"""crmkit.grading.twin: the twin data, its seed, named ids, the CDNOW resample, the switch."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from crmkit import data
from crmkit.exercises import Exercise, compare
from crmkit.exercises.registry import named_ids
from crmkit.exercises.session import registered
from crmkit.grading.twin import (
    data_folder,
    default_seed,
    make_twin,
    missing_ids,
    resample_cdnow,
    write_checksums,
)
from crmkit.paths import data_dir
from crmkit.synth import SEED

CDNOW_SAMPLE = """\
 customer_id  date number_of_cds  dollar_value
 00001 19970101  1   11.77
 00002 19970112  1   12.00
 00002 19970112  5   77.00
 00003 19970102  2   20.76
 00003 19970330  2   20.76
 00004 19970101  2   29.33
"""


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("twin")
    used = make_twin(folder, 4242, named_ids("01") + named_ids("04"), data_dir() / "cdnow")
    return folder, used


def test_twin_has_every_table_with_other_numbers(twin: tuple[Path, int]) -> None:
    folder, used = twin
    assert used >= 4242 and used != SEED
    course = sorted(p.name for p in data_dir().glob("*.csv"))
    assert sorted(p.name for p in folder.glob("*.csv")) == course
    for name in ("customers.csv", "order_lines.csv"):
        assert (folder / name).read_bytes() != (data_dir() / name).read_bytes()
    assert data.load_customers_raw.__name__  # the loaders read it like the course data:
    assert len(data.load("order_lines", folder)) > 1000


def test_twin_checksums_match_its_files(twin: tuple[Path, int]) -> None:
    folder, _ = twin
    for base in (folder, folder / "cdnow"):
        for line in (base / "SHA256SUMS").read_text().splitlines():
            digest, name = line.split()
            assert hashlib.sha256((base / name).read_bytes()).hexdigest() == digest


def test_named_ids_stay_meaningful(twin: tuple[Path, int]) -> None:
    folder, _ = twin
    lines = data.load("order_lines", folder)
    for name in named_ids("01") + named_ids("04"):
        column = "product_id" if name.startswith("P") else "customer_id"
        assert (lines[column] == name).any(), name
    products = data.load("products", folder)
    assert products.equals(data.load_products())  # the catalogue is the same in every twin


def test_missing_ids() -> None:
    tables = {
        "customers": pd.DataFrame({"customer_id": ["B001", "B002"]}),
        "products": pd.DataFrame({"product_id": ["P001"]}),
        "order_lines": pd.DataFrame({"customer_id": ["B001"], "product_id": ["P001"]}),
    }
    assert missing_ids(tables, ["B001", "P001"]) == []
    assert missing_ids(tables, ["B002", "B999"]) == ["B002", "B999"]


def test_cdnow_twin_is_a_seeded_resample(tmp_path: Path) -> None:
    source = tmp_path / "cdnow"
    source.mkdir()
    (source / "CDNOW_master.txt").write_text(CDNOW_SAMPLE)
    first = resample_cdnow(source, tmp_path / "a" / "cdnow", seed=7)
    again = resample_cdnow(source, tmp_path / "b" / "cdnow", seed=7)
    other = resample_cdnow(source, tmp_path / "c" / "cdnow", seed=8)
    assert first.read_bytes() == again.read_bytes() != other.read_bytes()
    twin = data.load_cdnow(tmp_path / "a")
    original = data.load_cdnow(tmp_path)
    assert twin["customer_id"].nunique() == 4
    assert sorted(twin["customer_id"].unique())[0] == "00001"
    histories = {
        tuple(map(tuple, g[["date", "quantity"]].to_numpy()))
        for _, g in original.groupby("customer_id")
    }
    for _, purchases in twin.groupby("customer_id"):
        assert tuple(map(tuple, purchases[["date", "quantity"]].to_numpy())) in histories
    assert (tmp_path / "a" / "cdnow" / "SHA256SUMS").read_text().endswith("  CDNOW_master.txt\n")


def test_course_cdnow_twin(twin: tuple[Path, int]) -> None:
    folder, _ = twin
    cdnow = data.load_cdnow(folder)
    course = data.load_cdnow()
    assert cdnow["customer_id"].nunique() == course["customer_id"].nunique()
    assert len(cdnow) != len(course) and len(cdnow) > 50_000  # drawn with replacement
    assert cdnow["date"].min() >= pd.Timestamp("1997-01-01")


def test_course_twin_has_a_resampled_cdnow_sample_and_the_published_cohorts(
    twin: tuple[Path, int],
) -> None:
    folder, _ = twin
    course, cohorts = data.load_cdnow_sample(), data.load_contract_cohorts()
    with data_folder(folder):
        sample, twin_cohorts = data.load_cdnow_sample(), data.load_contract_cohorts()
    assert sample["customer_id"].nunique() == course["customer_id"].nunique()
    assert len(sample) != len(course)  # drawn with replacement
    assert sample["sample_id"].min() == 1 and sample["sample_id"].is_monotonic_increasing
    histories = {
        tuple(map(tuple, g[["date", "amount"]].to_numpy()))
        for _, g in course.groupby("customer_id")
    }
    drawn = sample.groupby("customer_id")
    assert all(tuple(map(tuple, g[["date", "amount"]].to_numpy())) in histories for _, g in drawn)
    # Published figures are not the company's: the same in every twin.
    pd.testing.assert_frame_equal(twin_cohorts, cohorts)
    assert "CDNOW_sample.txt" in (folder / "cdnow" / "SHA256SUMS").read_text()


def test_resample_without_source(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no CDNOW file"):
        resample_cdnow(tmp_path, tmp_path / "out", 1)


def test_default_seed_depends_on_every_notebook(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    a.write_text("one")
    b.write_text("two")
    seed = default_seed([a, b], "01")
    assert seed == default_seed([b, a], "01") and 0 <= seed < 2**31
    b.write_text("two, typed in")
    assert default_seed([a, b], "01") != seed
    assert default_seed([a, b], "02") != default_seed([a, b], "01")


@pytest.mark.parametrize("bad", [None, 1])
def test_default_seed_bad_chapter(bad: object) -> None:
    with pytest.raises(TypeError, match="chapter must be text"):
        default_seed([], bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 2**31, 1.5, True, "7"])
def test_make_twin_bad_seed(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="twin seed must be a whole number"):
        make_twin(tmp_path, bad)  # type: ignore[arg-type]


def test_write_checksums(tmp_path: Path) -> None:
    path = write_checksums(tmp_path, {"b": "2", "a": "1"})
    assert path.read_text() == "1  a\n2  b\n"


def test_expected_answers_are_recomputed_on_the_twin(twin: tuple[Path, int]) -> None:
    folder, _ = twin
    count = Exercise(
        "99.1", "99", "Customers", "n", 1, lambda: len(data.load_customers()), compare.scalar()
    )
    with registered([count]):
        on_course = count.expected_answer
        with data_folder(folder):
            on_twin = count.expected_answer
            assert data_dir() == folder
        assert count.expected_answer == on_course != on_twin
        assert on_twin == len(pd.read_csv(folder / "customers.csv"))
