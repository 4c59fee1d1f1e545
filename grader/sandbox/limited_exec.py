"""Set resource limits on this process, then become the command.

Run as ``python -I -S limited_exec.py LIMITS_JSON -- COMMAND...``: a separate exec instead of a
``preexec_fn`` so that starting a sandboxed run is safe from a grader with many threads.
"""

import json
import os
import resource
import sys


def main() -> None:
    limits = json.loads(sys.argv[1])
    command = sys.argv[3:]
    for name, (soft, hard) in limits.items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
    os.execv(command[0], command)  # noqa: S606 - becoming the command is the point


if __name__ == "__main__":
    main()
