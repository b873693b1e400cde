"""Shared test set-up.

Notebooks are collected by nbval (``--nbval-lax``, see pyproject.toml) and run in a fresh kernel
each. Here we make that run strict: every warning raised in a notebook kernel is an error (an
IPython start-up file, through IPYTHONDIR), and any text a cell writes to stderr fails that cell.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_IPYTHON_DIR = pytest.StashKey[Path]()

_STARTUP = """\
# Written by tests/conftest.py: notebook kernels under test turn every warning into an error.
import warnings
warnings.simplefilter("error")
# ipykernel's own shutdown handler warns about itself; that is not the notebook's doing.
warnings.filterwarnings("default", category=PendingDeprecationWarning, module="ipykernel")
"""


def pytest_configure(config: pytest.Config) -> None:
    ipython_dir = Path(tempfile.mkdtemp(prefix="crmlib-ipython-"))
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-warnings-are-errors.py").write_text(_STARTUP)
    os.environ["IPYTHONDIR"] = str(ipython_dir)
    config.stash[_IPYTHON_DIR] = ipython_dir


def pytest_unconfigure(config: pytest.Config) -> None:
    ipython_dir = config.stash.get(_IPYTHON_DIR, None)
    if ipython_dir is not None:
        shutil.rmtree(ipython_dir, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield
    outputs = getattr(item, "test_outputs", None)  # set by nbval on each notebook cell it ran
    for out in outputs or []:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            pytest.fail(f"the cell wrote to stderr (a warning or log message):\n{out.get('text', '')}", pytrace=False)
    return result
