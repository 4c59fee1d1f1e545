"""The lifespan: the pool opens when the app starts and closes when it stops."""

import pytest
from environment import DATABASE_URL, POOL_SIZE


@pytest.mark.points(2)
@pytest.mark.hint(
    "Open a ConnectionPool in the lifespan (await pool.open()) and keep it at app.state.pool.",
    "Build the pool from the settings: ConnectionPool(settings.database_url, settings.pool_size).",
)
def test_pool_is_open_while_the_app_runs(harness):
    """While the app runs, its pool is open and built from APP_DATABASE_URL and APP_POOL_SIZE"""
    status = harness.pool_status()
    expected = {"open": True, "url": DATABASE_URL, "size": POOL_SIZE}
    assert status == expected, f"expected the running app's pool to be {expected}, got {status}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "The lifespan opens the pool before its yield and closes it (await pool.close()) after.",
    "Put the close in a finally block so that it runs however the app stops. Open nothing in "
    "create_app itself: an app that is built is not yet started.",
)
def test_lifespan_opens_and_closes_the_pool(harness):
    """The pool opens at start-up, not before, and is closed at shutdown"""
    report = harness.lifespan_cycle()
    assert not report["open_before_startup"], (
        "the pool was already open when create_app() returned: open it in the lifespan, "
        "when the app starts"
    )
    assert report["open_while_running"], (
        "while the app from create_app() ran, it had no open pool at app.state.pool: open "
        "one in the lifespan, before its yield"
    )
    assert report["closed_after_shutdown"], (
        "after the app from create_app() stopped, its pool was not closed: close it after the "
        "lifespan's yield"
    )
