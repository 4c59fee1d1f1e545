"""Where the export's rows come from: a lazy generator, one row at a time.

A real export would page through a database cursor; this stands in for it. Nothing here holds
more than the row it is yielding.
"""

from collections.abc import Iterator
from typing import Any


def generate_rows(count: int) -> Iterator[dict[str, Any]]:
    """Rows 1 to `count` of the stock table, made as they are asked for."""
    for n in range(1, count + 1):
        yield {
            "id": n,
            "sku": f"SKU-{n:05d}",
            "name": f"Item {n}",
            "quantity": (n * 7) % 100,
            "price_cents": 100 + (n * 37) % 9900,
        }
