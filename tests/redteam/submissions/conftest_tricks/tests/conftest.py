"""A conftest.py where a project's own tests would live: empties every spec's body."""

from pathlib import Path

Path("/tmp/kata-redteam-conftest-marker").write_text("tests/conftest.py was loaded\n")
print("REDTEAM-LOADED tests/conftest.py")


def pytest_collection_modifyitems(items):
    for item in items:
        item.obj = lambda *args, **kwargs: None
