"""Twin data: the course company generated again from another seed, for grading.

A typed-in number (copied from a classmate, from a stored output or from the
published data) is right on the course data and wrong on a twin; an answer
computed by code is right on both. ``crmkit grade`` therefore writes a twin of
the data once per batch (:func:`make_twin`), hands it to every kernel through
``CRMKIT_DATA`` and computes the expected answers on it in the grading process
(:func:`data_folder`, which also makes crmkit forget what it had computed on the
other folder).

* The seed: :func:`default_seed` derives it from the batch's notebooks, so grading
  the same submissions again gives the same files, and a student cannot know it
  in advance (every byte they submit changes it); ``--twin-seed`` fixes it.
* Ids that exercises or lessons name (``NAMED_IDS`` in a chapter module, like
  account ``B040``): the twin keeps only seeds in which each exists and has
  orders (:func:`missing_ids`); the product catalogue is the same in every twin.
* CDNOW (real data, no generator): :func:`resample_cdnow` writes a fixed-seed
  resample of its customers, with new ids, into the twin's ``cdnow/`` folder (the
  master file and the 1/10th sample). Published figures (the Fader-Hardie cohorts)
  are copied unchanged (:func:`copy_published`).

The twin has its own ``SHA256SUMS`` files, like ``datasets/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from crmkit.paths import DATA_ENV_VAR

MAX_ATTEMPTS = 25
SEED_RANGE = 2**31 - 1
CDNOW_FILE = "CDNOW_master.txt"
CDNOW_HEADER = " customer_id  date number_of_cds  dollar_value\n"
CDNOW_SAMPLE_FILE = "CDNOW_sample.txt"
CDNOW_EXTRAS = ("LICENSE-lifetimes.txt", "README.md")
#: data folders from publications, copied unchanged into every twin
PUBLISHED_FOLDERS = ("fader-hardie-2007",)


def default_seed(notebooks: Sequence[Path], chapter: str) -> int:
    """The twin's seed for a batch: a hash of the chapter and of every submitted notebook.

    The same submissions give the same seed (and so the same files); anything a
    student changes in their notebook changes it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     notebook = Path(folder) / "a.ipynb"
    ...     _ = notebook.write_text("{}")
    ...     default_seed([notebook], "01") == default_seed([notebook], "01") != default_seed([], "01")
    True
    """
    if not isinstance(chapter, str):
        raise TypeError(f"chapter must be text such as '01', not {type(chapter).__name__}.")
    digest = hashlib.sha256(f"crmkit twin {chapter}\n".encode())
    for notebook in sorted(Path(p) for p in notebooks):
        digest.update(hashlib.sha256(notebook.read_bytes()).digest())
    return _other_than_course(int.from_bytes(digest.digest()[:8], "big") % SEED_RANGE)


def _other_than_course(seed: int) -> int:
    from crmkit.synth import SEED

    return seed + 1 if seed == SEED else seed


def missing_ids(tables: dict[str, pd.DataFrame], named: Sequence[str]) -> list[str]:
    """The ``named`` ids that are not a customer or product with order lines in ``tables``.

    >>> lines = pd.DataFrame({"customer_id": ["B001"], "product_id": ["P001"]})
    >>> tables = {"customers": pd.DataFrame({"customer_id": ["B001", "B002"]}),
    ...           "products": pd.DataFrame({"product_id": ["P001"]}), "order_lines": lines}
    >>> missing_ids(tables, ["B001", "B002", "P001", "X9"])
    ['B002', 'X9']
    """
    lines = tables["order_lines"]
    with_orders = set(lines["customer_id"].astype(str)) | set(lines["product_id"].astype(str))
    known = set(tables["customers"]["customer_id"].astype(str))
    known |= set(tables["products"]["product_id"].astype(str))
    return [name for name in named if name not in known or name not in with_orders]


def make_twin(folder: Path, seed: int, named: Sequence[str] = (), cdnow: Path | None = None) -> int:
    """Write the twin data into ``folder``; returns the seed used.

    When a named id is missing from the data of ``seed``, the next seeds are tried
    (seed + 1, + 2...), so the seed used can be larger than ``seed``. ``cdnow`` is the
    course's ``cdnow/`` folder to resample (None: no CDNOW twin).
    """
    from crmkit.synth import generate
    from crmkit.synth.csv_files import write_tables

    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_RANGE:
        raise ValueError(f"The twin seed must be a whole number from 0 to {SEED_RANGE - 1}.")
    folder = Path(folder)
    for attempt in range(MAX_ATTEMPTS):
        used = _other_than_course((seed + attempt) % SEED_RANGE)
        tables = generate(used)
        if not missing_ids(tables, named):
            break
    else:
        raise RuntimeError(
            f"No twin from seed {seed} on has the ids {', '.join(named)} "
            f"(tried {MAX_ATTEMPTS} seeds): grade with --no-twin."
        )
    write_checksums(folder, write_tables(folder, tables))
    make_coworking_twin(folder, used)
    if cdnow is not None and (Path(cdnow) / CDNOW_FILE).is_file():
        resample_cdnow(Path(cdnow), folder / "cdnow", used)
        copy_published(Path(cdnow).parent, folder)
    return used


def make_coworking_twin(folder: Path, seed: int) -> int:
    """Write a twin of the capstone company (Bamboo Desk Coworking) into ``folder/coworking``.

    The same generator from ``seed`` (never the course's own coworking seed); returns the
    seed used. The folder gets its own ``SHA256SUMS``.
    """
    from crmkit.synth.subscription import FOLDER
    from crmkit.synth.subscription import SEED as COWORKING_SEED
    from crmkit.synth.subscription.command import write_coworking

    used = seed + 1 if seed == COWORKING_SEED else seed
    write_coworking(Path(folder) / FOLDER, used)
    return used


def write_checksums(folder: Path, sums: dict[str, str]) -> Path:
    """Write ``SHA256SUMS`` (``<digest>  <name>`` lines, sorted by name) into ``folder``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(write_checksums(Path(folder), {"b.csv": "22", "a.csv": "11"}).read_text(), end="")
    11  a.csv
    22  b.csv
    """
    path = Path(folder) / "SHA256SUMS"
    path.write_text("".join(f"{sums[name]}  {name}\n" for name in sorted(sums)), encoding="utf-8")
    return path


def resample_cdnow(source: Path, destination: Path, seed: int) -> Path:
    """Write a resample of CDNOW's customers (drawn with replacement, seeded) to ``destination``.

    As many customers as the original, each a copy of a randomly drawn real
    customer's purchases, numbered 00001, 00002... in the order drawn; the file
    has CDNOW's format, so ``crmkit.data.load_cdnow`` reads it. The 1/10th sample
    (``CDNOW_sample.txt``), when the source has it, is resampled the same way
    (another draw), so ``load_cdnow_sample`` reads a twin too. Returns the master file.
    """
    source_file = Path(source) / CDNOW_FILE
    if not source_file.is_file():
        raise FileNotFoundError(f"There is no CDNOW file at {source_file}.")
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / CDNOW_FILE
    master = _read_cdnow(source_file, ["customer_id", "date", "quantity", "amount"], header=True)
    target.write_text(CDNOW_HEADER + "".join(_resampled_lines(master, seed)), encoding="utf-8")
    files = [target]
    if (Path(source) / CDNOW_SAMPLE_FILE).is_file():
        sample = _read_cdnow(
            Path(source) / CDNOW_SAMPLE_FILE,
            ["customer_id", "sample_id", "date", "quantity", "amount"],
            header=False,
        )
        files.append(destination / CDNOW_SAMPLE_FILE)
        files[-1].write_text("".join(_resampled_lines(sample, seed + 1)), encoding="utf-8")
    for extra in CDNOW_EXTRAS:
        if (Path(source) / extra).is_file():
            shutil.copyfile(Path(source) / extra, destination / extra)
            files.append(destination / extra)
    write_checksums(
        destination, {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    )
    return target


def _read_cdnow(path: Path, names: list[str], header: bool) -> pd.DataFrame:
    return pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        skiprows=1 if header else 0,
        names=names,
        dtype={"customer_id": "string", "date": "string", "quantity": "int64"},
    )


def _resampled_lines(purchases: pd.DataFrame, seed: int) -> list[str]:
    """CDNOW-format lines of a seeded resample of ``purchases``' customers, renumbered."""
    ids = purchases["customer_id"].unique()
    drawn = np.random.default_rng(seed).choice(len(ids), size=len(ids), replace=True)
    order = pd.DataFrame({"customer_id": ids[drawn], "new_id": np.arange(1, len(ids) + 1)})
    twin = order.merge(purchases, on="customer_id", how="left").sort_values(
        ["new_id", "date"], kind="stable"
    )
    numbered = "sample_id" in purchases.columns  # the sample also numbers customers 1..n
    return [
        f" {new_id:05d}"
        + (f" {new_id:04d}" if numbered else "")
        + f" {date} {quantity:2d} {amount:7.2f}\n"
        for new_id, date, quantity, amount in twin[
            ["new_id", "date", "quantity", "amount"]
        ].itertuples(index=False)
    ]


def copy_published(source: Path, destination: Path) -> list[Path]:
    """Copy the published (not simulated) data folders unchanged into the twin folder.

    Published figures, such as the Fader-Hardie (2007) cohorts, are the same in every
    twin: they come from a paper, not from the course company. Returns the copied folders.
    """
    copied = []
    for name in PUBLISHED_FOLDERS:
        if (Path(source) / name).is_dir():
            shutil.copytree(Path(source) / name, Path(destination) / name, dirs_exist_ok=True)
            copied.append(Path(destination) / name)
    return copied


def forget_computed() -> None:
    """Make crmkit compute again what depends on the data folder: expected answers, caches.

    Clears every functools cache defined in crmkit's loaded modules except the data
    loaders' (those are keyed by folder) and the generator's.

    >>> forget_computed()
    """
    from crmkit.exercises import all_exercises

    for exercise in all_exercises():
        exercise.forget_expected()
    for name, module in list(sys.modules.items()):
        if not name.startswith("crmkit.") or name in ("crmkit.data",):
            continue
        if name.startswith("crmkit.synth"):
            continue
        for value in list(vars(module).values()):
            if (
                callable(getattr(value, "cache_clear", None))
                and getattr(value, "__module__", None) == name
            ):
                value.cache_clear()


@contextlib.contextmanager
def data_folder(folder: Path | None) -> Iterator[None]:
    """Inside the block, crmkit (in this process) uses the data in ``folder``.

    Sets ``CRMKIT_DATA`` and forgets what was computed on the previous folder, on
    entry and on exit. ``None`` changes nothing.

    >>> from crmkit.paths import data_dir
    >>> with data_folder(data_dir().parent / "datasets"):
    ...     data_dir().name
    'datasets'
    """
    if folder is None:
        yield
        return
    before = os.environ.get(DATA_ENV_VAR)
    os.environ[DATA_ENV_VAR] = str(folder)
    forget_computed()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_ENV_VAR, None)
        else:
            os.environ[DATA_ENV_VAR] = before
        forget_computed()
