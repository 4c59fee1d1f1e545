"""Settings behind Depends(get_settings): overriding it reaches every use."""

import pytest
from keys import ADA


@pytest.mark.points(2)
@pytest.mark.hint(
    "get_current_user must take the settings as a dependency, Depends(get_settings), so that "
    "app.dependency_overrides[get_settings] replaces them.",
    "Calling get_settings() yourself, or reading settings saved at import, never sees an override.",
)
def test_overridden_api_keys_take_effect(client, harness):
    """With get_settings overridden, only the new API keys are accepted"""
    harness.override_settings({"api_keys": {"key-zed": "zed"}})

    r = client.get("/whoami", headers=ADA)
    assert r.status_code == 401, (
        "the overriding settings know only key-zed, so key-ada should get 401, "
        f"got {r.status_code}: {r.text}"
    )
    r = client.get("/whoami", headers={"X-API-Key": "key-zed"})
    assert r.status_code == 200, f"expected 200 for key-zed, got {r.status_code}: {r.text}"
    assert r.json().get("user") == "zed", f'expected "user": "zed", got {r.text}'


@pytest.mark.hint(
    "Paginator must take the settings as a dependency too, not call get_settings() itself.",
)
def test_overridden_page_size_takes_effect(client, harness):
    """With get_settings overridden, pages follow the new max_page_size"""
    harness.override_settings({"max_page_size": 2})

    for query in ("", "?limit=5"):
        r = client.get(f"/articles{query}")
        assert r.status_code == 200, f"expected 200, got {r.status_code}: {r.text}"
        body = r.json()
        assert body["limit"] == 2 and len(body["items"]) == 2, (
            f"with max_page_size overridden to 2, GET /articles{query} should use limit 2 and "
            f"answer 2 items, got {r.text}"
        )
