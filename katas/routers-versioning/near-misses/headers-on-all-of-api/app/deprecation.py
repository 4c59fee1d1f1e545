"""Deprecation headers on every response under /api/v1, errors included.

A middleware, not a route dependency: a dependency's `Response` headers are dropped when the
route raises (a 404) or when the request never reaches the route (a 422), and those responses
are v1 responses too.
"""

from collections.abc import Awaitable, Callable

from fastapi import Request, Response

DEPRECATION_HEADERS = {
    "Deprecation": "true",
    "Sunset": "Thu, 31 Dec 2026 23:59:59 GMT",
}


def is_deprecated(path: str) -> bool:
    return path.startswith("/api")


async def add_deprecation_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    if is_deprecated(request.url.path):
        response.headers.update(DEPRECATION_HEADERS)
    return response
