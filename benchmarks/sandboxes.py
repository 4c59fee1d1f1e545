"""What each sandbox costs: bare pytest against `kata check` in every sandbox, on one solution.

For each kata, a workspace holding its solution is checked, taking turns, by a bare
`python -m pytest` of its specs (with the grader's plugin), `kata check --sandbox process` (in
process, through the warm worker), black-box in the process, bwrap and docker sandboxes with
every process started cold (KATA_WARM=0), and black-box in docker with the specs' side forked
from the warm worker, as a learner's repeated checks run. Prints medians and how many seconds
each adds to bare pytest, as Markdown. Sandboxes this machine lacks are left out.

    python benchmarks/sandboxes.py [--runs 7] [KATA ...]
"""

import argparse
import statistics

from common import (
    FLAGSHIPS,
    alternate,
    bare_pytest,
    builtin_kata,
    environment,
    kata_check,
    solution_workspace,
    spread,
)

from grader.sandbox.available import bwrap_available, image_present


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("katas", nargs="*", default=FLAGSHIPS)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # name: (options, warm); cold runs start every process from scratch.
    runs = {"process, in-process (warm worker)": (["--sandbox", "process"], True)}
    runs["process, black-box, cold"] = (["--sandbox", "process", "--mode", "blackbox"], False)
    if bwrap_available():
        runs["bwrap, black-box, cold"] = (["--sandbox", "bwrap"], False)
    if image_present():
        runs["docker, black-box, cold"] = (["--sandbox", "docker"], False)
        runs["docker, black-box, warm specs' side"] = (["--sandbox", "docker"], True)
    print(f"{args.runs} alternating runs each, after one warm-up; median (min-max)\n")
    print("| kata | run | median (min-max) | added to bare pytest |")
    print("| --- | --- | --- | --- |")
    for kata_id in args.katas:
        kata = builtin_kata(kata_id)
        with solution_workspace(kata) as workspace:
            commands = {"bare pytest": bare_pytest(kata, workspace)}
            commands |= {
                name: kata_check(workspace, *options, warm=warm)
                for name, (options, warm) in runs.items()
            }
            times = alternate(commands, workspace, environment(kata), args.runs)
        bare = statistics.median(times["bare pytest"])
        for name, measured in times.items():
            added = "" if name == "bare pytest" else f"{statistics.median(measured) - bare:+.2f} s"
            print(f"| {kata_id} | {name} | {spread(measured)} | {added} |")


if __name__ == "__main__":
    main()
