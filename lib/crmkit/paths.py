"""Where the course's files live: the data folder and the repository root."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV_VAR = "CRMKIT_DATA"


def repository_root() -> Path | None:
    """The course repository that holds this package, or None if installed elsewhere."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "datasets").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return None


def data_dir() -> Path:
    """The folder with the course's CSV files.

    Looked up in this order: the ``CRMKIT_DATA`` environment variable, the
    ``datasets/`` folder of the repository this package was installed from,
    and a ``datasets/`` folder in the current directory or one of its parents.

    >>> (data_dir() / "customers.csv").is_file()
    True
    """
    tried: list[str] = []
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        path = Path(env).expanduser()
        if path.is_dir():
            return path
        raise FileNotFoundError(
            f"The environment variable {DATA_ENV_VAR} points to {path}, which is not a folder. "
            f"Set it to the course's datasets/ folder, or unset it to use the default."
        )
    root = repository_root()
    if root is not None:
        return root / "datasets"
    tried.append(str(Path(__file__).resolve().parent))
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        candidate = folder / "datasets"
        if (candidate / "customers.csv").is_file():
            return candidate
        tried.append(str(candidate))
    raise FileNotFoundError(
        "Cannot find the course data (the datasets/ folder). Run the notebook from inside the "
        "course repository, install crmkit from it with `make setup`, or set the environment "
        f"variable {DATA_ENV_VAR} to the datasets/ folder. Looked in: " + ", ".join(tried[:5])
    )
