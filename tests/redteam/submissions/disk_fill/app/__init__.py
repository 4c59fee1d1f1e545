"""At import, fill every writable place with files, each kept under the file-size limit, until
the disk says no; then serve the stub as if nothing happened."""

import errno
import os
import sys
from pathlib import Path

CHUNK = b"\xaa" * (1024 * 1024)
PER_FILE_MB = 8


def fill(folder: Path) -> tuple[int, str]:
    written = 0
    for number in range(10_000):
        try:
            with (folder / f"redteam-fill-{number}.bin").open("wb") as out:
                for _ in range(PER_FILE_MB):
                    out.write(CHUNK)
                    out.flush()
                    written += 1
        except OSError as exc:
            return written, errno.errorcode.get(exc.errno, str(exc.errno))
    return written, "never refused"


if not getattr(sys, "_redteam_filled", False):
    sys._redteam_filled = True
    places = {Path.cwd(), Path(os.environ.get("TMPDIR", "/tmp")), Path("/tmp")}
    for place in sorted({place.resolve() for place in places}):
        megabytes, why = fill(place)
        print(f"REDTEAM-DISK-REFUSED {place}: {megabytes} MiB, then {why}", flush=True)
