"""Shared set-up: a frozen clock and a counting pricing engine, installed after start-up."""

from typing import Any

import pytest

START = 5_000.0
"""Where the fake clock starts."""

PRICES = {"1": 25000, "2": 9000, "3": 2000}
"""What the fake pricing engine answers until a spec changes it (product id -> cents)."""


@pytest.fixture(autouse=True)
def fakes(client: Any, harness: Any) -> None:
    """After the lifespan: time moves only on demand, and every engine call is counted."""
    harness.freeze_clock(START)
    harness.install_price_engine(PRICES)
