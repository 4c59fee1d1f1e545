"""Every spec runs on an empty database of its own, reached by the app only through get_db."""

from collections.abc import Callable
from typing import Any

import pytest

ArticleSeeder = Callable[..., list[int]]


@pytest.fixture(autouse=True)
def spec_database(harness: Any) -> list[str]:
    """Point the app's get_db at a fresh database with the app's own tables."""
    return harness.use_fresh_database()


@pytest.fixture
def seed_articles(harness: Any) -> ArticleSeeder:
    """Insert articles straight into the spec's database, in order; returns their ids.

    Each argument is a dict of column values; slug, title, body, author, status and created_at
    get defaults (created_at one minute apart, in the order given).
    """

    def seed(*articles: dict[str, Any]) -> list[int]:
        rows = [
            {
                "slug": f"article-{index}",
                "title": f"Article {index}",
                "body": "",
                "author": "ann",
                "status": "draft",
                "created_at": f"2024-03-01T10:{index:02d}:00",
                **article,
            }
            for index, article in enumerate(articles)
        ]
        return harness.insert_rows("articles", rows)

    return seed
