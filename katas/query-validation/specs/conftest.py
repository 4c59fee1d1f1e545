"""Shared checks for the query-validation specs."""

from collections.abc import Callable
from typing import Any

import pytest

Expect422 = Callable[[Any, list[Any], str], None]


@pytest.fixture
def expect_422() -> Expect422:
    """`expect_422(response, ["query", "q"], what)`: FastAPI's validation error for that loc.

    The standard body is {"detail": [{"loc": [...], "msg": "...", "type": "...", ...}, ...]}; one
    of the errors must point at the given location and carry a message and a type.
    """

    def check(response: Any, loc: list[Any], what: str) -> None:
        assert response.status_code == 422, (
            f"expected 422 for {what}, got {response.status_code}: {response.text}"
        )
        try:
            body = response.json()
        except ValueError:
            pytest.fail(f"expected a JSON validation error body for {what}, got {response.text!r}")
        detail = body.get("detail") if isinstance(body, dict) else None
        assert isinstance(detail, list) and detail, (
            f'expected "detail" to be a non-empty list of errors for {what}, got {response.text}'
        )
        matching = [e for e in detail if isinstance(e, dict) and e.get("loc") == loc]
        assert matching, f"expected an error with loc {loc} for {what}, got {response.text}"
        error = matching[0]
        assert isinstance(error.get("msg"), str) and error["msg"], (
            f"expected the error at {loc} to have a non-empty msg, got {error}"
        )
        assert isinstance(error.get("type"), str) and error["type"], (
            f"expected the error at {loc} to have a non-empty type, got {error}"
        )

    return check
