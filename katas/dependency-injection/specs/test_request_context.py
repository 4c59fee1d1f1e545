"""One RequestContext per request, however many dependencies ask for it."""

import pytest
from keys import ADA


@pytest.mark.points(2)
@pytest.mark.hint(
    "FastAPI calls a dependency once per request and hands the same value to everything that "
    "declares it: get_current_user and the route must both get it with "
    "Depends(get_request_context).",
    "Calling get_request_context() yourself, or use_cache=False, builds a second context.",
)
def test_one_context_per_request(client):
    """Within a request every dependency sees one request id; the next request gets a new one"""
    seen = []
    for attempt in (1, 2):
        r = client.get("/whoami", headers=ADA)
        assert r.status_code == 200, f"expected 200 from GET /whoami, got {r.status_code}: {r.text}"
        body = r.json()
        request_id, auth_request_id = body.get("request_id"), body.get("auth_request_id")
        assert isinstance(request_id, str) and request_id, (
            f'expected a non-empty string under "request_id", got {r.text}'
        )
        assert request_id == auth_request_id, (
            f"request {attempt}: the route and get_current_user should share one request "
            f"context, but saw request_id {request_id!r} and auth_request_id {auth_request_id!r}"
        )
        seen.append(request_id)
    assert seen[0] != seen[1], f"two requests got the same request id {seen[0]!r}"
