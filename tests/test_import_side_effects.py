"""Importing crmlib (and each of its modules) changes no global state."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import crmlib

# Runs in a fresh interpreter: snapshot global state, run the given statements, snapshot again.
PROBE = r"""
import json, sys, warnings
warnings.simplefilter("error")
import matplotlib, numpy, pandas
# Third-party libraries that add warning filters of their own when imported: import them first, so
# that only what crmlib itself does is measured.
import scipy.optimize, scipy.special, scipy.stats

PANDAS_OPTIONS = ("display.max_rows", "display.max_columns", "display.width", "display.precision",
                  "display.float_format", "display.max_colwidth")

def snapshot():
    return {
        "backend": matplotlib.get_backend(),
        "rcParams": {k: repr(v) for k, v in sorted(matplotlib.rcParams.items()) if k != "backend"},
        "pandas": {k: repr(pandas.get_option(k)) for k in PANDAS_OPTIONS},
        "numpy": repr(numpy.get_printoptions()),
        "warnings_filters": len(warnings.filters),
        "pyplot_imported": "matplotlib.pyplot" in sys.modules,
    }

before = snapshot()
exec(sys.argv[1])
after = snapshot()
print(json.dumps({"before": before, "after": after}))
"""


def _changes(statements: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, statements], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return {key for key in result["before"] if result["before"][key] != result["after"][key]}


def _all_modules() -> list[str]:
    return ["crmlib"] + [
        info.name for info in pkgutil.walk_packages(crmlib.__path__, prefix="crmlib.")
        if not info.name.endswith("__main__")
    ]


def test_import_crmlib_changes_no_global_state() -> None:
    assert _changes("import crmlib") == set()


def test_importing_every_module_changes_no_global_state() -> None:
    modules = _all_modules()
    assert {"crmlib.i18n", "crmlib.style", "crmlib.plots", "crmlib.widgets", "crmlib.economics"} <= set(modules)
    statements = "import importlib\n" + "\n".join(f"importlib.import_module({m!r})" for m in modules)
    assert _changes(statements) == set(), f"importing one of {modules} changed global state"


def test_the_probe_sees_a_change() -> None:
    """The probe must be able to see a change, or the tests above could never fail."""
    assert _changes("import crmlib; crmlib.use_style()") == {"rcParams"}
    assert _changes("import pandas; pandas.set_option('display.max_rows', 3)") == {"pandas"}
    assert _changes("import numpy; numpy.set_printoptions(precision=2)") == {"numpy"}
    assert "backend" in _changes("import matplotlib; matplotlib.use('pdf')")
