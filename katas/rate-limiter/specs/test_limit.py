"""One client spending its budget inside one window: refusal, headers, Retry-After."""

import pytest

CATALOGUE = [
    {"id": 1, "name": "Keyboard"},
    {"id": 2, "name": "Mouse"},
    {"id": 3, "name": "Monitor"},
]


@pytest.mark.points(2)
@pytest.mark.hint(
    "Count each client's requests to the /items routes and refuse the 6th one in the window.",
    "Refuse with status 429 Too Many Requests (not 403 or 503) and a JSON body with a "
    'non-empty string under "detail"; HTTPException gives you that shape.',
)
def test_sixth_request_in_window_gets_429(client, spend):
    """The first 5 requests in a window are served; the 6th gets 429 with a JSON detail"""
    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 200, (
            f"request {number} of 5 should be served, got {r.status_code}: {r.text}"
        )
        assert r.json() == CATALOGUE, (
            f"request {number} should still return the catalogue, got {r.text}"
        )

    r = client.get("/items")
    assert r.status_code == 429, (
        f"the 6th request in the window should get 429, got {r.status_code}: {r.text}"
    )
    try:
        body = r.json()
    except ValueError:
        body = None
    assert isinstance(body, dict), f"the 429 body should be a JSON object, got {r.text!r}"
    detail = body.get("detail")
    assert isinstance(detail, str) and detail.strip(), (
        f'the 429 body should have a non-empty string under "detail", got {r.text}'
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Every served /items response needs two headers: X-RateLimit-Limit (always 5) and "
    "X-RateLimit-Remaining (what is left after this request).",
    "Remaining after the 1st request is 4 and after the 5th it is 0. In a dependency, set "
    "headers on an injected Response; in a middleware, on the response you pass on.",
)
def test_rate_limit_headers_count_down(client, spend):
    """Served requests carry X-RateLimit-Limit: 5 and X-RateLimit-Remaining counting 4 down to 0"""
    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 200, (
            f"request {number} of 5 should be served, got {r.status_code}: {r.text}"
        )
        limit = r.headers.get("x-ratelimit-limit")
        remaining = r.headers.get("x-ratelimit-remaining")
        assert limit == "5", f"request {number}: expected X-RateLimit-Limit: 5, got {limit!r}"
        assert remaining == str(5 - number), (
            f"request {number}: expected X-RateLimit-Remaining: {5 - number}, got {remaining!r}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A 429 needs a Retry-After header: the seconds until the client's window ends, as a whole "
    "number, rounded up (39.5 seconds left is Retry-After: 40).",
    "Use math.ceil on (window start + 60 - now) and send it as an integer string, never a "
    "float or milliseconds. Read now from request.app.state.clock().",
)
def test_retry_after_is_seconds_left_rounded_up(client, harness, spend):
    """A 429 carries Retry-After: the whole seconds left in the window, rounded up"""
    spend(client, 5)
    r = client.get("/items")
    assert r.status_code == 429, f"the 6th request should get 429, got {r.status_code}: {r.text}"
    value = r.headers.get("retry-after")
    assert value is not None, "the 429 response has no Retry-After header"
    assert value.strip().isdigit(), (
        f"Retry-After should be a whole number of seconds, got {value!r}"
    )
    assert 1 <= int(value) <= 60, (
        f"right after the budget ran out, Retry-After should be between 1 and 60, got {value}"
    )

    harness.advance_clock(20.5)
    r = client.get("/items")
    assert r.status_code == 429, (
        f"20.5 seconds into the window the client should still get 429, got {r.status_code}"
    )
    value = r.headers.get("retry-after")
    assert value == "40", (
        f"with 39.5 seconds of the window left, expected Retry-After: 40, got {value!r}"
    )

    harness.advance_clock(40)
    r = client.get("/items")
    assert r.status_code == 200, (
        f"after waiting the 40 seconds Retry-After asked for, the client should be served, "
        f"got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "The budget is per client, not per route: /items and /items/{id} draw from the same one.",
    "Every request to an /items route counts, whatever its answer, a 404 included.",
)
def test_budget_shared_across_items_routes(client):
    """All /items routes share one budget, and served requests keep their normal answers"""
    expected = [
        ("/items", 200, CATALOGUE),
        ("/items/1", 200, CATALOGUE[0]),
        ("/items/3", 200, CATALOGUE[2]),
        ("/items/99", 404, None),
        ("/items/2", 200, CATALOGUE[1]),
    ]
    for path, status, body in expected:
        r = client.get(path)
        assert r.status_code == status, (
            f"GET {path} within the budget should answer {status}, got {r.status_code}: {r.text}"
        )
        if body is not None:
            assert r.json() == body, f"GET {path} should return {body}, got {r.text}"

    r = client.get("/items/1")
    assert r.status_code == 429, (
        "after 5 requests spread over /items, /items/1, /items/3, /items/99 and /items/2, "
        f"the 6th should get 429, got {r.status_code}: {r.text}"
    )
