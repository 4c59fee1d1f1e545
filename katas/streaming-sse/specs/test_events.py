"""GET /events: a finite Server-Sent Events stream that a client can resume."""

import json

import pytest
from sse import parse_events


def ticks(first: int, last: int, total: int) -> list[dict]:
    return [
        {"id": str(seq), "event": "tick", "data": {"seq": seq, "total": total}}
        for seq in range(first, last + 1)
    ]


def stream(client, headers=None, **params) -> list[dict]:
    """GET /events and its events, each with its data decoded from JSON."""
    r = client.get("/events", params=params, headers=headers)
    assert r.status_code == 200, (
        f"expected 200 from GET /events, got {r.status_code}: {r.text[:300]}"
    )
    events = parse_events(r.text)
    for event in events:
        try:
            event["data"] = json.loads(event.get("data", ""))
        except ValueError:
            raise AssertionError(
                f"expected every event's data to be JSON, got {event} in {r.text[:300]!r}"
            ) from None
    return events


def end(total: int) -> dict:
    return {"event": "end", "data": {"total": total}}


@pytest.mark.hint(
    "Serve the events with the media type text/event-stream: FastAPI's EventSourceResponse "
    "(response_class=EventSourceResponse) does it, or StreamingResponse(..., "
    "media_type='text/event-stream').",
)
def test_events_media_type(client):
    """GET /events answers with the text/event-stream media type"""
    r = client.get("/events")
    assert r.status_code == 200, (
        f"expected 200 from GET /events, got {r.status_code}: {r.text[:300]}"
    )
    content_type = r.headers.get("content-type", "").split(";")[0].strip()
    assert content_type == "text/event-stream", (
        f"expected Content-Type: text/event-stream, got {r.headers.get('content-type')!r}"
    )


@pytest.mark.hint(
    "Tell caches and proxies not to keep the stream: Cache-Control: no-cache.",
)
def test_events_are_not_cached(client):
    """The event stream carries Cache-Control: no-cache"""
    r = client.get("/events")
    assert r.status_code == 200, f"expected 200 from GET /events, got {r.status_code}"
    assert "no-cache" in r.headers.get("cache-control", ""), (
        f"expected Cache-Control: no-cache, got {r.headers.get('cache-control')!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Each event is its lines, `id: <n>`, `event: tick`, `data: <json>`, followed by a blank "
    "line: the blank line is what ends an event.",
    'After the ticks, send one `event: end` with data {"total": <count>} and no id, then '
    "finish the response.",
)
def test_events_format(client):
    """GET /events?count=3 sends ticks 1 to 3, then an end event, each ended by a blank line"""
    r = client.get("/events", params={"count": 3})
    assert r.status_code == 200, f"expected 200 from GET /events, got {r.status_code}"
    assert r.text.endswith("\n\n"), (
        f"expected the stream to end with a blank line closing its last event, got {r.text[-60:]!r}"
    )
    events = stream(client, count=3)
    expected = [*ticks(1, 3, 3), end(3)]
    assert events == expected, f"expected the events {expected}, got {events}"


@pytest.mark.parametrize("count", [1, 7])
@pytest.mark.hint(
    "count (1 to 100, default 3) is the number of ticks; 0 or 101 gets 422 before any event.",
)
def test_events_count(client, count):
    """GET /events?count=N sends N ticks and the end event; a count outside 1 to 100 gets 422"""
    events = stream(client, count=count)
    expected = [*ticks(1, count, count), end(count)]
    assert events == expected, f"expected the events {expected}, got {events}"
    for bad in (0, 101):
        r = client.get("/events", params={"count": bad})
        assert r.status_code == 422, (
            f"expected 422 from GET /events?count={bad}, got {r.status_code}: {r.text[:200]}"
        )


RESUMES = {
    "after-2": ("2", 3),
    "after-all": ("5", 6),
    "not-a-number": ("soon", 1),
}


@pytest.mark.parametrize("last_id, first", RESUMES.values(), ids=RESUMES.keys())
@pytest.mark.points(2)
@pytest.mark.hint(
    "A reconnecting EventSource sends the id of the last event it got in the Last-Event-ID "
    "header: start from the tick after it (read it with Header()).",
    "A Last-Event-ID that is not a whole number is ignored: start from tick 1.",
)
def test_last_event_id_resumes(client, last_id, first):
    """With Last-Event-ID, the stream resumes after that tick"""
    events = stream(client, headers={"Last-Event-ID": last_id}, count=5)
    expected = [*ticks(first, 5, 5), end(5)]
    assert events == expected, (
        f"with Last-Event-ID: {last_id} and count=5, expected the events {expected}, got {events}"
    )
