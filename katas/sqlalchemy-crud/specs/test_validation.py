"""The bounds of an article's fields, of a batch and of the page, at their edges."""

import pytest


def shown(fields: dict) -> str:
    """Fields for a failure message, long strings shortened to their length."""
    return ", ".join(
        f"{key}=<{len(value)} characters>"
        if isinstance(value, str) and len(value) > 20
        else f"{key}={value!r}"
        for key, value in fields.items()
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "slug is 1 to 100 characters, title 1 to 200 and author 1 to 100: the edges themselves are "
    "accepted, one past any of them is 422.",
    "Declare the bounds on the request model: Field(min_length=..., max_length=...).",
)
def test_new_article_fields_are_checked_at_their_edges(client, harness):
    """POST /articles accepts slug, title and author at their edges and answers 422 one past"""
    shortest = {"slug": "a", "title": "T", "author": "a"}
    longest = {"slug": "s" * 100, "title": "t" * 200, "author": "w" * 100}
    for article in (shortest, longest):
        r = client.post("/articles", json=article)
        assert r.status_code == 201, (
            f"expected 201 from POST /articles for {shown(article)}, got {r.status_code}: "
            f"{r.text[:300]}"
        )
    valid = {"slug": "fine", "title": "Fine", "author": "ann"}
    for change in (
        {"slug": "s" * 101},
        {"title": ""},
        {"title": "t" * 201},
        {"author": ""},
        {"author": "w" * 101},
    ):
        r = client.post("/articles", json={**valid, **change})
        assert r.status_code == 422, (
            f"expected 422 from POST /articles with {shown(change)}, got {r.status_code}: "
            f"{r.text[:300]}"
        )
    count = harness.row_count("articles")
    assert count == 2, f"expected only the two valid articles stored, found {count} rows"


@pytest.mark.points(2)
@pytest.mark.hint(
    "PATCH checks the fields it is sent like POST does: slug 1 to 100 characters, title 1 to "
    "200, author 1 to 100.",
    "A field sent as null is left as it is: model_dump(exclude_unset=True, exclude_none=True).",
)
def test_patch_checks_fields_and_leaves_nulls(client, harness, seed_articles):
    """PATCH checks each field at its edges, and leaves a field sent as null as it is"""
    (article_id,) = seed_articles({"slug": "keep", "title": "Kept", "author": "ann", "body": "b"})
    path = f"/articles/{article_id}"
    for change in (
        {"slug": "s" * 101},
        {"title": ""},
        {"title": "t" * 201},
        {"author": ""},
        {"author": "w" * 101},
    ):
        r = client.patch(path, json=change)
        assert r.status_code == 422, (
            f"expected 422 from PATCH with {shown(change)}, got {r.status_code}: {r.text[:300]}"
        )
    for change in (
        {"slug": "a", "title": "T", "author": "a"},
        {"slug": "s" * 100, "title": "t" * 200, "author": "w" * 100},
    ):
        r = client.patch(path, json=change)
        assert r.status_code == 200, (
            f"expected 200 from PATCH with {shown(change)}, got {r.status_code}: {r.text[:300]}"
        )
    r = client.patch(path, json={"title": None, "body": None, "status": None})
    assert r.status_code == 200, (
        f'expected 200 from PATCH with {{"title": null, "body": null, "status": null}}, got '
        f"{r.status_code}: {r.text[:300]}"
    )
    (row,) = harness.rows("articles")
    got = {key: row[key] for key in ("slug", "title", "author", "body", "status")}
    expected = {
        "slug": "s" * 100,
        "title": "t" * 200,
        "author": "w" * 100,
        "body": "b",
        "status": "draft",
    }
    assert got == expected, (
        f"expected the row to hold the longest values and the fields sent as null left as they "
        f"were ({shown(expected)}), found {shown(got)}"
    )


@pytest.mark.hint(
    "A batch holds 1 to 100 articles: an empty one and one of 101 are 422, one of 100 is stored.",
    "Field(min_length=1, max_length=100) on the batch's list of articles.",
)
def test_batch_holds_1_to_100_articles(client, harness):
    """POST /articles/bulk takes 1 or 100 articles and answers 422 for 0 or 101"""

    def batch(count: int, prefix: str) -> dict:
        return {
            "articles": [
                {"slug": f"{prefix}-{index}", "title": f"Title {index}", "author": "ann"}
                for index in range(count)
            ]
        }

    for count in (0, 101):
        r = client.post("/articles/bulk", json=batch(count, "refused"))
        assert r.status_code == 422, (
            f"expected 422 from POST /articles/bulk with {count} articles, got {r.status_code}: "
            f"{r.text[:300]}"
        )
    for count, prefix in ((1, "one"), (100, "many")):
        r = client.post("/articles/bulk", json=batch(count, prefix))
        assert r.status_code == 201, (
            f"expected 201 from POST /articles/bulk with {count} articles, got {r.status_code}: "
            f"{r.text[:300]}"
        )
    count = harness.row_count("articles")
    assert count == 101, f"expected the 1 + 100 articles of the two valid batches, found {count}"


@pytest.mark.hint(
    "limit=1 and offset=0 are the smallest values allowed: Query(ge=1) and Query(ge=0).",
)
def test_smallest_limit_and_offset_are_accepted(client, seed_articles):
    """GET /articles?limit=1&offset=0 answers the first article, echoing limit 1 and offset 0"""
    ids = seed_articles({}, {}, {})
    r = client.get("/articles?limit=1&offset=0")
    assert r.status_code == 200, (
        f"expected 200 from GET /articles?limit=1&offset=0, got {r.status_code}: {r.text[:300]}"
    )
    page = r.json()
    got = {
        "ids": [item.get("id") for item in page.get("items", [])],
        "total": page.get("total"),
        "limit": page.get("limit"),
        "offset": page.get("offset"),
    }
    expected = {"ids": ids[:1], "total": 3, "limit": 1, "offset": 0}
    assert got == expected, f"expected {expected}, got {got}"
