"""crmkit.release.sync: release_all writes notebooks/, check_release finds drift."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from crmkit.release import ReleaseError, check_release, notebook_bytes, release_all
from nbformat.v4 import new_code_cell, new_notebook


def test_release_all_writes_edition(course: Path) -> None:
    written = release_all(course / "solutions", course / "notebooks")
    relative = [path.relative_to(course / "notebooks").as_posix() for path in written]
    assert relative == [
        "00-getting-started.ipynb",
        "01-recognising-customers.ipynb",
        "glossary.md",
        "images/pyramid.png",
    ]
    for name in ("glossary.md", "images/pyramid.png"):
        assert (course / "notebooks" / name).read_bytes() == (
            course / "solutions" / name
        ).read_bytes()
    student = nbformat.read(course / "notebooks" / "01-recognising-customers.ipynb", 4)
    assert student.cells[0].source == "y = ...  # YOUR CODE HERE"
    assert not (course / "notebooks" / ".ipynb_checkpoints").exists()
    assert not (course / "notebooks" / "crm.sqlite").exists()
    umask = os.umask(0)
    os.umask(umask)
    assert {path.stat().st_mode & 0o777 for path in written} == {0o666 & ~umask}


def test_release_all_is_idempotent(course: Path) -> None:
    release_all(course / "solutions", course / "notebooks")
    before = {
        path: path.read_bytes() for path in (course / "notebooks").rglob("*") if path.is_file()
    }
    assert release_all(course / "solutions", course / "notebooks") == []
    after = {
        path: path.read_bytes() for path in (course / "notebooks").rglob("*") if path.is_file()
    }
    assert after == before
    assert check_release(course / "solutions", course / "notebooks") == []


def test_release_all_keeps_students_work(course: Path) -> None:
    release_all(course / "solutions", course / "notebooks")
    target = course / "notebooks" / "01-recognising-customers.ipynb"
    worked = nbformat.read(target, 4)
    worked.cells[0].source = "y = 2"
    worked.cells[0].execution_count = 1
    nbformat.write(worked, target)
    with pytest.raises(ReleaseError, match="01-recognising-customers.ipynb.*--force"):
        release_all(course / "solutions", course / "notebooks")
    assert nbformat.read(target, 4).cells[0].source == "y = 2"
    assert release_all(course / "solutions", course / "notebooks", force=True) == [target]


def test_release_all_writes_nothing_on_error(course: Path) -> None:
    broken = new_notebook(cells=[new_code_cell("# BEGIN SOLUTION\nz = 1")])
    nbformat.write(broken, course / "solutions" / "02-choosing-customers.ipynb")
    with pytest.raises(ReleaseError, match=r"02-choosing-customers\.ipynb, cell 1: "):
        release_all(course / "solutions", course / "notebooks")
    assert not (course / "notebooks").exists()


def test_check_release_names_stale_cell(course: Path) -> None:
    release_all(course / "solutions", course / "notebooks")
    source = course / "solutions" / "00-getting-started.ipynb"
    nb = nbformat.read(source, 4)
    nb.cells[2].source = "print('changed')"
    nbformat.write(nb, source)
    [problem] = check_release(course / "solutions", course / "notebooks")
    assert problem.startswith("notebooks/00-getting-started.ipynb is out of date")
    assert "cell 3 (source)" in problem


def test_check_release_missing_and_extra(course: Path) -> None:
    release_all(course / "solutions", course / "notebooks")
    (course / "notebooks" / "glossary.md").unlink()
    shutil.copy(
        course / "notebooks" / "00-getting-started.ipynb", course / "notebooks" / "99-old.ipynb"
    )
    (course / "notebooks" / ".ipynb_checkpoints").mkdir()
    problems = check_release(course / "solutions", course / "notebooks")
    assert problems == [
        "notebooks/glossary.md is missing",
        "notebooks/99-old.ipynb is extra: there is no solutions/99-old.ipynb to make it "
        "from (delete it, or add its source to solutions/)",
    ]


def test_check_release_cell_count(course: Path) -> None:
    release_all(course / "solutions", course / "notebooks")
    target = course / "notebooks" / "00-getting-started.ipynb"
    nb = nbformat.read(target, 4)
    del nb.cells[1]
    target.write_bytes(notebook_bytes(nb))
    [problem] = check_release(course / "solutions", course / "notebooks")
    assert problem.endswith(
        "it has 3 cells, release makes 4; the first difference is in cell 2 (id, metadata, source)"
    )


def test_missing_solutions_folder(tmp_path: Path) -> None:
    with pytest.raises(ReleaseError, match="There is no solutions folder"):
        check_release(tmp_path / "nowhere", tmp_path / "notebooks")


def test_unreadable_notebook(course: Path) -> None:
    (course / "solutions" / "03-developing-customers.ipynb").write_text("{oops")
    with pytest.raises(ReleaseError, match=r"03-developing-customers\.ipynb: it is not a readable"):
        release_all(course / "solutions", course / "notebooks")
