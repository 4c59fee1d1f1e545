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
