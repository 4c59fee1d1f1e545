"""`kata grade`: a mixed batch of candidates graded exactly as expected, resumable after a kill."""

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from grader.batch import gather
from grader.catalog import Catalog
from grader.errors import UsageError
from grader.models import Report
from grader.resources import builtin_catalog_dir
from grader.sandbox.available import image_present

from .conftest import require, run_kata

KATA = Catalog([builtin_catalog_dir()]).get("rate-limiter")
MAX = 20
pytestmark = pytest.mark.slow

# The rate-limiter's near-misses, and the score each one earns: each fails exactly its mistake.
NEAR_MISS_SCORES = {
    "answers-403": 4,
    "counts-health": 18,
    "global-budget": 16,
    "ignores-api-key": 18,
    "retry-after-float": 18,
    "token-bucket": 15,
    "window-restarts-on-every-request": 16,
}
CHEATING_CONFTEST = """
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
"""


def _project(destination: Path, base: Path, changes: dict[str, str] | None = None) -> Path:
    shutil.copytree(base, destination)
    for name, text in (changes or {}).items():
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        (destination / name).write_text(text)
    return destination


def _zip_folder(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.rglob("*")):
            zipped.write(path, f"{folder.name}/{path.relative_to(folder)}")
    shutil.rmtree(folder)
    return archive


def _tar_folder(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz") as tarred:
        tarred.add(folder, arcname=folder.name)
    shutil.rmtree(folder)
    return archive


def make_submissions(root: Path) -> dict[Path, tuple[str, int]]:
    """Thirty-odd candidates of every kind; each with the status and score it must get."""
    root.mkdir()
    solution, stub = KATA.solution_dir, KATA.stub_dir
    expected: dict[Path, tuple[str, int]] = {}
    for number in range(8):  # correct, as folders, zips, tarballs and a git checkout
        folder = _project(root / f"correct-{number}", solution)
        if number == 1:
            folder = _zip_folder(folder, root / "correct-1.zip")
        elif number == 2:
            folder = _tar_folder(folder, root / "correct-2.tar.gz")
        elif number == 3:
            (folder / ".git").mkdir()
            (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
        expected[folder] = ("passed", MAX)
    for name, score in NEAR_MISS_SCORES.items():  # partial: one realistic mistake each
        miss = KATA.root / "near-misses" / name
        folder = _project(root / f"partial-{name}", solution)
        shutil.copytree(miss, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.toml"))
        expected[folder] = ("failed", score)
    main = (solution / "app" / "main.py").read_text()
    broken = {
        "stub": {},
        "syntax-error": {"app/main.py": main + "\ndef broken(:\n"},
        "no-app": {"app/main.py": "application = None\n"},
        "import-error": {"app/main.py": "import no_such_module\n" + main},
    }
    for name, changes in broken.items():
        base = stub if name == "stub" else solution
        folder = _project(root / f"broken-{name}", base, changes)
        expected[folder] = ("failed", 2 if name == "stub" else 0)
    hostile = {  # each earns what the honest code under it deserves
        "conftest-cheat": (stub, {"conftest.py": CHEATING_CONFTEST}, 2),
        "exits": (stub, {"app/__init__.py": "import os\nos._exit(0)\n"}, 0),
        "hangs-at-import": (stub, {"app/__init__.py": "import time\ntime.sleep(3600)\n"}, 0),
        "pytest-module": (solution, {"pytest.py": "raise SystemExit('shadowed')\n"}, MAX),
        "fake-summary": (stub, {"app/__init__.py": "print('== 12 passed in 0.1s ==')\n"}, 2),
        "memory-bomb": (stub, {"app/__init__.py": "hog = bytearray(3 * 1024**3)\n"}, 0),
    }
    for name, (base, changes, score) in hostile.items():
        folder = _project(root / f"hostile-{name}", base, changes)
        expected[folder] = ("passed" if score == MAX else "failed", score)
    malformed = {
        "empty.zip": lambda path: zipfile.ZipFile(path, "w").close(),
        "broken.zip": lambda path: path.write_bytes(b"PK\x03\x04 this is not a zip"),
        "escapes.zip": lambda path: _write_zip(path, {"../evil.py": b"x", "app/main.py": b""}),
        "truncated.tar.gz": lambda path: path.write_bytes(b"\x1f\x8b\x08\x00 truncated"),
        "symlink.tar.gz": _write_symlink_tar,
    }
    for name, write in malformed.items():
        write(root / name)
        expected[root / name] = ("rejected", 0)
    return expected


def _write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)


def _write_symlink_tar(path: Path) -> None:
    with tarfile.open(path, "w:gz") as tarred:
        data = b"app = None\n"
        info = tarfile.TarInfo("project/app/main.py")
        info.size = len(data)
        tarred.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("project/app/secrets")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/shadow"
        tarred.addfile(link)


def _grade(submissions: list[Path], out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["grade", "rate-limiter", *map(str, submissions), "--out", str(out), "--timeout", "60"]
    return run_kata(*args, *extra)


def _stable(report: Report) -> dict:
    """What a grading decides: the same code graded twice must get exactly this again. (How a
    hostile run's failures are worded can depend on timing; what they score cannot.)"""
    return {
        "kata": report.kata.version,
        "submission": report.submission.content_hash,
        "status": report.status,
        "score": report.score,
        "points": [(spec.id, spec.points) for spec in report.specs],
    }


def _results(out: Path) -> dict[str, tuple[str, int]]:
    with (out / "results.csv").open(newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["candidate"] != "max points"]
    return {row["candidate"]: (row["status"], int(row["total"])) for row in rows}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[str, int]]:
    return make_submissions(tmp_path_factory.mktemp("batch") / "submissions")


@pytest.fixture(scope="module")
def graded(generated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(image_present() is not None, "no Docker engine with the sandbox image")
    out = tmp_path_factory.mktemp("graded") / "out"
    result = _grade(sorted(generated), out)
    assert result.returncode == 1, result.stdout + result.stderr  # graded; not everyone passed
    assert "Batch summary" in result.stdout
    return out


def test_a_mixed_batch_is_graded_exactly_as_expected(generated, graded: Path) -> None:
    assert len(generated) >= 30
    expected = {gather([path])[0].name: outcome for path, outcome in generated.items()}
    assert _results(graded) == expected


def test_every_candidate_has_its_reports(generated, graded: Path) -> None:
    for path in generated:
        folder = graded / "candidates" / gather([path])[0].slug
        report = Report.model_validate_json((folder / "report.json").read_text())
        assert report.kata.version == KATA.version
        assert report.sandbox.backend == "docker"
        assert report.sandbox.mode == "blackbox"
        assert report.sandbox.image == image_present()
        for name in ("feedback.json", "gradescope/results.json", "exercism/results.json"):
            json.loads((folder / name).read_text())
    for name in ("results.csv", "junit.xml", "report.html"):
        assert (graded / name).stat().st_size > 0


def test_rejected_submissions_say_why(graded: Path) -> None:
    reasons = {
        "escapes": "a path outside the project",
        "symlink": "a link or special file",
        "empty": "is empty",
        "broken": "not a readable zip archive",
    }
    for name, reason in reasons.items():
        report = Report.model_validate_json(
            (graded / "candidates" / name / "report.json").read_text()
        )
        assert report.status == "rejected"
        assert reason in report.errors[0]


def test_a_second_run_grades_nothing_again(generated, graded: Path) -> None:
    before = {path: path.stat().st_mtime_ns for path in graded.glob("candidates/*/report.json")}
    started = time.monotonic()
    result = _grade(sorted(generated), graded)
    assert result.returncode == 1
    assert time.monotonic() - started < 30  # nothing is graded: every Report is current
    after = {path: path.stat().st_mtime_ns for path in graded.glob("candidates/*/report.json")}
    assert after == before


def test_a_batch_killed_half_way_resumes_to_the_same_results(
    generated, graded: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "grader", "grade", "rate-limiter", *map(str, sorted(generated))]
    argv += ["--out", str(out), "--timeout", "60"]
    batch = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while len(list(out.glob("candidates/*/report.json"))) < len(generated) // 2:
        assert batch.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    assert not (out / "results.csv").exists()

    resumed = _grade(sorted(generated), out)
    assert resumed.returncode == 1, resumed.stdout + resumed.stderr
    assert (out / "results.csv").read_text() == (graded / "results.csv").read_text()
    for report_path in graded.glob("candidates/*/report.json"):
        ours = out / report_path.relative_to(graded)
        first = Report.model_validate_json(report_path.read_text())
        second = Report.model_validate_json(ours.read_text())
        assert _stable(first) == _stable(second)


def test_bad_batch_input_is_refused(tmp_path: Path, generated) -> None:
    some = sorted(generated)[:2]
    result = _grade(some, tmp_path / "out", "--sandbox", "process")
    assert result.returncode == 2
    assert "--trusted" in result.stderr
    missing = _grade([tmp_path / "nowhere"], tmp_path / "out")
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    twins = tmp_path / "twins"
    _project(twins / "a" / "alice", KATA.stub_dir)
    _project(twins / "b" / "alice", KATA.stub_dir)
    with pytest.raises(UsageError, match="both belong to candidate 'alice'"):
        gather([twins / "a" / "alice", twins / "b" / "alice"])


def test_a_manifest_names_the_candidates(tmp_path: Path) -> None:
    first = _project(tmp_path / "sub-1", KATA.stub_dir)
    second = _project(tmp_path / "sub-2", KATA.stub_dir)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("submission,candidate\nsub-1,Ada Lovelace\nsub-2,Alan Turing\n")
    named = gather([first, second], manifest)
    assert [(s.name, s.slug) for s in named] == [
        ("Ada Lovelace", "Ada_Lovelace"),
        ("Alan Turing", "Alan_Turing"),
    ]
    manifest.write_text("submission,candidate\nsub-1,Ada\n")
    with pytest.raises(UsageError, match="sub-2 is not in --manifest"):
        gather([first, second], manifest)
    manifest.write_text("file,name\nsub-1,Ada\n")
    with pytest.raises(UsageError, match="columns submission and candidate"):
        gather([first], manifest)
