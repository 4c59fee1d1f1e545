"""Plant links in the folder this process shares with the grader (where the launcher's sockets
are), named like what the grader writes there, pointing at a host path, so that the grader,
when it writes, writes through them onto the host."""

import sys
from pathlib import Path

TARGET = "/tmp/kata-redteam-sockets-marker"

if not getattr(sys, "_redteam_planted", False):
    sys._redteam_planted = True
    argv = sys.argv
    sockets = Path(argv[argv.index("--sockets") + 1]) if "--sockets" in argv else None
    if sockets is not None:
        for name in ("ended", "stopped", "done"):
            link = sockets / name
            try:
                link.symlink_to(TARGET)
            except OSError as exc:
                print(f"REDTEAM-PLANT {link}: refused ({exc})")
            else:
                print(f"REDTEAM-PLANT {link} -> {TARGET}")
    print(f"REDTEAM-PLANT done in {sockets}", flush=True)
