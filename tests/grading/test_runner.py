"""crmkit.grading.runner without a kernel: the scratch copy of a submission."""

from __future__ import annotations

from pathlib import Path

from crmkit.grading.runner import copy_submission

from tests.grading.fixtures.builders import GOOD, NOTEBOOK_NAME, write_submission


def test_scratch_copy_skips_links_and_hidden_files(tmp_path: Path) -> None:
    notebook = write_submission(tmp_path / "subs", "ann", GOOD)
    (notebook.parent / "data.csv").write_text("a\n1\n")
    (notebook.parent / ".secret").write_text("x")
    (notebook.parent / "link").symlink_to("/etc")
    copy = copy_submission(notebook, notebook.parent, tmp_path / "scratch")
    assert copy == tmp_path / "scratch" / NOTEBOOK_NAME
    assert sorted(p.name for p in (tmp_path / "scratch").iterdir()) == [NOTEBOOK_NAME, "data.csv"]
