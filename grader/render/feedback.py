"""The candidate's copy of a Report: what a hidden spec checks stays with the reviewers.

A hidden spec still counts and still shows whether it passed, so the candidate knows how far they
got; its id, title, failure message, hint and captured output would tell them what it tests, so
they go. Hints used go too, and the run's own output, which may name hidden specs. Integrity
findings stay: a candidate whose run scored 0 is told why.
"""

from grader.models import Report, SpecResult, Visibility

HIDDEN_TITLE = "Hidden spec {number}"
HIDDEN_ID = "hidden-{number}"


def _redacted(spec: SpecResult, number: int) -> SpecResult:
    return spec.model_copy(
        update={
            "id": HIDDEN_ID.format(number=number),
            "title": HIDDEN_TITLE.format(number=number),
            "message": "",
            "hint": "",
            "output": "",
        }
    )


def candidate_view(report: Report) -> Report:
    """A copy of ``report`` in which hidden specs are "Hidden spec 1", "Hidden spec 2", ... (in
    the report's order, with ids "hidden-1", ...) with no message, hint or output.

    Applying it twice gives the same copy, so a renderer may apply it to be safe.
    """
    specs: list[SpecResult] = []
    hidden = 0
    for spec in report.specs:
        if spec.visibility is Visibility.hidden:
            hidden += 1
            specs.append(_redacted(spec, hidden))
        else:
            specs.append(spec.model_copy())
    if not hidden:
        return report.model_copy(update={"specs": specs}, deep=True)
    return report.model_copy(update={"specs": specs, "output": "", "hints_used": {}}, deep=True)
