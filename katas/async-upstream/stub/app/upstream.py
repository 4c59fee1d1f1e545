"""The upstream services, reached through the app's one shared httpx.AsyncClient."""

from typing import Annotated

import httpx
from fastapi import Depends, Request

UPSTREAM_URL = "http://upstream.internal"
UPSTREAM_TIMEOUT_SECONDS = 1.0
"""How long one upstream call may take, from sending the request to the last byte."""


def get_upstream(request: Request) -> httpx.AsyncClient:
    """The client created in the lifespan, looked up per request so tests can swap it."""
    return request.app.state.http_client


Upstream = Annotated[httpx.AsyncClient, Depends(get_upstream)]

# TODO: a helper that GETs one upstream path with the client and turns failures into the
#   status our own client should see: timeout -> 504, connection error or any status other
#   than 200 and 404 -> 502, 404 -> 404 {"detail": "Product not found"}.
