"""``grade()``: from a folder of submissions to the gradebook, feedback and summary.

:mod:`~crmkit.grading.submissions` finds one notebook per student; a pool
of threads runs up to ``jobs`` worker processes at once
(:mod:`~crmkit.grading.runner`); the main thread checks each submission's answers
as it comes back (:mod:`~crmkit.grading.scoring`) and, at the end, writes the
reports (:mod:`~crmkit.grading.report`). Scratch copies live in a temporary
folder removed at the end; SUBMISSIONS is only read.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from crmkit.exercises import Exercise, all_exercises, exercises_for_chapter
from crmkit.grading.progress_bar import ProgressBar
from crmkit.grading.report import points, write_reports
from crmkit.grading.runner import Limits, ProcessRegistry, RawRun, run_submission
from crmkit.grading.sandbox import Sandbox, make_sandbox
from crmkit.grading.scoring import GRADER_ERROR, StudentResult, score, unanswered
from crmkit.grading.submissions import Submission, find_submissions, read_submitted_notebook


class GradingError(RuntimeError):
    """Grading cannot start as asked; the message tells the instructor what to change."""


@dataclass
class GradeOptions:
    """How to grade: parallel jobs, limits, chapter, sandbox, progress display."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)
    chapter: str | None = None
    sandbox: bool = False
    progress: bool | None = None


@dataclass
class GradeRun:
    """The outcome of :func:`grade`: what was graded and which files were written."""

    chapter: str
    exercises: list[Exercise]
    results: list[StudentResult]
    outdir: Path
    written: list[Path]
    seconds: float
    jobs: int
    sandboxed: bool


def check_paths(submissions: Path, outdir: Path) -> None:
    """Refuse an output folder that is, or is inside, or contains the submissions folder.

    >>> check_paths(Path("/s"), Path("/s/out"))
    Traceback (most recent call last):
    ...
    crmkit.grading.pipeline.GradingError: The output folder /s/out is inside the submissions \
folder /s: choose an output folder elsewhere (grading never writes into the submissions).
    """
    folder = submissions if submissions.suffix != ".ipynb" else None
    if folder is not None and (outdir == folder or outdir.is_relative_to(folder)):
        raise GradingError(
            f"The output folder {outdir} is inside the submissions folder {folder}: choose an "
            f"output folder elsewhere (grading never writes into the submissions)."
        )
    if submissions.is_relative_to(outdir):
        raise GradingError(
            f"The submissions {submissions} are inside the output folder {outdir}: choose an "
            f"output folder elsewhere (grading never writes into the submissions)."
        )
    if outdir.exists() and not outdir.is_dir():
        raise GradingError(f"The output folder {outdir} exists and is not a folder.")


def grade(
    submissions: Path,
    outdir: Path,
    options: GradeOptions | None = None,
    stream: TextIO | None = None,
) -> GradeRun:
    """Grade every submission in ``submissions`` and write the reports to ``outdir``."""
    options = options or GradeOptions()
    started = time.monotonic()
    submissions, outdir = Path(submissions).resolve(), Path(outdir).resolve()
    check_paths(submissions, outdir)
    known = {exercise.chapter for exercise in all_exercises()}
    chapter, entries = find_submissions(submissions, options.chapter, known)
    exercises = exercises_for_chapter(chapter)
    if not exercises:
        have = ", ".join(sorted(known)) or "none"
        raise GradingError(
            f"Chapter {chapter} has no exercises to grade (chapters with exercises: {have})."
        )
    with tempfile.TemporaryDirectory(prefix="crmkit-grade-", ignore_cleanup_errors=True) as scratch:
        sandbox = (
            make_sandbox(_readable(), hidden=[submissions, outdir, Path(scratch)])
            if options.sandbox
            else None
        )
        results = _run_all(entries, exercises, options, Path(scratch), sandbox, stream, submissions)
    written = write_reports(outdir, chapter, exercises, results)
    return GradeRun(
        chapter,
        list(exercises),
        results,
        outdir,
        written,
        time.monotonic() - started,
        options.jobs,
        sandbox is not None,
    )


def _readable() -> list[Path]:
    data = _data_dir()
    return [data] if data is not None else []


def _data_dir() -> Path | None:
    from crmkit.paths import data_dir

    try:
        return data_dir().resolve()
    except FileNotFoundError:
        return None


def _variables(exercises: Sequence[Exercise]) -> list[str]:
    return list(dict.fromkeys(exercise.variable for exercise in exercises))


def _relative(path: Path | None, base: Path) -> str:
    if path is None:
        return ""
    root = base if base.is_dir() else base.parent
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name


def _run_all(
    entries: list[Submission],
    exercises: list[Exercise],
    options: GradeOptions,
    scratch: Path,
    sandbox: Sandbox | None,
    stream: TextIO | None,
    base: Path,
) -> list[StudentResult]:
    progress = ProgressBar(len(entries), stream, options.progress)
    progress.start()
    results: dict[str, StudentResult] = {}
    for entry in entries:
        if not entry.gradable:
            result = unanswered(
                entry.student,
                _relative(entry.notebook, base),
                str(entry.status),
                str(entry.problem),
                exercises,
            )
            results[entry.student] = result
            progress.advance(entry.student, result.status)
    runnable = [e for e in entries if e.gradable]
    registry = ProcessRegistry()
    env = {"CRMKIT_DATA": str(_data_dir())} if _data_dir() is not None else {}
    pool = ThreadPoolExecutor(max_workers=max(1, options.jobs))
    try:
        futures: dict[Future[RawRun], tuple[Submission, Path]] = {}
        for number, entry in enumerate(runnable):
            jobdir = scratch / f"{number:04d}"
            jobdir.mkdir()
            future = pool.submit(
                _run_one, entry, jobdir, exercises, options.limits, sandbox, env, registry
            )
            futures[future] = (entry, jobdir)
        _warm_up(exercises)
        for future in as_completed(futures):
            entry, jobdir = futures[future]
            raw = future.result()
            if raw.failure:
                _tell(
                    stream,
                    f"crmkit grade: the grader failed on {entry.student}'s notebook:\n"
                    f"{raw.failure}\n",
                )
            result = _score(entry, raw, exercises, options.limits, base)
            shutil.rmtree(jobdir, ignore_errors=True)
            results[entry.student] = result
            progress.advance(
                entry.student,
                f"{result.status}, {points(result.points)} of {points(result.max_points)} points",
            )
    except BaseException:
        registry.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        progress.close()
    pool.shutdown(wait=True)
    return [results[entry.student] for entry in entries]


def _run_one(
    entry: Submission,
    jobdir: Path,
    exercises: list[Exercise],
    limits: Limits,
    sandbox: Sandbox | None,
    env: dict[str, str],
    registry: ProcessRegistry,
) -> RawRun:
    assert entry.notebook is not None
    try:
        return run_submission(
            entry.notebook,
            entry.folder,
            jobdir,
            _variables(exercises),
            limits,
            sandbox=sandbox,
            env=env,
            registry=registry,
        )
    except Exception as error:  # one submission's trouble must not stop the batch
        return RawRun(
            outcome=None,
            failure=f"The grader could not run this notebook ({type(error).__name__}: {error}).",
            scratch=str(jobdir),
        )


def _score(
    entry: Submission, raw: RawRun, exercises: list[Exercise], limits: Limits, base: Path
) -> StudentResult:
    assert entry.notebook is not None
    notebook = _relative(entry.notebook, base)
    try:
        cells = [dict(cell) for cell in read_submitted_notebook(entry.notebook).cells]
    except Exception as error:  # it was valid moments ago; report rather than crash
        return unanswered(
            entry.student,
            notebook,
            GRADER_ERROR,
            f"The notebook could not be read again ({error}).",
            exercises,
        )
    return score(entry.student, notebook, cells, raw, exercises, limits)


def _tell(stream: TextIO | None, text: str) -> None:
    (stream if stream is not None else sys.stderr).write(text)


def _warm_up(exercises: Sequence[Exercise]) -> None:
    """Compute the expected answers while the first notebooks run (they are cached)."""
    for exercise in exercises:
        try:
            exercise.expected_answer  # noqa: B018 - computed for its cache
        except Exception:  # evaluate() reports the same problem per exercise
            continue
