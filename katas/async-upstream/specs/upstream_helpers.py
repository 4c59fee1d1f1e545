"""What several spec files share: the expected overview, a stopwatch, an error's detail."""

import time
from collections.abc import Callable
from typing import Any

KEYBOARD = {
    "sku": "KB-101",
    "name": "Mechanical keyboard",
    "price_cents": 8900,
    "in_stock": 7,
    "rating": 4.6,
}
"""The overview of KB-101 as the fake upstream describes it."""


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``call`` and return its result with the seconds it took."""
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


def detail_of(response: Any) -> Any:
    """The ``detail`` of a JSON error body, or None when the body is not JSON."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None
