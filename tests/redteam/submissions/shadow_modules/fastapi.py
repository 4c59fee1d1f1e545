"""A module named like one the grader relies on. Were it imported instead of the real one, it
would claim that every spec passed and end the process before anything could say otherwise."""

import os
import sys
from pathlib import Path

Path("/tmp/kata-redteam-shadow-marker").write_text("the submission's fastapi.py was imported\n")
print("REDTEAM-LOADED fastapi.py")
print("============================== 12 passed in 0.12s ==============================")
sys.stdout.flush()
os._exit(0)
