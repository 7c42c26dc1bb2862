"""The files ``crmkit grade`` writes in OUTDIR, each atomically, all deterministic.

* ``gradebook.csv``: one row per student: notebook, status, every exercise's
  points, total, maximum, problems, and flags for the instructor;
* ``feedback/STUDENT.md``: each exercise's verdict (the text ``check`` shows), the
  run's problems and the first error with the line of code where it happened;
* ``gradescope/STUDENT/results.json``: the same in Gradescope's autograder format;
* ``class_summary.csv``, ``summary.md`` and ``score_distribution.png``: pass rate
  per exercise, statuses and the distribution of scores.

Every file is written to a temporary file in its folder and renamed into place,
so an interrupted run leaves either the previous file or the new one, never half
of one; the gradebook is written last. Nothing depends on timing or on the
order in which submissions finished, so a re-run gives the same files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import statistics
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crmkit.exercises import Exercise, Feedback
from crmkit.grading.class_report import (
    BatchNotes,
    mistakes_markdown,
    mistakes_terminal,
    typed_in_counts,
)
from crmkit.grading.rubric import (
    RUBRIC_SCORES,
    Rubric,
    gradebook_columns,
    memo_feedback,
    rubric_for_chapter,
    rubric_rows,
)
from crmkit.grading.scoring import CELL_NUMBERS, STATUSES, StudentResult
from crmkit.grading.submissions import INVALID, NO_SUBMISSION

GRADEBOOK = "gradebook.csv"
CLASS_SUMMARY = "class_summary.csv"
SUMMARY = "summary.md"
PLOT = "score_distribution.png"
FEEDBACK_DIR = "feedback"
GRADESCOPE_DIR = "gradescope"
NOT_SUBMITTED = (NO_SUBMISSION, INVALID)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", "hello\\n")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('hello\\n', ['a.txt'])
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def points(value: float) -> str:
    """Points as the gradebook shows them: ``3`` rather than ``3.0``, else two decimals.

    >>> points(3.0), points(2.5), points(1 / 3)
    ('3', '2.5', '0.33')
    """
    value = round(float(value), 2)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def file_names(students: Sequence[str]) -> dict[str, str]:
    """A distinct, file-system-safe name for each student, stable from run to run.

    Names that differ only in case get a suffix, for case-insensitive file systems.

    >>> file_names(["Ana María", "ana maría", "../x"])
    {'Ana María': 'Ana_María', 'ana maría': 'ana_maría-2', '../x': 'x'}
    """
    names: dict[str, str] = {}
    used: set[str] = set()
    for student in students:
        base = re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"
        name, number = base, 1
        while name.casefold() in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name.casefold())
        names[student] = name
    return names


def write_reports(
    outdir: Path,
    chapter: str,
    exercises: Sequence[Exercise],
    results: Sequence[StudentResult],
    notes: BatchNotes | None = None,
) -> list[Path]:
    """Write every output file; returns their paths (the gradebook last).

    A chapter with a rubric (:mod:`crmkit.grading.rubric`) also gets the memo and the
    rubric in each feedback file, ``rubric_scores.csv`` and blank rubric columns.
    """
    names = file_names([r.student for r in results])
    rubric = rubric_for_chapter(chapter)
    written = []
    for result in results:
        name = names[result.student]
        feedback_path = outdir / FEEDBACK_DIR / f"{name}.md"
        text = feedback_markdown(chapter, result)
        if rubric is not None:
            text += "\n" + memo_feedback(rubric, result.memo)
        atomic_write(feedback_path, text)
        gradescope_path = outdir / GRADESCOPE_DIR / name / "results.json"
        atomic_write(gradescope_path, json.dumps(gradescope(result), indent=2) + "\n")
        written += [feedback_path, gradescope_path]
    summary_rows = class_summary(exercises, results)
    if rubric is not None:
        memos = [(r.student, r.memo) for r in results]
        atomic_write(outdir / RUBRIC_SCORES, _csv(rubric_rows(rubric, memos)))
        written.append(outdir / RUBRIC_SCORES)
    for path, data in (
        (outdir / CLASS_SUMMARY, _csv(summary_rows)),
        (outdir / PLOT, score_plot(chapter, exercises, results)),
        (outdir / SUMMARY, summary_markdown(chapter, exercises, results, summary_rows, notes)),
        (outdir / GRADEBOOK, _csv(gradebook_rows(exercises, results, rubric))),
    ):
        atomic_write(path, data)
        written.append(path)
    return written


def gradebook_rows(
    exercises: Sequence[Exercise],
    results: Sequence[StudentResult],
    rubric: Rubric | None = None,
) -> list[list[str]]:
    """The gradebook as rows of text, header first (with a rubric: its columns, blank, at the end)."""
    extra = gradebook_columns(rubric) if rubric is not None else []
    header = [
        "student",
        "notebook",
        "status",
        *[e.id for e in exercises],
        "total",
        "max",
        "problems",
        "flags",
        *extra,
    ]
    rows = [header]
    for result in results:
        by_id = {f.exercise_id: f for f in result.feedback}
        rows.append(
            [
                result.student,
                result.notebook,
                result.status,
                *[points(by_id[e.id].points) if e.id in by_id else "0" for e in exercises],
                points(result.points),
                points(sum(e.points for e in exercises)),
                " | ".join(p.replace("\n", " ") for p in result.problems),
                "; ".join(result.flags),
                *[""] * len(extra),
            ]
        )
    return rows


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def feedback_markdown(chapter: str, result: StudentResult) -> str:
    """A student's feedback report (Markdown, readable as plain text too)."""
    lines = [
        f"# Chapter {chapter}: feedback for {result.student}",
        "",
        f"- Notebook: {result.notebook or '(none)'}",
        f"- Score: **{points(result.points)} of {points(result.max_points)} points**",
        f"- Status: {result.status}",
        "",
    ]
    if result.problems:
        lines += ["## What happened when your notebook ran", ""]
        lines += [f"- {problem}" for problem in result.problems] + [""]
    if result.first_error is not None:
        error = result.first_error
        lines += ["## First error", "", f"In {error.describe()}", ""]
        if error.source_line:
            lines += ["```python", error.source_line, "```", ""]
        lines += [f"({CELL_NUMBERS})", ""]
    lines += ["## Exercises", ""]
    for feedback in result.feedback:
        lines += [
            f"### Exercise {feedback.exercise_id}: {points(feedback.points)} of "
            f"{points(feedback.max_points)} ({_verdict(feedback)})",
            "",
            "```text",
            repr(feedback),
            "```",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _verdict(feedback: Feedback) -> str:
    return {
        "correct": "correct",
        "incorrect": "not correct",
        "not_attempted": "not attempted",
        "error": "not graded: see below",
    }.get(feedback.status, feedback.status)


def gradescope(result: StudentResult) -> dict[str, Any]:
    """The student's result in Gradescope's autograder ``results.json`` format."""
    output = [f"Status: {result.status}", *result.problems]
    if result.first_error is not None:
        output.append(f"First error: {result.first_error.describe()}")
    tests = [
        {
            "name": f"Exercise {f.exercise_id}: {f.title}",
            "number": f.exercise_id,
            "score": f.points,
            "max_score": f.max_points,
            "status": "passed" if f.status == "correct" else "failed",
            "output": repr(f),
            "visibility": "visible",
        }
        for f in result.feedback
    ]
    return {
        "score": float(result.points),
        "output": "\n".join(output),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def class_summary(
    exercises: Sequence[Exercise], results: Sequence[StudentResult]
) -> list[list[str]]:
    """Per exercise: how many submitted, answered correctly, pass rate, mean points."""
    submitted = [r for r in results if r.status not in NOT_SUBMITTED]
    rows = [
        [
            "exercise",
            "title",
            "max_points",
            "submitted",
            "correct",
            "not_attempted",
            "pass_rate",
            "mean_points",
            "typed_in",
        ]
    ]
    typed = typed_in_counts(exercises, submitted)
    for exercise in exercises:
        verdicts = [f for r in submitted for f in r.feedback if f.exercise_id == exercise.id]
        correct = sum(f.status == "correct" for f in verdicts)
        rate = correct / len(verdicts) if verdicts else 0.0
        mean = statistics.fmean(f.points for f in verdicts) if verdicts else 0.0
        rows.append(
            [
                exercise.id,
                exercise.title,
                points(exercise.points),
                str(len(verdicts)),
                str(correct),
                str(sum(f.status == "not_attempted" for f in verdicts)),
                f"{rate:.2f}",
                f"{mean:.2f}",
                str(typed[exercise.id]),
            ]
        )
    return rows


def summary_markdown(
    chapter: str,
    exercises: Sequence[Exercise],
    results: Sequence[StudentResult],
    summary_rows: list[list[str]],
    notes: BatchNotes | None = None,
) -> str:
    """The class summary: how it was graded, statuses, scores, pass rates, mistakes, the plot."""
    maximum = sum(e.points for e in exercises)
    submitted = [r for r in results if r.status not in NOT_SUBMITTED]
    lines = [
        f"# Chapter {chapter}: class summary",
        "",
        f"{len(results)} students, {len(submitted)} with a notebook that could be run. "
        f"Maximum score: {points(maximum)} points.",
        "",
    ]
    if notes is not None:
        lines += [*notes.lines(), ""]
    lines += ["| status | students |", "|---|---|"]
    lines += [f"| {status} | {count} |" for status, count in status_counts(results)] + [""]
    lines += [score_line(results, maximum), ""]
    lines += [
        "| exercise | title | points | correct | pass rate | mean points | typed in? |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in summary_rows[1:]:
        lines.append(
            f"| {row[0]} | {row[1]} | {row[2]} | {row[4]} of {row[3]} | "
            f"{float(row[6]):.0%} | {row[7]} | {row[8]} |"
        )
    lines += ["", f"![Score distribution]({PLOT})", ""]
    lines += mistakes_markdown(exercises, results)
    attention = [r for r in results if r.status != "ok" or r.flags]
    if attention:
        lines += ["## Submissions to look at", ""]
        for result in attention:
            notes = [result.status + (f" ({result.problems[0]})" if result.problems else "")]
            notes += [f"flag: {flag}" for flag in result.flags]
            lines.append(f"- {result.student}: {'; '.join(notes)}")
    return "\n".join(lines).rstrip() + "\n"


def status_counts(results: Sequence[StudentResult]) -> list[tuple[str, int]]:
    """(status, number of students), in the order of :data:`STATUSES`, non-zero only."""
    counts = Counter(r.status for r in results)
    return [(status, counts[status]) for status in STATUSES if counts[status]]


def score_line(results: Sequence[StudentResult], maximum: float) -> str:
    """``Scores (of 12): mean 7.25, median 8, lowest 0, highest 12.``"""
    scores = [r.points for r in results if r.status not in NOT_SUBMITTED]
    if not scores:
        return "No scores: no notebook could be run."
    return (
        f"Scores (of {points(maximum)}): mean {statistics.fmean(scores):.2f}, "
        f"median {points(statistics.median(scores))}, lowest {points(min(scores))}, "
        f"highest {points(max(scores))}."
    )


def score_plot(
    chapter: str, exercises: Sequence[Exercise], results: Sequence[StudentResult]
) -> bytes:
    """A PNG: the distribution of total scores, and the pass rate of each exercise.

    Drawn with the Agg canvas directly: no pyplot, no global backend switch.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    maximum = sum(e.points for e in exercises)
    scores = [r.points for r in results if r.status not in NOT_SUBMITTED]
    figure = Figure(figsize=(10, 4), dpi=100)
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    bins = [x - 0.5 for x in range(int(maximum) + 2)]
    left.hist(scores, bins=bins, color="#1f77b4", edgecolor="white")
    left.set(
        title=f"Chapter {chapter}: total scores ({len(scores)} notebooks)",
        xlabel=f"points (of {points(maximum)})",
        ylabel="students",
        xlim=(-0.5, maximum + 0.5),
    )
    left.yaxis.get_major_locator().set_params(integer=True)
    rates = []
    for exercise in exercises:
        verdicts = [
            f
            for r in results
            if r.status not in NOT_SUBMITTED
            for f in r.feedback
            if f.exercise_id == exercise.id
        ]
        rates.append(
            sum(f.status == "correct" for f in verdicts) / len(verdicts) if verdicts else 0.0
        )
    right.barh([e.id for e in exercises][::-1], [100 * r for r in rates][::-1], color="#2ca02c")
    right.set(title="Pass rate per exercise", xlabel="% of notebooks correct", xlim=(0, 100))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def terminal_summary(
    chapter: str,
    exercises: Sequence[Exercise],
    results: Sequence[StudentResult],
    outdir: Path,
    seconds: float,
    jobs: int,
    sandboxed: bool,
    notes: BatchNotes | None = None,
) -> str:
    """The one-screen summary printed at the end of ``crmkit grade``."""
    maximum = sum(e.points for e in exercises)
    minutes, rest = divmod(int(round(seconds)), 60)
    how = f"{jobs} job{'s' if jobs != 1 else ''}" + (", sandboxed" if sandboxed else "")
    lines = [
        f"Graded {len(results)} submission(s) of chapter {chapter} in {minutes}:{rest:02d} "
        f"({how}).",
        "Status: " + ", ".join(f"{n} {status}" for status, n in status_counts(results)),
        score_line(results, maximum),
        "Pass rate per exercise:",
    ]
    for row in class_summary(exercises, results)[1:]:
        title = row[1] if len(row[1]) <= 40 else row[1][:37] + "..."
        lines.append(f"  {row[0]:<6} {title:<40} {float(row[6]):>5.0%}  ({row[4]} of {row[3]})")
    lines += mistakes_terminal(exercises, results)
    attention = [r for r in results if r.status != "ok" or r.flags]
    if attention:
        lines.append(f"To look at ({len(attention)}):")
        for result in attention[:8]:
            note = result.problems[0] if result.problems else "; ".join(result.flags)
            lines.append(f"  {result.student}: {result.status}: {note}"[:120])
        if len(attention) > 8:
            lines.append(f"  ... and {len(attention) - 8} more: see {SUMMARY}")
    lines.append(
        f"Written to {outdir}: {GRADEBOOK}, {FEEDBACK_DIR}/, {GRADESCOPE_DIR}/, "
        f"{SUMMARY}, {CLASS_SUMMARY}, {PLOT}"
    )
    if notes is not None:
        lines += notes.lines()
    return "\n".join(lines)
