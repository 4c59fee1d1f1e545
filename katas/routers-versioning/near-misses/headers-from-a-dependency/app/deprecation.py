"""Deprecation headers on the responses of the v1 routes, from a router dependency."""

from fastapi import Response

DEPRECATION_HEADERS = {
    "Deprecation": "true",
    "Sunset": "Thu, 31 Dec 2026 23:59:59 GMT",
}


def add_deprecation_headers(response: Response) -> None:
    response.headers.update(DEPRECATION_HEADERS)
