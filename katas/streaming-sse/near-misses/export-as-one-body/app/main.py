"""A stock export streamed as NDJSON, and a finite stream of Server-Sent Events."""

import json
from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import FastAPI, Header, Query, Request
from fastapi.responses import Response
from fastapi.sse import EventSourceResponse, ServerSentEvent

from app.data import generate_rows

app = FastAPI(title="Stock export")

# The row source seam: the export takes its rows from here on every request.
app.state.row_source = generate_rows


@app.get("/export")
async def export(
    request: Request, count: Annotated[int, Query(ge=1, le=100_000)] = 10_000
) -> Response:
    rows = request.app.state.row_source(count)
    body = "".join(json.dumps(row, separators=(",", ":")) + "\n" for row in rows)
    return Response(body, media_type="application/x-ndjson")


def resume_after(last_event_id: str | None) -> int:
    """The last tick the client saw, from its Last-Event-ID header; 0 if none or not a number."""
    if last_event_id is None or not last_event_id.strip().isdigit():
        return 0
    return int(last_event_id)


@app.get("/events", response_class=EventSourceResponse)
async def events(
    count: Annotated[int, Query(ge=1, le=100)] = 3,
    last_event_id: Annotated[str | None, Header()] = None,
) -> AsyncIterable[ServerSentEvent]:
    """Ticks 1 to `count`, each with its id, then an `end` event so the client stops listening.

    A browser's EventSource reconnects when a stream ends and sends the id of the last event
    it got as Last-Event-ID: the stream picks up after it. The `end` event carries no id, so
    it does not move the client's place.
    """
    for seq in range(resume_after(last_event_id) + 1, count + 1):
        yield ServerSentEvent(data={"seq": seq, "total": count}, event="tick", id=str(seq))
    yield ServerSentEvent(data={"total": count}, event="end")
