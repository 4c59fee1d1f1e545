"""Every spec runs on an empty database of its own, reached by the app only through get_db."""

from collections.abc import Callable
from typing import Any

import pytest

DocumentSeeder = Callable[..., list[int]]


@pytest.fixture(autouse=True)
def spec_database(harness: Any) -> list[str]:
    """Point the app's get_db at a fresh database with the app's own tables."""
    return harness.use_fresh_database()


@pytest.fixture
def seed_documents(harness: Any) -> DocumentSeeder:
    """Insert documents straight into the spec's database; returns their ids.

    Each argument is a dict of column values; title, body, version and deleted_at get defaults
    (version 1, not deleted).
    """

    def seed(*documents: dict[str, Any]) -> list[int]:
        rows = [
            {"title": f"Document {index}", "body": "", "version": 1, "deleted_at": None, **row}
            for index, row in enumerate(documents)
        ]
        return harness.insert_rows("documents", rows)

    return seed


@pytest.fixture
def stored(harness: Any) -> Callable[[int], dict[str, Any]]:
    """The row of one document as it is in the database, soft-deleted or not."""

    def row(document_id: int) -> dict[str, Any]:
        for found in harness.rows("documents"):
            if found["id"] == document_id:
                return found
        raise AssertionError(f"expected document {document_id} to still be in the database")

    return row
