"""Safe intake: copy a submission into a fresh folder the grader owns.

Everything downstream works on the copy, never on the original. The copy holds regular files
only: version-control folders, virtual environments and caches are left out, a link is copied as
the file it points to when that file is inside the project and refused otherwise, and size and
file-count caps stop a submission from filling the disk.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.errors import IntakeError
from grader.hashing import tree_hash
from grader.models import SubmissionRef

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


def take_in(
    source: Path, destination: Path, limits: IntakeLimits = IntakeLimits()
) -> SubmissionRef:
    """Copy the project at ``source`` into the new folder ``destination``."""
    if not source.is_dir():
        raise IntakeError(f"{source} is not a folder")
    root = source.resolve()
    destination.mkdir(parents=True)
    files = total = 0
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
            files += 1
            total += real.stat().st_size
            if files > limits.max_files:
                raise IntakeError(
                    f"{source} has more than {limits.max_files} files; "
                    f"remove build output and data files"
                )
            if total > limits.max_bytes:
                raise IntakeError(
                    f"{source} is larger than {limits.max_bytes // (1024 * 1024)} MiB; "
                    f"remove build output and data files"
                )
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target, follow_symlinks=True)
    return SubmissionRef(
        name=source.resolve().name, content_hash=tree_hash(destination), files=files, bytes=total
    )
