"""Settings from the environment, typed, and a factory that takes other settings."""

import json

import pytest
from environment import GREETING, MAX_ITEMS, NAME, POOL_SIZE


@pytest.mark.points(2)
@pytest.mark.hint(
    "Make Settings a pydantic-settings BaseSettings with "
    'model_config = SettingsConfigDict(env_prefix="APP_"): the field name reads APP_NAME.',
    "max_items must come back as a number, not a string: declare it as int.",
)
def test_info_reads_the_environment(client):
    """GET /info shows the name, greeting and max_items from the APP_* environment"""
    r = client.get("/info")
    assert r.status_code == 200, f"expected 200 from GET /info, got {r.status_code}: {r.text}"
    expected = {"name": NAME, "greeting": GREETING, "max_items": MAX_ITEMS}
    assert r.json() == expected, (
        f"expected the values of APP_NAME, APP_GREETING and APP_MAX_ITEMS, {expected}, got {r.text}"
    )


@pytest.mark.hint(
    "GET /items reads the items from the pool (pool.fetch_items) and never answers more than "
    "max_items of them.",
    "?limit= asks for fewer; a limit above max_items still gets max_items.",
)
def test_items_are_capped_by_max_items(client):
    """GET /items answers at most max_items items, fewer when ?limit= asks for fewer"""
    for query, count in (
        ("", MAX_ITEMS),
        ("?limit=2", min(2, MAX_ITEMS)),
        ("?limit=50", MAX_ITEMS),
    ):
        r = client.get(f"/items{query}")
        assert r.status_code == 200, f"expected 200 from GET /items{query}, got {r.status_code}"
        expected = [{"id": number, "name": f"Widget {number}"} for number in range(1, count + 1)]
        assert r.json() == expected, (
            f"with APP_MAX_ITEMS={MAX_ITEMS}, GET /items{query} should answer {expected}, "
            f"got {r.text}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "create_app(settings) must build the app on the settings it is given, and only read the "
    "environment when it gets none.",
    "Routes find the settings on the app that serves them (request.app.state), not in a "
    "module-level object that every app would share.",
)
def test_factory_uses_the_settings_it_is_given(client, harness):
    """create_app(settings) builds an app on those settings, not on the environment's"""
    given = {"name": "Staging copy", "greeting": "Hi there", "max_items": 2, "pool_size": 7}
    report = harness.lifespan_cycle(settings=given)

    info = report["info"]
    assert info["status"] == 200, (
        f"the app from create_app(Settings(...)) should answer GET /info with 200, got "
        f"{info['status']}: {info['text']}"
    )
    expected = {"name": "Staging copy", "greeting": "Hi there", "max_items": 2}
    assert json.loads(info["text"]) == expected, (
        f"the app from create_app(Settings(**{given})) should answer GET /info with "
        f"{expected}, got {info['text']}"
    )
    assert report["pool"] is not None and report["pool"]["size"] == 7, (
        f"that app's pool should be sized by its settings (pool_size 7), got {report['pool']}"
    )

    r = client.get("/info")
    expected = {"name": NAME, "greeting": GREETING, "max_items": MAX_ITEMS}
    assert r.status_code == 200 and r.json() == expected, (
        f"building a second app must not change the first: GET /info should still answer "
        f"{expected}, got {r.status_code}: {r.text}"
    )
    status = harness.pool_status()
    assert status["size"] == POOL_SIZE, (
        f"building a second app must not change the first app's pool, got {status}"
    )
