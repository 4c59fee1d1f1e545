"""Progress: what `kata check` records, what `kata list`, `kata progress` and `kata solution` make
of it, a damaged state file, and `kata reset`."""

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from grader.catalog import Kata
from grader.collect import spec_index
from grader.models import Report
from grader.progress import KataProgress, Progress, editing, load, record_check, summarise
from grader.userdirs import state_dir

from .conftest import TEST_CATALOG, run_kata

CATALOG = ("--catalog", str(TEST_CATALOG))
STUB_MAIN = (TEST_CATALOG / "greeter" / "stub" / "app" / "main.py").read_text()
SOLUTION_MAIN = TEST_CATALOG / "greeter" / "solution" / "app" / "main.py"


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder of this test's own, for the commands it runs."""
    folder = tmp_path / "state"
    monkeypatch.setenv("KATA_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def workspace(tmp_path: Path, state: Path) -> Path:
    assert run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path).returncode == 0
    return tmp_path / "ws"


def _greeter_row(listing: str) -> list[str]:
    return next(line for line in listing.splitlines() if line.startswith("greeter")).split()


def _recorded(state: Path) -> KataProgress:
    return Progress.model_validate_json((state / "progress.json").read_bytes()).katas["greeter"]


def test_state_dir_follows_kata_state_dir_then_xdg_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KATA_STATE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "explicit"
    monkeypatch.delenv("KATA_STATE_DIR")
    assert state_dir() == tmp_path / "xdg" / "kata"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "kata"


def test_checks_record_progress_that_list_and_solution_read(workspace: Path, state: Path) -> None:
    assert _greeter_row(run_kata("list", *CATALOG).stdout)[-2:] == ["not", "started"]

    assert run_kata("check", "--sandbox", "process", cwd=workspace).returncode == 1
    recorded = _recorded(state)
    assert (recorded.best_score, recorded.best_passed, recorded.completed_at) == (1, 1, None)
    assert recorded.failing[0] == "test_greeter.py::test_hello"
    assert len(recorded.failing) == 5
    assert _greeter_row(run_kata("list", *CATALOG).stdout)[-3:] == ["1", "of", "6"]
    refused = run_kata("solution", *CATALOG, "greeter")
    assert refused.returncode == 2
    assert "solve it first: 1 of 6 specs pass" in refused.stderr
    assert "def hello" not in refused.stdout

    shutil.copyfile(SOLUTION_MAIN, workspace / "app" / "main.py")
    narrowed = run_kata("check", "--sandbox", "process", "-k", "hello", cwd=workspace)
    assert narrowed.returncode == 0, narrowed.stdout + narrowed.stderr
    assert _recorded(state).completed_at is None  # two specs passing is not the kata done
    assert run_kata("check", "--sandbox", "process", cwd=workspace).returncode == 0
    recorded = _recorded(state)
    assert (recorded.best_score, recorded.best_passed, recorded.failing) == (8, 6, [])
    assert recorded.completed_at is not None
    assert _greeter_row(run_kata("list", *CATALOG).stdout)[-1] == "done"

    shown = run_kata("solution", *CATALOG, "greeter")
    assert shown.returncode == 0, shown.stderr
    assert "app/main.py" in shown.stdout
    assert "def hello() -> dict[str, str]:" in shown.stdout


def test_solution_of_an_unknown_kata_is_a_usage_error(state: Path) -> None:
    result = run_kata("solution", *CATALOG, "greter")
    assert result.returncode == 2
    assert "did you mean greeter" in result.stderr


def test_kata_progress_sums_up_by_level_and_topic(state: Path) -> None:
    now = datetime.now(UTC)
    done = KataProgress(best_score=8, best_passed=6, last_checked_at=now, completed_at=now)
    state.mkdir()
    (state / "progress.json").write_text(Progress(katas={"greeter": done}).model_dump_json())
    result = run_kata("progress", *CATALOG)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line}
    assert rows["self-test"] == ["1", "1", "1", "8/8"]
    assert rows["junior"][:2] == ["1", "1"]
    assert "1 of " in result.stdout and "katas done, 0 more started" in result.stdout


def test_summarise_counts_started_and_done_katas_and_their_points(greeter: Kata) -> None:
    specs = spec_index(greeter)
    started = KataProgress(best_score=3, best_passed=2, last_checked_at=datetime.now(UTC))
    summary = summarise([(greeter, specs)], Progress(katas={"greeter": started}))
    (topic,) = summary.by_topic
    assert (topic.name, topic.done, topic.started, topic.total) == ("self-test", 0, 1, 1)
    assert (topic.points, topic.max_points) == (3, 8)
    assert [level.name for level in summary.by_level] == ["junior"]
    untouched = summarise([(greeter, specs)], Progress()).overall
    assert (untouched.started, untouched.points, untouched.max_points) == (0, 0, 8)


@pytest.mark.parametrize(
    "damage", [b"{not json", b"\xff\xfe\x00", b'{"version": 1, "katas": {"greeter": 7}}']
)
def test_a_damaged_progress_file_warns_and_starts_afresh(
    workspace: Path, state: Path, damage: bytes
) -> None:
    (state / "progress.json").parent.mkdir(exist_ok=True)
    (state / "progress.json").write_bytes(damage)
    revealed = run_kata("hint", "whoami", cwd=workspace)
    assert revealed.returncode == 0, revealed.stderr
    assert f"{state / 'progress.json'} is damaged (" in revealed.stderr
    assert "starting afresh: the next save replaces it" in revealed.stderr
    assert "Traceback" not in revealed.stderr
    assert "hint 1 of 1 for GET /whoami" in revealed.stdout
    assert _recorded(state) == KataProgress(hints={"test_greeter.py::test_whoami": 1})
    again = run_kata("hint", "whoami", cwd=workspace)
    assert "damaged" not in again.stderr  # the save replaced the damaged file


def test_an_unwritable_state_folder_costs_a_warning_not_the_command(state: Path) -> None:
    state.parent.mkdir(exist_ok=True)
    state.write_text("a file where the folder should be")
    warnings: list[str] = []
    with editing(warnings.append) as progress:
        progress.katas["greeter"] = KataProgress(best_score=1)
    assert warnings and "progress not saved" in warnings[0]
    assert load(warnings.append) == Progress()


def test_saving_replaces_the_file_whole_and_leaves_no_temporary_files(state: Path) -> None:
    for score in (1, 2):
        with editing(pytest.fail) as progress:
            progress.katas["greeter"] = KataProgress(best_score=score)
    assert sorted(path.name for path in state.iterdir()) == ["progress.json", "progress.lock"]
    assert json.loads((state / "progress.json").read_text())["katas"]["greeter"]["best_score"] == 2


def test_a_run_the_grader_could_not_do_records_nothing(greeter: Kata, state: Path) -> None:
    report = Report.model_validate(
        {
            "kata": {"id": "greeter", "version": "v"},
            "submission": {"name": "ws", "content_hash": "", "files": 0, "bytes": 0},
            "sandbox": {"backend": "process", "mode": "inprocess", "limits": {}},
            "started_at": datetime.now(UTC),
            "duration": 0,
            "run_end": "killed",
            "status": "error",
            "score": 0,
            "max_score": 8,
            "specs": [],
        }
    )
    assert record_check(greeter, report, pytest.fail) is report
    assert not (state / "progress.json").exists()


def _kata_answering(answer: str | None, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `kata` with ``answer`` typed at its prompt (``None``: stdin closed, nothing typed)."""
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=cwd,
        input=answer if answer is not None else "",
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        timeout=300,
    )


def test_reset_restores_named_files_and_keeps_the_rest(workspace: Path) -> None:
    (workspace / "app" / "main.py").write_text("# my work\n")
    (workspace / "README.md").write_text("my notes\n")
    (workspace / "app" / "routes.py").write_text("# added\n")
    result = run_kata("reset", "main.py", cwd=workspace / "app")  # named as the shell names it
    assert result.returncode == 0, result.stderr
    assert "restored app/main.py" in result.stdout
    assert (workspace / "app" / "main.py").read_text() == STUB_MAIN
    assert (workspace / "README.md").read_text() == "my notes\n"
    assert run_kata("reset", "README.md", cwd=workspace).returncode == 0
    assert (workspace / "README.md").read_text() != "my notes\n"
    assert (workspace / "app" / "routes.py").read_text() == "# added\n"


def test_reset_of_a_folder_restores_the_stub_files_in_it(workspace: Path) -> None:
    (workspace / "app" / "main.py").unlink()
    (workspace / "app" / "__init__.py").write_text("x = 1\n")
    result = run_kata("reset", "app", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert (workspace / "app" / "main.py").read_text() == STUB_MAIN
    assert (workspace / "app" / "__init__.py").read_text() == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("app/routes.py", "the stub of greeter has no app/routes.py; it has app/__init__.py"),
        ("../elsewhere.py", "is outside the workspace"),
        (".kata.toml", "the stub of greeter has no .kata.toml"),
    ],
)
def test_reset_refuses_what_the_stub_does_not_have(
    workspace: Path, name: str, message: str
) -> None:
    (workspace / "app" / "main.py").write_text("# my work\n")
    result = run_kata("reset", "app/main.py", name, cwd=workspace)
    assert result.returncode == 2
    assert message in result.stderr
    assert (workspace / "app" / "main.py").read_text() == "# my work\n"  # nothing half-done


def test_reset_refuses_to_replace_a_folder_with_a_file(workspace: Path) -> None:
    (workspace / "app" / "main.py").unlink()
    (workspace / "app" / "main.py").mkdir()
    result = run_kata("reset", "app/main.py", cwd=workspace)
    assert result.returncode == 2
    assert "is a folder" in result.stderr


def test_reset_outside_a_workspace_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kata("reset", "--yes", cwd=tmp_path)
    assert result.returncode == 2
    assert "not in a kata workspace" in result.stderr


def test_reset_of_everything_asks_first(workspace: Path) -> None:
    (workspace / "app" / "main.py").write_text("# my work\n")
    (workspace / "app" / "routes.py").write_text("# added\n")

    declined = _kata_answering("n\n", "reset", cwd=workspace)
    assert declined.returncode == 0, declined.stderr
    assert "Restore all 3 files of the stub" in declined.stdout
    assert "Nothing was reset." in declined.stdout
    assert (workspace / "app" / "main.py").read_text() == "# my work\n"

    unanswered = _kata_answering(None, "reset", cwd=workspace)
    assert unanswered.returncode == 2
    assert "pass --yes" in unanswered.stderr
    assert (workspace / "app" / "main.py").read_text() == "# my work\n"

    accepted = _kata_answering("y\n", "reset", cwd=workspace)
    assert accepted.returncode == 0, accepted.stderr
    assert (workspace / "app" / "main.py").read_text() == STUB_MAIN

    (workspace / "app" / "main.py").write_text("# my work again\n")
    unasked = run_kata("reset", "--yes", cwd=workspace)
    assert unasked.returncode == 0
    assert "Restore all" not in unasked.stdout
    assert (workspace / "app" / "main.py").read_text() == STUB_MAIN
    assert (workspace / "app" / "routes.py").read_text() == "# added\n"
