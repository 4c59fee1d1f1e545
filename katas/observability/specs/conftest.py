"""Shared set-up: every spec collects what the app logs on app.requests."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def captured_logs(client: Any, harness: Any) -> None:
    harness.capture_logs()
