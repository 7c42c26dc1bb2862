"""crmkit.database.normalise: matching keys for names, emails and phones."""

from __future__ import annotations

import pandas as pd
from crmkit import database


def test_normalise_phone_formats() -> None:
    values = pd.Series(
        ["+86 138 1234 5678", "138-1234-5678", "8613812345678", "", "555-1234", None]
    )
    assert database.normalise_phone(values).tolist() == [
        "13812345678",
        "13812345678",
        "13812345678",
        pd.NA,
        pd.NA,
        pd.NA,
    ]


def test_format_phone_house_style() -> None:
    assert database.format_phone(pd.Series(["138-1234-5678"])).tolist() == ["+86 138 1234 5678"]


def test_normalise_email_and_name() -> None:
    assert database.normalise_email(pd.Series([" A.B@X.COM", ""])).tolist() == ["a.b@x.com", pd.NA]
    names = pd.Series(["  Pine  Café (Suzhou).", "PINE CAFE (SUZHOU)", "pine cafe (suzhou)"])
    assert database.normalise_name(names).nunique() == 1
