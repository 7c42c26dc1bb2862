"""Loaders for the capstone company, Bamboo Desk Coworking (``datasets/coworking/``).

The second company of the course: a coworking space whose members renew
every month. One loader per table, and ``load_coworking(name)`` for any of
them; dates are parsed, ids are strings, labels are categoricals, as in
:mod:`crmkit.data`. Each file is checked against ``coworking/SHA256SUMS``.
The data dictionary is ``datasets/coworking/README.md``.

>>> members = load_members()
>>> len(members), members["member_id"].is_unique
(1500, True)
>>> sorted(load_subscription_periods()["status"].cat.categories)
['active', 'cancelled', 'renewed']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from crmkit.checksums import verify_file
from crmkit.data import _convert, _first_bad_value
from crmkit.paths import data_dir

FOLDER = "coworking"
"""The company's folder inside the data folder (``datasets/coworking/``)."""
_SURVEY_COMPONENTS = ("workspace", "internet", "community", "staff", "value")
SURVEY_COMPONENTS = _SURVEY_COMPONENTS
"""The survey's components: each has an ``expect_<name>`` and a ``perceive_<name>`` column (1-7)."""

SCHEMAS: dict[str, dict[str, str]] = {
    "members": {
        "member_id": "id",
        "member_type": "category",
        "name": "str",
        "site": "category",
        "plan": "category",
        "seats": "int",
        "join_date": "date",
        "acquisition_channel": "category",
        "acquisition_cost": "float",
        "referred_by": "id",
        "discount_rate": "float",
    },
    "plans": {"plan": "category", "price_per_seat": "float", "cost_per_seat": "float"},
    "subscription_periods": {
        "member_id": "id",
        "month": "date",
        "spell": "int",
        "tenure_month": "int",
        "plan": "category",
        "seats": "int",
        "list_fee": "float",
        "status": "category",
    },
    "invoices": {
        "invoice_id": "id",
        "member_id": "id",
        "invoice_date": "date",
        "plan_fee": "float",
        "discount": "float",
        "addon_fee": "float",
        "amount": "float",
        "paid_date": "date",
    },
    "addons": {
        "addon_id": "id",
        "member_id": "id",
        "purchase_date": "date",
        "addon": "category",
        "quantity": "int",
        "revenue": "float",
        "cost": "float",
    },
    "tickets": {
        "ticket_id": "id",
        "member_id": "id",
        "opened_date": "date",
        "category": "category",
        "channel": "category",
        "response_hours": "float",
        "resolution_days": "float",
        "handling_cost": "float",
    },
    "survey": {
        "response_id": "id",
        "member_id": "id",
        "survey_date": "date",
        **{
            f"{kind}_{name}": "int"
            for name in _SURVEY_COMPONENTS
            for kind in ("expect", "perceive")
        },
        "overall_satisfaction": "int",
        "likelihood_to_recommend": "int",
    },
    "referrals": {
        "referral_id": "id",
        "referral_date": "date",
        "referrer_id": "id",
        "referred_member_id": "id",
        "joined": "bool",
        "reward_paid": "float",
    },
    "winback": {
        "member_id": "id",
        "last_month": "date",
        "contact_date": "date",
        "reason_for_leaving": "category",
        "offer": "category",
        "offer_cost": "float",
        "returned": "bool",
        "return_month": "date",
        "months_after_return": "int",
        "re_cancelled": "bool",
    },
}
TABLES = tuple(SCHEMAS)
"""The coworking company's tables."""
#: Columns that may be blank: a member nobody referred, a friend who did not join, no return.
OPTIONAL_COLUMNS = {
    "members": {"referred_by"},
    "referrals": {"referred_member_id"},
    "winback": {"return_month"},
}
RESTORE = "Restore it with `git checkout datasets/coworking` or regenerate it with `make data`."


def folder_path(folder: Path | str | None = None) -> Path:
    """The company's data folder: ``folder`` if given, else ``<course data>/coworking``.

    >>> folder_path().name
    'coworking'
    """
    if folder is None:
        return data_dir() / FOLDER
    if not isinstance(folder, str | Path):
        raise TypeError(
            f"folder must be a path to a folder (text or pathlib.Path), not a {type(folder).__name__}."
        )
    return Path(folder)


def _typed(raw: pd.DataFrame, table: str) -> pd.DataFrame:
    schema = SCHEMAS[table]
    missing = [c for c in schema if c not in raw.columns]
    if missing:
        raise ValueError(f"The coworking file {table}.csv lacks the columns {missing}. {RESTORE}")
    required = [c for c in schema if c not in OPTIONAL_COLUMNS.get(table, set())]
    blank = raw[required].isna().any(axis=1)
    if blank.any():
        row = int(blank.to_numpy().argmax())
        raise ValueError(
            f"The coworking file {table}.csv has blank required cells on line {row + 2}. {RESTORE}"
        )
    out = {}
    for column, kind in schema.items():
        try:
            out[column] = _convert(raw[column], kind)
        except (TypeError, ValueError) as error:
            bad = _first_bad_value(raw[column], kind)
            raise ValueError(
                f"The coworking file {table}.csv, column {column!r}: the value {bad!r} cannot be "
                f"read as {kind}. {RESTORE}"
            ) from error
    return pd.DataFrame(out)


@cache
def _load_cached(table: str, folder: str) -> pd.DataFrame:
    path = Path(folder) / f"{table}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"The coworking data file {path.name} is not in {folder}. {RESTORE}"
        )
    verify_file(path)
    raw = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    return _typed(raw, table)


def load_coworking(table: str, folder: Path | str | None = None) -> pd.DataFrame:
    """One table of the coworking company, by name (a fresh copy).

    ``folder`` defaults to ``datasets/coworking`` (or ``$CRMKIT_DATA/coworking``).

    >>> load_coworking("plans")["plan"].tolist()
    ['hot_desk', 'dedicated_desk', 'private_office']
    >>> load_coworking("member")
    Traceback (most recent call last):
    ...
    ValueError: The coworking company has no table called 'member'. Did you mean 'members'? ...
    """
    if not isinstance(table, str):
        raise TypeError(
            f"table must be a table name such as 'members', not {type(table).__name__}."
        )
    if table not in SCHEMAS:
        import difflib

        close = difflib.get_close_matches(table, TABLES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"The coworking company has no table called {table!r}.{hint} "
            f"Its tables are: {', '.join(TABLES)}."
        )
    return _load_cached(table, str(folder_path(folder).resolve())).copy()


def load_members() -> pd.DataFrame:
    """Members: one row per member (an individual or a company account with several seats)."""
    return load_coworking("members")


def load_plans() -> pd.DataFrame:
    """Plans: list price and cost of one seat per month (CNY)."""
    return load_coworking("plans")


def load_subscription_periods() -> pd.DataFrame:
    """Monthly renewals: one row per member and month paid for, with ``status``."""
    return load_coworking("subscription_periods")


def load_invoices() -> pd.DataFrame:
    """Invoices: one per member and month (plan fee − discount + add-ons) and when it was paid."""
    return load_coworking("invoices")


def load_addons() -> pd.DataFrame:
    """Add-on purchases: meeting-room hours, lockers, mail handling, event space, printing."""
    return load_coworking("addons")


def load_tickets() -> pd.DataFrame:
    """Support tickets: category, channel, response time, resolution time, handling cost."""
    return load_coworking("tickets")


def load_survey() -> pd.DataFrame:
    """The June 2024 survey: expectation and perception per component, overall score, NPS item."""
    return load_coworking("survey")


def load_referrals() -> pd.DataFrame:
    """Referrals: who recommended the space to a friend, and whether the friend joined."""
    return load_coworking("referrals")


def load_winback() -> pd.DataFrame:
    """Win-back attempts: reason for leaving, offer, whether and for how long the member came back."""
    return load_coworking("winback")
