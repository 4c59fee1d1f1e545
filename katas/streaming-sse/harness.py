"""Harness of the streaming-sse kata: measures how many export rows the app holds at once.

A client sees the export's bytes, not the server's memory. `measure_export` swaps a counting
row source in at `app.state.row_source`, sends GET /export straight to the app (ASGI, in this
process) and watches both ends: each row the app pulls from the source, and each line it sends.
A row pulled but not yet sent is held in memory; the peak of those is what streaming keeps
small and building the whole body first makes as large as the export.
"""

import asyncio
from collections.abc import Iterator
from typing import Any

from grader.harness import HarnessError


class _Watch:
    """Rows pulled and lines sent so far, and the most rows ever held between the two."""

    def __init__(self) -> None:
        self.pulled = 0
        self.sent_lines = 0
        self.peak_held = 0

    def rows(self, source: Any, count: int) -> Iterator[Any]:
        for row in source(count):
            self.pulled += 1
            self.peak_held = max(self.peak_held, self.pulled - self.sent_lines)
            yield row


async def _get_export(app: Any, count: int | None, watch: _Watch) -> dict[str, Any]:
    finished = asyncio.Event()
    requested = False
    start: dict[str, Any] = {}

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            watch.sent_lines += message.get("body", b"").count(b"\n")
            if not message.get("more_body", False):
                finished.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/export",
        "raw_path": b"/export",
        "root_path": "",
        "query_string": b"" if count is None else f"count={count}".encode(),
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    try:
        await asyncio.wait_for(app(scope, receive, send), timeout=30)
    finally:
        finished.set()
    return start


def measure_export(app: Any, count: int | None = None) -> dict[str, int]:
    """GET /export (?count=<count> if given) with a counting row source.

    Returns the status, the rows pulled from the source, the lines sent, and the most rows
    ever pulled but not yet sent.
    """
    source = getattr(app.state, "row_source", None)
    if not callable(source):
        raise HarnessError(
            "the app has no callable app.state.row_source: keep the line that sets it to "
            "generate_rows when the app is created"
        )
    watch = _Watch()
    app.state.row_source = lambda n: watch.rows(source, n)
    try:
        start = asyncio.run(_get_export(app, count, watch))
    finally:
        app.state.row_source = source
    return {
        "status": int(start.get("status", 0)),
        "pulled": watch.pulled,
        "lines": watch.sent_lines,
        "peak_held": watch.peak_held,
    }
