"""Grading a learner's tests (grading = "tests"): the write-the-tests kata verified in both modes
and every sandbox, the rules that make a suite's pass mean something, and hostile suites that try
to tell the app versions apart by anything but the app's behaviour."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from grader.catalog import load_kata
from grader.models import Report, ReportStatus, SpecStatus
from grader.resources import builtin_catalog_dir
from grader.runner import grade, limits_for
from grader.sandbox import BACKENDS
from grader.suitegrade import BLOCKED, MISSED, NO_TESTS, _order, run_versions
from grader.suitekata import BASELINE_ID, suite_index, versions

from .conftest import require_sandbox, run_kata

pytestmark = pytest.mark.slow

KATA = load_kata(builtin_catalog_dir() / "write-the-tests", builtin=True)
SUITES = Path(__file__).parent / "fixtures" / "suites"
FAULT_IDS = [spec.id for spec in suite_index(KATA) if not spec.baseline]
VERIFY_SECONDS = 2400


def _project(tmp_path: Path, suite: str) -> Path:
    """A learner's project: the handed-out app and the suite's tests/."""
    project = tmp_path / suite
    shutil.copytree(KATA.stub_dir / "app", project / "app")
    shutil.copytree(SUITES / suite / "tests", project / "tests")
    return project


def _statuses(report: Report) -> dict[str, SpecStatus]:
    return {spec.id: spec.status for spec in report.specs}


def _baseline(report: Report):
    return next(spec for spec in report.specs if spec.id == BASELINE_ID)


def _assert_blocked(report: Report) -> None:
    """The suite failed on the correct app, so no fault counts, whatever it did on them."""
    assert report.status is ReportStatus.failed
    assert report.score == 0
    assert _baseline(report).status is not SpecStatus.passed
    assert report.blocked_by == _baseline(report).message.splitlines()[0]
    for spec in report.specs[1:]:
        assert (spec.status, spec.message) == (SpecStatus.failed, BLOCKED)


# --- kata verify: the solution catches all, the stub nothing, each weak suite is caught -------


def test_verify_holds_in_process() -> None:
    result = run_kata("verify", KATA.id, "--mode", "inprocess", timeout=VERIFY_SECONDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "inprocess/process" in result.stdout
    for subject in ("solution", "stub", "happy-paths-only", "no-paging-checks", "expects-200"):
        assert subject in result.stdout


@pytest.mark.parametrize("sandbox", ["process", "bwrap", "docker"])
def test_verify_holds_black_box(sandbox: str) -> None:
    require_sandbox(sandbox)
    result = run_kata(
        "verify", KATA.id, "--mode", "blackbox", "--sandbox", sandbox, timeout=VERIFY_SECONDS
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"blackbox/{sandbox}" in result.stdout


def test_grade_a_batch_in_bwrap(tmp_path: Path) -> None:
    """kata grade, as a hiring team runs it: the stub scores its baseline point only."""
    require_sandbox("bwrap")
    submission = tmp_path / "candidate"
    shutil.copytree(KATA.stub_dir, submission)
    out = tmp_path / "out"
    result = run_kata("grade", KATA.id, str(submission), "--sandbox", "bwrap", "--out", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    report = Report.model_validate_json(
        (out / "candidates" / "candidate" / "report.json").read_text()
    )
    assert (report.score, report.max_score, report.sandbox.mode) == (1, 15, "blackbox")


# --- what makes "the suite passes" mean something --------------------------------------------


def test_a_project_without_tests_is_told_so(tmp_path: Path) -> None:
    project = tmp_path / "no-tests"
    shutil.copytree(KATA.stub_dir / "app", project / "app")
    report = grade(KATA, project, BACKENDS["process"](), mode="inprocess")
    _assert_blocked(report)
    assert _baseline(report).message == NO_TESTS


@pytest.mark.parametrize(
    ("suite", "said"),
    [
        ("all-skipped", "kata: no test passed, so the suite does not count as passing"),
        ("own-client", "a `client` fixture of your own (in tests/test_own_client.py) is refused"),
        ("imports-app", "No module named 'app'"),
        ("fails-on-correct", "assert 201 == 200"),
    ],
)
def test_a_suite_that_does_not_pass_on_the_correct_app_catches_nothing(
    tmp_path: Path, suite: str, said: str
) -> None:
    report = grade(KATA, _project(tmp_path, suite), BACKENDS["process"](), mode="inprocess")
    _assert_blocked(report)
    baseline = _baseline(report)
    assert said in baseline.message + baseline.output
    # In-process, the correct app goes first and nothing runs after it fails.
    assert all(spec.duration == 0 for spec in report.specs[1:])


def test_the_learners_conftest_is_left_out_and_faults_stay_quiet(tmp_path: Path) -> None:
    """fails-on-correct's conftest.py raises if loaded; the message names the failing test, and
    the suite's output is shown for the correct app only."""
    report = grade(KATA, _project(tmp_path, "fails-on-correct"), BACKENDS["process"]())
    assert "the learner's tests/conftest.py was loaded" not in _baseline(report).output
    assert "test_add_answers_200" in _baseline(report).message
    assert "MARKER-OF-THE-SUITE-OUTPUT" in _baseline(report).output


def test_the_stub_passes_the_baseline_and_misses_every_fault() -> None:
    report = grade(KATA, KATA.stub_dir, BACKENDS["process"](), mode="inprocess")
    assert _statuses(report) == {BASELINE_ID: SpecStatus.passed} | dict.fromkeys(
        FAULT_IDS, SpecStatus.failed
    )
    assert {spec.message for spec in report.specs[1:]} == {MISSED}
    assert all(spec.hint for spec in report.specs[1:]), "a missed fault says what to test"
    assert (report.score, report.max_score, report.blocked_by) == (1, 15, "")


def test_k_is_refused() -> None:
    with pytest.raises(Exception, match="grades your whole suite at once"):
        grade(KATA, KATA.stub_dir, BACKENDS["process"](), select="health")


def test_black_box_order_is_shuffled_and_in_process_starts_with_the_correct_app() -> None:
    orders = {tuple(version.spec_id for version in _order(KATA, "blackbox")) for _ in range(20)}
    assert len(orders) > 1
    assert all(
        sorted(order) == sorted(version.spec_id for version in versions(KATA)) for order in orders
    )
    assert _order(KATA, "inprocess")[0].spec_id == BASELINE_ID


# --- hostile suites: only the app's behaviour may tell the versions apart ---------------------


def _spy_project(tmp_path: Path) -> Path:
    """The spy, with the hashes of the correct app's files, which every learner has."""
    project = _project(tmp_path, "spy")
    known = sorted(
        hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (KATA.stub_dir / "app").glob("*.py")
    )
    (project / "tests" / "known_app.py").write_text(f"KNOWN = {known!r}\n")
    return project


@pytest.mark.parametrize("sandbox", ["bwrap", "docker"])
def test_a_spy_finds_neither_the_served_source_nor_the_faults(tmp_path: Path, sandbox: str) -> None:
    """It would catch every fault if it could read the app it is testing; it catches none."""
    report = grade(KATA, _spy_project(tmp_path), require_sandbox(sandbox), mode="blackbox")
    assert _statuses(report) == {BASELINE_ID: SpecStatus.passed} | dict.fromkeys(
        FAULT_IDS, SpecStatus.failed
    ), _baseline(report).message
    assert report.score == 1


@pytest.mark.parametrize("sandbox", ["process", "bwrap", "docker"])
def test_every_version_looks_the_same_from_the_suite(tmp_path: Path, sandbox: str) -> None:
    """Paths, environment, files, mounts and processes the suite sees: identical for every
    version, run in a shuffled order, and none of it reaches the Report."""
    project = _project(tmp_path, "fingerprint")
    outcomes = run_versions(
        KATA,
        project / "tests",
        require_sandbox(sandbox),
        "blackbox",
        limits_for(KATA),
        tmp_path / "runs",
    )
    assert sorted(outcomes) == sorted(version.spec_id for version in versions(KATA))
    seen = {}
    for spec_id, outcome in outcomes.items():
        lines = [line for line in outcome.output.splitlines() if line.startswith("FINGERPRINT ")]
        assert len(lines) == 1, outcome.output
        seen[spec_id] = json.loads(lines[0].removeprefix("FINGERPRINT "))
    if sandbox == "process":  # it shares the host's processes and mounts, which come and go
        for fingerprint in seen.values():
            del fingerprint["mounts"], fingerprint["commands"]
    first = seen[BASELINE_ID]
    for spec_id, fingerprint in seen.items():
        for key, value in fingerprint.items():
            assert value == first[key], f"{spec_id}: {key} differs from the correct app's run"
    assert "fault" not in json.dumps(first).lower()
    report = grade(KATA, project, BACKENDS[sandbox](), mode="blackbox")
    assert report.score == 1
    assert "FINGERPRINT" not in report.model_dump_json()
