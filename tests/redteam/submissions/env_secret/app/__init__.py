"""At import, print the whole environment this process was given."""

import json
import os
import sys

if not getattr(sys, "_redteam_env", False):
    sys._redteam_env = True
    print("REDTEAM-ENV " + json.dumps(dict(os.environ), sort_keys=True), flush=True)
