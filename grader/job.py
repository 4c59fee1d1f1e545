"""A job: the submission copy, the kata's specs, and the pytest command that joins them.

The specs run under the grader's own pytest configuration (``-c``), rooted in a private copy of
the kata's specs, with plugin autoloading off and Python in isolated mode, so that nothing in the
submission (conftest.py, pytest.ini, pyproject.toml, setup.cfg, sitecustomize.py, a module named
like a library) is ever loaded by pytest or ahead of it.
"""

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from grader.catalog import Kata
from grader.resources import templates_dir

Mode = Literal["inprocess", "blackbox"]
# How every spec run starts: isolated mode (no user site, no PYTHON* variables, no current folder
# on sys.path) and no bytecode written into the submission.
PYTEST_PREFIX = [sys.executable, "-I", "-B", "-m", "pytest"]


@dataclass(frozen=True)
class Workdir:
    """The private folder of one run; the submission copy is one part of it."""

    root: Path

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def specs(self) -> Path:
        return self.root / "specs"

    @property
    def harness(self) -> Path:
        return self.root / "harness.py"

    @property
    def results(self) -> Path:
        return self.root / "results.jsonl"

    @property
    def scratch(self) -> Path:
        return self.root / "scratch"

    @property
    def sockets(self) -> Path:
        return self.root / "sockets"

    def make_scratch(self) -> None:
        """The run's own home and temporary folders (its HOME and TMPDIR)."""
        (self.scratch / "home").mkdir(parents=True)
        (self.scratch / "tmp").mkdir()

    @property
    def launcher_ended(self) -> Path:
        """Where the grader marks that the app's side has ended; the sandbox cannot write here."""
        return self.root / "launcher-ended"


def prepare(kata: Kata, root: Path) -> Workdir:
    """Lay out a workdir with the kata's specs (and harness); the submission comes separately."""
    workdir = Workdir(root)
    shutil.copytree(
        kata.specs_dir, workdir.specs, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    if kata.harness is not None:
        shutil.copyfile(kata.harness, workdir.harness)
    workdir.make_scratch()
    return workdir


def pytest_argv(
    workdir: Workdir,
    kata: Kata,
    *,
    mode: Mode = "inprocess",
    collect_only: bool = False,
    select: str | None = None,
    request_timeout: float | None = None,
    sockets: Path | None = None,
    claims: Path | None = None,
) -> list[str]:
    argv = [
        *PYTEST_PREFIX,
        "-p", "grader.plugin", "-p", "no:cacheprovider",
        "-c", str(templates_dir() / "pytest.ini"),
        "--rootdir", str(workdir.specs), "--confcutdir", str(workdir.specs),
        "--basetemp", str(workdir.scratch / "pytest"),
        "-q", "-rN", "--no-header",
        # Collection runs only the kata's own code: its errors are for the author to read. A
        # grading run's tracebacks would show the specs' source, so they are never printed.
        "--tb=short" if collect_only else "--tb=no",
        "--kata-results", str(workdir.results),
        "--kata-app", kata.config.app,
        "--kata-routes", json.dumps(kata.config.routes),
    ]  # fmt: skip
    if collect_only:
        argv.append("--collect-only")
    elif mode == "blackbox":
        argv += ["--kata-mode", "blackbox", "--kata-sockets", str(sockets or workdir.sockets)]
        argv += ["--kata-ended", str(workdir.launcher_ended)]
        if request_timeout is not None:
            argv += ["--kata-request-timeout", str(request_timeout)]
    else:
        argv += ["--kata-submission", str(workdir.submission)]
        if kata.harness is not None:
            argv += ["--kata-harness", str(workdir.harness)]
    if select:
        argv += ["-k", select]
    if claims:
        argv += ["--kata-claims", str(claims)]
    return [*argv, str(workdir.specs)]


def run_environment(workdir: Workdir, kata: Kata) -> dict[str, str]:
    """A minimal environment: nothing of the user's (tokens, keys, PYTEST_ADDOPTS) gets in."""
    return {
        **kata.config.env,
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(workdir.scratch / "home"),
        "TMPDIR": str(workdir.scratch / "tmp"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUTF8": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "NO_COLOR": "1",
    }
