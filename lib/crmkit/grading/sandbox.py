"""The ``--sandbox`` option: run each grading worker (and its kernel) inside bubblewrap.

Inside the sandbox a submission sees a minimal, read-only view of the machine:
the system folders (``/usr``, ``/etc``, ``/lib``...), the Python installation and
its packages, crmkit and the course data, and nothing else: not the home
folders, not the other submissions, not the grading output. Only its own scratch
folder is writable; ``/tmp`` is a small private tmpfs. It has no network (its own
empty network namespace), its own process tree (everything in it is killed when
the worker ends) and, when graded as root, no capabilities.

Without bubblewrap, :func:`find_bwrap` raises :class:`SandboxUnavailable`: the
grader never falls back to running unsandboxed when the sandbox was asked for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crmkit.grading.job import worker_environment

SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
TMP_SIZE = 256 * 1024 * 1024
INSTALL_HINT = (
    "Install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: "
    "`sudo dnf install bubblewrap`) or grade without --sandbox (the README's instructor "
    "section says what that does and does not protect)."
)


class SandboxUnavailable(RuntimeError):
    """--sandbox was asked for but bubblewrap is missing or cannot work on this machine."""


def find_bwrap() -> str:
    """The path of the ``bwrap`` program, or :class:`SandboxUnavailable` with advice."""
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxUnavailable(
            "--sandbox needs bubblewrap (the `bwrap` program), which is not installed or "
            "not on PATH. " + INSTALL_HINT
        )
    return path


def minimal_paths(paths: Iterable[Path]) -> list[Path]:
    """Existing folders among ``paths``, without those inside another one, sorted.

    >>> minimal_paths([Path("/usr/lib"), Path("/usr"), Path("/no/such/dir")])
    [PosixPath('/usr')]
    """
    existing = sorted({Path(os.path.abspath(p)) for p in paths if Path(p).exists()})
    kept: list[Path] = []
    for path in existing:
        if not any(path.is_relative_to(parent) for parent in kept):
            kept.append(path)
    return kept


def system_folders() -> list[Path]:
    """The system folders that are real folders (not symbolic links) here."""
    return [Path(p) for p in SYSTEM_FOLDERS if Path(p).is_dir() and not Path(p).is_symlink()]


def system_links() -> list[str]:
    """bwrap arguments recreating system folders that are links (``/bin -> usr/bin``)."""
    args = []
    for folder in SYSTEM_FOLDERS:
        if Path(folder).is_symlink():
            args += ["--symlink", os.readlink(folder), folder]
    return args


_WORKER_PATHS = (
    "import json, os, sys, crmkit; "
    "print(json.dumps([p for p in sys.path if p] + [os.path.dirname(os.path.dirname("
    "os.path.abspath(crmkit.__file__)))]))"
)


def python_paths() -> list[Path]:
    """Folders the grading worker's Python needs: installation, packages, crmkit itself.

    Asked of a fresh ``python -P`` (as the worker is started), so that the folder
    the grader happens to be run from is not exposed.
    """
    import json

    candidates = [
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
    ]
    try:
        completed = subprocess.run(
            [sys.executable, "-P", "-c", _WORKER_PATHS],
            cwd="/",
            env=worker_environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        candidates += json.loads(completed.stdout)
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        raise SandboxUnavailable(f"Cannot tell which folders Python needs ({error}).") from None
    return [Path(c) for c in candidates if Path(c).is_dir()]


@dataclass
class Sandbox:
    """How to wrap a worker command in bubblewrap.

    ``readable``: folders mounted read-only besides the system folders (course data...).
    ``hidden``: folders that must stay invisible even when inside a readable folder
    (the submissions, the output folder, the other students' scratch folders).
    """

    bwrap: str
    readable: list[Path] = field(default_factory=list)
    hidden: list[Path] = field(default_factory=list)

    def command(self, command: list[str], jobdir: Path) -> list[str]:
        """``command`` wrapped so that it runs sandboxed with ``jobdir`` writable."""
        args = [self.bwrap, "--unshare-all", "--die-with-parent", "--new-session"]
        if os.geteuid() == 0:
            args += ["--cap-drop", "ALL"]
        args += ["--size", str(TMP_SIZE), "--tmpfs", "/tmp", "--dev", "/dev", "--proc", "/proc"]
        args += system_links()
        mounted = minimal_paths(system_folders() + self.readable + self.aliases())
        for path in mounted:
            args += ["--ro-bind", os.path.realpath(path), str(path)]
        for path in self.to_hide(mounted):
            args += ["--tmpfs", str(path)]
        home = jobdir / "home"
        args += [
            "--bind",
            str(jobdir),
            str(jobdir),
            "--remount-ro",
            "/",
            "--chdir",
            str(jobdir),
            "--setenv",
            "HOME",
            str(home),
            "--setenv",
            "TMPDIR",
            "/tmp",
            "--",
        ]
        return args + command

    def aliases(self) -> list[Path]:
        """Where readable folders reached through a symbolic link really are."""
        return [
            Path(os.path.realpath(p))
            for p in self.readable
            if os.path.realpath(p) != os.path.abspath(p)
        ]

    def to_hide(self, mounted: list[Path]) -> list[Path]:
        """Hidden folders that a mount would expose (and that hold no mounted folder)."""
        return [
            path
            for path in minimal_paths(self.hidden)
            if any(path.is_relative_to(m) for m in mounted)
            and not any(m.is_relative_to(path) for m in mounted)
        ]


def make_sandbox(readable: list[Path], hidden: list[Path]) -> Sandbox:
    """A :class:`Sandbox` that has been checked to work here, or :class:`SandboxUnavailable`."""
    sandbox = Sandbox(find_bwrap(), readable=[*python_paths(), *readable], hidden=hidden)
    probe(sandbox)
    return sandbox


def probe(sandbox: Sandbox) -> None:
    """Run a trivial command in the sandbox; explain plainly if bubblewrap cannot work here."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="crmkit-sandbox-probe-") as folder:
        jobdir = Path(folder)
        (jobdir / "home").mkdir()
        command = sandbox.command([sys.executable, "-c", "import crmkit"], jobdir)
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SandboxUnavailable(f"bubblewrap could not be started: {error}") from None
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise SandboxUnavailable(
            "bubblewrap is installed but cannot create a sandbox on this machine"
            f" ({detail[-1] if detail else f'exit status {completed.returncode}'}). "
            "It needs unprivileged user namespaces (on Ubuntu 24.04 and later, AppArmor "
            "restricts them: see `sysctl kernel.apparmor_restrict_unprivileged_userns`), "
            "or running as root. Without a working sandbox, grade without --sandbox."
        )
