"""Reading the instructor's rubric scores back into the gradebook.

``crmkit grade`` wrote ``rubric_scores.csv`` (one row per student and criterion,
``score`` blank) next to the gradebook; the instructor fills in the scores
(and, if they like, a comment) and runs::

    crmkit grade --rubric-scores FILLED.csv OUTDIR

:func:`apply_rubric_scores` checks the whole file first: every row must name a
student of the gradebook and a criterion of the chapter's rubric, once, with a
number from 0 to the criterion's points, and every student needs a score on
every criterion. Any problem stops it with one message listing every problem
by line, and nothing is changed. Otherwise the gradebook's rubric columns
(``memo:<criterion>``, ``memo_total``, ``memo_max``, ``grand_total``,
``grand_max``) are filled in and the gradebook is rewritten atomically. Only
the gradebook is written: submissions, feedback files and the filled file are
only read. Reading the same file again gives the same gradebook.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

from crmkit.grading.report import GRADEBOOK, atomic_write, points
from crmkit.grading.rubric import (
    GRAND_MAX,
    GRAND_TOTAL,
    MEMO_MAX,
    MEMO_TOTAL,
    Rubric,
    criterion_column,
    gradebook_columns,
    rubric_for_chapter,
)

REQUIRED = ("chapter", "student", "criterion", "score")
MAX_LISTED = 20


class RubricScoreError(ValueError):
    """The filled rubric file cannot be read into the gradebook; the message lists every problem."""


def _read_csv(path: Path, what: str) -> tuple[list[str], list[dict[str, str]]]:
    if not path.is_file():
        raise RubricScoreError(f"There is no {what} at {path}.")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    except (UnicodeDecodeError, csv.Error) as error:
        raise RubricScoreError(
            f"The {what} {path} is not a readable CSV file ({error}). Save it as CSV (UTF-8)."
        ) from None


def _score(text: str | None, maximum: float) -> tuple[float | None, str]:
    """The score in a cell, or None and what is wrong with it."""
    text = (text or "").strip()
    if not text:
        return None, "the score is blank: write a number (0 if the work earns nothing)"
    try:
        value = float(text)
    except ValueError:
        hint = " (write decimals with a point, like 2.5)" if "," in text else ""
        return None, f"the score {text!r} is not a number{hint}"
    if not math.isfinite(value) or not 0 <= value <= maximum:
        return None, f"the score {text} is outside 0-{points(maximum)}, this criterion's range"
    return value, ""


def _chapter(rows: list[dict[str, str]], filled: Path) -> Rubric:
    chapters = sorted({(row.get("chapter") or "").strip() for row in rows})
    if len(chapters) != 1 or not chapters[0]:
        raise RubricScoreError(
            f"{filled.name}: the chapter column must name one chapter on every row, "
            f"not {chapters}. Use the rubric_scores.csv that `crmkit grade` wrote."
        )
    rubric = rubric_for_chapter(chapters[0])
    if rubric is None:
        raise RubricScoreError(f"{filled.name}: chapter {chapters[0]} has no rubric to score.")
    return rubric


def read_scores(filled: Path, students: list[str]) -> tuple[Rubric, dict[tuple[str, str], float]]:
    """The rubric and {(student, criterion id): score} of a filled file; raises with every problem."""
    columns, rows = _read_csv(filled, "filled rubric file")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise RubricScoreError(
            f"{filled.name} lacks the columns {missing} (it has {columns}). Fill in the "
            "rubric_scores.csv that `crmkit grade` wrote, keeping its columns."
        )
    if not rows:
        raise RubricScoreError(f"{filled.name} has no rows of scores.")
    rubric = _chapter(rows, filled)
    known, scores, problems = set(students), {}, []
    for line, row in enumerate(rows, start=2):
        student, criterion_id = (
            (row.get("student") or "").strip(),
            (row.get("criterion") or "").strip(),
        )
        criterion = rubric.criterion(criterion_id)
        if student not in known:
            problems.append(f"line {line}: {student!r} is not a student of this gradebook")
        elif criterion is None:
            ids = ", ".join(c.id for c in rubric.criteria)
            problems.append(
                f"line {line}: {criterion_id!r} is not a criterion of the rubric ({ids})"
            )
        elif (student, criterion.id) in scores:
            problems.append(f"line {line}: a second score for {student!r} on {criterion.id!r}")
        else:
            value, problem = _score(row.get("score"), criterion.points)
            if value is None:
                problems.append(f"line {line} ({student}, {criterion.id}): {problem}")
            else:
                scores[(student, criterion.id)] = value
    seen = {(s, c) for s, c in scores} | _named(rows)
    problems += [
        f"no row for {student!r} on {c.id!r}"
        for student in students
        for c in rubric.criteria
        if (student, c.id) not in seen
    ]
    if problems:
        listed = problems[:MAX_LISTED] + (
            [f"... and {len(problems) - MAX_LISTED} more"] if len(problems) > MAX_LISTED else []
        )
        raise RubricScoreError(
            f"{filled.name} has {len(problems)} problem(s); the gradebook was not changed:\n"
            + "\n".join(f"- {p}" for p in listed)
        )
    return rubric, scores


def _named(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """(student, criterion) pairs that have a row (scored or not), so a bad row is reported once."""
    return {((r.get("student") or "").strip(), (r.get("criterion") or "").strip()) for r in rows}


def apply_rubric_scores(filled: Path | str, outdir: Path | str) -> Path:
    """Read a filled rubric file into ``outdir``'s gradebook; returns the gradebook's path.

    Raises :class:`RubricScoreError` (nothing changed) when the file has problems.
    """
    filled, gradebook = Path(filled), Path(outdir) / GRADEBOOK
    header, rows = _read_csv(
        gradebook, f"gradebook ({GRADEBOOK} of a `crmkit grade` output folder)"
    )
    rubric, scores = read_scores(filled, [row["student"] for row in rows])
    header = header + [c for c in gradebook_columns(rubric) if c not in header]
    for row in rows:
        student = row["student"]
        memo = sum(scores[(student, c.id)] for c in rubric.criteria)
        for c in rubric.criteria:
            row[criterion_column(c)] = points(scores[(student, c.id)])
        row[MEMO_TOTAL], row[MEMO_MAX] = points(memo), points(rubric.max_points)
        row[GRAND_TOTAL] = points(float(row.get("total") or 0) + memo)
        row[GRAND_MAX] = points(float(row.get("max") or 0) + rubric.max_points)
    lines = [header] + [[row.get(column, "") for column in header] for row in rows]
    atomic_write(gradebook, "".join(_csv_line(line) for line in lines))
    return gradebook


def _csv_line(values: list[str]) -> str:
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def run_rubric_scores(args: argparse.Namespace) -> int:
    """``crmkit grade --rubric-scores FILLED.csv OUTDIR``: 0 when read in, 2 on a problem."""
    candidates = [Path(args.submissions), Path(args.output)]
    outdir = next((p for p in candidates if (p / GRADEBOOK).is_file()), None)
    if outdir is None:
        print(
            f"crmkit grade: neither {candidates[0]} nor {candidates[1]} holds a {GRADEBOOK}: give "
            "the folder `crmkit grade` wrote its gradebook into, e.g. "
            "`crmkit grade --rubric-scores filled.csv grading-output`.",
            file=sys.stderr,
        )
        return 2
    try:
        path = apply_rubric_scores(args.rubric_scores, outdir)
    except RubricScoreError as error:
        print(f"crmkit grade: {error}", file=sys.stderr)
        return 2
    print(f"Read the rubric scores of {args.rubric_scores} into {path}.")
    return 0
