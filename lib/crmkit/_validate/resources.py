"""Checks of things outside the data: file paths, database connections, secret keys, figure axes."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def require_path(path: object, argument: str = "path") -> Path:
    """A file path, as text or pathlib.Path, not empty.

    >>> require_path("jade_leaf.sqlite").name
    'jade_leaf.sqlite'
    """
    if isinstance(path, bool) or not isinstance(path, str | Path):
        raise TypeError(
            f"{argument} must be a file path (text or pathlib.Path), such as "
            f"'jade_leaf.sqlite', not {type(path).__name__}."
        )
    if str(path).strip() == "":
        raise ValueError(f"{argument} is empty: give a file name such as 'jade_leaf.sqlite'.")
    return Path(path).expanduser()


def require_connection(connection: object) -> sqlite3.Connection:
    """An open sqlite3 connection.

    >>> require_connection(sqlite3.connect(":memory:")).execute("SELECT 1").fetchone()
    (1,)
    """
    if not isinstance(connection, sqlite3.Connection):
        raise TypeError(
            "connection must be an open sqlite3 connection, e.g. database.connect(path), not "
            f"{type(connection).__name__}."
        )
    try:
        connection.execute("SELECT 1")
    except sqlite3.ProgrammingError as error:
        raise ValueError(
            "connection is closed. Open it again with database.connect(path)."
        ) from error
    return connection


def require_secret_key(key: object, argument: str = "key") -> bytes:
    """A secret key of at least 16 characters, as text or bytes (returned as bytes).

    >>> len(require_secret_key("0123456789abcdef"))
    16
    """
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes):
        raise TypeError(
            f"{argument} must be a secret text or bytes, not {type(key).__name__}. Make one with "
            "secrets.token_hex(16) and keep it out of the notebook."
        )
    if len(key) < 16:
        raise ValueError(
            f"{argument} is too short ({len(key)} characters): use at least 16, e.g. "
            "secrets.token_hex(16). A short key can be guessed, and then every pseudonym can be "
            "reversed."
        )
    return key


def require_axes(ax: object, argument: str = "ax") -> None:
    """Check that ``ax`` is None or a matplotlib Axes to draw on."""
    if ax is None:
        return
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(
            f"{argument} must be a matplotlib Axes (for example from plt.subplots()) or None, "
            f"but got a {type(ax).__name__}."
        )
