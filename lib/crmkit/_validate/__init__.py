"""Input checks shared by crmkit's public functions, with messages for learners.

Every check names the argument, says what was expected and what came instead, and
what to do. ``tables`` checks frames and their columns, ``scalars`` single values,
``resources`` paths, connections, keys and figure axes.
"""

from __future__ import annotations

from crmkit._validate.resources import (
    require_axes,
    require_connection,
    require_path,
    require_secret_key,
)
from crmkit._validate.scalars import (
    require_amount,
    require_bool,
    require_choice,
    require_column_name,
    require_confidence,
    require_number,
    require_positive_int,
    require_rate,
    require_timestamp,
)
from crmkit._validate.tables import (
    require_customer_id,
    require_dates,
    require_frame,
    require_ids,
    require_invoices_and_payments,
    require_labels,
    require_lead_status,
    require_numeric,
    require_series,
)

__all__ = [
    "require_amount",
    "require_axes",
    "require_bool",
    "require_choice",
    "require_column_name",
    "require_confidence",
    "require_connection",
    "require_customer_id",
    "require_dates",
    "require_frame",
    "require_ids",
    "require_invoices_and_payments",
    "require_labels",
    "require_lead_status",
    "require_number",
    "require_numeric",
    "require_path",
    "require_positive_int",
    "require_rate",
    "require_secret_key",
    "require_series",
    "require_timestamp",
]
