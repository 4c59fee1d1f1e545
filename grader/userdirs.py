"""Where the grader keeps files of its own on the user's machine."""

import os
from pathlib import Path


def cache_dir() -> Path:
    """``KATA_CACHE_DIR``, else ``$XDG_CACHE_HOME/kata``, else ``~/.cache/kata``."""
    if explicit := os.environ.get("KATA_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kata"
