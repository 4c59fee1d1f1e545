"""`kata new` workspaces and finding them again."""

from pathlib import Path

import pytest

from grader.catalog import Kata
from grader.errors import UsageError
from grader.workspace import MARKER, find_workspace, new_workspace


def test_new_workspace_holds_stub_readme_and_marker(greeter: Kata, tmp_path: Path) -> None:
    target = new_workspace(greeter, tmp_path / "ws")
    assert sorted(path.name for path in target.iterdir()) == [MARKER, "README.md", "app"]
    root, marker = find_workspace(target / "app")
    assert root == target.resolve()
    assert marker.kata == "greeter"
    assert marker.kata_version == greeter.version
    assert marker.catalog == str(greeter.root.parent.resolve())
    assert not list(tmp_path.glob(".kata-new-*")), "no staging folder is left behind"


def test_new_into_an_empty_existing_folder(greeter: Kata, tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    new_workspace(greeter, tmp_path / "ws")
    assert (tmp_path / "ws" / MARKER).is_file()


def test_new_refuses_a_file_as_target(greeter: Kata, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("mine")
    with pytest.raises(UsageError, match="not a folder"):
        new_workspace(greeter, tmp_path / "taken")
    assert (tmp_path / "taken").read_text() == "mine"


def test_force_keeps_files_the_stub_does_not_have(greeter: Kata, tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.txt").write_text("mine")
    new_workspace(greeter, tmp_path / "ws", force=True)
    assert (tmp_path / "ws" / "notes.txt").read_text() == "mine"
    assert (tmp_path / "ws" / "app" / "main.py").is_file()


def test_find_workspace_outside_any_workspace(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not in a kata workspace"):
        find_workspace(tmp_path)


def test_a_damaged_marker_is_named(greeter: Kata, tmp_path: Path) -> None:
    target = new_workspace(greeter, tmp_path / "ws")
    (target / MARKER).write_text('kata = "Not An Id"\n')
    with pytest.raises(UsageError, match=MARKER):
        find_workspace(target)
