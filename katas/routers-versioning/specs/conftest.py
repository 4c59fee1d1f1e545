"""The OpenAPI document as a fixture; shared expectations live in expected.py."""

from typing import Any

import pytest
from expected import expect


@pytest.fixture
def openapi(client: Any) -> dict[str, Any]:
    """The app's OpenAPI document."""
    return expect(client.get("/openapi.json"), 200, "GET /openapi.json")
