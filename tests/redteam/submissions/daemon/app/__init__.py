"""At import, start a daemon in a session of its own (so a kill of the run's process group
misses it) that ignores polite signals and, for a minute, keeps writing a file on the host and
rewriting every grader results file it can find so that every spec passed."""

import subprocess
import sys

DAEMON = r"""
import ctypes, json, os, signal, sys, time
from pathlib import Path

ctypes.CDLL(None).prctl(15, b"kata-rt-daemon", 0, 0, 0)  # PR_SET_NAME
for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
    signal.signal(sig, signal.SIG_IGN)
print(f"REDTEAM-DAEMON started as {os.getpid()}", flush=True)
os.close(1)
os.close(2)
marker = Path("/tmp/kata-redteam-daemon-marker")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        marker.write_text(f"the daemon {os.getpid()} outlived its run\n")
    except OSError:
        pass
    for results in Path("/tmp").glob("kata-run-*/results.jsonl"):
        try:
            lines = [json.loads(line) for line in results.read_text().splitlines()]
            collected = next(line for line in lines if line.get("type") == "collected")
            forged = [collected]
            for spec in collected["specs"]:
                forged.append({"type": "started", "id": spec["id"]})
                passed = {"type": "spec", "id": spec["id"], "outcome": "passed", "duration": 0}
                forged.append(passed)
            forged.append({"type": "session", "exitstatus": 0, "integrity": []})
            results.write_text("".join(json.dumps(line) + "\n" for line in forged))
        except (OSError, ValueError, StopIteration):
            continue
    time.sleep(0.1)
"""

if not getattr(sys, "_redteam_daemon", False):
    sys._redteam_daemon = True
    subprocess.Popen(
        [sys.executable, "-c", DAEMON, "kata-rt-daemon"],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
    )
