"""The title's bounds at their edges, and a PATCH that sends null."""

import pytest


@pytest.mark.hint(
    "A title is 1 to 200 characters: the shortest and the longest are stored, one past either "
    "edge answers 422.",
    "Field(min_length=1, max_length=200) on the request model's title.",
)
def test_title_is_1_to_200_characters(client, harness):
    """POST /documents accepts a title of 1 or 200 characters and answers 422 for 0 or 201"""
    for title in ("T", "t" * 200):
        r = client.post("/documents", json={"title": title})
        assert r.status_code == 201, (
            f"expected 201 from POST /documents for a title of {len(title)} characters, "
            f"got {r.status_code}: {r.text[:300]}"
        )
    for title in ("", "t" * 201):
        r = client.post("/documents", json={"title": title})
        assert r.status_code == 422, (
            f"expected 422 from POST /documents for a title of {len(title)} characters, "
            f"got {r.status_code}: {r.text[:300]}"
        )
    count = harness.row_count("documents")
    assert count == 2, f"expected only the two valid documents stored, found {count} rows"


@pytest.mark.hint(
    "PATCH checks a title it is sent like POST does (1 to 200 characters), before anything "
    "changes.",
    "A field sent as null is left as it is: model_dump(exclude_unset=True, exclude_none=True).",
)
def test_patch_checks_the_title_and_leaves_nulls(client, seed_documents, stored):
    """PATCH takes titles of 1 to 200 characters (else 422), and leaves a field sent as null"""
    (document_id,) = seed_documents({"title": "Draft", "body": "keep me", "version": 1})
    path = f"/documents/{document_id}"
    for title in ("", "t" * 201):
        r = client.patch(path, json={"title": title}, headers={"If-Match": '"1"'})
        assert r.status_code == 422, (
            f"expected 422 from PATCH with a title of {len(title)} characters, "
            f"got {r.status_code}: {r.text[:300]}"
        )
    row = stored(document_id)
    assert (row["title"], row["version"]) == ("Draft", 1), (
        f"expected the document untouched (Draft, version 1) after the 422s, found {row}"
    )
    r = client.patch(path, json={"title": None, "body": "new"}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, (
        f'expected 200 from PATCH with {{"title": null, "body": "new"}}, got {r.status_code}: '
        f"{r.text}"
    )
    expected = {"id": document_id, "title": "Draft", "body": "new", "version": 2}
    assert r.json() == expected, f"expected {expected} (the title left as it was), got {r.json()}"
    for version, title in ((2, "T"), (3, "t" * 200)):
        r = client.patch(path, json={"title": title}, headers={"If-Match": f'"{version}"'})
        assert r.status_code == 200 and r.json().get("title") == title, (
            f"expected 200 from PATCH with a title of {len(title)} characters, got "
            f"{r.status_code}: {r.text[:300]}"
        )
