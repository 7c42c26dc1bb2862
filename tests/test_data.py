"""Bad input to crmkit.data's loaders: unknown tables, wrong folders, damaged files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crmkit import data
from hypothesis import given
from hypothesis import strategies as st

from tests.bad_input_support import (
    NOT_FRAMES,
    Target,
    coverage_tests,
    expect_clear_error,
    fast,
)

FAST = fast(max_examples=12, shrink=False)


@FAST
@given(table=st.text(max_size=20).filter(lambda name: name not in data.TABLES))
def test_load_unknown_table(table: str) -> None:
    message = expect_clear_error(
        lambda: data.load(table), "table", repr(table), what=f"load({table!r})"
    )
    assert repr(table) in message
    assert "customers" in message and "order_lines" in message  # lists the tables that exist


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("Customers", "customers"), ("order_line", "order_lines"), ("team", "teams")],
)
def test_load_suggests_the_table_meant(typo: str, meant: str) -> None:
    with pytest.raises(ValueError, match=f"Did you mean {meant!r}"):
        data.load(typo)


@FAST
@given(
    bad=NOT_FRAMES.filter(lambda x: not isinstance(x, str)) | st.builds(Path, st.just("customers"))
)
def test_load_table_not_a_string(bad: Any) -> None:
    expect_clear_error(lambda: data.load(bad), "table", what=f"load({bad!r:.60})")


@pytest.mark.parametrize("bad", [123, ["datasets"]], ids=repr)
@pytest.mark.parametrize("loader", ["load", "load_cdnow"])
def test_load_folder_of_wrong_type(loader: str, bad: Any) -> None:
    if loader == "load":
        call: Callable[[], Any] = lambda: data.load("teams", bad)  # noqa: E731
    else:
        call = lambda: data.load_cdnow(bad)  # noqa: E731
    expect_clear_error(call, "folder", what=f"{loader}(folder={bad!r})")


@pytest.mark.parametrize("loader", ["load", "load_cdnow"])
def test_load_folder_that_does_not_exist(loader: str, tmp_path: Path) -> None:
    """A missing file is a FileNotFoundError (the right type) that names the file and the fix."""
    folder = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError) as caught:
        data.load("teams", folder) if loader == "load" else data.load_cdnow(folder)
    message = str(caught.value)
    assert ("teams.csv" if loader == "load" else "CDNOW_master.txt") in message
    assert "git checkout datasets" in message


@pytest.mark.parametrize(
    ("table", "column", "bad_cell"),
    [
        ("payments", "payment_date", "31/12/2025"),
        ("payments", "amount", "12,5"),
        ("teams", "headcount", "twelve"),
        ("winback", "reactivated", "yes"),
    ],
)
def test_load_corrupt_cell_names_the_column(
    table: str, column: str, bad_cell: str, tmp_path: Path
) -> None:
    """An edited CSV with one bad cell: the error says which table and column to fix."""
    frame = pd.read_csv(data.data_dir() / f"{table}.csv", dtype="string", keep_default_na=False)
    frame.loc[0, column] = bad_cell
    frame.to_csv(tmp_path / f"{table}.csv", index=False)
    expect_clear_error(
        lambda: data.load(table, tmp_path),
        column,
        what=f"load({table!r}) with {column}={bad_cell!r}",
    )


def test_load_file_missing_a_column(tmp_path: Path) -> None:
    frame = pd.read_csv(data.data_dir() / "teams.csv", dtype="string", keep_default_na=False)
    frame.drop(columns=["headcount"]).to_csv(tmp_path / "teams.csv", index=False)
    expect_clear_error(
        lambda: data.load("teams", tmp_path), "headcount", what="teams.csv without headcount"
    )


NO_ARGUMENT_LOADERS = sorted(
    name for name in vars(data) if name.startswith("load_") and name != "load_cdnow"
)


@pytest.mark.parametrize("loader", NO_ARGUMENT_LOADERS)
def test_table_loaders_take_no_arguments(loader: str) -> None:
    """load_customers() and friends take nothing; an argument is a TypeError naming the loader."""
    with pytest.raises(TypeError, match=loader):
        getattr(data, loader)("customers")


# --------------------------------------------------------------------------- coverage

#: Every public function -> the bad-input checks that cover it.
BAD_INPUT: dict[str, list[Target | Callable[..., None]]] = {
    "crmkit.data.load": [
        test_load_unknown_table,
        test_load_suggests_the_table_meant,
        test_load_table_not_a_string,
        test_load_folder_of_wrong_type,
        test_load_folder_that_does_not_exist,
        test_load_corrupt_cell_names_the_column,
        test_load_file_missing_a_column,
    ],
    "crmkit.data.load_cdnow": [
        test_load_folder_of_wrong_type,
        test_load_folder_that_does_not_exist,
    ],
    **{
        f"crmkit.data.{name}": [test_table_loaders_take_no_arguments]
        for name in NO_ARGUMENT_LOADERS
    },
}


globals().update(coverage_tests(data, BAD_INPUT, globals()))
