"""Shared set-up: every spec runs on a frozen clock and spends requests through `spend`."""

from collections.abc import Callable
from typing import Any

import pytest

START = 1_000_020.0
"""Where the fake clock starts: a whole multiple of the window, far from zero."""

Spend = Callable[..., list[Any]]


@pytest.fixture(autouse=True)
def frozen_clock(client: Any, harness: Any) -> None:
    """Freeze the app's clock after start-up (after the lifespan), so time moves only on demand."""
    harness.freeze_clock(START)


@pytest.fixture
def spend() -> Spend:
    """`spend(client, n, path="/items", headers=None)`: send n GET requests, return responses."""

    def send(
        client: Any, n: int, path: str = "/items", headers: dict[str, str] | None = None
    ) -> list[Any]:
        return [client.get(path, headers=headers) for _ in range(n)]

    return send
