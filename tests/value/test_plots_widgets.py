"""crmkit.plots (figures, course_style), import hygiene of crmkit, and widgets.states_by_threshold."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import matplotlib
import numpy as np
import pandas as pd
import pytest
from crmkit import data, plots, value, widgets
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the Agg backend)
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def title(ax: Axes) -> str:
    """The course style puts titles on the left; accept any position."""
    return ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")


# --------------------------------------------------------------------------- bar


def test_bar_vertical() -> None:
    values = pd.Series({"actual": 1297, "lost": 1539, "target": 36}, name="parties")
    ax = plots.bar(values, "Parties per state", xlabel="State", ylabel="Parties")
    assert isinstance(ax, Axes)
    assert title(ax) == "Parties per state"
    assert ax.get_xlabel() == "State" and ax.get_ylabel() == "Parties"
    assert len(ax.patches) == 3
    assert [round(p.get_height()) for p in ax.patches] == [1297, 1539, 36]
    assert [t.get_text() for t in ax.texts] == ["1,297", "1,539", "36"]  # value labels
    assert [t.get_text() for t in ax.get_xticklabels()] == ["actual", "lost", "target"]


def test_bar_highlight_and_small_values() -> None:
    ax = plots.bar(pd.Series({"a": 0.25, "b": 0.5}), "Shares", highlight="b")
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [plots.PALETTE[0].lower(), plots.PALETTE[1].lower()]
    assert [t.get_text() for t in ax.texts] == ["0.25", "0.50"]


def test_bar_horizontal() -> None:
    ax = plots.bar(pd.Series({"x": 2.0, "y": 5.0, "z": 1.0}), "Sideways", horizontal=True)
    assert len(ax.patches) == 3
    assert [p.get_width() for p in ax.patches] == [2.0, 5.0, 1.0]
    assert ax.yaxis_inverted()  # first bar on top


def test_bar_draws_on_the_given_axes() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    ax = plots.bar(pd.Series({"a": 1}), "Right", ax=right)
    assert ax is right
    assert len(left.patches) == 0 and len(right.patches) == 1
    assert len(plt.get_fignums()) == 1  # no extra figure


# --------------------------------------------------------------------------- monthly_revenue


@pytest.fixture
def small_orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2025-01-03", "2025-01-20", "2025-02-10", "2025-04-01"]),
            "revenue": [1000.0, 500.0, 2000.0, 250.0],
        }
    )


def test_monthly_revenue_line(small_orders: pd.DataFrame) -> None:
    ax = plots.monthly_revenue(small_orders)
    assert isinstance(ax, Axes)
    assert title(ax) == "Revenue per month"
    assert "thousand CNY" in ax.get_ylabel()
    assert len(ax.lines) == 1
    # months with orders, in thousand CNY
    assert list(ax.lines[0].get_ydata()) == [1.5, 2.0, 0.25]
    assert ax.get_legend() is None


def test_monthly_revenue_festivals(small_orders: pd.DataFrame) -> None:
    festivals = {"Chinese New Year": ["2025-01-29"], "Mid-Autumn": ["2024-09-17", "2025-10-06"]}
    ax = plots.monthly_revenue(small_orders, festivals=festivals)
    assert len(ax.lines) == 1 + 3  # the revenue line and one marker per festival date
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Chinese New Year", "Mid-Autumn"]


# --------------------------------------------------------------------------- lifecycle


def monthly(values: list[float], name: str = "B001") -> pd.Series:
    return pd.Series(
        values,
        index=pd.date_range("2025-01-01", periods=len(values), freq="MS", name="month"),
        name=name,
    )


def test_lifecycle_with_both_windows() -> None:
    ax = plots.lifecycle(monthly([5.0, 6.0, 7.0, 9.0, 12.0, 15.0, 18.0]), "growth")
    assert title(ax) == "B001: growth"
    assert ax.get_ylabel() == "Spend (thousand CNY)"
    assert len(ax.patches) == 7 + 2  # one bar per month, plus the two shaded windows
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["previous window", "recent window"]


def test_lifecycle_drops_months_before_the_first_order_and_short_histories() -> None:
    spend = monthly([np.nan, np.nan, 4.0, 0.0])
    ax = plots.lifecycle(spend, "breakthrough")
    assert len(ax.patches) == 2  # two months of data; too short for both windows: no shading
    assert ax.get_legend() is None
    assert title(ax) == "B001: breakthrough"


def test_lifecycle_window_months() -> None:
    ax = plots.lifecycle(monthly([1.0, 2.0, 3.0, 4.0]), "growth", window_months=2)
    assert len(ax.patches) == 4 + 2


# --------------------------------------------------------------------------- rank_scatter


def test_rank_scatter() -> None:
    ranks = pd.DataFrame({"revenue": [1, 2, 3, 4], "feedback": [4, 1, 2, 2]}, index=list("ABCD"))
    ax = plots.rank_scatter(ranks, "revenue", "feedback")
    assert ax.get_xlabel() == "Rank by revenue (1 = best)"
    assert ax.get_ylabel() == "Rank by feedback (1 = best)"
    assert title(ax) == "Ranked by revenue versus by feedback"
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert len(ax.collections) == 1
    assert ax.collections[0].get_offsets().tolist() == [[1, 4], [2, 1], [3, 2], [4, 2]]


# --------------------------------------------------------------------------- course_style


def snapshot() -> dict[str, str]:
    return {key: repr(val) for key, val in matplotlib.rcParams.items()}


def test_course_style_applies_inside_and_restores_everything() -> None:
    before = snapshot()
    with plots.course_style():
        inside = snapshot()
        assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["axes.titlelocation"] == "left"
        assert [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]] == plots.PALETTE
    assert inside != before  # the style did something ...
    assert snapshot() == before  # ... and nothing of it is left


def test_course_style_restores_the_users_own_settings() -> None:
    with matplotlib.rc_context({"figure.dpi": 123, "axes.grid": False, "font.size": 17.0}):
        before = snapshot()
        with plots.course_style():
            assert matplotlib.rcParams["figure.dpi"] == 80
            plots.bar(pd.Series({"a": 1}), "Inside")
        assert snapshot() == before
        assert matplotlib.rcParams["figure.dpi"] == 123


def test_course_style_restores_after_an_error() -> None:
    before = snapshot()
    with pytest.raises(RuntimeError), plots.course_style():
        raise RuntimeError("boom")
    assert snapshot() == before


def test_plot_functions_leave_no_style_behind(small_orders: pd.DataFrame) -> None:
    before = snapshot()
    plots.bar(pd.Series({"a": 1}), "A")
    plots.monthly_revenue(small_orders)
    plots.lifecycle(monthly([1.0] * 6), "harvest")
    plots.rank_scatter(pd.DataFrame({"a": [1, 2], "b": [2, 1]}), "a", "b")
    assert snapshot() == before


@pytest.mark.parametrize("interactive", [False, True])
def test_course_style_leaves_interactive_mode_and_backend_alone(interactive: bool) -> None:
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(interactive)
        backend = matplotlib.get_backend()
        with plots.course_style():
            plots.bar(pd.Series({"a": 1}), "A")
        assert matplotlib.is_interactive() is interactive
        assert matplotlib.get_backend() == backend
    finally:
        matplotlib.interactive(was)


def test_course_style_keeps_interactive_mode_switched_on_inside() -> None:
    """The inline backend turns interactive mode on when the first figure is drawn, which
    can happen inside the block: the block must not switch it off again afterwards."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with plots.course_style():
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)


def test_figures_have_no_missing_glyph_warnings(recwarn: pytest.WarningsRecorder) -> None:
    ax = plots.bar(pd.Series({"actual": 3, "lost": 5}), "States", "State", "Parties")
    ax.figure.canvas.draw()
    assert not [w for w in recwarn if "Glyph" in str(w.message)]


# --------------------------------------------------------------------------- import hygiene


def run_python(code: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


IMPORTS = ["import crmkit", "import crmkit.data, crmkit.value, crmkit.plots, crmkit.widgets"]


@pytest.mark.parametrize("statement", IMPORTS)
def test_importing_crmkit_changes_no_matplotlib_or_pandas_settings(statement: str) -> None:
    out = run_python(
        f"""
        import json
        import matplotlib
        import pandas as pd
        from pandas._config import config

        def state():
            rc = {{k: repr(v) for k, v in matplotlib.rcParams.items()}}
            options = {{k: repr(pd.get_option(k)) for k in config._registered_options}}
            return rc, options, matplotlib.get_backend(), matplotlib.is_interactive()

        before = state()
        {statement}
        after = state()
        print(json.dumps({{
            "rc": sorted(k for k in before[0] if before[0][k] != after[0].get(k)),
            "options": sorted(k for k in before[1] if before[1][k] != after[1].get(k)),
            "checked": [len(before[0]), len(before[1])],
            "backend": before[2] == after[2],
            "interactive": before[3] == after[3],
        }}))
        """
    )
    assert out["rc"] == [], f"{statement} changed rcParams {out['rc']}"
    assert out["options"] == [], f"{statement} changed pandas options {out['options']}"
    assert out["checked"][0] > 100 and out["checked"][1] > 20  # the snapshot really covered them
    assert out["backend"] and out["interactive"]


@pytest.mark.parametrize("statement", IMPORTS)
def test_importing_crmkit_loads_no_heavy_modules(statement: str) -> None:
    out = run_python(
        f"""
        import json, sys
        {statement}
        heavy = ["matplotlib.pyplot", "scipy", "ipywidgets", "nbclient"]
        print(json.dumps({{"loaded": [m for m in heavy if m in sys.modules]}}))
        """
    )
    assert out["loaded"] == []


def test_heavy_module_check_would_notice() -> None:
    """The sys.modules check above can fail: importing pyplot is seen."""
    out = run_python(
        """
        import json, sys
        import matplotlib.pyplot
        print(json.dumps({"loaded": "matplotlib.pyplot" in sys.modules}))
        """
    )
    assert out["loaded"] is True


# --------------------------------------------------------------------------- states_by_threshold


@pytest.fixture(scope="module")
def course() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return data.load_customers(), data.load_order_lines(), data.load_leads()


def test_states_by_threshold_shape_and_labels(course: tuple[pd.DataFrame, ...]) -> None:
    thresholds = [30, 90, 180, 365, 540]
    table = widgets.states_by_threshold(*course, thresholds)
    assert table.shape == (5, 5)
    assert list(table.index) == thresholds
    assert table.index.name == "lost_after_days"
    assert list(table.columns) == value.STATES
    assert (table.dtypes == "int64").all()


def test_states_by_threshold_matches_state_counts(course: tuple[pd.DataFrame, ...]) -> None:
    table = widgets.states_by_threshold(*course, [180])
    expected = value.state_counts(value.classify_states(*course))
    assert table.loc[180].tolist() == expected.tolist()


def test_states_by_threshold_monotone_on_course_data(course: tuple[pd.DataFrame, ...]) -> None:
    thresholds = list(range(30, 571, 60))
    table = widgets.states_by_threshold(*course, thresholds)
    assert table["lost"].is_monotonic_decreasing
    assert table["actual"].is_monotonic_increasing
    assert table["lost"].iloc[0] > table["lost"].iloc[-1]  # the threshold matters
    assert table.sum(axis=1).nunique() == 1  # the same parties, only relabelled
    leads_only = table[["non_customer", "potential", "target"]]
    assert (leads_only.nunique() == 1).all()  # leads do not depend on the threshold


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    days_back=st.lists(st.integers(0, 800), min_size=1, max_size=12),
    thresholds=st.lists(st.integers(1, 900), min_size=1, max_size=6, unique=True),
)
def test_states_by_threshold_lost_never_rises(days_back: list[int], thresholds: list[int]) -> None:
    ids = [f"C{i}" for i in range(len(days_back))]
    customers = pd.DataFrame({"customer_id": ids})
    order_lines = pd.DataFrame(
        {
            "customer_id": ids,
            "order_date": [pd.Timestamp("2025-12-31") - pd.Timedelta(days=d) for d in days_back],
        }
    )
    leads = pd.DataFrame(
        {
            "lead_id": ["L1"],
            "created_date": pd.to_datetime(["2025-06-01"]),
            "stage_reached": ["qualified"],
            "status": ["open"],
        }
    )
    ordered = sorted(thresholds)
    table = widgets.states_by_threshold(customers, order_lines, leads, ordered, "2025-12-31")
    assert table["lost"].is_monotonic_decreasing
    assert (table[["actual", "lost"]].sum(axis=1) == len(ids)).all()
    for days in ordered:
        assert table.loc[days, "lost"] == sum(d > days for d in days_back)
