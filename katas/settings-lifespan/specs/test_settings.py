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


DEFAULTS = {"name": "Demo API", "greeting": "Hello", "max_items": 10}
DEFAULT_POOL = {"url": "fake://localhost:5432/demo", "size": 5}


@pytest.mark.hint(
    "A field whose APP_* variable is not set keeps its default: name Demo API, greeting Hello, "
    "max_items 10, database_url fake://localhost:5432/demo, pool_size 5.",
    "create_app() reads Settings() from the environment each time it is called.",
)
def test_unset_variables_keep_their_defaults(harness):
    """Without APP_* variables, create_app() builds the app on the documented defaults"""
    report = harness.lifespan_cycle_in_environment({})
    assert "error" not in report, (
        f"with no APP_* variable set, create_app() should start on the defaults, but it failed: "
        f"{report.get('error')}"
    )
    info = report["info"]
    got = json.loads(info["text"]) if info["status"] == 200 else info
    assert got == DEFAULTS, (
        f"with no APP_* variable set, GET /info should answer {DEFAULTS}, got {got}"
    )
    assert report["pool"] == DEFAULT_POOL, (
        f"with no APP_* variable set, the pool should be built as {DEFAULT_POOL}, "
        f"got {report['pool']}"
    )


@pytest.mark.hint(
    "max_items and pool_size are at least 1: APP_MAX_ITEMS=1 and APP_POOL_SIZE=1 start, 0 does "
    "not.",
    "Declare the bounds on the fields, Field(default=..., ge=1), so that create_app() fails "
    "with a validation error on a value that does not fit.",
)
def test_settings_are_checked_at_their_edges(harness):
    """APP_MAX_ITEMS and APP_POOL_SIZE of 1 start the app; 0, or a word, stops it at start-up"""
    report = harness.lifespan_cycle_in_environment({"APP_MAX_ITEMS": "1", "APP_POOL_SIZE": "1"})
    assert "error" not in report, (
        f"APP_MAX_ITEMS=1 and APP_POOL_SIZE=1 are allowed, but create_app() failed: "
        f"{report.get('error')}"
    )
    info = report["info"]
    max_items = json.loads(info["text"]).get("max_items") if info["status"] == 200 else info
    assert max_items == 1 and (report["pool"] or {}).get("size") == 1, (
        f"with APP_MAX_ITEMS=1 and APP_POOL_SIZE=1, expected max_items 1 and a pool of size 1, "
        f"got max_items {max_items} and the pool {report['pool']}"
    )
    for environment in ({"APP_MAX_ITEMS": "0"}, {"APP_POOL_SIZE": "0"}, {"APP_MAX_ITEMS": "lots"}):
        report = harness.lifespan_cycle_in_environment(environment)
        assert "error" in report, (
            f"with {environment} the app should stop at start-up with a validation error, but "
            f"it started and GET /info answered {report['info']}"
        )


@pytest.mark.hint(
    "limit is at least 1: ?limit=1 answers one item and ?limit=0 is 422 "
    "(Query(ge=1) on the parameter).",
)
def test_limit_is_at_least_1(client):
    """GET /items?limit=1 answers the first item alone; ?limit=0 gets 422"""
    r = client.get("/items?limit=1")
    assert r.status_code == 200 and r.json() == [{"id": 1, "name": "Widget 1"}], (
        f'expected 200 and [{{"id": 1, "name": "Widget 1"}}] from GET /items?limit=1, got '
        f"{r.status_code}: {r.text}"
    )
    r = client.get("/items?limit=0")
    assert r.status_code == 422, (
        f"expected 422 for GET /items?limit=0, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "GET /items asks the pool for max_items items (or fewer); the catalogue holds 10, so with "
    "max_items above 10 the answer is the whole catalogue.",
)
def test_items_end_with_the_catalogue(harness):
    """With max_items above 10, GET /items answers the whole catalogue of 10 items"""
    report = harness.lifespan_cycle(settings={"max_items": 25})
    items = report["items"]
    expected = [{"id": number, "name": f"Widget {number}"} for number in range(1, 11)]
    got = json.loads(items["text"]) if items["status"] == 200 else items
    assert got == expected, (
        f"the app from create_app(Settings(max_items=25)) should answer GET /items with the 10 "
        f"items of the catalogue, got {got}"
    )
