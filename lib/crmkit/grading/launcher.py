"""Start an IPython kernel with resource limits: the kernel the grader runs notebooks in.

Run as ``python -P -m crmkit.grading.launcher --memory BYTES --file-size BYTES -f FILE``
(the kernel spec written by :mod:`crmkit.grading.worker` does this). Before any
student code can run it

* caps the kernel's address space (``RLIMIT_AS``), so a memory hog gets a
  ``MemoryError`` instead of starving the machine, and the size of any file it
  writes (``RLIMIT_FSIZE``);
* asks Linux to kill the kernel when the grading worker that started it dies
  (``PR_SET_PDEATHSIG``), so a killed worker leaves no kernel behind;

and only then puts the notebook's folder on ``sys.path`` (as Jupyter does) and
hands over to ipykernel. ``-P`` keeps the notebook's folder off ``sys.path``
until then, so a submission cannot ship a module that replaces this one.
It imports nothing but the standard library before the limits are in place.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def set_limits(memory_bytes: int, file_bytes: int) -> None:
    """Cap this process's address space and file sizes (0 leaves a limit as it is)."""
    import resource

    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if file_bytes > 0:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    # Core dumps of a crashing kernel would fill the scratch folder for nothing.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def die_with_parent() -> None:
    """Have the kernel killed when its parent (the grading worker) exits, on Linux."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the worker is already gone
        os._exit(1)


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The launcher's own options, and the rest (for ipykernel).

    >>> parse(["--memory", "1024", "-f", "kernel.json"])
    (Namespace(memory=1024, file_size=0), ['-f', 'kernel.json'])
    """
    parser = argparse.ArgumentParser(prog="crmkit.grading.launcher", add_help=False)
    parser.add_argument("--memory", type=int, default=0)
    parser.add_argument("--file-size", type=int, default=0)
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Apply the limits, then start the kernel (ipykernel takes over this process)."""
    options, kernel_args = parse(sys.argv[1:] if argv is None else argv)
    die_with_parent()
    set_limits(options.memory, options.file_size)
    sys.path.insert(0, os.getcwd())
    sys.argv = [sys.argv[0], *kernel_args]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
