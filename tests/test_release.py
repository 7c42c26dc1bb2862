"""crmkit.release: solution notebooks -> student notebooks, and the drift check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from crmkit import cli
from crmkit.release import (
    ANSWER_PROMPT,
    CODE_PLACEHOLDER,
    ReleaseError,
    check_release,
    notebook_bytes,
    release_all,
    release_notebook,
)
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def student_code(source: str) -> str:
    """The student edition of one code cell's source."""
    return release_notebook(new_notebook(cells=[new_code_cell(source)])).cells[0].source


def student_markdown(source: str) -> str:
    """The student edition of one markdown cell's source."""
    return release_notebook(new_notebook(cells=[new_markdown_cell(source)])).cells[0].source


def release_error(*cells: object, name: str = "05-tiering-customers.ipynb") -> str:
    """The message of the ReleaseError that releasing these cells raises."""
    with pytest.raises(ReleaseError) as raised:
        release_notebook(new_notebook(cells=list(cells)), name=name)
    return str(raised.value)


# --------------------------------------------------------------------------
# Code cells
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "orders = load()\n# BEGIN SOLUTION\nby_month = orders.groupby('m').sum()\n"
            "top = by_month.nlargest(3, 'revenue')\n# END SOLUTION\ncheck('1.1', top)",
            "orders = load()\ntop = ...  # YOUR CODE HERE\ncheck('1.1', top)",
            id="block-last-assignment",
        ),
        pytest.param(
            "# BEGIN SOLUTION\nrfm = base.copy()\nrfm['score'] = 1\nrfm.sort_values('score')\n"
            "# END SOLUTION",
            "rfm = ...  # YOUR CODE HERE",
            id="block-ignores-subscript-and-expression",
        ),
        pytest.param(
            "for c in customers:\n    # BEGIN SOLUTION\n    value = c * 2\n    # END SOLUTION\n",
            "for c in customers:\n    value = ...  # YOUR CODE HERE\n",
            id="indentation-of-begin-kept",
        ),
        pytest.param(
            "\t# BEGIN SOLUTION\n\tx = 1\n\t# END SOLUTION",
            "\tx = ...  # YOUR CODE HERE",
            id="tab-indentation",
        ),
        pytest.param("share = 0.25  # SOLUTION", "share = ...  # YOUR CODE HERE", id="one-line"),
        pytest.param(
            "if True:\n    share = a / b  # SOLUTION\nprint(share)",
            "if True:\n    share = ...  # YOUR CODE HERE\nprint(share)",
            id="one-line-indented",
        ),
        pytest.param("print(total)  # SOLUTION", CODE_PLACEHOLDER, id="one-line-no-assignment"),
        pytest.param(
            "# BEGIN SOLUTION\nprint('hello')\nplt.show()\n# END SOLUTION",
            CODE_PLACEHOLDER,
            id="no-assignment",
        ),
        pytest.param("# BEGIN SOLUTION\n# END SOLUTION", CODE_PLACEHOLDER, id="empty-block"),
        pytest.param(
            "# BEGIN SOLUTION\nlow = high = 0\n# END SOLUTION",
            "low = high = ...  # YOUR CODE HERE",
            id="multiple-targets",
        ),
        pytest.param(
            "# BEGIN SOLUTION\nlow = frame['x'] = 0\n# END SOLUTION",
            "low = ...  # YOUR CODE HERE",
            id="multiple-targets-only-names",
        ),
        pytest.param(
            "# BEGIN SOLUTION\nrecency, frequency = r, f\n# END SOLUTION",
            "recency, frequency = ..., ...  # YOUR CODE HERE",
            id="tuple-target",
        ),
        pytest.param(
            "# BEGIN SOLUTION\n(a, b), [c] = pairs\n# END SOLUTION",
            "(a, b), [c] = (..., ...), (...,)  # YOUR CODE HERE",
            id="nested-tuple-target",
        ),
        pytest.param(
            "# BEGIN SOLUTION\nfirst, *rest = items\n# END SOLUTION",
            "first, *rest = ..., ...  # YOUR CODE HERE",
            id="starred-target",
        ),
        pytest.param(
            "# BEGIN SOLUTION\nlimit: float = 0.5\n# END SOLUTION",
            "limit = ...  # YOUR CODE HERE",
            id="annotated",
        ),
        pytest.param(
            "# BEGIN SOLUTION\ntotal += 1\n# END SOLUTION",
            "total = ...  # YOUR CODE HERE",
            id="augmented",
        ),
        pytest.param(
            "def f(x):\n    # BEGIN SOLUTION\n    y = x * 2\n    return y\n    # END SOLUTION",
            "def f(x):\n    y = ...  # YOUR CODE HERE",
            id="block-with-return",
        ),
        pytest.param(
            "# BEGIN SOLUTION\n%time result = slow()\n# END SOLUTION",
            CODE_PLACEHOLDER,
            id="magic-falls-back",
        ),
        pytest.param(
            "# BEGIN SOLUTION\na = 1\n# END SOLUTION\nb = 2  # SOLUTION\n"
            "# BEGIN SOLUTION\nc = 3\n# END SOLUTION",
            "a = ...  # YOUR CODE HERE\nb = ...  # YOUR CODE HERE\nc = ...  # YOUR CODE HERE",
            id="several-blocks",
        ),
        pytest.param("x = 1\n# a comment\n", "x = 1\n# a comment\n", id="no-markers"),
    ],
)
def test_code_cell(source: str, expected: str) -> None:
    assert student_code(source) == expected


def test_placeholders_run() -> None:
    """Every placeholder is valid Python that runs (tuple shapes unpack)."""
    source = (
        "# BEGIN SOLUTION\n(a, b), [c] = pairs\n# END SOLUTION\n"
        "# BEGIN SOLUTION\nfirst, *rest = items\n# END SOLUTION\n"
        "low = high = 0  # SOLUTION\nprint(x)  # SOLUTION"
    )
    namespace: dict[str, object] = {}
    exec(student_code(source), namespace)
    assert namespace["a"] is namespace["c"] is namespace["first"] is Ellipsis
    assert namespace["rest"] == [Ellipsis]


# --------------------------------------------------------------------------
# Markdown cells
# --------------------------------------------------------------------------


def test_markdown_answer() -> None:
    source = (
        "**Question.** Why?\n\n<!-- BEGIN SOLUTION -->\nBecause loyal customers\n"
        "cost less to serve.\n<!-- END SOLUTION -->\n\nNext."
    )
    assert student_markdown(source) == f"**Question.** Why?\n\n{ANSWER_PROMPT}\n\nNext."


def test_markdown_answer_keeps_indentation() -> None:
    source = "1. Why?\n   <!-- BEGIN SOLUTION -->\n   Because.\n   <!-- END SOLUTION -->"
    assert student_markdown(source) == f"1. Why?\n   {ANSWER_PROMPT}"


def test_markdown_code_markers_are_text() -> None:
    """A markdown cell may show the code markers (e.g. in a fenced example)."""
    source = "Mark solutions like this:\n\n```python\n# BEGIN SOLUTION\n```"
    assert student_markdown(source) == source


# --------------------------------------------------------------------------
# Everything else is kept; outputs are cleared
# --------------------------------------------------------------------------


def solution_notebook() -> nbformat.NotebookNode:
    """A small solution notebook with outputs, metadata and an answer."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Chapter\n\n知识目标", metadata={"tags": []}),
            new_code_cell(
                "x = 40 + 2  # SOLUTION\nx",
                execution_count=3,
                outputs=[new_output("execute_result", {"text/plain": "42"}, execution_count=3)],
                metadata={"tags": ["nbval-ignore-output"], "scrolled": True},
            ),
            new_code_cell(
                "print('hi')",
                execution_count=4,
                outputs=[new_output("stream", name="stdout", text="hi\n")],
            ),
            nbformat.v4.new_raw_cell("raw # BEGIN SOLUTION stays"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"
    return nb


def test_outputs_and_counts_cleared_rest_kept() -> None:
    nb = solution_notebook()
    student = release_notebook(nb)
    code = [cell for cell in student.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert [cell.id for cell in student.cells] == [cell.id for cell in nb.cells]
    assert [cell.metadata for cell in student.cells] == [cell.metadata for cell in nb.cells]
    assert student.metadata == nb.metadata
    assert student.cells[0].source == nb.cells[0].source
    assert student.cells[3] == nb.cells[3]


def test_input_not_changed() -> None:
    nb = solution_notebook()
    before = notebook_bytes(nb)
    release_notebook(nb)
    assert notebook_bytes(nb) == before


def test_output_bytes_deterministic() -> None:
    nb = solution_notebook()
    first = notebook_bytes(release_notebook(nb))
    second = notebook_bytes(release_notebook(nbformat.reads(notebook_bytes(nb), as_version=4)))
    assert first == second
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    assert b'"indent"' not in first and first.startswith(b'{\n "cells": [\n  {\n')


# --------------------------------------------------------------------------
# Errors name the notebook and the cell
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "words"),
    [
        pytest.param("# BEGIN SOLUTION\nx = 1", "never closed", id="unclosed"),
        pytest.param("x = 1\n# END SOLUTION", "has no '# BEGIN SOLUTION'", id="end-first"),
        pytest.param(
            "# BEGIN SOLUTION\n# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n# END SOLUTION",
            "cannot be nested",
            id="nested",
        ),
        pytest.param("x = 1  # solution", "looks like a solution marker", id="lower-case"),
        pytest.param("# Begin Solution\nx = 1\n# End Solution", "looks like", id="spelling"),
        pytest.param("x = 1  # BEGIN SOLUTION", "looks like", id="not-alone"),
    ],
)
def test_code_marker_errors(source: str, words: str) -> None:
    message = release_error(new_markdown_cell("# Title"), new_code_cell(source))
    assert message.startswith("05-tiering-customers.ipynb, cell 2: ")
    assert words in message


@pytest.mark.parametrize(
    ("source", "words"),
    [
        pytest.param("<!-- BEGIN SOLUTION -->\nanswer", "never closed", id="unclosed"),
        pytest.param("answer\n<!-- END SOLUTION -->", "has no", id="end-first"),
        pytest.param(
            "<!-- BEGIN SOLUTION -->\n<!-- BEGIN SOLUTION -->\n<!-- END SOLUTION -->",
            "cannot be nested",
            id="nested",
        ),
        pytest.param("<!-- begin solution -->\nx\n<!-- end solution -->", "looks like", id="case"),
    ],
)
def test_markdown_marker_errors(source: str, words: str) -> None:
    message = release_error(
        new_code_cell("x = 1"), new_code_cell("y = 2"), new_markdown_cell(source)
    )
    assert message.startswith("05-tiering-customers.ipynb, cell 3: ")
    assert words in message


def test_error_says_which_line() -> None:
    message = release_error(new_code_cell("a = 1\n# BEGIN SOLUTION\nb = 2"))
    assert "opened on line 2" in message


def test_disallowed_tag() -> None:
    cell = new_code_cell("x = 1", metadata={"tags": ["nbval-ignore-output", "solution"]})
    message = release_error(new_markdown_cell("# T"), cell)
    assert message.startswith("05-tiering-customers.ipynb, cell 2: ")
    assert "'solution'" in message and "nbval-ignore-output, raises-exception" in message


def test_allowed_tags_pass() -> None:
    tags = ["raises-exception", "nbval-ignore-output"]
    cell = new_code_cell("1 / 0", metadata={"tags": tags})
    assert release_notebook(new_notebook(cells=[cell])).cells[0].metadata.tags == tags


# --------------------------------------------------------------------------
# Folders: release_all and check_release
# --------------------------------------------------------------------------


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A small course folder: solutions/ with two notebooks, a glossary and an image."""
    solutions = tmp_path / "solutions"
    (solutions / "images").mkdir(parents=True)
    nbformat.write(solution_notebook(), solutions / "00-getting-started.ipynb")
    second = new_notebook(cells=[new_code_cell("# BEGIN SOLUTION\ny = 2\n# END SOLUTION")])
    second.cells[0].id = "only"
    nbformat.write(second, solutions / "01-recognising-customers.ipynb")
    (solutions / "glossary.md").write_text("# Glossary\n\n客户关系 customer relationship\n")
    (solutions / "images" / "pyramid.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (solutions / ".ipynb_checkpoints").mkdir()
    (solutions / ".ipynb_checkpoints" / "00-getting-started-checkpoint.ipynb").write_text("{}")
    (solutions / "crm.sqlite").write_bytes(b"made by running a notebook")
    return tmp_path


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


# --------------------------------------------------------------------------
# The command: crmkit release [--check]
# --------------------------------------------------------------------------


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
