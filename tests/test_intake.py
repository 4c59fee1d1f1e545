"""Safe intake: what is copied, what is left out, and what is refused."""

import io
import os
import stat
import tarfile
import zipfile
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


# --- archives -------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], *, links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def _tar(path: Path, members: dict[str, bytes], *, kind: bytes = tarfile.REGTYPE) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.REGTYPE:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            else:
                info.linkname = data.decode()
                archive.addfile(info)
    return path


PROJECT = {"alice/app/__init__.py": b"", "alice/app/main.py": b"app = None\n"}


@pytest.mark.parametrize("make", [_zip, _tar], ids=["zip", "tar.gz"])
def test_an_archive_of_one_folder_is_that_project(tmp_path: Path, make) -> None:
    suffix = ".zip" if make is _zip else ".tar.gz"
    archive = make(tmp_path / f"alice{suffix}", PROJECT)
    ref = take_in(archive, tmp_path / "copy")
    assert _files(tmp_path / "copy") == {"app/__init__.py", "app/main.py"}
    assert ref.name == "alice"
    assert ref.files == 2


def test_an_archive_is_hashed_like_the_same_folder(project: Path, tmp_path: Path) -> None:
    folder = take_in(project, tmp_path / "from-folder")
    archive = _zip(
        tmp_path / "project.zip",
        {"app/main.py": b"app = None\n", "README.md": b"# mine\n"},
    )
    assert take_in(archive, tmp_path / "from-zip").content_hash == folder.content_hash


@pytest.mark.parametrize("name", ["../evil.py", "/etc/evil.py", "app/../../evil.py"])
@pytest.mark.parametrize("make", [_zip, _tar], ids=["zip", "tar.gz"])
def test_paths_outside_the_archive_are_refused(tmp_path: Path, make, name: str) -> None:
    suffix = ".zip" if make is _zip else ".tar.gz"
    archive = make(tmp_path / f"evil{suffix}", {name: b"pwned", "app/main.py": b""})
    with pytest.raises(IntakeError, match="a path outside the project"):
        take_in(archive, tmp_path / "copy")
    assert not (tmp_path / "evil.py").exists()
    assert not (tmp_path / "copy").exists()


def test_links_in_archives_are_refused(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "l.zip", {"app/main.py": b""}, links={"app/secret": "/etc/passwd"})
    with pytest.raises(IntakeError, match="a link or special file"):
        take_in(zipped, tmp_path / "a")
    for kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        tarred = _tar(tmp_path / f"l{kind.decode()}.tar.gz", {"app/x": b"/etc/passwd"}, kind=kind)
        with pytest.raises(IntakeError, match="a link or special file"):
            take_in(tarred, tmp_path / f"b{kind.decode()}")


def test_broken_and_empty_archives_are_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(IntakeError, match="not a readable zip archive"):
        take_in(broken, tmp_path / "a")
    with pytest.raises(IntakeError, match="is empty"):
        take_in(_zip(tmp_path / "empty.zip", {}), tmp_path / "b")
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(_tar(tmp_path / "whole.tar.gz", PROJECT).read_bytes()[:40])
    with pytest.raises(IntakeError, match="not a readable tar archive"):
        take_in(truncated, tmp_path / "c")


def test_a_zip_bomb_stops_at_the_size_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("app/big.bin", b"\0" * (8 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(IntakeError, match="larger than"):
        take_in(bomb, tmp_path / "copy", IntakeLimits(max_bytes=1024 * 1024))


def test_other_files_are_not_submissions(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(IntakeError, match="neither a folder nor"):
        take_in(tmp_path / "notes.txt", tmp_path / "copy")
