"""Turn what a run left behind (results stream + sandbox outcome) into a Report.

Strict by construction: the specs expected are the kata's index, known before the run; a spec
passes only with an explicit ``passed`` record; a spec without a record is ``not_run`` (or
``timeout``/``error`` if it was the one running when the run ended); an integrity finding scores 0.
"""

from datetime import UTC, datetime

from grader.catalog import Kata
from grader.models import (
    KataRef,
    Report,
    ReportStatus,
    RunEnd,
    SandboxRef,
    SpecInfo,
    SpecResult,
    SpecStatus,
    SubmissionRef,
)
from grader.records import LOAD_FAILURE, Stream
from grader.sandbox import Outcome

MAX_RUN_OUTPUT_CHARS = 8000

_ENDED_BECAUSE = {
    RunEnd.timed_out: "the run hit its time limit",
    RunEnd.out_of_memory: "the run ran out of memory",
    RunEnd.killed: "the run was killed",
    RunEnd.finished: "the run ended",
}


def _run_ended(outcome: Outcome) -> str:
    reason = _ENDED_BECAUSE[outcome.run_end]
    if outcome.run_end is RunEnd.finished and outcome.returncode is not None:
        reason += f" (exit code {outcome.returncode})"
    return reason


def _tail(text: str, limit: int = MAX_RUN_OUTPUT_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else "[...]\n" + text[-limit:]


def _spec_result(spec: SpecInfo, stream: Stream, running: set[str], outcome: Outcome) -> SpecResult:
    record = stream.finished.get(spec.id)
    hint = spec.hints[0] if spec.hints else ""
    common = {
        "id": spec.id,
        "title": spec.title,
        "max_points": spec.points,
        "hint": hint,
        "visibility": spec.visibility,
    }
    if record is not None:
        status = SpecStatus(record.outcome)
        return SpecResult(
            **common,
            status=status,
            points=spec.points if status is SpecStatus.passed else 0,
            duration=record.duration,
            message=record.message,
            output=record.output,
        )
    if spec.id in running:
        status = SpecStatus.timeout if outcome.run_end is RunEnd.timed_out else SpecStatus.error
        message = f"{_run_ended(outcome)} during this spec"
    else:
        status, message = SpecStatus.not_run, f"not run: {_run_ended(outcome)} before this spec"
    return SpecResult(**common, status=status, points=0, message=message)


def unrun_report(
    *,
    kata: Kata,
    index: list[SpecInfo],
    name: str,
    reason: str,
    sandbox: SandboxRef,
    status: ReportStatus,
) -> Report:
    """The Report of a submission no spec could run for: rejected at intake, or the sandbox
    failed it. Every spec is there, not run, with the reason."""
    outcome = Outcome(returncode=None, run_end=RunEnd.finished, duration=0.0, output="")
    report = build_report(
        kata=kata,
        index=index,
        stream=Stream(),
        outcome=outcome,
        submission=SubmissionRef(name=name, content_hash="", files=0, bytes=0),
        sandbox=sandbox,
        started_at=datetime.now(UTC),
    )
    why = "the submission was rejected" if status is ReportStatus.rejected else "the run failed"
    message = f"not run: {why}: {reason}"
    specs = [spec.model_copy(update={"message": message}) for spec in report.specs]
    return report.model_copy(update={"status": status, "specs": specs, "errors": [reason]})


def _root_cause_first(specs: list[SpecResult]) -> tuple[list[SpecResult], str]:
    """When one load failure stopped every spec it touched, say it once, not once per spec."""
    causes = {spec.message for spec in specs if spec.message.startswith(LOAD_FAILURE)}
    if len(causes) != 1:
        return specs, ""
    (cause,) = causes
    blocked = "blocked: the app could not be loaded (the error above)"
    return [
        spec.model_copy(update={"message": blocked}) if spec.message == cause else spec
        for spec in specs
    ], cause.removeprefix(LOAD_FAILURE)


def build_report(
    *,
    kata: Kata,
    index: list[SpecInfo],
    stream: Stream,
    outcome: Outcome,
    submission: SubmissionRef,
    sandbox: SandboxRef,
    started_at: datetime,
) -> Report:
    errors: list[str] = []
    integrity = list(stream.session.integrity) if stream.session else []
    if stream.collected is None:
        errors.append(f"the specs never started: {_run_ended(outcome)}")
        expected = index
    else:
        selected = {spec.id for spec in stream.collected.specs}
        expected = [spec for spec in index if spec.id in selected]
        unknown = selected - {spec.id for spec in index}
        if unknown:
            integrity.append(f"the run reported specs the kata does not have: {sorted(unknown)}")
    if stream.unreadable_lines or stream.truncated:
        integrity.append("the results stream holds lines the grader did not write")
    # Started and never finished: running when the run ended (one per share of a split check).
    running = {spec_id for spec_id in stream.started if spec_id not in stream.finished}
    specs = [_spec_result(spec, stream, running, outcome) for spec in expected]
    specs, blocked_by = _root_cause_first(specs)
    max_score = sum(spec.max_points for spec in specs)
    score = 0 if integrity else sum(spec.points for spec in specs)
    if errors:
        status = ReportStatus.error
    elif not integrity and all(spec.status is SpecStatus.passed for spec in specs):
        status = ReportStatus.passed
    else:
        status = ReportStatus.failed
    return Report(
        kata=KataRef(id=kata.id, version=kata.version),
        submission=submission,
        sandbox=sandbox,
        started_at=started_at,
        duration=round(outcome.duration, 3),
        run_end=outcome.run_end,
        status=status,
        score=score,
        max_score=max_score,
        specs=specs,
        integrity=integrity,
        errors=errors,
        output=_tail(outcome.output),
        blocked_by=blocked_by,
        routes=stream.routes.problems if stream.routes else [],
    )
