#!/usr/bin/env python3
"""The kit's two commands, for every platform: ``python kit.py lab`` and ``python kit.py test``.

``python kit.py lab --zh`` (or ``--language zh``; ``make lab LANG=zh``) opens the Chinese edition.

``make lab`` / ``make test`` call this script; on Windows without make, run it directly
(``py kit.py lab``). On first use it makes ``.venv`` next to this file and installs the kit
into it; later runs reinstall only when ``pyproject.toml`` has changed.

Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 10)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def say(message: str) -> None:
    print(f"[kit] {message}", flush=True)


def ensure_python() -> None:
    if sys.version_info < MIN_PYTHON:
        found = ".".join(map(str, sys.version_info[:3]))
        sys.exit(
            f"[kit] Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer is needed; this is Python {found} "
            f"({sys.executable}). Install a newer Python, or use conda: conda env create -f environment.yml"
        )


def install_stamp(extras: str) -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()[:16]
    return VENV / f".kit-installed-{extras or 'base'}-{digest}"


def ensure_venv(extras: str) -> Path:
    """Make .venv and install the kit (with the given extras) unless already done for this pyproject.

    An install with the test extras includes the base install, so ``lab`` after ``test`` installs nothing.
    """
    ensure_python()
    py = venv_python()
    if not py.exists():
        say(f"making a virtual environment in {VENV} (first use only)")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = install_stamp(extras)
    if not stamp.exists() and not (extras == "" and install_stamp("test").exists()):
        target = f".[{extras}]" if extras else "."
        say(f"installing the kit and its dependencies ({target}); this takes about a minute the first time")
        subprocess.run(
            [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
            cwd=ROOT,
            check=True,
        )
        for old in VENV.glob(f".kit-installed-{extras or 'base'}-*"):
            old.unlink()
        stamp.touch()
    return py


def has_display() -> bool:
    """True where a web browser can be opened for the user."""
    if os.environ.get("CI"):
        return False
    system = platform.system()
    if system in ("Darwin", "Windows"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


START_PAGES = {"en": "notebooks/00_start_here.ipynb", "zh": "notebooks/zh/00_start_here.ipynb"}


def lab_language(args: list[str], environ: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The course edition ``lab`` opens, and the arguments left for JupyterLab.

    ``--zh``, ``--en`` or ``--language zh|en`` (also ``--language=zh``) choose it; otherwise the variable
    ``LANG`` does, but only when it is exactly ``zh`` or ``en`` (``make lab LANG=zh``): a locale such as
    ``zh_CN.UTF-8`` is the terminal's setting, not a choice of course, and keeps the English edition.

        >>> lab_language(["--zh", "--port=1"], {})
        ('zh', ['--port=1'])
        >>> lab_language([], {"LANG": "zh_CN.UTF-8"}), lab_language([], {"LANG": "zh"})
        (('en', []), ('zh', []))
    """
    env = os.environ if environ is None else environ
    language = env.get("LANG", "").strip() if env.get("LANG", "").strip() in START_PAGES else "en"
    rest: list[str] = []
    words = iter(args)
    for word in words:
        if word in ("--zh", "--en"):
            language = word[2:]
            continue
        if word == "--language" or word.startswith("--language="):
            value = word.partition("=")[2] if "=" in word else next(words, "")
            if value not in START_PAGES:
                sys.exit(f"[kit] --language must be one of: {', '.join(START_PAGES)}; got {value!r}")
            language = value
            continue
        rest.append(word)
    return language, rest


def lab(args: list[str]) -> int:
    """Open the course in JupyterLab: ``python kit.py lab [--zh | --language zh|en] [JupyterLab options]``."""
    language, args = lab_language(args)
    start = ROOT / START_PAGES[language]
    if not start.is_file():
        say(f"the start page of the {'Chinese' if language == 'zh' else 'English'} edition is missing: "
            f"{START_PAGES[language]} (build it with `make notebooks`, or update your copy of the kit)")
        return 1
    py = ensure_venv("")
    port = os.environ.get("LAB_PORT", "8888")
    # Serve the whole kit (so exercises/ and datasets/ are reachable) and open the edition's start page.
    command = [
        str(py), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url=/lab/tree/{START_PAGES[language]}",
        f"--port={port}", "--ServerApp.port_retries=50",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and some Binder set-ups run as root
    if not has_display():
        say("no display found: not opening a browser; open the URL printed below")
        command.append("--no-browser")
    command += args
    say(f"starting JupyterLab on {START_PAGES[language]}; stop it with Ctrl+C")
    env = dict(os.environ)
    if env.get("LANG", "").strip() in START_PAGES:  # `make lab LANG=zh` chose the course, not a locale
        del env["LANG"]
    return subprocess.call(command, cwd=ROOT, env=env)


def test(args: list[str]) -> int:
    py = ensure_venv("test")
    return subprocess.call([str(py), "-m", "pytest", *args], cwd=ROOT)


def grade(args: list[str]) -> int:
    """Grade submitted exercise notebooks: ``python kit.py grade SUBMISSIONS --out OUT`` (docs/instructors.md)."""
    py = ensure_venv("")
    return subprocess.call([str(py), "-m", "crmlib.grading", *args], cwd=ROOT)


def exercises(args: list[str]) -> int:
    """Build exercises/*.ipynb from their banks: ``python kit.py exercises [--check] [--language zh|all]``."""
    py = ensure_venv("")
    return subprocess.call([str(py), "-m", "crmlib.exercises.build", "--root", str(ROOT), *args], cwd=ROOT)


def notebooks(args: list[str]) -> int:
    """Build notebooks/*.ipynb (and notebooks/zh/) from lessons/en/*.md (and lessons/zh/):
    ``python kit.py notebooks [--check] [--language en|zh|all]``; ``--import [--force]`` writes the
    sources from the committed notebooks instead (docs/authoring.md). Needs jupytext: the test extra."""
    py = ensure_venv("test")
    return subprocess.call([str(py), "-m", "crmlib.authoring", "--root", str(ROOT), *args], cwd=ROOT)


def clean(_: list[str]) -> int:
    shutil.rmtree(VENV, ignore_errors=True)
    say(f"removed {VENV}")
    return 0


COMMANDS = {"lab": lab, "test": test, "grade": grade, "exercises": exercises, "notebooks": notebooks, "clean": clean}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        print("commands:", ", ".join(COMMANDS))
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
