"""crmkit.guide.build and ``crmkit guide [--check]``: the guide is generated and never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from crmkit import cli
from crmkit.guide import build_guide, stale_files, write_guide

from tests.bad_input_support import expect_clear_error


def crmkit_guide(course: Path, *options: str) -> int:
    folders = ["--solutions", str(course / "solutions"), "--docs", str(course / "docs")]
    return cli.main(["guide", *folders, *options])


def test_cli_check_exit_codes(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crmkit_guide(course, "--check") == 1
    assert "docs/instructor-guide.md is missing" in capsys.readouterr().out
    assert crmkit_guide(course) == 0
    assert "wrote docs/guide/98-testing-the-guide.md" in capsys.readouterr().out
    assert crmkit_guide(course, "--check") == 0

    notes = course / "docs" / "guide-notes" / "98.md"
    notes.parent.mkdir()
    notes.write_text("## Planted effects and what they support\n\nNone: a test chapter.\n")
    assert crmkit_guide(course, "--check") == 1
    assert "docs/guide/98-testing-the-guide.md is out of date" in capsys.readouterr().out
    assert crmkit_guide(course) == 0
    page = (course / "docs" / "guide" / "98-testing-the-guide.md").read_text()
    assert "None: a test chapter." in page and "Not written yet" not in page

    (course / "docs" / "guide" / "97-gone.md").write_text("old")
    assert crmkit_guide(course, "--check") == 1
    assert "97-gone.md is extra" in capsys.readouterr().out
    assert crmkit_guide(course) == 0
    assert not (course / "docs" / "guide" / "97-gone.md").exists()


def test_cli_error_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crmkit_guide(tmp_path) == 2
    assert "No chapter notebooks" in capsys.readouterr().err


def test_page_merges_generated_and_hand_written_parts(course: Path) -> None:
    files = build_guide(course / "solutions", course / "docs")
    assert set(files) == {"instructor-guide.md", "guide/98-testing-the-guide.md"}
    page = files["guide/98-testing-the-guide.md"]
    for part in (
        "## Learning goals",
        "### A 90-minute class",
        "### Self-study",
        "## How to grade",
        "crmkit grade submissions/ -o grades/ --chapter 98",
        "1. First question, continued.",
        "> Because.",
        "Not written yet: add `docs/guide-notes/98.md`",
    ):
        assert part in page, part
    assert (
        "[98-testing-the-guide.md](guide/98-testing-the-guide.md)" in files["instructor-guide.md"]
    )


def test_the_course_guide_is_current(repo_root: Path) -> None:
    """docs/ is what `crmkit guide` writes now: run it after changing a lesson or an exercise."""
    assert stale_files(repo_root / "solutions", repo_root / "docs") == []


def test_course_pages_quote_the_exercise_definitions(repo_root: Path) -> None:
    from crmkit.exercises import exercises_for_chapter

    page = (repo_root / "docs" / "guide" / "01-recognising-customers.md").read_text()
    for exercise in exercises_for_chapter("01"):
        assert (
            f"| {exercise.id} | {exercise.title} | `{exercise.variable}` | {exercise.points} |"
            in page
        )
        assert all(hint in page for hint in exercise.hints)


@pytest.mark.parametrize("function", [build_guide, stale_files, write_guide])
@pytest.mark.parametrize(("argument", "bad"), [("solutions", 3), ("docs", "")])
def test_bad_folders_are_clear_errors(function, argument, bad, course: Path) -> None:
    good = {"solutions": course / "solutions", "docs": course / "docs"}
    expect_clear_error(
        lambda: function(**{**good, argument: bad}),
        argument,
        what=f"{function.__name__}({argument}={bad!r})",
    )
