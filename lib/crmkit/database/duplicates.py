"""Duplicate records in the raw customer export: the same customer entered twice.

:func:`find_duplicates` says which records repeat which, and on what they
matched; :func:`crmkit.database.cleaning.clean_customers` merges them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_frame
from crmkit.database.normalise import normalise_email, normalise_name, normalise_phone

_CONTACT_KEYS = ("phone_key", "email_key")
"""The contact keys a name must share with another record's to make a duplicate."""


def find_duplicates(raw: pd.DataFrame) -> pd.DataFrame:
    """Records that are the same customer entered twice, and the record each one repeats.

    Two records are the same customer when their names match after
    :func:`normalise_name` **and** they share a phone number (after
    :func:`normalise_phone`) or an email (after :func:`normalise_email`). A
    name alone is no proof (people share common names) and neither is a
    contact alone (a family or a firm may share a number), so both are needed.
    Within each group of duplicates one record survives: the first in
    ``record_id`` order (so an original ``B``/``C`` id, which the other tables
    use, beats an ``X`` id). :func:`clean_customers` fills the survivor's empty
    contacts from its duplicates, so nothing is lost.

    Returns one row per record that should be merged away, with columns
    ``record_id``, ``duplicate_of`` (the surviving record) and ``matched_on``
    (``"phone"``, ``"email"`` or ``"phone+email"``), sorted by record_id.

    >>> raw = pd.DataFrame({"record_id": ["C1", "C2", "X1", "C3"],
    ...     "name": ["Li Na", "Li Na", "LI NA.", "Wu Bo"],
    ...     "email": ["li.na@example.net", "", "LI.NA@EXAMPLE.NET", ""],
    ...     "phone": ["+86 138 0000 0001", "+86 139 0000 0002", "138-0000-0001", ""]})
    >>> find_duplicates(raw)
      record_id duplicate_of   matched_on
    0        X1           C1  phone+email
    """
    require_frame(raw, "raw", ["record_id", "name", "email", "phone"])
    frame = _matching_keys(raw)
    links = _links(frame)
    if links.empty:
        return pd.DataFrame(
            {
                "record_id": pd.Series(dtype="string"),
                "duplicate_of": pd.Series(dtype="string"),
                "matched_on": pd.Series(dtype="string"),
            }
        )
    group = _connected_groups(frame["record_id"], links["a"], links["b"])
    frame["group"] = frame["record_id"].map(group)
    ranked = frame.sort_values(["group", "record_id"])
    survivor = ranked.groupby("group")["record_id"].first()
    frame["duplicate_of"] = frame["group"].map(survivor)
    merged = frame[frame["record_id"] != frame["duplicate_of"]].copy()
    survivors = frame.set_index("record_id").loc[merged["duplicate_of"]]
    result = pd.DataFrame(
        {
            "record_id": merged["record_id"].to_numpy(),
            "duplicate_of": merged["duplicate_of"].to_numpy(),
            "matched_on": _matched_on(merged, survivors),
        }
    ).astype("string")
    return result.sort_values("record_id").reset_index(drop=True)


def _matching_keys(raw: pd.DataFrame) -> pd.DataFrame:
    """Each record's id with the matching keys of its name, phone and email."""
    ids = raw["record_id"].astype("string").reset_index(drop=True)
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(
            "raw has missing or repeated record_id values; each record needs its own id."
        )
    return pd.DataFrame(
        {
            "record_id": ids,
            "name_key": normalise_name(raw["name"]).reset_index(drop=True),
            "phone_key": normalise_phone(raw["phone"]).reset_index(drop=True),
            "email_key": normalise_email(raw["email"]).reset_index(drop=True),
        }
    )


def _links(frame: pd.DataFrame) -> pd.DataFrame:
    """Pairs of records (a, b) with the same name and the same phone or email, and ``on`` which."""
    edges = []
    for contact in _CONTACT_KEYS:
        usable = frame[frame[contact].notna() & frame["name_key"].ne("")]
        first = usable.groupby(["name_key", contact])["record_id"].transform("min")
        pairs = pd.DataFrame(
            {"a": usable["record_id"], "b": first, "on": contact.removesuffix("_key")}
        )
        edges.append(pairs[pairs["a"] != pairs["b"]])
    return pd.concat(edges, ignore_index=True)


def _matched_on(merged: pd.DataFrame, survivors: pd.DataFrame) -> np.ndarray:
    """What each merged record shares with its survivor: "phone", "email", both or (through
    other duplicates) neither, a "chain"."""
    same_phone, same_email = (
        (merged[key].reset_index(drop=True) == survivors[key].reset_index(drop=True))
        .fillna(False)
        .to_numpy(dtype=bool)
        for key in _CONTACT_KEYS
    )
    return np.select(
        [same_phone & same_email, same_phone, same_email],
        ["phone+email", "phone", "email"],
        "chain",
    )


def _connected_groups(nodes: pd.Series, a: pd.Series, b: pd.Series) -> pd.Series:
    """Label each node with the smallest node id of its connected group (edges a-b)."""
    label = pd.Series(nodes.to_numpy(), index=nodes.to_numpy())
    a, b = a.to_numpy(), b.to_numpy()
    while True:
        la, lb = label.loc[a].to_numpy(), label.loc[b].to_numpy()
        low = np.where(la < lb, la, lb)
        update = (
            pd.concat([pd.Series(low, index=a), pd.Series(low, index=b), label])
            .groupby(level=0)
            .min()
        )
        update = update.loc[label.index]
        if (update.to_numpy() == label.to_numpy()).all():
            return label
        label = update.loc[label.to_numpy()].set_axis(label.index)
