"""crmkit.database.privacy: keyed pseudonyms."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import database


def test_pseudonymise() -> None:
    people = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["Li Na", "LI NA.", None],
            "email": ["li@x.net", "LI@X.NET", "wu@x.net"],
            "phone": ["+86 138 0000 0001", "138-0000-0001", ""],
        }
    )
    key = "a-long-enough-secret"
    masked = database.pseudonymise(people, key)
    assert masked["name"].iloc[0] == masked["name"].iloc[1]  # same person, two spellings
    assert masked["email"].iloc[0] == masked["email"].iloc[1]
    assert masked["phone"].iloc[0] == masked["phone"].iloc[1]
    assert pd.isna(masked["name"].iloc[2]) and pd.isna(masked["phone"].iloc[2])
    assert masked["id"].tolist() == [1, 2, 3]
    assert people["name"].iloc[0] == "Li Na"  # the input is untouched
    assert not masked["email"].str.contains("@").any()
    again = database.pseudonymise(people, key)
    other = database.pseudonymise(people, "another-long-secret")
    assert masked.equals(again)
    assert (masked["email"] != other["email"]).all()


def test_pseudonymise_rejects_weak_keys() -> None:
    frame = pd.DataFrame({"name": ["Li"], "email": ["a@b"], "phone": ["1"]})
    with pytest.raises(ValueError, match="key"):
        database.pseudonymise(frame, "short")
    with pytest.raises(TypeError, match="key"):
        database.pseudonymise(frame, 12345678901234567890)
