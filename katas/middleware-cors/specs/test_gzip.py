"""Gzip: large responses compressed for clients that accept it, small ones never."""

from typing import Any

import pytest

GZIP = {"Accept-Encoding": "gzip"}


def encoding(response: Any) -> str:
    """The Content-Encoding the server used (the client has already decoded the body)."""
    return response.headers.get("content-encoding", "").strip().lower()


@pytest.mark.points(2)
@pytest.mark.hint(
    "GZipMiddleware compresses a response when the client sends Accept-Encoding: gzip and the "
    "body is large enough; the body must still decode to the same JSON."
)
def test_large_response_is_gzipped(client: Any) -> None:
    """A large response is gzip-encoded for a client that accepts gzip"""
    r = client.get("/items", headers=GZIP)
    assert r.status_code == 200, f"expected 200 from GET /items, got {r.status_code}: {r.text}"
    assert encoding(r) == "gzip", (
        f"expected Content-Encoding: gzip on GET /items ({len(r.content)} bytes), "
        f"got {encoding(r)!r}"
    )
    items = r.json()
    assert len(items) == 50 and items[0] == {"id": 1, "name": "item 1", "price_cents": 100}, (
        f"expected the 50 catalogue items after decoding, got {r.text[:200]}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Compression starts at 1000 bytes: a 999-byte body goes out as it is, a 1000-byte body is "
    "gzipped. GZipMiddleware's own default minimum_size is 500."
)
def test_gzip_starts_at_1000_bytes(client: Any) -> None:
    """Bodies from 1000 bytes are gzipped, smaller ones are not"""
    for size, expected in ((999, ""), (1000, "gzip"), (400, "")):
        r = client.get(f"/text/{size}", headers=GZIP)
        assert r.status_code == 200 and len(r.content) == size, (
            f"expected {size} bytes from GET /text/{size}, got {r.status_code} with "
            f"{len(r.content)} bytes"
        )
        assert encoding(r) == expected, (
            f"expected Content-Encoding {expected or 'none'} for a {size}-byte body, "
            f"got {encoding(r) or 'none'}"
        )


@pytest.mark.points(1)
@pytest.mark.hint("Only compress for clients that said Accept-Encoding: gzip.")
def test_no_gzip_unless_accepted(client: Any) -> None:
    """A client that does not accept gzip gets the large response uncompressed"""
    r = client.get("/text/5000", headers=GZIP)
    assert encoding(r) == "gzip", f"expected gzip with Accept-Encoding: gzip, got {encoding(r)!r}"
    r = client.get("/text/5000", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and len(r.content) == 5000, (
        f"expected 5000 bytes from GET /text/5000, got {r.status_code} with {len(r.content)} bytes"
    )
    assert encoding(r) == "", (
        f"expected no Content-Encoding with Accept-Encoding: identity, got {encoding(r)!r}"
    )
