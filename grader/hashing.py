"""Content hashes of file trees, so a report can say exactly what was graded against what."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

SKIPPED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})


def iter_tree_files(root: Path) -> Iterable[Path]:
    """Every regular file under root in a stable order, caches left out."""
    for path in sorted(root.rglob("*")):
        if SKIPPED_DIRS.intersection(path.relative_to(root).parts) or path.suffix == ".pyc":
            continue
        if path.is_file():
            yield path


def tree_hash(root: Path) -> str:
    """sha256 over each file's relative path and bytes; independent of timestamps and modes."""
    digest = hashlib.sha256()
    for path in iter_tree_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
