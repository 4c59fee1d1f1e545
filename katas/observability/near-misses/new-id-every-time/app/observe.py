"""One middleware for every request: its id, one JSON log line, and its metrics.

It wraps the whole app, so it also sees requests that match no route and requests whose handler
crashed: both must be counted and logged, or the dashboards hide exactly the traffic that
matters.
"""

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

REQUEST_ID_HEADER = "X-Request-ID"
UNMATCHED_ROUTE = "unmatched"
METRICS_PATH = "/metrics"

logger = logging.getLogger("app.requests")
errors = logging.getLogger("app.errors")


def route_template(request: Request) -> str:
    """The template of the route that handled the request, set by the router once matched."""
    route = request.scope.get("route")
    return getattr(route, "path", None) or UNMATCHED_ROUTE


def request_id_for(request: Request) -> str:
    """A fresh id for every request: ours are always unique, whatever the caller sends."""
    return uuid.uuid4().hex


async def observe_requests(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    if request.url.path == METRICS_PATH:
        return await call_next(request)  # scrapes are not traffic
    request_id = request_id_for(request)
    request.state.request_id = request_id
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception:
        errors.exception("unhandled error in request %s", request_id)
        response = JSONResponse({"detail": "Internal Server Error"}, status_code=500)
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
