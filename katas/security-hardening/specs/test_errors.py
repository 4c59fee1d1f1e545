"""A 500 says that something failed, and nothing about what or where."""

from typing import Any

import pytest

TELLTALES = (
    "Traceback",
    'File "',
    ".py",
    "sqlite",
    "SQLite",
    "SELECT",
    "FROM ",
    "OperationalError",
    "sqlalchemy",
    "sqlalche.me",
    "no such table",
)


@pytest.mark.points(3)
@pytest.mark.hint(
    "Answer an unexpected exception with a fixed, generic 500 JSON body; log the details on the "
    "server. Never put str(exc), the exception's type or a traceback in the response.",
)
def test_500_reveals_nothing(client: Any, harness: Any) -> None:
    """A 500 says nothing about the code, the SQL or the database"""
    moved = harness.break_database()
    for path in ("/users/1", "/users/search?q=a"):
        r = client.get(path)
        assert r.status_code == 500, (
            f"expected 500 from GET {path} once the database is broken, got {r.status_code}"
        )
        try:
            body = r.json()
        except ValueError:
            body = None
        assert isinstance(body, dict) and body.get("detail"), (
            f"expected a JSON body with a detail on the 500 from GET {path}, got {r.text[:300]!r}"
        )
        leaked = [word for word in (*TELLTALES, moved) if word in r.text]
        assert not leaked, (
            f"the 500 from GET {path} shows what went wrong inside "
            f"({', '.join(map(repr, leaked))}); it should say nothing about it. Got: {r.text[:500]}"
        )
