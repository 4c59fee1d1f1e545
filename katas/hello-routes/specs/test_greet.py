"""GET /greet: query parameters with defaults, one of them a bool."""

from typing import Any

import pytest

TRUE_WORDS = ["true", "True", "1", "yes", "on"]
FALSE_WORDS = ["false", "FALSE", "0", "no", "off"]


@pytest.mark.points(2)
@pytest.mark.hint(
    'GET /greet takes name (default "World") and excited (default false) as query parameters '
    'and answers {"message": "Hello, <name>."}, with "!" instead of "." when excited.',
    "Annotate excited as bool: FastAPI then reads true/false, 1/0, yes/no and on/off for you. A "
    'str compared with "true" misses most of them, and any non-empty str is truthy.',
)
def test_greet_defaults_and_excited(client: Any) -> None:
    """GET /greet uses its defaults and reads excited as a bool"""
    r = client.get("/greet")
    assert r.status_code == 200, f"expected 200 from GET /greet, got {r.status_code}: {r.text}"
    expected = {"message": "Hello, World."}
    assert r.json() == expected, f"expected {expected} from GET /greet, got {r.text}"

    r = client.get("/greet", params={"name": "Ada"})
    expected = {"message": "Hello, Ada."}
    assert r.status_code == 200 and r.json() == expected, (
        f"expected 200 {expected} from GET /greet?name=Ada, got {r.status_code}: {r.text}"
    )

    for word, mark in [*((w, "!") for w in TRUE_WORDS), *((w, ".") for w in FALSE_WORDS)]:
        r = client.get("/greet", params={"name": "Ada", "excited": word})
        expected = {"message": f"Hello, Ada{mark}"}
        assert r.status_code == 200 and r.json() == expected, (
            f"expected 200 {expected} from GET /greet?name=Ada&excited={word}, "
            f"got {r.status_code}: {r.text}"
        )


@pytest.mark.hint(
    "With excited annotated as bool, a value that is not a boolean at all is FastAPI's 422, "
    "not a greeting."
)
def test_greet_excited_not_a_bool_is_422(client: Any, expect_422: Any) -> None:
    """GET /greet?excited=maybe gets FastAPI's 422 pointing at excited"""
    r = client.get("/greet", params={"name": "Ada", "excited": "maybe"})
    expect_422(r, ["query", "excited"], "GET /greet?excited=maybe")
