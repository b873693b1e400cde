"""`make lab` (= `python kit.py lab`) really starts JupyterLab on the start-here notebook;
`make lab LANG=zh` / `kit.py lab --zh` on the Chinese edition's (notebooks/zh/00_start_here.ipynb).

Run as a user without a display would: CI=1 (no browser), LAB_PORT set, every Jupyter/IPython state
folder in a temp dir. The test waits for the server, checks what was printed and what is served,
then stops the whole process group and checks that nothing of it is left running.
On first use kit.py installs the kit into .venv (about a minute); that counts towards the wait.
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
import urllib.request
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[1]
LESSON = REPO / "notebooks" / "00_start_here.ipynb"
LESSON_ZH = REPO / "notebooks" / "zh" / "00_start_here.ipynb"
EN_PAGE, ZH_PAGE = "notebooks/00_start_here.ipynb", "notebooks/zh/00_start_here.ipynb"
SERVING = re.compile(r"Serving notebooks from local directory: (.+)")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="stops the server through a POSIX process group")

INSTALL_TIMEOUT = 300.0  # a first-time pip install into .venv
START_TIMEOUT = 90.0  # from "[kit] starting JupyterLab" to /api/status answering


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, token: str) -> tuple[int, bytes]:
    """GET without any proxy, authenticated with the server's token."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with opener.open(request, timeout=5) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code), error.read()


def group_members(pgid: int) -> list[int]:
    """Running (non-zombie) processes of process group ``pgid``."""
    members = []
    for proc in psutil.process_iter(["pid", "status"]):
        try:
            if os.getpgid(proc.info["pid"]) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                members.append(proc.info["pid"])
        except (ProcessLookupError, PermissionError):
            pass
    return members


def wait_for(condition, timeout: float, what: str, log: Path, proc: subprocess.Popen[bytes]):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if proc.poll() is not None:
            raise AssertionError(f"`kit.py lab` exited with code {proc.returncode} before {what}:\n{log.read_text()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}:\n{log.read_text()}")
        time.sleep(0.2)


def url_pattern(page: str) -> re.Pattern[str]:
    """The printed URL opens ``page`` directly, inside a server rooted at the kit's folder."""
    return re.compile(r"(http://127\.0\.0\.1:(\d+))/lab/tree/" + re.escape(page) + r"\?token=([0-9a-f]+)")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_make_lab_serves_start_here_and_stops_cleanly(tmp_path: Path, language: str) -> None:
    if language == "en":
        lesson, options = LESSON, []
        assert lesson.is_file(), f"{lesson.relative_to(REPO)} is missing: `make lab` opens it"
    else:
        lesson, options = LESSON_ZH, ["--zh"]
        if not lesson.is_file():
            pytest.skip(f"{ZH_PAGE} is not in this checkout yet: `kit.py lab --zh` opens it "
                        "(test_lab_names_a_missing_start_page checks the refusal meanwhile)")
    URL = url_pattern(lesson.relative_to(REPO).as_posix())
    state = {name: tmp_path / name for name in ("config", "data", "runtime", "ipython", "workspaces", "settings")}
    for folder in state.values():
        folder.mkdir()
    port = free_port()
    env = dict(os.environ, CI="1", LAB_PORT=str(port),
               JUPYTER_CONFIG_DIR=str(state["config"]), JUPYTER_DATA_DIR=str(state["data"]),
               JUPYTER_RUNTIME_DIR=str(state["runtime"]), IPYTHONDIR=str(state["ipython"]))
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_TOKEN"):
        env.pop(name, None)
    extra = ["--ServerApp.ip=127.0.0.1", f"--LabApp.workspaces_dir={state['workspaces']}",
             f"--LabApp.user_settings_dir={state['settings']}"]
    log = tmp_path / "kit-lab.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(REPO / "kit.py"), "lab", *options, *extra], cwd=tmp_path, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    pgid = proc.pid
    try:
        wait_for(lambda: "[kit] starting JupyterLab" in log.read_text(), INSTALL_TIMEOUT, "kit.py to start JupyterLab",
                 log, proc)
        started = time.monotonic()
        match = wait_for(lambda: URL.search(log.read_text()), START_TIMEOUT, "the URL to be printed", log, proc)
        base, printed_port, token = match.group(1), int(match.group(2)), match.group(3)
        wait_for(lambda: get(f"{base}/api/status", token)[0] == 200, START_TIMEOUT, "/api/status", log, proc)
        startup = time.monotonic() - started
        output = log.read_text()

        assert "[kit] no display found: not opening a browser; open the URL printed below" in output
        assert printed_port == port, f"LAB_PORT={port} was not used: the server printed {base}"
        assert startup < START_TIMEOUT

        # The lesson is served: find its path under the folder the server serves.
        root = Path(SERVING.search(output).group(1).strip())
        assert root == REPO, f"the server should serve the whole kit (so exercises/ is reachable), not {root}"
        lesson_path = lesson.relative_to(root).as_posix()
        status, body = get(f"{base}/api/contents/exercises?content=1", token)
        assert status == 200 and json.loads(body)["type"] == "directory"
        status, body = get(f"{base}/api/contents/{lesson_path}?content=0", token)
        assert status == 200, body[:300]
        assert json.loads(body)["type"] == "notebook"
        status, page = get(f"{base}/lab/tree/{lesson_path}", token)
        assert status == 200
        assert f'"treePath": "{lesson_path}"' in page.decode("utf-8")
        # State stayed in our temp folders, not in the user's home.
        assert list(state["runtime"].glob("jpserver-*.json")), "the server did not use JUPYTER_RUNTIME_DIR"
    finally:
        try:
            os.killpg(pgid, signal.SIGTERM)  # kit.py and the jupyter it started share this group
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            proc.wait(timeout=10)
        deadline = time.monotonic() + 20
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        leftovers = group_members(pgid)
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert leftovers == [], f"processes of `kit.py lab` still running after SIGTERM: {leftovers}"
    assert not list(state["runtime"].glob("jpserver-*.json")), "JupyterLab did not shut down cleanly"


# Which start page `lab` picks, checked without starting a server: a copy of kit.py and the Makefile in an
# empty folder has no start pages, so `lab` stops at once with a message naming the page it would open.
@pytest.fixture()
def bare_kit(tmp_path: Path) -> Path:
    for name in ("kit.py", "Makefile"):
        (tmp_path / name).write_bytes((REPO / name).read_bytes())
    return tmp_path


def run_bare(kit: Path, command: list[str], lang: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="1")
    env.pop("LANG", None)
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(command, cwd=kit, env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("command", "lang", "page"), [
    (["kit.py", "lab"], None, EN_PAGE),
    (["kit.py", "lab"], "zh_CN.UTF-8", EN_PAGE),  # a Chinese locale is not a choice of edition
    (["kit.py", "lab"], "C.UTF-8", EN_PAGE),
    (["kit.py", "lab", "--zh"], "en_US.UTF-8", ZH_PAGE),
    (["kit.py", "lab", "--language", "zh"], None, ZH_PAGE),
    (["kit.py", "lab", "--language=zh"], None, ZH_PAGE),
    (["kit.py", "lab", "--language", "en"], "zh", EN_PAGE),  # the option wins over LANG
    (["kit.py", "lab"], "zh", ZH_PAGE),
    (["make", "lab"], "zh_CN.UTF-8", EN_PAGE),
    (["make", "lab", "LANG=zh"], "zh_CN.UTF-8", ZH_PAGE),
])
def test_lab_names_a_missing_start_page(bare_kit: Path, command: list[str], lang: str | None, page: str) -> None:
    if command[0] == "make" and shutil.which("make") is None:
        pytest.skip("make is not installed")
    full = ["make", "-s", f"PYTHON={sys.executable}", *command[1:]] if command[0] == "make" \
        else [sys.executable, *command]
    done = run_bare(bare_kit, full, lang)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert f"the start page of the {'Chinese' if page == ZH_PAGE else 'English'} edition is missing: {page}" in output
    assert "starting JupyterLab" not in output and not (bare_kit / ".venv").exists(), "it went on instead of stopping"


def test_lab_refuses_an_unknown_language(bare_kit: Path) -> None:
    done = run_bare(bare_kit, [sys.executable, "kit.py", "lab", "--language", "fr"], None)
    assert done.returncode != 0
    assert "--language must be one of: en, zh; got 'fr'" in done.stderr
