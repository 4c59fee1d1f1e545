"""Conditional GET: a strong ETag over the exact bytes sent, and 304 when the client has them."""

import hashlib
import json
from typing import Any

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder


def etag_of(body: bytes) -> str:
    """A strong, quoted entity tag: it changes whenever a single byte of the body changes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match semantics: `*`, or any listed tag equal to ours under weak comparison."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def conditional_json(request: Request, payload: Any, cache_control: str, version: str) -> Response:
    """`payload` as JSON, tagged by the stored `version` it was built from.

    Hashing the stored data rather than the body saves serialising twice. The 304 repeats ETag
    and Cache-Control: a cache uses them to refresh what it holds.
    """
    body = json.dumps(jsonable_encoder(payload), separators=(",", ":")).encode()
    headers = {"ETag": etag_of(version.encode()), "Cache-Control": cache_control}
    if etag_matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
