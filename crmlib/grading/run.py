"""Run one submission's code cells in its own fresh kernel, with time limits, and bring its answers back.

The submission file is only ever read: ``discover`` reads its bytes once and ``run_cells`` gets the
code cells' text. Each run starts a new Python kernel (the grader's own Python, in a private empty
working folder and IPython profile), runs every code cell in order (a cell that raises does not stop
the run), then asks the kernel for the answer variables as data (see ``kernelside``). A cell that
runs past ``cell_timeout`` is interrupted and the run goes on; past ``total_timeout`` the remaining
cells are skipped; a kernel that cannot be interrupted is killed. The kernel is always shut down.

Only the shell channel is connected, so a cell that prints without end cannot fill the grader's
memory: its output is dropped by the kernel, unread.

With a ``sandbox`` (``crmlib.grading.sandbox``) the kernel runs under bubblewrap: it talks to the
grader over ``ipc`` sockets in a fresh exchange folder, is interrupted by a message, and is killed
(with everything it started) when its processes together hold more memory than the limit. After
each cell that sets an answer variable the answers are read (a checkpoint), so a kernel that dies
later keeps what it had answered. Answer files are opened without following links, only when
they are regular files under a size cap.

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
import re
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any, TypeVar

__all__ = ["Plan", "RunOutput", "run_cells", "KERNEL_NAME", "kernel_source", "read_answer_file"]

KERNEL_NAME = "crmlib-grader"
MAX_RESULT_BYTES = 64_000_000


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


_SOURCE: dict[str, str] = {}


def kernel_source() -> str:
    """The code sent into each kernel (``kernelside.py``), read from disk once per grader process.

    ``grade_folder`` reads it (and checks it against the kit's checksums) before any student code
    runs; editing the file during a run changes nothing in that run.
    """
    if "text" not in _SOURCE:
        _SOURCE["text"] = Path(__file__).with_name("kernelside.py").read_text(encoding="utf-8")
    return _SOURCE["text"]


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
    killed: str = ""  # why the grader killed the sandbox: "memory" or "total" ('' if it did not)
    checkpoint: int | None = None  # the answers are those read after this cell, when the kernel stopped later

    @property
    def timed_out(self) -> bool:
        return bool(self.cell_timeouts or self.function_timeouts or self.skipped_from is not None) or self.state == "stuck"


def _kernel_spec_dir(root: Path, argv: list[str], sandboxed: bool) -> Path:
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    content: dict[str, Any] = {"argv": argv, "display_name": "crmlib grader", "language": "python"}
    if sandboxed:
        content["interrupt_mode"] = "message"  # a SIGINT to the process group would stop bwrap itself
    (spec / "kernel.json").write_text(json.dumps(content))
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


_NO_LINK_NO_WAIT = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_answer_file(path: Path, limit: int = MAX_RESULT_BYTES) -> Any:
    """The JSON in ``path``, which a kernel wrote: never through a link, only a regular file, at most ``limit`` bytes.

    >>> import tempfile, pathlib; folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text('{"x": 1}'); (folder / "b.json").mkdir()
    >>> read_answer_file(folder / "a.json")
    {'x': 1}
    >>> read_answer_file(folder / "b.json")
    Traceback (most recent call last):
    ...
    ValueError: the answer file is not a regular file
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NO_LINK_NO_WAIT)
    except FileNotFoundError:
        raise ValueError("no answer file was written") from None
    except OSError:  # a link (ELOOP) or something else that is not a plain file
        raise ValueError("the answer file is not a regular file") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        raise ValueError("the answer file is not a regular file" if not stat.S_ISREG(info.st_mode)
                         else "the answers are too large")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError("the answers are too large")
    return json.loads(data.decode("utf-8"))


def _mentions(source: str, names: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in names)


def tree_rss(pid: int) -> int:
    """Resident memory, in bytes, of process ``pid`` and all its descendants (read from ``/proc``).

    >>> tree_rss(os.getpid()) > 0 or not os.path.isdir("/proc")  # Linux only, like the sandbox
    True
    """
    parents: dict[int, list[int]] = {}
    if not os.path.isdir("/proc"):
        return 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        todo += parents.get(current, [])
        try:
            with open(f"/proc/{current}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


async def _watch_memory(km: Any, limit_bytes: int, out: RunOutput, every: float = 0.2) -> None:
    """Kill the sandbox when its processes together hold more than ``limit_bytes`` of memory."""
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid is None:
        return
    while True:
        await asyncio.sleep(every)
        if tree_rss(pid) > limit_bytes:
            out.killed = "memory"
            try:
                await km.shutdown_kernel(now=True)
            except Exception:
                pass
            return


async def run_cells(
    cells: list[str],
    plan: Plan,
    workdir: str | os.PathLike[str],
    *,
    cell_timeout: float = 60,
    total_timeout: float = 600,
    grace: float = 5,
    startup_timeout: float = 60,
    sandbox: Any = None,
    hard_timeout: float | None = None,
) -> RunOutput:
    """Run ``cells`` (code strings) in a fresh kernel in ``workdir``, then collect ``plan``'s answers.

    ``sandbox``: a ``crmlib.grading.sandbox.Sandbox`` to run the kernel in (None: a plain kernel,
    unprotected). ``hard_timeout``: seconds after which the kernel is killed whatever it is doing
    (default: ``total_timeout`` plus time to start and to read the answers).
    """
    out = RunOutput(limit=cell_timeout)
    if hard_timeout is None:
        hard_timeout = total_timeout + startup_timeout + cell_timeout * (2 + len(plan.functions)) + 2 * grace
    started = time.monotonic()
    try:
        await asyncio.wait_for(_run(out, cells, plan, Path(workdir), cell_timeout, total_timeout, grace,
                                    startup_timeout, sandbox), hard_timeout)
    except asyncio.TimeoutError:
        out.killed = "total"
        out.state = "stuck"
    out.seconds = time.monotonic() - started
    return out


async def _run(
    out: RunOutput, cells: list[str], plan: Plan, root: Path, cell_timeout: float, total_timeout: float,
    grace: float, startup_timeout: float, sandbox: Any,
) -> None:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    from crmlib.grading.sandbox import kernel_argv

    started = time.monotonic()
    private = Path(tempfile.mkdtemp(prefix="grader-", dir=root))
    run_dir = root / "run"
    run_dir.mkdir(exist_ok=True)
    exchange = Path(tempfile.mkdtemp(prefix="x-", dir=root)) if sandbox is not None else private
    argv = kernel_argv(sandbox, exchange, total_timeout)
    ksm = KernelSpecManager(kernel_dirs=[str(_kernel_spec_dir(private, argv, sandbox is not None))],
                            ensure_native_kernel=False)
    km = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)
    extra: dict[str, Any] = {}
    if sandbox is not None:
        km.transport = "ipc"
        km.ip = str(exchange / "k")
        km.connection_file = str(exchange / "kernel.json")
        km.write_connection_file()
        sandbox.prepare(exchange)
        extra = sandbox.popen_kwargs()
    kc = None
    watcher: asyncio.Task[None] | None = None
    try:
        try:
            env = _kernel_env(private) if sandbox is None else sandbox.environment(exchange)
            await km.start_kernel(cwd=str(run_dir), env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, **extra)
            if sandbox is not None:
                watcher = asyncio.ensure_future(_watch_memory(km, sandbox.limits.memory_mb << 20, out))
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
            return

        source = kernel_source()
        counter = iter(range(1, 1 << 30))

        async def ask(kind: str, name: str, job: dict[str, Any]) -> tuple[str, Any, dict[str, Any]]:
            path = exchange / f"answer-{next(counter)}.json"
            job = {**job, "path": str(path), "limit": plan.limit}
            code = (
                "__import__('builtins').exec(" + repr(source) + ", {'__name__': 'crmlib_grader', "
                "'__builtins__': __import__('builtins'), 'REQUEST': " + repr(json.dumps(job)) + ", 'USER_NS': globals()})"
            )
            state, reply = await _request(kc, km, code, cell_timeout, grace)
            data: Any = None
            if state in ("done", "timeout"):
                try:
                    data = read_answer_file(path)
                except Exception as error:
                    detail = reply.get("ename", "") if reply.get("status") == "error" else ""
                    state, data = "unreadable", f"{detail or type(error).__name__}: {error}"
            return state, data, reply

        watched = plan.values + list(plan.functions)
        total_deadline = started + total_timeout
        number = 0
        for source_text in cells:
            number += 1
            if not source_text.strip():
                continue
            left = total_deadline - time.monotonic()
            if left <= 0:
                out.skipped_from = number
                break
            state, reply = await _request(kc, km, source_text, min(cell_timeout, left), grace)
            if state in ("died", "stuck"):
                out.state, out.stopped_at = state, number
                return
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
            if plan.values and _mentions(source_text, watched):  # a checkpoint: keep what is answered so far
                state, data, _ = await ask("values", "", {"kind": "values", "names": plan.values})
                if state in ("died", "stuck"):
                    out.state, out.stopped_at = state, number
                    return
                if state == "done" and isinstance(data, dict):
                    out.values, out.checkpoint = data, number

        # ---- bring the answers back as data
        requests: list[tuple[str, str, dict[str, Any]]] = []
        if plan.values:
            requests.append(("values", "", {"kind": "values", "names": plan.values}))
        for name, cases in plan.functions.items():
            requests.append(("function", name, {"kind": "function", "name": name, "cases": cases}))
        for kind, name, job in requests:
            state, data, reply = await ask(kind, name, job)
            if state in ("died", "stuck"):
                if kind == "function":
                    out.function_timeouts.append(name)
                out.state, out.stopped_at = state, number
                return
            if state == "timeout":
                if kind == "function":
                    out.function_timeouts.append(name)
                    continue
                out.error = "the answers could not be read in time"
                continue
            if state == "unreadable":
                out.error = str(data)
                continue
            if kind == "values" and isinstance(data, dict):
                out.values, out.checkpoint = data, None
            elif kind == "function":
                out.functions[name] = data
        if out.timed_out:
            out.state = "timed out"
    finally:
        if watcher is not None:
            watcher.cancel()
        if kc is not None:
            kc.stop_channels()
        try:
            await km.shutdown_kernel(now=True)
        except Exception:
            pass
        if out.killed == "memory":
            out.state = "died"
        shutil.rmtree(private, ignore_errors=True)
        if exchange != private:
            shutil.rmtree(exchange, ignore_errors=True)
