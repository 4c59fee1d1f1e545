"""Every spec runs on an empty database of its own, which the app reaches only through get_db."""

from collections.abc import Callable
from typing import Any

import pytest

ProductSeeder = Callable[..., list[int]]


@pytest.fixture(autouse=True)
def spec_database(harness: Any) -> list[str]:
    """Point the app's get_db at a fresh database; the app's lifespan has nothing to do with it."""
    return harness.use_fresh_database()


@pytest.fixture
def seed_products(harness: Any) -> ProductSeeder:
    """Put products straight into the spec's database, bypassing the API; returns their ids.

    Each argument is a dict with at least a sku; name, price_cents and stock get defaults.
    """

    def seed(*products: dict[str, Any]) -> list[int]:
        rows = [
            {"name": f"Product {row['sku']}", "price_cents": 1000, "stock": 10, **row}
            for row in products
        ]
        return harness.insert_rows("products", rows)

    return seed
