"""What the grader trusts, checked before any student code runs and again before it writes a grade.

``snapshot()`` takes the SHA-256 of every file of the installed kit (``crmlib/``: code, answer
banks, message catalogue) and of every file Python runs at start-up from the environment's
``site-packages`` (``*.pth``, ``sitecustomize``, ``usercustomize``). ``check_start`` compares the
start-up files with the checksum lists the installed packages came with (each distribution's
``RECORD``): a ``.pth`` file that no installed package owns, or one that differs from its
package's list, is refused (``.pth`` lines are run by every Python started in the environment).
When the kit is a git checkout, files that differ from the commit checked out are named in a
warning (an instructor's own bank is a legitimate change; an unexpected name is worth a look).
``changed(before, after)`` names the files that changed during a run.

    >>> first = snapshot(); changed(first, snapshot())
    []
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import site
import subprocess
import sys
from pathlib import Path

__all__ = ["snapshot", "changed", "check_start", "KitChanged", "kit_root", "startup_files"]

PACKAGE = Path(__file__).resolve().parents[1]  # .../crmlib


class KitChanged(RuntimeError):
    """The kit or its environment is not what was installed."""


def kit_root() -> Path:
    """The folder that holds the ``crmlib`` package (the kit's checkout, or site-packages)."""
    return PACKAGE.parent


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _site_dirs() -> list[Path]:
    dirs = [Path(p) for p in site.getsitepackages()]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def startup_files() -> list[Path]:
    """Files Python runs when it starts in this environment: ``*.pth`` and the customize hooks."""
    found: list[Path] = []
    for folder in _site_dirs():
        found += sorted(folder.glob("*.pth"))
        found += [folder / n for n in ("sitecustomize.py", "usercustomize.py") if (folder / n).exists()]
    return found


def snapshot() -> dict[str, str]:
    """``{path: sha256}`` of every kit file and start-up file, now."""
    files: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        files[str(path)] = _sha256(path)
    for path in startup_files():
        files[str(path)] = _sha256(path) if path.is_file() else "not a file"
    return files


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The paths added, removed or changed between two snapshots, sorted."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def _records() -> dict[Path, str]:
    """Every file listed in an installed distribution's RECORD, with its recorded sha256 (hex)."""
    listed: dict[Path, str] = {}
    for folder in _site_dirs():
        for record in folder.glob("*.dist-info/RECORD"):
            try:
                rows = list(csv.reader(io.StringIO(record.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError):
                continue
            for row in rows:
                if len(row) < 2 or not row[1].startswith("sha256="):
                    continue
                if not (row[0].endswith((".pth", "customize.py")) or row[0].startswith("crmlib/")):
                    continue
                raw = row[1][len("sha256="):]
                digest = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).hex()
                listed[(folder / row[0]).resolve()] = digest
    return listed


def _git_differences(root: Path) -> list[str]:
    """Files under ``crmlib/`` that differ from the checked-out commit (empty if not a git checkout)."""
    if not (root / ".git").exists():
        return []
    try:
        done = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all", "--", "crmlib"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return [line[3:] for line in done.stdout.splitlines() if line[3:] and "__pycache__" not in line]


def check_start() -> list[str]:
    """Refuse foreign start-up files (``KitChanged``); return warnings about local changes to the kit."""
    listed = _records()
    foreign = []
    for path in startup_files():
        recorded = listed.get(path.resolve())
        if recorded is None:
            foreign.append(f"{path} (no installed package lists it)")
        elif not path.is_file() or _sha256(path) != recorded:
            foreign.append(f"{path} (differs from its package's checksum list)")
    if foreign:
        raise KitChanged(
            "the Python environment runs files at start-up that were not installed with it: "
            + "; ".join(foreign) + ". Remove them (or reinstall the environment: make clean) before grading."
        )
    listed_kit = {p: h for p, h in listed.items() if PACKAGE in p.parents}
    warnings = []
    if listed_kit:  # installed from a wheel: every kit file has a recorded checksum
        for path, digest in sorted(listed_kit.items()):
            if not path.is_file() or _sha256(path) != digest:
                warnings.append(str(path))
        extra = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts and p.resolve() not in listed_kit]
        warnings += [f"{p} (not installed with the kit)" for p in extra]
        if warnings:
            raise KitChanged("the installed kit differs from its checksum list: " + "; ".join(warnings))
        return []
    differences = _git_differences(kit_root())
    if differences:
        warnings.append("the kit differs from its git commit in: " + ", ".join(differences[:20])
                        + (" ..." if len(differences) > 20 else "") + " (these files grade this run)")
    return warnings


if __name__ == "__main__":  # pragma: no cover
    print("\n".join(check_start()) or "ok", file=sys.stderr)
    os._exit(0)
