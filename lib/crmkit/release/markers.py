"""Solution markers: find them in a cell's source and replace what they mark.

In a code cell, solution code sits between ``# BEGIN SOLUTION`` and ``# END SOLUTION``
lines (it becomes a :func:`~crmkit.release.placeholders.placeholder`), or on one line
ending in ``# SOLUTION``. In a markdown cell, a written answer sits between
``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` lines (it becomes
:data:`ANSWER_PROMPT`). Unbalanced or nested markers, and near misses (a marker
misspelt, in lower case or not alone on its line, which would leak a solution into
the student edition) are a :class:`~crmkit.release.errors.ReleaseError` naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crmkit.release.errors import CellLocation
from crmkit.release.placeholders import placeholder

#: What a written answer in a markdown cell becomes.
ANSWER_PROMPT = "*Write your answer here.*"

_CODE_MARKER = re.compile(r"^(?P<indent>[ \t]*)#[ \t]*(?P<kind>BEGIN|END)[ \t]+SOLUTION[ \t]*$")
_MD_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)<!--[ \t]*(?P<kind>BEGIN|END)[ \t]+SOLUTION[ \t]*-->[ \t]*$"
)
_ONE_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<code>\S.*?)[ \t]*#[ \t]*SOLUTION[ \t]*$")
# Near misses: a marker that is misspelt, in lower case or not alone on its
# line would otherwise leak a solution into the student edition.
_LOOSE_CODE_MARKER = re.compile(r"#.*\b(BEGIN|END)[ \t_-]*SOLUTIONS?\b", re.IGNORECASE)
_LOOSE_ONE_LINE = re.compile(r"#[ \t]*SOLUTIONS?[ \t:.!]*$", re.IGNORECASE)
_LOOSE_MD_MARKER = re.compile(r"<!--.*\b(BEGIN|END)[ \t_-]*SOLUTIONS?\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Markers:
    """One kind of solution marker, and the words its error messages use."""

    pattern: re.Pattern[str]
    begin: str  # the BEGIN marker as the messages quote it
    end: str
    region: str  # what the markers enclose ("block", "answer")
    regions: str  # what cannot be nested ("solution blocks", "answers")
    unclosed: str  # what is never closed ("solution block", "written answer")
    after: str  # where the END marker goes ("the solution", "it")


_CODE = _Markers(
    _CODE_MARKER,
    "'# BEGIN SOLUTION'",
    "'# END SOLUTION'",
    "block",
    "solution blocks",
    "solution block",
    "the solution",
)
_MARKDOWN = _Markers(
    _MD_MARKER,
    "'<!-- BEGIN SOLUTION -->'",
    "'<!-- END SOLUTION -->'",
    "answer",
    "answers",
    "written answer",
    "it",
)


def _marked_lines(
    source: str, markers: _Markers, where: CellLocation
) -> Iterator[tuple[int, str, str, re.Match[str] | None]]:
    """Each line of ``source``: (number, line, role, marker match), checking the markers' balance.

    The role is ``"begin"`` or ``"end"`` for a marker line, ``"inside"`` or
    ``"outside"`` a marked region for the others. Lines are read lazily, so a
    problem found on a line by the caller is reported before a later marker problem.
    """
    opened: int | None = None  # line number of the BEGIN marker
    for number, line in enumerate(source.split("\n"), start=1):
        marker = markers.pattern.match(line)
        if marker and marker["kind"] == "BEGIN":
            if opened is not None:
                raise where.error(
                    f"{markers.begin} on line {number} comes before the {markers.end} of the "
                    f"{markers.region} opened on line {opened}; {markers.regions} cannot be nested"
                )
            opened = number
            yield number, line, "begin", marker
        elif marker:
            if opened is None:
                raise where.error(
                    f"{markers.end} on line {number} has no {markers.begin} before it"
                )
            opened = None
            yield number, line, "end", marker
        else:
            yield number, line, "outside" if opened is None else "inside", None
    if opened is not None:
        raise where.error(
            f"the {markers.unclosed} opened on line {opened} is never closed; "
            f"add a {markers.end} line after {markers.after}"
        )


def release_code(source: str, where: CellLocation) -> str:
    """Replace solution blocks and one-line solutions in a code cell's source.

    >>> where = CellLocation("demo.ipynb", 1, "code", "# BEGIN SOLUTION")
    >>> print(release_code("# BEGIN SOLUTION\\ntop = 5\\n# END SOLUTION\\nshare = 0.2  # SOLUTION",
    ...                    where))
    top = ...  # YOUR CODE HERE
    share = ...  # YOUR CODE HERE
    """
    out: list[str] = []
    indent, block = "", []
    for number, line, role, marker in _marked_lines(source, _CODE, where):
        if role == "begin":
            assert marker is not None
            indent, block = marker["indent"], []
        elif role == "end":
            out.append(indent + placeholder("\n".join(block)))
        elif role == "inside":
            block.append(line)
        else:
            out.append(_release_line(line, number, where))
    return "\n".join(out)


def _release_line(line: str, number: int, where: CellLocation) -> str:
    """Replace a one-line solution (``x = expr  # SOLUTION``); check for near misses."""
    one_line = _ONE_LINE.match(line)
    if one_line:
        return one_line["indent"] + placeholder(one_line["code"])
    if _LOOSE_CODE_MARKER.search(line) or _LOOSE_ONE_LINE.search(line):
        raise where.error(
            f"line {number} looks like a solution marker but is not one: {line.strip()!r}. "
            "Write '# BEGIN SOLUTION' and '# END SOLUTION' alone on their lines, or end a "
            "one-line solution with '# SOLUTION', exactly in these capitals"
        )
    return line


def release_markdown(source: str, where: CellLocation) -> str:
    """Replace written answers in a markdown cell's source with the prompt.

    >>> where = CellLocation("demo.ipynb", 2, "markdown", "Why?")
    >>> print(release_markdown("Why?\\n<!-- BEGIN SOLUTION -->\\nBecause.\\n<!-- END SOLUTION -->",
    ...                        where))
    Why?
    *Write your answer here.*
    """
    out: list[str] = []
    for number, line, role, marker in _marked_lines(source, _MARKDOWN, where):
        if role == "begin":
            assert marker is not None
            out.append(marker["indent"] + ANSWER_PROMPT)
        elif role == "outside":
            if _LOOSE_MD_MARKER.search(line):
                raise where.error(
                    f"line {number} looks like an answer marker but is not one: "
                    f"{line.strip()!r}. Write '<!-- BEGIN SOLUTION -->' and "
                    "'<!-- END SOLUTION -->' alone on their lines"
                )
            out.append(line)
    return "\n".join(out)
