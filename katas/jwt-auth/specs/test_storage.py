"""How passwords are kept: something a client cannot see, so the harness looks."""

from collections.abc import Callable
from typing import Any

import pytest


@pytest.mark.points(3)
@pytest.mark.hint(
    "Keep only argon2 hashes (pwdlib) of the seed passwords: no dict, list or constant at module "
    "level (or in app.state) may still hold the plaintext once the app has started.",
)
def test_passwords_not_kept_in_plaintext(login: Callable[..., Any], harness: Any) -> None:
    """Passwords are kept only as hashes, and logging in still works"""
    r = login("alice", "wonderland")
    assert r.status_code == 200, f"expected alice to log in, got {r.status_code}: {r.text}"
    kept = harness.plaintext_passwords_kept(["wonderland", "builder"])
    assert not kept, f"the app keeps plaintext passwords in memory, at: {', '.join(kept)}"
