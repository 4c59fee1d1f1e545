"""Cheats on pytest and on the grader: each hostile submission graded in every run.

In-process, the submission shares the specs' process, so the grader can only be tamper-EVIDENT:
a cheat that makes specs pass must leave an integrity finding and score 0, unless the grader
neutralises it outright. Black-box, the specs, the results and the grader's pytest are outside
the app's process, so every cheat here must come to nothing: the Report is exactly what the
stub underneath deserves (the 2 baseline specs, 2 points of 20).

Every run can stop every attack in this module, so each is graded in all four.
"""

from pathlib import Path

import pytest

from .support import (
    ALL_PASSED,
    ALL_RUNS,
    BLACK_BOX_RUNS,
    CAUGHT_OR_NEUTRALISED,
    HONEST_STUB,
    IN_PROCESS,
    STUB,
    STUB_SCORE,
    E,
    Expect,
    N,
    P,
    S,
    all_output,
    check_report,
    compose,
    grade_in,
    markers_on_host,
    no_hostile_processes,
)

pytestmark = pytest.mark.slow


def _everywhere(expect: Expect) -> dict[str, Expect]:
    return dict.fromkeys(ALL_RUNS, expect)


def _in_process_then_black_box(in_process: Expect, black_box: Expect) -> dict[str, Expect]:
    return {IN_PROCESS: in_process, **dict.fromkeys(BLACK_BOX_RUNS, black_box)}


# What forcing every spec to pass looks like in-process once the grader has caught it.
FORCED = Expect(ALL_PASSED, 0)

CHEATS: dict[str, dict[str, Expect]] = {
    # conftest.py at the top, in app/ and in tests/: hooks that force passes, drop specs and
    # empty spec bodies. None is ever loaded (the grader's -c, --rootdir and --confcutdir).
    "conftest_tricks": _everywhere(HONEST_STUB),
    # pytest.ini, .pytest.ini, pytest.toml, pyproject.toml, setup.cfg and tox.ini, each asking
    # for a cheating plugin and `-k baseline` (which would leave 2 specs of 2: a "pass").
    "pytest_config": _everywhere(HONEST_STUB),
    # sitecustomize.py, usercustomize.py (top level and in app/) and a .pth file.
    "sitecustomize": _everywhere(HONEST_STUB),
    # pytest.py, _pytest/, json.py, pluggy.py, httpx.py, uvicorn.py, fastapi.py, starlette.py,
    # anyio.py and grader/ at the top of the project: none may be imported in place of the real
    # ones (each would claim 12 passes and end the process).
    "shadow_modules": _everywhere(HONEST_STUB),
    # pytest's summary line and the grader's own results records printed on stdout and stderr.
    "fake_summary": _everywhere(HONEST_STUB),
    # Function.runtest and pytest_pyfunc_call replaced at import.
    "patches_pytest": _in_process_then_black_box(
        Expect(ALL_PASSED, 0, finding=("modified at run time", "Function.runtest")), HONEST_STUB
    ),
    # The live Config found through gc, and a hook plugin registered on it.
    "gc_hook": _in_process_then_black_box(
        Expect(ALL_PASSED, 0, finding=("hook (pytest_runtest_makereport)", "app/__init__.py")),
        HONEST_STUB,
    ),
    # Every spec function's __code__ replaced with an empty body.
    "rewrites_specs": _in_process_then_black_box(
        Expect(ALL_PASSED, 0, finding=("test_limit.py::", "was rewritten at run time")),
        HONEST_STUB,
    ),
    # Status codes, JSON bodies and headers that are equal to anything, handed to the specs.
    "always_equal": _in_process_then_black_box(
        Expect(ALL_PASSED, 0, finding=("modified at run time", "Response.json")), HONEST_STUB
    ),
    # Ends the process with exit code 0 (after printing "12 passed") on a client's 6th /items
    # request, before the spec the stub would fail can be recorded. In-process that ends the
    # whole run; black-box it ends the app, and every later spec has no app to test.
    "exits_early": _in_process_then_black_box(
        Expect([P, P, E] + [N] * 9, STUB_SCORE), Expect([P, P] + [E] * 10, STUB_SCORE)
    ),
    # pytest.exit(returncode=0) on a client's 6th /items request: the app answers 500.
    "pytest_exit": _everywhere(HONEST_STUB),
    # pytest.skip(allow_module_level=True) / pytest.xfail() while the app is imported: the app
    # cannot be loaded, which is an error for every spec, never a skip.
    "skip_at_import": _everywhere(Expect([E] * 12, 0)),
    "xfail_at_import": _everywhere(Expect([E] * 12, 0)),
    # pytest.skip() / pytest.xfail() raised into each failing spec from the harness's call into
    # the app. In-process they are skips (never passes); black-box they cannot reach a spec.
    "skip_xfail_in_call": _in_process_then_black_box(
        Expect([P, P] + [S] * 10, STUB_SCORE), HONEST_STUB
    ),
    # --- in-process cheats the grader does not catch yet (see each submission's docstring) ---
    # The gc hook, disguised: its code claims to come from _pytest/runner.py.
    "gc_hook_disguised": _in_process_then_black_box(CAUGHT_OR_NEUTRALISED, HONEST_STUB),
    # Function.runtest replaced before each spec and put back from inside the replacement.
    "self_restoring_patch": _in_process_then_black_box(CAUGHT_OR_NEUTRALISED, HONEST_STUB),
    # The grader's own plugin patched where it folds a spec's phases into one outcome.
    "patches_grader": _in_process_then_black_box(CAUGHT_OR_NEUTRALISED, HONEST_STUB),
    # Always-equal status codes and headers only (JSON bodies are watched, these are not).
    "always_equal_unwatched": _in_process_then_black_box(CAUGHT_OR_NEUTRALISED, HONEST_STUB),
    # An atexit handler that rewrites the results file after the grader's last record. Only
    # black-box stops it: in-process, the submission shares the process that writes the file and
    # can rewrite all of it consistently once the grader is done (in-process is tamper-evident,
    # not tamper-proof; streaming the results through a pipe the runner drains would close this).
    "atexit_rewrites_results": dict.fromkeys(BLACK_BOX_RUNS, HONEST_STUB),
    # A passing record for every spec appended to the results file before any spec finished.
    "forges_results_stream": _in_process_then_black_box(CAUGHT_OR_NEUTRALISED, HONEST_STUB),
}

# What the submissions print when a file of theirs is loaded that must never be.
NEVER_LOADED = "REDTEAM-LOADED"
# What a submission prints to show that it did run, where that always shows in the Report.
RAN = {"fake_summary": "12 passed in 0.31s"}

CASES = [(name, run) for name, runs in CHEATS.items() for run in runs]


@pytest.mark.parametrize(("name", "run"), CASES, ids=[f"{name}-{run}" for name, run in CASES])
def test_cheat_gets_no_more_than_the_code_deserves(name: str, run: str, tmp_path: Path) -> None:
    report = grade_in(run, compose(name, tmp_path))

    check_report(report, CHEATS[name][run], run)
    output = all_output(report)
    assert NEVER_LOADED not in output
    if name in RAN:
        assert RAN[name] in output
    assert markers_on_host() == []
    assert no_hostile_processes() == []


def test_the_stub_alone_deserves_what_the_cheats_are_measured_against(tmp_path: Path) -> None:
    """The yardstick: the untouched stub passes the 2 baseline specs (in the slowest run too)."""
    report = grade_in("blackbox/process", compose("untouched-stub", tmp_path))
    check_report(report, HONEST_STUB, "blackbox/process")
    assert [spec.status.value for spec in report.specs] == STUB
