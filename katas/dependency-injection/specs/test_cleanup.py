"""Yield dependencies: a connection per request, a transaction nested in it, both always ended."""

import pytest
from keys import ADA


@pytest.mark.points(2)
@pytest.mark.hint(
    "get_transaction depends on get_db: FastAPI opens the connection, then begins the "
    "transaction, and unwinds in reverse: commit, then close.",
    "Commit after the yield when the route succeeded; close the connection after get_db's yield.",
)
def test_resources_close_in_reverse_order(client, audited):
    """A write opens the connection, begins, commits, then closes, in that order"""
    r = client.post("/articles", json={"title": "Notes on the engine"}, headers=ADA)
    assert r.status_code == 201, f"expected 201 from POST /articles, got {r.status_code}: {r.text}"

    requests = audited()
    expected = ["db.open", "tx.begin", "tx.commit", "db.close"]
    assert len(requests) == 1, (
        f"expected every event of the one request under one request id, got {requests}: the "
        "dependencies of a request must share its RequestContext"
    )
    (events,) = requests.values()
    assert events == expected, f"expected the events {expected}, got {events}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "When the route raises, the exception comes out of the yield of every dependency it used.",
    "Roll the transaction back in an except block (then re-raise) and close the connection in "
    "a finally block.",
)
def test_failed_request_rolls_back_and_closes(client, audited):
    """A failing write rolls back, and the connection is still closed"""
    r = client.delete("/articles/99", headers=ADA)
    assert r.status_code == 404, f"expected 404 from DELETE /articles/99, got {r.status_code}"

    requests = audited()
    expected = ["db.open", "tx.begin", "tx.rollback", "db.close"]
    assert len(requests) == 1, (
        f"expected every event of the one request under one request id, got {requests}"
    )
    (events,) = requests.values()
    assert events == expected, f"expected the events {expected} for a 404, got {events}"


@pytest.mark.hint(
    "get_db opens a new connection for every request and closes it when the request ends, "
    "also when the route answers 404.",
    "Reads need no transaction: they depend on get_db only.",
)
def test_each_request_gets_its_own_connection(client, audited):
    """Each read opens its own connection and closes it, 404 included"""
    for path, status in (("/articles", 200), ("/articles/3", 200), ("/articles/99", 404)):
        r = client.get(path)
        assert r.status_code == status, f"expected {status} from GET {path}, got {r.status_code}"

    requests = audited()
    assert len(requests) == 3, (
        f"expected the events of 3 requests under 3 request ids, got {len(requests)}: {requests}"
    )
    for events in requests.values():
        assert events == ["db.open", "db.close"], (
            f"expected each read to open and close one connection, got {requests}"
        )
