"""What the specs expect: the demo users in each version's shape, and the deprecation headers."""

from typing import Any

ADA_V1 = {"id": 1, "name": "Ada Lovelace", "email": "ada@example.com"}
ALAN_V1 = {"id": 2, "name": "Alan Turing", "email": "alan@example.com"}
ADA_V2 = {"id": 1, "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}
ALAN_V2 = {"id": 2, "first_name": "Alan", "last_name": "Turing", "email": "alan@example.com"}

DEPRECATION = "true"
SUNSET = "Thu, 31 Dec 2026 23:59:59 GMT"


def expect(r: Any, status: int, what: str) -> Any:
    """Insist on the status code; return the JSON body."""
    assert r.status_code == status, f"expected {status} from {what}, got {r.status_code}: {r.text}"
    return r.json()


def _found(r: Any, name: str) -> str:
    value = r.headers.get(name)
    return "the header is missing" if value is None else f"got {value!r}"


def expect_deprecated(r: Any, what: str) -> None:
    assert r.headers.get("deprecation") == DEPRECATION, (
        f"expected {what} ({r.status_code}) to carry Deprecation: {DEPRECATION}, but "
        f"{_found(r, 'deprecation')}"
    )
    assert r.headers.get("sunset") == SUNSET, (
        f"expected {what} ({r.status_code}) to carry Sunset: {SUNSET}, but {_found(r, 'sunset')}"
    )


def expect_not_deprecated(r: Any, what: str) -> None:
    found = {name: r.headers[name] for name in ("deprecation", "sunset") if name in r.headers}
    assert not found, f"{what} ({r.status_code}) is not deprecated, yet it carries {found}"
