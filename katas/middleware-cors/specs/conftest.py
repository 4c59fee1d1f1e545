"""Shared helpers for the middleware-cors specs."""

import math
import uuid
from typing import Any

LISTED_ORIGINS = ["https://app.example.com", "https://admin.example.com"]
UNLISTED_ORIGINS = [
    "https://evil.example.com",
    "https://app.example.com.evil.net",
    "http://app.example.com",
]


def header_list(response: Any, name: str) -> list[str]:
    """A comma-separated header's values, lower-cased and stripped."""
    return [v.strip().lower() for v in response.headers.get(name, "").split(",") if v.strip()]


def process_time(response: Any, what: str) -> float:
    """The X-Process-Time header as a float, insisting that it is there and makes sense."""
    raw = response.headers.get("x-process-time")
    assert raw is not None, (
        f"expected an X-Process-Time header on {what} (status {response.status_code}), "
        f"got headers {dict(response.headers)}"
    )
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    assert math.isfinite(seconds) and seconds >= 0, (
        f"expected X-Process-Time on {what} to be a non-negative number of seconds, got {raw!r}"
    )
    return seconds


def is_uuid4(value: str | None) -> bool:
    """A UUID4 in its canonical string form, e.g. str(uuid.uuid4())."""
    try:
        parsed = uuid.UUID(value or "")
    except ValueError:
        return False
    return parsed.version == 4 and str(parsed) == value


def preflight(client: Any, origin: str, method: str, headers: str | None = None) -> Any:
    """The OPTIONS request a browser sends before a cross-origin call to /items."""
    sent = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers is not None:
        sent["Access-Control-Request-Headers"] = headers
    return client.options("/items", headers=sent)
