"""PUT and PATCH: only with If-Match, only against the current version, atomically."""

import httpx
import pytest

CHANGES = {"PUT": {"title": "Changed", "body": "changed"}, "PATCH": {"title": "Changed"}}


def detail_of(response: httpx.Response) -> object:
    """The JSON `detail` of an error response, or None when there is none."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None


@pytest.mark.points(2)
@pytest.mark.hint(
    "A missing If-Match is not a validation error: make the header optional and answer 428.",
    "Nothing may change when the precondition is missing.",
)
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_missing_if_match_gets_428(client, seed_documents, stored, method):
    """A change without If-Match gets 428 Precondition Required and changes nothing"""
    (document_id,) = seed_documents({"title": "Original", "body": "text", "version": 2})
    r = client.request(method, f"/documents/{document_id}", json=CHANGES[method])
    assert r.status_code == 428 and detail_of(r), (
        f"expected 428 with a JSON detail for {method} without If-Match, got {r.status_code}: "
        f"{r.text}"
    )
    row = stored(document_id)
    assert (row["title"], row["version"]) == ("Original", 2), (
        f"expected the document untouched (Original, version 2), found {row}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Compare If-Match with the ETag of the stored version; any other value is 412.",
    "A client that read version 1 must not overwrite version 2: it has to read again first.",
)
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_stale_if_match_gets_412(client, stored, method):
    """A change based on an old version gets 412 Precondition Failed and changes nothing"""
    r = client.post("/documents", json={"title": "Original", "body": "text"})
    assert r.status_code == 201, f"expected 201 from POST /documents, got {r.status_code}: {r.text}"
    document_id = r.json()["id"]
    r = client.put(
        f"/documents/{document_id}",
        json={"title": "First edit", "body": "text"},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 200, (
        f'expected the first PUT with If-Match: "1" to succeed, got {r.status_code}: {r.text}'
    )
    r = client.request(
        method, f"/documents/{document_id}", json=CHANGES[method], headers={"If-Match": '"1"'}
    )
    assert r.status_code == 412 and detail_of(r), (
        f'expected 412 with a JSON detail for {method} with If-Match: "1" on a document at '
        f"version 2, got {r.status_code}: {r.text}"
    )
    row = stored(document_id)
    assert (row["title"], row["version"]) == ("First edit", 2), (
        f"expected the first edit to survive (First edit, version 2), found {row}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A matching If-Match: store the change, add one to the version, answer the new ETag.",
    "PUT replaces title and body; the body of the answer shows the new version.",
)
def test_matching_put_bumps_the_version(client, seed_documents, stored):
    """PUT with the current ETag answers 200, stores the change and moves to the next version"""
    (document_id,) = seed_documents({"title": "Draft", "body": "v1", "version": 4})
    r = client.put(
        f"/documents/{document_id}",
        json={"title": "Final", "body": "v2"},
        headers={"If-Match": '"4"'},
    )
    assert r.status_code == 200, (
        f'expected 200 for PUT with If-Match: "4" on version 4, got {r.status_code}: {r.text}'
    )
    expected = {"id": document_id, "title": "Final", "body": "v2", "version": 5}
    assert r.json() == expected, f"expected {expected}, got {r.json()}"
    assert r.headers.get("etag") == '"5"', (
        f'expected the new ETag "5" on the answer, got {r.headers.get("etag")!r}'
    )
    row = stored(document_id)
    assert (row["title"], row["body"], row["version"]) == ("Final", "v2", 5), (
        f"expected the stored row to be (Final, v2, version 5), found {row}"
    )
    r = client.put(
        f"/documents/{document_id}",
        json={"title": "Final 2", "body": "v3"},
        headers={"If-Match": '"5"'},
    )
    assert r.status_code == 200 and r.headers.get("etag") == '"6"', (
        f'expected the next PUT with If-Match: "5" to answer 200 and ETag "6", got '
        f"{r.status_code} {r.headers.get('etag')!r}: {r.text}"
    )


@pytest.mark.hint(
    "PATCH changes only the fields sent (model_dump(exclude_unset=True)).",
    "It moves the version on and answers the new ETag, like PUT.",
)
def test_matching_patch_changes_only_the_fields_sent(client, seed_documents, stored):
    """PATCH with the current ETag changes only the fields sent and moves to the next version"""
    (document_id,) = seed_documents({"title": "Draft", "body": "keep me", "version": 1})
    r = client.patch(
        f"/documents/{document_id}", json={"title": "Renamed"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, f"expected 200 from PATCH, got {r.status_code}: {r.text}"
    expected = {"id": document_id, "title": "Renamed", "body": "keep me", "version": 2}
    assert r.json() == expected, f"expected {expected}, got {r.json()}"
    assert r.headers.get("etag") == '"2"', f'expected ETag "2", got {r.headers.get("etag")!r}'
    row = stored(document_id)
    assert (row["title"], row["body"], row["version"]) == ("Renamed", "keep me", 2), (
        f"expected the stored row to be (Renamed, keep me, version 2), found {row}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(
    "Reading the version, comparing it in Python and then writing by id leaves a gap in which "
    "another writer can slip in.",
    "Make the write itself conditional: UPDATE ... WHERE id = ? AND version = ?, and answer 412 "
    "when it updates no row (or use the mapper's version_id_col).",
)
def test_writer_racing_in_between_wins_and_the_late_one_gets_412(
    client, harness, seed_documents, stored
):
    """A PUT whose version changes between the check and the write gets 412 and loses"""
    (document_id,) = seed_documents({"title": "Original", "body": "text", "version": 1})
    harness.race_next_update(document_id, "Written by the other client")
    r = client.put(
        f"/documents/{document_id}",
        json={"title": "Late writer", "body": "text"},
        headers={"If-Match": '"1"'},
    )
    assert harness.race_happened(), (
        f"expected the PUT to UPDATE the documents table, but it did not (answered "
        f"{r.status_code}: {r.text})"
    )
    row = stored(document_id)
    assert r.status_code == 412, (
        "expected 412: another client changed the document after this PUT had read version 1 "
        f"and before its UPDATE ran, so the UPDATE must not apply; got {r.status_code}: "
        f"{r.text}, and the row is now {row}"
    )
    assert (row["title"], row["version"]) == ("Written by the other client", 2), (
        f"expected the other client's write to survive (version 2), found {row}"
    )
