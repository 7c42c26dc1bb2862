"""``grade()``: from a folder of submissions to the gradebook, feedback and summary.

:mod:`~crmkit.grading.submissions` finds one notebook per student; a pool
of threads runs up to ``jobs`` worker processes at once
(:mod:`~crmkit.grading.runner`); the main thread checks each submission's answers
as it comes back (:mod:`~crmkit.grading.scoring`) and, at the end, writes the
reports (:mod:`~crmkit.grading.report`). Scratch copies live in a temporary
folder removed at the end; SUBMISSIONS is only read.

By default the notebooks run on twin data (:mod:`~crmkit.grading.twin`), written
once per batch, with the answer key locked in their kernels
(:mod:`crmkit.exercises.lock`), and inside bubblewrap wherever it works
(:mod:`~crmkit.grading.sandbox`).
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
from crmkit.exercises.lock import locked_environment
from crmkit.exercises.registry import named_ids
from crmkit.grading.class_report import BatchNotes
from crmkit.grading.progress_bar import ProgressBar
from crmkit.grading.provenance import expected_answers
from crmkit.grading.report import points, write_reports
from crmkit.grading.rubric import Rubric, extract_memo, rubric_for_chapter
from crmkit.grading.runner import Limits, ProcessRegistry, RawRun, run_submission
from crmkit.grading.sandbox import Sandbox, SandboxUnavailable, make_sandbox
from crmkit.grading.scoring import GRADER_ERROR, StudentResult, score, unanswered
from crmkit.grading.submissions import Submission, find_submissions, read_submitted_notebook
from crmkit.grading.twin import data_folder, default_seed, make_twin


class GradingError(RuntimeError):
    """Grading cannot start as asked; the message tells the instructor what to change."""


@dataclass
class GradeOptions:
    """How to grade: parallel jobs, limits, chapter, sandbox, twin data, progress display.

    ``sandbox``: True requires bubblewrap, False runs without it, None (the
    default) uses it wherever it works and warns loudly where it does not.
    ``twin``: grade on twin data (the default); ``twin_seed`` fixes its seed
    (default: derived from the submissions).
    """

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)
    chapter: str | None = None
    sandbox: bool | None = None
    progress: bool | None = None
    twin: bool = True
    twin_seed: int | None = None


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
    notes: BatchNotes = field(default_factory=BatchNotes)


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
    with (
        tempfile.TemporaryDirectory(prefix="crmkit-grade-", ignore_cleanup_errors=True) as scratch,
        tempfile.TemporaryDirectory(prefix="crmkit-twin-", ignore_cleanup_errors=True) as twin,
    ):
        notes = BatchNotes()
        twin_folder = _twin(Path(twin), chapter, entries, options, notes)
        readable = [p for p in (_data_dir(), twin_folder) if p is not None]
        hidden = [submissions, outdir, Path(scratch), *_solutions()]
        sandbox = _sandbox(options.sandbox, readable, hidden, notes)
        batch = _Batch(exercises, options, Path(scratch), sandbox, stream, submissions, twin_folder)
        batch.rubric = rubric_for_chapter(chapter)
        results = _run_all(entries, batch)
    written = write_reports(outdir, chapter, exercises, results, notes)
    return GradeRun(
        chapter,
        list(exercises),
        results,
        outdir,
        written,
        time.monotonic() - started,
        options.jobs,
        sandbox is not None,
        notes,
    )


def _twin(
    folder: Path,
    chapter: str,
    entries: list[Submission],
    options: GradeOptions,
    notes: BatchNotes,
) -> Path | None:
    """Write the batch's twin data into ``folder`` (None with ``--no-twin``)."""
    if not options.twin:
        return None
    notebooks = [e.notebook for e in entries if e.gradable and e.notebook is not None]
    seed = options.twin_seed if options.twin_seed is not None else default_seed(notebooks, chapter)
    data = _data_dir()
    try:
        notes.twin_seed = make_twin(
            folder, seed, named_ids(chapter), data / "cdnow" if data is not None else None
        )
    except (ValueError, RuntimeError) as error:
        raise GradingError(f"Cannot make the twin data: {error}") from None
    return folder


def _sandbox(
    wanted: bool | None, readable: list[Path], hidden: list[Path], notes: BatchNotes
) -> Sandbox | None:
    """The sandbox to use: required (True), none (False), or wherever it works (None)."""
    if wanted is False:
        notes.sandbox_warning = "--no-sandbox was given"
        return None
    try:
        return make_sandbox(readable, hidden=hidden)
    except SandboxUnavailable as error:
        if wanted:
            raise
        notes.sandbox_warning = str(error)
        return None


def _solutions() -> list[Path]:
    """The course repository's solutions/ folder (a sandboxed kernel must not see it)."""
    from crmkit.paths import repository_root

    root = repository_root()
    return [root / "solutions"] if root is not None else []


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


@dataclass
class _Batch:
    """What every submission of a batch is graded with."""

    exercises: list[Exercise]
    options: GradeOptions
    scratch: Path
    sandbox: Sandbox | None
    stream: TextIO | None
    base: Path
    twin: Path | None
    rubric: Rubric | None = None  # the chapter's written work graded by rubric, if any

    def kernel_environment(self) -> dict[str, str]:
        """The kernels' data folder (the twin, else the course data) and the answer-key lock."""
        data = self.twin if self.twin is not None else _data_dir()
        return {**({"CRMKIT_DATA": str(data)} if data is not None else {}), **locked_environment()}


def _run_all(entries: list[Submission], batch: _Batch) -> list[StudentResult]:
    progress = ProgressBar(len(entries), batch.stream, batch.options.progress)
    progress.start()
    results: dict[str, StudentResult] = {}
    for entry in entries:
        if not entry.gradable:
            result = unanswered(
                entry.student,
                _relative(entry.notebook, batch.base),
                str(entry.status),
                str(entry.problem),
                batch.exercises,
            )
            results[entry.student] = result
            progress.advance(entry.student, result.status)
    registry = ProcessRegistry()
    pool = ThreadPoolExecutor(max_workers=max(1, batch.options.jobs))
    try:
        futures: dict[Future[RawRun], tuple[Submission, Path]] = {}
        env = batch.kernel_environment()
        for number, entry in enumerate(e for e in entries if e.gradable):
            jobdir = batch.scratch / f"{number:04d}"
            jobdir.mkdir()
            future = pool.submit(_run_one, entry, jobdir, batch, env, registry)
            futures[future] = (entry, jobdir)
        published = expected_answers(batch.exercises) if batch.twin is not None else None
        with data_folder(batch.twin):
            _warm_up(batch.exercises)
            _collect(futures, batch, published, results, progress)
    except BaseException:
        registry.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        progress.close()
    pool.shutdown(wait=True)
    return [results[entry.student] for entry in entries]


def _collect(
    futures: dict[Future[RawRun], tuple[Submission, Path]],
    batch: _Batch,
    published: dict[str, object] | None,
    results: dict[str, StudentResult],
    progress: ProgressBar,
) -> None:
    """Score each submission as its worker finishes (on the data the kernels had)."""
    for future in as_completed(futures):
        entry, jobdir = futures[future]
        raw = future.result()
        if raw.failure:
            _tell(
                batch.stream,
                f"crmkit grade: the grader failed on {entry.student}'s notebook:\n{raw.failure}\n",
            )
        result = _score(entry, raw, batch, published)
        shutil.rmtree(jobdir, ignore_errors=True)
        results[entry.student] = result
        progress.advance(
            entry.student,
            f"{result.status}, {points(result.points)} of {points(result.max_points)} points",
        )


def _run_one(
    entry: Submission,
    jobdir: Path,
    batch: _Batch,
    env: dict[str, str],
    registry: ProcessRegistry,
) -> RawRun:
    assert entry.notebook is not None
    try:
        return run_submission(
            entry.notebook,
            entry.folder,
            jobdir,
            _variables(batch.exercises),
            batch.options.limits,
            sandbox=batch.sandbox,
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
    entry: Submission, raw: RawRun, batch: _Batch, published: dict[str, object] | None
) -> StudentResult:
    assert entry.notebook is not None
    notebook = _relative(entry.notebook, batch.base)
    try:
        cells = [dict(cell) for cell in read_submitted_notebook(entry.notebook).cells]
    except Exception as error:  # it was valid moments ago; report rather than crash
        return unanswered(
            entry.student,
            notebook,
            GRADER_ERROR,
            f"The notebook could not be read again ({error}).",
            batch.exercises,
        )
    result = score(
        entry.student, notebook, cells, raw, batch.exercises, batch.options.limits, published
    )
    if batch.rubric is not None:
        result.memo = extract_memo(cells, batch.rubric)
    return result


def _tell(stream: TextIO | None, text: str) -> None:
    (stream if stream is not None else sys.stderr).write(text)


def _warm_up(exercises: Sequence[Exercise]) -> None:
    """Compute the expected answers while the first notebooks run (they are cached)."""
    for exercise in exercises:
        try:
            exercise.expected_answer  # noqa: B018 - computed for its cache
        except Exception:  # evaluate() reports the same problem per exercise
            continue
