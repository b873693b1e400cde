"""crmlib: the helper library behind the CRM value-chain course kit.

Importing crmlib changes no global state: it does not touch matplotlib's backend or rcParams,
pandas options or numpy printing. The kit's chart style is applied by an explicit call::

    >>> import crmlib
    >>> crmlib.set_language("en")
    >>> crmlib.get_language()
    'en'

Submodules (``crmlib.datasets``, ``crmlib.exercises``, ``crmlib.plots`` ...) are imported on
first use, so ``import crmlib`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

from crmlib.i18n import get_language, glossary, set_language, t, term
from crmlib.style import use_style

__version__ = "0.1.0"

__all__ = [
    "get_language",
    "glossary",
    "set_language",
    "t",
    "term",
    "use_style",
    "__version__",
]

def __getattr__(name: str) -> Any:
    """Import a submodule on first use: ``crmlib.datasets``, ``crmlib.plots``, ..."""
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"crmlib.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"crmlib.{name}":
                raise
    raise AttributeError(f"module 'crmlib' has no attribute {name!r}")
