"""crmkit.checksums and the loaders' guard against damaged data files.

Tried by hand: customers.csv cut to its first 3,000 bytes used to load as 19
customers, the last one half blank. Now the loaders check each file against the
SHA256SUMS beside it, and a blank required value is an error naming the row.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from crmkit import checksums, data
from crmkit.paths import DATA_ENV_VAR, data_dir

from tests.bad_input_support import expect_clear_error


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the course's customers.csv and teams.csv with their SHA256SUMS lines."""
    source = data_dir()
    for name in ("customers.csv", "teams.csv"):
        shutil.copy(source / name, tmp_path / name)
    listed = checksums.listed_checksums(source)
    (tmp_path / "SHA256SUMS").write_text(
        "".join(f"{listed[name]}  {name}\n" for name in ("customers.csv", "teams.csv"))
    )
    return tmp_path


def cut_short(path: Path, size: int = 3000) -> None:
    path.write_bytes(path.read_bytes()[:size])


def test_course_data_passes_and_costs_little() -> None:
    started = time.perf_counter()
    for name in checksums.listed_checksums(data_dir()):
        checksums.sha256_of(data_dir() / name)
    assert time.perf_counter() - started < 2.0
    for name in checksums.listed_checksums(data_dir()):
        checksums.verify_file(data_dir() / name)


def test_damaged_file_names_itself_and_the_fix(course_copy: Path) -> None:
    cut_short(course_copy / "customers.csv")
    with pytest.raises(checksums.DataChecksumError) as caught:
        data.load("customers", folder=course_copy)
    message = str(caught.value)
    assert "customers.csv" in message and "SHA256SUMS" in message
    assert "git checkout datasets/" in message and "make data" in message
    assert "3,000 bytes" in message
    assert isinstance(caught.value, ValueError)
    assert len(data.load("teams", folder=course_copy)) == 8  # the other file is fine


def test_blank_required_value_names_the_row(course_copy: Path) -> None:
    (course_copy / "SHA256SUMS").unlink()  # a folder of one's own: no checksums to check
    cut_short(course_copy / "customers.csv")
    with pytest.raises(ValueError) as caught:
        data.load("customers", folder=course_copy)
    message = str(caught.value)
    assert "row 19" in message and "line 20 of customers.csv" in message
    assert "signup_date" in message and "blank" in message and "make data" in message


def test_optional_columns_may_be_blank(course_copy: Path) -> None:
    customers = data.load("customers", folder=course_copy)
    assert customers["business_type"].isna().any()
    assert set(data.OPTIONAL_COLUMNS) <= set(data.SCHEMAS)
    for table, columns in data.OPTIONAL_COLUMNS.items():
        assert columns <= set(data.SCHEMAS[table]), table


def test_another_data_folder_is_checked_against_its_own_list(
    course_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CRMKIT_DATA may point at different data (the grading twin): its own SHA256SUMS rules."""
    teams = course_copy / "teams.csv"
    teams.write_text(teams.read_text().replace("T01", "T99"))
    (course_copy / "SHA256SUMS").write_text(f"{checksums.sha256_of(teams)}  teams.csv\n")
    monkeypatch.setenv(DATA_ENV_VAR, str(course_copy))
    assert data.load("teams")["team_id"].iloc[0] == "T99"
    customers = course_copy / "customers.csv"
    first_lines = customers.read_text().splitlines(keepends=True)[:101]
    customers.write_text("".join(first_lines))  # not listed here: not checked
    assert len(data.load("customers")) == 100


def test_listed_checksums_reads_the_sha256sum_format(tmp_path: Path) -> None:
    assert checksums.listed_checksums(tmp_path) == {}
    (tmp_path / "SHA256SUMS").write_text("ABC  a.csv\n\ndef *b.csv\nbroken\n")
    assert checksums.listed_checksums(tmp_path) == {"a.csv": "abc", "b.csv": "def"}


@pytest.mark.parametrize(
    ("function", "bad", "words"),
    [
        (checksums.sha256_of, 3, ("path", "int")),
        (checksums.sha256_of, "", ("path", "empty")),
        (checksums.listed_checksums, None, ("folder", "NoneType")),
        (checksums.verify_file, ["a.csv"], ("path", "list")),
        (checksums.verify_file, "  ", ("path", "empty")),
    ],
)
def test_bad_input_gets_a_clear_error(function, bad, words) -> None:
    expect_clear_error(lambda: function(bad), *words, what=f"{function.__name__}({bad!r})")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nothing.csv"):
        checksums.verify_file(tmp_path / "nothing.csv")
