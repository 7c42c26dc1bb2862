"""Guarding the data: keyed pseudonyms for personal fields.

:func:`pseudonymise` replaces names, emails and phones by keyed hashes, so an
analyst can still join and count customers without seeing who they are. The
other guard, a read-only connection that hides the personal columns, is
:func:`crmkit.database.build.connect_readonly`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

import pandas as pd

from crmkit._validate import require_frame, require_positive_int, require_secret_key
from crmkit.database.normalise import (
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_text,
)
from crmkit.database.schema import PERSONAL_COLUMNS


def pseudonymise(
    frame: pd.DataFrame,
    key: str | bytes,
    columns: Iterable[str] = PERSONAL_COLUMNS,
    length: int = 12,
) -> pd.DataFrame:
    """Replace personal fields by keyed pseudonyms (HMAC-SHA256), for analysis.

    Each value is normalised first (:func:`normalise_name`,
    :func:`normalise_email`, :func:`normalise_phone`), so the same person
    spelled two ways gets the same pseudonym. Pseudonyms are stable for one
    key (the same input gives the same output, so tables can still be joined
    and counted), differ between keys, and cannot be reversed without the key.
    Missing values stay missing. Only ``columns`` change; returns a copy.

    >>> people = pd.DataFrame({"name": ["Li Na", "LI NA."], "email": ["li.na@example.net", None]})
    >>> masked = pseudonymise(people, "a-long-secret-key-1234", columns=["name", "email"])
    >>> masked["name"].nunique(), masked["name"].str.len().tolist(), masked["email"].isna().tolist()
    (1, [17, 17], [False, True])
    """
    require_frame(frame, "frame")
    secret = require_secret_key(key, "key")
    if isinstance(columns, str):
        columns = [columns]
    elif not isinstance(columns, Iterable) or not all(isinstance(c, str) for c in columns):
        raise TypeError(
            f"columns must be a column name or a list of column names, such as ['name', 'email'], "
            f"not {columns!r}."
        )
    columns = list(columns)
    length = require_positive_int(length, "length", minimum=8)
    if length > 64:
        raise ValueError(f"length must be at most 64 (a SHA-256 digest in hex), not {length}.")
    require_frame(frame, "frame", columns)
    normalisers = {"name": normalise_name, "email": normalise_email, "phone": normalise_phone}
    result = frame.copy()
    for column in columns:
        values = frame[column].astype("string")
        normalise = normalisers.get(column, normalise_text)
        key_text = normalise(values)
        key_text = key_text.mask(key_text.eq(""))
        digests = key_text.map(
            lambda text, c=column: hmac.new(
                secret, f"{c}\x1f{text}".encode(), hashlib.sha256
            ).hexdigest()[:length],
            na_action="ignore",
        )
        result[column] = (column + "_" + digests.astype("string")).astype("string")
    return result
