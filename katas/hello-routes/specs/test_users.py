"""GET /users/me and GET /users/{user_id}: a fixed route beside a parameterised one."""

from typing import Any

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "Routes are matched in the order they are declared: if /users/{user_id} comes first, it "
    'catches "me" and answers 422 because "me" is not an int. Declare /users/me before it.'
)
def test_users_me_is_the_current_user(client: Any) -> None:
    """GET /users/me returns the current user, ada"""
    r = client.get("/users/me")
    expected = {"id": 1, "username": "ada"}
    assert r.status_code == 200, f"expected 200 from GET /users/me, got {r.status_code}: {r.text}"
    assert r.json() == expected, f"expected {expected} from GET /users/me, got {r.text}"


@pytest.mark.hint(
    'GET /users/{user_id} takes an int id: 200 {"id": ..., "username": ...} for a known user, '
    '404 {"detail": "User not found"} for an unknown one, FastAPI\'s 422 for a non-int.'
)
def test_user_by_id(client: Any, expect_422: Any) -> None:
    """GET /users/{user_id} returns a user, 404 for an unknown id, 422 for a non-int"""
    r = client.get("/users/2")
    expected = {"id": 2, "username": "grace"}
    assert r.status_code == 200 and r.json() == expected, (
        f"expected 200 {expected} from GET /users/2, got {r.status_code}: {r.text}"
    )

    r = client.get("/users/42")
    assert r.status_code == 404, f"expected 404 from GET /users/42, got {r.status_code}: {r.text}"
    assert r.json() == {"detail": "User not found"}, (
        f'expected {{"detail": "User not found"}} from GET /users/42, got {r.text}'
    )

    expect_422(client.get("/users/ada"), ["path", "user_id"], "GET /users/ada")
