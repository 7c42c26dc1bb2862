"""Matching keys for the customer export's text: names, emails, phones, and the house spellings.

Two spellings of the same name, email or phone get the same key, so records
can be compared (:mod:`crmkit.database.duplicates`) and pseudonymised
(:mod:`crmkit.database.privacy`) whatever way they were typed. The alias
tables map the variants seen in the old customer file to the house vocabulary.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from crmkit._validate import require_series

_ONE_COLUMN = "one column, e.g. raw['phone']"
"""What the text helpers take (for their error message)."""

# Spelling variants seen in the old customer file, mapped to the house vocabulary.
# Keys are compared after normalise_text (lower case, accents removed, spaces collapsed).
SEGMENT_ALIASES = {"consumer": "consumer", "retail customer": "consumer", "business": "business"}
BUSINESS_TYPE_ALIASES = {
    "cafe": "cafe",
    "coffee shop": "cafe",
    "restaurant": "restaurant",
    "restuarant": "restaurant",
    "office": "office",
    "offices": "office",
    "hotel": "hotel",
    "shop": "shop",
    "retail": "shop",
}
CITY_ALIASES = {"peking": "Beijing", "canton": "Guangzhou"}


def normalise_text(values: pd.Series) -> pd.Series:
    """Lower case, accents removed (é -> e), surrounding spaces stripped, inner spaces collapsed.

    >>> normalise_text(pd.Series(["  Café  Noir", "CAFE NOIR"])).tolist()
    ['cafe noir', 'cafe noir']
    """
    require_series(values, "values", _ONE_COLUMN)
    text = values.astype("string").fillna("")
    folded = text.map(
        lambda s: unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii"),
        na_action="ignore",
    ).astype("string")
    return folded.str.lower().str.replace(r"\s+", " ", regex=True).str.strip()


def normalise_name(values: pd.Series) -> pd.Series:
    """A matching key for names: :func:`normalise_text` plus trailing full stops removed.

    >>> normalise_name(pd.Series(["Yao Xin.", "YAO  XIN", "Pine Café (Suzhou)"])).tolist()
    ['yao xin', 'yao xin', 'pine cafe (suzhou)']
    """
    return normalise_text(values).str.replace(r"\.+$", "", regex=True).str.strip()


def normalise_email(values: pd.Series) -> pd.Series:
    """A matching key for emails: stripped and lower-cased; empty text becomes missing.

    >>> normalise_email(pd.Series(["YAO.XIN@EXAMPLE.NET ", ""])).tolist()
    ['yao.xin@example.net', <NA>]
    """
    require_series(values, "values", _ONE_COLUMN)
    text = values.astype("string").str.strip().str.lower()
    return text.mask(text.eq("")).astype("string")


def normalise_phone(values: pd.Series) -> pd.Series:
    """A matching key for Chinese mobile numbers: the 11 digits, without +86, spaces or dashes.

    Anything that does not reduce to 11 digits starting with 1 becomes missing.

    >>> normalise_phone(pd.Series(["+86 138 1234 5678", "138-1234-5678", "", "12345"])).tolist()
    ['13812345678', '13812345678', <NA>, <NA>]
    """
    require_series(values, "values", _ONE_COLUMN)
    digits = values.astype("string").str.replace(r"\D", "", regex=True)
    digits = digits.str.replace(r"^0*86(?=1\d{10}$)", "", regex=True)
    return digits.where(digits.str.fullmatch(r"1\d{10}").fillna(False)).astype("string")


def format_phone(values: pd.Series) -> pd.Series:
    """Write normalised phone numbers in the house format ``+86 1xx xxxx xxxx``.

    >>> format_phone(pd.Series(["13812345678", None])).tolist()
    ['+86 138 1234 5678', <NA>]
    """
    key = normalise_phone(values)
    return ("+86 " + key.str[:3] + " " + key.str[3:7] + " " + key.str[7:]).astype("string")
