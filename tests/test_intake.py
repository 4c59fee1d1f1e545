"""Safe intake: what is copied, what is left out, and what is refused."""

import os
from pathlib import Path

import pytest

from grader.errors import IntakeError
from grader.intake import IntakeLimits, take_in


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text("app = None\n")
    (root / "README.md").write_text("# mine\n")
    return root


def _files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_copies_the_project_and_hashes_it(project: Path, tmp_path: Path) -> None:
    ref = take_in(project, tmp_path / "copy")
    assert _files(tmp_path / "copy") == {"app/main.py", "README.md"}
    assert ref.files == 2
    assert ref.name == "project"
    assert ref.bytes == len("app = None\n") + len("# mine\n")
    assert take_in(project, tmp_path / "again").content_hash == ref.content_hash
    (project / "app" / "main.py").write_text("app = 1\n")
    assert take_in(project, tmp_path / "changed").content_hash != ref.content_hash


def test_leaves_out_version_control_environments_and_caches(project: Path, tmp_path: Path) -> None:
    junk_files = [
        ".git/config",
        ".venv/bin/python",
        "app/__pycache__/main.cpython-311.pyc",
        ".pytest_cache/v",
        "node_modules/x.js",
        "app/stale.pyc",
        "myenv/lib/site.py",
    ]
    for junk in junk_files:
        (project / junk).parent.mkdir(parents=True, exist_ok=True)
        (project / junk).write_text("junk")
    (project / "myenv" / "pyvenv.cfg").write_text("home = /usr\n")  # a venv by any other name
    take_in(project, tmp_path / "copy")
    assert _files(tmp_path / "copy") == {"app/main.py", "README.md"}


def test_a_link_inside_the_project_is_copied_as_a_file(project: Path, tmp_path: Path) -> None:
    (project / "app" / "alias.py").symlink_to("main.py")
    take_in(project, tmp_path / "copy")
    copied = tmp_path / "copy" / "app" / "alias.py"
    assert not copied.is_symlink()
    assert copied.read_text() == "app = None\n"


@pytest.mark.parametrize(
    ("make_link", "message"),
    [
        (lambda p, t: (p / "secret").symlink_to(t / "outside.txt"), "outside the project"),
        (lambda p, t: (p / "up").symlink_to("../outside.txt"), "outside the project"),
        (lambda p, t: (p / "dir").symlink_to(p / "app"), "link to a folder"),
        (lambda p, t: (p / "gone").symlink_to(p / "nothing"), "broken link"),
    ],
)
def test_unsafe_links_are_refused(project: Path, tmp_path: Path, make_link, message: str) -> None:
    (tmp_path / "outside.txt").write_text("the host's secret")
    make_link(project, tmp_path)
    with pytest.raises(IntakeError, match=message):
        take_in(project, tmp_path / "copy")


def test_a_pipe_is_refused(project: Path, tmp_path: Path) -> None:
    os.mkfifo(project / "pipe")
    with pytest.raises(IntakeError, match="pipe is not a regular file"):
        take_in(project, tmp_path / "copy")


def test_caps_on_files_and_size(project: Path, tmp_path: Path) -> None:
    for number in range(5):
        (project / f"data{number}.txt").write_text("x" * 1000)
    with pytest.raises(IntakeError, match="more than 4 files"):
        take_in(project, tmp_path / "a", IntakeLimits(max_files=4))
    with pytest.raises(IntakeError, match="larger than"):
        take_in(project, tmp_path / "b", IntakeLimits(max_bytes=3000))


def test_a_missing_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IntakeError, match="is not a folder"):
        take_in(tmp_path / "nothing", tmp_path / "copy")
