"""POST /users: the fields a new user may have."""

from typing import Any

import pytest


def new_user(**changes: str) -> dict[str, str]:
    return {"username": "zoe", "name": "Zoe", "email": "zoe@example.com", **changes}


# Baseline: the starting project already validates a new user; this guards that it still does
# once the body limit and the headers are in.
@pytest.mark.baseline
@pytest.mark.hint(
    "A username is 3 to 30 of a-z, 0-9, _ and .; a name 1 to 100 characters; an email 3 to 254 "
    "characters. Both ends of each are accepted, one past them gets 422.",
    "Keep UserIn of the starting project as it is.",
)
def test_user_fields_are_bounded(client: Any) -> None:
    """A new user's username, name and email are accepted at both ends of their lengths"""
    accepted = {
        "a 3-character username": new_user(username="zoe"),
        "a 30-character username": new_user(username="z" * 30),
        "a 1-character name": new_user(username="yan", name="Y"),
        "a 100-character name": new_user(username="xia", name="N" * 100),
        "a 3-character email": new_user(username="wes", email="w@x"),
        "a 254-character email": new_user(username="vic", email="v" * 242 + "@example.com"),
    }
    for what, body in accepted.items():
        r = client.post("/users", json=body)
        assert r.status_code == 201, f"expected 201 for {what}, got {r.status_code}: {r.text[:300]}"
    refused = {
        "a 2-character username": new_user(username="zz"),
        "a 31-character username": new_user(username="u" * 31),
        "an empty name": new_user(username="uma", name=""),
        "a 101-character name": new_user(username="uma", name="N" * 101),
        "a 2-character email": new_user(username="uma", email="ab"),
        "a 255-character email": new_user(username="uma", email="u" * 243 + "@example.com"),
    }
    for what, body in refused.items():
        r = client.post("/users", json=body)
        assert r.status_code == 422, f"expected 422 for {what}, got {r.status_code}: {r.text[:300]}"
