"""One middleware for every request: its id, one JSON log line, and its metrics.

It wraps the whole app, so it also sees requests that match no route.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

REQUEST_ID_HEADER = "X-Request-ID"
ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
"""An incoming id is reused only if it is this tame: it ends up in logs and headers."""
UNMATCHED_ROUTE = "unmatched"
METRICS_PATH = "/metrics"

logger = logging.getLogger("app.requests")


def route_template(request: Request) -> str:
    """The template of the route that handled the request, set by the router once matched."""
    route = request.scope.get("route")
    return getattr(route, "path", None) or UNMATCHED_ROUTE


def request_id_for(request: Request) -> str:
    """Keep the caller's id so one id follows a request across services; else make one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if ACCEPTED_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


async def observe_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    if request.url.path == METRICS_PATH:
        return await call_next(request)  # scrapes are not traffic
    request_id = request_id_for(request)
    request.state.request_id = request_id
    started = time.perf_counter()
    response = await call_next(request)
    seconds = time.perf_counter() - started
    route = route_template(request)
    request.app.state.metrics.observe(request.method, route, response.status_code, seconds)
    response.headers[REQUEST_ID_HEADER] = request_id
    logger.info(
        json.dumps(
            {
                "request_id": request_id,
                "method": request.method,
                "route": route,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 3),
            }
        )
    )
    return response
