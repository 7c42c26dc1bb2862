"""The generator's own parameters: the seed, the company's size, and per-name shares and effects.

The names (channels, prospecting methods, business types, complaint categories,
survey components) come from ``crmkit.vocabulary``; each table here is keyed by
those names in the vocabulary's order (a test checks it), because the draws
follow that order and the committed data depends on it.

>>> METHOD_PARAMETERS["referral"].quality_shift
0.8
>>> CHANNEL_PARAMETERS["coupon_site"].acquisition_cost
18.0
"""

from __future__ import annotations

from typing import NamedTuple

SEED = 20220101
"""The course's seed: ``generate()`` with it gives the committed datasets/ files."""
N_CONSUMERS = 2500
"""How many online consumers sign up over the four years."""
N_LEADS = 2300
"""How many business leads the sales teams prospect."""


class ChannelParameters(NamedTuple):
    """How consumers acquired through one channel behave (multipliers on the average)."""

    share: float  # share of consumers acquired through the channel
    acquisition_cost: float  # CNY per consumer
    order_rate: float  # x orders per month
    basket: float  # x value of a typical order
    churn_hazard: float  # x monthly chance of leaving


CHANNEL_PARAMETERS = {
    "coupon_site": ChannelParameters(0.22, 18.0, 0.55, 0.60, 2.4),
    "marketplace": ChannelParameters(0.20, 35.0, 0.80, 0.85, 1.3),
    "social_media": ChannelParameters(0.20, 55.0, 0.90, 0.95, 1.1),
    "search_ads": ChannelParameters(0.16, 75.0, 1.00, 1.05, 1.0),
    "referral": ChannelParameters(0.12, 40.0, 1.35, 1.20, 0.55),
    "tea_fair": ChannelParameters(0.10, 120.0, 1.30, 1.60, 0.60),
}
"""Per consumer channel (``vocabulary.CONSUMER_CHANNELS``)."""


class MethodParameters(NamedTuple):
    """What one prospecting method brings in and costs."""

    share: float  # share of leads found this way
    cost_per_lead: float  # CNY
    quality_shift: float  # added to the lead's hidden quality (standard normal)


METHOD_PARAMETERS = {
    "door_to_door": MethodParameters(0.10, 260.0, -0.1),
    "events": MethodParameters(0.07, 420.0, 0.2),
    "club": MethodParameters(0.04, 300.0, 0.3),
    "friends_relatives": MethodParameters(0.04, 60.0, 0.1),
    "records_search": MethodParameters(0.09, 90.0, -0.3),
    "consultancy": MethodParameters(0.03, 900.0, 0.5),
    "bird_dog": MethodParameters(0.05, 650.0, 0.2),
    "referral": MethodParameters(0.07, 150.0, 0.8),
    "centre_of_influence": MethodParameters(0.04, 500.0, 0.9),
    "telephone": MethodParameters(0.14, 45.0, -0.6),
    "letter": MethodParameters(0.06, 70.0, -0.4),
    "sms": MethodParameters(0.08, 25.0, -0.8),
    "internet": MethodParameters(0.10, 110.0, 0.0),
    "competitor_customers": MethodParameters(0.03, 800.0, 0.4),
}
"""Per prospecting method (``vocabulary.PROSPECTING_METHODS``; labels in ``METHOD_LABELS``)."""


class TypeTraits(NamedTuple):
    """How one kind of business account buys and stays."""

    share: float  # share of business leads
    monthly_volume: float  # median CNY per month
    orders_per_month: float
    churn_hazard: float  # x monthly chance of leaving


TYPE_TRAITS = {
    "cafe": TypeTraits(0.32, 5500.0, 2.2, 1.1),
    "restaurant": TypeTraits(0.25, 4200.0, 1.8, 1.5),
    "office": TypeTraits(0.18, 3200.0, 1.0, 0.7),
    "hotel": TypeTraits(0.10, 11000.0, 1.6, 0.6),
    "shop": TypeTraits(0.15, 7000.0, 1.4, 1.0),
}
"""Per business type (``vocabulary.BUSINESS_TYPES``)."""


class ComplaintParameters(NamedTuple):
    """How often a kind of complaint comes in and how often it can be put right."""

    share: float  # share of complaints
    resolvable: float  # chance it is resolved at all


COMPLAINT_PARAMETERS = {
    "late_delivery": ComplaintParameters(0.30, 0.80),
    "product_quality": ComplaintParameters(0.22, 0.75),
    "wrong_item": ComplaintParameters(0.14, 0.92),
    "billing_error": ComplaintParameters(0.12, 0.85),
    "staff_attitude": ComplaintParameters(0.12, 0.55),
    "price_dispute": ComplaintParameters(0.10, 0.45),
}
"""Per complaint category (``vocabulary.COMPLAINT_CATEGORIES``)."""


class SurveyProfile(NamedTuple):
    """How respondents rate one delivered-value component (1-7 scales)."""

    expectation: float  # mean expectation
    perception_shift: float  # perception minus expectation, on average
    importance: float  # mean importance


SURVEY_PROFILE = {
    "product": SurveyProfile(5.6, 0.35, 6.4),
    "service": SurveyProfile(5.4, -0.55, 5.8),
    "personnel": SurveyProfile(5.2, -0.1, 5.0),
    "image": SurveyProfile(4.8, 0.2, 3.9),
    "money_cost": SurveyProfile(4.9, -0.2, 5.6),
    "time_cost": SurveyProfile(5.5, -1.1, 5.9),
    "mental_cost": SurveyProfile(4.6, 0.3, 4.2),
    "physical_cost": SurveyProfile(4.7, 0.15, 3.6),
}
"""Per survey component (``vocabulary.SURVEY_COMPONENTS``)."""

CATEGORIES = [
    "green_tea",
    "oolong",
    "black_tea",
    "pu_erh",
    "white_tea",
    "coffee",
    "teaware",
    "gift_set",
]
"""The product categories, in the order of the shares in ``CATEGORY_MIX``."""
CATEGORY_MIX = {
    # category shares by buyer kind (before the festival boost for gift sets)
    "consumer": [0.24, 0.2, 0.14, 0.08, 0.06, 0.16, 0.07, 0.05],
    "cafe": [0.12, 0.1, 0.08, 0.02, 0.03, 0.55, 0.1, 0.0],
    "restaurant": [0.35, 0.3, 0.15, 0.12, 0.03, 0.03, 0.02, 0.0],
    "office": [0.25, 0.15, 0.12, 0.02, 0.02, 0.4, 0.02, 0.02],
    "hotel": [0.22, 0.2, 0.18, 0.08, 0.06, 0.16, 0.04, 0.06],
    "shop": [0.15, 0.16, 0.1, 0.1, 0.08, 0.08, 0.13, 0.2],
}
"""Per buyer kind ("consumer", then ``vocabulary.BUSINESS_TYPES``): shares of ``CATEGORIES``."""
