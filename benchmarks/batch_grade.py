"""Grading throughput: `kata grade` on many submissions of a flagship kata, in docker.

Makes N submissions of the rate-limiter (its solution and each of its near-misses, in turn),
grades them all with `kata grade` (docker, --jobs as given), and prints submissions per second,
the CPU time the machine spent per submission, and the peak memory of the grader's side
(`kata grade`, the specs' sides and their warm workers, summed; the containers' own memory is
capped per run by their limit).

    python benchmarks/batch_grade.py [--submissions 50] [--jobs 2 [3 ...]]

With several --jobs, the same submissions are graded once per value, one after the other.
"""

import argparse
import os
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


def _grader_side_memory(pid: int) -> int:
    """Bytes of memory of `kata grade` (process ``pid``) and every process working for it: the
    specs' sides and their warm workers, whose command lines name its scratch folders. Each
    process counts its proportional share (Pss) of pages shared with others, such as a warm
    worker's with the children it forks, so nothing is counted twice."""
    markers = (f"kata-run-{pid}-", f"kata-batch-{pid}-")
    total = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            if proc.name != str(pid) and not any(marker in cmdline for marker in markers):
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except OSError:
            continue  # it ended meanwhile
        pss = next((line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        total += int(pss) * 1024
    return total


def _busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy since boot, over all cores (/proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = map(int, fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def grade_all(submissions: list[Path], out: Path, jobs: int) -> tuple[float, int, float]:
    """Seconds one `kata grade` of every submission takes, from a fresh results folder, the
    peak memory of the grader's side (sampled every 0.2 s), and the CPU time the machine spent
    meanwhile, all processes together (the containers, the engine and the sampling included)."""
    argv = [sys.executable, "-m", "grader", "grade", "rate-limiter", *map(str, submissions)]
    argv += ["--out", str(out), "--jobs", str(jobs)]
    cpu_before = _busy_cpu_seconds()
    started = time.perf_counter()
    batch = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while batch.poll() is None:
        peak = max(peak, _grader_side_memory(batch.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    cpu = _busy_cpu_seconds() - cpu_before
    if batch.returncode not in (0, 1):
        raise SystemExit(f"kata grade exited {batch.returncode}:\n{batch.stderr.read()}")
    return elapsed, peak, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    args = parser.parse_args()
    print(
        "| submissions | jobs | wall time | submissions per second | peak memory (grader) "
        "| CPU per submission (machine) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        submissions = make_submissions(Path(tmp) / "in", args.submissions)
        for jobs in args.jobs:
            elapsed, peak, cpu = grade_all(submissions, Path(tmp) / f"out-{jobs}", jobs)
            peak_mib = peak / 1024 / 1024
            print(
                f"| {args.submissions} | {jobs} | {elapsed:.1f} s | "
                f"{args.submissions / elapsed:.2f} | {peak_mib:.0f} MiB | "
                f"{cpu / args.submissions:.2f} s |"
            )


if __name__ == "__main__":
    main()
