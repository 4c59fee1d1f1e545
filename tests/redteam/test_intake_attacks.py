"""Submissions that attack the intake: links out of the project, special files, and archives
with escaping paths, links, devices and ambiguous members.

A folder is refused by ``grade`` before any sandbox is asked to run anything; an archive is
refused by ``take_in`` before anything of it is written, inside or outside the destination.
"""

import io
import os
import stat
import tarfile
import threading
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.errors import IntakeError
from grader.intake import IntakeLimits, take_in
from grader.runner import grade
from grader.sandbox import LaunchRequest, Outcome, Sandbox, SandboxRequest

from .support import RATE_LIMITER, compose, markers_on_host

pytestmark = pytest.mark.slow


class SpySandbox(Sandbox):
    """A sandbox that records being asked to run anything, and refuses."""

    name = "spy"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def run(self, request: SandboxRequest) -> Outcome:
        self.asked.append("run")
        raise AssertionError("a sandbox ran a submission that intake should have refused")

    def launch(self, request: LaunchRequest, stop: threading.Event) -> Outcome:
        self.asked.append("launch")
        raise AssertionError("a sandbox ran a submission that intake should have refused")


def _file_link_out(project: Path) -> None:
    (project / "app" / "settings.py").symlink_to("/etc/hostname")


def _folder_link_out(project: Path) -> None:
    (project / "app" / "config").symlink_to("/etc")


def _relative_link_out(project: Path) -> None:
    (project / "notes.txt").symlink_to("../" * 12 + "etc/passwd")


def _chained_link_out(project: Path) -> None:
    (project / "app" / "first.py").symlink_to("second.py")
    (project / "app" / "second.py").symlink_to("/etc/hostname")


def _link_to_the_specs(project: Path) -> None:
    (project / "app" / "hints.py").symlink_to(RATE_LIMITER.specs_dir / "test_limit.py")


def _link_to_the_solution(project: Path) -> None:
    (project / "app" / "reference").symlink_to(RATE_LIMITER.solution_dir / "app")


def _broken_link(project: Path) -> None:
    (project / "app" / "gone.py").symlink_to("/tmp/kata-redteam-nowhere-marker")


def _named_pipe(project: Path) -> None:
    os.mkfifo(project / "app" / "pipe")


LINKS_AND_SPECIAL_FILES = {
    "file-link-out": _file_link_out,
    "folder-link-out": _folder_link_out,
    "relative-link-out": _relative_link_out,
    "chained-link-out": _chained_link_out,
    "link-to-the-specs": _link_to_the_specs,
    "link-to-the-solution": _link_to_the_solution,
    "broken-link": _broken_link,
    "named-pipe": _named_pipe,
}


@pytest.mark.parametrize("mode", ["inprocess", "blackbox"])
@pytest.mark.parametrize("plant", LINKS_AND_SPECIAL_FILES.values(), ids=LINKS_AND_SPECIAL_FILES)
def test_links_out_and_special_files_are_refused_before_any_sandbox_runs(
    plant: Callable[[Path], None], mode: str, tmp_path: Path
) -> None:
    project = compose("stub-with-a-link", tmp_path)
    plant(project)
    sandbox = SpySandbox()

    with pytest.raises(IntakeError):
        grade(RATE_LIMITER, project, sandbox, mode=mode)

    assert sandbox.asked == []
    assert markers_on_host() == []


# --- archives ---------------------------------------------------------------------------------

ESCAPE = "../" * 12 + "tmp/kata-redteam-{}-marker"
STUB_MAIN = (RATE_LIMITER.stub_dir / "app" / "main.py").read_bytes()


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    # zipfile warns about a duplicate name, and a hostile archive has one on purpose.
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr("app/__init__.py", b"")
        archive.writestr("app/main.py", STUB_MAIN)
        for info, data in members:
            archive.writestr(info, data)
    return path


def _zip_link(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.create_system = 3  # Unix: the mode bits above are meant
    return info


def _tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (("app/__init__.py", b""), ("app/main.py", STUB_MAIN)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info, data in members:
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _tar_member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    if kind in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor, info.devminor = 1, 3  # /dev/null's numbers
    return info


Build = Callable[[Path], Path]

ARCHIVES: dict[str, Build] = {
    "zip-dotdot": lambda d: _zip(d / "a.zip", [(ESCAPE.format("zip-dotdot"), b"escaped")]),
    "zip-absolute": lambda d: _zip(
        d / "a.zip", [("/tmp/kata-redteam-zip-absolute-marker", b"escaped")]
    ),
    "zip-backslashes": lambda d: _zip(
        d / "a.zip", [(ESCAPE.format("zip-backslashes").replace("/", "\\"), b"escaped")]
    ),
    "zip-symlink": lambda d: _zip(d / "a.zip", [(_zip_link("app/passwd.py", ""), b"/etc/passwd")]),
    "zip-symlink-then-write-through-it": lambda d: _zip(
        d / "a.zip",
        [
            (_zip_link("app/out", ""), b"/tmp"),
            ("app/out/kata-redteam-zip-through-link-marker", b"escaped"),
        ],
    ),
    "tar-dotdot": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member(ESCAPE.format("tar-dotdot")), b"escaped")]
    ),
    "tar-absolute": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("/tmp/kata-redteam-tar-absolute-marker"), b"escaped")]
    ),
    "tar-symlink": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("app/passwd.py", tarfile.SYMTYPE, "/etc/passwd"), None)]
    ),
    "tar-hardlink": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("app/passwd.py", tarfile.LNKTYPE, "/etc/passwd"), None)]
    ),
    "tar-symlink-then-write-through-it": lambda d: _tar(
        d / "a.tar.gz",
        [
            (_tar_member("app/out", tarfile.SYMTYPE, "/tmp"), None),
            (_tar_member("app/out/kata-redteam-tar-through-link-marker"), b"escaped"),
        ],
    ),
    "tar-character-device": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("app/null", tarfile.CHRTYPE), None)]
    ),
    "tar-block-device": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("app/disk", tarfile.BLKTYPE), None)]
    ),
    "tar-fifo": lambda d: _tar(d / "a.tar.gz", [(_tar_member("app/pipe", tarfile.FIFOTYPE), None)]),
    # Two members of one name: which one is graded must not depend on the order of extraction.
    "zip-duplicate-member": lambda d: _zip(d / "a.zip", [("app/main.py", b"app = 'the other'\n")]),
    "tar-duplicate-member": lambda d: _tar(
        d / "a.tar.gz", [(_tar_member("app/main.py"), b"app = 'the other'\n")]
    ),
    # A member below a path that another member made a file: not a project, not a crash either.
    "zip-file-then-folder": lambda d: _zip(d / "a.zip", [("app/main.py/inner.py", b"x = 1\n")]),
}


@pytest.mark.parametrize("build", ARCHIVES.values(), ids=ARCHIVES)
def test_hostile_archives_are_refused_and_nothing_is_written(build: Build, tmp_path: Path) -> None:
    archive = build(tmp_path)
    destination = tmp_path / "copy"

    with pytest.raises(IntakeError):
        take_in(archive, destination)

    assert markers_on_host() == []
    assert sorted(path.name for path in tmp_path.iterdir()) == [archive.name]


def test_an_archive_of_empty_folders_counts_against_the_file_cap(tmp_path: Path) -> None:
    """Folders fill a disk's inodes as files do: 1000 empty ones must not get past a cap of 100."""
    archive = tmp_path / "folders.zip"
    with zipfile.ZipFile(archive, "w") as opened:
        opened.writestr("app/main.py", STUB_MAIN)
        for number in range(1000):
            opened.writestr(zipfile.ZipInfo(f"app/empty-{number}/"), b"")

    with pytest.raises(IntakeError):
        take_in(archive, tmp_path / "copy", IntakeLimits(max_files=100))
