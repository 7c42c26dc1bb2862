"""The capstone company, Bamboo Desk Coworking, generated from its own fixed seed.

A coworking space with two sites in Hangzhou, renting hot desks, dedicated
desks and private offices by the month from January 2023 to December 2025.
Members renew every month (or cancel: contractual churn), buy add-ons, open
support tickets, answered one survey (June 2024), refer friends and, when they
cancel, get a win-back offer. ``generate()`` builds every table from ``SEED``;
``write_all()`` writes them into ``datasets/coworking/`` with the tea company's
CSV writer (same bytes for the same seed).

It shares the tea company's machinery (``crmkit.synth.draws``, ``names``,
``csv_files``) but none of its parameters: the planted effects are in
``parameters`` and described in the instructors' section of
``datasets/coworking/README.md``.

- ``parameters``: the seed, size, calendar, plans, channels and effects;
- ``members``: members and their hidden traits;
- ``simulation``: the month-by-month simulation;
- ``tables``, ``billing``: the published tables.

>>> SEED, FOLDER
(20230101, 'coworking')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crmkit.synth.csv_files import write_tables
from crmkit.synth.subscription.billing import invoices_table, survey_table, winback_table
from crmkit.synth.subscription.members import draw_members
from crmkit.synth.subscription.parameters import AS_OF, FOLDER, MONTHS, SEED, START
from crmkit.synth.subscription.simulation import simulate
from crmkit.synth.subscription.tables import (
    addons_table,
    member_ids,
    members_table,
    periods_table,
    plans_table,
    referrals_table,
    tickets_table,
)

__all__ = ["SEED", "FOLDER", "START", "AS_OF", "MONTHS", "TABLES", "generate", "write_all"]

TABLES = (
    "members",
    "plans",
    "subscription_periods",
    "invoices",
    "addons",
    "tickets",
    "survey",
    "referrals",
    "winback",
)
"""The company's tables, in the order ``generate`` returns them."""


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every table of the coworking company, simulated from ``seed``.

    >>> tables = generate()
    >>> list(tables) == list(TABLES), len(tables["members"])
    (True, 1500)
    """
    rng = np.random.default_rng(seed)
    hidden = draw_members(rng)
    history = simulate(rng, hidden)
    ids = member_ids(len(hidden))
    members = members_table(rng, hidden)
    periods = periods_table(history["periods"], hidden, ids)
    addons = addons_table(history["addons"], ids)
    winback = winback_table(history["winback"], periods, ids)
    free = winback.loc[
        winback["returned"] & (winback["offer"] == "one_month_free"), ["member_id", "return_month"]
    ].rename(columns={"return_month": "month"})
    return {
        "members": members,
        "plans": plans_table(),
        "subscription_periods": periods,
        "invoices": invoices_table(rng, periods, addons, members, free),
        "addons": addons,
        "tickets": tickets_table(history["tickets"], ids),
        "survey": survey_table(rng, hidden, periods, ids),
        "referrals": referrals_table(history["referrals"], ids, rng),
        "winback": winback,
    }


def write_all(folder: Path | str, seed: int = SEED) -> dict[str, str]:
    """Write every table as ``<name>.csv`` into ``folder``; returns {file name: sha256}.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sorted(write_all(folder))[:2]
    ['addons.csv', 'invoices.csv']
    """
    return write_tables(folder, generate(seed))
