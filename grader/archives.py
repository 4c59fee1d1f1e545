"""Unpack a submission archive (.zip, .tar.gz, .tgz, .tar) without trusting a byte of it.

Nothing is extracted by the archive libraries themselves: each member is checked, then its bytes
are copied by hand into a fresh folder. Members with absolute paths or ``..`` in them are
refused, and so are links, devices and pipes, since a project needs none of them. Sizes are
counted as the bytes are really read, so a member that lies about its size in the header cannot
get past the caps.
"""

import shutil
import stat
import tarfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from grader.errors import IntakeError

if TYPE_CHECKING:
    from grader.intake import Budget

SUFFIXES = (".tar.gz", ".tgz", ".zip", ".tar")
CHUNK = 1024 * 1024
# Folders some archivers add beside the project; they are never part of it.
IGNORED_TOP_LEVEL = {"__MACOSX"}


def archive_name(path: Path) -> str | None:
    """The submission's name (the archive's without its suffix), or None if not an archive."""
    lowered = path.name.lower()
    suffix = next((suffix for suffix in SUFFIXES if lowered.endswith(suffix)), None)
    return path.name[: -len(suffix)] if suffix else None


def _safe_relative(name: str, archive: Path) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise IntakeError(
            f"{archive} holds {name!r}, a path outside the project; archives may only hold "
            f"relative paths inside one folder"
        )
    return path


def _copy_member(data: IO[bytes], target: Path, budget: "Budget", archive: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = target.open("xb")
    except OSError:  # a name given twice, or a file where a folder must go
        raise IntakeError(
            f"{archive} holds {target.name!r} twice, or as both a file and a folder"
        ) from None
    with out:
        while chunk := data.read(CHUNK):
            budget.add_bytes(len(chunk))
            out.write(chunk)


def _make_folder(folder: Path, budget: "Budget", archive: Path) -> None:
    budget.add_file()  # empty folders cost too, or a million of them would be free
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise IntakeError(f"{archive} holds {folder.name!r} as both a file and a folder") from None


@contextmanager
def _opened_zip(archive: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(archive) as opened:
            yield opened
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise IntakeError(f"{archive} is not a readable zip archive: {exc}") from None


def _unpack_zip(archive: Path, destination: Path, budget: "Budget") -> None:
    with _opened_zip(archive) as opened:
        for info in opened.infolist():
            relative = _safe_relative(info.filename, archive)
            kind = stat.S_IFMT(info.external_attr >> 16)
            if info.is_dir():
                _make_folder(destination / relative, budget, archive)
                continue
            if kind not in (0, stat.S_IFREG):
                raise IntakeError(
                    f"{archive} holds {info.filename!r}, a link or special file; "
                    f"archives may only hold regular files"
                )
            budget.add_file()
            with opened.open(info) as data:
                _copy_member(data, destination / relative, budget, archive)


def _unpack_tar(archive: Path, destination: Path, budget: "Budget") -> None:
    try:
        opened = tarfile.open(archive, "r:*")  # noqa: SIM115 - closed below, errors mapped
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise IntakeError(f"{archive} is not a readable tar archive: {exc}") from None
    with opened:
        try:
            for member in opened:
                relative = _safe_relative(member.name, archive)
                if member.isdir():
                    _make_folder(destination / relative, budget, archive)
                    continue
                if not member.isfile():
                    raise IntakeError(
                        f"{archive} holds {member.name!r}, a link or special file; "
                        f"archives may only hold regular files"
                    )
                budget.add_file()
                data = opened.extractfile(member)
                assert data is not None  # a regular file always has data
                with data:
                    _copy_member(data, destination / relative, budget, archive)
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise IntakeError(f"{archive} is not a readable tar archive: {exc}") from None


def unpack(archive: Path, destination: Path, budget: "Budget") -> Path:
    """Unpack into ``destination``; returns the project's root (its one top folder, if so)."""
    if archive.name.lower().endswith(".zip"):
        _unpack_zip(archive, destination, budget)
    else:
        _unpack_tar(archive, destination, budget)
    for ignored in IGNORED_TOP_LEVEL:
        shutil.rmtree(destination / ignored, ignore_errors=True)
    entries = list(destination.iterdir())
    if not entries:
        raise IntakeError(f"{archive} is empty; it must hold the project's files")
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]  # archived as one folder: the project is inside it
    return destination
