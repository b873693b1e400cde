"""Browser test harness: JupyterLab in headless Chromium, driven by Playwright's sync API.

Lesson tests use it through the ``lab`` fixture of ``conftest.py``, in a few lines::

    def test_lesson(lab):
        nb = lab.open_notebook("00_start_here.ipynb")
        nb.run_all()
        assert nb.errors() == []
        slider = nb.wait_for(nb.sliders, what="a slider")[0]
        before = nb.widget_views()            # or nb.widget_outputs(): ipywidgets Output areas
        nb.move_slider(slider.description, +3)
        after = nb.wait_for_change(nb.widget_views, before)

What the pieces do:

* :class:`LabServer` runs ``python -m jupyter lab`` on a free loopback port, with every Jupyter and
  IPython state folder in a temporary directory and its root folder a temporary *copy* of the
  repository's ``notebooks/`` and ``exercises/`` (running a notebook never writes into the repo).
  :meth:`LabServer.stop` shuts kernels down, stops the server's process group and checks that no
  process of it (server, kernels) is left.
* :class:`Lab` holds one Chromium (a fresh profile) and opens notebooks, one page each.
* :class:`Notebook` runs all cells, reads error outputs, moves ipywidgets sliders with the keyboard,
  reads widget Output areas and saves screenshots under ``test-artifacts/browser/``.

Waiting is done by polling a condition with a time limit, never by a fixed sleep.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
#: Repository folders copied into the server's root folder.
SOURCE_FOLDERS = ("notebooks", "exercises")
#: Environment variable naming the Chromium/Chrome executable to use.
CHROMIUM_ENV = "CRMLIB_CHROMIUM"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
INSTALL_HINT = (
    "Install Chromium to run them: Debian/Ubuntu `sudo apt-get install chromium`, Fedora "
    "`sudo dnf install chromium`, macOS `brew install --cask chromium`; or set "
    f"{CHROMIUM_ENV}=/path/to/chrome; or, with internet access, `python -m playwright install chromium`."
)
VIEWPORT = {"width": 1366, "height": 900}

T = TypeVar("T")


class HarnessError(RuntimeError):
    """The harness could not do what was asked (server did not start, widget not found, ...)."""


# --------------------------------------------------------------------------------------------
# small helpers


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_until(
    condition: Callable[[], T], *, timeout: float, what: str, interval: float = 0.05,
    describe: Callable[[], str] | None = None,
) -> T:
    """Call ``condition`` until it returns something truthy and return that; poll every ``interval``.

    On time-out raise :class:`HarnessError` naming ``what`` was awaited (plus ``describe()``).
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            detail = f"\n{describe()}" if describe else ""
            raise HarnessError(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def http_get(url: str, *, token: str | None = None, timeout: float = 5.0) -> tuple[int, bytes]:
    """GET ``url`` directly (never through a proxy); return (status, body). Errors give their status."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code), error.read()


def http_delete(url: str, *, timeout: float = 10.0) -> int:
    """DELETE ``url`` (no proxy); return the status."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, method="DELETE"), timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code)


def living(pids: Iterable[int]) -> list[int]:
    """The pids among ``pids`` whose process still runs (zombies count as gone)."""
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def processes_mentioning(text: str) -> list[int]:
    """Pids of running processes whose command line contains ``text`` (e.g. a temp folder)."""
    import psutil

    found = []
    for proc in psutil.process_iter(["pid", "cmdline", "status"]):
        cmdline = proc.info.get("cmdline") or []
        if proc.info.get("status") != psutil.STATUS_ZOMBIE and any(text in part for part in cmdline):
            found.append(proc.info["pid"])
    return found


def stop_process_tree(proc: subprocess.Popen[Any], extra_pids: Iterable[int] = (), grace: float = 15.0) -> list[int]:
    """Stop ``proc``, its process group and ``extra_pids``: SIGTERM, wait ``grace`` s, then SIGKILL.

    Returns the pids that were still alive after SIGKILL (should be empty).
    """
    import psutil

    try:
        tree = [child.pid for child in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    pids = sorted({proc.pid, *tree, *extra_pids})
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # the group id is the pid (start_new_session=True)
        except ProcessLookupError:
            pass
    else:  # pragma: no cover - Windows
        proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        wait_until(lambda: not living(pids), timeout=grace, what="processes to end", interval=0.1)
    except HarnessError:
        for pid in living(pids):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        time.sleep(0.5)
    if proc.poll() is None:  # pragma: no cover - only after a failed SIGKILL
        proc.wait(timeout=5)
    return living(pids)


# --------------------------------------------------------------------------------------------
# the server


def copy_sources(root: Path, repo: Path = REPO, folders: Sequence[str] = SOURCE_FOLDERS) -> Path:
    """Copy the repo's lesson folders into ``root`` (checkpoints and caches left out); return ``root``."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    root.mkdir(parents=True, exist_ok=True)
    for name in folders:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore, dirs_exist_ok=True)
        else:
            (root / name).mkdir(exist_ok=True)
    return root


def isolated_env(state: Path) -> dict[str, str]:
    """os.environ with every Jupyter/IPython state folder inside ``state`` and nothing that would
    change the kernel's behaviour (a matplotlib backend, extra Jupyter search paths)."""
    env = dict(os.environ)
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR", "JUPYTER_PLATFORM_DIRS", "MPLBACKEND", "JUPYTER_TOKEN"):
        env.pop(name, None)
    folders = {
        "JUPYTER_CONFIG_DIR": state / "config",
        "JUPYTER_DATA_DIR": state / "data",
        "JUPYTER_RUNTIME_DIR": state / "runtime",
        "IPYTHONDIR": state / "ipython",
    }
    for name, path in folders.items():
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # keeps debugpy's frozen-modules notice out of the log
    return env


def render_all_cells(user_settings_dir: Path) -> None:
    """Make JupyterLab render every cell, on screen or not (notebook setting windowingMode="none").

    Its default ("contentVisibility") skips rendering cells outside the viewport, and the text of
    a skipped cell reads as empty (innerText is ""), so an error or a widget far down the page
    would be read as blank.
    """
    folder = user_settings_dir / "@jupyterlab" / "notebook-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")


def disable_announcements(config_dir: Path) -> None:
    """Turn off JupyterLab's news/update pop-up (it covers the outputs in screenshots)."""
    labconfig = config_dir / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}),
        encoding="utf-8",
    )


@dataclass
class LabServer:
    """A JupyterLab server for tests, reachable only on 127.0.0.1, no token or password.

    ``root`` is the folder it serves (give it a temp copy, see :func:`copy_sources`); ``state``
    receives the config, data, runtime, IPython and workspace folders and the server log.
    """

    root: Path
    state: Path
    python: str = sys.executable
    extra_args: Sequence[str] = ()
    port: int = 0
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    startup_seconds: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.state / "jupyter-lab.log"

    def log(self, tail: int = 4000) -> str:
        """The last ``tail`` characters of the server's log."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except FileNotFoundError:
            return ""

    def command(self) -> list[str]:
        args = [
            self.python, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            "--IdentityProvider.token=", "--ServerApp.password=",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.workspaces_dir={self.state / 'workspaces'}",
            f"--LabApp.user_settings_dir={self.state / 'user-settings'}",
            "--ServerApp.disable_check_xsrf=True",  # lets the harness DELETE sessions; loopback only
        ]
        if os.name == "posix" and os.geteuid() == 0:
            args.append("--allow-root")
        return [*args, *self.extra_args]

    def start(self, timeout: float = 90.0, attempts: int = 3) -> LabServer:
        """Start the server and wait until ``/api/status`` answers. Retries on a port clash."""
        env = isolated_env(self.state)
        disable_announcements(Path(env["JUPYTER_CONFIG_DIR"]))
        render_all_cells(self.state / "user-settings")
        started = time.monotonic()
        for attempt in range(1, attempts + 1):
            self.port = free_port()
            with self.log_path.open("ab") as log:
                self.proc = subprocess.Popen(
                    self.command(), cwd=self.root, env=env, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                )
            try:
                wait_until(self._ready, timeout=timeout, what=f"JupyterLab on {self.url}/api/status",
                           interval=0.1, describe=lambda: f"server log:\n{self.log()}")
            except HarnessError:
                clash = "already in use" in self.log()
                self.stop()
                if clash and attempt < attempts:
                    continue
                raise
            self.startup_seconds = time.monotonic() - started
            return self
        raise HarnessError("unreachable")  # pragma: no cover

    def _ready(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise HarnessError(f"JupyterLab exited with code {self.proc.returncode}; log:\n{self.log()}")
        try:
            status, _ = http_get(f"{self.url}/api/status", timeout=2)
        except OSError:
            return False
        return status == 200

    def api(self, path: str) -> Any:
        """GET ``/api/<path>`` and return the decoded JSON."""
        status, body = http_get(f"{self.url}/api/{path}")
        if status != 200:
            raise HarnessError(f"GET /api/{path} answered {status}: {body[:300]!r}")
        return json.loads(body)

    def shutdown_kernels(self, path: str | None = None) -> int:
        """Shut down the kernels of every session (or only of the notebook at ``path``); return how many."""
        count = 0
        for session in self.api("sessions"):
            if path is None or session.get("path") == path:
                http_delete(f"{self.url}/api/sessions/{session['id']}")
                count += 1
        if path is None:
            for kernel in self.api("kernels"):
                http_delete(f"{self.url}/api/kernels/{kernel['id']}")
                count += 1
        return count

    def stop(self) -> list[int]:
        """Stop kernels and server; return pids still alive afterwards (the caller asserts none)."""
        if self.proc is None:
            return []
        if self.proc.poll() is None:
            try:
                self.shutdown_kernels()
            except (OSError, HarnessError, ValueError):
                pass  # the server is going away anyway; the process check below is what counts
        # Kernels run in their own sessions, so also look for anything using our temp state folder.
        leftovers = stop_process_tree(self.proc, extra_pids=processes_mentioning(str(self.state)))
        leftovers += [pid for pid in processes_mentioning(str(self.state)) if pid not in leftovers]
        self.proc = None
        return leftovers


# --------------------------------------------------------------------------------------------
# the browser


def find_chromium() -> tuple[str | None, str]:
    """(executable, "") for the Chromium to use, or (None, reason-with-install-hint).

    Order: ``$CRMLIB_CHROMIUM``; ``chromium`` / ``chromium-browser`` on PATH; ``/usr/bin/chromium``.
    """
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        path = shutil.which(configured) or configured
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path, ""
        return None, f"{CHROMIUM_ENV}={configured!r} is not an executable file. {INSTALL_HINT}"
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate, ""
    return None, f"no Chromium found for the browser tests ({CHROMIUM_ENV} unset, none on PATH). {INSTALL_HINT}"


class Lab:
    """One headless Chromium (fresh profile in ``profile``) looking at ``server``."""

    def __init__(self, server: LabServer, executable: str, profile: Path, artifacts: Path = ARTIFACTS):
        from playwright.sync_api import sync_playwright

        self.server = server
        self.profile = profile
        self.artifacts = artifacts
        self._playwright = sync_playwright().start()
        try:
            self.context = self._playwright.chromium.launch_persistent_context(
                str(profile), executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS),
                viewport=VIEWPORT, locale="en-US",
            )
        except Exception:
            self._playwright.stop()
            raise
        self.context.set_default_timeout(30_000)
        for page in list(self.context.pages):  # the blank start page
            page.close()
        self.notebooks: list[Notebook] = []

    def path_of(self, name: str) -> str:
        """Server path of a notebook: as given if it exists in the root, else looked up in the
        copied folders (so ``"00_start_here.ipynb"`` finds ``notebooks/00_start_here.ipynb``)."""
        if (self.server.root / name).is_file():
            return Path(name).as_posix()
        for folder in SOURCE_FOLDERS:
            if (self.server.root / folder / name).is_file():
                return f"{folder}/{Path(name).as_posix()}"
        available = sorted(p.relative_to(self.server.root).as_posix() for p in self.server.root.rglob("*.ipynb")
                           if ".ipynb_checkpoints" not in p.parts)
        raise HarnessError(f"notebook {name!r} not found in the lab's root; it has: {', '.join(available) or 'none'}")

    def write_notebook(self, name: str, cells: Sequence[str]) -> str:
        """Write a scratch notebook of code ``cells`` into the lab's root (a temp folder); return its path."""
        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        target = self.server.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(target))
        return Path(name).as_posix()

    def open_notebook(self, name: str, timeout: float = 60.0) -> Notebook:
        """Open a notebook in a new page and wait until its kernel is idle."""
        path = self.path_of(name)
        page = self.context.new_page()
        notebook = Notebook(self, page, path)
        self.notebooks.append(notebook)
        page.goto(f"{self.server.url}/lab/tree/{urllib.parse.quote(path)}?reset")
        notebook.wait_until_ready(timeout)
        return notebook

    def close(self) -> list[int]:
        """Close pages and browser, stop Playwright; return pids of browser processes still alive."""
        for notebook in self.notebooks:
            notebook.close()
        try:
            self.context.close()
        finally:
            self._playwright.stop()
        try:
            wait_until(lambda: not processes_mentioning(str(self.profile)), timeout=10, what="Chromium to exit")
        except HarnessError:
            pass
        return processes_mentioning(str(self.profile))


# --------------------------------------------------------------------------------------------
# one notebook in one page

# JavaScript run in the page. `panel()` is the notebook panel on show.
_JS_PANEL = """
const panel = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
"""

_JS_CELLS = _JS_PANEL + """
() => {
  const p = panel();
  if (!p) return null;
  const indicator = p.querySelector('.jp-Notebook-ExecutionIndicator');
  const cells = [...p.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell => {
    const prompt = (cell.querySelector('.jp-InputArea-prompt')?.textContent || '').trim();
    const source = cell.querySelector('.jp-InputArea-editor .cm-content')?.innerText || '';
    const m = prompt.match(/\\[(\\d+)\\]/);
    return {prompt, count: m ? Number(m[1]) : null, running: prompt.includes('*'), empty: source.trim() === ''};
  });
  return {status: indicator ? indicator.getAttribute('data-status') : null, cells,
          dialog: !!document.querySelector('.jp-Dialog')};
}
"""

_JS_ERRORS = _JS_PANEL + """
() => {
  const p = panel();
  if (!p) return [];
  return [...p.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')]
    .filter((el, i, all) => !all.some(other => other !== el && other.contains(el)))
    .map(el => el.innerText.trim());
}
"""

_JS_SLIDERS = _JS_PANEL + """
() => {
  const p = panel();
  if (!p) return [];
  return [...p.querySelectorAll('.widget-slider')].map(s => ({
    description: (s.querySelector('.widget-label')?.innerText || '').trim(),
    readout: (s.querySelector('.widget-readout')?.innerText || '').trim(),
  }));
}
"""

_JS_CELL_OUTPUTS = _JS_PANEL + """
() => {
  const p = panel();
  if (!p) return [];
  return [...p.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell =>
    [...cell.querySelectorAll('.jp-OutputArea-output')]
      .filter((el, i, all) => !all.some(other => other !== el && other.contains(el)))
      .map(el => el.innerText.trim()).join('\\n'));
}
"""

# Text and images of widget areas; each image with the SHA-256 of its bytes (``ipywidgets.Image``
# shows a new blob: URL on every update, so only the bytes tell whether the picture changed).
_JS_WIDGET_AREAS = _JS_PANEL + """
async (selector) => {
  const p = panel();
  if (!p) return [];
  const digest = async (img) => {
    try {
      const bytes = await (await fetch(img.src)).arrayBuffer();
      const hash = await crypto.subtle.digest('SHA-256', bytes);
      return [...new Uint8Array(hash)].map(b => b.toString(16).padStart(2, '0')).join('');
    } catch (error) {
      return 'unreadable: ' + error;
    }
  };
  const areas = [...p.querySelectorAll(selector)].filter(
    (el, i, all) => !all.some(other => other !== el && other.contains(el)));
  return Promise.all(areas.map(async area => {
    const imgs = [...area.querySelectorAll('img')];
    return {
      text: area.innerText.trim(),
      images: imgs.map(img => img.getAttribute('src') || ''),
      digests: await Promise.all(imgs.map(digest)),
    };
  }));
}
"""
#: An ipywidgets ``Output`` area.
OUTPUT_AREA = ".widget-output"
#: The whole rendered widget of a cell output (e.g. a VBox of slider, HTML text and Image).
WIDGET_VIEW = ".jp-OutputArea-output:has(.jupyter-widgets)"


@dataclass(frozen=True)
class Slider:
    """What the page shows of one ipywidgets slider: its description, its readout text and that
    readout as a number ("80%" gives 0.8; None when it is not a number, e.g. a SelectionSlider)."""

    index: int
    description: str
    readout: str
    value: float | None


@dataclass(frozen=True)
class WidgetOutput:
    """The visible text of a widget area, its images' ``src`` and the SHA-256 of each image's bytes."""

    text: str
    images: tuple[str, ...]
    digests: tuple[str, ...]


def _number(text: str) -> float | None:
    """A readout as a number: "0.90" -> 0.9, "1,000" -> 1000.0, "80%" -> 0.8; None if not a number."""
    text = text.strip().replace(",", "")
    scale = 100.0 if text.endswith("%") else 1.0
    try:
        return float(text.rstrip("%").strip()) / scale
    except ValueError:
        return None


class Notebook:
    """A notebook open in its own page of the lab."""

    def __init__(self, lab: Lab, page: Any, path: str):
        self.lab = lab
        self.page = page
        self.path = path
        self.closed = False

    # -- state ------------------------------------------------------------------------------
    def code_sources(self) -> list[str]:
        """Sources of the notebook's code cells, read from its file in the lab's root."""
        data = json.loads((self.lab.server.root / self.path).read_text(encoding="utf-8"))
        sources = [c.get("source", "") for c in data.get("cells", []) if c.get("cell_type") == "code"]
        return ["".join(s) if isinstance(s, list) else s for s in sources]

    def cells(self) -> dict[str, Any]:
        """Kernel status and, per code cell, its prompt, execution count and whether it is empty."""
        return self.page.evaluate(_JS_CELLS) or {"status": None, "cells": [], "dialog": False}

    def kernel_status(self) -> str | None:
        return self.cells()["status"]

    def wait_for(self, condition: Callable[[], T], timeout: float = 30.0, what: str = "a condition") -> T:
        """Poll ``condition`` until truthy (returned) or time out with an error naming ``what``."""
        return wait_until(condition, timeout=timeout, what=f"{what} in {self.path}", describe=self._describe)

    def _describe(self) -> str:
        try:
            state = self.cells()
            prompts = " ".join(c["prompt"] or "[ ]" for c in state["cells"])
            errors = self.errors()
        except Exception as error:  # noqa: BLE001 - only used to enrich a time-out message
            return f"(page state unavailable: {error})"
        text = f"kernel: {state['status']}; prompts: {prompts}"
        if errors:
            text += "\nerror outputs:\n" + "\n---\n".join(errors)
        return text

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        """Wait for the notebook to show with an idle kernel (accepting a kernel-choice dialog)."""

        def ready() -> bool:
            state = self.cells()
            if state["dialog"]:
                accept = self.page.locator(".jp-Dialog .jp-mod-accept")
                if accept.count():
                    accept.first.click()
                return False
            if state["status"] != "idle" or len(state["cells"]) != expected:
                return False
            # The page shows "idle" for a moment before its kernel even starts; only the server
            # knows when this notebook's kernel is up and the page is connected to it.
            return any(
                session.get("path") == self.path and (kernel := session.get("kernel") or {})
                and kernel.get("execution_state") == "idle" and kernel.get("connections", 0) >= 1
                for session in self.lab.server.api("sessions")
            )

        expected = len(self.code_sources())
        self.wait_for(ready, timeout, "the notebook to open with an idle kernel")

    # -- actions ----------------------------------------------------------------------------
    def run_all(self, timeout: float = 120.0) -> None:
        """Run > Run All Cells, then wait until the kernel is idle and every non-empty code cell ran.

        Raises :class:`HarnessError` when execution stopped early (a cell failed); the message
        carries the error outputs.
        """
        empty = [not source.strip() for source in self.code_sources()]
        before = max((c["count"] or 0 for c in self.cells()["cells"]), default=0)

        def started() -> bool:
            cells = self.cells()["cells"]
            return any(c["running"] or (c["count"] or 0) > before for c in cells)

        for attempt in range(1, 4):
            self._click_run_all()
            try:
                wait_until(started, timeout=5 * attempt, what="Run All to start", interval=0.05)
                break
            except HarnessError:
                self.screenshot(f"run_all_not_started_{Path(self.path).stem}_{attempt}")
                if attempt == 3:
                    raise HarnessError(f"Run All did not start in {self.path} after 3 tries; {self._describe()}")

        def finished() -> dict[str, Any] | None:
            state = self.cells()
            cells = state["cells"]
            if state["status"] != "idle" or any(c["running"] for c in cells):
                return None
            if len(cells) == len(empty) and all(e or (c["count"] or 0) > before for c, e in zip(cells, empty)):
                return state
            return state if self.errors() else None  # stopped at a failing cell

        state = self.wait_for(finished, timeout, "Run All to finish")
        not_run = [i for i, (c, e) in enumerate(zip(state["cells"], empty)) if not e and (c["count"] or 0) <= before]
        if not_run:
            raise HarnessError(
                f"Run All stopped early in {self.path}: code cells {not_run} did not run.\n"
                + "\n---\n".join(self.errors())
            )

    def _click_run_all(self) -> None:
        """Run menu > Run All Cells, as a student does (waiting for the item to be enabled)."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        item = self.page.locator("li[data-command='runmenu:run-all']:not(.lm-mod-disabled)")
        item.click()

    def errors(self) -> list[str]:
        """Texts of every error or stderr output in the notebook (widget outputs included), then
        each entry of JupyterLab's log console prefixed ``"log console: "``: output a widget
        callback sends outside any Output widget (an exception, a warning) lands only there."""
        return [*self.page.evaluate(_JS_ERRORS), *(f"log console: {entry}" for entry in self.log_console())]

    def log_console(self, timeout: float = 10.0) -> list[str]:
        """Entries of this notebook's log console; [] when its status-bar item is hidden (no entries).

        Reading them opens the log console panel (it stays open, which a screenshot then shows).
        """
        item = self.page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)")
        if not item.count():
            return []
        entries = ".jp-LogConsolePanel .jp-Scrolling:not(.lm-mod-hidden) .jp-OutputArea-output"
        if not self.page.locator(".jp-LogConsolePanel").count():
            item.first.click()
        self.wait_for(lambda: self.page.locator(entries).count(), timeout, "log console entries")
        return [text.strip() for text in self.page.locator(entries).all_inner_texts()]

    def popups(self) -> list[str]:
        """Texts of the dialogs and notification toasts on show (e.g. JupyterLab's news question,
        which would cover outputs in screenshots): a test asserts there are none."""
        return [text.strip() for text in self.page.locator(".jp-Dialog, .Toastify__toast").all_inner_texts()]

    def sliders(self) -> list[Slider]:
        """The ipywidgets sliders on show, in page order."""
        return [
            Slider(i, s["description"], s["readout"], _number(s["readout"]))
            for i, s in enumerate(self.page.evaluate(_JS_SLIDERS))
        ]

    def outputs(self) -> list[str]:
        """The output text of each code cell (prompts left out), in order ("" for none)."""
        return list(self.page.evaluate(_JS_CELL_OUTPUTS))

    def slider(self, which: int | str) -> Slider:
        """A slider by index, or by a piece of its description (first match)."""
        sliders = self.sliders()
        if isinstance(which, int):
            if not -len(sliders) <= which < len(sliders):
                raise HarnessError(f"slider index {which} out of range: the notebook shows {len(sliders)} slider(s)")
            return sliders[which]
        for slider in sliders:
            if which.lower() in slider.description.lower():
                return slider
        found = ", ".join(repr(s.description) for s in sliders) or "none"
        raise HarnessError(f"no slider whose description contains {which!r}; sliders on show: {found}")

    def move_slider(self, which: int | str, steps: int, timeout: float = 10.0) -> Slider:
        """Focus a slider's handle and press ArrowRight (``steps`` > 0) or ArrowLeft ``|steps|`` times.

        Waits until the readout shows the new value and returns the slider as it is then.
        """
        slider = self.slider(which)
        handle = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider").nth(slider.index).locator(
            ".noUi-handle")
        # Focus by script: Playwright's own focus/press wait for the (re-rendering) page to be
        # "stable", which took tens of seconds on a loaded machine.
        handle.evaluate("el => { el.scrollIntoView({block: 'center'}); el.focus(); }")
        self.wait_for(lambda: handle.evaluate("el => document.activeElement === el"), timeout,
                      f"slider {slider.description!r} to take the keyboard focus")
        key = "ArrowRight" if steps > 0 else "ArrowLeft"
        for _ in range(abs(steps)):
            self.page.keyboard.press(key)
        if steps == 0:
            return slider
        return self.wait_for(
            lambda: (now := self.sliders()[slider.index]).readout != slider.readout and now,
            timeout, f"slider {slider.description!r} to move from {slider.readout}",
        )

    def widget_outputs(self) -> list[WidgetOutput]:
        """Each ipywidgets ``Output`` area (outermost ones), in page order."""
        return self._widget_areas(OUTPUT_AREA)

    def widget_views(self) -> list[WidgetOutput]:
        """Each cell output that shows a widget (the whole app: controls, HTML text, images, Output
        areas inside it), in page order."""
        return self._widget_areas(WIDGET_VIEW)

    def _widget_areas(self, selector: str) -> list[WidgetOutput]:
        return [
            WidgetOutput(a["text"], tuple(a["images"]), tuple(a["digests"]))
            for a in self.page.evaluate(_JS_WIDGET_AREAS, selector)
        ]

    def wait_for_change(
        self, read: Callable[[], T], before: T, timeout: float = 15.0, settle: float = 0.3,
        until: Callable[[T], object] | None = None,
    ) -> T:
        """Poll ``read()`` until it differs from ``before`` (and satisfies ``until``, if given), the
        kernel is idle and the value has stayed the same for ``settle`` seconds, so that a
        half-redrawn widget (new text, old chart) is never returned."""
        last: dict[str, Any] = {"value": None, "since": 0.0}

        def changed_and_settled() -> tuple[T] | None:
            value = read()
            now = time.monotonic()
            if value == before or (until is not None and not until(value)) or self.kernel_status() != "idle":
                last.update(value=None, since=now)
                return None
            if value != last["value"]:
                last.update(value=value, since=now)
                return None
            return (value,) if now - last["since"] >= settle else None

        return self.wait_for(changed_and_settled, timeout, f"{getattr(read, '__name__', 'the output')} to change")[0]

    def show_widget(self, code: str, slider: str) -> None:
        """Scroll the code cell containing ``code`` into view and wait until a slider whose description
        contains ``slider`` shows (JupyterLab renders cells far from the viewport lazily)."""
        cell = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text=code).first
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-OutputArea").first.scroll_into_view_if_needed()
        self.wait_for(lambda: any(slider.lower() in s.description.lower() for s in self.sliders()),
                      what=f"the slider {slider!r} to show")

    def find_widget(self, parse: Callable[[str], T | None], what: str,
                    timeout: float = 30.0) -> tuple[WidgetOutput, T]:
        """The first widget view with a chart whose text ``parse`` reads (not None), and what it read."""
        def found() -> tuple[WidgetOutput, T] | None:
            for view in self.widget_views():
                value = parse(view.text)
                if view.images and value is not None:
                    return view, value
            return None

        return self.wait_for(found, timeout=timeout, what=what)

    def wait_for_widget_redraw(self, parse: Callable[[str], T | None], before: list[WidgetOutput],
                               expected: Callable[[T], bool], timeout: float = 30.0) -> tuple[WidgetOutput, T]:
        """Wait until the widget views differ from ``before`` and one of them, with a chart, reads (through
        ``parse``) a value that ``expected`` accepts; return that view and value."""
        def matches(views: list[WidgetOutput]) -> tuple[WidgetOutput, T] | None:
            for view in views:
                value = parse(view.text)
                if view.images and value is not None and expected(value):
                    return view, value
            return None

        views = self.wait_for_change(self.widget_views, before, timeout=timeout, until=matches)
        result = matches(views)
        assert result is not None
        return result

    def wait_for_outputs_change(self, before: list[WidgetOutput], timeout: float = 15.0) -> list[WidgetOutput]:
        """Shorthand: :meth:`wait_for_change` on :meth:`widget_outputs`."""
        return self.wait_for_change(self.widget_outputs, before, timeout)

    def scroll_to_cell(self, index: int) -> None:
        """Scroll code cell ``index`` (negative counts from the end) to the middle of the view."""
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell").nth(index).evaluate(
            "el => el.scrollIntoView({block: 'center'})")

    def screenshot(self, name: str, scroll_to: str | None = None) -> Path:
        """Save a PNG of the page as ``<artifacts>/<name>.png``; optionally scroll the first element
        matching the CSS selector ``scroll_to`` into view first."""
        if scroll_to:
            target = self.page.locator(scroll_to).first
            target.evaluate("el => el.scrollIntoView({block: 'center'})")
        self.lab.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.lab.artifacts / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        """Shut down this notebook's kernel and close its page."""
        if self.closed:
            return
        self.closed = True
        try:
            self.lab.server.shutdown_kernels(self.path)
        except (OSError, HarnessError, ValueError):
            pass  # server already gone: LabServer.stop checks for leftover processes
        self.page.close()
