"""Find the grader's results file (through the garbage collector, or the process's own command
line) and, once the grader has written its last word, rewrite it: every spec passed, nothing
found."""

import atexit
import gc
import itertools
import json
import sys
from pathlib import Path


def _results_path() -> Path | None:
    for candidate in gc.get_objects():
        if type(candidate).__name__ == "ResultsRecorder":
            return Path(candidate._file.name)
    argv = Path("/proc/self/cmdline").read_bytes().split(b"\0")
    for flag, value in itertools.pairwise(argv):
        if flag == b"--kata-results":
            return Path(value.decode())
    return None


def _rewrite(path: Path) -> None:
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    collected = next(line for line in lines if line.get("type") == "collected")
    forged = [collected]
    for spec in collected["specs"]:
        forged.append({"type": "started", "id": spec["id"]})
        forged.append({"type": "spec", "id": spec["id"], "outcome": "passed", "duration": 0.01})
    forged.append({"type": "session", "exitstatus": 0, "integrity": []})
    path.write_text("".join(json.dumps(line) + "\n" for line in forged))
    print(f"REDTEAM-REWROTE {path}")


if not getattr(sys, "_redteam_atexit", False):
    sys._redteam_atexit = True
    found = _results_path()
    print(f"REDTEAM-RESULTS-PATH {found}")
    if found is not None:
        atexit.register(_rewrite, found)
