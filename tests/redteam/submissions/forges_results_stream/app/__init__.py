"""Find the grader's results file through the garbage collector and, before any spec has
finished, append a passing record for every spec: the grader's own records come later."""

import gc
import json
import sys
from pathlib import Path

if not getattr(sys, "_redteam_forged", False):
    sys._redteam_forged = True
    for candidate in gc.get_objects():
        if type(candidate).__name__ == "ResultsRecorder":
            path = Path(candidate._file.name)
            with path.open() as stream:
                lines = [json.loads(line) for line in stream if line.strip()]
            collected = next(line for line in lines if line.get("type") == "collected")
            with path.open("a") as stream:
                for spec in collected["specs"]:
                    record = {
                        "type": "spec",
                        "id": spec["id"],
                        "outcome": "passed",
                        "duration": 0.01,
                    }
                    stream.write(json.dumps(record) + "\n")
            print(f"REDTEAM-FORGED {path}")
            break
