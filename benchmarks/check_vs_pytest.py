"""How much `kata check` costs over a bare pytest run of the same specs on the same code.

For each kata, a workspace holding the kata's solution is checked two ways, alternately, several
times: `kata check` (intake, job, process sandbox, Report) and a bare `python -m pytest` of the
kata's specs with the grader's plugin (which the specs need for their fixtures). Prints the median
and spread of each and the ratio of the medians, as a Markdown table.

    python benchmarks/check_vs_pytest.py [--runs 9] [KATA ...]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.catalog import Catalog
from grader.resources import builtin_catalog_dir, templates_dir
from grader.workspace import new_workspace

FLAGSHIPS = ["jwt-auth", "rate-limiter", "override-get-db"]


def timed(argv: list[str], cwd: Path, env: dict[str, str], expected: int) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != expected:
        raise SystemExit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout.decode()}")
    return elapsed


def measure(kata_id: str, runs: int) -> tuple[list[float], list[float]]:
    kata = Catalog([builtin_catalog_dir()]).get(kata_id)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = new_workspace(kata, Path(tmp) / "ws")
        shutil.copytree(kata.solution_dir, workspace, dirs_exist_ok=True)
        env = {**os.environ, **kata.config.env, "PYTHONDONTWRITEBYTECODE": "1"}
        check = [sys.executable, "-m", "grader", "check", str(workspace)]
        bare = [
            sys.executable, "-m", "pytest", "-q", "-p", "grader.plugin", "-p", "no:cacheprovider",
            "-c", str(templates_dir() / "pytest.ini"), "--rootdir", str(kata.specs_dir),
            "--kata-submission", str(workspace), "--kata-app", kata.config.app,
            *(["--kata-harness", str(kata.harness)] if kata.harness else []),
            str(kata.specs_dir),
        ]  # fmt: skip
        timed(check, workspace, env, 0)  # warm the spec index and the file cache
        timed(bare, workspace, env, 0)
        check_times, bare_times = [], []
        for _ in range(runs):
            check_times.append(timed(check, workspace, env, 0))
            bare_times.append(timed(bare, workspace, env, 0))
    return check_times, bare_times


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("katas", nargs="*", default=FLAGSHIPS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(f"{args.runs} alternating runs each, after one warm-up; median (min-max)\n")
    print("| kata | bare pytest | kata check | ratio of medians |")
    print("| --- | --- | --- | --- |")
    for kata_id in args.katas:
        check_times, bare_times = measure(kata_id, args.runs)
        ratio = statistics.median(check_times) / statistics.median(bare_times)
        print(f"| {kata_id} | {spread(bare_times)} | {spread(check_times)} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
