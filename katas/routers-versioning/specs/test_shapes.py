"""The same users under /api/v1 and /api/v2, each version in its own shape, one store behind."""

import pytest
from expected import ADA_V1, ADA_V2, ALAN_V1, ALAN_V2, expect


@pytest.mark.hint(
    "Serve the existing user routes from an APIRouter with prefix /api/v1.",
    'A v1 user keeps one "name": first and last name joined with a space.',
)
def test_v1_user_has_full_name(client):
    """GET /api/v1/users/1 answers the user with one name"""
    body = expect(client.get("/api/v1/users/1"), 200, "GET /api/v1/users/1")
    assert body == ADA_V1, f"expected {ADA_V1}, got {body}"


@pytest.mark.hint(
    "Add a second APIRouter with prefix /api/v2 and its own response model.",
    'A v2 user has "first_name" and "last_name" instead of "name".',
)
def test_v2_user_has_split_name(client):
    """GET /api/v2/users/1 answers the user with first_name and last_name"""
    body = expect(client.get("/api/v2/users/1"), 200, "GET /api/v2/users/1")
    assert body == ADA_V2, f"expected {ADA_V2}, got {body}"


@pytest.mark.hint(
    'v1 lists users as a bare JSON list; v2 wraps them as {"items": [...], "total": n}.',
)
def test_lists_have_each_versions_shape(client):
    """GET /api/v1/users is a list; GET /api/v2/users is {"items", "total"}"""
    body = expect(client.get("/api/v1/users"), 200, "GET /api/v1/users")
    assert body == [ADA_V1, ALAN_V1], f"expected {[ADA_V1, ALAN_V1]}, got {body}"

    body = expect(client.get("/api/v2/users"), 200, "GET /api/v2/users")
    expected = {"items": [ADA_V2, ALAN_V2], "total": 2}
    assert body == expected, f"expected {expected}, got {body}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Both versions read and write the same store: only the shape of the bodies differs.",
    "v1 splits a name at its first space: first_name is the first word, last_name the rest.",
)
def test_user_created_in_v1_is_read_in_v2(client):
    """A user created through v1 answers 201 and reads back through v2 with the name split"""
    new = {"name": "Grace Brewster Hopper", "email": "grace@example.com"}
    body = expect(client.post("/api/v1/users", json=new), 201, f"POST /api/v1/users with {new}")
    expected = {"id": 3, **new}
    assert body == expected, f"expected {expected}, got {body}"

    body = expect(client.get("/api/v2/users/3"), 200, "GET /api/v2/users/3")
    expected = {
        "id": 3,
        "first_name": "Grace",
        "last_name": "Brewster Hopper",
        "email": "grace@example.com",
    }
    assert body == expected, f"expected {expected}, got {body}"


@pytest.mark.hint(
    "v2 creates users from first_name, last_name and email; v1 shows them with the two parts "
    "joined by one space.",
)
def test_user_created_in_v2_is_read_in_v1(client):
    """A user created through v2 answers 201 and reads back through v1 with one name"""
    new = {"first_name": "Katherine", "last_name": "Johnson", "email": "kj@example.com"}
    body = expect(client.post("/api/v2/users", json=new), 201, f"POST /api/v2/users with {new}")
    expected = {"id": 3, **new}
    assert body == expected, f"expected {expected}, got {body}"

    body = expect(client.get("/api/v1/users/3"), 200, "GET /api/v1/users/3")
    expected = {"id": 3, "name": "Katherine Johnson", "email": "kj@example.com"}
    assert body == expected, f"expected {expected}, got {body}"
