"""The grader's temporary folders, named after the process that made them.

A run's folder holds a copy of a submission, the specs and the sockets; it is removed when the run
ends. A grader that is killed (SIGKILL, a lost machine) cannot remove its own, so each folder's
name carries the process id of its maker, and the next batch or check removes the folders of
makers that are no longer running.
"""

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_NAME = re.compile(r"^kata-[a-z]+-(?P<pid>\d+)-")


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A new private temporary folder (``kata-<kind>-<pid>-...``), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"kata-{kind}-{os.getpid()}-") as folder:
        yield Path(folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: theirs to clean up
    return True


def sweep_abandoned(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders of this user's graders that died without removing them."""
    root = root or Path(tempfile.gettempdir())
    removed = []
    for folder in root.glob("kata-*-*-*"):
        found = _NAME.match(folder.name)
        if found is None or folder.is_symlink() or not folder.is_dir():
            continue
        with contextlib.suppress(OSError):
            if folder.stat().st_uid != os.getuid() or _running(int(found["pid"])):
                continue
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
