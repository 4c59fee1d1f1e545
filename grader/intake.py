"""Safe intake: copy a submission into a fresh folder the grader owns.

Everything downstream works on the copy, never on the original. The copy holds regular files
only: version-control folders, virtual environments and caches are left out, a link is copied as
the file it points to when that file is inside the project and refused otherwise, and size and
file-count caps stop a submission from filling the disk. A submission may also come as a .zip,
.tar.gz or .tar archive: it is unpacked safely (see ``grader.archives``) and then taken in the
same way.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.archives import archive_name, unpack
from grader.errors import IntakeError
from grader.hashing import tree_hash
from grader.models import SubmissionRef
from grader.scratch import scratch_folder

LEFT_OUT_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
        "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".idea", ".vscode",
    }
)  # fmt: skip
LEFT_OUT_SUFFIXES = (".pyc", ".pyo")


@dataclass(frozen=True)
class IntakeLimits:
    max_bytes: int = 50 * 1024 * 1024
    max_files: int = 5000


class Budget:
    """Counts files and bytes as they are taken in, and stops at the caps with a clear error."""

    def __init__(self, source: Path, limits: IntakeLimits) -> None:
        self.source = source
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.limits.max_files:
            raise IntakeError(
                f"{self.source} has more than {self.limits.max_files} files; "
                f"remove build output and data files"
            )

    def add_bytes(self, size: int) -> None:
        self.bytes += size
        if self.bytes > self.limits.max_bytes:
            raise IntakeError(
                f"{self.source} is larger than {self.limits.max_bytes // (1024 * 1024)} MiB; "
                f"remove build output and data files"
            )


def _is_left_out_dir(path: Path) -> bool:
    # Any virtual environment, whatever its name, is recognised by its marker file.
    return path.name in LEFT_OUT_DIRS or (path / "pyvenv.cfg").is_file()


def _regular_source(path: Path, root: Path, shown: str) -> Path:
    """The regular file to copy for ``path``, following a link only if it stays inside."""
    if not path.is_symlink():
        if not path.is_file():
            raise IntakeError(
                f"{shown} is not a regular file (a device, socket or pipe); remove it"
            )
        return path
    target = path.resolve()
    if not target.is_relative_to(root):
        raise IntakeError(
            f"{shown} is a link to {path.readlink()}, outside the project; "
            f"replace it with a copy of the file"
        )
    if not target.exists():
        raise IntakeError(f"{shown} is a broken link; remove it or point it at a file")
    if not target.is_file():
        raise IntakeError(f"{shown} is a link to a folder; replace it with the folder itself")
    return target


def _copy_project(root: Path, destination: Path, budget: Budget) -> None:
    destination.mkdir(parents=True)
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        kept_dirs = []
        for name in sorted(dirnames):
            path = here / name
            if path.is_symlink():
                filenames.append(name)  # judged below like any other link
            elif not _is_left_out_dir(path):
                kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            if name.endswith(LEFT_OUT_SUFFIXES):
                continue
            path = here / name
            relative = path.relative_to(root)
            real = _regular_source(path, root, relative.as_posix())
            budget.add_file()
            budget.add_bytes(real.stat().st_size)
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target, follow_symlinks=True)


def take_in(
    source: Path, destination: Path, limits: IntakeLimits = IntakeLimits()
) -> SubmissionRef:
    """Copy the project at ``source`` (a folder or an archive) into the new ``destination``."""
    budget = Budget(source, limits)
    if source.is_dir():
        _copy_project(source.resolve(), destination, budget)
        name = source.resolve().name
    elif source.is_file() and archive_name(source) is not None:
        with scratch_folder("unpack") as tmp:
            root = unpack(source, tmp, budget)
            _copy_project(root, destination, Budget(source, limits))
        name = archive_name(source) or source.name
    else:
        raise IntakeError(
            f"{source} is neither a folder nor a .zip, .tar.gz or .tar archive"
            if source.exists()
            else f"{source} is not a folder"
        )
    copied = [path for path in destination.rglob("*") if path.is_file()]
    if not copied:
        raise IntakeError(f"{source} holds no files; submit the project's folder")
    return SubmissionRef(
        name=name,
        content_hash=tree_hash(destination),
        files=len(copied),
        bytes=sum(path.stat().st_size for path in copied),
    )
