"""Packages whose public names live in submodules imported on first use (PEP 562).

``crmlib.plots`` and ``crmlib.widgets`` each list, per submodule, the names it defines; reading one of those
names imports that submodule only then, so importing the package stays cheap (matplotlib and ipywidgets load
when the first chart or app is made). This module holds the one ``__getattr__`` / ``__dir__`` pair both use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any


def lazy_exports(namespace: MutableMapping[str, Any], where: Mapping[str, Sequence[str]],
                 missing: Callable[[str], Any] | None = None
                 ) -> tuple[dict[str, str], Callable[[str], Any], Callable[[], list[str]]]:
    """The name → submodule map and the ``__getattr__`` and ``__dir__`` of a package that imports lazily.

    Parameters
    ----------
    namespace : mutable mapping
        The package's ``globals()``: it gives the package's name and ``__all__``, and keeps each name once read.
    where : mapping of str to sequence of str
        Submodule → the public names it defines. A submodule's own name imports that submodule.
    missing : callable, optional
        Called with a name that is neither (e.g. an old, renamed name); by default such a name raises
        ``AttributeError``.

    Returns
    -------
    tuple
        ``(module_of, __getattr__, __dir__)``, to assign in the package.

    Examples
    --------
    >>> import types
    >>> package = types.ModuleType("json")
    >>> package.__all__ = ["dumps"]
    >>> module_of, getattr_, dir_ = lazy_exports(vars(package), {"encoder": ["JSONEncoder"]})
    >>> getattr_("JSONEncoder").__name__, module_of
    ('JSONEncoder', {'JSONEncoder': 'encoder'})
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'json' has no attribute 'nothing'
    """
    package = namespace["__name__"]
    module_of = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name in where:
            return importlib.import_module(f"{package}.{name}")
        module = module_of.get(name)
        if module is None:
            if missing is not None:
                return missing(name)
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # read once: later reads skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace["__all__"]))

    return module_of, __getattr__, __dir__
