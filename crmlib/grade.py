"""``python -m crmlib.grade``: the same command as ``python -m crmlib.grading`` (see docs/instructors.md).

    >>> from crmlib.grade import main
    >>> main(["--help"]) == 0  # doctest: +ELLIPSIS
    usage: python -m crmlib.grading ...
    True
"""

from __future__ import annotations

import sys

from crmlib.grading.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
