"""The course company's vocabulary: names and dates every chapter shares.

One place for the words the data is written in (segments, business types,
channels, prospecting methods, funnel stages, survey components) and the
company's calendar. The data generator (``crmkit.synth``) and every chapter
topic import them from here, so a name is spelt once; no topic needs the
generator to know what the data means.

>>> from crmkit import vocabulary
>>> vocabulary.AS_OF.date()
datetime.date(2025, 12, 31)
>>> vocabulary.SEGMENTS
('business', 'consumer')
>>> vocabulary.METHOD_LABELS["bird_dog"]
'Bird dogs (paid informants)'
"""

from __future__ import annotations

import pandas as pd

# ---------------------------------------------------------------- the calendar
COMPANY_START = pd.Timestamp("2022-01-01")
"""The first day Jade Leaf Tea Co. traded (the first day of data)."""
AS_OF = pd.Timestamp("2025-12-31")
"""The last day of the course company's data: "today" in every chapter."""
CHINESE_NEW_YEAR = ["2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29"]
"""Chinese New Year's day in each year of data (gift buying peaks before it)."""
MID_AUTUMN = ["2022-09-10", "2023-09-29", "2024-09-17", "2025-10-06"]
"""The Mid-Autumn Festival in each year of data."""

# ---------------------------------------------------------------- customers
SEGMENTS = ("business", "consumer")
"""The two kinds of customer: wholesale accounts and online consumers."""
BUSINESS_TYPES = ("cafe", "restaurant", "office", "hotel", "shop")
"""The kinds of business account."""
REGIONS = {
    "East": ("Shanghai", "Hangzhou", "Suzhou", "Nanjing"),
    "North": ("Beijing", "Tianjin", "Jinan"),
    "South": ("Guangzhou", "Shenzhen", "Xiamen"),
    "West": ("Chengdu", "Chongqing", "Xi'an"),
    "Central": ("Wuhan", "Changsha", "Zhengzhou"),
}
"""Sales regions and the cities in each."""
CONSUMER_CHANNELS = (
    "coupon_site",
    "marketplace",
    "social_media",
    "search_ads",
    "referral",
    "tea_fair",
)
"""How consumers were acquired (the customers table's ``channel``)."""

# ---------------------------------------------------------------- prospecting
METHOD_LABELS = {
    "door_to_door": "Door-to-door visits",
    "events": "Meetings and events",
    "club": "Clubs",
    "friends_relatives": "Friends and relatives",
    "records_search": "Records search",
    "consultancy": "Consultancies",
    "bird_dog": "Bird dogs (paid informants)",
    "referral": "Referrals",
    "centre_of_influence": "Centres of influence",
    "telephone": "Telephone",
    "letter": "Letters",
    "sms": "Text messages",
    "internet": "Internet",
    "competitor_customers": "Taking competitors' customers",
}
"""The fourteen prospecting methods (the leads table's ``method``) and their labels."""
METHOD_NAMES_ZH = {
    "door_to_door": "逐户访问法",
    "events": "会议寻找法",
    "club": "到俱乐部寻找法",
    "friends_relatives": "在亲朋故旧中寻找",
    "records_search": "资料查询法",
    "consultancy": "咨询寻找法",
    "bird_dog": "“猎犬”法",
    "referral": "介绍法",
    "centre_of_influence": "“中心开花”法",
    "telephone": "电话寻找法",
    "letter": "信函寻找法",
    "sms": "短信寻找法",
    "internet": "网络寻找法",
    "competitor_customers": "抢夺对手的客户",
}
"""The book's own Chinese name of each prospecting method (same codes and order)."""
PROSPECTING_METHODS = tuple(METHOD_LABELS)
"""The fourteen prospecting methods, in the book's order."""
FUNNEL_STAGES = ["lead", "contacted", "qualified", "proposal", "won"]
"""The stages of the sales funnel, in order."""
LEAD_STATUSES = ("won", "open", "lost")
"""How a lead stands (the leads table's ``status``): won, still open, or lost."""

# ---------------------------------------------------------------- service and survey
COMPLAINT_CATEGORIES = (
    "late_delivery",
    "product_quality",
    "wrong_item",
    "billing_error",
    "staff_attitude",
    "price_dispute",
)
"""What complaints are about (the complaints table's ``category``)."""
SURVEY_COMPONENTS = (
    "product",
    "service",
    "personnel",
    "image",
    "money_cost",
    "time_cost",
    "mental_cost",
    "physical_cost",
)
"""The eight delivered-value components the satisfaction survey asks about (four benefits, four costs)."""
SURVEY_SCORES = (
    *(
        f"{kind}_{component}"
        for component in SURVEY_COMPONENTS
        for kind in ("expect", "perceive", "importance")
    ),
    "overall_satisfaction",
    "likelihood_to_recommend",
)
"""The survey's score columns (all whole numbers): expect_/perceive_/importance_ per component,
then overall_satisfaction (1-5) and likelihood_to_recommend (0-10)."""
