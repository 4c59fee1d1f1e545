"""How much `kata check` costs over a bare pytest run of the same specs on the same code.

For each kata, a workspace holding the kata's solution is checked two ways, taking turns, several
times: `kata check --sandbox process` (intake, job, process sandbox, in-process mode, Report) and
a bare `python -m pytest` of the kata's specs with the grader's plugin (which the specs need for
their fixtures). Prints the median and spread of each and the ratio of the medians, as Markdown.

    python benchmarks/check_vs_pytest.py [--runs 9] [KATA ...]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("katas", nargs="*", default=FLAGSHIPS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(f"{args.runs} alternating runs each, after one warm-up; median (min-max)\n")
    print("| kata | bare pytest | kata check | ratio of medians |")
    print("| --- | --- | --- | --- |")
    for kata_id in args.katas:
        kata = builtin_kata(kata_id)
        with solution_workspace(kata) as workspace:
            commands = {
                "bare": bare_pytest(kata, workspace),
                "check": kata_check(workspace, "--sandbox", "process"),
            }
            times = alternate(commands, workspace, environment(kata), args.runs)
        ratio = statistics.median(times["check"]) / statistics.median(times["bare"])
        print(f"| {kata_id} | {spread(times['bare'])} | {spread(times['check'])} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
