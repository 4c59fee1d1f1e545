"""Shared set-up: the app's client is routed to a fake upstream that each spec steers."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fake_upstream(client: Any, harness: Any) -> None:
    """After the lifespan: app.state.http_client now reaches the fake services."""
    harness.install_upstream()
