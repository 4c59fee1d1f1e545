"""What the benchmarks share: a workspace holding a kata's solution, and timing whole commands."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.catalog import Catalog, Kata
from grader.resources import builtin_catalog_dir, templates_dir
from grader.workspace import new_workspace

FLAGSHIPS = ["jwt-auth", "rate-limiter", "override-get-db"]


def builtin_kata(kata_id: str) -> Kata:
    return Catalog([builtin_catalog_dir()]).get(kata_id)


@contextmanager
def solution_workspace(kata: Kata) -> Iterator[Path]:
    """A `kata new` workspace with the kata's solution copied in: what a learner ends with."""
    with tempfile.TemporaryDirectory() as tmp:
        workspace = new_workspace(kata, Path(tmp) / "ws")
        shutil.copytree(kata.solution_dir, workspace, dirs_exist_ok=True)
        yield workspace


def environment(kata: Kata) -> dict[str, str]:
    return {**os.environ, **kata.config.env, "PYTHONDONTWRITEBYTECODE": "1"}


def bare_pytest(kata: Kata, workspace: Path) -> list[str]:
    """pytest on the kata's specs with only the grader's plugin, which gives the fixtures."""
    return [
        sys.executable, "-m", "pytest", "-q", "-p", "grader.plugin", "-p", "no:cacheprovider",
        "-c", str(templates_dir() / "pytest.ini"), "--rootdir", str(kata.specs_dir),
        "--kata-submission", str(workspace), "--kata-app", kata.config.app,
        *(["--kata-harness", str(kata.harness)] if kata.harness else []),
        str(kata.specs_dir),
    ]  # fmt: skip


def kata_check(workspace: Path, *options: str, warm: bool = True) -> list[str]:
    """`kata check`; not warm, every process starts from scratch (KATA_WARM=0: no warm worker)."""
    command = [sys.executable, "-m", "grader", "check", str(workspace), *options]
    return command if warm else ["env", "KATA_WARM=0", *command]


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds the whole command took; it must pass, or the figure would mean nothing."""
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout.decode()}")
    return elapsed


def alternate(commands: dict[str, list[str]], cwd: Path, env: dict[str, str], runs: int):
    """Each command once to warm up, then ``runs`` rounds taking turns; times by command."""
    for argv in commands.values():
        timed(argv, cwd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(timed(argv, cwd, env))
    return times


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"
