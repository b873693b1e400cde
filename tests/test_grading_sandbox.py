"""The grader's sandbox: refused without bubblewrap, the same grades with it, limits that hold.

These tests need bubblewrap (``bwrap``) that can make a sandbox here. Without it they are skipped
with a note, except when ``CI`` is set: there they fail (``.ci/run`` installs bubblewrap).
"""

from __future__ import annotations

import csv
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from crmlib.exercises import exercise_ids, load
from crmlib.grading.batch import grade_folder
from crmlib.grading.report import UnsafeOutput, cell, write_atomic
from crmlib.grading.run import Plan, read_answer_file, run_cells, run_sync
from crmlib.grading.sandbox import ENV_BWRAP, Limits, NoSandbox, Sandbox, sandbox_works

REPO = Path(__file__).resolve().parents[1]


def need_sandbox() -> None:
    problem = sandbox_works()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} [CI is set: the sandbox tests fail instead of being skipped]", pytrace=False)
        pytest.skip(problem)


def notebook(cells: list[str]) -> str:
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                  for c in cells],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    })


def right_answers(exercise_id: str) -> list[str]:
    """A notebook that sets every answer variable of ``exercise_id`` to the bank's first right answer."""
    cells = [f"from crmlib.exercises import load\nfrom crmlib.exercises.questions import examples\n"
             f"ex = load({exercise_id!r})"]
    cells += [f"{q.var} = examples(ex.{q.id}, 'right')[0]" for q in load(exercise_id)]
    return cells


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- without bubblewrap: refuse, unless told
def test_grading_refuses_when_no_sandbox_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "a.ipynb").write_text(notebook(["remaining_after_2_years = 640", "costs_more = 'a'"]))
    monkeypatch.setenv(ENV_BWRAP, "/bin/false")  # a "bwrap" that always fails
    expected = r"/bin/false cannot make a sandbox here" if sys.platform.startswith("linux") else "need Linux"
    with pytest.raises(NoSandbox, match=expected + r".*--unsafe-no-sandbox"):
        grade_folder(subs, tmp_path / "out", progress=None)
    assert not (tmp_path / "out").exists()  # nothing ran, nothing written

    from crmlib.grading.cli import main

    assert main([str(subs), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "no sandbox for the students' code" in capsys.readouterr().err

    monkeypatch.setenv(ENV_BWRAP, str(tmp_path / "no-such-bwrap"))
    assert main([str(subs), "--out", str(tmp_path / "out"), "--quiet", "--unsafe-no-sandbox"]) == 0
    err = capsys.readouterr().err
    assert "WARNING: grading WITHOUT a sandbox" in err and "can read your HOME" in err
    assert read_csv(tmp_path / "out" / "gradebook.csv")[0]["total"] == "3"


def test_limits_are_checked(tmp_path: Path, capsys) -> None:
    with pytest.raises(ValueError, match="processes must be a whole number > 0; got -1"):
        Limits(processes=-1)
    assert dict(Limits(cpu_seconds=None).rlimits(cpu_default=100))["RLIMIT_CPU"] == 105
    from crmlib.grading.cli import main

    assert main([str(tmp_path), "--out", str(tmp_path / "out"), "--memory-mb", "0"]) == 1
    assert "memory_mb must be a whole number > 0; got 0" in capsys.readouterr().err


# ---------------------------------------------------------------- what the grader reads back
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_answer_files_are_read_only_when_they_are_plain_small_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(ValueError, match="not a regular file"):
        read_answer_file(tmp_path / "pipe.json")  # a pipe would block the grader for ever
    (tmp_path / "big.json").write_text("[" + "1," * 600 + "1]")
    with pytest.raises(ValueError, match="too large"):
        read_answer_file(tmp_path / "big.json", limit=1000)
    with pytest.raises(ValueError, match="no answer file"):
        read_answer_file(tmp_path / "none.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_outputs_refuse_what_the_grader_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "gradebook.csv").mkdir()
    with pytest.raises(UnsafeOutput, match="not a regular file"):
        write_atomic(tmp_path / "gradebook.csv", b"x")
    os.mkfifo(tmp_path / "submissions.csv")
    with pytest.raises(UnsafeOutput, match="not a regular file"):
        write_atomic(tmp_path / "submissions.csv", b"x")
    write_atomic(tmp_path / "ok.csv", b"a")
    write_atomic(tmp_path / "ok.csv", b"b")
    assert (tmp_path / "ok.csv").read_bytes() == b"b" and sorted(p.name for p in tmp_path.iterdir()) == \
        ["gradebook.csv", "ok.csv", "submissions.csv"]  # no temporary file left behind
    assert [cell(x) for x in ("=1+1", "+1", "@SUM(A1)", "\tx", "\rx", "-2", "-1+1", 3.0)] == \
        ["'=1+1", "'+1", "'@SUM(A1)", "'\tx", "'\rx", "-2", "'-1+1", "3"]


# ---------------------------------------------------------------- in the sandbox
def test_a_sandboxed_kernel_sees_nothing_of_the_grader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_sandbox()
    monkeypatch.setenv("CRMLIB_TEST_SECRET", "decoy-value")
    hidden = REPO / "test-artifacts" / f"hidden-{os.getpid()}"
    hidden.mkdir(parents=True, exist_ok=True)
    try:
        (hidden / "key.txt").write_text("decoy-key")
        probe = (
            "import os, socket\n"
            f"hidden = os.listdir({str(hidden)!r})\n"
            "env = sorted(k for k in os.environ if 'SECRET' in k)\n"
            "pids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
            "try:\n    socket.create_connection(('1.1.1.1', 80), timeout=2); net = 'reached'\n"
            "except OSError as e:\n    net = type(e).__name__\n"
            "try:\n    open(os.path.join(os.sys.prefix, 'x.pth'), 'w'); ro = 'wrote'\n"
            "except OSError as e:\n    ro = e.errno\n"
            "status = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines() if ':' in l)\n"
            "power = [status['CapEff'].strip(), status['CapPrm'].strip(), status['NoNewPrivs'].strip(), os.getuid()]\n"
            "probe = [hidden, env, len(pids), net, ro, os.getcwd(), os.listdir('.'), power]"
        )
        box = Sandbox(kit=REPO, hide=[hidden])
        out = run_sync(run_cells([probe], Plan(values=["probe"], functions={}), tmp_path, cell_timeout=60,
                                 sandbox=box))
        hidden_seen, env, processes, net, ro, cwd, listing, power = out.values["probe"]["value"]
        assert power[:3] == ["0000000000000000", "0000000000000000", "1"]  # no capability, none to gain
        assert power[3] != 0 and (os.geteuid() != 0 or power[3] == box.uid)
        assert hidden_seen == [] and env == [] and listing == []
        assert processes <= 3  # bwrap's init and the kernel (and its own listing), nothing of the machine
        assert net != "reached" and ro == 30  # EROFS
        assert not cwd.startswith(str(REPO))
    finally:
        import shutil

        shutil.rmtree(hidden, ignore_errors=True)


def test_a_hung_sandbox_is_killed_at_the_hard_limit(tmp_path: Path) -> None:
    need_sandbox()
    plan = Plan(values=["x"], functions={})
    cells = ["x = 1", "import time\nwhile True:\n    time.sleep(1)"]
    out = run_sync(run_cells(cells, plan, tmp_path, cell_timeout=60, total_timeout=60, hard_timeout=8,
                             sandbox=Sandbox(kit=REPO)))
    assert (out.killed, out.state, out.values["x"]) == ("total", "stuck", {"value": 1})
    assert out.seconds < 20


def test_memory_of_all_the_kernels_processes_together_is_capped(tmp_path: Path) -> None:
    need_sandbox()
    plan = Plan(values=["x"], functions={})
    # three processes of 300 MB each: each within its own address-space limit, 900+ MB together
    hog = ("import os, time\nx = 1\nfor _ in range(3):\n    if os.fork() == 0:\n"
           "        block = b'x' * (300 * 2**20)\n        time.sleep(20)\n        os._exit(0)\n"
           "time.sleep(20)")
    out = run_sync(run_cells([hog], plan, tmp_path, cell_timeout=40,
                             sandbox=Sandbox(kit=REPO, limits=Limits(memory_mb=800))))
    assert (out.killed, out.state) == ("memory", "died")
    too_big = run_sync(run_cells(["try:\n    b = bytearray(900 * 2**20); x = 'allocated'\nexcept MemoryError:\n    x = 'refused'"],
                                 plan, tmp_path, cell_timeout=40, sandbox=Sandbox(kit=REPO, limits=Limits(memory_mb=800))))
    assert too_big.values["x"] == {"value": "refused"}  # one allocation past the address-space limit


def test_right_answers_of_every_exercise_grade_the_same_with_and_without_the_sandbox(tmp_path: Path) -> None:
    """The gradebook of the banks' right answers, graded as before (no sandbox) and in the sandbox."""
    need_sandbox()
    subs = tmp_path / "subs"
    for eid in exercise_ids():
        (subs / f"s_{eid}").mkdir(parents=True)
        (subs / f"s_{eid}" / f"{eid}.ipynb").write_text(notebook(right_answers(eid)), encoding="utf-8")
    books = {}
    for mode, unsafe in (("today", True), ("sandbox", False)):
        graded = grade_folder(subs, tmp_path / mode, jobs=2, cell_timeout=120, total_timeout=300, progress=None,
                              unsafe_no_sandbox=unsafe)
        assert {g.status for g in graded} == {"graded"}, [(g.student, g.notes, g.message) for g in graded]
        books[mode] = (tmp_path / mode / "gradebook.csv").read_text(encoding="utf-8")
        rows = read_csv(tmp_path / mode / "gradebook.csv")
        assert len(rows) == len(exercise_ids())
        for r in rows:
            assert float(r["total"]) + float(r["pending"]) == float(r["max_points"]), r
    assert books["sandbox"] == books["today"]
    for mode in books:  # the feedback is the same too
        assert sorted(p.relative_to(tmp_path / mode) for p in (tmp_path / mode).rglob("*.md"))
    feedback = {m: {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / m).rglob("*.md")} for m in books}
    assert feedback["sandbox"] == feedback["today"]


def test_tmpfs_and_file_size_are_capped(tmp_path: Path) -> None:
    need_sandbox()
    plan = Plan(values=["x"], functions={})
    fill = ("import os\nx = []\nfor name in ('/tmp/a', os.path.expanduser('~/b'), '/dev/shm/c'):\n"
            "    try:\n        with open(name, 'wb') as f:\n"
            "            for _ in range(40):\n                f.write(b'0' * 2**20)\n        x.append('full size')\n"
            "    except OSError as e:\n        x.append(e.errno)")
    out = run_sync(run_cells([fill], plan, tmp_path, cell_timeout=60,
                             sandbox=Sandbox(kit=REPO, limits=Limits(file_mb=16))))
    assert out.values["x"]["value"] == [27, 27, 27]  # EFBIG: no file past 16 MB, anywhere


@pytest.mark.skipif(sys.platform != "linux", reason="Linux only")
def test_exchange_folder_belongs_to_the_sandbox_only(tmp_path: Path) -> None:
    box = Sandbox(kit=REPO, slot=3)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    box.prepare(folder)
    mode = stat.S_IMODE(folder.stat().st_mode)
    assert mode == 0o700
    if os.geteuid() == 0:
        assert folder.stat().st_uid == box.uid == 64003


# ---------------------------------------------------------------- the environment is checked before grading
def _fake_site(folder: Path, files: dict[str, bytes], recorded: dict[str, bytes]) -> None:
    import base64
    import hashlib

    for name, data in files.items():
        (folder / name).write_bytes(data)
    info = folder / "demo-1.0.dist-info"
    info.mkdir()
    lines = []
    for name, data in recorded.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    (info / "RECORD").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_start_up_files_no_package_owns_stop_the_grader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crmlib.grading import integrity

    monkeypatch.setattr(integrity, "_site_dirs", lambda: [tmp_path])
    _fake_site(tmp_path, {"demo.pth": b"import demo\n"}, {"demo.pth": b"import demo\n"})
    assert isinstance(integrity.check_start(), list)  # owned, and as installed
    (tmp_path / "zz_evil.pth").write_text("import os; os.system('id')\n")
    with pytest.raises(integrity.KitChanged, match=r"zz_evil.pth \(no installed package lists it\)"):
        integrity.check_start()
    (tmp_path / "zz_evil.pth").unlink()
    (tmp_path / "demo.pth").write_text("import demo; import evil\n")
    with pytest.raises(integrity.KitChanged, match=r"demo.pth \(differs from its package's checksum list\)"):
        integrity.check_start()
    (tmp_path / "demo.pth").write_text("import demo\n")
    (tmp_path / "sitecustomize.py").write_text("print('hi')\n")
    with pytest.raises(integrity.KitChanged, match="sitecustomize.py"):
        integrity.check_start()


def test_a_kit_file_changed_during_a_run_is_named(tmp_path: Path) -> None:
    from crmlib.grading import integrity

    before = integrity.snapshot()
    changed = dict(before)
    some = next(iter(changed))
    changed[some] = "0" * 64
    assert integrity.changed(before, changed) == [some]


def test_the_row_of_a_sandbox_killed_at_the_hard_limit_says_so() -> None:
    from crmlib.grading.batch import _notes, _status
    from crmlib.grading.run import RunOutput
    from crmlib.i18n import set_language

    set_language("en")
    out = RunOutput(state="stuck", killed="total", stopped_at=3, values={"x": {"value": 1}}, checkpoint=2)
    assert _status(out) == "timed out"
    assert any("still running at the limit of {hard} s" in n for n in _notes(out))
    memory = RunOutput(state="died", killed="memory", stopped_at=2)
    assert _status(memory) == "could not run"
    assert _notes(memory, 512)[0] == "The notebook used more than 512 MB of memory and was stopped."
