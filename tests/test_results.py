"""From a results stream to a Report: strict about what counts as a pass."""

from datetime import UTC, datetime
from pathlib import Path

from grader.catalog import Kata
from grader.models import Limits, ReportStatus, RunEnd, SandboxRef, SpecInfo, SubmissionRef
from grader.records import Collected, Finished, SessionEnd, Started, dump, read_stream
from grader.results import build_report
from grader.sandbox import Outcome

INDEX = [
    SpecInfo(id="t.py::a", title="A", points=2, hints=["look at a", "more on a"]),
    SpecInfo(id="t.py::b", title="B", points=1),
    SpecInfo(id="t.py::c", title="C", points=3),
]


def _report(greeter: Kata, tmp_path: Path, records: list, *, run_end=RunEnd.finished, extra=""):
    path = tmp_path / "results.jsonl"
    path.write_text("".join(dump(record) for record in records) + extra)
    return build_report(
        kata=greeter,
        index=INDEX,
        stream=read_stream(path),
        outcome=Outcome(returncode=0, run_end=run_end, duration=1.5, output="run output"),
        submission=SubmissionRef(name="s", content_hash="0" * 64, files=1, bytes=1),
        sandbox=SandboxRef(backend="process", mode="inprocess", limits=Limits()),
        started_at=datetime.now(UTC),
    )


def _passed(spec_id: str) -> Finished:
    return Finished(id=spec_id, outcome="passed", duration=0.1)


COLLECTED = Collected(specs=INDEX)


def test_all_passed(greeter: Kata, tmp_path: Path) -> None:
    records = [COLLECTED, *(_passed(spec.id) for spec in INDEX), SessionEnd(exitstatus=0)]
    report = _report(greeter, tmp_path, records)
    assert report.status is ReportStatus.passed
    assert (report.score, report.max_score) == (6, 6)


def test_specs_without_a_record_are_not_run_and_the_running_one_timed_out(
    greeter: Kata, tmp_path: Path
) -> None:
    records = [COLLECTED, Started(id="t.py::a"), _passed("t.py::a"), Started(id="t.py::b")]
    report = _report(greeter, tmp_path, records, run_end=RunEnd.timed_out)
    assert [spec.status.value for spec in report.specs] == ["passed", "timeout", "not_run"]
    assert report.score == 2
    assert report.status is ReportStatus.failed


def test_a_skip_is_not_a_pass_and_the_first_hint_is_shown(greeter: Kata, tmp_path: Path) -> None:
    records = [
        COLLECTED,
        Finished(id="t.py::a", outcome="skipped", duration=0, message="skipped on purpose"),
        _passed("t.py::b"),
        _passed("t.py::c"),
    ]
    report = _report(greeter, tmp_path, records)
    assert report.specs[0].points == 0
    assert report.specs[0].hint == "look at a"
    assert report.score == 4
    assert report.status is ReportStatus.failed


def test_integrity_findings_score_zero(greeter: Kata, tmp_path: Path) -> None:
    records = [
        COLLECTED,
        *(_passed(spec.id) for spec in INDEX),
        SessionEnd(exitstatus=0, integrity=["the spec t.py::a was rewritten at run time"]),
    ]
    report = _report(greeter, tmp_path, records)
    assert report.score == 0
    assert report.status is ReportStatus.failed
    assert report.integrity == ["the spec t.py::a was rewritten at run time"]


def test_lines_the_grader_did_not_write_are_a_finding(greeter: Kata, tmp_path: Path) -> None:
    records = [COLLECTED, *(_passed(spec.id) for spec in INDEX)]
    report = _report(greeter, tmp_path, records, extra='{"type": "spec", "forged": true}\n')
    assert report.score == 0
    assert "lines the grader did not write" in report.integrity[0]


def test_a_later_record_never_overrides_the_first(greeter: Kata, tmp_path: Path) -> None:
    failed = Finished(id="t.py::a", outcome="failed", duration=0, message="assert 1 == 2")
    report = _report(greeter, tmp_path, [COLLECTED, failed, _passed("t.py::a")])
    assert report.specs[0].status.value == "failed"


def test_specs_the_kata_does_not_have_are_a_finding(greeter: Kata, tmp_path: Path) -> None:
    extra = Collected(specs=[*INDEX, SpecInfo(id="t.py::planted", title="P", points=9)])
    report = _report(greeter, tmp_path, [extra, _passed("t.py::planted")])
    assert [spec.id for spec in report.specs] == [spec.id for spec in INDEX]
    assert "does not have" in report.integrity[0]


def test_a_run_that_never_collected_is_an_error(greeter: Kata, tmp_path: Path) -> None:
    report = _report(greeter, tmp_path, [])
    assert report.status is ReportStatus.error
    assert report.errors == ["the specs never started: the run ended (exit code 0)"]
    assert all(spec.status.value == "not_run" for spec in report.specs)
    assert report.output == "run output"


def test_a_selection_reports_only_the_selected_specs(greeter: Kata, tmp_path: Path) -> None:
    report = _report(greeter, tmp_path, [Collected(specs=INDEX[1:2]), _passed("t.py::b")])
    assert [spec.id for spec in report.specs] == ["t.py::b"]
    assert report.status is ReportStatus.passed
