"""The course company, Jade Leaf Tea Co., generated from one fixed seed.

Jade Leaf sells tea, coffee, teaware and gift sets online to consumers and
wholesale to cafés, restaurants, offices, hotels and shops, from January 2022
to December 2025. ``generate()`` builds every table of the course from
``SEED``; ``write_all()`` writes them as CSV files into ``datasets/``. The
same seed always gives the same bytes: a test regenerates the data and
compares it with the committed files.

The generator *plants* the effects the course teaches (see the instructors'
section of ``datasets/README.md``): the data is simulated customer by
customer from hidden traits (spending rate, satisfaction, churn hazard), and
the effects follow from how those traits drive behaviour, with noise.

Run it with ``crmkit data`` or ``make data``.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from crmkit.data import SURVEY_COMPONENTS

SEED = 20220101
START = pd.Timestamp("2022-01-01")
AS_OF = pd.Timestamp("2025-12-31")  # the last day of data: "today" in the course
SURVEY_DATE_RANGE = (pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-30"))
WINBACK_DATE = pd.Timestamp("2025-03-03")
N_CONSUMERS = 2500
N_LEADS = 2300
CHINESE_NEW_YEAR = ["2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29"]
MID_AUTUMN = ["2022-09-10", "2023-09-29", "2024-09-17", "2025-10-06"]

REGIONS = {
    "East": ["Shanghai", "Hangzhou", "Suzhou", "Nanjing"],
    "North": ["Beijing", "Tianjin", "Jinan"],
    "South": ["Guangzhou", "Shenzhen", "Xiamen"],
    "West": ["Chengdu", "Chongqing", "Xi'an"],
    "Central": ["Wuhan", "Changsha", "Zhengzhou"],
}
BUSINESS_TYPES = ["cafe", "restaurant", "office", "hotel", "shop"]
CONSUMER_CHANNELS = {
    # channel: (share, acquisition cost CNY, order-rate x, basket x, churn-hazard x)
    "coupon_site": (0.22, 18.0, 0.55, 0.60, 2.4),
    "marketplace": (0.20, 35.0, 0.80, 0.85, 1.3),
    "social_media": (0.20, 55.0, 0.90, 0.95, 1.1),
    "search_ads": (0.16, 75.0, 1.00, 1.05, 1.0),
    "referral": (0.12, 40.0, 1.35, 1.20, 0.55),
    "tea_fair": (0.10, 120.0, 1.30, 1.60, 0.60),
}
PROSPECTING_METHODS = {
    # method: (share of leads, cost per lead CNY, quality shift, label)
    "door_to_door": (0.10, 260.0, -0.1, "Door-to-door visits"),
    "events": (0.07, 420.0, 0.2, "Meetings and tasting events"),
    "club": (0.04, 300.0, 0.3, "Clubs and associations"),
    "friends_relatives": (0.04, 60.0, 0.1, "Friends and relatives"),
    "records_search": (0.09, 90.0, -0.3, "Records and directory search"),
    "consultancy": (0.03, 900.0, 0.5, "Consultancies"),
    "bird_dog": (0.05, 650.0, 0.2, "Bird dogs (paid informants)"),
    "referral": (0.07, 150.0, 0.8, "Referrals by customers"),
    "centre_of_influence": (0.04, 500.0, 0.9, "Centres of influence"),
    "telephone": (0.14, 45.0, -0.6, "Telephone prospecting"),
    "letter": (0.06, 70.0, -0.4, "Letters and catalogues"),
    "sms": (0.08, 25.0, -0.8, "Text messages"),
    "internet": (0.10, 110.0, 0.0, "Internet (website, search, WeChat)"),
    "competitor_customers": (0.03, 800.0, 0.4, "Winning competitors' customers"),
}
FUNNEL_STAGES = ["lead", "contacted", "qualified", "proposal", "won"]
TYPE_TRAITS = {
    # type: (share of business leads, monthly volume CNY median, orders/month, churn x)
    "cafe": (0.32, 5500.0, 2.2, 1.1),
    "restaurant": (0.25, 4200.0, 1.8, 1.5),
    "office": (0.18, 3200.0, 1.0, 0.7),
    "hotel": (0.10, 11000.0, 1.6, 0.6),
    "shop": (0.15, 7000.0, 1.4, 1.0),
}
COMPLAINT_CATEGORIES = {
    # category: (share, chance it is resolved at all)
    "late_delivery": (0.30, 0.80),
    "product_quality": (0.22, 0.75),
    "wrong_item": (0.14, 0.92),
    "billing_error": (0.12, 0.85),
    "staff_attitude": (0.12, 0.55),
    "price_dispute": (0.10, 0.45),
}


# --------------------------------------------------------------------------
# Small helpers


def _days(timestamps: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Days since START as integers (the generator's internal clock)."""
    return ((pd.to_datetime(timestamps) - START) // pd.Timedelta(days=1)).to_numpy()


def _date(days: np.ndarray) -> pd.DatetimeIndex:
    return START + pd.to_timedelta(np.asarray(days, dtype="int64"), unit="D")


TOTAL_DAYS = int((AS_OF - START).days) + 1


def _season_weights() -> np.ndarray:
    """Daily demand multiplier: gift buying before Chinese New Year and Mid-Autumn."""
    day = np.arange(TOTAL_DAYS)
    weight = np.ones(TOTAL_DAYS)
    for festivals, height in ((CHINESE_NEW_YEAR, 1.1), (MID_AUTUMN, 0.7)):
        for festival in _days(pd.Series(pd.to_datetime(festivals))):
            peak = festival - 12  # people buy gifts about two weeks before
            weight += height * np.exp(-(((day - peak) / 9.0) ** 2))
            # the festival week itself is quiet (holidays)
            weight -= 0.45 * np.exp(-(((day - festival - 3) / 4.0) ** 2))
    return weight


def _festival_closeness() -> np.ndarray:
    """1 in the gift-buying weeks before a festival, falling to 0 away from them."""
    day = np.arange(TOTAL_DAYS)
    close = np.zeros(TOTAL_DAYS)
    for festival in _days(pd.Series(pd.to_datetime(CHINESE_NEW_YEAR + MID_AUTUMN))):
        close = np.maximum(close, np.exp(-(((day - festival + 12) / 10.0) ** 2)))
    return close


def _pick(rng: np.random.Generator, options: list[str], shares, size: int) -> np.ndarray:
    shares = np.asarray(shares, dtype=float)
    return rng.choice(np.array(options, dtype=object), size=size, p=shares / shares.sum())


SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo "
    "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu "
    "Du Ye Cheng Wei Su Lu Ding Ren Shen Yao"
).split()
GIVEN_NAMES = (
    "Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiu Xia Hui Ping "
    "Gang Hua Dan Hong Bo Lan Yu Ting Hao Kai Lin Rui Xin Yi Zhen Qing Shan Yue Feng Chen"
).split()
SHOP_WORDS = (
    "Lotus Jade Bamboo Willow Pearl Lantern Harbour Cloud Orchid Maple Silk Crane River "
    "Garden Summit Golden Peony Plum Pine Phoenix Moon Spring Stone Azure Cedar Ginkgo"
).split()
TYPE_WORDS = {
    "cafe": ["Cafe", "Coffee House", "Coffee Bar", "Tea Room"],
    "restaurant": ["Restaurant", "Kitchen", "Dining Hall", "Bistro"],
    "office": ["Consulting", "Technology", "Design Studio", "Law Office", "Trading"],
    "hotel": ["Hotel", "Grand Hotel", "Inn", "Resort"],
    "shop": ["Tea Shop", "Gift Store", "Deli", "Market"],
}


def _person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    surname = rng.choice(SURNAMES, n)
    given = rng.choice(GIVEN_NAMES, n)
    second = np.where(rng.random(n) < 0.5, "", np.char.lower(rng.choice(GIVEN_NAMES, n)))
    return np.array([f"{s} {g}{t}" for s, g, t in zip(surname, given, second, strict=True)])


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    prefix = rng.choice(["138", "139", "136", "150", "158", "186", "188", "177"], n)
    body = rng.integers(0, 10**8, n)
    return np.array(
        [f"+86 {p} {b // 10**4:04d} {b % 10**4:04d}" for p, b in zip(prefix, body, strict=True)]
    )


# --------------------------------------------------------------------------
# Reference tables


def make_products() -> pd.DataFrame:
    """The catalogue: 32 products in 8 categories, with list price and unit cost (CNY)."""
    rows = [
        ("green_tea", "Longjing Spring Green 250g", 168, 0.42),
        ("green_tea", "Biluochun 250g", 148, 0.44),
        ("green_tea", "Huangshan Maofeng 250g", 128, 0.45),
        ("green_tea", "Everyday Green Tea 1kg", 210, 0.55),
        ("oolong", "Tieguanyin 250g", 158, 0.43),
        ("oolong", "Da Hong Pao 250g", 238, 0.40),
        ("oolong", "Milk Oolong 250g", 118, 0.47),
        ("oolong", "Dancong Honey Orchid 250g", 198, 0.41),
        ("black_tea", "Keemun Black 250g", 138, 0.45),
        ("black_tea", "Dianhong Golden Tips 250g", 158, 0.44),
        ("black_tea", "Lapsang Souchong 250g", 128, 0.46),
        ("black_tea", "Breakfast Black Tea 1kg", 180, 0.56),
        ("pu_erh", "Aged Pu-erh Cake 357g", 298, 0.38),
        ("pu_erh", "Ripe Pu-erh Mini Tuo 500g", 148, 0.48),
        ("white_tea", "Silver Needle 100g", 268, 0.39),
        ("white_tea", "White Peony 250g", 148, 0.45),
        ("coffee", "Yunnan Arabica Beans 1kg", 180, 0.58),
        ("coffee", "House Espresso Blend 1kg", 160, 0.60),
        ("coffee", "Single Origin Pour-over 250g", 98, 0.50),
        ("coffee", "Decaf Blend 1kg", 190, 0.61),
        ("coffee", "Cold Brew Pack 500g", 88, 0.52),
        ("teaware", "Celadon Gaiwan Set", 188, 0.40),
        ("teaware", "Yixing Clay Teapot", 368, 0.36),
        ("teaware", "Glass Tea Infuser 500ml", 68, 0.45),
        ("teaware", "Bamboo Tea Tray", 228, 0.42),
        ("teaware", "Pour-over Coffee Kit", 158, 0.50),
        ("gift_set", "New Year Tea Gift Box", 388, 0.35),
        ("gift_set", "Mid-Autumn Tea & Mooncake Box", 328, 0.38),
        ("gift_set", "Premium Oolong Gift Tin", 458, 0.33),
        ("gift_set", "Corporate Tea Sampler", 268, 0.40),
        ("gift_set", "Coffee Lovers Gift Box", 238, 0.42),
        ("gift_set", "Silver Needle Gift Case", 588, 0.34),
    ]
    frame = pd.DataFrame(rows, columns=["category", "product_name", "unit_price", "cost_ratio"])
    frame.insert(0, "product_id", [f"P{i:03d}" for i in range(1, len(frame) + 1)])
    frame["unit_price"] = frame["unit_price"].astype(float)
    frame["unit_cost"] = (frame["unit_price"] * (frame["cost_ratio"] + 0.08)).round(2)
    return frame.drop(columns="cost_ratio")


def make_teams(rng: np.random.Generator) -> pd.DataFrame:
    """Five regional wholesale teams and three online service teams."""
    rows = [
        (f"T0{i + 1}", f"{region} Wholesale", region, "wholesale")
        for i, region in enumerate(REGIONS)
    ]
    rows += [
        ("T06", "Online Service A", "Online", "online"),
        ("T07", "Online Service B", "Online", "online"),
        ("T08", "Online Service C", "Online", "online"),
    ]
    teams = pd.DataFrame(rows, columns=["team_id", "team_name", "region", "serves"])
    # Employee satisfaction (1-5) drives turnover and, later, how customers rate service.
    emp_sat = np.array([4.4, 3.3, 3.9, 2.9, 3.6, 4.2, 3.1, 3.7]) + rng.normal(0, 0.05, 8)
    teams["headcount"] = np.array([9, 7, 8, 6, 6, 14, 12, 11])
    teams["employee_satisfaction"] = emp_sat.round(2)
    turnover = 0.62 - 0.12 * emp_sat + rng.normal(0, 0.02, 8)
    teams["staff_turnover_rate"] = np.clip(turnover, 0.03, 0.6).round(3)
    return teams


# --------------------------------------------------------------------------
# Prospects and customers


@dataclass
class _Customers:
    table: pd.DataFrame  # the public columns
    rate: np.ndarray  # orders per month at full speed
    basket: np.ndarray  # value of a typical order, CNY
    discount: np.ndarray  # usual discount on list price
    hazard: np.ndarray  # monthly churn hazard
    satisfaction: np.ndarray  # latent satisfaction (standard normal-ish)
    service_load: np.ndarray  # how demanding (visits, calls, rush orders)
    pay_delay: np.ndarray  # typical days paid after the due date
    whale: np.ndarray  # large account on loss-making terms


def make_leads(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Business leads by prospecting method and the furthest funnel stage each reached.

    Returns the leads table and each lead's hidden quality (drives the funnel and,
    for won leads, the account's later value).
    """
    methods = list(PROSPECTING_METHODS)
    n = N_LEADS
    method = _pick(rng, methods, [PROSPECTING_METHODS[m][0] for m in methods], n)
    btype = _pick(rng, BUSINESS_TYPES, [TYPE_TRAITS[t][0] for t in BUSINESS_TYPES], n)
    region = _pick(rng, list(REGIONS), [0.32, 0.22, 0.2, 0.14, 0.12], n)
    city = np.array([rng.choice(REGIONS[r]) for r in region])
    created = np.sort(rng.integers(0, TOTAL_DAYS - 20, n))
    shift = np.array([PROSPECTING_METHODS[m][2] for m in method])
    quality = rng.normal(0, 1, n) + shift
    type_volume = np.array([TYPE_TRAITS[t][1] for t in btype])
    employees = np.round(np.exp(rng.normal(np.log(type_volume / 250), 0.6))).astype(int) + 2
    est_volume = type_volume * np.exp(0.35 * quality + rng.normal(0, 0.35, n))

    # Funnel: each step passes with a probability that rises with quality.
    def passes(base: float, slope: float) -> np.ndarray:
        return rng.random(n) < 1 / (1 + np.exp(-(base + slope * quality)))

    reached = np.ones(n, dtype=int)  # 1 = lead
    step_ok = [passes(1.0, 0.6), passes(-0.1, 0.9), passes(0.4, 0.7), passes(-0.2, 0.9)]
    alive = np.ones(n, dtype=bool)
    for stage, ok in enumerate(step_ok, start=2):
        alive &= ok
        reached = np.where(alive, stage, reached)
    gaps = [
        rng.gamma(2.0, 3.0, n),
        rng.gamma(2.0, 7.0, n),
        rng.gamma(2.0, 8.0, n),
        rng.gamma(2.0, 10.0, n),
    ]
    stage_days = np.full((n, 5), np.nan)
    stage_days[:, 0] = created
    for k in range(1, 5):
        stage_days[:, k] = stage_days[:, k - 1] + np.ceil(gaps[k - 1])
    for k in range(1, 5):
        stage_days[reached <= k, k] = np.nan
    # Stages that would fall after the end of the data have not happened yet.
    beyond = stage_days > TOTAL_DAYS - 1
    for k in range(1, 5):
        cut = beyond[:, k] & (reached > k)
        reached = np.where(cut, k, reached)
        stage_days[cut, k:] = np.nan
    last_day = np.nanmax(stage_days, axis=1)
    # Open if recent activity; otherwise the lead went cold (lost).
    open_window = np.where(reached >= 3, 75, 40)
    status = np.where(
        reached == 5, "won", np.where(TOTAL_DAYS - 1 - last_day <= open_window, "open", "lost")
    )

    cost_per_lead = np.array([PROSPECTING_METHODS[m][1] for m in method])
    stage_cost = np.array([0, 40, 120, 260, 180])  # follow-up effort per stage passed
    spent = cost_per_lead + np.array([stage_cost[:r].sum() for r in reached])
    spent *= np.exp(rng.normal(0, 0.15, n))

    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i:04d}" for i in range(1, n + 1)],
            "created_date": _date(created),
            "prospecting_method": method,
            "business_type": btype,
            "region": region,
            "city": city,
            "employees": employees,
            "est_monthly_volume": np.round(est_volume, -1),
            "stage_reached": np.array(FUNNEL_STAGES, dtype=object)[reached - 1],
            "status": status,
        }
    )
    for k, name in enumerate(
        ["contacted_date", "qualified_date", "proposal_date", "won_date"], start=1
    ):
        col = stage_days[:, k]
        leads[name] = pd.Series(
            np.where(np.isnan(col), np.datetime64("NaT"), _date(np.nan_to_num(col)).to_numpy())
        ).astype("datetime64[s]")
    leads["acquisition_cost"] = spent.round(2)
    return leads, quality


def make_customers(
    rng: np.random.Generator, leads: pd.DataFrame, quality: np.ndarray, teams: pd.DataFrame
) -> _Customers:
    """Business accounts (the won leads) and consumers, with their hidden traits."""
    won = leads["status"].eq("won").to_numpy()
    b = leads.loc[won].reset_index(drop=True)
    nb = len(b)
    bq = quality[won]
    b_ids = [f"B{i:03d}" for i in range(1, nb + 1)]
    leads.loc[won, "customer_id"] = b_ids
    b_signup = _days(b["won_date"])
    btype = b["business_type"].to_numpy()
    region = b["region"].to_numpy()
    team_for_region = dict(zip(teams["region"], teams["team_id"], strict=False))
    b_team = np.array([team_for_region[r] for r in region])

    b_volume = b["est_monthly_volume"].to_numpy() * np.exp(rng.normal(0, 0.3, nb))
    b_rate = np.array([TYPE_TRAITS[t][2] for t in btype]) * np.exp(rng.normal(0, 0.2, nb))
    b_basket = b_volume / b_rate
    b_discount = np.clip(rng.normal(0.16, 0.04, nb), 0.08, 0.26)
    b_load = np.exp(rng.normal(0, 0.55, nb))
    b_delay = rng.gamma(1.5, 4.0, nb)
    # Whales: among the biggest accounts, some negotiated deep discounts, demand
    # weekly visits and rush deliveries, return stock and pay very late.
    # (chosen among accounts won in the first two years, so their history shows)
    big = np.argsort(-np.where(b_signup < 700, b_volume, 0))[:20]
    whale = np.zeros(nb, dtype=bool)
    whale[rng.choice(big, 10, replace=False)] = True
    b_volume[whale] *= 1.7
    b_basket[whale] = b_volume[whale] / b_rate[whale]
    b_discount[whale] = rng.uniform(0.32, 0.38, whale.sum())
    b_load[whale] = rng.uniform(8.5, 10.5, whale.sum())
    b_delay[whale] = rng.uniform(90, 150, whale.sum())
    b_hazard = 0.016 * np.array([TYPE_TRAITS[t][3] for t in btype]) * np.exp(-0.25 * bq)
    b_hazard[whale] = 0.004  # well looked after: they stay (and keep costing money)
    terms = rng.choice([30, 45, 60], nb, p=[0.55, 0.3, 0.15])
    terms[whale] = 90
    # A limit that covers the terms plus one to two months' slack: only accounts
    # that pay late run over it (the receivables early warning).
    months_covered = terms / 30 + rng.uniform(1.0, 2.0, nb)
    months_covered[whale] = 3.5
    credit_limit = np.round(b_volume * months_covered, -3).clip(5000, None)

    # Referred business leads name an existing account that sent them.
    b_referrer = np.full(nb, "", dtype=object)
    is_ref = b["prospecting_method"].eq("referral").to_numpy()
    for i in np.flatnonzero(is_ref):
        earlier = np.flatnonzero(b_signup < b_signup[i] - 30)
        if len(earlier):
            weights = b_volume[earlier] / b_volume[earlier].sum()
            b_referrer[i] = b_ids[rng.choice(earlier, p=weights)]

    business = pd.DataFrame(
        {
            "customer_id": b_ids,
            "segment": "business",
            "name": _business_names(rng, btype, b["city"].to_numpy()),
            "business_type": btype,
            "region": region,
            "city": b["city"].to_numpy(),
            "signup_date": _date(b_signup),
            "acquisition_channel": b["prospecting_method"].to_numpy(),
            "acquisition_cost": b["acquisition_cost"].to_numpy(),
            "team_id": b_team,
            "referred_by": b_referrer,
            "credit_limit": credit_limit,
            "payment_terms_days": terms,
            "employees": b["employees"].to_numpy(),
            "birth_year": np.nan,
        }
    )

    # Consumers arrive over the four years, a little faster as the shop grows.
    nc = N_CONSUMERS
    channels = list(CONSUMER_CHANNELS)
    ch = _pick(rng, channels, [CONSUMER_CHANNELS[c][0] for c in channels], nc)
    growth = np.linspace(0.7, 1.3, TOTAL_DAYS - 30)
    c_signup = np.sort(rng.choice(TOTAL_DAYS - 30, nc, p=growth / growth.sum()))
    trait = {
        c: np.array([CONSUMER_CHANNELS[x][k] for x in ch])
        for k, c in enumerate(["share", "cac", "rate", "basket", "hazard"])
    }
    c_rate = 0.42 * trait["rate"] * np.exp(rng.normal(0, 0.55, nc))
    c_basket = 190 * trait["basket"] * np.exp(rng.normal(0, 0.35, nc))
    c_discount = np.where(
        ch == "coupon_site", rng.uniform(0.18, 0.3, nc), rng.choice([0.0, 0.05], nc, p=[0.8, 0.2])
    )
    c_load = np.exp(rng.normal(0, 0.5, nc)) * np.where(ch == "coupon_site", 1.8, 1.0)
    c_hazard = 0.035 * trait["hazard"]
    c_region = _pick(rng, list(REGIONS), [0.34, 0.22, 0.2, 0.13, 0.11], nc)
    c_city = np.array([rng.choice(REGIONS[r]) for r in c_region])
    c_team = rng.choice(["T06", "T07", "T08"], nc)
    c_cost = trait["cac"] * np.exp(rng.normal(0, 0.25, nc))
    c_ids = [f"C{i:04d}" for i in range(1, nc + 1)]
    c_referrer = np.full(nc, "", dtype=object)
    for i in np.flatnonzero(ch == "referral"):
        earlier = np.flatnonzero(c_signup < c_signup[i] - 14)
        if len(earlier):
            c_referrer[i] = c_ids[rng.choice(earlier[-600:])]
    names = _person_names(rng, nc)
    consumer = pd.DataFrame(
        {
            "customer_id": c_ids,
            "segment": "consumer",
            "name": names,
            "business_type": "",
            "region": c_region,
            "city": c_city,
            "signup_date": _date(c_signup),
            "acquisition_channel": ch,
            "acquisition_cost": c_cost.round(2),
            "team_id": c_team,
            "referred_by": c_referrer,
            "credit_limit": np.nan,
            "payment_terms_days": np.nan,
            "employees": np.nan,
            "birth_year": rng.normal(1988, 10, nc).round().clip(1945, 2005),
        }
    )
    table = pd.concat([business, consumer], ignore_index=True)

    # Satisfaction: employee satisfaction of the serving team shows up in the
    # customers' satisfaction (the employee-customer mirror).
    emp = table["team_id"].map(
        dict(zip(teams["team_id"], teams["employee_satisfaction"], strict=True))
    )
    satisfaction = rng.normal(0, 1, len(table)) + 0.55 * (emp.to_numpy() - 3.7)
    satisfaction[:nb][whale] += 0.6  # pampered, and they know it
    # Only the truly delighted stay much longer: "satisfied" is not "loyal".
    top_box = satisfaction > 0.75
    unhappy = satisfaction < -1.0
    hazard = np.concatenate([b_hazard, c_hazard])
    hazard = hazard * np.where(top_box, 0.25, np.where(unhappy, 1.9, 1.4))

    contacts = _contacts(rng, table)
    table = pd.concat([table, contacts], axis=1)
    return _Customers(
        table=table,
        rate=np.concatenate([b_rate, c_rate]),
        basket=np.concatenate([b_basket, c_basket]),
        discount=np.concatenate([b_discount, c_discount]),
        hazard=hazard,
        satisfaction=satisfaction,
        service_load=np.concatenate([b_load, c_load]),
        pay_delay=np.concatenate([b_delay, np.zeros(nc)]),
        whale=np.concatenate([whale, np.zeros(nc, dtype=bool)]),
    )


def _business_names(rng: np.random.Generator, btype: np.ndarray, city: np.ndarray) -> np.ndarray:
    words = rng.choice(SHOP_WORDS, len(btype))
    kinds = np.array([rng.choice(TYPE_WORDS[t]) for t in btype])
    names = np.array([f"{w} {k} ({c})" for w, k, c in zip(words, kinds, city, strict=True)])
    # Make names unique by numbering repeats ("Lotus Cafe (Hangzhou) 2").
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return np.array(out)


def _contacts(rng: np.random.Generator, table: pd.DataFrame) -> pd.DataFrame:
    n = len(table)
    slug = (
        table["name"]
        .str.lower()
        .str.replace(r"[^a-z ]", "", regex=True)
        .str.split()
        .str[:2]
        .str.join(".")
    )
    # The id's digits keep every address unique.
    number = table["customer_id"].str[1:]
    domain = np.where(table["segment"].eq("business"), "example.com", "example.net")
    email = slug + "." + number + "@" + domain
    phone = pd.Series(_phones(rng, n))
    return pd.DataFrame({"email": email, "phone": phone})


# --------------------------------------------------------------------------
# Behaviour: orders, complaints, churn


def _draw_order_days(
    rng: np.random.Generator,
    start: np.ndarray,
    end: np.ndarray,
    rate: np.ndarray,
    ramp: np.ndarray,
    decline_until: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Order days for every customer by thinning a Poisson process.

    rate is orders per month at full speed; business accounts ramp up over
    ``ramp`` days (breakthrough and growth); in the 120 days before a natural
    churn the rate halves (the warning signs before a customer leaves).
    Returns (customer index, day) arrays.
    """
    season = _season_weights()
    peak = season.max()
    span = np.maximum(end - start, 0)
    expected = rate / 30.4 * span * peak
    count = rng.poisson(expected)
    owner = np.repeat(np.arange(len(start)), count)
    day = start[owner] + np.floor(rng.random(owner.size) * span[owner]).astype(int)
    since = day - start[owner]
    accept = season[np.clip(day, 0, TOTAL_DAYS - 1)] / peak
    accept *= np.where(
        ramp[owner] > 0, np.minimum(1.0, 0.25 + 0.75 * since / np.maximum(ramp[owner], 1)), 1.0
    )
    accept *= np.where(day >= decline_until[owner], 0.45, 1.0)
    keep = rng.random(owner.size) < accept
    owner, day = owner[keep], day[keep]
    order = np.lexsort((day, owner))
    return owner[order], day[order]


def simulate_behaviour(rng: np.random.Generator, cust: _Customers) -> dict[str, object]:
    """Orders (as order headers), complaints, and each customer's real end date."""
    table = cust.table
    n = len(table)
    start = _days(table["signup_date"])
    life = rng.exponential(1 / cust.hazard) * 30.4
    natural_end = start + np.ceil(life).astype(int)
    end = np.minimum(natural_end, TOTAL_DAYS)
    is_business = table["segment"].eq("business").to_numpy()
    ramp = np.where(is_business, rng.uniform(120, 300, n), 0)
    decline = np.where(natural_end < TOTAL_DAYS, natural_end - 120, TOTAL_DAYS + 1)

    owner, day = _draw_order_days(rng, start, end, cust.rate, ramp, decline)
    # Every customer starts with an order on the sign-up day.
    owner = np.concatenate([np.arange(n), owner])
    day = np.concatenate([start, day])
    order = np.lexsort((day, owner))
    owner, day = owner[order], day[order]

    complaints = _complaints(rng, cust, owner, day)
    # A badly handled complaint makes some customers leave soon after.
    leaves = complaints["_leaves"]
    leave_day = complaints["_day"] + complaints["_leave_after"]
    left_after = np.full(n, TOTAL_DAYS + 1)
    np.minimum.at(left_after, complaints["_owner"][leaves], leave_day[leaves])
    end = np.minimum(end, left_after)
    keep = day < end[owner]
    keep[np.r_[0, np.flatnonzero(np.diff(owner)) + 1]] = True  # the first order always stays
    owner, day = owner[keep], day[keep]
    c_keep = complaints["_day"] < end[complaints["_owner"]]
    complaints = {k: v[c_keep] for k, v in complaints.items()}
    return {
        "owner": owner,
        "day": day,
        "end": end,
        "natural_end": natural_end,
        "complaints": complaints,
    }


def _complaints(
    rng: np.random.Generator, cust: _Customers, owner: np.ndarray, day: np.ndarray
) -> dict:
    """Each order may cause a complaint; how it is handled decides whether the customer stays."""
    load = cust.service_load[owner]
    p = 0.03 * load**0.3 * np.where(cust.satisfaction[owner] < -1.0, 1.8, 1.0)
    hit = rng.random(owner.size) < p
    c_owner = owner[hit]
    c_day = day[hit] + rng.integers(1, 12, hit.sum())
    inside = c_day < TOTAL_DAYS
    c_owner, c_day = c_owner[inside], c_day[inside]
    m = c_owner.size
    cats = list(COMPLAINT_CATEGORIES)
    category = _pick(rng, cats, [COMPLAINT_CATEGORIES[c][0] for c in cats], m)
    resolvable = np.array([COMPLAINT_CATEGORIES[c][1] for c in category])
    response_hours = np.round(rng.lognormal(np.log(10), 0.9, m), 1)
    u = rng.random(m)
    resolution = np.where(
        u < resolvable * 0.82,
        "resolved",
        np.where(u < resolvable, "partially_resolved", "unresolved"),
    )
    # Quick responders also resolve quickly.
    resolution_hours = np.round(response_hours * rng.lognormal(np.log(3.5), 0.8, m), 1)
    resolution_hours = np.where(resolution == "unresolved", np.nan, resolution_hours)
    fast = resolution_hours <= 48
    p_leave = np.select(
        [
            resolution == "unresolved",
            resolution == "partially_resolved",
            (resolution == "resolved") & ~fast,
        ],
        [0.7, 0.45, 0.22],
        default=0.01,
    )
    p_leave = np.where(cust.whale[c_owner], 0.1 * p_leave, p_leave)  # courted, they stay
    leaves = rng.random(m) < p_leave
    # Unhappy customers talk: about 9 people on average, more if unresolved.
    told_mean = np.select(
        [resolution == "unresolved", resolution == "partially_resolved", ~fast],
        [11.0, 8.0, 5.0],
        1.5,
    )
    people_told = rng.poisson(told_mean)
    channel = _pick(
        rng,
        ["hotline", "wechat", "email", "web_form", "sales_rep", "in_person"],
        [0.3, 0.28, 0.14, 0.12, 0.1, 0.06],
        m,
    )
    is_business = cust.table["segment"].to_numpy()[c_owner] == "business"
    channel = np.where(is_business & (channel == "web_form"), "sales_rep", channel)
    return {
        "_owner": c_owner,
        "_day": c_day,
        "category": category,
        "channel": channel,
        "response_hours": response_hours,
        "resolution": resolution,
        "resolution_hours": resolution_hours,
        "people_told": people_told,
        "_leaves": leaves,
        "_leave_after": rng.integers(1, 10, m),
    }


def run_winback(
    rng: np.random.Generator, cust: _Customers, behaviour: dict
) -> tuple[pd.DataFrame, dict]:
    """The March 2025 win-back campaign on lapsed customers, and the orders it brought back."""
    owner, day = behaviour["owner"], behaviour["day"]
    n = len(cust.table)
    last = np.full(n, -1)
    np.maximum.at(last, owner, day)
    counts = np.bincount(owner, minlength=n)
    wb_day = _days(pd.Series([WINBACK_DATE]))[0]
    lapsed = (last < wb_day - 180) & (last >= wb_day - 730) & (counts >= 2)
    target = np.flatnonzero(lapsed)
    m = target.size
    comp = behaviour["complaints"]
    had_unresolved = np.zeros(n, dtype=bool)
    had_unresolved[comp["_owner"][comp["resolution"] != "resolved"]] = True
    had_complaint = np.zeros(n, dtype=bool)
    had_complaint[comp["_owner"]] = True
    channel = cust.table["acquisition_channel"].to_numpy()
    reasons = np.array(
        ["poor_service", "unresolved_problem", "price", "competitor", "changed_needs", "moved_away"]
    )
    base = np.tile([0.14, 0.04, 0.24, 0.22, 0.24, 0.12], (m, 1))
    base[had_unresolved[target], 1] += 0.9
    base[had_complaint[target], 0] += 0.35
    base[channel[target] == "coupon_site", 2] += 0.5
    base /= base.sum(axis=1, keepdims=True)
    reason = np.array([rng.choice(reasons, p=row) for row in base])
    offers = {
        "none": 0.0,
        "apology_call": 15.0,
        "discount_10": 0.0,
        "discount_20": 0.0,
        "free_gift": 95.0,
    }
    offer = rng.choice(list(offers), m, p=[0.2, 0.2, 0.2, 0.2, 0.2])
    # Response depends on why they left and what we offered.
    logit = np.full(m, -2.6)
    logit += np.select(
        [
            offer == "apology_call",
            offer == "discount_10",
            offer == "discount_20",
            offer == "free_gift",
        ],
        [0.5, 0.7, 1.2, 0.9],
        0.0,
    )
    logit += np.where(
        np.isin(reason, ["poor_service", "unresolved_problem"]) & (offer == "apology_call"), 1.9, 0
    )
    logit += np.where((reason == "price") & np.isin(offer, ["discount_10", "discount_20"]), 0.9, 0)
    logit += np.where(np.isin(reason, ["moved_away", "changed_needs"]), -1.5, 0)
    logit += 0.3 * cust.satisfaction[target]
    reactivated = rng.random(m) < 1 / (1 + np.exp(-logit))
    # Reactivated customers buy again, some only once or twice (re-churn).
    come_back = wb_day + rng.integers(3, 80, m)
    stay = rng.exponential(1 / (cust.hazard[target] * 1.6)) * 30.4
    new_end = np.minimum(come_back + np.ceil(stay).astype(int), TOTAL_DAYS)
    sel = target[reactivated]
    start = np.full(n, 0)
    end = np.full(n, 0)
    start[sel] = come_back[reactivated]
    end[sel] = new_end[reactivated]
    ramp = np.zeros(n)
    extra_owner, extra_day = _draw_order_days(
        rng, start, end, cust.rate * 0.8, ramp, np.full(n, TOTAL_DAYS + 1)
    )
    extra_owner = np.concatenate([sel, extra_owner])
    extra_day = np.concatenate([come_back[reactivated], extra_day])
    discount_offer = np.select([offer == "discount_10", offer == "discount_20"], [0.10, 0.20], 0.0)
    campaign = pd.DataFrame(
        {
            "customer_id": cust.table["customer_id"].to_numpy()[target],
            "last_order_date": _date(last[target]),
            "contact_date": WINBACK_DATE,
            "reason_for_leaving": reason,
            "offer": offer,
            "_discount": discount_offer,
            "_fixed_cost": np.array([offers[o] for o in offer]),
            "reactivated": reactivated,
        }
    )
    return campaign, {"owner": extra_owner, "day": extra_day}


# --------------------------------------------------------------------------
# Order lines, costs, money


CATEGORY_MIX = {
    # category shares by buyer kind (before the festival boost for gift sets)
    "consumer": [0.24, 0.2, 0.14, 0.08, 0.06, 0.16, 0.07, 0.05],
    "cafe": [0.12, 0.1, 0.08, 0.02, 0.03, 0.55, 0.1, 0.0],
    "restaurant": [0.35, 0.3, 0.15, 0.12, 0.03, 0.03, 0.02, 0.0],
    "office": [0.25, 0.15, 0.12, 0.02, 0.02, 0.4, 0.02, 0.02],
    "hotel": [0.22, 0.2, 0.18, 0.08, 0.06, 0.16, 0.04, 0.06],
    "shop": [0.15, 0.16, 0.1, 0.1, 0.08, 0.08, 0.13, 0.2],
}
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


def make_order_lines(
    rng: np.random.Generator,
    cust: _Customers,
    products: pd.DataFrame,
    owner: np.ndarray,
    day: np.ndarray,
    extra_discount: np.ndarray,
) -> pd.DataFrame:
    """Turn order headers (customer, day) into order lines with prices and discounts.

    ``extra_discount`` is a per-order discount on top of the customer's usual
    one (the win-back offers).
    """
    table = cust.table
    n_orders = owner.size
    order_ids = np.array([f"O{i:06d}" for i in range(1, n_orders + 1)])
    is_business = table["segment"].to_numpy()[owner] == "business"
    n_lines = np.where(
        is_business, rng.integers(2, 5, n_orders), rng.choice([1, 1, 1, 2, 2, 3], n_orders)
    )
    line_order = np.repeat(np.arange(n_orders), n_lines)
    kind = np.where(
        table["segment"].to_numpy() == "business", table["business_type"].to_numpy(), "consumer"
    )[owner[line_order]]
    close = _festival_closeness()[day[line_order]]
    cat_idx = np.empty(line_order.size, dtype=int)
    for k, mix in CATEGORY_MIX.items():
        rows = np.flatnonzero(kind == k)
        base = np.tile(mix, (rows.size, 1))
        gift_boost = 0.9 if k in ("consumer", "shop", "hotel", "office") else 0.1
        base[:, 7] += gift_boost * close[rows]
        base /= base.sum(axis=1, keepdims=True)
        cum = base.cumsum(axis=1)
        cat_idx[rows] = (rng.random(rows.size)[:, None] > cum).sum(axis=1)
    cat_idx = np.minimum(cat_idx, len(CATEGORIES) - 1)
    by_cat = {c: products.index[products["category"] == c].to_numpy() for c in CATEGORIES}
    prod_pos = np.array([rng.choice(by_cat[CATEGORIES[c]]) for c in cat_idx])
    price = products["unit_price"].to_numpy()[prod_pos]
    cost = products["unit_cost"].to_numpy()[prod_pos]
    target = (
        cust.basket[owner[line_order]]
        / n_lines[line_order]
        * np.exp(rng.normal(0, 0.3, line_order.size))
    )
    quantity = np.maximum(1, np.round(target / price)).astype(int)
    discount = cust.discount[owner[line_order]] + extra_discount[line_order]
    promo = (~is_business[line_order]) & (rng.random(line_order.size) < 0.06)
    discount = np.clip(np.where(promo, discount + 0.1, discount), 0, 0.6).round(2)
    revenue = np.round(quantity * price * (1 - discount), 2)
    return pd.DataFrame(
        {
            "order_id": order_ids[line_order],
            "line_no": np.arange(line_order.size) - (np.cumsum(n_lines) - n_lines)[line_order] + 1,
            "order_date": _date(day[line_order]),
            "customer_id": table["customer_id"].to_numpy()[owner[line_order]],
            "product_id": products["product_id"].to_numpy()[prod_pos],
            "quantity": quantity,
            "unit_price": price,
            "discount": discount,
            "revenue": revenue,
            "cost_of_goods": np.round(quantity * cost, 2),
        }
    )


def make_service_events(
    rng: np.random.Generator, cust: _Customers, lines: pd.DataFrame, end: np.ndarray
) -> pd.DataFrame:
    """Cost-to-serve events: deliveries, rush orders, returns, sales visits, support calls, repairs."""
    table = cust.table
    pos = pd.Series(np.arange(len(table)), index=table["customer_id"])
    orders = lines.groupby("order_id", sort=True).agg(
        customer_id=("customer_id", "first"),
        order_date=("order_date", "first"),
        revenue=("revenue", "sum"),
    )
    o_pos = pos.loc[orders["customer_id"]].to_numpy()
    o_day = _days(orders["order_date"])
    is_b = table["segment"].to_numpy()[o_pos] == "business"
    load = cust.service_load[o_pos]
    frames = []
    # One delivery per order; consumers ship by parcel, businesses by van.
    delivery_cost = np.where(is_b, rng.uniform(45, 90, o_pos.size), rng.uniform(22, 34, o_pos.size))
    frames.append(_events(o_pos, o_day, "delivery", delivery_cost, orders.index.to_numpy()))
    rush = rng.random(o_pos.size) < np.clip(np.where(is_b, 0.04, 0.01) * load, 0, 0.7)
    frames.append(
        _events(
            o_pos[rush],
            o_day[rush],
            "rush_order",
            rng.uniform(160, 260, rush.sum()),
            orders.index.to_numpy()[rush],
        )
    )
    # Returns: the goods are refunded and written off, plus handling.
    ret = rng.random(o_pos.size) < np.clip(0.018 * load, 0, 0.25)
    ret_cost = orders["revenue"].to_numpy()[ret] * rng.uniform(0.3, 0.6, ret.sum()) + 35
    frames.append(
        _events(
            o_pos[ret],
            o_day[ret] + rng.integers(2, 15, ret.sum()),
            "return",
            ret_cost,
            orders.index.to_numpy()[ret],
        )
    )
    # Support calls and (for business) sales visits and machine repairs over the life.
    start = _days(table["signup_date"])
    months = np.maximum(end - start, 1) / 30.4
    calls = rng.poisson(
        months * np.where(table["segment"].eq("business"), 0.6, 0.14) * cust.service_load
    )
    frames.append(_spread(rng, start, end, calls, "support_call", (18, 35)))
    b = table["segment"].eq("business").to_numpy()
    visits = rng.poisson(months * b * 0.45 * cust.service_load)
    frames.append(_spread(rng, start, end, visits, "sales_visit", (180, 320)))
    has_machine = b & np.isin(table["business_type"].to_numpy(), ["cafe", "office", "hotel"])
    repairs = rng.poisson(months * has_machine * 0.05 * np.sqrt(cust.service_load))
    frames.append(_spread(rng, start, end, repairs, "repair", (250, 700)))
    frames.append(_rebates(rng, cust, lines, pos))
    events = pd.concat(frames, ignore_index=True)
    events = events[events["_day"] < TOTAL_DAYS]
    events = events.sort_values(["_day", "_pos", "event_type"], kind="stable").reset_index(
        drop=True
    )
    return pd.DataFrame(
        {
            "event_id": [f"E{i:06d}" for i in range(1, len(events) + 1)],
            "event_date": _date(events["_day"].to_numpy()),
            "customer_id": table["customer_id"].to_numpy()[events["_pos"].to_numpy()],
            "event_type": events["event_type"].to_numpy(),
            "order_id": events["order_id"].to_numpy(),
            "cost": events["cost"].round(2).to_numpy(),
        }
    )


def _rebates(
    rng: np.random.Generator, cust: _Customers, lines: pd.DataFrame, pos: pd.Series
) -> pd.DataFrame:
    """Year-end volume rebates, paid in January on the previous year's revenue.

    Big accounts negotiate them: the loss-making whales 10-14%, other accounts
    buying over CNY 150,000 a year 2%. (2025's rebates fall due in 2026,
    after the end of the data.)
    """
    business = lines[lines["customer_id"].str.startswith("B")]
    yearly = business.groupby(["customer_id", business["order_date"].dt.year])["revenue"].sum()
    yearly = yearly[yearly.index.get_level_values(1) < AS_OF.year].reset_index()
    p = pos.loc[yearly["customer_id"]].to_numpy()
    whale = cust.whale[p]
    rate = np.where(whale, rng.uniform(0.10, 0.14, len(yearly)), 0.0)
    rate = np.where(~whale & (yearly["revenue"] > 150_000), 0.02, rate)
    paid = rate > 0
    day = _days(pd.to_datetime((yearly["order_date"] + 1).astype(str) + "-01-15"))
    return _events(p[paid], day[paid], "rebate", (rate * yearly["revenue"]).to_numpy()[paid])


def _events(pos, day, kind, cost, order_id=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_pos": pos,
            "_day": day,
            "event_type": kind,
            "cost": cost,
            "order_id": order_id if order_id is not None else "",
        }
    )


def _spread(rng, start, end, counts, kind, cost_range) -> pd.DataFrame:
    pos = np.repeat(np.arange(counts.size), counts)
    span = np.maximum(end - start, 1)[pos]
    day = start[pos] + np.floor(rng.random(pos.size) * span).astype(int)
    return _events(pos, day, kind, rng.uniform(*cost_range, pos.size))


def make_invoices_and_payments(
    rng: np.random.Generator, cust: _Customers, lines: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Business orders are invoiced on credit terms; consumers pay when they order."""
    table = cust.table
    pos = pd.Series(np.arange(len(table)), index=table["customer_id"])
    business_lines = lines[lines["customer_id"].str.startswith("B")]
    inv = (
        business_lines.groupby("order_id", sort=True)
        .agg(
            customer_id=("customer_id", "first"),
            invoice_date=("order_date", "first"),
            amount=("revenue", "sum"),
        )
        .reset_index()
    )
    p = pos.loc[inv["customer_id"]].to_numpy()
    terms = table["payment_terms_days"].to_numpy()[p].astype(int)
    inv["due_date"] = inv["invoice_date"] + pd.to_timedelta(terms, unit="D")
    inv.insert(0, "invoice_id", [f"I{i:06d}" for i in range(1, len(inv) + 1)])
    inv["amount"] = inv["amount"].round(2)
    delay = np.round(
        rng.gamma(1.2, 1.0, len(inv)) * cust.pay_delay[p] - rng.integers(0, 6, len(inv))
    )
    pay_date = inv["due_date"] + pd.to_timedelta(delay, unit="D")
    # Some invoices are split into two payments; a few are never paid (bad debt).
    paid = pay_date <= AS_OF
    bad = (cust.pay_delay[p] > 50) & (rng.random(len(inv)) < 0.12)
    paid &= ~bad
    split = paid & (rng.random(len(inv)) < 0.12)
    first_part = np.where(split, np.round(inv["amount"] * 0.5, 2), inv["amount"])
    pay1 = pd.DataFrame(
        {
            "invoice_id": inv["invoice_id"],
            "payment_date": pay_date - pd.to_timedelta(np.where(split, 14, 0), unit="D"),
            "amount": first_part,
        }
    )[paid.to_numpy()]
    pay2 = pd.DataFrame(
        {
            "invoice_id": inv["invoice_id"],
            "payment_date": pay_date,
            "amount": (inv["amount"] - first_part).round(2),
        }
    )[split.to_numpy()]
    payments = (
        pd.concat([pay1, pay2])
        .sort_values(["payment_date", "invoice_id"], kind="stable")
        .reset_index(drop=True)
    )
    payments.insert(0, "payment_id", [f"Y{i:06d}" for i in range(1, len(payments) + 1)])
    inv = inv[["invoice_id", "order_id", "customer_id", "invoice_date", "due_date", "amount"]]
    return inv, payments


def make_account_plans(
    rng: np.random.Generator, cust: _Customers, lines: pd.DataFrame
) -> pd.DataFrame:
    """Monthly revenue plan and selling-expense budget for every business account.

    The plan for a month is last year's same month (or the account's expected
    volume while it is new) times a growth target; the budget is a share of plan.
    """
    table = cust.table
    b = table[table["segment"].eq("business")].reset_index(drop=True)
    b_pos = np.flatnonzero(table["segment"].eq("business").to_numpy())
    months = pd.period_range(START, AS_OF, freq="M")
    signup_month = b["signup_date"].dt.to_period("M")
    grid = pd.MultiIndex.from_product(
        [b["customer_id"], months], names=["customer_id", "month"]
    ).to_frame(index=False)
    grid = grid[
        grid["month"]
        >= grid["customer_id"].map(dict(zip(b["customer_id"], signup_month, strict=True)))
    ]
    # A year's plan is made for accounts won that year or still ordering in the
    # last quarter of the year before; accounts that went quiet get no new plan.
    orders_b = lines[lines["customer_id"].str.startswith("B")]
    q4 = orders_b[orders_b["order_date"].dt.month >= 10]
    active_next = set(zip(q4["customer_id"], q4["order_date"].dt.year + 1, strict=True))
    signup_year = dict(zip(b["customer_id"], b["signup_date"].dt.year, strict=True))
    year = grid["month"].dt.year
    keep = [
        (cid, y) in active_next or signup_year[cid] == y
        for cid, y in zip(grid["customer_id"], year, strict=True)
    ]
    grid = grid[np.array(keep, dtype=bool)]
    actual = (
        lines[lines["customer_id"].str.startswith("B")]
        .assign(month=lambda d: d["order_date"].dt.to_period("M"))
        .groupby(["customer_id", "month"])["revenue"]
        .sum()
    )
    expected = pd.Series(
        cust.basket[b_pos] * cust.rate[b_pos] * (1 - cust.discount[b_pos]), index=b["customer_id"]
    )
    last_year = actual.rename("ly")
    last_year.index = last_year.index.set_levels(last_year.index.levels[1] + 12, level=1)
    grid = grid.merge(last_year.reset_index(), on=["customer_id", "month"], how="left")
    # New accounts are planned to ramp up over their first six months.
    months_in = (
        grid["month"]
        - grid["customer_id"].map(dict(zip(b["customer_id"], signup_month, strict=True)))
    ).apply(lambda offset: offset.n)
    ramp = np.minimum(1.0, 0.4 + 0.1 * months_in.to_numpy())
    base = grid["customer_id"].map(expected) * ramp
    plan = np.where(grid["ly"].notna() & (grid["ly"] > 0.3 * base), grid["ly"] * 1.06, base)
    grid["planned_revenue"] = np.round(plan * np.exp(rng.normal(0, 0.05, len(grid))), -1)
    grid["expense_budget"] = np.round(
        grid["planned_revenue"] * rng.uniform(0.035, 0.05, len(grid)), -1
    )
    grid["month"] = grid["month"].dt.to_timestamp()
    return grid[["customer_id", "month", "planned_revenue", "expense_budget"]].reset_index(
        drop=True
    )


def make_communications(
    rng: np.random.Generator, cust: _Customers, end: np.ndarray, complaints: pd.DataFrame
) -> pd.DataFrame:
    """Outbound messages (with response) and inbound contacts by channel and purpose."""
    table = cust.table
    start = _days(table["signup_date"])
    months = np.maximum(np.minimum(end + 60, TOTAL_DAYS) - start, 1) / 30.4
    is_b = table["segment"].eq("business").to_numpy()
    out_channels = {
        # channel: (sends per customer-month consumer, business, response rate)
        "email": (0.5, 0.4, 0.018),
        "sms": (0.35, 0.05, 0.012),
        "wechat": (0.45, 0.3, 0.045),
        "phone": (0.03, 0.25, 0.09),
        "letter": (0.02, 0.08, 0.03),
    }
    frames = []
    for channel, (c_rate, b_rate, response) in out_channels.items():
        counts = rng.poisson(months * np.where(is_b, b_rate, c_rate) * 0.3)
        f = _spread(rng, start, np.minimum(end + 60, TOTAL_DAYS), counts, "outbound", (0, 0))
        f["channel"] = channel
        f["purpose"] = _pick(
            rng, ["promotion", "newsletter", "care", "survey"], [0.45, 0.3, 0.15, 0.1], len(f)
        )
        boost = np.where(f["purpose"].eq("care"), 1.6, 1.0) * np.exp(
            0.25 * cust.satisfaction[f["_pos"]]
        )
        f["responded"] = rng.random(len(f)) < np.clip(response * boost, 0, 1)
        frames.append(f)
    inbound = rng.poisson(months * np.where(is_b, 0.35, 0.06) * np.sqrt(cust.service_load))
    f = _spread(rng, start, end, inbound, "inbound", (0, 0))
    f["channel"] = _pick(
        rng,
        ["hotline", "wechat", "web_form", "email", "suggestion_card", "sales_rep"],
        [0.28, 0.32, 0.12, 0.12, 0.06, 0.1],
        len(f),
    )
    f["purpose"] = _pick(
        rng, ["enquiry", "order_help", "feedback", "suggestion"], [0.45, 0.3, 0.15, 0.1], len(f)
    )
    f["responded"] = pd.NA
    frames.append(f)
    comp = complaints[["customer_id", "complaint_date", "channel"]].copy()
    comp_pos = (
        pd.Series(np.arange(len(table)), index=table["customer_id"])
        .loc[comp["customer_id"]]
        .to_numpy()
    )
    frames.append(
        pd.DataFrame(
            {
                "_pos": comp_pos,
                "_day": _days(comp["complaint_date"]),
                "event_type": "inbound",
                "channel": comp["channel"].to_numpy(),
                "purpose": "complaint",
                "responded": pd.NA,
            }
        )
    )
    comm = pd.concat(frames, ignore_index=True)
    comm = (
        comm[comm["_day"] < TOTAL_DAYS]
        .sort_values(["_day", "_pos", "channel"], kind="stable")
        .reset_index(drop=True)
    )
    responded = comm["responded"].astype("boolean")
    return pd.DataFrame(
        {
            "comm_id": [f"M{i:06d}" for i in range(1, len(comm) + 1)],
            "comm_date": _date(comm["_day"].to_numpy()),
            "customer_id": table["customer_id"].to_numpy()[comm["_pos"].to_numpy()],
            "direction": comm["event_type"].to_numpy(),
            "channel": comm["channel"].to_numpy(),
            "purpose": comm["purpose"].to_numpy(),
            "responded": responded.to_numpy(),
        }
    )


def make_survey(
    rng: np.random.Generator, cust: _Customers, end: np.ndarray, teams: pd.DataFrame
) -> pd.DataFrame:
    """A spring-2024 satisfaction survey of active customers.

    For each of the eight delivered-value components the respondent rates
    expectation, perception and importance on 1-7 (for the four costs, a high
    perception means the cost felt low). Overall satisfaction is 1-5 and
    likelihood to recommend 0-10.
    """
    table = cust.table
    lo, hi = _days(pd.Series(list(SURVEY_DATE_RANGE)))
    start = _days(table["signup_date"])
    active = (start < lo - 30) & (end > hi)
    pool = np.flatnonzero(active)
    # About 85% of active customers answer (the rest ignore the invitation).
    chosen = np.sort(rng.choice(pool, int(round(0.85 * pool.size)), replace=False))
    m = chosen.size
    sat = cust.satisfaction[chosen]
    team_sat = (
        table["team_id"]
        .map(dict(zip(teams["team_id"], teams["employee_satisfaction"], strict=True)))
        .to_numpy()[chosen]
    )
    data: dict[str, object] = {
        "response_id": [f"S{i:04d}" for i in range(1, m + 1)],
        "customer_id": table["customer_id"].to_numpy()[chosen],
        "survey_date": _date(rng.integers(lo, hi + 1, m)),
    }
    # (expectation mean, perception shift, importance mean) per component
    profile = {
        "product": (5.6, 0.35, 6.4),
        "service": (5.4, -0.55, 5.8),
        "personnel": (5.2, -0.1, 5.0),
        "image": (4.8, 0.2, 3.9),
        "money_cost": (4.9, -0.2, 5.6),
        "time_cost": (5.5, -1.1, 5.9),
        "mental_cost": (4.6, 0.3, 4.2),
        "physical_cost": (4.7, 0.15, 3.6),
    }
    for comp in SURVEY_COMPONENTS:
        expect_mean, shift, importance_mean = profile[comp]
        expect = np.clip(np.round(rng.normal(expect_mean, 0.9, m)), 1, 7)
        team_effect = 0.45 * (team_sat - 3.7) if comp in ("service", "personnel") else 0.0
        perceive = np.clip(
            np.round(expect + shift + 0.55 * sat + team_effect + rng.normal(0, 0.8, m)), 1, 7
        )
        importance = np.clip(np.round(rng.normal(importance_mean, 0.8, m)), 1, 7)
        data[f"expect_{comp}"] = expect.astype(int)
        data[f"perceive_{comp}"] = perceive.astype(int)
        data[f"importance_{comp}"] = importance.astype(int)
    overall = np.digitize(sat + rng.normal(0, 0.25, m), [-1.6, -0.9, 0.0, 0.8]) + 1
    data["overall_satisfaction"] = overall
    nps_latent = 6.9 + 1.6 * sat + rng.normal(0, 0.9, m)
    data["likelihood_to_recommend"] = np.clip(np.round(nps_latent), 0, 10).astype(int)
    return pd.DataFrame(data)


def make_raw_customers(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """The customer table as it came out of the old systems, with realistic faults.

    Faults planted (and listed in datasets/README.md): duplicate records under
    different spellings, missing contacts, impossible and future dates,
    inconsistent categories and city spellings, and orphan team/referrer ids.
    """
    raw = customers.copy()
    raw["signup_date"] = raw["signup_date"].dt.strftime("%Y-%m-%d")
    n = len(raw)
    # Missing contacts.
    raw.loc[rng.random(n) < 0.07, "email"] = ""
    raw.loc[rng.random(n) < 0.05, "phone"] = ""
    # Impossible / future dates and birth years.
    bad_date = rng.choice(n, 14, replace=False)
    raw.loc[raw.index[bad_date], "signup_date"] = rng.choice(
        ["1900-01-01", "2031-06-15", "2026-13-01", "2027-02-30"], 14
    )
    cons = np.flatnonzero(raw["segment"].eq("consumer").to_numpy())
    raw.loc[raw.index[rng.choice(cons, 9, replace=False)], "birth_year"] = rng.choice(
        [1890.0, 2030.0, 0.0], 9
    )
    # Inconsistent categories and cities.
    biz = np.flatnonzero(raw["segment"].eq("business").to_numpy())
    variants = {
        "cafe": ["Cafe", "café", "coffee shop", "CAFE"],
        "restaurant": ["Restaurant", "restuarant"],
        "hotel": ["Hotel", "hotel "],
        "office": ["Office", "offices"],
        "shop": ["Shop", "retail"],
    }
    for i in rng.choice(biz, 40, replace=False):
        raw.iloc[i, raw.columns.get_loc("business_type")] = rng.choice(
            variants[raw["business_type"].iloc[i]]
        )
    city_variants = {
        "Shanghai": "shanghai",
        "Beijing": "Peking",
        "Guangzhou": "Canton",
        "Chengdu": "CHENGDU",
        "Hangzhou": "Hangzhou ",
    }
    for i in rng.choice(n, 60, replace=False):
        city = raw["city"].iloc[i]
        if city in city_variants:
            raw.iloc[i, raw.columns.get_loc("city")] = city_variants[city]
    raw.loc[raw.index[rng.choice(cons, 25, replace=False)], "segment"] = rng.choice(
        ["Consumer", "retail customer"], 25
    )
    # Orphan ids.
    raw.loc[raw.index[rng.choice(n, 6, replace=False)], "team_id"] = "T09"
    refs = np.flatnonzero(raw["referred_by"].ne("").to_numpy())
    raw.loc[raw.index[rng.choice(refs, 5, replace=False)], "referred_by"] = [
        "C9901",
        "C9902",
        "B999",
        "C9903",
        "C9904",
    ]
    # Duplicates: the same customer entered again with another spelling.
    dup_src = np.sort(rng.choice(n, 45, replace=False))
    dups = raw.iloc[dup_src].copy()
    spellings = [
        lambda s: s.upper(),
        lambda s: s.lower(),
        lambda s: "  " + s,
        lambda s: s.replace(" ", "  ", 1),
        lambda s: s + ".",
        lambda s: s.replace("Cafe", "Café"),
    ]
    dups["name"] = [spellings[k % len(spellings)](s) for k, s in enumerate(dups["name"])]
    phone_fmt = dups["phone"].str.replace(r"^\+86 ", "", regex=True).str.replace(" ", "-")
    dups["phone"] = np.where(rng.random(len(dups)) < 0.5, phone_fmt, dups["phone"])
    dups["email"] = np.where(rng.random(len(dups)) < 0.4, dups["email"].str.upper(), dups["email"])
    dups["customer_id"] = [f"X{i:04d}" for i in range(1, len(dups) + 1)]
    raw = pd.concat([raw, dups], ignore_index=True)
    order = rng.permutation(len(raw))
    raw = raw.iloc[order].reset_index(drop=True)
    raw = raw.rename(columns={"customer_id": "record_id"})
    return raw


# --------------------------------------------------------------------------
# Putting it together


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Generate every table of the course company from ``seed``.

    Returns a dict of DataFrames keyed by table name (the CSV file stem).

    >>> tables = generate()
    >>> sorted(tables)[:3]
    ['account_plans', 'communications', 'complaints']
    """
    rng = np.random.default_rng(seed)
    products = make_products()
    teams = make_teams(rng)
    leads, quality = make_leads(rng)
    cust = make_customers(rng, leads, quality, teams)
    behaviour = simulate_behaviour(rng, cust)
    campaign, extra = run_winback(rng, cust, behaviour)

    owner = np.concatenate([behaviour["owner"], extra["owner"]])
    day = np.concatenate([behaviour["day"], extra["day"]])
    ids = cust.table["customer_id"].to_numpy()
    win_discount = pd.Series(campaign["_discount"].to_numpy(), index=campaign["customer_id"])
    extra_disc_by_order = np.concatenate(
        [
            np.zeros(behaviour["owner"].size),
            win_discount.reindex(ids[extra["owner"]]).fillna(0).to_numpy(),
        ]
    )
    order = np.lexsort((owner, day))
    owner, day, extra_disc_by_order = owner[order], day[order], extra_disc_by_order[order]
    lines = make_order_lines(rng, cust, products, owner, day, extra_disc_by_order)

    end = behaviour["end"].copy()
    back = pd.Series(np.arange(len(ids)), index=ids)
    react = campaign.loc[campaign["reactivated"], "customer_id"]
    last_day = lines.groupby("customer_id")["order_date"].max()
    end[back.loc[react].to_numpy()] = _days(last_day.loc[react]) + 30
    comp = behaviour["complaints"]
    complaints = _complaints_table(comp, ids, lines)
    events = make_service_events(rng, cust, lines, end)
    invoices, payments = make_invoices_and_payments(rng, cust, lines)
    plans = make_account_plans(rng, cust, lines)
    comms = make_communications(rng, cust, end, complaints)
    survey = make_survey(rng, cust, end, teams)
    winback = _winback_table(campaign, lines)
    customers = cust.table.copy()
    for col in ("credit_limit", "payment_terms_days", "employees", "birth_year"):
        customers[col] = customers[col].astype("Int64")
    raw = make_raw_customers(rng, customers)
    return {
        "customers": customers,
        "customers_raw": raw,
        "products": products,
        "order_lines": lines,
        "service_events": events,
        "invoices": invoices,
        "payments": payments,
        "account_plans": plans,
        "leads": leads,
        "communications": comms,
        "complaints": complaints,
        "survey": survey,
        "teams": teams,
        "winback": winback,
    }


def _complaints_table(comp: dict, ids: np.ndarray, lines: pd.DataFrame) -> pd.DataFrame:
    frame = (
        pd.DataFrame(
            {
                "customer_id": ids[comp["_owner"]],
                "complaint_date": _date(comp["_day"]),
                "category": comp["category"],
                "channel": comp["channel"],
                "response_hours": comp["response_hours"],
                "resolution": comp["resolution"],
                "resolution_hours": comp["resolution_hours"],
                "people_told": comp["people_told"],
            }
        )
        .sort_values(["complaint_date", "customer_id"], kind="stable")
        .reset_index(drop=True)
    )
    frame.insert(0, "complaint_id", [f"K{i:05d}" for i in range(1, len(frame) + 1)])
    # What the customer did afterwards, read from the orders.
    nxt = _next_order_after(lines, frame["customer_id"], frame["complaint_date"])
    window = pd.Timedelta(days=365)
    stayed = nxt.notna() & (nxt <= frame["complaint_date"] + window)
    decided = stayed | (frame["complaint_date"] + window <= AS_OF)
    frame["outcome"] = np.where(stayed, "stayed", np.where(decided, "left", "too_early_to_tell"))
    return frame


def _next_order_after(lines: pd.DataFrame, customer: pd.Series, when: pd.Series) -> pd.Series:
    """For each (customer, date), the date of that customer's first order after it."""
    orders = lines[["customer_id", "order_date"]].drop_duplicates().sort_values("order_date")
    probe = pd.DataFrame(
        {
            "customer_id": customer,
            "when": when + pd.Timedelta(days=1),
            "_i": np.arange(len(customer)),
        }
    )
    merged = pd.merge_asof(
        probe.sort_values("when"),
        orders.rename(columns={"order_date": "next_order"}),
        left_on="when",
        right_on="next_order",
        by="customer_id",
        direction="forward",
    )
    return merged.set_index("_i")["next_order"].sort_index().set_axis(customer.index)


def _winback_table(campaign: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    frame = campaign.copy()
    after = lines[lines["order_date"] >= WINBACK_DATE]
    spend = after.groupby("customer_id")["revenue"].sum()
    n_after = after.groupby("customer_id")["order_id"].nunique()
    first_after = after.groupby("customer_id")["order_date"].min()
    frame["revenue_after"] = frame["customer_id"].map(spend).fillna(0.0).round(2)
    frame["orders_after"] = frame["customer_id"].map(n_after).fillna(0).astype(int)
    frame["reactivated"] = frame["orders_after"] > 0
    frame["first_order_after"] = frame["customer_id"].map(first_after)
    last_after = after.groupby("customer_id")["order_date"].max()
    frame["re_churned"] = frame["reactivated"] & (
        frame["customer_id"].map(last_after) < AS_OF - pd.Timedelta(days=180)
    )
    discount_cost = frame["revenue_after"] * frame["_discount"] / (1 - frame["_discount"])
    frame["offer_cost"] = (
        frame["_fixed_cost"] + discount_cost.where(frame["reactivated"], 0.0)
    ).round(2)
    frame["contact_cost"] = 12.0
    cols = [
        "customer_id",
        "last_order_date",
        "contact_date",
        "reason_for_leaving",
        "offer",
        "reactivated",
        "first_order_after",
        "orders_after",
        "revenue_after",
        "re_churned",
        "offer_cost",
        "contact_cost",
    ]
    return frame[cols].sort_values("customer_id").reset_index(drop=True)


# --------------------------------------------------------------------------
# Writing CSV files


def _to_csv_bytes(frame: pd.DataFrame) -> bytes:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    # Floats are written in their shortest exact form (money is rounded to cents
    # where it is made), so values keep the precision they were generated with.
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_all(folder: Path | str, seed: int = SEED) -> dict[str, str]:
    """Write every table as ``<name>.csv`` into ``folder`` and a ``SHA256SUMS`` file.

    Returns {file name: sha256}. Files are written atomically.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, frame in generate(seed).items():
        data = _to_csv_bytes(frame)
        path = folder / f"{name}.csv"
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        sums[path.name] = hashlib.sha256(data).hexdigest()
    return sums


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default=None, help="folder to write into (default: the course's datasets/)"
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"random seed (default {SEED}, the course's)"
    )


def run(args: argparse.Namespace) -> int:
    from crmkit.paths import data_dir

    folder = Path(args.out) if args.out else data_dir()
    sums = write_all(folder, args.seed)
    checksum_file = folder / "SHA256SUMS"
    lines = [f"{digest}  {name}\n" for name, digest in sorted(sums.items())]
    existing = checksum_file.read_text().splitlines(keepends=True) if checksum_file.exists() else []
    others = [line for line in existing if line.split()[-1] not in sums]
    checksum_file.write_text("".join(sorted(lines + others, key=lambda s: s.split()[-1])))
    for name, digest in sorted(sums.items()):
        print(f"wrote {folder / name}  sha256 {digest[:12]}")
    return 0
