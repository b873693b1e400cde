"""Find the submissions in a folder: who sent each file, and which exercise it is, from its content.

Every path under the folder gets a row, hidden files and folders included (a file named
``.ipynb`` is a submission too). Links, pipes and other things that are not regular files are
never opened or followed: they get a row saying what they are. The student is the first folder under the submissions
folder (``alice/anything.ipynb`` → ``alice``); a file directly in it is named after the student
(``alice.ipynb``, ``alice_01_crm_background.ipynb``, ``alice-00_start_here (1).ipynb`` → ``alice``).
Other layouts: pass a regular expression with a group named ``student`` (matched against the path
relative to the folder, with ``/`` separators).

The exercise comes from the notebook's content, never its file name (files get renamed): the
``load("01_crm_background")`` call in its code, or failing that, which exercise's answer variables
its cells set::

    >>> exercise_of(['from crmlib.exercises import load', 'ex = load("00_start_here")'], {"00_start_here": ["x"]})
    '00_start_here'
    >>> exercise_of(["x = 1", "y = 2"], {"00_start_here": ["x", "y"], "01_other": ["z"]})
    '00_start_here'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crmlib.grading.language import language_of

__all__ = ["Submission", "discover", "exercise_of", "student_of", "read_notebook", "sha256_of"]

_LOAD = re.compile(r"""\bload\(\s*(?:name\s*=\s*)?["']([A-Za-z0-9_]+)["']""")
_ASSIGN = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
_SEPARATORS = " _-.()[]"


@dataclass
class Submission:
    """One submitted file. ``problem`` is set when it cannot be graded (``kind`` says why)."""

    path: Path
    relative: str
    student: str
    sha256: str
    size: int
    mtime: float
    kind: str = "notebook"  # notebook | not a notebook | too big
    exercise: str | None = None
    cells: list[str] = field(default_factory=list)
    problem: str = ""
    language: str | None = None  # the edition the notebook says it is (crmlib.grading.language), None if silent
    language_from: str = ""  # what said so: metadata | code | text


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (never opened for writing).

    >>> import tempfile, pathlib; p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_bytes(b"abc")
    >>> sha256_of(p)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_notebook(data: bytes) -> list[str]:
    """The code cells' text of a notebook given as bytes; ``ValueError`` if it is not one.

    Lenient on purpose: no schema check, so a notebook an old or odd editor saved still runs.

    >>> read_notebook(b'{"cells": [{"cell_type": "code", "source": ["x = ", "1"]}, {"cell_type": "markdown", "source": "hi"}]}')
    ['x = 1']
    >>> read_notebook(b"%PDF-1.7")
    Traceback (most recent call last):
    ...
    ValueError: not JSON (Expecting value: line 1 column 1 (char 0))
    """
    return _code_cells(_parse(data))


def _parse(data: bytes) -> dict:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not JSON ({error})") from None
    if not isinstance(nb, dict):
        raise ValueError("not a notebook: the file holds no notebook object")
    return nb


def _code_cells(nb: dict) -> list[str]:
    if not isinstance(nb, dict):
        raise ValueError("not a notebook: the file holds no notebook object")
    cells = nb.get("cells")
    if cells is None and isinstance(nb.get("worksheets"), list) and nb["worksheets"]:  # nbformat 3
        cells = nb["worksheets"][0].get("cells") if isinstance(nb["worksheets"][0], dict) else None
    if not isinstance(cells, list):
        raise ValueError("not a notebook: no list of cells")
    code: list[str] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        code.append(str(source))
    return code


def exercise_of(cells: Sequence[str], variables: Mapping[str, Sequence[str]]) -> str | None:
    """Which exercise ``cells`` belong to, given each exercise's answer variables; None if unclear."""
    by_short = {re.sub(r"^\d+_", "", eid): eid for eid in variables}
    loads: Counter[str] = Counter()
    for source in cells:
        for name in _LOAD.findall(source):
            eid = name if name in variables else by_short.get(name)
            if eid:
                loads[eid] += 1
    if loads:
        return loads.most_common(1)[0][0]
    assigned = {name for source in cells for name in _ASSIGN.findall(source)}
    scores = sorted(
        ((len(assigned & set(names)) / len(names), eid) for eid, names in variables.items() if names),
        reverse=True,
    )
    if scores and scores[0][0] >= 0.5 and (len(scores) == 1 or scores[1][0] < scores[0][0]):
        return scores[0][1]
    return None


def student_of(relative: str, exercise_names: Sequence[str] = (), pattern: str | None = None) -> str:
    """The student a file belongs to, from its path relative to the submissions folder.

    >>> student_of("alice/work.ipynb"), student_of("bob_01_crm_background (1).ipynb", ["01_crm_background"])
    ('alice', 'bob')
    >>> student_of("s123-start_here.ipynb", ["00_start_here", "start_here"]), student_of("carol.ipynb")
    ('s123', 'carol')
    >>> student_of("x/y.ipynb", pattern=r"(?P<student>y)")
    'y'
    """
    if pattern:
        match = re.search(pattern, relative)
        if match and match.groupdict().get("student"):
            return match.group("student")
    parts = relative.split("/")
    if len(parts) > 1:
        return parts[0]
    stem = parts[0].rsplit(".", 1)[0] if "." in parts[0] else parts[0]
    name = stem
    for exercise in sorted(exercise_names, key=len, reverse=True):
        name = re.sub(re.escape(exercise), " ", name, flags=re.IGNORECASE)
    name = re.sub(r"\((\d+|copy)\)|\bcopy\b", " ", name, flags=re.IGNORECASE)
    name = name.strip(_SEPARATORS)
    return name or stem or parts[0]


def discover(
    folder: str | os.PathLike[str],
    variables: Mapping[str, Sequence[str]],
    *,
    student_pattern: str | None = None,
    max_bytes: int = 100_000_000,
) -> list[Submission]:
    """Every submission under ``folder``, sorted by path, each read once (read-only).

    ``variables`` maps each exercise id to its answer variables (for finding the exercise).

    >>> discover("/no/such/folder", {})
    Traceback (most recent call last):
    ...
    FileNotFoundError: submissions folder not found: /no/such/folder
    """
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"submissions folder not found: {folder}")
    names = sorted({n for eid in variables for n in (eid, re.sub(r"^\d+_", "", eid))}, key=len, reverse=True)
    found: list[Submission] = []
    for directory, subdirs, files in os.walk(root, followlinks=False):
        links = [d for d in subdirs if os.path.islink(os.path.join(directory, d))]
        subdirs[:] = sorted(d for d in subdirs if d not in links)
        for name in sorted([*files, *links]):
            path = Path(directory) / name
            relative = path.relative_to(root).as_posix()
            info = os.lstat(path)
            student = student_of(relative, names, student_pattern)
            if not stat.S_ISREG(info.st_mode):
                kind = "link" if stat.S_ISLNK(info.st_mode) else "pipe" if stat.S_ISFIFO(info.st_mode) else \
                    "socket" if stat.S_ISSOCK(info.st_mode) else "device or other"
                found.append(Submission(path, relative, student, "", 0, info.st_mtime, kind="not a file", problem=kind))
                continue
            if info.st_size > max_bytes:
                submission = Submission(path, relative, student, sha256_of(path), info.st_size, info.st_mtime)
                submission.kind = "too big"
                found.append(submission)
                continue
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(max_bytes + 1)
            submission = Submission(path, relative, student, hashlib.sha256(data).hexdigest(), len(data), info.st_mtime)
            try:
                notebook = _parse(data)
                submission.cells = _code_cells(notebook)
                submission.exercise = exercise_of(submission.cells, variables)
                try:
                    submission.language, submission.language_from = language_of(notebook)
                except Exception:  # an odd notebook the detector cannot read is still graded, in the class's language
                    submission.language, submission.language_from = None, ""
            except ValueError as error:
                submission.kind, submission.problem = "not a notebook", str(error)
            found.append(submission)
    return found
