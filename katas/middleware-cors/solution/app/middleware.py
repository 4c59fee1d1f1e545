"""Pure ASGI middleware that stamps every response with a request ID and its processing time."""

import re
import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What a client may choose as its request ID: short, and safe to copy into logs and headers.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


class RequestContextMiddleware:
    """X-Request-ID (the client's, if safe, else a new UUID4) and X-Process-Time, in seconds.

    Added last, so it is the outermost layer and also sees the responses that CORS and routing
    errors produce without ever reaching a route.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        sent = Headers(scope=scope).get("x-request-id", "")
        request_id = sent if SAFE_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id  # request.state.request_id

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers["X-Process-Time"] = f"{time.perf_counter() - started:.6f}"
            await send(message)

        await self.app(scope, receive, send_with_headers)
