"""Harness of the file-upload kata: gives the app a storage folder and looks at what it wrote.

The app stores uploads in the folder at `app.state.upload_dir`, read on every request. Before
each spec, `use_fresh_storage` points it at an empty folder nested a few levels deep in a new
temporary tree, so that a file written through `../` lands somewhere inside that tree, where
`files_outside_storage` finds it, instead of somewhere on the machine.
"""

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from grader.harness import HarnessError

NESTING = ("srv", "data", "uploads")


def _folders(app: Any) -> tuple[Path, Path]:
    root = getattr(app.state, "kata_storage_root", None)
    if root is None:
        raise HarnessError("use_fresh_storage was not called before looking at the storage")
    folder = root.joinpath(*NESTING)
    current = getattr(app.state, "upload_dir", None)
    if current is None or Path(current) != folder:
        raise HarnessError(
            "app.state.upload_dir is no longer the folder the specs gave the app: never "
            "reassign it after start-up; read it on every request instead"
        )
    return root, folder


def _describe(path: Path, base: Path) -> dict[str, Any]:
    data = path.read_bytes()
    return {
        "path": path.relative_to(base).as_posix(),
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def use_fresh_storage(app: Any) -> None:
    """Point app.state.upload_dir at a new, empty folder: <temporary root>/srv/data/uploads."""
    root = Path(tempfile.mkdtemp(prefix="kata-file-upload-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    folder = root.joinpath(*NESTING)
    folder.mkdir(parents=True)
    app.state.kata_storage_root = root
    app.state.upload_dir = folder


def stored_files(app: Any) -> list[dict[str, Any]]:
    """Every file under the storage folder: its path in the folder, size and SHA-256."""
    _, folder = _folders(app)
    return [_describe(path, folder) for path in sorted(folder.rglob("*")) if path.is_file()]


def files_outside_storage(app: Any) -> list[str]:
    """Files written in the temporary tree but outside the storage folder: escapes."""
    root, folder = _folders(app)
    return [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_relative_to(folder)
    ]
