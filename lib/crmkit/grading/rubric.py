"""Work graded by rubric: the memo at the end of a chapter, scored by the instructor.

A chapter whose notebook ends with written work (the capstone's memo to the
managers) declares a :class:`Rubric` as ``RUBRIC`` in its exercise module
(``crmkit/exercises/chNN.py``). ``crmkit grade`` then

* finds the memo in each notebook (:func:`extract_memo`: the markdown after the
  rubric's marker heading, read from the notebook's JSON, nothing executed);
* puts the memo and the rubric (criteria, points, what each level looks like)
  into each student's feedback file (:func:`memo_feedback`), for the instructor
  to read and score;
* writes ``rubric_scores.csv`` (:func:`rubric_rows`): one row per student and
  criterion, with a blank ``score`` for the instructor to fill in;
* adds the rubric's columns, blank, to the gradebook (:func:`gradebook_columns`).

``crmkit grade --rubric-scores FILLED.csv OUTDIR`` reads the filled file back
into the gradebook (:mod:`crmkit.grading.rubric_scores`).

>>> rubric = Rubric("99", (Criterion("evidence", "Evidence", 4, (("4", "Every claim has a number."),)),))
>>> cells = [{"cell_type": "markdown", "source": "## Memo to the managers\\n\\nKeep the top box."}]
>>> extract_memo(cells, rubric)
'Keep the top box.'
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

RUBRIC_SCORES = "rubric_scores.csv"
RUBRIC_HEADER = (
    "chapter",
    "student",
    "criterion",
    "title",
    "max_points",
    "memo_words",
    "score",
    "comment",
)
MEMO_TOTAL, MEMO_MAX, GRAND_TOTAL, GRAND_MAX = "memo_total", "memo_max", "grand_total", "grand_max"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


@dataclass(frozen=True)
class Criterion:
    """One criterion of a rubric: an id (``evidence``), a title, points, and its levels.

    ``levels``: (score or range, what work at that level looks like), best first,
    e.g. ``(("4", "Every recommendation rests on a figure from the data."), ("0-1", ...))``.
    """

    id: str
    title: str
    points: float
    levels: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise ValueError(
                f"A rubric criterion's id must be lower-case letters, digits and _, like "
                f"'evidence', not {self.id!r}."
            )
        if (
            isinstance(self.points, bool)
            or not isinstance(self.points, int | float)
            or self.points <= 0
        ):
            raise ValueError(
                f"Criterion {self.id!r}: points must be a number above 0, not {self.points!r}."
            )
        if not self.levels or not all(isinstance(x, tuple) and len(x) == 2 for x in self.levels):
            raise ValueError(f"Criterion {self.id!r}: levels must be (score, description) pairs.")


@dataclass(frozen=True)
class Rubric:
    """The rubric of a chapter's written work, and how to find that work in the notebook.

    ``marker``: the heading the work follows (any heading level, case ignored);
    ``placeholder``: the student edition's prompt under it, which is not the student's work;
    ``words``: the length asked for (shown to the instructor), or None.
    """

    chapter: str
    criteria: tuple[Criterion, ...]
    marker: str = "Memo to the managers"
    title: str = "Memo to the managers"
    placeholder: str = ""
    words: int | None = None

    def __post_init__(self) -> None:
        if not self.criteria or not all(isinstance(c, Criterion) for c in self.criteria):
            raise ValueError("A rubric needs at least one Criterion.")
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"A rubric's criteria need distinct ids, not {ids}.")

    @property
    def max_points(self) -> float:
        """The rubric's total points."""
        return float(sum(c.points for c in self.criteria))

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with this id, or None."""
        return next((c for c in self.criteria if c.id == criterion_id), None)


_TEMPORARY: dict[str, Rubric] = {}


def rubric_for_chapter(chapter: str) -> Rubric | None:
    """The chapter's rubric: ``RUBRIC`` of ``crmkit.exercises.chNN``, or one registered for tests.

    >>> rubric_for_chapter("01") is None
    True
    """
    if chapter in _TEMPORARY:
        return _TEMPORARY[chapter]
    name = f"crmkit.exercises.ch{chapter}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise  # the chapter module exists but something it imports does not
        return None
    rubric = getattr(module, "RUBRIC", None)
    return rubric if isinstance(rubric, Rubric) else None


@contextlib.contextmanager
def registered_rubric(rubric: Rubric) -> Iterator[Rubric]:
    """Make ``rubric`` its chapter's rubric inside the block (tests and examples).

    >>> with registered_rubric(Rubric("97", (Criterion("a", "A", 1, (("1", "ok"),)),))):
    ...     rubric_for_chapter("97").max_points
    1.0
    """
    before = _TEMPORARY.get(rubric.chapter)
    _TEMPORARY[rubric.chapter] = rubric
    try:
        yield rubric
    finally:
        if before is None:
            _TEMPORARY.pop(rubric.chapter, None)
        else:
            _TEMPORARY[rubric.chapter] = before


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _heading(line: str) -> tuple[int, str] | None:
    match = _HEADING.match(line.strip())
    return (len(match.group(1)), " ".join(match.group(2).split()).casefold()) if match else None


def extract_memo(cells: Sequence[dict[str, Any]], rubric: Rubric) -> str | None:
    """The student's written work: the markdown after the rubric's marker heading.

    It runs from the line after the heading to the next heading of the same or a
    higher level, or to the next code cell. None when the notebook has no such
    heading; "" when nothing but the placeholder is written under it.

    >>> rubric = Rubric("99", (Criterion("a", "A", 1, (("1", "ok"),)),), placeholder="Write here.")
    >>> extract_memo([{"cell_type": "markdown", "source": ["## Memo to the managers\\n", "Write here."]}], rubric)
    ''
    >>> extract_memo([{"cell_type": "code", "source": "x = 1"}], rubric) is None
    True
    """
    marker = " ".join(rubric.marker.split()).casefold()
    found, level, parts = False, 0, []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            if found:
                break
            continue
        for line in _source(cell).splitlines():
            heading = _heading(line)
            if not found:
                if heading is not None and heading[1] == marker:
                    found, level = True, heading[0]
                continue
            if heading is not None and heading[0] <= level:
                return _cleaned(parts, rubric)
            parts.append(line)
        if found:
            parts.append("")
    return _cleaned(parts, rubric) if found else None


def _cleaned(lines: list[str], rubric: Rubric) -> str:
    kept = [line for line in lines if not _COMMENT.match(line)]  # e.g. release markers
    text = "\n".join(kept).strip()
    if rubric.placeholder and " ".join(text.split()) == " ".join(rubric.placeholder.split()):
        return ""
    return text


def word_count(memo: str | None) -> int:
    """Words in the memo (0 when there is none).

    >>> word_count("Keep the top box, fix tickets."), word_count(None)
    (6, 0)
    """
    return len(re.findall(r"[\w'’-]+", memo or ""))


def memo_feedback(rubric: Rubric, memo: str | None) -> str:
    """The feedback file's section for work graded by rubric: the memo, then the rubric to score.

    >>> text = memo_feedback(Rubric("99", (Criterion("a", "Clarity", 2, (("2", "Clear."),)),)), None)
    >>> "No memo was found" in text and "| Clarity | 2 |" in text
    True
    """
    words = word_count(memo)
    asked = f" (asked for: about {rubric.words})" if rubric.words else ""
    lines = [f"## {rubric.title} (graded by rubric, {_points(rubric.max_points)} points)", ""]
    if memo is None:
        lines += [f'No memo was found: the notebook has no heading "{rubric.marker}".', ""]
    elif not memo:
        lines += [f'Nothing is written under the heading "{rubric.marker}".', ""]
    else:
        lines += [f"Words: {words}{asked}.", ""]
        lines += [f"> {line}".rstrip() for line in memo.splitlines()] + [""]
    lines += ["### Rubric", "", "| Criterion | Points | Levels | Score |", "|---|---:|---|---|"]
    for c in rubric.criteria:
        levels = "<br>".join(f"**{score}**: {text}" for score, text in c.levels)
        lines.append(f"| {c.title} | {_points(c.points)} | {levels} | ___ |")
    lines += [
        "",
        f"(Criterion ids for {RUBRIC_SCORES}: {', '.join(c.id for c in rubric.criteria)}.)",
    ]
    return "\n".join(lines) + "\n"


def _points(value: float) -> str:
    value = round(float(value), 2)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def rubric_rows(rubric: Rubric, memos: Sequence[tuple[str, str | None]]) -> list[list[str]]:
    """``rubric_scores.csv`` as rows, header first: one per (student, criterion), score blank.

    ``memos``: (student, memo or None) in gradebook order.

    >>> rows = rubric_rows(Rubric("99", (Criterion("a", "A", 2, (("2", "ok"),)),)), [("ana", "Two words")])
    >>> rows[1]
    ['99', 'ana', 'a', 'A', '2', '2', '', '']
    """
    rows = [list(RUBRIC_HEADER)]
    for student, memo in memos:
        words = str(word_count(memo))
        for c in rubric.criteria:
            rows.append([rubric.chapter, student, c.id, c.title, _points(c.points), words, "", ""])
    return rows


def criterion_column(criterion: Criterion) -> str:
    """The gradebook column of a criterion: ``memo:evidence``."""
    return f"memo:{criterion.id}"


def gradebook_columns(rubric: Rubric) -> list[str]:
    """The columns the rubric adds to the gradebook (blank until scores are read back).

    >>> gradebook_columns(Rubric("99", (Criterion("a", "A", 2, (("2", "ok"),)),)))
    ['memo:a', 'memo_total', 'memo_max', 'grand_total', 'grand_max']
    """
    return [
        *(criterion_column(c) for c in rubric.criteria),
        MEMO_TOTAL,
        MEMO_MAX,
        GRAND_TOTAL,
        GRAND_MAX,
    ]
