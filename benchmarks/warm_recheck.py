"""A learner's re-check against a bare pytest run of the same specs on the same code.

For each kata, a workspace holding its solution is checked, taking turns, by a bare
`python -m pytest` of its specs (with the grader's plugin), by `kata check --sandbox process`
with the warm worker running (a repeated check from the shell), and by the re-check `kata watch`
does after a save (the grading call alone, from the process that stays up). Prints medians and
each one's ratio to bare pytest, as Markdown. The warm checks are split into shares over the
cores, as a learner's are. The worker it starts is stopped at the end.

    python benchmarks/warm_recheck.py [--runs 9] [KATA ...]
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from common import (
    FLAGSHIPS,
    alternate,
    bare_pytest,
    builtin_kata,
    environment,
    kata_check,
    solution_workspace,
    spread,
    timed,
)

from grader.catalog import Kata
from grader.runner import grade
from grader.sandbox import ProcessSandbox
from grader.sandbox.warm import WarmProcessSandbox, keep_warm


def _alternate_with_recheck(
    commands: dict[str, list[str]],
    workspace: Path,
    env: dict[str, str],
    runs: int,
    kata: Kata,
    sandbox: WarmProcessSandbox,
) -> dict[str, list[float]]:
    """Like ``alternate``, with the watch's re-check taking its turn in every round, so that all
    three see the same load on a shared machine."""

    def recheck() -> float:
        started = time.perf_counter()
        report = grade(kata, workspace, sandbox)
        elapsed = time.perf_counter() - started
        assert report.status == "passed", report.status
        return elapsed

    times = alternate(commands, workspace, env, 0)  # the warm-up round
    times["recheck"] = []
    recheck()
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(timed(argv, workspace, env))
        times["recheck"].append(recheck())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("katas", nargs="*", default=FLAGSHIPS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.pop("KATA_WARM", None)
    sandbox = keep_warm(ProcessSandbox(), "inprocess").sandbox  # what `kata watch` checks with
    assert isinstance(sandbox, WarmProcessSandbox)
    print(f"The warm checks run in {sandbox.shares} shares, one per core.\n")
    print(f"{args.runs} alternating runs each, after one warm-up; median (min-max)\n")
    print("| kata | bare pytest | `kata check` (warm) | re-check in `kata watch` | ratios |")
    print("| --- | --- | --- | --- | --- |")
    try:
        for kata_id in args.katas:
            kata = builtin_kata(kata_id)
            with solution_workspace(kata) as workspace:
                env = environment(kata)
                commands = {
                    "bare": bare_pytest(kata, workspace),
                    "check": kata_check(workspace, "--sandbox", "process"),
                }
                os.environ.update(kata.config.env)
                times = _alternate_with_recheck(commands, workspace, env, args.runs, kata, sandbox)
                rechecks = times["recheck"]
            bare = statistics.median(times["bare"])
            ratios = (
                f"{statistics.median(times['check']) / bare:.2f} / "
                f"{statistics.median(rechecks) / bare:.2f}"
            )
            print(
                f"| {kata_id} | {spread(times['bare'])} | {spread(times['check'])} | "
                f"{spread(rechecks)} | {ratios} |"
            )
    finally:
        sandbox.worker.stop()


if __name__ == "__main__":
    main()
