"""Small hand-made tables for the chapter 07 tests, answers worked out by hand in the tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit.vocabulary import SURVEY_COMPONENTS

from tests.bad_input_support import table


def survey() -> pd.DataFrame:
    """Four respondents. Expectation 5 everywhere; perception 4 (R1), 5 (R2), 6 (R3, R4) for every
    component; importance 7 for product, 1 for physical_cost, 4 otherwise. Overall satisfaction
    2, 3, 5, 5; likelihood to recommend 3, 7, 9, 10. R1, R3 answered on 2024-03-01, R2, R4 on
    2024-04-01."""
    rows = []
    for number, (perceived, overall, recommend, day) in enumerate(
        [(4, 2, 3, "2024-03-01"), (5, 3, 7, "2024-04-01"), (6, 5, 9, "2024-03-01"),
         (6, 5, 10, "2024-04-01")],
        start=1,
    ):  # fmt: skip
        row = {"response_id": f"S{number}", "customer_id": f"C{number}", "survey_date": day}
        for component in SURVEY_COMPONENTS:
            row[f"expect_{component}"] = 5
            row[f"perceive_{component}"] = perceived
            row[f"importance_{component}"] = {"product": 7, "physical_cost": 1}.get(component, 4)
        row["overall_satisfaction"] = overall
        row["likelihood_to_recommend"] = recommend
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["survey_date"] = pd.to_datetime(frame["survey_date"])
    return frame


def big_survey(rows: int = 120, seed: int = 3) -> pd.DataFrame:
    """A random survey whose overall satisfaction follows product (x0.5) and service (x0.25)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        rng.integers(1, 8, (rows, 24)),
        columns=[f"{kind}_{c}" for kind in ("expect", "perceive", "importance")
                 for c in SURVEY_COMPONENTS],
    )  # fmt: skip
    frame["overall_satisfaction"] = (
        0.5 * frame["perceive_product"]
        + 0.25 * frame["perceive_service"]
        + rng.normal(0, 0.05, rows)
    )
    frame["likelihood_to_recommend"] = rng.integers(0, 11, rows)
    frame["customer_id"] = [f"C{k}" for k in range(rows)]
    frame["survey_date"] = pd.Timestamp("2024-03-15")
    return frame


def order_lines() -> pd.DataFrame:
    """C1 ordered before its survey; C3 200 days after (a repurchase); C4 30 days after (too
    early to count) and 250 days after on two lines of one order."""
    return table(
        ("order_id", "customer_id", "order_date", "revenue", "quantity", "unit_price"),
        [
            ("O1", "C1", "2024-02-01", 100.0, 1, 100.0),
            ("O2", "C3", "2024-09-17", 80.0, 1, 100.0),
            ("O3", "C4", "2024-05-01", 50.0, 1, 50.0),
            ("O4", "C4", "2024-12-07", 90.0, 1, 100.0),
            ("O4", "C4", "2024-12-07", 100.0, 1, 100.0),
        ],
    )


def complaints() -> pd.DataFrame:
    """C1 complained 10 days after the survey."""
    return table(
        ("complaint_id", "customer_id", "complaint_date", "response_hours"),
        [("K1", "C1", "2024-03-11", 5.0), ("K2", "C9", "2024-03-11", 30.0)],
    )


def customers() -> pd.DataFrame:
    """C1-C4 in teams T1 (C1, C2) and T2 (C3, C4); C3 referred C5 after the survey."""
    return table(
        ("customer_id", "segment", "team_id", "referred_by", "signup_date"),
        [
            ("C1", "consumer", "T1", None, "2023-01-01"),
            ("C2", "consumer", "T1", None, "2023-01-01"),
            ("C3", "business", "T2", None, "2023-01-01"),
            ("C4", "business", "T2", None, "2023-01-01"),
            ("C5", "consumer", "T2", "C3", "2024-06-01"),
        ],
    )


def teams() -> pd.DataFrame:
    return table(
        ("team_id", "employee_satisfaction", "staff_turnover_rate"),
        [("T1", 3.0, 0.3), ("T2", 4.5, 0.1)],
    )


def profile() -> pd.Series:
    """Value 6, 5, 5, 4 (total 20); cost 4, 3, 2, 2 (total 11); delivered value 9."""
    return pd.Series(
        [6.0, 5.0, 5.0, 4.0, 4.0, 3.0, 2.0, 2.0], index=list(SURVEY_COMPONENTS), name="profile"
    )
