"""What each sandbox costs: bare pytest against `kata check` in every sandbox, on one solution.

For each kata, a workspace holding its solution is checked, taking turns, by a bare
`python -m pytest` of its specs (with the grader's plugin), `kata check --sandbox process` (in
process), and black-box in the process, bwrap and docker sandboxes. Prints medians and how many
seconds each adds to bare pytest, as Markdown. Sandboxes this machine lacks are left out.

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
    runs = {"process, in-process": ["--sandbox", "process"]}
    runs["process, black-box"] = ["--sandbox", "process", "--mode", "blackbox"]
    if bwrap_available():
        runs["bwrap, black-box"] = ["--sandbox", "bwrap"]
    if image_present():
        runs["docker, black-box"] = ["--sandbox", "docker"]
    print(f"{args.runs} alternating runs each, after one warm-up; median (min-max)\n")
    print("| kata | run | median (min-max) | added to bare pytest |")
    print("| --- | --- | --- | --- |")
    for kata_id in args.katas:
        kata = builtin_kata(kata_id)
        with solution_workspace(kata) as workspace:
            commands = {"bare pytest": bare_pytest(kata, workspace)}
            commands |= {name: kata_check(workspace, *options) for name, options in runs.items()}
            times = alternate(commands, workspace, environment(kata), args.runs)
        bare = statistics.median(times["bare pytest"])
        for name, measured in times.items():
            added = "" if name == "bare pytest" else f"{statistics.median(measured) - bare:+.2f} s"
            print(f"| {kata_id} | {name} | {spread(measured)} | {added} |")


if __name__ == "__main__":
    main()
