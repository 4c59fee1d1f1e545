"""Black-box, the learner's side of a test-writing kata: run their tests in a sandbox of its own.

Run as ``python -I -B -m grader.suiterunner ...`` in the sandbox, with the launcher's command line
(``--submission``, ``--app``, ``--sockets``, ``--unpack``), so that every backend starts it as it
starts the launcher: ``LaunchRequest.module`` names which one. The submission here is the
learner's tests alone (``tests/``, without their ``tests/conftest.py``) beside the grader's
``pytest.ini``; the app being graded is served by the launcher in another sandbox, reached only
through the shared sockets folder. Its first line on stdin is the launcher's control token, which
the ``client`` fixture needs for a fresh app per test.

The grader believes one thing of this run: whether it exited 0. It never reads its output to
judge, since the learner's code runs in this very process.
"""

import argparse
import os
import sys
from pathlib import Path

from grader.channel import TOKEN_VARIABLE

PLUGIN = "grader.suiteplugin"
INI = "pytest.ini"  # the grader's, written beside the learner's tests


def pytest_args(suite: Path, *options: str) -> list[str]:
    """pytest's arguments for the learner's tests in ``suite`` (which holds tests/ and the
    grader's pytest.ini), in either mode; ``options`` choose how ``client`` reaches the app."""
    return [
        "-p", PLUGIN, "-p", "no:cacheprovider",
        "-c", str(suite / INI), "--rootdir", str(suite), "--confcutdir", str(suite),
        "-q", "--no-header", "--tb=short", "-rfE",
        *options,
        str(suite / "tests"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m grader.suiterunner", description=__doc__)
    parser.add_argument("--submission", required=True, help="the folder of tests/ and pytest.ini")
    parser.add_argument("--app", required=True, help="module:attribute of the app being served")
    parser.add_argument("--sockets", required=True)
    parser.add_argument("--harness", help="refused: a test-writing kata has no harness")
    parser.add_argument("--unpack", metavar="DIR", help="first extract a tar from stdin into DIR")
    arguments = parser.parse_args()
    if arguments.harness:
        parser.error("a test-writing kata has no harness")
    stdin = sys.stdin.buffer
    token = stdin.readline().strip()
    if arguments.unpack:
        from grader.launcher import unpack

        unpack(stdin, Path(arguments.unpack))
    os.chdir(arguments.submission)
    os.environ[TOKEN_VARIABLE] = token.decode()
    import pytest

    suite = Path(arguments.submission)
    code = pytest.main(pytest_args(suite, "--kata-suite-sockets", arguments.sockets))
    sys.stdout.flush()
    sys.stderr.flush()
    # Threads the learner's tests left running must not keep the sandbox alive.
    os._exit(0 if code == pytest.ExitCode.OK else 1)


if __name__ == "__main__":
    main()
