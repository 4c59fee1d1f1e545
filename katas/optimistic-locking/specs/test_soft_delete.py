"""DELETE marks the document deleted; to clients it is gone, in the database it stays."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "Do not delete the row: set its deleted_at and commit.",
    "Every read (GET by id and the list) skips rows whose deleted_at is set.",
)
def test_delete_is_soft(client, harness, seed_documents, stored):
    """DELETE answers 204; the document is gone from GET and the list but stays in the database"""
    gone, kept = seed_documents({"title": "Gone"}, {"title": "Kept"})
    r = client.delete(f"/documents/{gone}")
    assert r.status_code == 204 and not r.content, (
        f"expected 204 with an empty body from DELETE, got {r.status_code}: {r.text}"
    )
    r = client.get(f"/documents/{gone}")
    assert r.status_code == 404, (
        f"expected 404 for a deleted document, got {r.status_code}: {r.text}"
    )
    r = client.get("/documents")
    listed = [item.get("id") for item in r.json()] if r.status_code == 200 else r.text
    assert listed == [kept], f"expected the list to hold only document {kept}, got {listed}"
    count = harness.row_count("documents")
    assert count == 2, f"expected both rows still in the database (soft delete), found {count}"
    row = stored(gone)
    assert row["deleted_at"] is not None, f"expected deleted_at to be set on the row, found {row}"
    assert stored(kept)["deleted_at"] is None, "expected the other document not to be deleted"


@pytest.mark.hint(
    "The filter belongs in the queries: rows with a deleted_at are not there for any route.",
)
def test_rows_marked_deleted_are_hidden(client, seed_documents):
    """Rows already marked deleted in the database are hidden from GET and the list"""
    deleted, live = seed_documents(
        {"title": "Old", "deleted_at": "2024-05-01T12:00:00"}, {"title": "Live"}
    )
    r = client.get(f"/documents/{deleted}")
    assert r.status_code == 404, (
        f"expected 404 for a row with deleted_at set, got {r.status_code}: {r.text}"
    )
    r = client.get("/documents")
    listed = [item.get("id") for item in r.json()] if r.status_code == 200 else r.text
    assert listed == [live], f"expected only document {live} in the list, got {listed}"


@pytest.mark.hint(
    "A deleted document is 404 for every route, even with an If-Match that used to match.",
)
def test_deleted_document_cannot_be_changed(client, seed_documents, stored):
    """PUT, PATCH and DELETE on a deleted document get 404 and change nothing"""
    (document_id,) = seed_documents({"title": "Gone", "version": 1})
    r = client.delete(f"/documents/{document_id}")
    assert r.status_code == 204, f"expected 204 from DELETE, got {r.status_code}: {r.text}"
    attempts = [
        ("PUT", {"title": "Back", "body": ""}),
        ("PATCH", {"title": "Back"}),
        ("DELETE", None),
    ]
    for method, body in attempts:
        r = client.request(
            method, f"/documents/{document_id}", json=body, headers={"If-Match": '"1"'}
        )
        assert r.status_code == 404, (
            f"expected 404 for {method} on a deleted document, got {r.status_code}: {r.text}"
        )
    row = stored(document_id)
    assert row["title"] == "Gone" and row["deleted_at"] is not None, (
        f"expected the deleted row unchanged, found {row}"
    )


@pytest.mark.hint(
    "If-Match is optional on DELETE, but when it is sent it must match like on PUT.",
)
def test_delete_with_stale_if_match_gets_412(client, seed_documents, stored):
    """DELETE with an If-Match of an old version gets 412 and the document stays"""
    (document_id,) = seed_documents({"title": "Busy", "version": 3})
    r = client.delete(f"/documents/{document_id}", headers={"If-Match": '"2"'})
    assert r.status_code == 412, (
        f'expected 412 for DELETE with If-Match: "2" on version 3, got {r.status_code}: {r.text}'
    )
    assert stored(document_id)["deleted_at"] is None, "expected the document not to be deleted"
    r = client.get(f"/documents/{document_id}")
    assert r.status_code == 200, f"expected the document still served, got {r.status_code}"
