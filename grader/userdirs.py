"""Where the grader keeps files of its own on the user's machine."""

import os
from pathlib import Path


def cache_dir() -> Path:
    """``KATA_CACHE_DIR``, else ``$XDG_CACHE_HOME/kata``, else ``~/.cache/kata``."""
    if explicit := os.environ.get("KATA_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kata"


def state_dir() -> Path:
    """``KATA_STATE_DIR``, else ``$XDG_STATE_HOME/kata``, else ``~/.local/state/kata``.

    State, unlike the cache, is the learner's own record (progress, hints seen): deleting it
    loses something, so it does not live with the cache.
    """
    if explicit := os.environ.get("KATA_STATE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "kata"
