"""At import, read the environment and command line of every process in sight (the grader's
among them, if it can be seen) and print them."""

import sys
from pathlib import Path

if not getattr(sys, "_redteam_hunted", False):
    sys._redteam_hunted = True
    seen = 0
    for entry in sorted(Path("/proc").iterdir(), key=lambda path: path.name):
        if not entry.name.isdigit():
            continue
        for name in ("environ", "cmdline"):
            try:
                data = (entry / name).read_bytes()
            except OSError:
                continue
            seen += 1
            text = data.replace(b"\0", b" ").decode(errors="replace")
            print(f"REDTEAM-PROC {entry.name}/{name}: {text[:2000]}")
    print(f"REDTEAM-PROC-SEEN {seen}", flush=True)
