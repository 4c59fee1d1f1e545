"""Compile each module of the learner's once per run, however often it is imported.

Every spec gets a fresh app, so the learner's modules (and the kata's harness) are imported again
for every spec. Nothing may be written into the submission, so there is no bytecode cache on
disk (``-B``), and each import would compile the same source again: a tenth of a second per run
on a database kata. The loader here keeps each module's code object for the life of the process,
keyed by its path and its exact source, so a later import only executes it; an edited file has
other source, and is compiled anew.
"""

import os
import sys
from importlib.machinery import (
    BYTECODE_SUFFIXES,
    EXTENSION_SUFFIXES,
    SOURCE_SUFFIXES,
    ExtensionFileLoader,
    FileFinder,
    SourceFileLoader,
    SourcelessFileLoader,
)
from pathlib import Path
from types import CodeType
from typing import Any

_compiled: dict[tuple[str, bytes], CodeType] = {}
_hooked_roots: set[str] = set()


class CachedSourceLoader(SourceFileLoader):
    """A source loader whose compiled code outlives the module it made."""

    def source_to_code(self, data: Any, path: Any, *, _optimize: int = -1) -> CodeType:  # type: ignore[override]
        key = (str(path), bytes(data))
        code = _compiled.get(key)
        if code is None:
            code = super().source_to_code(data, path, _optimize=_optimize)
            _compiled[key] = code
        return code


def cache_imports_under(root: Path) -> None:
    """Load every module found in ``root`` or its subfolders through ``CachedSourceLoader``."""
    prefix = str(root)
    if prefix in _hooked_roots:
        return
    _hooked_roots.add(prefix)

    def under_root(path: str) -> bool:
        return path == prefix or path.startswith(prefix + os.sep)

    def finder_for(path: str) -> FileFinder:
        if not under_root(path):
            raise ImportError(path)  # not the submission's: the next hook finds it
        return FileFinder(
            path,
            (ExtensionFileLoader, EXTENSION_SUFFIXES),
            (CachedSourceLoader, SOURCE_SUFFIXES),
            (SourcelessFileLoader, BYTECODE_SUFFIXES),
        )

    sys.path_hooks.insert(0, finder_for)
    for path in [path for path in sys.path_importer_cache if under_root(path)]:
        del sys.path_importer_cache[path]  # a finder made before the hook would bypass it
