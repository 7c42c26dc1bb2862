"""``crmkit data``: regenerate both companies, Jade Leaf Tea Co. and Bamboo Desk Coworking.

The tea company's files go into the data folder (``--out``, default ``datasets/``),
the coworking company's into its ``coworking/`` subfolder; each folder's
``SHA256SUMS`` is updated.

>>> parser = argparse.ArgumentParser()
>>> add_arguments(parser)
>>> parser.parse_args([]).coworking_seed == SEED
True
"""

from __future__ import annotations

import argparse
from pathlib import Path

from crmkit.synth.csv_files import add_arguments as add_tea_arguments
from crmkit.synth.csv_files import run as run_tea
from crmkit.synth.subscription import FOLDER, SEED, write_all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The tea company's options (``--out``, ``--seed``) and ``--coworking-seed``."""
    add_tea_arguments(parser)
    parser.add_argument(
        "--coworking-seed",
        type=int,
        default=SEED,
        help=f"random seed of the coworking company (default {SEED}, the course's)",
    )


def write_coworking(folder: Path | str, seed: int = SEED) -> dict[str, str]:
    """Write the coworking company into ``folder`` with its ``SHA256SUMS``; {file name: sha256}.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sums = write_coworking(folder)
    ...     (Path(folder) / "SHA256SUMS").read_text().count("\\n") == len(sums) == 9
    True
    """
    folder = Path(folder)
    sums = write_all(folder, seed)
    lines = [f"{sums[name]}  {name}\n" for name in sorted(sums)]
    (folder / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
    return sums


def run(args: argparse.Namespace) -> int:
    """Write both companies' CSV files; returns the exit status."""
    from crmkit.paths import data_dir

    status = run_tea(args)
    folder = (Path(args.out) if args.out else data_dir()) / FOLDER
    sums = write_coworking(folder, args.coworking_seed)
    for name, digest in sorted(sums.items()):
        print(f"wrote {folder / name}  sha256 {digest[:12]}")
    return status
