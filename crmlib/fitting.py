"""Helpers shared by the maximum-likelihood fits (``crmlib.sbg``, ``crmlib.bgnbd``).

    >>> with one_blas_thread():
    ...     pass
"""

from __future__ import annotations

import contextlib


def one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """Run SciPy's L-BFGS-B with a single BLAS thread.

    Since SciPy 1.15 L-BFGS-B calls BLAS/LAPACK on tiny vectors; with a multi-threaded OpenBLAS on a
    busy machine each call can wait for threads, making a 10 ms fit take 200 ms (scipy/scipy#22438).
    threadpoolctl (installed with scikit-learn) limits the threads for the duration of the fit only.

    Returns
    -------
    contextlib.AbstractContextManager
        A context manager that limits BLAS to one thread while it is entered; without threadpoolctl, one that
        does nothing.

    Examples
    --------
    >>> with one_blas_thread():
    ...     pass
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - the fit still works, possibly slower
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")
