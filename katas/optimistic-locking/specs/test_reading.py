"""Creating and reading documents: the version, and the ETag made from it."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "A new document starts at version 1.",
    'The ETag header is the version in double quotes: "1".',
)
def test_created_document_starts_at_version_1(client, harness):
    """POST /documents answers 201 with version 1 and the ETag "1", and stores the row"""
    r = client.post("/documents", json={"title": "Plan", "body": "step one"})
    assert r.status_code == 201, f"expected 201 from POST /documents, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer id, got {body}"
    expected = {"id": body["id"], "title": "Plan", "body": "step one", "version": 1}
    assert body == expected, f"expected {expected}, got {body}"
    assert r.headers.get("etag") == '"1"', (
        f'expected the header ETag: "1" (with the quotes), got {r.headers.get("etag")!r}'
    )
    rows = [(row["id"], row["version"]) for row in harness.rows("documents")]
    assert rows == [(body["id"], 1)], f"expected one documents row at version 1, found {rows}"


@pytest.mark.points(2)
@pytest.mark.hint(
    'GET /documents/{id} sets ETag to the stored version, quoted: version 3 is "3".',
    "GET /documents lists the documents by id, each with its version.",
)
def test_get_serves_the_stored_version_as_etag(client, seed_documents):
    """GET /documents/{id} answers the ETag of the stored version, and the list shows versions"""
    first, second = seed_documents(
        {"title": "Old", "version": 3}, {"title": "New", "body": "b", "version": 1}
    )
    r = client.get(f"/documents/{first}")
    assert r.status_code == 200, f"expected 200 for document {first}, got {r.status_code}: {r.text}"
    expected = {"id": first, "title": "Old", "body": "", "version": 3}
    assert r.json() == expected, f"expected {expected}, got {r.json()}"
    assert r.headers.get("etag") == '"3"', (
        f'expected ETag: "3" for a document at version 3, got {r.headers.get("etag")!r}'
    )
    r = client.get("/documents")
    assert r.status_code == 200, f"expected 200 from GET /documents, got {r.status_code}: {r.text}"
    listed = [(item.get("id"), item.get("version")) for item in r.json()]
    assert listed == [(first, 3), (second, 1)], (
        f"expected the two documents by id with versions 3 and 1, got {r.json()}"
    )


@pytest.mark.hint("Look the document up in the session from get_db; 404 when it is not there.")
def test_unknown_document_is_404(client, seed_documents):
    """GET /documents/{id} for an id that does not exist gets 404"""
    (existing,) = seed_documents({})
    r = client.get(f"/documents/{existing + 1000}")
    assert r.status_code == 404, f"expected 404 for an unknown id, got {r.status_code}: {r.text}"
