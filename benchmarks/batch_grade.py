"""Grading throughput: `kata grade` on many submissions of a flagship kata, in docker.

Makes N submissions of the rate-limiter (its solution and each of its near-misses, in turn),
grades them all with `kata grade` (docker, --jobs as given), and prints submissions per second
and the grader's peak memory (the largest resident set among `kata grade` and the processes it
waited for; the containers' own memory is capped per run by their limit).

    python benchmarks/batch_grade.py [--submissions 50] [--jobs 2]
"""

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import builtin_kata


def make_submissions(root: Path, count: int) -> list[Path]:
    kata = builtin_kata("rate-limiter")
    variants = [None, *sorted((kata.root / "near-misses").iterdir())]
    submissions = []
    for number in range(count):
        folder = root / f"candidate-{number:03d}"
        shutil.copytree(kata.solution_dir, folder)
        near_miss = variants[number % len(variants)]
        if near_miss is not None:
            shutil.copytree(
                near_miss, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.toml")
            )
        submissions.append(folder)
    return submissions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        submissions = make_submissions(Path(tmp) / "in", args.submissions)
        argv = [sys.executable, "-m", "grader", "grade", "rate-limiter", *map(str, submissions)]
        argv += ["--out", str(Path(tmp) / "out"), "--jobs", str(args.jobs)]
        started = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if result.returncode not in (0, 1):
            raise SystemExit(f"kata grade exited {result.returncode}:\n{result.stderr}")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("| submissions | jobs | wall time | submissions per second | peak memory (grader) |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| {args.submissions} | {args.jobs} | {elapsed:.1f} s | "
        f"{args.submissions / elapsed:.2f} | {peak_mib:.0f} MiB |"
    )


if __name__ == "__main__":
    main()
