"""Python runs sitecustomize/usercustomize at start-up when they are on sys.path: every spec
would pass, and the grader's own recorder would never see a failure."""

from pathlib import Path

Path("/tmp/kata-redteam-sitecustomize-marker").write_text("usercustomize.py was run\n")
print("REDTEAM-LOADED usercustomize.py")

try:
    import _pytest.python
except ImportError:
    pass
else:
    _pytest.python.Function.runtest = lambda self: None
