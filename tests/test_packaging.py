"""environment.yml (conda, Binder) and pyproject.toml (pip, make) name the same pinned packages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    from pip._vendor import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]


def _pyproject_pins(python_version: str) -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    env = {**default_environment(), "python_version": python_version, "python_full_version": python_version + ".0"}
    pins: dict[str, str] = {}
    for line in lines:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{line!r} is not pinned with =="
        pins[req.name.lower()] = specs[0].version
    return pins


def _environment_yml() -> tuple[str, dict[str, str]]:
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    pip_list = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pins = {}
    for line in pip_list:
        name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line).groups()
        pins[name.lower()] = version
    return python.split("=", 1)[1], pins


def test_environment_yml_and_pyproject_pin_the_same_packages() -> None:
    python, conda_pins = _environment_yml()
    assert conda_pins == _pyproject_pins(python)


def test_every_dependency_is_pinned_for_python_310_too() -> None:
    pins = _pyproject_pins("3.10")
    assert {"pandas", "numpy", "scipy", "duckdb", "matplotlib", "jupyterlab", "ipywidgets"} <= set(pins)
    assert pins["pandas"].startswith("2.")  # pandas 3 needs Python 3.11


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    python, conda_pins = _environment_yml()
    conda_pins["pandas"] = "0.0"
    assert conda_pins != _pyproject_pins(python)
