"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per session.

A lesson test needs only the ``lab`` fixture::

    def test_lesson(lab):
        nb = lab.open_notebook("01_crm_background.ipynb")
        nb.run_all()
        assert nb.errors() == []

Every test in this folder gets the ``browser`` marker (deselect them with ``-m "not browser"``).
Without Chromium they are skipped with a note on how to install it, except when the environment
variable ``CI`` is set: there they fail, so a CI run can never pass by skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .lab import INSTALL_HINT, Lab, LabServer, copy_sources, find_chromium

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE == Path(item.path).resolve().parent or HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    """Skip, or fail when CI is set (CI must never silently skip the browser tests)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} [CI is set, so the browser tests fail instead of being skipped]", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium to drive; skips (or fails under CI) when there is none."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright is not installed; install the test extras: pip install -e '.[test]'. " + INSTALL_HINT)
    executable, reason = find_chromium()
    if executable is None:
        _unavailable(reason)
    return str(executable)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 serving a temp copy of notebooks/ and exercises/."""
    base = tmp_path_factory.mktemp("jupyterlab")
    server = LabServer(root=copy_sources(base / "root"), state=base / "state")
    server.start()
    yield server
    leftovers = server.stop()
    assert not leftovers, f"JupyterLab left processes running after teardown: pids {leftovers}"


@pytest.fixture(scope="session")
def lab(chromium_executable: str, lab_server: LabServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """The session's browser on the session's JupyterLab: ``lab.open_notebook(name)``."""
    browser = Lab(lab_server, chromium_executable, profile=tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    leftovers = browser.close()
    assert not leftovers, f"Chromium left processes running after teardown: pids {leftovers}"
