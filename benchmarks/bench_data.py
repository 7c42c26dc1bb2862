"""Benchmark: import time, data generation and loading. Prints figures; asserts nothing.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_data.py`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(label: str, func, repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<45} {best * 1000:9.1f} ms (best of {repeat})")


def import_time() -> None:
    subprocess.run([sys.executable, "-c", "import crmkit"], check=True)


def main() -> None:
    from crmkit import data, synth, value

    timed("python -c 'import crmkit' (whole process)", import_time)
    timed("synth.generate() (all tables)", synth.generate, repeat=2)
    with tempfile.TemporaryDirectory() as folder:
        timed("synth.write_all() to CSV", lambda: synth.write_all(Path(folder)), repeat=1)
    data._load_cached.cache_clear()
    timed(
        "load every table (cold cache)",
        lambda: [data._load_cached.cache_clear()] + [data.load(t) for t in data.TABLES],
    )
    lines, customers, leads = data.load_order_lines(), data.load_customers(), data.load_leads()
    timed("value.classify_states", lambda: value.classify_states(customers, lines, leads))
    timed("value.lifecycle_stages", lambda: value.lifecycle_stages(lines))


if __name__ == "__main__":
    main()
