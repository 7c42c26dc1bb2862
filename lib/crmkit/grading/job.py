"""What the grading process hands a worker: the job, and the command and environment that start it.

Both sides import this module: :mod:`crmkit.grading.runner` (in the grading
process) builds a :class:`Job` and starts :func:`worker_command` with
:func:`worker_environment`; :mod:`crmkit.grading.worker` reads the :class:`Job`
back; :mod:`crmkit.grading.sandbox` asks the same Python, in the same
environment, which folders it needs. It imports only the standard library.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field


@dataclass
class Job:
    """What the grading process asks a worker to do (sent as JSON on stdin).

    >>> job = Job(notebook="nb.ipynb", jobdir="/tmp/job", variables=["total"], nonce="n0",
    ...           timeout=60, cell_timeout=10, max_output=1000, memory=2**30, file_size=2**20)
    >>> job.startup_timeout, job.env
    (60, {})
    """

    notebook: str
    jobdir: str
    variables: list[str]
    nonce: str
    timeout: float
    cell_timeout: float
    max_output: int
    memory: int
    file_size: int
    startup_timeout: float = 60
    env: dict[str, str] = field(default_factory=dict)


def worker_environment() -> dict[str, str]:
    """The grading process's environment, minus settings that would change how code runs.

    ``PYTHONWARNINGS`` (which ``make test`` sets to turn deprecations into errors)
    must not turn a student's harmless warning into an error, nor break the worker.

    >>> "PYTHONWARNINGS" in worker_environment()
    False
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}


def worker_command() -> list[str]:
    """How a grading worker is started: this Python, ``-P`` (the folder stays off sys.path).

    >>> worker_command()[1:]
    ['-P', '-m', 'crmkit.grading.worker']
    """
    return [sys.executable, "-P", "-m", "crmkit.grading.worker"]
