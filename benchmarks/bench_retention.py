"""Benchmark: chapter 08's repeat-buying models against lifetimes 0.11.3, on the same machine.

1. The summary (frequency, recency, T, monetary) from purchases: the CDNOW master file copied
   15 times with new customer ids (``00001`` becomes ``00001-07`` in copy 7), about 1.04
   million rows and 353,550 customers. ``models.repeat_summary`` against lifetimes'
   ``summary_data_from_transaction_data(..., freq="D", freq_multiplier=7)``; the two must be
   equal value for value (frequency, recency and T exactly; monetary to rounding).
2. The BG/NBD fit on the CDNOW sample's 39-week calibration summary: ``models.fit_bgnbd``
   against ``BetaGeoFitter().fit`` (its default tolerance); parameters must agree to 1e-3.
3. ``models.fit_bgnbd`` on a million customers (the master file's calibration summary copied
   43 times): the distinct (frequency, recency, T) triplets keep it cheap.

lifetimes cannot be imported next to the course's pandas 3 with warnings as errors, so it runs
in its own virtual environment, built once (with pip, from PyPI) under the system's temporary
folder: lifetimes 0.11.3 with pandas 1.5.3, numpy 1.24.4 and scipy 1.10.1. The data go there
and the results come back as .npz files; each side is timed inside its own process (best of 3;
reading the files is not timed). If the environment cannot be built, only our side is timed.
Prints figures; asserts nothing.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_retention.py`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
import venv
from pathlib import Path

import numpy as np
import pandas as pd

COPIES = 15  # of the master file's 69,659 rows: about 1.04 million rows
CUSTOMER_COPIES = 43  # of the master file's 23,570 customers: about 1.01 million
CALIBRATION_END = "1997-09-30"
BENCH_ENV = Path(tempfile.gettempdir()) / "crmkit-bench-lifetimes-0.11.3"
PINS = ["lifetimes==0.11.3", "pandas==1.5.3", "numpy==1.24.4", "scipy==1.10.1"]

LIFETIMES_SIDE = textwrap.dedent(
    """
    import sys, time, warnings
    warnings.simplefilter("ignore")
    import numpy as np, pandas as pd
    from lifetimes import BetaGeoFitter
    from lifetimes.utils import summary_data_from_transaction_data

    def best_of(func, repeat=3):
        best, result = float("inf"), None
        for _ in range(repeat):
            start = time.perf_counter()
            result = func()
            best = min(best, time.perf_counter() - start)
        return best, result

    folder = sys.argv[1]
    raw = np.load(folder + "/purchases.npz", allow_pickle=False)
    frame = pd.DataFrame({"customer_id": raw["customer_id"], "date": raw["date"],
                          "amount": raw["amount"]})
    seconds, table = best_of(lambda: summary_data_from_transaction_data(
        frame, "customer_id", "date", "amount", freq="D", freq_multiplier=7))
    table = table.sort_index()
    cal = np.load(folder + "/calibration.npz")
    fit_seconds, fitter = best_of(lambda: BetaGeoFitter().fit(
        cal["frequency"], cal["recency"], cal["T"]))
    p = fitter.params_
    np.savez(folder + "/lifetimes.npz", customer_id=table.index.to_numpy().astype(str),
             frequency=table["frequency"].to_numpy(), recency=table["recency"].to_numpy(),
             T=table["T"].to_numpy(), monetary=table["monetary_value"].to_numpy(),
             summary_seconds=seconds, fit_seconds=fit_seconds,
             params=np.array([p["r"], p["alpha"], p["a"], p["b"]]))
    """
)


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def million_rows() -> pd.DataFrame:
    """The CDNOW master file copied COPIES times, each copy with new customer ids."""
    from crmkit import data

    master = data.load_cdnow()
    ids = master["customer_id"].astype(str).to_numpy()
    copies = [
        pd.DataFrame({"customer_id": np.char.add(ids, f"-{copy:02d}"), "date": master["date"],
                      "amount": master["amount"]})
        for copy in range(COPIES)
    ]  # fmt: skip
    frame = pd.concat(copies, ignore_index=True)
    frame["customer_id"] = frame["customer_id"].astype("string")
    return frame


def lifetimes_python() -> Path | None:
    """The Python of the lifetimes environment, built on first use (None if that fails)."""
    python = BENCH_ENV / "bin" / "python"
    if python.exists():
        return python
    print(f"building the lifetimes environment in {BENCH_ENV} (once) ...", flush=True)
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(BENCH_ENV)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PINS], check=True,
                       capture_output=True, text=True, timeout=900)  # fmt: skip
    except (subprocess.SubprocessError, OSError) as error:
        detail = getattr(error, "stderr", "") or error
        print(f"lifetimes: could not build its environment ({str(detail).strip()[-300:]})")
        return None
    return python


def run_lifetimes(frame: pd.DataFrame, calibration: pd.DataFrame, folder: Path) -> dict | None:
    python = lifetimes_python()
    if python is None:
        return None
    np.savez(folder / "purchases.npz", customer_id=frame["customer_id"].to_numpy().astype(str),
             date=frame["date"].to_numpy().astype("datetime64[ns]"),
             amount=frame["amount"].to_numpy())  # fmt: skip
    np.savez(folder / "calibration.npz",
             **{c: calibration[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T")})  # fmt: skip
    done = subprocess.run([str(python), "-c", LIFETIMES_SIDE, str(folder)], capture_output=True,
                          text=True, timeout=1800)  # fmt: skip
    if done.returncode != 0:
        print(f"lifetimes: its run failed:\n{done.stderr.strip()[-800:]}")
        return None
    with np.load(folder / "lifetimes.npz") as results:
        return {key: results[key] for key in results.files}


def compare_summaries(ours: pd.DataFrame, theirs: dict) -> None:
    same_ids = np.array_equal(ours.index.to_numpy().astype(str), theirs["customer_id"])
    exact = all(
        np.array_equal(ours[c].to_numpy(dtype="float64"), theirs[c]) for c in ("frequency", "recency", "T")
    )  # fmt: skip
    gap = np.abs(ours["monetary"].to_numpy() - theirs["monetary"])
    relative = gap / np.maximum(np.abs(theirs["monetary"]), 1e-300)
    print(
        f"equal value for value: customers {'yes' if same_ids else 'NO'}; frequency, recency, T "
        f"{'exactly' if exact else 'NOT equal'}; monetary max abs difference {gap.max():.1e} "
        f"(relative {relative.max():.1e}, summation order)"
    )


def main() -> None:
    from crmkit import data
    from crmkit.retention import models

    frame = million_rows()
    print(f"purchases: {len(frame):,} rows, {frame['customer_id'].nunique():,} customers "
          f"(CDNOW master x {COPIES} with new ids)")  # fmt: skip
    ours_seconds, ours = best_of(lambda: models.repeat_summary(frame, amount="amount"))
    sample = data.load_cdnow_sample()
    calibration = models.repeat_summary(sample, observation_end=CALIBRATION_END)
    fit_seconds, fit = best_of(lambda: models.fit_bgnbd(calibration))
    big = models.repeat_summary(data.load_cdnow(), observation_end=CALIBRATION_END)
    big = pd.concat([big] * CUSTOMER_COPIES, ignore_index=True)
    big_seconds, big_fit = best_of(lambda: models.fit_bgnbd(big))

    with tempfile.TemporaryDirectory() as folder:
        theirs = run_lifetimes(frame, calibration, Path(folder))
    print(f"\n{'':44} {'ours':>9} {'lifetimes':>10} {'speed-up':>9}")
    if theirs is None:
        print(f"{'summary from ~1M purchases':44} {ours_seconds:8.2f}s")
        print(f"{'BG/NBD fit, CDNOW sample (2,357)':44} {fit_seconds:8.3f}s")
    else:
        their_summary, their_fit = float(theirs["summary_seconds"]), float(theirs["fit_seconds"])
        print(f"{'summary from ~1M purchases (best of 3)':44} {ours_seconds:8.2f}s {their_summary:9.2f}s "
              f"{their_summary / ours_seconds:8.1f}x")  # fmt: skip
        print(f"{'BG/NBD fit, CDNOW sample (best of 3)':44} {fit_seconds:8.3f}s {their_fit:9.3f}s "
              f"{their_fit / fit_seconds:8.1f}x")  # fmt: skip
    print(f"{f'BG/NBD fit, {len(big):,} customers':44} {big_seconds:8.3f}s")
    print("\nBG/NBD parameters (r, alpha, a, b):")
    print(f"  published (Fader, Hardie & Lee 2005)  {[0.243, 4.414, 0.793, 2.426]}")
    print(f"  ours, CDNOW sample                    {fit.params.round(5).tolist()}  "
          f"LL {fit.log_likelihood:.2f}")  # fmt: skip
    if theirs is not None:
        gap = np.abs(fit.params.to_numpy() - theirs["params"]).max()
        print(f"  lifetimes, CDNOW sample               {np.round(theirs['params'], 5).tolist()}  "
              f"max difference {gap:.1e}")  # fmt: skip
        compare_summaries(ours, theirs)
    print(f"  ours, {len(big):,} customers          {big_fit.params.round(5).tolist()}")


if __name__ == "__main__":
    sys.exit(main())
