"""One docstring style across the data and analysis layers: numpydoc sections, kept by this test.

Every public function and class of the modules below (their ``__all__``, or the public names they define) has a
docstring with a one-line summary and the numpydoc sections that apply to it:

- ``Parameters``, naming exactly the parameters of the signature (a class: its constructor's);
- ``Returns`` (``Yields`` for a generator) when it returns something;
- ``Raises``, naming every exception the function raises itself (``raise SomeError(...)`` in its body);
- ``Examples`` with at least one ``>>>`` line (the doctests run with the module's tests).

Public methods of those classes follow the same rules except that their examples may live in the class docstring;
properties need only a summary, and an exception class documents no constructor parameters. Section names must
be numpydoc's, underlined with dashes of the same length, each at most once and in numpydoc's order; no line of
prose is longer than 120 characters; no docstring cites a seed number ("seed 000") where docs/sources.md gives a
key ("course notes S0"). The checker works with the standard library only (``inspect``, ``ast``).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator

import pytest

MODULES = [
    "economics", "valuechain", "clv", "portfolio", "churn", "campaign", "concentration", "costtoserve",
    "crmsystem", "crosssell", "customer360", "funnel", "maturity", "pyramid", "rfm", "sbg", "bgnbd",
    "fitting", "datasets", "adapters", "schema", "_checks",
]

#: numpydoc's sections in the order numpydoc.validate expects them (GL07).
SECTIONS = [
    "Parameters", "Attributes", "Methods", "Returns", "Yields", "Other Parameters", "Raises",
    "Warns", "Warnings", "See Also", "Notes", "References", "Examples",
]

_SOURCE_TAG = re.compile(r"\bseeds?\s+\d{3}\b", re.IGNORECASE)


def _public_names(module: object) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name, value in vars(module).items()
                 if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
                 and value.__module__ == module.__name__]
    return list(names)


def _documented() -> Iterator[tuple[str, str, object]]:
    """(qualified name, kind, object) for every public function, class, method and property checked."""
    for short in MODULES:
        module = importlib.import_module(f"crmlib.{short}")
        for name in _public_names(module):
            value = getattr(module, name)
            if inspect.isfunction(value):
                yield f"crmlib.{short}.{name}", "function", value
            elif inspect.isclass(value):
                yield f"crmlib.{short}.{name}", "class", value
                for attr, member in vars(value).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(member, property):
                        yield f"crmlib.{short}.{name}.{attr}", "property", member
                    elif isinstance(member, (staticmethod, classmethod)):
                        yield f"crmlib.{short}.{name}.{attr}", "method", member.__func__
                    elif inspect.isfunction(member):
                        yield f"crmlib.{short}.{name}.{attr}", "method", member


def sections(doc: str) -> dict[str, str]:
    """The numpydoc sections of a docstring, name -> body, in their order; a misnamed header is a key too.

    A header is a line followed by a line of dashes exactly as long as the header.
    """
    lines = textwrap.dedent(_body(doc)).splitlines()
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    i = 0
    while i < len(lines):
        head = lines[i].strip()
        under = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if head and under and set(under) == {"-"} and len(under) == len(head):
            current = found.setdefault(head if head not in found else f"{head} (again)", [])
            i += 2
            continue
        if current is not None:
            current.append(lines[i])
        i += 1
    return {name: "\n".join(body) for name, body in found.items()}


def _body(doc: str) -> str:
    """The docstring without its first line, which ``inspect.cleandoc`` treats apart."""
    first, _, rest = inspect.cleandoc(doc).partition("\n")
    return rest


def documented_parameters(body: str) -> list[str]:
    """The names a Parameters section documents (``a, b : float`` documents two)."""
    names: list[str] = []
    for line in textwrap.dedent(body).splitlines():
        if not line or line[0].isspace():
            continue
        head = line.split(" : ", 1)[0].rstrip(" :")
        names.extend(part.strip() for part in head.split(","))
    return names


def _signature_names(function: Callable[..., object], skip_first: bool) -> list[str]:
    try:
        signature = inspect.signature(function)
    except ValueError:  # a class built on a builtin (e.g. a dict subclass) takes what the builtin takes
        return ["*args", "**kwargs"]
    names = []
    for index, parameter in enumerate(signature.parameters.values()):
        if skip_first and index == 0:
            continue
        prefix = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}.get(parameter.kind, "")
        names.append(prefix + parameter.name)
    return names


def _function_node(function: Callable[..., object]) -> ast.FunctionDef | None:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):  # pragma: no cover - every checked function has a source file
        return None
    node = ast.parse(source).body[0]
    return node if isinstance(node, ast.FunctionDef) else None


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function's body, without those of functions or classes defined inside it."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield child
        yield from _own_nodes(child)


def returns_value(function: Callable[..., object]) -> bool:
    """Whether a function returns something: an annotation other than None, or a ``return <value>``."""
    annotation = inspect.signature(function).return_annotation
    if annotation is not inspect.Signature.empty:
        return annotation not in (None, "None", type(None))
    node = _function_node(function)
    return node is not None and any(isinstance(n, ast.Return) and n.value is not None for n in _own_nodes(node))


def raised_names(function: Callable[..., object]) -> set[str]:
    """The exception classes a function raises in its own body (``raise X(...)`` / ``raise X``)."""
    node = _function_node(function)
    names: set[str] = set()
    if node is None:
        return names
    for n in _own_nodes(node):
        if isinstance(n, ast.Raise) and n.exc is not None:
            target = n.exc.func if isinstance(n.exc, ast.Call) else n.exc
            if isinstance(target, ast.Name) and target.id[:1].isupper():
                names.add(target.id)
            elif isinstance(target, ast.Attribute):
                names.add(target.attr)
    return names


def problems(name: str, kind: str, value: object) -> list[str]:
    """What is wrong with one object's docstring (an empty list: nothing)."""
    own = (value.fget if isinstance(value, property) else value).__doc__  # type: ignore[union-attr]
    if not own or not own.strip():
        return ["no docstring"]
    found: list[str] = []
    lines = inspect.cleandoc(own).splitlines()
    if not lines[0].strip():
        found.append("the summary line is empty")
    if len(lines) > 1 and lines[1].strip():
        found.append("the summary is more than one line (no blank line after the first)")
    if _SOURCE_TAG.search(own):
        found.append("cites a seed number instead of a key of docs/sources.md ('course notes S0')")
    prose = re.split(r"\n\s*Examples\n\s*-{8}\n", own)[0]  # doctest output may be as long as it prints
    too_long = [line for line in prose.splitlines() if len(line) > 120]
    if too_long:
        found.append(f"a docstring line is longer than 120 characters: {too_long[0].strip()[:60]}...")
    parts = sections(own)
    unknown = [s for s in parts if s not in SECTIONS]
    if unknown:
        found.append(f"unknown or repeated section(s) {unknown}; numpydoc's are {SECTIONS}")
    order = [SECTIONS.index(s) for s in parts if s in SECTIONS]
    if order != sorted(order):
        found.append(f"sections out of numpydoc's order: {list(parts)}")
    if kind == "property":
        return found

    if kind == "class":
        assert inspect.isclass(value)
        exempt = issubclass(value, BaseException)
        expected = [] if exempt else _signature_names(value, skip_first=False)
        raisers = [f for f in (vars(value).get("__init__"), vars(value).get("__post_init__")) if inspect.isfunction(f)]
        raised = set().union(*(raised_names(f) for f in raisers)) if raisers else set()
    else:
        assert callable(value)
        expected = _signature_names(value, skip_first=kind == "method")
        raised = raised_names(value)
        if returns_value(value):
            wanted = "Yields" if inspect.isgeneratorfunction(value) else "Returns"
            if wanted not in parts:
                found.append(f"no {wanted} section, though it returns a value")
    if expected:
        if "Parameters" not in parts:
            found.append(f"no Parameters section for {expected}")
        else:
            documented = documented_parameters(parts["Parameters"])
            if documented != expected:
                found.append(f"Parameters documents {documented}; the signature has {expected}")
    elif "Parameters" in parts:
        found.append("a Parameters section, though it takes no parameters")
    if raised:
        missing = sorted(e for e in raised if not re.search(rf"^{e}\b", parts.get("Raises", ""), re.MULTILINE))
        if missing:
            found.append(f"raises {missing} but its Raises section does not name them")
    if kind != "method" and ">>>" not in parts.get("Examples", ""):
        found.append("no Examples section with a >>> example")
    return found


CHECKED = list(_documented())


@pytest.mark.parametrize(("name", "kind", "value"), CHECKED, ids=[c[0] for c in CHECKED])
def test_docstring_has_the_numpydoc_sections(name: str, kind: str, value: object) -> None:
    found = problems(name, kind, value)
    assert not found, f"{name}: " + "; ".join(found)


def test_the_walk_finds_the_library() -> None:
    walked = {c[0] for c in CHECKED}
    kinds = {kind for _, kind, _ in CHECKED}
    assert kinds == {"function", "class", "method", "property"}
    assert len(CHECKED) > 150  # 166 when the style was set: a walk that finds far fewer has lost modules
    assert {"crmlib._checks.share", "crmlib._checks.ColumnError", "crmlib.sbg.fit_sbg", "crmlib.sbg.SBGFit.project",
            "crmlib.datasets.Tables", "crmlib.adapters.to_churn_table", "crmlib.crmsystem.label"} <= walked
    assert {c[0].split(".")[1] for c in CHECKED} == set(MODULES)


def test_module_docstrings_cite_sources_by_key() -> None:
    for short in MODULES:
        module = importlib.import_module(f"crmlib.{short}")
        assert module.__doc__ and not _SOURCE_TAG.search(module.__doc__), f"crmlib.{short}'s module docstring"


def _good(table: object, share: float = 0.2) -> float:
    """Share of the table's value held by its top customers.

    Parameters
    ----------
    table : pandas.DataFrame
        The customers.
    share : float, default 0.2
        The top share.

    Returns
    -------
    float
        The value share.

    Raises
    ------
    ValueError
        When ``share`` is not a share.

    Examples
    --------
    >>> _good(None)
    0.5
    """
    if not 0 < share <= 1:
        raise ValueError("share")
    return 0.5


def _bad(table: object, share: float = 0.2) -> float:
    """Share of the table's value
    held by its top customers (seed 000).

    Parameter
    ---------
    table : pandas.DataFrame
        The customers.

    Example
    -------
    _bad(None)
    """
    if not 0 < share <= 1:
        raise ValueError("share")
    return 0.5


def test_the_checker_accepts_a_good_docstring_and_names_each_fault_of_a_bad_one() -> None:
    assert problems("good", "function", _good) == []
    found = " | ".join(problems("bad", "function", _bad))
    for fault in ("more than one line", "seed number", "unknown or repeated section(s) ['Parameter', 'Example']",
                  "no Returns section", "no Parameters section for ['table', 'share']", "raises ['ValueError']",
                  "no Examples section"):
        assert fault in found, (fault, found)


def test_the_checker_wants_every_parameter_and_numpydocs_order() -> None:
    def shuffled(table: object, share: float) -> None:
        """Do nothing.

        Examples
        --------
        >>> shuffled(1, 2)

        Parameters
        ----------
        table : object
            Anything.
        """

    found = " | ".join(problems("shuffled", "function", shuffled))
    assert "out of numpydoc's order" in found
    assert "Parameters documents ['table']; the signature has ['table', 'share']" in found
    assert "Returns" not in found
