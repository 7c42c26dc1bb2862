"""Benchmark: RFM on about a million order lines, against lifetimes if it is installed.

The course's order lines are copied 21 times with shifted ids (customer ``B001`` becomes
``B001-07`` in copy 7, each order likewise) and their dates moved by a seeded random number of
days, so every copy is a different set of customers: about 1.03 million lines and 60,000
customers. Times ``tiers.rfm_table`` + ``rfm_scores`` + ``rfm_segments``, then, if lifetimes
can be imported, ``lifetimes.utils.summary_data_from_transaction_data`` on the same frame,
and checks that the two agree where their definitions meet. lifetimes is not a dependency of
the course: to compare, run this file with a Python that has it. Prints figures; asserts nothing.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_rfm.py`).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

COPIES = 21
SEED = 5


def million_lines() -> pd.DataFrame:
    """The course order lines, replicated with shifted ids and seeded date shifts (~1M rows)."""
    from crmkit import data

    lines = data.load_order_lines()[["customer_id", "order_id", "order_date", "revenue"]]
    rng = np.random.default_rng(SEED)
    order_number = lines.groupby("order_id").ngroup().to_numpy()
    copies = []
    for copy in range(COPIES):
        # one shift per order (0 to 60 days earlier), so the lines of an order stay on one day
        shift = pd.to_timedelta(rng.integers(-60, 1, size=order_number.max() + 1), unit="D")
        copies.append(
            pd.DataFrame(
                {
                    "customer_id": lines["customer_id"] + f"-{copy:02d}",
                    "order_id": lines["order_id"] + f"-{copy:02d}",
                    "order_date": lines["order_date"] + shift[order_number],
                    "revenue": lines["revenue"],
                }
            )
        )
    return pd.concat(copies, ignore_index=True)


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def ours(lines: pd.DataFrame) -> pd.DataFrame:
    from crmkit import tiers

    table = tiers.rfm_table(lines, as_of="2025-12-31")
    scores = tiers.rfm_scores(table)
    return table.join(scores).assign(segment=tiers.rfm_segments(scores))


def compare_with_lifetimes(lines: pd.DataFrame, table: pd.DataFrame) -> None:
    try:
        from lifetimes.utils import summary_data_from_transaction_data
    except ImportError:
        print(
            "lifetimes: not installed in this Python, so no comparison. It is not a course "
            "dependency; run this file with a Python that has lifetimes to compare."
        )
        return
    except Exception as error:  # e.g. a warning turned into an error under pandas 3
        print(f"lifetimes: installed but its import fails here ({type(error).__name__}: {error})")
        return
    seconds, summary = best_of(
        lambda: summary_data_from_transaction_data(
            lines, "customer_id", "order_date", "revenue", observation_period_end="2025-12-31"
        )
    )
    print(f"{'lifetimes summary_data_from_transaction_data':<46} {seconds:7.2f} s (best of 3)")
    # lifetimes counts repeat purchase *days* and measures recency from the first purchase;
    # ours counts orders and measures days since the last one. Where they meet:
    summary = summary.reindex(table.index)
    same_recency = (summary["T"] - summary["recency"]).astype("int64") == table["recency_days"]
    purchase_days = lines.groupby("customer_id")["order_date"].nunique().reindex(table.index)
    same_frequency = (summary["frequency"] + 1).astype("int64") == purchase_days
    print(
        f"agreement: days since last purchase {same_recency.mean():.1%} of customers; "
        f"lifetimes' frequency + 1 = purchase days {same_frequency.mean():.1%}; "
        f"orders = purchase days for {(table['frequency'] == purchase_days).mean():.1%}"
    )


def main() -> None:
    lines = million_lines()
    customers = lines["customer_id"].nunique()
    print(f"order lines: {len(lines):,} ({customers:,} customers, {COPIES} shifted copies)")
    seconds, table = best_of(lambda: ours(lines))
    print(f"{'tiers.rfm_table + rfm_scores + rfm_segments':<46} {seconds:7.2f} s (best of 3)")
    compare_with_lifetimes(lines, table)


if __name__ == "__main__":
    main()
