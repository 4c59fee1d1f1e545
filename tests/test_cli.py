"""The `kata` command as a user runs it: output, files written, and every exit code."""

import json
import shutil
from pathlib import Path

import pytest

from grader import __version__
from grader.models import Report

from .conftest import TEST_CATALOG, run_kata

CATALOG = ("--catalog", str(TEST_CATALOG))


def test_version() -> None:
    result = run_kata("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_list_shows_the_catalog_as_a_table() -> None:
    result = run_kata("list", *CATALOG)
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "title", "level", "topics", "minutes", "specs", "progress"]
    row = next(line for line in result.stdout.splitlines() if line.startswith("greeter"))
    assert row.split()[-4:] == ["5", "6", "not", "started"]  # minutes, specs, progress


def test_list_json_and_filters() -> None:
    listing = json.loads(run_kata("list", *CATALOG, "--json").stdout)
    greeter = next(entry for entry in listing if entry["id"] == "greeter")
    assert greeter["specs"] == 6
    assert greeter["points"] == 8
    assert greeter["difficulty"] == "junior"
    by_topic = json.loads(run_kata("list", *CATALOG, "--json", "--topic", "self-test").stdout)
    assert [entry["id"] for entry in by_topic] == ["greeter"]
    by_level = json.loads(run_kata("list", *CATALOG, "--json", "--difficulty", "senior").stdout)
    assert "greeter" not in [entry["id"] for entry in by_level]


def test_list_rejects_an_unknown_difficulty() -> None:
    result = run_kata("list", "--difficulty", "expert")
    assert result.returncode == 2
    assert "expert" in result.stderr


def test_show_gives_readme_and_spec_titles_but_never_spec_code() -> None:
    result = run_kata("show", *CATALOG, "greeter")
    assert result.returncode == 0, result.stderr
    assert "Greet by name, count calls" in result.stdout
    assert "GET /hello/{name} greets by name" in result.stdout
    assert "Specs (8 points)" in result.stdout
    assert "client.get" not in result.stdout
    assert "assert" not in result.stdout


def test_titles_with_brackets_are_shown_as_written(catalog_copy: Path) -> None:
    (catalog_copy / "greeter" / "specs" / "test_more.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.parametrize('name', ['Ada'])\n"
        "def test_greets(client, name):\n"
        '    """Greets [by name]"""\n'
    )
    result = run_kata("show", "--catalog", str(catalog_copy), "greeter")
    assert "Greets [by name] [Ada]" in result.stdout


def test_unknown_kata_suggests_the_closest_ids() -> None:
    result = run_kata("show", *CATALOG, "greter")
    assert result.returncode == 2
    assert "no kata named 'greter'; did you mean greeter?" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_catalog_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kata("list", "--catalog", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "nowhere" in result.stderr


def test_bad_kata_toml_names_file_and_field(catalog_copy: Path) -> None:
    toml = catalog_copy / "greeter" / "kata.toml"
    toml.write_text(toml.read_text().replace('"junior"', '"easy"'))
    result = run_kata("show", "--catalog", str(catalog_copy), "greeter")
    assert result.returncode == 2
    assert str(toml) in result.stderr
    assert "difficulty" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    result = run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "ws"


def test_new_copies_stub_and_readme_and_prints_next_steps(workspace: Path) -> None:
    assert (workspace / "app" / "main.py").read_text() == (
        TEST_CATALOG / "greeter" / "stub" / "app" / "main.py"
    ).read_text()
    assert (workspace / "README.md").is_file()
    assert 'kata = "greeter"' in (workspace / ".kata.toml").read_text()
    assert not (workspace / "specs").exists()
    assert not (workspace / "harness.py").exists()


def test_new_refuses_a_non_empty_folder_unless_forced(workspace: Path) -> None:
    (workspace / "app" / "main.py").write_text("# my work\n")
    refused = run_kata("new", *CATALOG, "greeter", str(workspace))
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert (workspace / "app" / "main.py").read_text() == "# my work\n"
    forced = run_kata("new", *CATALOG, "greeter", str(workspace), "--force")
    assert forced.returncode == 0
    assert (workspace / "app" / "main.py").read_text() != "# my work\n"


def test_new_defaults_to_a_folder_named_after_the_kata(tmp_path: Path) -> None:
    result = run_kata("new", *CATALOG, "greeter", cwd=tmp_path)
    assert result.returncode == 0
    assert "cd greeter" in result.stdout
    assert (tmp_path / "greeter" / ".kata.toml").is_file()


def test_check_on_the_stub_fails_every_spec_but_the_baseline(workspace: Path) -> None:
    result = run_kata("check", "--sandbox", "process", cwd=workspace)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("FAIL") == 5
    assert result.stdout.count("PASS") == 1
    assert "hint: Add a GET /hello route." in result.stdout
    assert "Score 1/8" in result.stdout


def test_check_passes_once_the_work_is_done(workspace: Path) -> None:
    shutil.copyfile(
        TEST_CATALOG / "greeter" / "solution" / "app" / "main.py", workspace / "app" / "main.py"
    )
    result = run_kata("check", str(workspace), "--sandbox", "process")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Score 8/8" in result.stdout
    assert "6 of 6 specs passed" in result.stdout


def test_check_finds_the_workspace_from_a_sub_folder(workspace: Path) -> None:
    result = run_kata("check", "--json", "--sandbox", "process", cwd=workspace / "app")
    assert result.returncode == 1
    assert Report.model_validate_json(result.stdout).kata.id == "greeter"


def test_check_json_and_k_selection(workspace: Path) -> None:
    result = run_kata("check", str(workspace), "--json", "-k", "hello", "--sandbox", "process")
    report = Report.model_validate_json(result.stdout)
    assert [spec.id.split("::")[1] for spec in report.specs] == ["test_hello", "test_hello_name"]
    assert report.max_score == 3
    assert result.returncode == 1


def test_check_outside_a_workspace_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kata("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "not in a kata workspace" in result.stderr
    assert "kata new" in result.stderr


def test_check_exits_3_when_the_specs_cannot_run(catalog_copy: Path, tmp_path: Path) -> None:
    # A kata conftest that breaks only real runs (collection alone still works).
    (catalog_copy / "greeter" / "specs" / "conftest.py").write_text(
        "def pytest_configure(config):\n"
        "    if config.getoption('--kata-submission'):\n"
        "        raise RuntimeError('the grader cannot start')\n"
    )
    assert (
        run_kata("new", "--catalog", str(catalog_copy), "greeter", "ws", cwd=tmp_path).returncode
        == 0
    )
    result = run_kata(
        "check", "--catalog", str(catalog_copy), "--sandbox", "process", cwd=tmp_path / "ws"
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "the specs never started" in result.stdout
    assert "the grader cannot start" in result.stdout


def test_verify_passes_on_a_sound_kata() -> None:
    result = run_kata("verify", *CATALOG, "greeter", "--sandbox", "process")
    assert result.returncode == 0, result.stdout
    assert "BROKEN" not in result.stdout
    assert result.stdout.count("passes every spec") == 2  # the solution, in both modes
    assert "blackbox/process" in result.stdout


def test_verify_fails_when_a_near_miss_escapes(catalog_copy: Path) -> None:
    # A near-miss holds only what differs from the solution: here, nothing at all.
    near_miss = catalog_copy / "greeter" / "near-misses" / "silent-counter"
    near_miss.mkdir(parents=True)
    (near_miss / "near-miss.toml").write_text(
        'mistake = "claims to be wrong but is the solution"\n'
        'caught_by = ["test_greeter.py::test_count_counts", "test_greeter.py::test_nope"]\n'
    )
    result = run_kata("verify", "--catalog", str(catalog_copy), "greeter", "--mode", "inprocess")
    assert result.returncode == 1
    assert "test_greeter.py::test_count_counts passes, but should catch" in result.stdout
    assert "test_nope, which is not a spec" in result.stdout


def test_a_near_miss_is_its_files_laid_over_the_solution(catalog_copy: Path) -> None:
    near_miss = catalog_copy / "greeter" / "near-misses" / "frozen-counter"
    (near_miss / "app").mkdir(parents=True)
    main = (catalog_copy / "greeter" / "solution" / "app" / "main.py").read_text()
    (near_miss / "app" / "main.py").write_text(main.replace('calls["count"] += 1', "pass"))
    (near_miss / "near-miss.toml").write_text(
        'mistake = "never counts"\ncaught_by = ["test_greeter.py::test_count_counts"]\n'
    )
    result = run_kata("verify", "--catalog", str(catalog_copy), "greeter", "--mode", "inprocess")
    assert result.returncode == 0, result.stdout
    assert "near-miss frozen-counter" in result.stdout
    assert "BROKEN" not in result.stdout


def test_verify_fails_when_the_stub_passes_a_spec(catalog_copy: Path) -> None:
    shutil.copyfile(
        catalog_copy / "greeter" / "solution" / "app" / "main.py",
        catalog_copy / "greeter" / "stub" / "app" / "main.py",
    )
    result = run_kata("verify", "--catalog", str(catalog_copy), "greeter", "--mode", "inprocess")
    assert result.returncode == 1
    assert "test_greeter.py::test_hello passes on the stub" in result.stdout


def test_verify_needs_katas_or_all() -> None:
    result = run_kata("verify")
    assert result.returncode == 2
    assert "--all" in result.stderr
