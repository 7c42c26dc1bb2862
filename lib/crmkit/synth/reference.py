"""The reference tables: the product catalogue and the sales and service teams.

>>> make_products().shape
(32, 5)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.vocabulary import REGIONS

PRODUCTS = [
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
"""(category, product name, list price CNY, cost as a share of price before handling)."""


def make_products() -> pd.DataFrame:
    """The catalogue: 32 products in 8 categories, with list price and unit cost (CNY).

    >>> make_products().head(2)
      product_id   category                product_name  unit_price  unit_cost
    0       P001  green_tea  Longjing Spring Green 250g       168.0      84.00
    1       P002  green_tea              Biluochun 250g       148.0      76.96
    """
    frame = pd.DataFrame(PRODUCTS, columns=["category", "product_name", "unit_price", "cost_ratio"])
    frame.insert(0, "product_id", [f"P{i:03d}" for i in range(1, len(frame) + 1)])
    frame["unit_price"] = frame["unit_price"].astype(float)
    frame["unit_cost"] = (frame["unit_price"] * (frame["cost_ratio"] + 0.08)).round(2)
    return frame.drop(columns="cost_ratio")


def make_teams(rng: np.random.Generator) -> pd.DataFrame:
    """Five regional wholesale teams and three online service teams.

    >>> make_teams(np.random.default_rng(0))["team_id"].tolist()
    ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08']
    """
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
