"""How keys are kept: something a client cannot see, so the harness looks."""

from collections.abc import Callable
from typing import Any

import pytest
from conftest import expect


@pytest.mark.points(3)
@pytest.mark.hint(
    "Keep only a hash of each key (hashlib.sha256 is enough for long random keys) and of the "
    "admin key: no dict, list, record or app.state may hold a plaintext key once it is issued.",
)
def test_keys_kept_only_as_hashes(
    call: Callable[..., Any],
    create_key: Callable[[str], dict[str, Any]],
    admin_key: str,
    harness: Any,
) -> None:
    """Keys are kept only as hashes, and they still work"""
    key = create_key("ci-bot")["key"]
    expect(call("GET", "/whoami", key), 200, "GET /whoami with the new key")
    kept = harness.plaintext_keys_kept([key, admin_key])
    assert not kept, f"the app keeps plaintext API keys in memory, at: {', '.join(kept)}"
