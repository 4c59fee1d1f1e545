"""The upstream services, reached through the app's one shared httpx.AsyncClient.

Every failure of an upstream becomes the status a client of ours should see: a slow upstream is
a gateway timeout (504), a broken one a bad gateway (502), and a 404 stays a 404.
"""

import asyncio
from typing import Annotated, Any

import httpx
from fastapi import Depends, HTTPException, Request, status

UPSTREAM_URL = "http://upstream.internal"
UPSTREAM_TIMEOUT_SECONDS = 1.0
"""How long one upstream call may take, from sending the request to the last byte."""


_client_lock = asyncio.Lock()
"""One request at a time through the shared client, so concurrent requests cannot mix."""


def get_upstream(request: Request) -> httpx.AsyncClient:
    """The client created in the lifespan, looked up per request so tests can swap it."""
    return request.app.state.http_client


Upstream = Annotated[httpx.AsyncClient, Depends(get_upstream)]


async def fetch_json(client: httpx.AsyncClient, path: str) -> dict[str, Any]:
    """GET one upstream resource, or raise the HTTPException our client should get instead."""
    try:
        async with _client_lock:
            response = await client.get(path)
    except httpx.TimeoutException:
        raise HTTPException(
            status.HTTP_504_GATEWAY_TIMEOUT, f"upstream {path} did not answer in time"
        ) from None
    except httpx.TransportError:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, f"upstream {path} unreachable") from None
    if response.status_code == status.HTTP_404_NOT_FOUND:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Product not found")
    if response.status_code != status.HTTP_200_OK:
        raise HTTPException(
            status.HTTP_502_BAD_GATEWAY, f"upstream {path} answered {response.status_code}"
        )
    return response.json()
