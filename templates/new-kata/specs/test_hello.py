"""GET /hello: the example spec. Specs reach the app only through the `client` and `harness`
fixtures, so the same spec runs in-process and black-box."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "Add a GET /hello route to app/main.py.",
    'It answers 200 with the JSON object {"message": "Hello, world!"}.',
)
def test_hello_greets_the_world(client, harness):
    """GET /hello answers 200 with {"message": "Hello, world!"}"""
    assert "/hello" in harness.route_paths(), "the app serves no /hello route yet"
    r = client.get("/hello")
    assert r.status_code == 200, f"expected 200 from GET /hello, got {r.status_code}: {r.text}"
    assert r.json() == {"message": "Hello, world!"}, (
        f'expected {{"message": "Hello, world!"}}, got {r.text}'
    )
