"""Each submission's kernel in a bubblewrap sandbox: what it may see, and how much it may use.

On Linux the grader starts every kernel under ``bwrap`` (Debian package ``bubblewrap``): the whole
file system read-only; private, size-capped tmpfs over ``/tmp``, ``/var/tmp``, ``/home``, ``/root``,
``/run``, ``/dev/shm`` and the grader's HOME; the kit and its Python environment read-only; the
class folder, the output folder and any ``hide`` folder covered by an empty tmpfs (even inside the
kit's folder); one fresh folder (``exchange``) bind-mounted for the kernel's sockets, work folder,
HOME and answer files; new PID, network, IPC, UTS and cgroup namespaces, so the kernel sees no
other process and has no network, and everything it starts dies with it (``--die-with-parent``:
killing bwrap ends the PID namespace); no capabilities; a short allow-listed environment.

As an ordinary user, bwrap also makes a user namespace (``--unshare-all``) and the kernel runs as
that user. As root it does not: in a user namespace made by root the sandbox's user would own
root's files. There the kernel starts with only CAP_SETUID/CAP_SETGID and, before anything is read
from the environment (``python -I -S``), becomes a user of its own for good (``FIRST_UID`` + its
slot), so files only root may read stay unreadable and no two sandboxes share a user.

Limits per kernel (``Limits``): address space of each process (``RLIMIT_AS``) and, watched by the
grader, the resident memory of all the sandbox's processes together; processes and threads
(``RLIMIT_NPROC``, counted for the sandbox's own user or user namespace); size of any one file written
(``RLIMIT_FSIZE``) and of each tmpfs; CPU seconds (``RLIMIT_CPU``); open files; no core dumps.

The kernel talks to the grader over ZeroMQ ``ipc`` sockets in the exchange folder (the network
namespace has its own loopback, so TCP to the grader cannot work) and is interrupted by a
message (``interrupt_mode: "message"``): a SIGINT sent to the process group would stop bwrap.

    >>> limits = Limits(memory_mb=1024, processes=32)
    >>> [name for name, _ in limits.rlimits()][:3]
    ['RLIMIT_AS', 'RLIMIT_NPROC', 'RLIMIT_FSIZE']
    >>> Limits(memory_mb=0)
    Traceback (most recent call last):
    ...
    ValueError: memory_mb must be a whole number > 0; got 0
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Limits", "Sandbox", "find_bwrap", "sandbox_works", "kernel_argv", "FIRST_UID", "NoSandbox",
           "ENV_BWRAP"]

ENV_BWRAP = "CRMLIB_BWRAP"  # another bwrap executable (tests point it at one that fails)


class NoSandbox(RuntimeError):
    """bubblewrap is missing or cannot make a sandbox on this machine."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission's sandbox (all per kernel).

    ``memory_mb``: address space of each process, and resident memory of all of them together;
    ``processes``: processes and threads; ``file_mb``: largest file written, and size of each
    tmpfs; ``cpu_seconds``: CPU time of each process (None: the notebook's total time limit).
    """

    memory_mb: int = 2048
    processes: int = 64
    file_mb: int = 200
    cpu_seconds: int | None = None
    open_files: int = 1024

    def __post_init__(self) -> None:
        for name in ("memory_mb", "processes", "file_mb", "open_files", "cpu_seconds"):
            value = getattr(self, name)
            if name == "cpu_seconds" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a whole number > 0; got {value!r}")

    def rlimits(self, cpu_default: float = 600) -> list[tuple[str, int]]:
        """The ``resource`` limits set in the sandbox before the kernel starts."""
        cpu = self.cpu_seconds if self.cpu_seconds is not None else int(cpu_default) + 5
        return [("RLIMIT_AS", self.memory_mb << 20), ("RLIMIT_NPROC", self.processes),
                ("RLIMIT_FSIZE", self.file_mb << 20), ("RLIMIT_CPU", cpu), ("RLIMIT_NOFILE", self.open_files),
                ("RLIMIT_CORE", 0)]


def find_bwrap() -> str | None:
    """The bwrap executable: ``$CRMLIB_BWRAP`` if set, else ``bwrap`` on PATH (None if missing)."""
    chosen = os.environ.get(ENV_BWRAP)
    if chosen:
        return chosen
    return shutil.which("bwrap")


_CHECKED: dict[str, str] = {}


def sandbox_works(bwrap: str | None = None) -> str:
    """'' if a sandbox can be made here, else why not (one line). Checked once per executable.

    Runs ``true`` in the same kind of sandbox the kernels get (with user and PID namespaces).
    """
    bwrap = bwrap or find_bwrap()
    if not sys.platform.startswith("linux"):
        return f"bubblewrap sandboxes need Linux; this is {sys.platform}"
    if not bwrap:
        return "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    if bwrap in _CHECKED:
        return _CHECKED[bwrap]
    command = [bwrap, *_namespaces(), "--die-with-parent", "--ro-bind", "/", "/",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--", "true"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=30)
        problem = "" if done.returncode == 0 else (
            f"{bwrap} cannot make a sandbox here (exit {done.returncode}: "
            f"{' '.join(done.stderr.decode(errors='replace').split())[:200]})")
    except (OSError, subprocess.SubprocessError) as error:
        problem = f"{bwrap} cannot run: {type(error).__name__}: {error}"
    _CHECKED[bwrap] = problem
    return problem


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _namespaces() -> list[str]:
    """bwrap's namespace options. As root, every namespace but the user one (in a user namespace
    made by root, the sandbox's user would own root's files): the launcher then drops to a user of
    its own. Otherwise ``--unshare-all`` (with a user namespace), as the grader's own user."""
    if _is_root():
        return ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return ["--unshare-all", "--cap-drop", "ALL"]


def _python_roots() -> list[Path]:
    """Folders the kernel's Python needs: the environment and the installation it was made from."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve(),
             Path(sys.executable).resolve().parent}
    return sorted(roots)


# Runs first in the sandbox, with ``python -I -S`` (no site, so no file of the environment is read
# yet): as root, it becomes the sandbox's own user for good; then the limits; then ``site`` (the
# environment's packages) and the kernel.
_LAUNCHER = """\
import os, resource, runpy, sys
_uid = {uid!r}
if _uid is not None and os.getuid() == 0:
    os.setgroups([]); os.setgid(_uid); os.setuid(_uid)
    try:
        os.setuid(0)
    except PermissionError:
        pass
    else:
        os._exit(70)
for _name, _value in {limits!r}:
    _kind = getattr(resource, _name)
    _hard = resource.getrlimit(_kind)[1]
    _value = _value if _hard == resource.RLIM_INFINITY else min(_value, _hard)
    resource.setrlimit(_kind, (_value, _value))
del _name, _value, _kind, _hard, _uid
os.chdir({work!r})
import site
site.main()
sys.argv = ["ipykernel_launcher"] + sys.argv[1:]
runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
"""

FIRST_UID = 64000  # a root grader runs sandbox number n as user FIRST_UID + n (no other process has it)


@dataclass
class Sandbox:
    """How to wrap one kernel: the folders to show read-only, to hide, and the limits.

    ``kit``: the kit's folder (shown read-only); ``hide``: folders covered by an empty tmpfs (the
    class folder, the output folder, anything private); ``bwrap``: the executable; ``slot``: the
    number of the sandbox among those running at once (a root grader gives each its own user).
    """

    kit: Path
    hide: list[Path] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    bwrap: str = "bwrap"
    slot: int = 0

    @property
    def uid(self) -> int | None:
        """The user the kernel runs as (None: the grader's own, when the grader is not root)."""
        return FIRST_UID + self.slot if _is_root() else None

    def argv(self, exchange: Path, python_argv: list[str], cpu_default: float = 600) -> list[str]:
        """The bwrap command line that runs ``python_argv`` (after the interpreter) in a sandbox.

        As root, bwrap makes every namespace but the user one (in a user namespace made by root,
        the sandbox's user would own root's files) and the launcher drops to ``uid``; otherwise
        ``--unshare-all`` with a user namespace, as the grader's own user.
        """
        size = str(self.limits.file_mb << 20)
        args = [self.bwrap, *_namespaces(), "--die-with-parent", "--new-session", "--hostname", "sandbox",
                 "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"]
        shown = [self.kit.resolve(), *_python_roots()]
        system = [Path(p) for p in ("/tmp", "/var/tmp", "/home", "/root", "/run") if Path(p).is_dir()]
        home = Path(os.path.expanduser("~")).resolve()
        private = [home, *(Path(f).resolve() for f in self.hide)]
        private = [f for f in dict.fromkeys(private) if f.is_dir() and f != Path("/") and f not in system]

        def holds(folder: Path, other: Path) -> bool:
            return folder == other or folder in other.parents

        # a private folder that holds the kit or Python (a kit in HOME) is covered before they are shown
        before = [f for f in private if any(holds(f, s) for s in shown)]
        covered = [*system, *before]
        for folder in covered:
            args += ["--perms", "1777", "--size", size, "--tmpfs", str(folder)]
        args += ["--perms", "1777", "--size", size, "--tmpfs", "/dev/shm"]
        made: set[Path] = set()

        def parents_of(target: Path) -> list[str]:  # mount points inside a tmpfs: made readable by all
            out: list[str] = []
            for parent in reversed(target.parents):
                if parent in made or parent in covered or not any(holds(c, parent) for c in covered):
                    continue
                made.add(parent)
                out += ["--perms", "0755", "--dir", str(parent)]
            return out

        for folder in shown:
            args += [*parents_of(folder), "--ro-bind", str(folder), str(folder)]
        for folder in private:  # the rest (class folder, OUT, HOME, ...) covered after, even inside the kit
            if folder in before:
                continue
            visible = any(holds(s, folder) for s in shown) or not any(holds(c, folder) for c in covered)
            if visible:
                args += ["--size", "4096", "--tmpfs", str(folder), "--remount-ro", str(folder)]
        exchange = exchange.resolve()
        args += [*parents_of(exchange), "--bind", str(exchange), str(exchange), "--clearenv"]
        for key, value in self.environment(exchange).items():
            args += ["--setenv", key, value]
        launcher = _LAUNCHER.format(uid=self.uid, work=str(exchange / "work"), limits=self.limits.rlimits(cpu_default))
        return [*args, "--", sys.executable, "-I", "-S", "-c", launcher, *python_argv]

    @staticmethod
    def environment(exchange: Path) -> dict[str, str]:
        """The kernel's whole environment: nothing of the grader's but the language settings."""
        home = str(exchange / "home")
        env = {
            "PATH": os.pathsep.join(dict.fromkeys([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])),
            "HOME": home, "TMPDIR": "/tmp", "USER": "student", "LOGNAME": "student",
            "IPYTHONDIR": home + "/.ipython", "MPLCONFIGDIR": str(exchange / "mpl"), "MPLBACKEND": "Agg",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1", "PYTHONDONTWRITEBYTECODE": "1", "MALLOC_ARENA_MAX": "2",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1",
            "LANG": os.environ.get("LANG") or "C.UTF-8",
        }
        for key in ("LC_ALL", "LC_CTYPE", "TZ"):
            if os.environ.get(key):
                env[key] = os.environ[key]
        return env

    @staticmethod
    def popen_kwargs() -> dict[str, object]:
        """Extra Popen arguments for the bwrap process."""
        return {}

    def prepare(self, exchange: Path) -> None:
        """Make ``exchange`` (work, home, matplotlib's font list) usable by the sandbox's user only."""
        for name in ("work", "home", "mpl"):
            (exchange / name).mkdir(exist_ok=True)
        for cached in _font_lists():  # else matplotlib builds its font list again in every kernel
            shutil.copyfile(cached, exchange / "mpl" / cached.name)
        give_to(exchange, self.uid)


def _font_lists() -> list[Path]:
    """matplotlib's cached font lists, found without importing matplotlib or making any folder."""
    places = [os.environ.get("MPLCONFIGDIR", ""), os.path.join(os.environ.get("XDG_CACHE_HOME", ""), "matplotlib")
              if os.environ.get("XDG_CACHE_HOME") else "", os.path.expanduser("~/.cache/matplotlib")]
    for place in places:
        if place and Path(place).is_dir():
            found = sorted(Path(place).glob("fontlist-*.json"))
            if found:
                return found
    return []


def give_to(path: Path, uid: int | None) -> None:
    """Hand ``path`` and what is in it to ``uid`` (None: keep the owner); mode 0700/0600."""
    for item in [path, *path.rglob("*")]:
        if item.is_symlink():
            continue
        os.chmod(item, 0o700 if item.is_dir() else 0o600)
        if uid is not None:
            os.chown(item, uid, uid, follow_symlinks=False)


def kernel_argv(sandbox: Sandbox | None, exchange: Path, cpu_default: float = 600) -> list[str]:
    """The kernel spec's argv: ipykernel in ``sandbox``, or (no sandbox) the grader's own Python."""
    rest = ["-f", "{connection_file}", "--HistoryManager.hist_file=:memory:"]
    if sandbox is None:
        return [sys.executable, "-m", "ipykernel_launcher", *rest]
    return sandbox.argv(exchange, rest, cpu_default)
