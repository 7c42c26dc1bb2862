"""Chapter 06: communicating with customers (客户的沟通) - channels, complaints, word of mouth.

Communication runs both ways: **outbound** (firm -> customer: making the firm and its offer
understood) and **inbound** (customer -> firm: enquiries, opinions, suggestions, complaints).
Its five contents are information, emotion, values, opinion and policy (:data:`CONTENTS`).

The rules the lesson states, so a student can apply them by hand and compare:

* **Response rate** of outbound messages = responded / sent, with a Wilson interval.
* **Retention after a complaint** = complainers who ordered again within 365 days / those
  whose outcome is known; complaints still ``too_early_to_tell`` are left out.
* **Fast** = resolved within 48 hours of the complaint (the resolution clock, not the
  response clock).

Where each concept lives:

* ``channels.py``: contents, directions, the channel mix, response rates, value groups,
  channel economics and the best channel per value group.
* ``complaints.py``: the complaint Pareto, handling groups and times, retention by handling
  and speed, the commonly cited 75%/95% figures tested, handling steps and service levels.
* ``iceberg.py``: how many silent problems the complaints point to (estimate and simulation).
* ``word_of_mouth.py``: people told per month, and the cost of bad word of mouth.
* ``etiquette.py``: internal and external communication, tools, blame-free wording.
* ``plots.py`` (figures) and ``widgets.py`` (the explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.communication.channels import (
    CHANNEL_COSTS,
    CONTENTS,
    DIRECTIONS,
    INBOUND_CHANNELS,
    OUTBOUND_CHANNELS,
    VALUE_GROUPS,
    best_channel,
    channel_economics,
    channel_mix,
    response_rates,
    value_groups,
)
from crmkit.communication.complaints import (
    CITED_RETENTION,
    FAST_HOURS,
    HANDLING_GROUPS,
    HANDLING_STEPS,
    SERVICE_LEVELS,
    cited_pattern,
    complaint_pareto,
    handling_groups,
    handling_times,
    retention_by_handling,
    retention_by_speed,
)
from crmkit.communication.etiquette import (
    BLAME_PATTERNS,
    INTERNAL_RULES,
    STAKEHOLDERS,
    TOOLS,
    blame_flags,
)
from crmkit.communication.iceberg import COMPLAINT_SHARE, iceberg_estimate, simulate_iceberg
from crmkit.communication.word_of_mouth import monthly_reach, word_of_mouth_cost

__all__ = [
    "BLAME_PATTERNS",
    "CHANNEL_COSTS",
    "CITED_RETENTION",
    "COMPLAINT_SHARE",
    "CONTENTS",
    "DIRECTIONS",
    "FAST_HOURS",
    "HANDLING_GROUPS",
    "HANDLING_STEPS",
    "INBOUND_CHANNELS",
    "INTERNAL_RULES",
    "OUTBOUND_CHANNELS",
    "SERVICE_LEVELS",
    "STAKEHOLDERS",
    "TOOLS",
    "VALUE_GROUPS",
    "best_channel",
    "blame_flags",
    "channel_economics",
    "channel_mix",
    "cited_pattern",
    "complaint_pareto",
    "handling_groups",
    "handling_times",
    "iceberg_estimate",
    "monthly_reach",
    "response_rates",
    "retention_by_handling",
    "retention_by_speed",
    "simulate_iceberg",
    "value_groups",
    "word_of_mouth_cost",
]
