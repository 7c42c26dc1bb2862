"""Run one submission in its own kernel: the child process of ``crmkit grade``.

Started as ``python -P -m crmkit.grading.worker`` (inside bubblewrap with
``--sandbox``), it reads a job description (:class:`~crmkit.grading.job.Job`, as JSON)
on stdin, executes the scratch copy of the notebook cell by cell in a fresh kernel
started by :mod:`crmkit.grading.launcher` (through the client of
:mod:`crmkit.grading.kernel_client`), then runs the answer extraction
(:mod:`crmkit.grading.answers`) in that kernel and reports, as JSON lines on
its original stdout, what happened. The grading process alone turns this into
points: nothing here decides a score.

What it does about misbehaving notebooks:

* a cell that raises: recorded, execution goes on (like "Run all" that keeps going);
* a cell that runs longer than the cell limit, or past the notebook limit: the
  kernel is interrupted; a cell that ignores the interrupt is dropped and the
  notebook re-run without it, time permitting;
* a kernel that dies (``os._exit``, a crash): the notebook is re-run without the
  cell that killed it, time permitting, so the answers before and after it count;
* output beyond the cap is dropped (and reported), so a flood cannot exhaust memory.

It writes a short timestamped trace of what it does to ``worker.log`` in the job
folder (see :mod:`crmkit.grading.worker_log`; ``CRMKIT_GRADE_DEBUG=1`` adds every kernel
message), for diagnosing the grader itself.

Its stdout is moved to a private descriptor before the kernel starts, so the
kernel (which writes to the log file instead) cannot forge the report.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crmkit.grading.job import Job
from crmkit.grading.kernel_client import make_client_class
from crmkit.grading.worker_log import private_channel, trace

KERNEL_NAME = "crmkit-grader"
MAX_ATTEMPTS = 3
EXTRACTION_TIMEOUT = 60
MAX_RECORDED_ERRORS = 20
MAX_TEXT = 2000
PR_SET_DUMPABLE = 4
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


@dataclass
class Outcome:
    """What happened while running the notebook (sent back as JSON)."""

    code_cells: int = 0
    executed: list[int] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    timeouts: list[dict[str, Any]] = field(default_factory=list)
    crashes: list[int] = field(default_factory=list)
    stuck: list[int] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)
    not_run: list[int] = field(default_factory=list)
    output_bytes: int = 0
    nudges: int = 0
    flooded: bool = False
    startup_problem: str | None = None
    grader_problems: list[str] = field(default_factory=list)
    answers: dict[str, Any] | None = None
    answers_problem: str | None = None


def describe_error(index: int, content: dict[str, Any]) -> dict[str, Any]:
    """The first-error record for a cell's error reply: cell, line, exception name and text.

    >>> describe_error(4, {"ename": "KeyError", "evalue": "'x'",
    ...                    "traceback": ["\\x1b[31mCell In[3], line 2\\x1b[0m", "..."]})
    {'cell': 4, 'line': 2, 'ename': 'KeyError', 'evalue': "'x'"}
    """
    traceback_text = _ANSI.sub("", "\n".join(str(t) for t in content.get("traceback") or []))
    match = _CELL_LINE.search(traceback_text)
    return {
        "cell": index,
        "line": int(match.group(1)) if match else None,
        "ename": str(content.get("ename", "Error"))[:200],
        "evalue": _ANSI.sub("", str(content.get("evalue", "")))[:MAX_TEXT],
    }


class NotebookExecutor:
    """Executes a notebook with retries, then reads the answers out of the kernel."""

    def __init__(self, job: Job, report: Any) -> None:
        import nbformat

        self.job = job
        self.report = report
        self.nb = nbformat.read(job.notebook, as_version=4)
        self.workdir = str(Path(job.notebook).parent)
        self.deadline = time.monotonic() + job.timeout
        self.outcome = Outcome(code_cells=sum(c.cell_type == "code" for c in self.nb.cells))
        self.skip: set[int] = set()
        self.client_class = make_client_class()

    async def run(self) -> Outcome:
        for _attempt in range(MAX_ATTEMPTS):
            finished = await self.attempt()
            if finished or time.monotonic() >= self.deadline:
                break
        return self.outcome

    def new_client(self) -> Any:
        return self.client_class(
            self.nb,
            max_output=self.job.max_output,
            kernel_name=KERNEL_NAME,
            timeout=int(self.job.cell_timeout),
            startup_timeout=int(self.job.startup_timeout),
            interrupt_on_timeout=True,
            allow_errors=True,
            shutdown_kernel="immediate",
            record_timing=False,
            store_widget_state=True,
            iopub_timeout=10,
            resources={"metadata": {"path": self.workdir}},
        )

    async def attempt(self) -> bool:
        """One run through the notebook; True when no retry is needed or possible."""
        self.reset_attempt()
        client = self.new_client()
        trace("starting a kernel")
        phase = "startup"
        try:
            async with client.async_setup_kernel(cwd=self.workdir):
                nudger = asyncio.ensure_future(client.nudge())
                try:
                    phase = "cells"
                    if await self.run_cells(client) is not None:
                        return False
                    phase = "extraction"
                    await self.extract(client)
                    return True
                finally:
                    nudger.cancel()
        except Exception as error:  # whatever the kernel did, report it and stop this attempt
            if phase == "startup":
                self.outcome.startup_problem = f"the kernel did not start ({_short(error)})"
            elif phase == "extraction":
                self.outcome.answers_problem = f"reading the answers failed ({_short(error)})"
            else:
                self.outcome.grader_problems.append(_short(error))
            return True
        finally:
            trace(f"attempt over ({phase})")
            self.outcome.output_bytes += client.output_bytes
            self.outcome.flooded |= client.flooded
            self.outcome.nudges += client.nudges

    def reset_attempt(self) -> None:
        self.outcome.executed = []
        self.outcome.errors = []
        self.outcome.not_run = []
        self.outcome.grader_problems = []

    async def run_cells(self, client: Any) -> int | None:
        """Run the code cells; the index of a cell that killed or hung the kernel, else None."""
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or index in self.skip:
                continue
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.outcome.not_run.append(index)
                continue
            notebook_limit = remaining < self.job.cell_timeout
            client.timeout = max(1, int(min(self.job.cell_timeout, remaining) + 0.999))
            client.current = index
            self.report({"event": "cell", "cell": index})
            trace(f"cell {index}")
            try:
                await client.async_execute_cell(
                    cell, index, execution_count=len(self.outcome.executed) + 1
                )
            except DeadKernelError:
                return self.give_up_on(index, self.outcome.crashes)
            except CellTimeoutError:
                self.record_timeout(index, notebook_limit)
                return self.give_up_on(index, self.outcome.stuck)
            except Exception as error:  # the kernel sent what nbclient cannot handle
                self.outcome.broken.append({"cell": index, "error": _short(error)})
                return self.give_up_on(index, [])
            self.outcome.executed.append(index)
            trace(f"replied: cell {index}")
            self.record_reply(client, index, cell, notebook_limit)
        return None

    def give_up_on(self, index: int, record: list[int]) -> int:
        if index not in record:
            record.append(index)
        self.skip.add(index)
        return index

    def record_timeout(self, index: int, notebook_limit: bool) -> None:
        if all(t["cell"] != index for t in self.outcome.timeouts):
            limit = "notebook" if notebook_limit else "cell"
            self.outcome.timeouts.append({"cell": index, "limit": limit})

    def record_reply(self, client: Any, index: int, cell: Any, notebook_limit: bool) -> None:
        if index in client.interrupted:
            self.record_timeout(index, notebook_limit)
            return
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            return  # the course shows this error on purpose (the nbval tag says so)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                if len(self.outcome.errors) < MAX_RECORDED_ERRORS:
                    self.outcome.errors.append(describe_error(index, output))
                return

    async def extract(self, client: Any) -> None:
        """Run the extraction code in the kernel and keep the (still tagged) answers."""
        from nbclient.util import ensure_async

        from crmkit.grading.answers import (
            MAX_ANSWERS_BYTES,
            AnswerFormatError,
            extraction_code,
            parse_answers_file,
        )

        path = Path(self.job.jobdir) / f"answers-{self.job.nonce}.json"
        code = extraction_code(self.job.variables, str(path), self.job.nonce)
        client.timeout = EXTRACTION_TIMEOUT
        client.current = "extraction"
        trace("extraction")
        msg_id = await ensure_async(
            client.kc.execute(
                code, silent=True, store_history=False, allow_stdin=False, stop_on_error=False
            )
        )
        reply = await client.async_wait_for_reply(msg_id)
        client.waiting_for = None
        trace("extraction replied" if reply is not None else "extraction: no reply")
        if reply is None:
            self.outcome.answers_problem = "reading the answers out of the kernel timed out"
        elif reply["content"].get("status") != "ok":
            content = reply["content"]
            self.outcome.answers_problem = (
                f"reading the answers raised {content.get('ename')}: {content.get('evalue')}"
            )[:MAX_TEXT]
        elif not path.is_file():
            self.outcome.answers_problem = "the kernel wrote no answers file"
        elif path.stat().st_size > MAX_ANSWERS_BYTES:
            self.outcome.answers_problem = "the answers are too large to read"
        else:
            try:
                self.outcome.answers = parse_answers_file(
                    path.read_text(encoding="utf-8"), self.job.nonce
                )
            except (AnswerFormatError, UnicodeDecodeError, OSError) as error:
                self.outcome.answers_problem = _short(error)


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"[:MAX_TEXT]


def kernel_spec(job: Job) -> dict[str, Any]:
    """The kernel.json for the grading kernel: the launcher with this job's limits.

    >>> job = Job(notebook="nb.ipynb", jobdir="/tmp/job", variables=[], nonce="n0",
    ...           timeout=60, cell_timeout=10, max_output=1000, memory=2**30, file_size=2**20)
    >>> kernel_spec(job)["argv"][3:8]
    ['crmkit.grading.launcher', '--memory', '1073741824', '--file-size', '1048576']
    """
    return {
        "argv": [
            sys.executable,
            "-P",
            "-m",
            "crmkit.grading.launcher",
            "--memory",
            str(job.memory),
            "--file-size",
            str(job.file_size),
            "-f",
            "{connection_file}",
        ],
        "display_name": "crmkit grading kernel",
        "language": "python",
        "metadata": {"debugger": False},
    }


def prepare_environment(job: Job) -> None:
    """Write the kernel spec and point Jupyter, IPython and matplotlib at the job folder."""
    jobdir = Path(job.jobdir)
    spec_dir = jobdir / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps(kernel_spec(job)), encoding="utf-8")
    for name in ("runtime", "ipython", "matplotlib"):
        (jobdir / name).mkdir(exist_ok=True)
    os.environ.update(
        {
            "JUPYTER_PATH": str(jobdir / "jupyter"),
            "JUPYTER_RUNTIME_DIR": str(jobdir / "runtime"),
            "JUPYTER_PLATFORM_DIRS": "1",
            "IPYTHONDIR": str(jobdir / "ipython"),
            "MPLCONFIGDIR": str(jobdir / "matplotlib"),
            "MPLBACKEND": "Agg",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    os.environ.update(job.env)


def not_dumpable() -> None:
    """Stop the kernel (same user) from reading or writing this process's memory, on Linux."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def main() -> int:
    """Read the job on stdin, run it, report on the private channel; always exit status 0."""
    job = Job(**json.loads(sys.stdin.read()))
    channel = private_channel(Path(job.jobdir) / "worker.log")
    not_dumpable()

    def report(event: dict[str, Any]) -> None:
        channel.write(json.dumps(event, allow_nan=True) + "\n")
        channel.flush()

    try:
        prepare_environment(job)
        outcome = asyncio.run(NotebookExecutor(job, report).run())
        report({"event": "result", **asdict(outcome)})
    except Exception:  # the grading process turns this into status "grader error"
        report({"event": "failure", "traceback": traceback.format_exc()[-MAX_TEXT:]})
    channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
