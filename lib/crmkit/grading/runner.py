"""Run one submission: a scratch copy, a worker process, hard limits, the worker's report.

The grading process never executes submitted code itself. For each submission it
copies the student's folder into a fresh scratch folder, starts
``python -P -m crmkit.grading.worker`` there (optionally inside bubblewrap, see
:mod:`crmkit.grading.sandbox`) in a new process group, and reads the worker's
JSON-lines report from a pipe. If the worker overruns the notebook's time limit
(plus a margin for starting the kernel and reading the answers), the whole
process group is killed. The submitted files are only ever read. What the worker is
told, and how it is started, is in :mod:`crmkit.grading.job`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from crmkit.grading.job import Job, worker_command, worker_environment
from crmkit.grading.sandbox import Sandbox

MAX_COPY_BYTES = 200 * 1024 * 1024
STARTUP_TIMEOUT = 60
EXTRACTION_MARGIN = 60
KILL_MARGIN = 30
LOG_TAIL = 1500


@dataclass(frozen=True)
class Limits:
    """Time, memory and output limits for one submission."""

    timeout: float = 600
    cell_timeout: float = 120
    memory: int = 2 * 1024**3
    max_output: int = 5 * 1024**2
    file_size: int = 512 * 1024**2
    kill_after: float | None = None

    @property
    def hard_timeout(self) -> float:
        """When the grading process kills a worker that has not finished by itself.

        The worker enforces ``timeout`` itself and then still reads the answers; this
        is the backstop for a worker or kernel that stops responding altogether.

        >>> Limits(timeout=20).hard_timeout, Limits(kill_after=5).hard_timeout
        (170.0, 5)
        """
        if self.kill_after is not None:
            return self.kill_after
        return float(self.timeout + STARTUP_TIMEOUT + EXTRACTION_MARGIN + KILL_MARGIN)


@dataclass
class RawRun:
    """What came back from one worker: its report, or why there is none."""

    outcome: dict[str, Any] | None
    killed: bool = False
    last_cell: int | None = None
    failure: str | None = None
    seconds: float = 0.0
    scratch: str = ""


def copy_submission(notebook: Path, folder: Path | None, destination: Path) -> Path:
    """Copy the student's folder (or just the notebook) into ``destination``.

    Only regular files and folders are copied (symbolic links and hidden folders
    are skipped), up to :data:`MAX_COPY_BYTES`; the notebook always is. Returns
    the path of the notebook's copy.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     student = Path(folder) / "alice"
    ...     student.mkdir()
    ...     for name in ("01-a.ipynb", "data.csv", ".secret"):
    ...         _ = (student / name).write_text("x")
    ...     copy = copy_submission(student / "01-a.ipynb", student, Path(folder) / "scratch")
    ...     copied = sorted(p.name for p in copy.parent.iterdir())
    >>> copy.name, copied
    ('01-a.ipynb', ['01-a.ipynb', 'data.csv'])
    """
    destination.mkdir(parents=True)
    if folder is None:
        target = destination / notebook.name
        shutil.copyfile(notebook, target)
        return target
    budget = MAX_COPY_BYTES
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink():
            continue
        if path.is_dir():
            (destination / relative).mkdir(parents=True, exist_ok=True)
        elif path.is_file() and (path == notebook or path.stat().st_size <= budget):
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination / relative)
            budget -= path.stat().st_size
    return destination / notebook.relative_to(folder)


class ProcessRegistry:
    """The worker processes alive right now, so that an interrupted run can kill them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()

    def add(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.add(process)

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(process)

    def kill_all(self) -> None:
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            kill_group(process)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill a worker and everything in its process group (its kernel dies with it)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def seed_matplotlib_cache(folder: Path) -> None:
    """Give the kernel a copy of matplotlib's font list, so it need not rebuild it each time."""
    import matplotlib

    folder.mkdir(parents=True, exist_ok=True)
    for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copyfile(cached, folder / cached.name)


def run_submission(
    notebook: Path,
    folder: Path | None,
    jobdir: Path,
    variables: list[str],
    limits: Limits,
    *,
    sandbox: Sandbox | None = None,
    env: dict[str, str] | None = None,
    registry: ProcessRegistry | None = None,
) -> RawRun:
    """Execute a scratch copy of ``notebook`` in ``jobdir`` and return the worker's report."""
    started = time.monotonic()
    copy = copy_submission(notebook, folder, jobdir / "submission")
    (jobdir / "home").mkdir()
    seed_matplotlib_cache(jobdir / "matplotlib")
    job = Job(
        notebook=str(copy),
        jobdir=str(jobdir),
        variables=list(variables),
        nonce=secrets.token_hex(16),
        timeout=limits.timeout,
        cell_timeout=limits.cell_timeout,
        max_output=limits.max_output,
        memory=limits.memory,
        file_size=limits.file_size,
        startup_timeout=STARTUP_TIMEOUT,
        env=dict(env or {}),
    )
    command = worker_command()
    if sandbox is not None:
        command = sandbox.command(command, jobdir)
    run = _communicate(command, job, jobdir, limits.hard_timeout, registry)
    run.seconds = time.monotonic() - started
    run.scratch = str(jobdir)
    return run


def _communicate(
    command: list[str],
    job: Job,
    jobdir: Path,
    hard_timeout: float,
    registry: ProcessRegistry | None,
) -> RawRun:
    with open(jobdir / "launch.log", "wb") as launch_log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=launch_log,
            cwd=jobdir,
            start_new_session=True,
            env=worker_environment(),
        )
    if registry is not None:
        registry.add(process)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        kill_group(process)

    timer = threading.Timer(hard_timeout, kill)
    timer.daemon = True
    timer.start()
    try:
        run = _read_report(process, json.dumps(asdict(job)))
    finally:
        timer.cancel()
        kill_group(process)  # nothing of this submission may outlive its report
        process.wait()
        if registry is not None:
            registry.discard(process)
    run.killed = killed.is_set() and run.outcome is None
    if run.outcome is None and run.failure is None and not run.killed:
        run.failure = (
            f"The grading worker stopped (exit status {process.returncode}) "
            f"without a report. {log_tail(jobdir)}"
        ).strip()
    return run


def _read_report(process: subprocess.Popen[bytes], job_json: str) -> RawRun:
    assert process.stdin is not None and process.stdout is not None
    run = RawRun(outcome=None)
    try:
        process.stdin.write(job_json.encode("utf-8"))
        process.stdin.close()
    except BrokenPipeError:
        pass
    for raw_line in process.stdout:
        event = _parse_event(raw_line)
        if event is None:
            continue
        if event.get("event") == "cell":
            run.last_cell = event.get("cell")
        elif event.get("event") == "result":
            run.outcome = event
        elif event.get("event") == "failure":
            run.failure = "The grading worker failed:\n" + str(event.get("traceback", ""))
    return run


def _parse_event(raw_line: bytes) -> dict[str, Any] | None:
    try:
        event = json.loads(raw_line)
    except (ValueError, RecursionError):
        return None
    return event if isinstance(event, dict) else None


def log_tail(jobdir: Path) -> str:
    """The end of the worker's and the sandbox's logs, for a grader-error diagnosis.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "worker.log").write_text("kernel died\\n")
    ...     print(log_tail(Path(folder)))
    worker.log: ...kernel died
    """
    parts = []
    for name in ("launch.log", "worker.log"):
        try:
            text = (jobdir / name).read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if text:
            parts.append(f"{name}: ...{text[-LOG_TAIL:]}")
    return "\n".join(parts)
