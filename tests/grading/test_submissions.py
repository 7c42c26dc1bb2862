"""crmkit.grading.submissions: the SUBMISSIONS layout, the chapter, unreadable notebooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from crmkit.grading.submissions import (
    DiscoveryError,
    chapter_from_name,
    find_submissions,
    normalise_chapter,
    notebook_problem,
)

from tests.grading.fixtures.builders import (
    GOOD,
    NOTEBOOK_NAME,
    folder_fingerprint,
    write_submission,
)


@pytest.mark.parametrize(
    ("name", "chapter"),
    [
        ("01-recognising-customers.ipynb", "01"),
        ("00-getting-started (2).ipynb", "00"),
        ("alice_01.ipynb", "01"),
        ("Copy of 01-recognising-customers.ipynb", "01"),
        ("homework.ipynb", None),
        ("alice 01 02.ipynb", None),
        ("2024-alice.ipynb", None),
    ],
)
def test_chapter_from_name(name: str, chapter: str | None) -> None:
    assert chapter_from_name(name, known={"00", "01", "02"}) == chapter


def test_normalise_chapter_rejects_nonsense() -> None:
    assert normalise_chapter("01-recognising-customers") == "01"
    with pytest.raises(DiscoveryError, match="not a chapter"):
        normalise_chapter("first")


def test_find_submissions_layouts(tmp_path: Path) -> None:
    root = tmp_path / "submissions"
    write_submission(root, "bob", GOOD)
    write_submission(root, "ann", GOOD, name="my homework.ipynb")
    write_submission(root, "cy", GOOD, name="02-other-chapter.ipynb")
    write_submission(root / "dee", "nested", GOOD)
    (root / "dee" / ".ipynb_checkpoints").mkdir()
    write_submission(root / "dee", ".ipynb_checkpoints", GOOD)
    (root / "empty").mkdir()
    (root / ".hidden").mkdir()
    write_submission(root, ".hidden", GOOD)
    (root / "99-loose.ipynb").write_text((root / "bob" / NOTEBOOK_NAME).read_text())
    before = folder_fingerprint(root)
    chapter, found = find_submissions(root, None, known={"99", "02"})
    assert chapter == "99"
    by_student = {s.student: s for s in found}
    assert [s.student for s in found] == ["99-loose", "ann", "bob", "cy", "dee", "empty"]
    assert by_student["ann"].gradable  # the only notebook, with no chapter in its name
    assert by_student["cy"].status == "no submission"
    assert "none of its notebooks is chapter 99's" in by_student["cy"].problem
    assert by_student["dee"].notebook == root / "dee" / "nested" / NOTEBOOK_NAME
    assert by_student["empty"].status == "no submission"
    assert folder_fingerprint(root) == before


def test_find_submissions_single_file_and_errors(tmp_path: Path) -> None:
    notebook = write_submission(tmp_path, "x", GOOD)
    chapter, found = find_submissions(notebook, None, known={"99"})
    assert (chapter, [s.student for s in found]) == ("99", ["99-fake-chapter"])
    with pytest.raises(DiscoveryError, match="does not exist"):
        find_submissions(tmp_path / "nothing", None, known={"99"})
    (tmp_path / "empty").mkdir()
    with pytest.raises(DiscoveryError, match="holds no student folders"):
        find_submissions(tmp_path / "empty", None, known={"99"})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'{"cells": [', "broken JSON at line 1"),
        (b"[1, 2]", "not a valid Jupyter notebook"),
        (b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "no code cells"),
        (
            b'{"cells": [{"cell_type": "code"}], "metadata": {}, "nbformat": 4, '
            b'"nbformat_minor": 5}',
            "not a valid Jupyter notebook",
        ),
    ],
)
def test_invalid_notebooks_are_explained(content: bytes, problem: str, tmp_path: Path) -> None:
    path = tmp_path / NOTEBOOK_NAME
    path.write_bytes(content)
    assert problem in (notebook_problem(path) or "")
