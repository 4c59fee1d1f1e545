"""Staged hints: `kata hint` reveals one more hint at a time, nudge first, and `kata check`
carries the hints seen into the Report."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from grader.errors import UsageError
from grader.hints import find_spec
from grader.models import Report, SpecInfo
from grader.progress import KataProgress, Progress

from .conftest import TEST_CATALOG, run_kata

CATALOG = ("--catalog", str(TEST_CATALOG))
HELLO = "test_greeter.py::test_hello"
WHOAMI = "test_greeter.py::test_whoami"
SPECS = [
    SpecInfo(id="test_a.py::test_counts", title="Counts", points=1),
    SpecInfo(id="test_a.py::test_counts_twice", title="Counts twice", points=1),
    SpecInfo(id="test_b.py::test_counts", title="Greets by name", points=1),
]


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("KATA_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def workspace(tmp_path: Path, state: Path) -> Path:
    assert run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path).returncode == 0
    return tmp_path / "ws"


def _last_check_failed(state: Path, *failing: str) -> None:
    """A progress file as a check that failed these specs leaves it."""
    entry = KataProgress(failing=list(failing), last_checked_at=datetime.now(UTC))
    state.mkdir(exist_ok=True)
    (state / "progress.json").write_text(Progress(katas={"greeter": entry}).model_dump_json())


def _hints_seen(state: Path) -> dict[str, int]:
    return (
        Progress.model_validate_json((state / "progress.json").read_bytes()).katas["greeter"].hints
    )


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("test_a.py::test_counts", "Counts"),  # a full id
        ("test_counts_twice", "Counts twice"),  # a test's name, where it is unique
        ("COUNTS", "Counts"),  # a whole title beats the titles that contain it
        ("by name", "Greets by name"),  # a part of a title, any case
    ],
)
def test_a_spec_is_found_by_id_or_title(query: str, title: str) -> None:
    assert find_spec("k", SPECS, query).title == title


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("test_counts", "matches 2 specs: Counts (test_a.py::test_counts); Greets by name"),
        ("count", "'count' matches 2 specs: Counts (test_a.py::test_counts); Counts twice"),
        ("teapot", "no spec of k has the id or a title with 'teapot'; `kata show k`"),
        ("  ", "name a spec by its id or by a part of its title"),
    ],
)
def test_an_ambiguous_or_unknown_spec_is_an_error(query: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        find_spec("k", SPECS, query)
    assert message in str(raised.value)


def test_hints_come_one_at_a_time_for_the_first_failing_spec(workspace: Path, state: Path) -> None:
    _last_check_failed(state, HELLO, WHOAMI)
    # The check showed each failing spec's first hint already: the next one is the second.
    first = run_kata("hint", cwd=workspace / "app")  # anywhere in the workspace
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        "hint 2 of 2 for GET /hello greets the world: It returns a JSON object with a message key."
    )
    done = run_kata("hint", cwd=workspace)
    assert done.returncode == 0
    assert "no more hints for GET /hello greets the world" in done.stdout
    assert "1. Add a GET /hello route." in done.stdout
    assert "2. It returns a JSON object with a message key." in done.stdout
    assert _hints_seen(state) == {HELLO: 2}

    only_one = run_kata("hint", "CALLER'S", cwd=workspace)
    assert "no more hints for GET /whoami reports the caller's address" in only_one.stdout
    assert _hints_seen(state) == {HELLO: 2}

    passing = run_kata("hint", "test_count_counts", cwd=workspace)  # not failing: from the first
    assert passing.stdout.startswith("hint 1 of ")
    assert _hints_seen(state) == {HELLO: 2, "test_greeter.py::test_count_counts": 1}


@pytest.mark.parametrize(
    ("failing", "args", "message"),
    [
        (None, (), "no check of greeter yet: run `kata check` first, or name a spec"),
        ((), (), "every spec passed at the last check"),
        ((HELLO,), ("count",), "'count' matches 2 specs: The first POST /count answers 1"),
        ((HELLO,), ("teapot",), "no spec of greeter has the id or a title with 'teapot'"),
    ],
)
def test_hint_says_why_it_has_no_hint_to_give(
    workspace: Path,
    state: Path,
    failing: tuple[str, ...] | None,
    args: tuple[str, ...],
    message: str,
) -> None:
    if failing is not None:
        _last_check_failed(state, *failing)
    result = run_kata("hint", *args, cwd=workspace)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_hint_outside_a_workspace_is_a_usage_error(tmp_path: Path, state: Path) -> None:
    result = run_kata("hint", cwd=tmp_path)
    assert result.returncode == 2
    assert "not in a kata workspace" in result.stderr


def test_check_reports_the_hints_seen_and_records_what_failed(workspace: Path, state: Path) -> None:
    assert run_kata("hint", "test_hello", cwd=workspace).returncode == 0
    result = run_kata("check", "--sandbox", "process", "--json", "-k", "hello", cwd=workspace)
    assert result.returncode == 1, result.stderr
    assert Report.model_validate_json(result.stdout).hints_used == {HELLO: 1}
    recorded = Progress.model_validate_json((state / "progress.json").read_bytes())
    assert recorded.katas["greeter"].failing == [HELLO, "test_greeter.py::test_hello_name"]
    assert run_kata("hint", cwd=workspace).stdout.startswith("hint 2 of 2 for GET /hello")
