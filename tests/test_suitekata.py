"""A test-writing kata (grading = "tests") on disk: kata.toml, the faults' layout, the spec index
its versions stand for, the app of each version, lint, pack and --mutants. No suite runs here;
tests/test_suitegrade.py grades suites."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from grader.catalog import load_kata
from grader.errors import KataConfigError, UsageError
from grader.lint import check_suite_stub
from grader.mutants import mutable
from grader.pack import pack
from grader.resources import builtin_catalog_dir
from grader.suitekata import BASELINE_ID, Version, build_version, suite_index, versions

from .conftest import run_kata

BUILTIN = builtin_catalog_dir()
KATA = "write-the-tests"
FAULTS = [
    "author-filter-case-sensitive",
    "blank-title-accepted",
    "delete-unknown-answers-204",
    "double-loan-accepted",
    "duplicate-isbn-accepted",
    "offset-counts-pages",
    "total-counts-page",
]


@pytest.fixture
def kata_copy(tmp_path: Path) -> Path:
    """A private copy of the write-the-tests kata that a test may break."""
    destination = tmp_path / "catalog" / KATA
    shutil.copytree(BUILTIN / KATA, destination, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def _load_error(root: Path) -> str:
    with pytest.raises(KataConfigError) as caught:
        load_kata(root)
    return str(caught.value)


def _set_toml(root: Path, old: str, new: str) -> None:
    path = root / "kata.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_builtin_kata_loads_with_its_faults() -> None:
    kata = load_kata(BUILTIN / KATA)
    assert kata.config.grading == "tests"
    assert [fault.name for fault in kata.faults()] == FAULTS
    assert kata.near_misses(), "weak suites prove the faults discriminate"


def test_spec_katas_grade_with_specs_by_default() -> None:
    kata = load_kata(BUILTIN / "rate-limiter")
    assert kata.config.grading == "specs"
    assert kata.faults() == []


def test_the_index_has_the_baseline_then_one_spec_per_fault() -> None:
    kata = load_kata(BUILTIN / KATA)
    index = suite_index(kata)
    assert [spec.id for spec in index] == [BASELINE_ID] + [f"faults/{name}" for name in FAULTS]
    assert index[0].baseline and index[0].title == "The suite passes on the correct app"
    assert not any(spec.baseline for spec in index[1:])
    duplicate = next(spec for spec in index if spec.id == "faults/duplicate-isbn-accepted")
    assert duplicate.title == "catches: adding a book whose ISBN is already taken"
    assert duplicate.points == 2
    assert len(duplicate.hints) == 2
    assert [version.spec_id for version in versions(kata)] == [spec.id for spec in index]


def test_a_version_is_the_solution_app_with_the_fault_laid_over(tmp_path: Path) -> None:
    kata = load_kata(BUILTIN / KATA)
    fault = next(fault for fault in kata.faults() if fault.name == "total-counts-page")
    correct = build_version(kata, Version(BASELINE_ID), tmp_path / "correct")
    faulty = build_version(kata, Version("faults/total-counts-page", fault), tmp_path / "faulty")
    for project in (correct, faulty):
        assert not (project / "tests").exists(), "the learner's tests never enter the app's side"
        assert not (project / "fault.toml").exists()
        assert _same(project / "app" / "library.py", kata.solution_dir / "app" / "library.py")
    assert _same(correct / "app" / "main.py", kata.solution_dir / "app" / "main.py")
    assert _same(faulty / "app" / "main.py", fault.path / "app" / "main.py")


def _same(first: Path, second: Path) -> bool:
    return first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("grading", "expected"),
    [('"test"', "grading: Input should be 'specs' or 'tests'"), ("3", "grading: Input should be")],
)
def test_a_bad_grading_value_names_the_field(kata_copy: Path, grading: str, expected: str) -> None:
    _set_toml(kata_copy, 'grading = "tests"', f"grading = {grading}")
    message = _load_error(kata_copy)
    assert "kata.toml" in message and expected in message


def test_routes_do_not_apply_to_a_test_writing_kata(kata_copy: Path) -> None:
    _set_toml(kata_copy, 'grading = "tests"', 'grading = "tests"\nroutes = ["GET /books"]')
    assert 'routes does not apply to grading = "tests"' in _load_error(kata_copy)


@pytest.mark.parametrize("part", ["specs", "harness.py"])
def test_specs_and_harness_are_refused(kata_copy: Path, part: str) -> None:
    if part == "specs":
        (kata_copy / part).mkdir()
    else:
        (kata_copy / part).write_text("")
    message = _load_error(kata_copy)
    assert str(kata_copy / part) in message and "has no" in message


def test_a_missing_faults_folder_is_named(kata_copy: Path) -> None:
    shutil.rmtree(kata_copy / "faults")
    assert "the kata is missing faults" in _load_error(kata_copy)


def test_an_empty_faults_folder_is_named(kata_copy: Path) -> None:
    shutil.rmtree(kata_copy / "faults")
    (kata_copy / "faults").mkdir()
    assert "no faults" in _load_error(kata_copy)


def test_a_fault_without_fault_toml_is_named(kata_copy: Path) -> None:
    (kata_copy / "faults" / "total-counts-page" / "fault.toml").unlink()
    message = _load_error(kata_copy)
    assert "total-counts-page/fault.toml: file not found" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('title = "x"\npoints = 0\nhint = "h"', "points: Input should be greater than 0"),
        ('title = "x"', "hint: Field required"),
        ('title = " "\nhint = "h"', "title: String should have at least 1 character"),
        ('title = "x"\nhint = []', "hint"),
        ('title = "x"\nhint = "h"\nmistake = "y"', "mistake: Extra inputs are not permitted"),
        ('title = "x\nhint = "h"', "not valid TOML"),
    ],
)
def test_a_bad_fault_toml_names_the_file_and_field(
    kata_copy: Path, content: str, expected: str
) -> None:
    (kata_copy / "faults" / "total-counts-page" / "fault.toml").write_text(content)
    message = _load_error(kata_copy)
    assert "total-counts-page/fault.toml" in message and expected in message


def test_a_fault_holds_app_files_only(kata_copy: Path) -> None:
    fault = kata_copy / "faults" / "total-counts-page"
    (fault / "tests").mkdir()
    (fault / "tests" / "test_more.py").write_text("def test_x(): pass\n")
    message = _load_error(kata_copy)
    assert "tests/test_more.py, which is not a file of the app" in message


def test_a_fault_that_changes_nothing_is_named(kata_copy: Path) -> None:
    fault = kata_copy / "faults" / "total-counts-page"
    shutil.copyfile(kata_copy / "solution" / "app" / "main.py", fault / "app" / "main.py")
    assert "changes nothing in the correct app" in _load_error(kata_copy)


@pytest.mark.parametrize("project", ["stub", "solution"])
def test_stub_and_solution_need_a_tests_folder(kata_copy: Path, project: str) -> None:
    shutil.rmtree(kata_copy / project / "tests")
    assert "holds no tests/ folder" in _load_error(kata_copy)


def test_lint_wants_the_stub_to_hold_the_correct_app(kata_copy: Path) -> None:
    assert check_suite_stub(load_kata(kata_copy)).ok
    (kata_copy / "stub" / "app" / "models.py").write_text("# changed\n")
    (kata_copy / "stub" / "tests" / "conftest.py").unlink()
    problems = check_suite_stub(load_kata(kata_copy)).problems
    assert any(problem.startswith("app/models.py differs") for problem in problems)
    assert any("stub/tests/conftest.py is missing" in problem for problem in problems)


def test_mutants_leave_test_writing_katas_out() -> None:
    suite_kata = load_kata(BUILTIN / KATA)
    spec_kata = load_kata(BUILTIN / "rate-limiter")
    chosen, notes = mutable([suite_kata, spec_kata])
    assert chosen == [spec_kata]
    assert notes == [
        f'--mutants does not apply to {KATA} (grading = "tests"): its faults are hand-made '
        "mutants of its app, and kata verify checks that the solution's tests catch each one"
    ]
    with pytest.raises(UsageError, match="does not apply"):
        mutable([suite_kata])


def test_the_handout_carries_app_and_tests_never_faults(tmp_path: Path) -> None:
    names = pack(load_kata(BUILTIN / KATA, builtin=True), tmp_path / "handout.zip")
    assert f"{KATA}/app/main.py" in names
    assert f"{KATA}/tests/conftest.py" in names
    assert f"{KATA}/tests/test_example.py" in names
    for name in names:
        assert "fault" not in name and "near-miss" not in name and "solution" not in name
    with zipfile.ZipFile(tmp_path / "handout.zip") as archive:
        submitting = archive.read(f"{KATA}/SUBMITTING.md").decode()
        library = archive.read(f"{KATA}/app/library.py")
    assert "Only your `tests/` folder is taken" in submitting
    assert library == (BUILTIN / KATA / "solution" / "app" / "library.py").read_bytes()


def test_cli_lists_and_refuses_mutants() -> None:
    listing = run_kata("list", "--json")
    entry = next(kata for kata in json.loads(listing.stdout) if kata["id"] == KATA)
    assert (entry["difficulty"], entry["grading"], entry["specs"], entry["points"]) == (
        "mid",
        "tests",
        8,
        15,
    )
    assert "testing" in entry["topics"]
    refused = run_kata("verify", KATA, "--mutants")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "--mutants does not apply" in refused.stderr


def test_cli_refuses_k_for_a_test_writing_kata(tmp_path: Path) -> None:
    workspace = tmp_path / "work"
    assert run_kata("new", KATA, str(workspace)).returncode == 0
    result = run_kata("check", str(workspace), "-k", "health", "--sandbox", "process")
    assert result.returncode == 2
    assert "grades your whole suite at once" in result.stderr
