"""A stock export streamed as NDJSON, and a finite stream of Server-Sent Events."""

import json
from collections.abc import AsyncIterator, Iterable
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.responses import StreamingResponse

from app.data import generate_rows

BATCH_ROWS = 100
"""Rows per chunk: one send per row is slow, one send for everything is a buffer."""

app = FastAPI(title="Stock export")

# The row source seam: the export takes its rows from here on every request.
app.state.row_source = generate_rows


async def ndjson_chunks(rows: Iterable[dict[str, Any]]) -> AsyncIterator[bytes]:
    """Encode rows as NDJSON, BATCH_ROWS lines per chunk, pulling rows only as chunks go out.

    An async generator: StreamingResponse awaits each send before asking for the next chunk,
    so no more than one batch is ever held, however large the export.
    """
    batch: list[str] = []
    for row in rows:
        batch.append(json.dumps(row, separators=(",", ":")))
        if len(batch) == BATCH_ROWS:
            yield ("\n".join(batch) + "\n").encode()
            batch.clear()
    if batch:
        yield ("\n".join(batch) + "\n").encode()


@app.get("/export")
async def export(
    request: Request, count: Annotated[int, Query(ge=1, le=100_000)] = 10_000
) -> StreamingResponse:
    rows = request.app.state.row_source(count)
    return StreamingResponse(ndjson_chunks(rows), media_type="application/x-ndjson")


def resume_after(last_event_id: str | None) -> int:
    """The last tick the client saw, from its Last-Event-ID header; 0 if none or not a number."""
    if last_event_id is None or not last_event_id.strip().isdigit():
        return 0
    return int(last_event_id)


@app.get("/events")
async def events(
    count: Annotated[int, Query(ge=1, le=100)] = 3,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Ticks 1 to `count`, each with its id, then an `end` event so the client stops listening."""

    async def lines() -> AsyncIterator[str]:
        for seq in range(resume_after(last_event_id) + 1, count + 1):
            data = json.dumps({"seq": seq, "total": count})
            yield f"id: {seq}\nevent: tick\ndata: {data}\n"
        yield f"event: end\ndata: {json.dumps({'total': count})}\n"

    return StreamingResponse(
        lines(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )
