"""crmkit.release.command: ``crmkit release [--check]`` and its exit status."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from crmkit import cli
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def crmkit_release(course: Path, *options: str) -> int:
    """Run ``crmkit release`` on a course folder through the real command parser."""
    folders = ["--solutions", str(course / "solutions"), "--notebooks", str(course / "notebooks")]
    return cli.main(["release", *folders, *options])


def test_cli_check_exit_codes(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crmkit_release(course, "--check") == 1  # everything missing
    assert "notebooks/00-getting-started.ipynb is missing" in capsys.readouterr().out

    assert crmkit_release(course) == 0
    assert "wrote notebooks/00-getting-started.ipynb" in capsys.readouterr().out
    assert crmkit_release(course, "--check") == 0

    source = course / "solutions" / "01-recognising-customers.ipynb"
    source.write_text(source.read_text().replace("y = 2", "y = 3"))
    nbformat.write(new_notebook(), course / "notebooks" / "extra.ipynb")
    assert crmkit_release(course, "--check") == 1
    out = capsys.readouterr().out
    assert "notebooks/01-recognising-customers.ipynb is out of date" not in out  # same placeholder
    assert "notebooks/extra.ipynb is extra" in out

    source.write_text(source.read_text().replace("y = 3", "renamed = 3"))
    assert crmkit_release(course, "--check") == 1
    assert "01-recognising-customers.ipynb is out of date: differs in cell 1 (source)" in (
        capsys.readouterr().out
    )


def test_cli_error_exit_code(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = new_notebook(cells=[new_markdown_cell("x"), new_code_cell("x = 1\n# END SOLUTION")])
    nbformat.write(broken, course / "solutions" / "04-customer-information.ipynb")
    for options in ((), ("--check",)):
        assert crmkit_release(course, *options) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith("crmkit release: 04-customer-information.ipynb, cell 2: ")
        assert "Traceback" not in captured.err + captured.out
