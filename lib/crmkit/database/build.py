"""Building the course database file, opening it, and what is in it.

:func:`build_database` writes the SQLite file from the course data (the
structure is in :mod:`crmkit.database.schema`); :func:`course_database` builds
one per process for the checks; :func:`connect` opens it for writing and
:func:`connect_readonly` for an analyst (read-only, no ``ATTACH``, personal
columns hidden on request); :func:`list_tables` lists its tables and views and
:func:`set_warning_settings` changes the date and rules the warning views use.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from crmkit._validate import (
    require_connection,
    require_number,
    require_path,
    require_positive_int,
    require_secret_key,
    require_timestamp,
)
from crmkit.database.privacy import pseudonymise
from crmkit.database.schema import (
    DEFAULT_RULES,
    INDEXES_SQL,
    PERSONAL_COLUMNS,
    VIEWS_SQL,
    _schema_sql,
)
from crmkit.vocabulary import AS_OF


class DatabaseExistsError(FileExistsError):
    """build_database was asked to write to a file that already exists."""


# Tracebacks and doctests name the error where learners import it from.
DatabaseExistsError.__module__ = "crmkit.database"

# --------------------------------------------------------------------------- building


def _sql_values(frame: pd.DataFrame) -> list[tuple]:
    """The rows of ``frame`` as tuples of plain Python values SQLite understands.

    Dates become 'YYYY-MM-DD' text, missing values None, booleans 0/1.
    """
    columns = []
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(values):
            values = values.astype("Int64")
        columns.append(values.astype(object).where(values.notna(), None).tolist())
    return list(zip(*columns, strict=True)) if columns else []


def _insert(connection: sqlite3.Connection, table: str, frame: pd.DataFrame) -> None:
    names = ", ".join(frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", _sql_values(frame))


def _course_tables(pseudonymise_key: str | bytes | None) -> dict[str, pd.DataFrame]:
    """The course tables, shaped for the database (orders split from their lines)."""
    from crmkit import data

    lines = data.load_order_lines()
    orders = (
        lines.groupby("order_id", sort=True)[["customer_id", "order_date"]].first().reset_index()
    )
    customers = data.load_customers()
    raw = data.load_customers_raw()
    if pseudonymise_key is not None:
        customers = pseudonymise(customers, pseudonymise_key)
        raw = pseudonymise(raw.replace({"": None}), pseudonymise_key).fillna("")
    return {
        "teams": data.load_teams(),
        "customers": customers,
        "products": data.load_products(),
        "orders": orders,
        "order_lines": lines.drop(columns=["customer_id", "order_date"]),
        "service_events": data.load_service_events(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "leads": data.load_leads(),
        "communications": data.load_communications(),
        "complaints": data.load_complaints(),
        "survey": data.load_survey(),
        "winback": data.load_winback(),
        "customers_raw": raw,
    }


def build_database(
    path: str | Path,
    overwrite: bool = False,
    *,
    pseudonymise_key: str | bytes | None = None,
    as_of: object = AS_OF,
) -> Path:
    """Build the course company's customer database as an SQLite file at ``path``.

    Creates the tables (with primary keys, foreign keys and CHECK rules), loads
    the course data, creates indexes on the join columns and the views of the
    early-warning rules (see ``VIEWS_SQL``), and sets the warning settings to
    ``as_of`` and :data:`DEFAULT_RULES`. Foreign keys are checked before the
    file is finished. Returns the path of the file.

    An existing file is never replaced silently: with ``overwrite=False`` (the
    default) it raises :class:`DatabaseExistsError`; ``overwrite=True``
    rebuilds it. The new file is written next to the old one and renamed into
    place only when complete. With ``pseudonymise_key``, names, emails and
    phones are replaced by keyed pseudonyms (see :func:`pseudonymise`): a copy
    for analysts.

    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> path = build_database(pathlib.Path(folder) / "jade_leaf.sqlite")
    >>> path.name
    'jade_leaf.sqlite'
    >>> build_database(path)
    Traceback (most recent call last):
    ...
    crmkit.database.DatabaseExistsError: ...already exists...
    """
    path = require_path(path)
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, not {overwrite!r}.")
    stamp = require_timestamp(as_of, "as_of")
    if pseudonymise_key is not None:
        require_secret_key(pseudonymise_key, "pseudonymise_key")
    if sqlite3.sqlite_version_info < (3, 25, 0):
        raise RuntimeError(
            f"This Python's SQLite is version {sqlite3.sqlite_version}; the course needs 3.25 or "
            "newer (for window functions). Install a recent Python (3.11 or later from python.org "
            "or conda)."
        )
    if path.is_dir():
        raise IsADirectoryError(
            f"{path} is a folder. Give a file name inside it, e.g. {path / 'jade_leaf.sqlite'}."
        )
    if path.exists() and not overwrite:
        raise DatabaseExistsError(
            f"{path} already exists, and building would destroy what is in it. Use another file "
            "name, or call build_database(path, overwrite=True) to rebuild it on purpose."
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist. Create it first.")
    tables = _course_tables(pseudonymise_key)
    partial = path.with_name(f"{path.name}.{os.getpid()}.building")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        # The file is renamed into place only when complete, so the build needs no journal.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(_schema_sql())
        with connection:  # one transaction; foreign keys checked at commit
            connection.execute("PRAGMA defer_foreign_keys = ON")
            for table, frame in tables.items():
                _insert(connection, table, frame)
            connection.execute(
                "INSERT INTO warning_settings VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (stamp.strftime("%Y-%m-%d"), *DEFAULT_RULES.values()),
            )
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # pragma: no cover - the course data is consistent
            raise sqlite3.IntegrityError(f"foreign key problems: {problems[:5]}")
        connection.executescript(INDEXES_SQL + VIEWS_SQL)
        connection.execute("ANALYZE")
        connection.commit()
    except BaseException:
        connection.close()
        partial.unlink(missing_ok=True)
        raise
    connection.close()
    partial.replace(path)
    return path


@lru_cache(maxsize=1)
def course_database() -> Path:
    """A course database built once per Python process in a temporary folder (for checks).

    Each process builds its own (the checks must not trust a file another
    process could have changed). The folder is removed when the process ends;
    folders left by processes that were killed are removed the next time.
    Open it with :func:`connect_readonly`; never write to it.

    >>> course_database().suffix
    '.sqlite'
    """
    base = Path(tempfile.gettempdir())
    _remove_stale_course_databases(base)
    folder = Path(tempfile.mkdtemp(prefix=f"crmkit-course-db-{os.getpid()}-", dir=base))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_database(folder / "jade_leaf.sqlite")


def _remove_stale_course_databases(base: Path) -> None:
    """Remove course-database folders whose process no longer exists (POSIX only)."""
    if os.name != "posix":
        return
    for folder in base.glob("crmkit-course-db-*-*"):
        try:
            if folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(folder.name.split("-")[3]), 0)  # signal 0: only asks whether it runs
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, IndexError, OSError):
            continue


# --------------------------------------------------------------------------- opening


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing course database for reading and writing, with foreign keys enforced.

    >>> import pathlib, shutil, tempfile
    >>> path = shutil.copy(course_database(), pathlib.Path(tempfile.mkdtemp()) / "db.sqlite")
    >>> connection = connect(path)
    >>> connection.execute("PRAGMA foreign_keys").fetchone()
    (1,)
    >>> connection.close()
    """
    path = _existing_database(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _existing_database(path: object) -> Path:
    path = require_path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"There is no database at {path}. Build it first: build_database({str(path)!r})."
        )
    return path


_DENIED_FUNCTIONS = {"zeroblob", "randomblob", "load_extension", "readfile", "writefile"}


def connect_readonly(path: str | Path, *, hide_personal: bool = False) -> sqlite3.Connection:
    """Open the database read-only: the connection an analyst should get.

    The file is opened in SQLite's read-only mode (``mode=ro``), so no
    statement can change it, and ``ATTACH`` (opening other files) is refused.
    With ``hide_personal=True`` the personal columns (name, email, phone) of
    the customer tables read as NULL: analysts see the behaviour, not the person.

    >>> analyst = connect_readonly(course_database(), hide_personal=True)
    >>> analyst.execute("SELECT customer_id, name FROM customers LIMIT 1").fetchone()
    ('B001', None)
    >>> analyst.execute("DELETE FROM customers")
    Traceback (most recent call last):
    ...
    sqlite3.OperationalError: attempt to write a readonly database
    """
    path = _existing_database(path)
    if not isinstance(hide_personal, bool):
        raise TypeError(f"hide_personal must be True or False, not {hide_personal!r}.")
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA query_only = ON")
    connection.set_authorizer(_authorizer(hide_personal))
    # No text or blob over 10 MB: a runaway query fails fast instead of filling the memory.
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000_000)
    return connection


def _authorizer(hide_personal: bool):
    personal_tables = {"customers", "customers_raw"}

    def authorise(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _DENIED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        if (
            hide_personal
            and action == sqlite3.SQLITE_READ
            and arg1 in personal_tables
            and arg2 in PERSONAL_COLUMNS
        ):
            return sqlite3.SQLITE_IGNORE  # the column reads as NULL
        return sqlite3.SQLITE_OK

    return authorise


# --------------------------------------------------------------------------- what is in it


def list_tables(connection: sqlite3.Connection) -> pd.DataFrame:
    """The tables and views in the database, with their row counts.

    >>> tables = list_tables(connect_readonly(course_database()))
    >>> tables.loc[tables["name"] == "teams", "rows"].item()
    8
    """
    require_connection(connection)
    names = pd.read_sql(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
        connection,
    )
    counts = [
        connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names["name"]
    ]
    return names.assign(rows=pd.Series(counts, dtype="int64"))


def set_warning_settings(
    connection: sqlite3.Connection,
    as_of: object = AS_OF,
    *,
    window_months: int = DEFAULT_RULES["window_months"],
    plan_share: float = DEFAULT_RULES["plan_share"],
    expense_tolerance: float = DEFAULT_RULES["expense_tolerance"],
    silence_factor: float = DEFAULT_RULES["silence_factor"],
    min_order_days: int = DEFAULT_RULES["min_order_days"],
    max_silence_days: int = DEFAULT_RULES["max_silence_days"],
) -> pd.DataFrame:
    """Change the date and parameters the warning views use; returns the new settings.

    Needs a writable connection (:func:`connect`).

    >>> import pathlib, shutil, tempfile
    >>> path = shutil.copy(course_database(), pathlib.Path(tempfile.mkdtemp()) / "db.sqlite")
    >>> connection = connect(path)
    >>> set_warning_settings(connection, "2025-06-30")["as_of"].tolist()
    ['2025-06-30']
    """
    require_connection(connection)
    stamp = require_timestamp(as_of, "as_of")
    window_months = require_positive_int(window_months, "window_months")
    min_order_days = require_positive_int(min_order_days, "min_order_days", minimum=2)
    max_silence_days = require_positive_int(max_silence_days, "max_silence_days")
    plan_share = require_number(plan_share, "plan_share", minimum=0.0, strict=True)
    expense_tolerance = require_number(expense_tolerance, "expense_tolerance", minimum=0.0)
    silence_factor = require_number(silence_factor, "silence_factor", minimum=0.0, strict=True)
    with connection:
        connection.execute(
            "UPDATE warning_settings SET as_of = ?, window_months = ?, plan_share = ?, "
            "expense_tolerance = ?, silence_factor = ?, min_order_days = ?, "
            "max_silence_days = ? WHERE id = 1",
            (
                stamp.strftime("%Y-%m-%d"),
                window_months,
                plan_share,
                expense_tolerance,
                silence_factor,
                min_order_days,
                max_silence_days,
            ),
        )
    return pd.read_sql("SELECT * FROM warning_settings", connection)
