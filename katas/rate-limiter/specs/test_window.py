"""Time: the budget comes back when the window ends, not before, and refusals cost nothing."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "When 60 seconds have passed since the window opened, the client starts a new window with "
    "a full budget of 5.",
    "Exactly 60 seconds later already counts as the new window. Take the time from "
    "request.app.state.clock() on every request, never from time.monotonic() directly.",
)
def test_budget_comes_back_after_window(client, harness, spend):
    """After the 60-second window has passed, the client gets a fresh budget of 5"""
    spend(client, 5)
    r = client.get("/items")
    assert r.status_code == 429, f"the 6th request should get 429, got {r.status_code}"

    harness.advance_clock(60)
    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 200, (
            f"60 seconds later the budget is fresh, so request {number} of 5 should be served, "
            f"got {r.status_code}: {r.text}"
        )
    r = client.get("/items")
    assert r.status_code == 429, (
        f"the new window also allows only 5, so its 6th request should get 429, got {r.status_code}"
    )


@pytest.mark.hint(
    "The budget comes back all at once when the window ends, not bit by bit while it runs.",
    "A refilling token bucket serves requests too early here: keep a count per window.",
)
def test_budget_not_back_before_window_ends(client, harness, spend):
    """The budget does not come back before the window ends"""
    spend(client, 5)
    harness.advance_clock(30)
    r = client.get("/items")
    assert r.status_code == 429, (
        f"30 seconds into the window the budget is still spent, expected 429, got {r.status_code}"
    )

    harness.advance_clock(29.5)
    r = client.get("/items")
    assert r.status_code == 429, (
        f"59.5 seconds into the window the budget is still spent, expected 429, got {r.status_code}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A request refused with 429 must not count: it neither pushes the end of the window back "
    "nor spends budget from the next window.",
    "Check the count before adding to it, and only move the window's start when a new window "
    "opens.",
)
def test_refused_requests_do_not_count(client, harness, spend):
    """Requests refused with 429 cost nothing: the next window still has all 5"""
    spend(client, 5)
    harness.advance_clock(30)
    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 429, (
            f"refused request {number}: 30 seconds into a spent window expected 429, "
            f"got {r.status_code}"
        )

    harness.advance_clock(30)
    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 200, (
            f"when the window ends, request {number} of 5 should be served; the refused "
            f"requests must not count, got {r.status_code}: {r.text}"
        )
