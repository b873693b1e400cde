"""Run one submission's code cells in its own fresh kernel, with time limits, and bring its answers back.

The submission file is only ever read: ``discover`` reads its bytes once and ``run_cells`` gets the
code cells' text. Each run starts a new Python kernel (the grader's own Python, in a private empty
working folder and IPython profile), runs every code cell in order (a cell that raises does not stop
the run), then asks the kernel for the answer variables as data (see ``kernelside``). A cell that
runs past ``cell_timeout`` is interrupted and the run goes on; past ``total_timeout`` the remaining
cells are skipped; a kernel that cannot be interrupted is killed. The kernel is always shut down.

Only the shell channel is connected, so a cell that prints without end cannot fill the grader's
memory: its output is dropped by the kernel, unread.

    >>> import tempfile
    >>> plan = Plan(values=["x"], functions={})
    >>> out = run_sync(run_cells(["x = 6 * 7", "1 / 0"], plan, tempfile.mkdtemp(), cell_timeout=30))
    >>> out.state, out.values["x"], out.cell_errors
    ('ran', {'value': 42}, [(2, 'ZeroDivisionError: division by zero')])
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any, TypeVar

__all__ = ["Plan", "RunOutput", "run_cells", "KERNEL_NAME"]

KERNEL_NAME = "crmlib-grader"
MAX_RESULT_BYTES = 200_000_000


T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end and return its result, from any caller.

    ``asyncio.run`` refuses to start where this thread already runs an event loop: inside a Jupyter
    notebook (an instructor grading from a notebook) or beside Playwright's sync API. There the
    coroutine runs in a fresh thread with its own loop.

    >>> async def answer():
    ...     return 42
    >>> run_sync(answer())
    42
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _kernel_source() -> str:
    return Path(__file__).with_name("kernelside.py").read_text(encoding="utf-8")


@dataclass
class Plan:
    """What to bring back: the variables of value questions, and for each function question its cases."""

    values: list[str]
    functions: dict[str, list[Any]]  # variable -> encoded cases
    limit: int = 2_000_000


@dataclass
class RunOutput:
    """What a run produced. ``state``: ran / timed out / died / stuck / no start."""

    state: str = "ran"
    values: dict[str, Any] = field(default_factory=dict)
    functions: dict[str, Any] = field(default_factory=dict)
    cell_errors: list[tuple[int, str]] = field(default_factory=list)
    cell_timeouts: list[int] = field(default_factory=list)
    function_timeouts: list[str] = field(default_factory=list)
    skipped_from: int | None = None  # total time limit: cells from this number on did not run
    stopped_at: int | None = None  # kernel died or could not be stopped at this cell
    error: str = ""
    seconds: float = 0.0
    limit: float = 0.0  # the time limit of one cell or one function question, in seconds

    @property
    def timed_out(self) -> bool:
        return bool(self.cell_timeouts or self.function_timeouts or self.skipped_from is not None) or self.state == "stuck"


def _kernel_spec_dir(root: Path) -> Path:
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--HistoryManager.hist_file=:memory:"],
        "display_name": "crmlib grader", "language": "python",
    }))
    return root / "kernels"


def _kernel_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JPY_", "IPYTHON", "CRMLIB_COURSE_MODE"))}
    ipython = root / "ipython"
    ipython.mkdir(exist_ok=True)
    env.update({"IPYTHONDIR": str(ipython), "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    return env


async def _request(kc: Any, km: Any, code: str, timeout: float, grace: float) -> tuple[str, dict[str, Any]]:
    """Execute ``code``; ('done', reply) | ('timeout', reply) | ('stuck', {}) | ('died', {})."""
    msg_id = kc.execute(code, silent=False, store_history=False, allow_stdin=False, stop_on_error=False)
    deadline = time.monotonic() + max(timeout, 0.01)
    interrupted = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if interrupted:
                return "stuck", {}
            interrupted = True
            try:
                await km.interrupt_kernel()
            except Exception:
                return "stuck", {}
            deadline = time.monotonic() + grace
            continue
        try:
            reply = await kc.get_shell_msg(timeout=min(0.5, remaining))
        except Empty:
            if not await km.is_alive():
                return "died", {}
            continue
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            return ("timeout" if interrupted else "done"), reply.get("content", {})


def _read_json(path: Path) -> Any:
    if not path.exists():
        raise ValueError("no answer file was written")
    if path.stat().st_size > MAX_RESULT_BYTES:
        raise ValueError("the answers are too large")
    return json.loads(path.read_text(encoding="utf-8"))


async def run_cells(
    cells: list[str],
    plan: Plan,
    workdir: str | os.PathLike[str],
    *,
    cell_timeout: float = 60,
    total_timeout: float = 600,
    grace: float = 5,
    startup_timeout: float = 60,
) -> RunOutput:
    """Run ``cells`` (code strings) in a fresh kernel in ``workdir``, then collect ``plan``'s answers."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    started = time.monotonic()
    out = RunOutput(limit=cell_timeout)
    root = Path(workdir)
    private = Path(tempfile.mkdtemp(prefix="grader-", dir=root))
    run_dir = root / "run"
    run_dir.mkdir(exist_ok=True)
    ksm = KernelSpecManager(kernel_dirs=[str(_kernel_spec_dir(private))], ensure_native_kernel=False)
    km = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)
    kc = None
    try:
        try:
            await km.start_kernel(cwd=str(run_dir), env=_kernel_env(private), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            kc = km.client()
            kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
            kc.kernel_info()
            deadline = time.monotonic() + startup_timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"the kernel did not answer within {startup_timeout:g} s")
                try:
                    reply = await kc.get_shell_msg(timeout=min(0.5, remaining))
                except Empty:
                    if not await km.is_alive():
                        raise RuntimeError("the kernel exited while starting") from None
                    continue
                if reply.get("msg_type") == "kernel_info_reply":
                    break
        except Exception as error:
            out.state, out.error = "no start", f"{type(error).__name__}: {error}"
            return out

        total_deadline = started + total_timeout
        number = 0
        for source in cells:
            number += 1
            if not source.strip():
                continue
            left = total_deadline - time.monotonic()
            if left <= 0:
                out.skipped_from = number
                break
            state, reply = await _request(kc, km, source, min(cell_timeout, left), grace)
            if state in ("died", "stuck"):
                out.state, out.stopped_at = state, number
                return out
            if state == "timeout":
                if cell_timeout <= left:
                    out.cell_timeouts.append(number)
                else:
                    out.skipped_from = number
                    break
            elif reply.get("status") == "error":
                text = " ".join(str(reply.get("evalue", "")).split())[:200]
                name = str(reply.get("ename", "Error"))
                out.cell_errors.append((number, f"{name}: {text}" if text else name))

        # ---- bring the answers back as data
        source = _kernel_source()
        requests: list[tuple[str, str, dict[str, Any]]] = []
        if plan.values:
            requests.append(("values", "", {"kind": "values", "names": plan.values}))
        for name, cases in plan.functions.items():
            requests.append(("function", name, {"kind": "function", "name": name, "cases": cases}))
        for index, (kind, name, job) in enumerate(requests):
            path = private / f"answer-{index}.json"
            job.update({"path": str(path), "limit": plan.limit})
            code = (
                "__import__('builtins').exec(" + repr(source) + ", {'__name__': 'crmlib_grader', "
                "'__builtins__': __import__('builtins'), 'REQUEST': " + repr(json.dumps(job)) + ", 'USER_NS': globals()})"
            )
            state, reply = await _request(kc, km, code, cell_timeout, grace)
            if state in ("died", "stuck"):
                if kind == "function":
                    out.function_timeouts.append(name)
                out.state, out.stopped_at = state, number
                return out
            if state == "timeout":
                if kind == "function":
                    out.function_timeouts.append(name)
                    continue
                out.error = "the answers could not be read in time"
                continue
            try:
                data = _read_json(path)
            except Exception as error:
                detail = reply.get("ename", "") if reply.get("status") == "error" else ""
                out.error = f"{detail or type(error).__name__}: {error}"
                continue
            if kind == "values" and isinstance(data, dict):
                out.values = data
            elif kind == "function":
                out.functions[name] = data
        if out.timed_out:
            out.state = "timed out"
        return out
    finally:
        if kc is not None:
            kc.stop_channels()
        try:
            await km.shutdown_kernel(now=True)
        except Exception:
            pass
        shutil.rmtree(private, ignore_errors=True)
        out.seconds = time.monotonic() - started
