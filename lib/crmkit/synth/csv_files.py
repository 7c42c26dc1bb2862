"""Writing the tables as CSV files, and the ``crmkit data`` command that does it.

The files are written in one fixed format (UTF-8, ``\\n`` line ends, dates as
YYYY-MM-DD, floats in their shortest exact form), so the same seed gives the
same bytes.

>>> parser = argparse.ArgumentParser()
>>> add_arguments(parser)
>>> parser.parse_args([]).seed == SEED
True
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pandas as pd

from crmkit.synth.parameters import SEED
from crmkit.synth.simulation import generate


def _to_csv_bytes(frame: pd.DataFrame) -> bytes:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    # Floats are written in their shortest exact form (money is rounded to cents
    # where it is made), so values keep the precision they were generated with.
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_all(folder: Path | str, seed: int = SEED) -> dict[str, str]:
    """Write every table as ``<name>.csv`` into ``folder``.

    Returns {file name: sha256} (``run`` writes them into the folder's
    ``SHA256SUMS``). Files are written atomically.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sums = write_all(folder)
    >>> sorted(sums)[:2]
    ['account_plans.csv', 'communications.csv']
    """
    return write_tables(folder, generate(seed))


def write_tables(folder: Path | str, tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Write tables made by ``generate()`` as ``<name>.csv`` into ``folder``; {file name: sha256}.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_tables(folder, {"tiny": pd.DataFrame({"a": [1]})})  # doctest: +ELLIPSIS
    {'tiny.csv': '...'}
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, frame in tables.items():
        data = _to_csv_bytes(frame)
        path = folder / f"{name}.csv"
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        sums[path.name] = hashlib.sha256(data).hexdigest()
    return sums


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``crmkit data`` options (``--out``, ``--seed``) to ``parser``.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["--out", "somewhere"]).out
    'somewhere'
    """
    parser.add_argument(
        "--out", default=None, help="folder to write into (default: the course's datasets/)"
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"random seed (default {SEED}, the course's)"
    )


def run(args: argparse.Namespace) -> int:
    """``crmkit data``: write the CSV files and update ``SHA256SUMS``; returns the exit status.

    Lines of ``SHA256SUMS`` for other files are kept.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     run(argparse.Namespace(out=folder, seed=SEED))  # doctest: +ELLIPSIS
    wrote .../account_plans.csv  sha256 ...
    ...
    0
    """
    from crmkit.paths import data_dir

    folder = Path(args.out) if args.out else data_dir()
    sums = write_all(folder, args.seed)
    checksum_file = folder / "SHA256SUMS"
    lines = [f"{digest}  {name}\n" for name, digest in sorted(sums.items())]
    existing = checksum_file.read_text().splitlines(keepends=True) if checksum_file.exists() else []
    others = [line for line in existing if line.split()[-1] not in sums]
    checksum_file.write_text("".join(sorted(lines + others, key=lambda s: s.split()[-1])))
    for name, digest in sorted(sums.items()):
        print(f"wrote {folder / name}  sha256 {digest[:12]}")
    return 0
