"""At import, flood stdout and stderr: 16 MiB of lines, then 4 MiB on one line."""

import os
import sys

if not getattr(sys, "_redteam_flooded", False):
    sys._redteam_flooded = True
    line = "REDTEAM-FLOOD " + "x" * 1000 + "\n"
    for _ in range(8 * 1024):
        sys.stdout.write(line)
        sys.stderr.write(line)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, b"y" * (4 * 1024 * 1024))
    print("\nREDTEAM-FLOOD-END", flush=True)
