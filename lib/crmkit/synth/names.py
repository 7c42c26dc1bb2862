"""Names and contact details: people, businesses, e-mail addresses and phone numbers.

>>> rng = np.random.default_rng(0)
>>> person_names(rng, 2).tolist()
['Cheng Gang', 'Xiao Yong']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo "
    "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu "
    "Du Ye Cheng Wei Su Lu Ding Ren Shen Yao"
).split()
"""Common Chinese surnames (in pinyin), for consumers' names."""
GIVEN_NAMES = (
    "Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiu Xia Hui Ping "
    "Gang Hua Dan Hong Bo Lan Yu Ting Hao Kai Lin Rui Xin Yi Zhen Qing Shan Yue Feng Chen"
).split()
"""Given-name syllables (in pinyin)."""
SHOP_WORDS = (
    "Lotus Jade Bamboo Willow Pearl Lantern Harbour Cloud Orchid Maple Silk Crane River "
    "Garden Summit Golden Peony Plum Pine Phoenix Moon Spring Stone Azure Cedar Ginkgo"
).split()
"""The first word of a business's name."""
TYPE_WORDS = {
    "cafe": ["Cafe", "Coffee House", "Coffee Bar", "Tea Room"],
    "restaurant": ["Restaurant", "Kitchen", "Dining Hall", "Bistro"],
    "office": ["Consulting", "Technology", "Design Studio", "Law Office", "Trading"],
    "hotel": ["Hotel", "Grand Hotel", "Inn", "Resort"],
    "shop": ["Tea Shop", "Gift Store", "Deli", "Market"],
}
"""Per business type, the words that say what the business is."""
PHONE_PREFIXES = ["138", "139", "136", "150", "158", "186", "188", "177"]
"""Mobile phone prefixes in China."""


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` names: a surname and a one- or two-syllable given name ("Wang Wei", "Li Fangna").

    >>> [name.split()[0] in SURNAMES for name in person_names(np.random.default_rng(1), 3)]
    [True, True, True]
    """
    surname = rng.choice(SURNAMES, n)
    given = rng.choice(GIVEN_NAMES, n)
    second = np.where(rng.random(n) < 0.5, "", np.char.lower(rng.choice(GIVEN_NAMES, n)))
    return np.array([f"{s} {g}{t}" for s, g, t in zip(surname, given, second, strict=True)])


def phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` mobile numbers written "+86 138 1234 5678".

    >>> phones(np.random.default_rng(0), 1)[0].startswith("+86 1")
    True
    """
    prefix = rng.choice(PHONE_PREFIXES, n)
    body = rng.integers(0, 10**8, n)
    return np.array(
        [f"+86 {p} {b // 10**4:04d} {b % 10**4:04d}" for p, b in zip(prefix, body, strict=True)]
    )


def business_names(rng: np.random.Generator, btype: np.ndarray, city: np.ndarray) -> np.ndarray:
    """A unique name per business: "Lotus Cafe (Hangzhou)", repeats numbered "... 2".

    >>> business_names(np.random.default_rng(0), np.array(["cafe", "cafe"]),
    ...                np.array(["Wuhan", "Wuhan"])).tolist()
    ['Stone Coffee Bar (Wuhan)', 'Peony Coffee House (Wuhan)']
    """
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


def contacts(rng: np.random.Generator, table: pd.DataFrame) -> pd.DataFrame:
    """An e-mail address (from the name and id) and a phone number for every customer.

    ``table`` needs the columns customer_id, name and segment.

    >>> table = pd.DataFrame({"customer_id": ["B001", "C0002"],
    ...                       "name": ["Lotus Cafe (Wuhan)", "Wang Wei"],
    ...                       "segment": ["business", "consumer"]})
    >>> contacts(np.random.default_rng(0), table)["email"].tolist()
    ['lotus.cafe.001@example.com', 'wang.wei.0002@example.net']
    """
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
    phone = pd.Series(phones(rng, n))
    return pd.DataFrame({"email": email, "phone": phone})
