"""Every spec starts with an empty storage folder that the harness can look into."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fresh_storage(client: Any, harness: Any) -> None:
    """After start-up, point the app's upload_dir at a fresh folder in a temporary tree."""
    harness.use_fresh_storage()
