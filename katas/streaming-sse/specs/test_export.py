"""GET /export: 10,000 rows as NDJSON, streamed, never held in memory all at once."""

import json

import pytest


def expected_row(n: int) -> dict:
    """Row n of the export, as app/data.py's generate_rows makes it."""
    return {
        "id": n,
        "sku": f"SKU-{n:05d}",
        "name": f"Item {n}",
        "quantity": (n * 7) % 100,
        "price_cents": 100 + (n * 37) % 9900,
    }


def ndjson_rows(text: str) -> list:
    """The body's lines as JSON values; the body must end with a newline."""
    assert text.endswith("\n"), (
        f"expected every line, the last one too, to end with \\n: {text[-80:]!r}"
    )
    lines = text[:-1].split("\n")
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows.append(json.loads(line))
        except ValueError:
            raise AssertionError(
                f"expected line {number} to be one JSON value, got {line[:120]!r}"
            ) from None
    return rows


@pytest.mark.points(2)
@pytest.mark.hint(
    "Return a StreamingResponse with media_type='application/x-ndjson' whose content yields "
    "one JSON object per line, each line ending with a newline, the last one too.",
    "No JSON array around the rows and no commas between them: NDJSON is one object per line.",
)
def test_export_is_ndjson(client):
    """GET /export?count=2000 streams 2,000 rows as NDJSON, one JSON object per line, in order"""
    r = client.get("/export", params={"count": 2000})
    assert r.status_code == 200, (
        f"expected 200 from GET /export?count=2000, got {r.status_code}: {r.text[:300]}"
    )
    content_type = r.headers.get("content-type", "").split(";")[0].strip()
    assert content_type == "application/x-ndjson", (
        f"expected Content-Type: application/x-ndjson, got {r.headers.get('content-type')!r}"
    )
    rows = ndjson_rows(r.text)
    assert len(rows) == 2000, f"expected 2000 lines, got {len(rows)}"
    ids = [row.get("id") if isinstance(row, dict) else None for row in rows]
    assert ids == list(range(1, 2001)), (
        "expected one JSON object per line with ids 1 to 2000 in order, "
        f"got ids starting {ids[:5]} and ending {ids[-5:]}"
    )
    for n in (1, 1000, 2000):
        assert rows[n - 1] == expected_row(n), (
            f"expected line {n} to be {expected_row(n)}, got {rows[n - 1]}"
        )


@pytest.mark.hint(
    "count (1 to 100000, default 10000) says how many rows to export: pass it to "
    "request.app.state.row_source(count).",
)
def test_export_count(client):
    """GET /export?count=3 exports exactly the first 3 rows"""
    r = client.get("/export", params={"count": 3})
    assert r.status_code == 200, (
        f"expected 200 from GET /export?count=3, got {r.status_code}: {r.text[:300]}"
    )
    rows = ndjson_rows(r.text)
    expected = [expected_row(n) for n in (1, 2, 3)]
    assert rows == expected, f"expected the lines {expected}, got {rows}"


@pytest.mark.parametrize("count", ["0", "100001", "many"])
@pytest.mark.hint(
    "Declare count with Query(ge=1, le=100_000): FastAPI answers 422 before the stream starts.",
    "Once a streaming response has started, its status can no longer change: validate first.",
)
def test_export_count_is_validated(client, count):
    """A count outside 1 to 100000 gets 422"""
    ok = client.get("/export", params={"count": 2})
    assert ok.status_code == 200, (
        f"expected 200 from GET /export?count=2, got {ok.status_code}: {ok.text[:300]}"
    )
    r = client.get("/export", params={"count": count})
    assert r.status_code == 422, (
        f"expected 422 from GET /export?count={count}, got {r.status_code}: {r.text[:300]}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A response whose length is known up front was built whole before it was sent: stream "
    "the export with StreamingResponse instead of building one string or list.",
    "A streamed response has no Content-Length header (the server sends it chunked).",
)
def test_export_has_no_content_length(client):
    """The export is streamed: its response has no Content-Length"""
    r = client.get("/export", params={"count": 500})
    assert r.status_code == 200, f"expected 200 from GET /export?count=500, got {r.status_code}"
    assert "content-length" not in r.headers, (
        f"expected no Content-Length on a streamed export, got Content-Length: "
        f"{r.headers['content-length']}: the whole body was built before it was sent"
    )


@pytest.mark.points(3)
@pytest.mark.hint(
    "Pull rows from request.app.state.row_source(count) lazily, as the chunks are sent: never "
    "turn them into a list first, not even to stream the list afterwards.",
    "Batching is fine (a few hundred rows per chunk is faster than one row per chunk), but "
    "never hold more than 1,000 rows at once.",
)
def test_export_holds_few_rows_at_once(harness):
    """The default export of 10,000 rows never holds more than 1,000 rows at once"""
    report = harness.measure_export()
    assert report["status"] == 200, f"expected GET /export to answer 200, got {report['status']}"
    assert report["pulled"] == 10_000, (
        f"expected GET /export to pull its default 10000 rows from app.state.row_source, it "
        f"pulled {report['pulled']}: take the rows from request.app.state.row_source(count)"
    )
    assert report["lines"] == 10_000, f"expected 10000 lines sent, got {report['lines']}"
    assert report["peak_held"] <= 1_000, (
        f"at one point the app had pulled {report['peak_held']} rows that it had not sent yet: "
        "the export was built in memory before it was streamed (at most 1000 allowed)"
    )
