"""Shared set-up: every spec charges through a fake gateway it can slow down, fail and audit."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fake_gateway(client: Any, harness: Any) -> None:
    """After the lifespan: app.state.gateway now records every charge."""
    harness.install_gateway()
