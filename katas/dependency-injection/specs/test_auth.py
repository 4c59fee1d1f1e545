"""The API-key chain: get_api_key -> get_current_user (with the settings) -> the routes."""

import pytest
from keys import ADA, BOB


@pytest.mark.points(2)
@pytest.mark.hint(
    "get_current_user depends on get_api_key (the X-API-Key header) and on get_settings, "
    "whose api_keys maps each key to its user.",
    'No header or an unknown key is 401 with a JSON detail, e.g. {"detail": "invalid or '
    'missing API key"}.',
)
def test_api_key_identifies_the_user(client):
    """X-API-Key picks the user; a missing or unknown key gets 401"""
    for headers, what in ((None, "no X-API-Key"), ({"X-API-Key": "key-nope"}, "an unknown key")):
        r = client.get("/whoami", headers=headers)
        assert r.status_code == 401, (
            f"expected 401 from GET /whoami with {what}, got {r.status_code}: {r.text}"
        )

    for headers, user in ((ADA, "ada"), (BOB, "bob")):
        r = client.get("/whoami", headers=headers)
        assert r.status_code == 200, (
            f"expected 200 from GET /whoami with {headers}, got {r.status_code}: {r.text}"
        )
        assert r.json().get("user") == user, f'expected "user": "{user}", got {r.text}'

    r = client.post("/articles", json={"title": "On computable numbers"})
    assert r.status_code == 401, f"expected 401 for POST /articles without a key, got {r.text}"

    r = client.post("/articles", json={"title": "Compilers"}, headers=BOB)
    assert r.status_code == 201, f"expected 201 for POST /articles as bob, got {r.status_code}"
    expected = {"id": 13, "title": "Compilers", "author": "bob"}
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.hint(
    "DELETE /articles/{id} is a write like POST: it needs a known X-API-Key, else 401.",
    "Put Depends(get_current_user) on the route (dependencies=[...] is enough when the route "
    "does not use the user). With a key it answers 204 with an empty body.",
)
def test_delete_needs_an_api_key(client):
    """DELETE /articles/{id} gets 401 without a known key; with one, 204 and the article is gone"""
    for headers, what in ((None, "no X-API-Key"), ({"X-API-Key": "key-nope"}, "an unknown key")):
        r = client.delete("/articles/3", headers=headers)
        assert r.status_code == 401, (
            f"expected 401 from DELETE /articles/3 with {what}, got {r.status_code}: {r.text}"
        )
    r = client.get("/articles/3")
    assert r.status_code == 200, (
        f"a refused DELETE must not delete: expected GET /articles/3 to answer 200, got "
        f"{r.status_code}: {r.text}"
    )
    r = client.delete("/articles/3", headers=ADA)
    assert r.status_code == 204 and not r.content, (
        f"expected 204 with an empty body from DELETE /articles/3 as ada, got {r.status_code}: "
        f"{r.text}"
    )
    r = client.get("/articles/3")
    assert r.status_code == 404, (
        f"expected GET /articles/3 to answer 404 after the DELETE, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "A title is at least 1 character: an empty one is 422 (Field(min_length=1) on the body).",
)
def test_article_title_is_at_least_1_character(client):
    """POST /articles takes a title of 1 character and answers 422 for an empty one"""
    r = client.post("/articles", json={"title": ""}, headers=ADA)
    assert r.status_code == 422, (
        f"expected 422 from POST /articles with an empty title, got {r.status_code}: {r.text}"
    )
    r = client.post("/articles", json={"title": "A"}, headers=ADA)
    assert r.status_code == 201, (
        f'expected 201 from POST /articles with the title "A", got {r.status_code}: {r.text}'
    )
    expected = {"id": 13, "title": "A", "author": "ada"}
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.hint(
    "A new article is stored: GET /articles/{id} serves it and the list counts it.",
    "Its id is one more than the highest id stored, and 1 when no article is left.",
)
def test_created_article_is_stored_with_the_next_id(client):
    """A created article gets the next id and is served; in an emptied store the first id is 1"""
    r = client.post("/articles", json={"title": "Notes"}, headers=BOB)
    assert r.status_code == 201, f"expected 201 from POST /articles, got {r.status_code}: {r.text}"
    expected = {"id": 13, "title": "Notes", "author": "bob"}
    assert r.json() == expected, f"expected {expected}, got {r.text}"
    r = client.get("/articles/13")
    assert r.status_code == 200 and r.json() == expected, (
        f"expected GET /articles/13 to serve {expected}, got {r.status_code}: {r.text}"
    )
    for article_id in range(1, 14):
        r = client.delete(f"/articles/{article_id}", headers=ADA)
        assert r.status_code == 204, (
            f"expected 204 from DELETE /articles/{article_id}, got {r.status_code}: {r.text}"
        )
    r = client.post("/articles", json={"title": "Fresh start"}, headers=ADA)
    expected = {"id": 1, "title": "Fresh start", "author": "ada"}
    assert r.status_code == 201 and r.json() == expected, (
        f"with every article deleted, expected 201 and {expected}, got {r.status_code}: {r.text}"
    )
