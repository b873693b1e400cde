"""The pieces behind 00_start_here: retention arithmetic, its chart, its widget, the self-check."""

from __future__ import annotations

import numpy as np
import pytest

from crmlib import economics, plots, selfcheck, widgets


def test_survivors_compound_the_retention_rate() -> None:
    counts = economics.survivors(1000, 0.8, 5)
    assert counts.round(2).tolist() == [1000.0, 800.0, 640.0, 512.0, 409.6, 327.68]
    assert economics.survivors(1000, 1.0, 3).tolist() == [1000.0] * 4
    assert economics.survivors(1000, 0.0, 2).tolist() == [1000.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"retention_rate": 80}, ValueError, "retention_rate must be between 0.0 and 1.0"),
        ({"retention_rate": "0.8"}, TypeError, "retention_rate must be a number between 0.0 and 1.0; got str"),
        ({"retention_rate": float("nan")}, ValueError, "retention_rate must be between"),
        ({"years": 2.5}, TypeError, "years must be a whole number"),
        ({"years": -1}, ValueError, "years must be a whole number ≥ 0; got -1"),
        ({"start": -5}, ValueError, "start must be a number of customers ≥ 0"),
    ],
)
def test_survivors_rejects_bad_input_clearly(kwargs, error, message) -> None:
    args = {"start": 1000, "retention_rate": 0.8, "years": 5, **kwargs}
    with pytest.raises(error, match=message):
        economics.survivors(**args)


def test_average_lifetime() -> None:
    assert economics.average_lifetime(0.9) == pytest.approx(10.0)
    assert economics.average_lifetime(0.0) == 1.0


def test_survivors_chart_states_its_finding() -> None:
    fig = plots.survivors_chart(economics.survivors(1000, 0.9, 5), retention_rate=0.9, language="en")
    assert fig.axes[0].get_title() == "At 90% retention, 59% of customers remain after 5 years"
    heights = [round(p.get_height()) for p in fig.axes[0].patches]
    assert heights == [1000, 900, 810, 729, 656, 590]
    with pytest.raises(ValueError, match="counts must be a 1-D sequence of at least 2"):
        plots.survivors_chart([1000], retention_rate=0.9)


def test_retention_widget_recomputes_when_the_slider_moves() -> None:
    app = widgets.retention_app(language="en")
    first_text, first_png = app.text.value, app.image.value
    assert "328 of 1,000" in first_text
    app.slider.value = 0.95
    assert app.text.value == "After 5 years, 774 of 1,000 customers remain. An average customer stays 20 years."
    app.slider.value = 0.85  # 1 / (1 − 0.85) = 6.67: shown to one decimal, not rounded to 7
    assert app.text.value.endswith("An average customer stays 6.7 years.")
    assert app.image.value != first_png and app.image.value[:4] == b"\x89PNG"


def test_retention_widget_speaks_chinese() -> None:
    app = widgets.retention_app(retention_rate=0.9, language="zh")
    assert app.slider.description == "留存率"
    assert app.text.value.startswith("5 年后，1,000 位客户中还剩 590 位")


def test_retention_widget_rejects_bad_start_values() -> None:
    with pytest.raises(ValueError, match="retention_rate must be between 0.0 and 1.0"):
        widgets.retention_app(retention_rate=1.5)


def test_selfcheck_reports_a_missing_library(monkeypatch) -> None:
    monkeypatch.setattr(selfcheck, "REQUIREMENTS", [*selfcheck.REQUIREMENTS, ("no_such_lib", "no-such-lib", "1.0")])
    table = selfcheck.check("en")
    row = table[table["item"] == "no-such-lib"].iloc[0]
    assert not row["ok"] and row["message"].startswith("no-such-lib: MISSING.")
    assert "1 item(s) need attention" in selfcheck.report("en")


def test_selfcheck_reports_an_old_version(monkeypatch) -> None:
    monkeypatch.setattr(selfcheck, "REQUIREMENTS", [("numpy", "numpy", "99.0")])
    table = selfcheck.check("en")
    assert "too old, 99.0 or newer is needed" in table.loc[table["item"] == "numpy", "message"].item()
    assert np.all(table.loc[table["item"] != "numpy", "ok"])


def test_selfcheck_reads_versions_without_importing_the_libraries() -> None:
    """Importing SciPy, scikit-learn, DuckDB and seaborn only to report their versions cost the start-here
    kernel ~155 MB (benchmarks/README.md); the check reads the installed metadata instead."""
    import subprocess
    import sys

    probe = ("import sys\nfrom crmlib import selfcheck\ntable = selfcheck.check('en')\n"
             "assert table['ok'].all(), table\n"
             "print(sorted(m for m in ('scipy', 'sklearn', 'duckdb', 'seaborn', 'ipywidgets') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
