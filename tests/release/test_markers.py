"""crmkit.release.markers: solution blocks, one-line solutions, written answers, marker errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from crmkit.release import ANSWER_PROMPT, CODE_PLACEHOLDER
from nbformat.v4 import new_code_cell, new_markdown_cell

from tests.release.support import release_error, student_code, student_markdown


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


MARKER_ERRORS = [
    pytest.param(new_code_cell, "# BEGIN SOLUTION\nx = 1", "never closed", id="code-unclosed"),
    pytest.param(
        new_code_cell, "x = 1\n# END SOLUTION", "has no '# BEGIN SOLUTION'", id="code-end-first"
    ),
    pytest.param(
        new_code_cell,
        "# BEGIN SOLUTION\n# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n# END SOLUTION",
        "cannot be nested",
        id="code-nested",
    ),
    pytest.param(
        new_code_cell, "x = 1  # solution", "looks like a solution marker", id="code-lower-case"
    ),
    pytest.param(
        new_code_cell, "# Begin Solution\nx = 1\n# End Solution", "looks like", id="code-spelling"
    ),
    pytest.param(new_code_cell, "x = 1  # BEGIN SOLUTION", "looks like", id="code-not-alone"),
    pytest.param(
        new_markdown_cell, "<!-- BEGIN SOLUTION -->\nanswer", "never closed", id="markdown-unclosed"
    ),
    pytest.param(
        new_markdown_cell, "answer\n<!-- END SOLUTION -->", "has no", id="markdown-end-first"
    ),
    pytest.param(
        new_markdown_cell,
        "<!-- BEGIN SOLUTION -->\n<!-- BEGIN SOLUTION -->\n<!-- END SOLUTION -->",
        "cannot be nested",
        id="markdown-nested",
    ),
    pytest.param(
        new_markdown_cell,
        "<!-- begin solution -->\nx\n<!-- end solution -->",
        "looks like",
        id="markdown-case",
    ),
]


@pytest.mark.parametrize(("new_cell", "source", "words"), MARKER_ERRORS)
def test_marker_errors(new_cell: Callable[[str], object], source: str, words: str) -> None:
    """A marker problem names the notebook and the cell (counting every cell) and says what."""
    message = release_error(new_markdown_cell("# Title"), new_code_cell("y = 2"), new_cell(source))
    assert message.startswith("05-tiering-customers.ipynb, cell 3: ")
    assert words in message


def test_error_says_which_line() -> None:
    message = release_error(new_code_cell("a = 1\n# BEGIN SOLUTION\nb = 2"))
    assert "opened on line 2" in message
