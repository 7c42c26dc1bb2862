"""The coworking company's parameters: seed, size, calendar, plans, channels and effects.

Bamboo Desk Coworking rents desks and offices by the month at two sites in
Hangzhou from January 2023 to December 2025. Every effect the capstone asks
students to find is a number here (see the instructors' section of
``datasets/coworking/README.md`` for what the data then shows).

>>> PLANS["private_office"].price_per_seat
2600.0
>>> MONTHS, str(START.date()), str(AS_OF.date())
(36, '2023-01-01', '2025-12-31')
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

SEED = 20230101
"""The coworking company's seed: ``generate()`` with it gives the committed files."""
FOLDER = "coworking"
"""The company's folder under ``datasets/`` (and under a grading twin)."""
START = pd.Timestamp("2023-01-01")
AS_OF = pd.Timestamp("2025-12-31")
MONTHS = 36
"""Months of data: month 0 is January 2023, month 35 December 2025."""
N_FOUNDING = 450
"""Members who join in the opening month (the founding cohort)."""
N_LATER = 1050
"""Members who join in months 1-35."""
COMPANY_SHARE = 0.15
"""Share of members that are company accounts (several seats) rather than individuals."""
SITES = ("xixi", "binjiang")


class Plan(NamedTuple):
    """One membership plan: list price and the cost of providing a seat, CNY per seat per month."""

    price_per_seat: float
    cost_per_seat: float
    individual_share: float  # share of individual members on this plan
    company_share: float  # share of company accounts on this plan


PLANS = {
    "hot_desk": Plan(1200.0, 700.0, 0.62, 0.10),
    "dedicated_desk": Plan(1900.0, 1150.0, 0.38, 0.25),
    "private_office": Plan(2600.0, 1600.0, 0.00, 0.65),
}


class Channel(NamedTuple):
    """One acquisition channel: how many it brings, what a member costs, how they churn."""

    share: float  # share of new members (individuals)
    company_share: float  # share of new company accounts
    acquisition_cost: float  # CNY per member (median)
    churn: float  # multiplier on the monthly cancellation chance


CHANNELS = {
    "walk_in": Channel(0.14, 0.10, 150.0, 1.0),
    "social_media": Channel(0.30, 0.05, 250.0, 2.3),  # cheap but churny
    "search_ads": Channel(0.26, 0.30, 900.0, 1.0),
    "broker": Channel(0.12, 0.45, 2400.0, 0.8),
    "referral": Channel(0.18, 0.10, 500.0, 0.5),  # referred members stay longer
}

#: Heterogeneous churn: each member's own monthly cancellation chance ~ Beta(a, b)
CHURN_BETA = (1.0, 19.0)
#: Multipliers on it by hidden satisfaction: top box, the broad middle, the unhappy
TOP_BOX_LATENT = 0.75  # latent satisfaction above this is "very satisfied"
UNHAPPY_LATENT = -0.6
SATISFACTION_CHURN = {"top_box": 0.2, "middle": 1.3, "unhappy": 1.6}
COMPANY_CHURN = 0.6
#: A slowly resolved ticket (more than SLOW_DAYS) multiplies the chance in that month and the next
SLOW_DAYS = 5.0
SLOW_TICKET_CHURN = 4.0
#: Months 14-20 (Mar-Sep 2024) the community team was short-staffed: tickets resolved slower
SHORT_STAFFED = (14, 20)
#: Large accounts (at least this many seats) get deep discounts; some are demanding
LARGE_SEATS = 12
LARGE_DISCOUNT = (0.15, 0.45)
DEMANDING_SHARE = 0.4
DEMANDING_TICKETS = 5.0
DEMANDING_COST = 2.5  # their tickets take longer to handle (custom requests, escalations)

TICKET_CATEGORIES = {
    # category: (share, median resolution days, handling cost CNY median)
    "internet": (0.24, 1.2, 120.0),
    "cleaning": (0.16, 0.8, 80.0),
    "noise": (0.14, 2.0, 100.0),
    "air_conditioning": (0.12, 3.0, 260.0),
    "access_card": (0.10, 0.5, 60.0),
    "meeting_room": (0.12, 1.0, 90.0),
    "billing": (0.12, 2.5, 150.0),
}
TICKET_CHANNELS = ("app", "front_desk", "email")

ADDONS = {
    # add-on: (share of purchases, price per unit, cost per unit, units (low, high))
    "meeting_room_hours": (0.40, 120.0, 40.0, (1, 6)),
    "locker": (0.15, 150.0, 30.0, (1, 1)),
    "mail_handling": (0.15, 200.0, 60.0, (1, 1)),
    "event_space": (0.08, 1500.0, 700.0, (1, 1)),
    "printing_pages": (0.22, 0.5, 0.2, (50, 500)),
}

SURVEY_MONTH = 17
"""June 2024: the one satisfaction survey, sent to every member active that month."""
SURVEY_RESPONSE_RATE = 0.7
#: survey components: (expectation mean, perception mean) on 1-7 scales
SURVEY_COMPONENTS = {
    "workspace": (5.6, 5.5),
    "internet": (6.3, 4.9),
    "community": (4.6, 4.8),
    "staff": (5.4, 5.3),
    "value": (5.5, 4.7),
}

WINBACK_FROM = 12  # members who cancel from January 2024 are contacted the month after
#: offer: (cost CNY, chance of returning; apology calls to members who left over service: higher)
WINBACK_OFFERS = {
    "reminder_email": (5.0, 0.04),
    "one_month_free": (0.0, 0.12),  # its cost is the waived first month (written per member)
    "apology_call": (80.0, 0.08),
}
APOLOGY_SERVICE_RETURN = 0.35
RETURN_CHURN = 1.4  # a returned member's cancellation chance is this much higher
REASONS = {
    "price": 0.35,
    "moved_or_remote": 0.30,
    "company_change": 0.15,
    "service": 0.12,
    "other": 0.08,
}
