"""The raw customer table: the customers as they came out of the old systems, faults and all.

>>> TYPE_VARIANTS["cafe"]
['Cafe', 'café', 'coffee shop', 'CAFE']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TYPE_VARIANTS = {
    "cafe": ["Cafe", "café", "coffee shop", "CAFE"],
    "restaurant": ["Restaurant", "restuarant"],
    "hotel": ["Hotel", "hotel "],
    "office": ["Office", "offices"],
    "shop": ["Shop", "retail"],
}
"""How the old systems spelt each business type."""
CITY_VARIANTS = {
    "Shanghai": "shanghai",
    "Beijing": "Peking",
    "Guangzhou": "Canton",
    "Chengdu": "CHENGDU",
    "Hangzhou": "Hangzhou ",
}
"""How the old systems spelt some cities."""
NAME_SPELLINGS = [
    lambda s: s.upper(),
    lambda s: s.lower(),
    lambda s: "  " + s,
    lambda s: s.replace(" ", "  ", 1),
    lambda s: s + ".",
    lambda s: s.replace("Cafe", "Café"),
]
"""How a customer entered a second time may be spelt (used in turn)."""


def make_raw_customers(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """The customer table as it came out of the old systems, with realistic faults.

    Faults planted (and listed in datasets/README.md): duplicate records under
    different spellings, missing contacts, impossible and future dates,
    inconsistent categories and city spellings, and orphan team/referrer ids.

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> raw = make_raw_customers(history.rng, history.customers.table)
    >>> len(raw) - len(history.customers.table), raw.columns[0]
    (45, 'record_id')
    """
    raw = customers.copy()
    raw["signup_date"] = raw["signup_date"].dt.strftime("%Y-%m-%d")
    _drop_contacts_and_break_dates(rng, raw)
    _misspell(rng, raw)
    _orphan_ids(rng, raw)
    raw = pd.concat([raw, _duplicates(rng, raw)], ignore_index=True)
    order = rng.permutation(len(raw))
    raw = raw.iloc[order].reset_index(drop=True)
    raw = raw.rename(columns={"customer_id": "record_id"})
    return raw


def _drop_contacts_and_break_dates(rng: np.random.Generator, raw: pd.DataFrame) -> None:
    """Missing contacts; impossible and future sign-up dates and birth years (in place)."""
    n = len(raw)
    raw.loc[rng.random(n) < 0.07, "email"] = ""
    raw.loc[rng.random(n) < 0.05, "phone"] = ""
    bad_date = rng.choice(n, 14, replace=False)
    raw.loc[raw.index[bad_date], "signup_date"] = rng.choice(
        ["1900-01-01", "2031-06-15", "2026-13-01", "2027-02-30"], 14
    )
    cons = np.flatnonzero(raw["segment"].eq("consumer").to_numpy())
    # (the right-hand side is drawn first, then the rows)
    raw.loc[raw.index[rng.choice(cons, 9, replace=False)], "birth_year"] = rng.choice(
        [1890.0, 2030.0, 0.0], 9
    )


def _misspell(rng: np.random.Generator, raw: pd.DataFrame) -> None:
    """Inconsistent business types, city spellings and segment names (in place)."""
    biz = np.flatnonzero(raw["segment"].eq("business").to_numpy())
    for i in rng.choice(biz, 40, replace=False):
        raw.iloc[i, raw.columns.get_loc("business_type")] = rng.choice(
            TYPE_VARIANTS[raw["business_type"].iloc[i]]
        )
    for i in rng.choice(len(raw), 60, replace=False):
        city = raw["city"].iloc[i]
        if city in CITY_VARIANTS:
            raw.iloc[i, raw.columns.get_loc("city")] = CITY_VARIANTS[city]
    cons = np.flatnonzero(raw["segment"].eq("consumer").to_numpy())
    raw.loc[raw.index[rng.choice(cons, 25, replace=False)], "segment"] = rng.choice(
        ["Consumer", "retail customer"], 25
    )


def _orphan_ids(rng: np.random.Generator, raw: pd.DataFrame) -> None:
    """Team and referrer ids that point nowhere (in place)."""
    raw.loc[raw.index[rng.choice(len(raw), 6, replace=False)], "team_id"] = "T09"
    refs = np.flatnonzero(raw["referred_by"].ne("").to_numpy())
    raw.loc[raw.index[rng.choice(refs, 5, replace=False)], "referred_by"] = [
        "C9901",
        "C9902",
        "B999",
        "C9903",
        "C9904",
    ]


def _duplicates(rng: np.random.Generator, raw: pd.DataFrame) -> pd.DataFrame:
    """The same customers entered again with another spelling, under new X ids."""
    dup_src = np.sort(rng.choice(len(raw), 45, replace=False))
    dups = raw.iloc[dup_src].copy()
    dups["name"] = [NAME_SPELLINGS[k % len(NAME_SPELLINGS)](s) for k, s in enumerate(dups["name"])]
    phone_fmt = dups["phone"].str.replace(r"^\+86 ", "", regex=True).str.replace(" ", "-")
    dups["phone"] = np.where(rng.random(len(dups)) < 0.5, phone_fmt, dups["phone"])
    dups["email"] = np.where(rng.random(len(dups)) < 0.4, dups["email"].str.upper(), dups["email"])
    dups["customer_id"] = [f"X{i:04d}" for i in range(1, len(dups) + 1)]
    return dups
