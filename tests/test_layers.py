"""The layers of crmlib, enforced: a layer imports only layers below it, and no module reaches into
another module's private names.

    foundation  _checks, _format, _lazy, schema, fitting, i18n, style  (importable from anywhere)
    data        datasets, synth, adapters               tables in, tables out
    analysis    economics, clv, churn, ...              pure functions on tables
    plots       crmlib.plots.*                          figures from analysis results; no computation
    widgets     crmlib.widgets.*                        controls wired to analysis and plots
    teaching    crmlib.exercises.*, crmlib.grading.*, selfcheck, grade

Charts and widgets take the tables they show as arguments: they never import the data layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crmlib"

FOUNDATION, DATA, ANALYSIS, PLOTS, WIDGETS, TEACHING = range(6)
NAMES = ["foundation", "data", "analysis", "plots", "widgets", "teaching"]
TOP_LEVEL = {
    "_checks": FOUNDATION, "_format": FOUNDATION, "_lazy": FOUNDATION, "schema": FOUNDATION, "fitting": FOUNDATION,
    "i18n": FOUNDATION, "style": FOUNDATION,
    "datasets": DATA, "synth": DATA, "adapters": DATA,
    "selfcheck": TEACHING, "grade": TEACHING,
}
SUBPACKAGES = {"plots": PLOTS, "widgets": WIDGETS, "exercises": TEACHING, "grading": TEACHING}


def layer_of(module: str) -> int | None:
    """The layer of ``crmlib.x.y`` (None for the package itself, which only re-exports)."""
    parts = module.split(".")
    if parts[0] != "crmlib" or len(parts) == 1:
        return None
    if parts[1] in SUBPACKAGES:
        return SUBPACKAGES[parts[1]]
    if parts[1] == "_datasets":
        return DATA
    return TOP_LEVEL.get(parts[1], ANALYSIS)


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str | None = None) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names taken from it) for every import in the file, lazy ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = name or _module_name(path)
    package = name.rsplit(".", 1)[0] if path.name != "__init__.py" else name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            names = [alias.name for alias in node.names]
            if base == "crmlib" or (node.level and not node.module):
                # "from crmlib import churn, plots": each name is a module
                found += [(node.lineno, f"{base}.{name}", []) for name in names]
            else:
                found.append((node.lineno, base, names))
    return found


def _private_attributes(path: Path) -> list[tuple[int, str]]:
    """``module._name`` uses, where ``module`` was imported from crmlib in this file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crmlib"):
            aliases |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            aliases |= {a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("crmlib")}
    return [(node.lineno, f"{node.value.id}.{node.attr}") for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
            and node.attr.startswith("_") and not node.attr.startswith("__")]


FILES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def layer_problems(path: Path, name: str | None = None) -> list[str]:
    name = name or _module_name(path)
    me = layer_of(name)
    problems = []
    for line, module, _ in _imports(path, name):
        theirs = layer_of(module)
        if me is None or theirs is None:
            continue
        if theirs > me:
            problems.append(f"line {line}: {NAMES[me]} imports {module} ({NAMES[theirs]}, a layer above)")
        if me in (PLOTS, WIDGETS) and theirs == DATA:
            problems.append(f"line {line}: {NAMES[me]} imports {module}: charts and widgets take their tables "
                            "as arguments, they do not load data")
    return problems


def private_problems(path: Path, name: str | None = None) -> list[str]:
    me = name or _module_name(path)
    problems = [f"line {line}: from {module} import {taken}"
                for line, module, names in _imports(path, me) for taken in names
                if module.startswith("crmlib") and module != me and taken.startswith("_") and taken.strip("_")]
    # (``___``, the exercises' placeholder for "not answered yet", is public by design)
    return problems + [f"line {line}: {use}" for line, use in _private_attributes(path)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_layer_imports_only_layers_below_it(path: Path) -> None:
    problems = layer_problems(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_reaches_into_another_modules_private_names(path: Path) -> None:
    problems = private_problems(path)
    assert not problems, f"{_module_name(path)} uses private names of other modules:\n" + "\n".join(problems)


def test_the_layer_map_knows_every_module() -> None:
    assert layer_of("crmlib.churn") == ANALYSIS and layer_of("crmlib.plots.churn") == PLOTS
    assert layer_of("crmlib._checks") == FOUNDATION and layer_of("crmlib.grading.batch") == TEACHING


def test_the_checks_see_a_violation(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from crmlib import datasets\nfrom crmlib.widgets import retention\n"
                     "from crmlib.churn import _flags\nimport crmlib.churn as churn\nchurn._secret\n")
    problems = layer_problems(probe, "crmlib.plots.probe")
    assert any("a layer above" in p for p in problems) and any("do not load data" in p for p in problems)
    assert private_problems(probe, "crmlib.plots.probe") == ["line 3: from crmlib.churn import _flags",
                                                             "line 5: churn._secret"]
