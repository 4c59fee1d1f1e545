"""The batch renderers, each read back the way its consumer reads it: CSV with the csv module,
JUnit with an XML parser, the external formats against the fields of mission.md §2, and the
candidate's copy against what it must not reveal."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from grader.client import EXCHANGE_HEADING
from grader.models import (
    KataRef,
    Limits,
    Report,
    ReportStatus,
    RunEnd,
    SandboxRef,
    SimilarPair,
    SpecInfo,
    SpecResult,
    SpecStatus,
    SubmissionRef,
    Visibility,
)
from grader.render.csv import results_csv
from grader.render.external import exercism_results, gradescope_results
from grader.render.feedback import candidate_view
from grader.render.html import html_report
from grader.render.junit import junit_xml

SPECS = [
    SpecInfo(id="test_api.py::test_login", title="Login returns a token", points=2),
    SpecInfo(
        id="test_api.py::test_expired",
        title="Expired tokens are rejected",
        points=3,
        hints=["compare exp with the clock"],
    ),
    SpecInfo(
        id="test_admin.py::test_admin_delete",
        title="Only admins can delete users",
        points=5,
        visibility=Visibility.hidden,
        hints=["check the role claim"],
    ),
]
STARTED = datetime(2026, 5, 30, 14, 0, tzinfo=UTC)
FAILURE_MESSAGE = "assert 200 == 401\n  where 200 = response.status_code"
SECRET_MESSAGE = "DELETE /users/7 by a plain user answered 204"
TAMPERING = "the submission replaced _pytest.runner.call_and_report"


def spec_result(spec: SpecInfo, status: SpecStatus, **fields: object) -> SpecResult:
    """A spec's result as the grader builds it: full points only for an explicit pass."""
    return SpecResult(
        id=spec.id,
        title=spec.title,
        status=status,
        points=spec.points if status is SpecStatus.passed else 0,
        max_points=spec.points,
        visibility=spec.visibility,
        hint=spec.hints[0] if spec.hints and status is not SpecStatus.passed else "",
        duration=0.25,
        **fields,
    )


def make_report(
    name: str,
    results: list[SpecResult],
    *,
    integrity: list[str] | None = None,
    errors: list[str] | None = None,
    run_end: RunEnd = RunEnd.finished,
    started_at: datetime = STARTED,
    output: str = "",
) -> Report:
    """A Report with the score and status rules of grader.results."""
    integrity, errors = integrity or [], errors or []
    if errors:
        status = ReportStatus.error
    elif not integrity and all(r.status is SpecStatus.passed for r in results):
        status = ReportStatus.passed
    else:
        status = ReportStatus.failed
    return Report(
        kata=KataRef(id="jwt-auth", version="3f2a9c0d1e4b5a6978877665544332211"),
        submission=SubmissionRef(name=name, content_hash="ab" * 32, files=4, bytes=2048),
        sandbox=SandboxRef(
            backend="docker", mode="blackbox", limits=Limits(), image="sha256:" + "cd" * 32
        ),
        started_at=started_at,
        duration=3.5,
        run_end=run_end,
        status=status,
        score=0 if integrity else sum(r.points for r in results),
        max_score=sum(r.max_points for r in results),
        specs=results,
        integrity=integrity,
        errors=errors,
        output=output,
    )


def sample_batch() -> tuple[list[Report], list[SimilarPair], dict[str, Report]]:
    """Five candidates: a pass, a partial, a timeout, a tampered run, a failed hidden spec;
    one similar pair; and earlier reports for two of them."""
    login, expired, admin = SPECS
    passed = SpecStatus.passed
    reports = [
        make_report("linus", [
            spec_result(login, passed),
            spec_result(expired, SpecStatus.timeout, message="the run hit its time limit"),
            spec_result(admin, SpecStatus.not_run, message="not run: the run hit its time limit"),
        ], run_end=RunEnd.timed_out),
        make_report("grace", [
            spec_result(login, passed),
            spec_result(expired, SpecStatus.failed, message=FAILURE_MESSAGE, output="exp=17\n"),
            spec_result(admin, passed),
        ]),
        make_report(
            "mallory", [spec_result(spec, passed) for spec in SPECS], integrity=[TAMPERING]
        ),
        make_report("ada", [spec_result(spec, passed) for spec in SPECS]),
        make_report("bob", [
            spec_result(login, SpecStatus.failed, message="KeyError: 'access_token'"),
            spec_result(expired, passed),
            spec_result(
                admin,
                SpecStatus.failed,
                message=SECRET_MESSAGE,
                output="<script>alert('owned')</script>\x1b[31m",
            ),
        ]),
    ]  # fmt: skip
    pairs = [
        SimilarPair(
            first="grace",
            second="bob",
            score=0.87,
            fragments=["def verify(token):\n    return jwt.decode(token, KEY) and True"],
        )
    ]
    earlier = STARTED - timedelta(days=2)
    previous = {
        "grace": make_report("grace", [spec_result(SPECS[0], passed)], started_at=earlier),
        "bob": make_report("bob", [spec_result(s, passed) for s in SPECS[:2]], started_at=earlier),
    }
    return reports, pairs, previous


def by_name(reports: list[Report]) -> dict[str, Report]:
    return {report.submission.name: report for report in reports}


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_rows_are_exact() -> None:
    reports, _, _ = sample_batch()
    rows = list(csv.reader(io.StringIO(results_csv(reports, SPECS))))
    assert rows == [
        [
            "candidate",
            "Login returns a token [test_api.py::test_login]",
            "Expired tokens are rejected [test_api.py::test_expired]",
            "Only admins can delete users [test_admin.py::test_admin_delete]",
            "total",
            "max",
            "percent",
            "status",
            "integrity",
        ],
        ["max points", "2", "3", "5", "10", "10", "", "", ""],
        ["ada", "2", "3", "5", "10", "10", "100.0", "passed", ""],
        ["bob", "0", "3", "0", "3", "10", "30.0", "failed", ""],
        ["grace", "2", "0", "5", "7", "10", "70.0", "failed", ""],
        ["linus", "2", "0", "0", "2", "10", "20.0", "failed", ""],
        ["mallory", "2", "3", "5", "0", "10", "0.0", "failed", TAMPERING],
    ]


def test_csv_quotes_what_needs_it_and_keeps_formulas_inert() -> None:
    login = SPECS[0]
    reports = [
        make_report('Doe, "JD" Jane', [spec_result(login, SpecStatus.passed)]),
        make_report("=HYPERLINK(1)", [spec_result(login, SpecStatus.failed)]),
    ]
    text = results_csv(reports, SPECS)
    rows = list(csv.reader(io.StringIO(text)))
    assert '"Doe, ""JD"" Jane"' in text
    assert rows[2][:5] == ["'=HYPERLINK(1)", "0", "", "", "0"]  # a missing spec is blank, not 0
    assert rows[3][:2] == ['Doe, "JD" Jane', "2"]


def test_csv_of_no_reports_still_has_its_header_and_max_row() -> None:
    rows = list(csv.reader(io.StringIO(results_csv([], SPECS))))
    assert len(rows) == 2
    assert rows[1][0] == "max points"


# --- JUnit ---------------------------------------------------------------------------------------


def _junit() -> ET.Element:
    reports, _, _ = sample_batch()
    return ET.fromstring(junit_xml(reports))  # noqa: S314 (our own output, not untrusted XML)


def test_junit_has_one_suite_per_candidate_and_one_case_per_spec() -> None:
    root = _junit()
    assert root.tag == "testsuites"
    assert [suite.get("name") for suite in root] == ["ada", "bob", "grace", "linus", "mallory"]
    ada = root.find("testsuite[@name='ada']")
    assert ada is not None
    cases = ada.findall("testcase")
    assert [(c.get("classname"), c.get("name"), c.get("time")) for c in cases] == [
        ("jwt-auth", spec.id, "0.250") for spec in SPECS
    ]
    assert [(c.tag, list(c)) for c in cases] == [("testcase", [])] * 3
    properties = {p.get("name"): p.get("value") for p in ada.iter("property")}
    assert properties["score"] == "10"
    assert properties["sandbox_image"] == "sha256:" + "cd" * 32


def test_junit_failures_errors_and_skips_carry_the_trimmed_message() -> None:
    root = _junit()
    grace = root.find("testsuite[@name='grace']/testcase[@name='test_api.py::test_expired']")
    assert grace is not None
    failure = grace.find("failure")
    assert failure is not None
    assert failure.get("message") == "assert 200 == 401"
    assert failure.text == FAILURE_MESSAGE + "\n\nhint: compare exp with the clock"
    system_out = grace.find("system-out")
    assert system_out is not None
    assert system_out.text == "exp=17"
    linus = root.find("testsuite[@name='linus']")
    assert linus is not None
    error = linus.find("testcase[@name='test_api.py::test_expired']/error")
    skipped = linus.find("testcase[@name='test_admin.py::test_admin_delete']/skipped")
    assert error is not None
    assert skipped is not None
    assert error.get("type") == "timeout"
    assert skipped.get("message") == "not run: the run hit its time limit"
    counts = {key: linus.get(key) for key in ("tests", "failures", "errors", "skipped")}
    assert counts == {"tests": "3", "failures": "0", "errors": "1", "skipped": "1"}
    assert root.get("tests") == "16"  # 15 specs and mallory's integrity case


def test_junit_makes_an_integrity_finding_fail_and_survives_control_characters() -> None:
    root = _junit()
    integrity = root.find("testsuite[@name='mallory']/testcase[@name='integrity']/failure")
    assert integrity is not None
    assert integrity.get("message") == TAMPERING
    bob = root.find("testsuite[@name='bob']/testcase[@name='test_admin.py::test_admin_delete']")
    assert bob is not None
    output = bob.find("system-out")
    assert output is not None
    assert output.text == "<script>alert('owned')</script>\\x1b[31m"


def test_junit_names_an_infrastructure_error() -> None:
    report = make_report("eve", [], errors=["docker: no such image"])
    root = ET.fromstring(junit_xml([report]))  # noqa: S314 (our own output)
    error = root.find("testsuite/testcase[@name='grader']/error")
    assert error is not None
    assert error.get("message") == "docker: no such image"


# --- Gradescope and Exercism --------------------------------------------------------------------

# mission.md §2.2 (Gradescope) and §2.1 (Exercism): the fields each format defines.
GRADESCOPE_TOP = {
    "score", "execution_time", "output", "output_format", "test_output_format",
    "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard",
}  # fmt: skip
GRADESCOPE_TEST = {
    "score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
    "tags", "visibility", "extra_data",
}  # fmt: skip
GRADESCOPE_VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
EXERCISM_TOP = {"version", "status", "message", "tests"}
EXERCISM_TEST = {"name", "test_code", "status", "message", "output", "task_id"}


def test_gradescope_results_use_only_its_fields_and_values() -> None:
    reports = by_name(sample_batch()[0])
    for report in reports.values():
        results = gradescope_results(report)
        assert set(results) <= GRADESCOPE_TOP
        assert results["output_format"] in {"text", "html", "simple_format", "md", "ansi"}
        for test in results["tests"]:
            assert set(test) <= GRADESCOPE_TEST
            assert test["status"] in {"passed", "failed"}
            assert test["visibility"] in GRADESCOPE_VISIBILITIES
    grace = gradescope_results(reports["grace"])
    assert grace["score"] == 7
    expired = grace["tests"][1]
    assert expired == {
        "name": "Expired tokens are rejected",
        "number": "2",
        "score": 0,
        "max_score": 3,
        "status": "failed",
        "output": f"failed: {FAILURE_MESSAGE}\n\nHint: compare exp with the clock\n\n"
        "Captured output:\nexp=17",
        "visibility": "visible",
    }
    assert grace["tests"][2]["visibility"] == "hidden"
    assert grace["tests"][2]["name"] == "Only admins can delete users"  # instructors see all


def test_gradescope_score_overrides_the_tests_after_an_integrity_finding() -> None:
    results = gradescope_results(by_name(sample_batch()[0])["mallory"])
    assert results["score"] == 0
    assert sum(test["score"] for test in results["tests"]) == 10
    assert TAMPERING in results["output"]
    assert results["extra_data"]["integrity"] == [TAMPERING]


def test_exercism_results_are_version_3_with_its_fields() -> None:
    reports = by_name(sample_batch()[0])
    ada = exercism_results(reports["ada"])
    assert ada == {
        "version": 3,
        "status": "pass",
        "tests": [
            {"name": "Login returns a token", "status": "pass", "test_code": ""},
            {"name": "Expired tokens are rejected", "status": "pass", "test_code": ""},
            {"name": "Hidden spec 1", "status": "pass", "test_code": ""},
        ],
    }
    linus = exercism_results(reports["linus"])
    assert linus["status"] == "fail"
    assert "message" not in linus  # only an error carries a top-level message
    assert [test["status"] for test in linus["tests"]] == ["pass", "error", "error"]
    for report in reports.values():
        results = exercism_results(report)
        assert set(results) <= EXERCISM_TOP
        assert results["status"] in {"pass", "fail", "error"}
        for test in results["tests"]:
            assert set(test) <= EXERCISM_TEST
            assert test["status"] in {"pass", "fail", "error"}
            assert test["test_code"] == ""
            assert test["status"] == "pass" or test["message"]


def test_exercism_hides_hidden_specs_and_caps_output() -> None:
    bob = by_name(sample_batch()[0])["bob"]
    long_output = "x" * 2000
    bob.specs[0] = bob.specs[0].model_copy(update={"output": long_output})
    results = exercism_results(bob)
    first, _, hidden = results["tests"]
    assert len(first["output"]) == 500
    assert first["output"].endswith(" [Output was truncated. Please limit to 500 chars]")
    assert hidden["name"] == "Hidden spec 1"
    assert "output" not in hidden
    assert SECRET_MESSAGE not in str(results)
    assert "check the role claim" not in str(results)
    assert hidden["message"] == "This spec did not pass (failed)."


def test_exercism_errors_name_why() -> None:
    reports = by_name(sample_batch()[0])
    tampered = exercism_results(reports["mallory"])
    assert tampered["status"] == "error"
    assert TAMPERING in tampered["message"]
    broken = make_report("eve", [], errors=["docker: no such image"], output="Traceback ...")
    assert exercism_results(broken) == {
        "version": 3,
        "status": "error",
        "message": "docker: no such image\nTraceback ...",
        "tests": [],
    }
    crashed = make_report(
        "zed", [spec_result(s, SpecStatus.error, message="ImportError: app.main") for s in SPECS]
    )
    results = exercism_results(crashed)
    assert results["status"] == "error"
    assert results["message"].startswith("ImportError: app.main")


# --- candidate_view ------------------------------------------------------------------------------


def test_candidate_view_redacts_hidden_specs_only() -> None:
    bob = by_name(sample_batch()[0])["bob"]
    seen = candidate_view(bob)
    first, second, hidden = seen.specs
    assert (first, second) == (bob.specs[0], bob.specs[1])
    assert (hidden.id, hidden.title) == ("hidden-1", "Hidden spec 1")
    assert (hidden.message, hidden.hint, hidden.output) == ("", "", "")
    redacted = {"id", "title", "message", "hint", "output"}
    assert hidden.model_dump(exclude=redacted) == bob.specs[2].model_dump(exclude=redacted)
    # The run's own output may name hidden specs, and hints used would, so they go too.
    assert seen.output == ""
    assert seen.model_dump(exclude={"specs", "output"}) == bob.model_dump(
        exclude={"specs", "output"}
    )
    assert bob.specs[2].message == SECRET_MESSAGE  # the reviewer's copy is untouched
    assert candidate_view(seen) == seen


def test_candidate_view_numbers_hidden_specs_in_order_and_keeps_integrity() -> None:
    hidden = [
        SpecInfo(id=f"t.py::h{n}", title=f"secret {n}", points=1, visibility=Visibility.hidden)
        for n in range(3)
    ]
    results = [spec_result(spec, SpecStatus.failed, message="why") for spec in hidden]
    results.insert(1, spec_result(SPECS[0], SpecStatus.passed))
    report = make_report("x", results, integrity=[TAMPERING])
    seen = candidate_view(report)
    assert [spec.title for spec in seen.specs] == [
        "Hidden spec 1",
        "Login returns a token",
        "Hidden spec 2",
        "Hidden spec 3",
    ]
    assert seen.integrity == [TAMPERING]


# --- HTML, without a browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> str:
    reports, pairs, previous = sample_batch()
    return html_report(reports, SPECS, pairs, previous)


def test_html_escapes_candidate_text(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the page's own sorting script


def test_html_is_self_contained(page: str) -> None:
    for needle in ("http://", "https://", "//cdn", "@import", "url(", " src="):
        assert needle not in page


def test_html_shows_hidden_specs_to_reviewers_marked_as_such(page: str) -> None:
    assert SECRET_MESSAGE in page
    assert "Only admins can delete users" in page
    assert "hidden from candidates" in page


def test_html_shows_moves_since_the_previous_grading(page: str) -> None:
    assert ">+5<" in page  # grace: 2 -> 7
    assert ">\N{MINUS SIGN}2<" in page  # bob: 5 -> 3
    assert ">new<" in page


def test_html_renders_an_empty_batch_and_no_previous_column() -> None:
    page = html_report([], SPECS)
    assert "No submissions were graded." in page
    assert "Change" not in page


# --- terminal ------------------------------------------------------------------------------------


def _terminal_text(report: Report) -> str:
    from rich.console import Console

    from grader.render.terminal import report_view

    console = Console(width=200, record=True, color_system=None)
    console.print(report_view(report))
    return console.export_text()


def test_a_failure_shows_its_message_short_and_its_exchange_whole() -> None:
    said = "\n".join(f"said line {number}" for number in range(1, 8))  # one line over the cap
    headers = [f"x-header-{number}: {number}" for number in range(1, 11)]
    exchange = "\n".join(["GET /api/v1/users/99", "-> 404 Not Found", *headers, "", '{"a": 1}'])
    message = f"{said}\n\n{EXCHANGE_HEADING}\n{exchange}"
    login = SPECS[0]
    shown = _terminal_text(
        make_report("ada", [spec_result(login, SpecStatus.failed, message=message)])
    )
    assert "said line 6" in shown
    assert "said line 7" not in shown
    assert "[... 1 more line]" in shown  # one line, said as one
    assert EXCHANGE_HEADING in shown
    assert all(header in shown for header in headers)  # every header a spec may be about
    assert '{"a": 1}' in shown
