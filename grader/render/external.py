"""A Report in the results formats of Gradescope and Exercism, for teams that grade there.

The fields and their allowed values follow shared/research/mission.md §2: §2.2 for Gradescope
(gradescope/autograder_samples ``docs/specs.md`` at af5dee4) and §2.1 for Exercism's test-runner
interface, version 3 (exercism/docs ``building/tooling/test-runners/interface.md`` at 19e037f).
Both return plain dicts; the caller writes them as ``results.json``.
"""

from typing import Any

from grader.models import Report, ReportStatus, SpecResult, SpecStatus, Visibility
from grader.render.feedback import candidate_view

# Gradescope: "visibility" is one of hidden | after_due_date | after_published | visible.
GRADESCOPE_VISIBILITY = {Visibility.visible: "visible", Visibility.hidden: "hidden"}

# Exercism: a test is pass | fail | error, where error means the test "did not return a value".
# A spec that never finished (error, timeout, not run) is an error; one that ran to a verdict
# other than a pass (a failed assertion, a skip, which kata counts as failed) is a fail.
EXERCISM_STATUS = {
    SpecStatus.passed: "pass",
    SpecStatus.failed: "fail",
    SpecStatus.skipped: "fail",
    SpecStatus.error: "error",
    SpecStatus.timeout: "error",
    SpecStatus.not_run: "error",
}
EXERCISM_VERSION = 3
EXERCISM_OUTPUT_LIMIT = 500  # "≤ 500 chars: either truncate with ... or report an error"
EXERCISM_TRUNCATED = " [Output was truncated. Please limit to 500 chars]"
EXERCISM_MESSAGE_LIMIT = 65_535  # the top-level message's limit


def _summary(report: Report) -> str:
    """The score line, then each integrity finding and infrastructure error on its own line."""
    passed = len(report.passed)
    lines = [f"Score {report.score}/{report.max_score}: {passed} of {len(report.specs)} passed"]
    lines += [f"Integrity: {finding} (the run scores 0)" for finding in report.integrity]
    lines += [f"Error: {error}" for error in report.errors]
    return "\n".join(lines)


def _details(spec: SpecResult) -> str:
    """A spec's message, hint and captured output as one text, the way a reviewer reads them."""
    parts = [] if spec.status is SpecStatus.passed else [f"{spec.status.value}: {spec.message}"]
    if spec.hint and spec.status is not SpecStatus.passed:
        parts.append(f"Hint: {spec.hint}")
    if spec.output:
        parts.append(f"Captured output:\n{spec.output}")
    return "\n\n".join(part.strip() for part in parts)


def gradescope_results(report: Report) -> dict[str, Any]:
    """Gradescope's ``results.json`` (mission.md §2.2): the top-level ``score``, which overrides
    the sum of the tests' (so an integrity finding's 0 holds), ``execution_time``, ``output``,
    ``output_format`` and ``extra_data`` (stored, never shown); per test ``name``, ``number``
    (which sets the order), ``score``, ``max_score``, ``status`` (``passed`` | ``failed``),
    ``output`` and ``visibility``.

    Hidden specs keep their details: "instructors always see all tests", and Gradescope itself
    keeps a ``hidden`` test from students (who then cannot see their total score either).
    """
    tests = [
        {
            "name": spec.title,
            "number": str(number),
            "score": spec.points,
            "max_score": spec.max_points,
            "status": "passed" if spec.status is SpecStatus.passed else "failed",
            "output": _details(spec),
            "visibility": GRADESCOPE_VISIBILITY[spec.visibility],
        }
        for number, spec in enumerate(report.specs, start=1)
    ]
    return {
        "score": report.score,
        "execution_time": report.duration,
        "output": _summary(report),
        "output_format": "text",
        "tests": tests,
        "extra_data": {
            "kata": report.kata.id,
            "kata_version": report.kata.version,
            "submission_hash": report.submission.content_hash,
            "status": report.status.value,
            "run_end": report.run_end.value,
            "max_score": report.max_score,
            "integrity": list(report.integrity),
            "errors": list(report.errors),
            "sandbox_image": report.sandbox.image,
        },
    }


def _truncated_output(output: str) -> str:
    """Exercism caps a test's output at 500 characters; the note that says so fits within them."""
    if len(output) <= EXERCISM_OUTPUT_LIMIT:
        return output
    return output[: EXERCISM_OUTPUT_LIMIT - len(EXERCISM_TRUNCATED)] + EXERCISM_TRUNCATED


def _exercism_message(spec: SpecResult) -> str:
    """Required for fail and error; a redacted hidden spec has none of its own, so say that."""
    message = (
        spec.message.strip() or f"This spec did not pass ({spec.status.value.replace('_', ' ')})."
    )
    return f"{message}\n\nHint: {spec.hint}" if spec.hint else message


def _exercism_test(spec: SpecResult) -> dict[str, Any]:
    status = EXERCISM_STATUS[spec.status]
    # test_code is "the body of the test": kata never hands out its specs' code, so it is empty.
    # task_id (version 3, optional) is left out: kata's specs are not linked to numbered tasks.
    test: dict[str, Any] = {"name": spec.title, "status": status, "test_code": ""}
    if status != "pass":
        test["message"] = _exercism_message(spec)
    if spec.output:
        test["output"] = _truncated_output(spec.output)
    return test


def _exercism_error(report: Report, tests: list[dict[str, Any]]) -> str | None:
    """The top-level message when the run as a whole is an ``error``, else None.

    Exercism's ``error`` means no test was executed and is meant "only if all tests errored". An
    integrity finding is mapped to it too: the run's results cannot be trusted, its score is 0,
    and ``fail`` would need a failed test, which a tampered run whose specs all "passed" lacks.
    """
    if report.status is ReportStatus.error:
        lines = [*report.errors, report.output.strip()]
    elif report.integrity:
        lines = ["The run was not graded: kata found signs of tampering.", *report.integrity]
    elif tests and all(test["status"] == "error" for test in tests):
        lines = [tests[0]["message"]]
    else:
        return None
    text = "\n".join(line for line in lines if line) or "kata could not run the specs."
    return text[:EXERCISM_MESSAGE_LIMIT]


def exercism_results(report: Report) -> dict[str, Any]:
    """Exercism's test-runner ``results.json``, version 3 (mission.md §2.1): ``version``,
    ``status`` (``pass`` | ``fail`` | ``error``), ``message`` (only for ``error``, ≤ 65,535
    characters) and ``tests`` in the specs' file order, each with ``name``, ``status``,
    ``test_code`` (empty: the specs' code is never shown), ``message`` (for fail and error) and
    ``output`` (optional, at most 500 characters).

    Exercism shows this file to the learner, so it is built from ``candidate_view(report)``:
    hidden specs appear as "Hidden spec N", without their message, hint or output.
    """
    shown = candidate_view(report)
    tests = [_exercism_test(spec) for spec in shown.specs]
    message = _exercism_error(shown, tests)
    if message is not None:
        status = "error"
    elif all(test["status"] == "pass" for test in tests):
        status = "pass"
    else:
        status = "fail"
    results: dict[str, Any] = {"version": EXERCISM_VERSION, "status": status}
    if message is not None:
        results["message"] = message
    results["tests"] = tests
    return results
